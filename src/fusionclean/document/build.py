"""Build the typed Document from a cleaned lxml tree.

A tag → handler table in the manner of hast-util-to-mdast: block handlers turn an element
into blocks, inline handlers into inline nodes. Tags in ``IGNORE`` are dropped with their
content; every other unknown tag passes its children through, so nothing raises and no text
is lost. Block content met in an inline context (a ``div`` inside ``a``, a ``p`` inside a
heading) is flattened into inlines separated by line breaks, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, Final, TypeAlias

from .._markers import ALIGN
from .._tree import joined_text
from ..schema import DEFAULT_SCHEMA, Schema, host_of, url_policy, video_embed
from .nodes import (
    Block,
    Code,
    CodeBlock,
    Delete,
    Details,
    Document,
    Embed,
    Emphasis,
    Figure,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Mark,
    Note,
    Paragraph,
    PostMeta,
    Quote,
    Rule,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
)  # fmt: skip

__all__ = ["BLOCK_TAGS", "HANDLERS", "IGNORE", "INLINE_HANDLERS", "build_document"]

El: TypeAlias = Any  # lxml element; typed loosely to keep handler tables simple

#: Elements whose content is never text of the document.
IGNORE: Final = frozenset(
    {
        "script", "style", "template", "noscript", "head", "title", "meta", "link", "base",
        "object", "embed", "applet", "svg", "math", "canvas", "map", "area", "input",
        "select", "textarea", "button", "option", "datalist", "param", "track", "source",
        "picture", "audio", "colgroup", "col",
    }
)  # fmt: skip

#: Elements that start a new block (flush the current run of inlines).
BLOCK_TAGS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dd",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "table", "ul", "iframe", "video", "summary", "caption", "tbody",
        "thead", "tfoot", "tr", "td", "th", "body", "html", "menu", "legend",
    }
)  # fmt: skip

_WS_RE: Final = re.compile(r"[ \t\n\r\f]+")
_SPACES: Final = " \t\n\r\f"  # what _WS_RE collapses


def _collapse(text: str) -> str:
    """Every run of HTML whitespace as one space (``_WS_RE.sub(" ", text)``, faster).

    Most runs of text need no change: five substring tests (memchr speed) say so without a
    regex scan. ASCII text is split and joined (``str.split()`` also splits on U+000B and
    U+001C–U+001F, which an lxml tree never holds); other text takes the regex.
    """
    if "  " not in text and "\n" not in text and "\t" not in text and "\r" not in text and "\f" not in text:
        return text
    if text.isascii():
        inner = " ".join(text.split())
        if not inner:
            return " "
        return (" " if text[0] in _SPACES else "") + inner + (" " if text[-1] in _SPACES else "")
    return _WS_RE.sub(" ", text)


_LANG_RE: Final = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]+)")
_HEADINGS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


_INT_RE: Final = re.compile(r"(\d{1,9})(?!\d)")  # after the blanks lstrip() took (linear)


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    m = _INT_RE.match(value.lstrip())
    return int(m.group(1)) if m else None


def _tag(el: El) -> str | None:
    tag = el.tag
    return tag if isinstance(tag, str) else None


# ------------------------------------------------------------------ inline assembly
def _normalize_inlines(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Merge adjacent text, collapse whitespace, trim the ends and around line breaks."""
    if not nodes:
        return ()
    if all(type(n) is Text for n in nodes):  # the common case: runs of plain text only
        joined = nodes[0].value if len(nodes) == 1 else "".join([n.value for n in nodes])  # type: ignore[union-attr]
        value = _collapse(joined).strip(" ")
        return (Text(value=value),) if value else ()
    merged: list[Inline] = []
    pending: list[str] = []  # raw text of the current run of Text nodes
    has_break = adjacent_marks = False

    def flush() -> None:
        value = _collapse(pending[0] if len(pending) == 1 else "".join(pending))
        pending.clear()
        if value[:1] == " " and (not merged or _ends_with_space(merged[-1])):
            value = value[1:]
        if value:
            merged.append(Text(value=value))

    for node in nodes:
        if type(node) is Text:
            if node.value:
                pending.append(node.value)
            continue
        if pending:
            flush()
        if merged:
            prev = merged[-1]
            if type(prev) is Text and prev.value.endswith(" ") and _starts_with_space(node):
                node = _lstrip(node)
            elif type(prev) is type(node) and isinstance(node, _MARKS):
                adjacent_marks = True
        if type(node) is LineBreak:
            has_break = True
        merged.append(node)
    if pending:
        flush()
    if has_break:  # trim around breaks
        out: list[Inline] = []
        for i, node in enumerate(merged):
            if isinstance(node, LineBreak):
                if out:
                    out[-1] = _rstrip(out[-1])
                if i + 1 < len(merged):
                    merged[i + 1] = _lstrip(merged[i + 1])
            out.append(node)
    else:
        out = merged
    if adjacent_marks:
        out = _merge_marks(out)
    while out and _is_blank(out[0]):
        out.pop(0)
    while out and _is_blank(out[-1]):
        out.pop()
    if out:
        out[0] = _lstrip(out[0])
        out[-1] = _rstrip(out[-1])
    return tuple(n for n in out if not (isinstance(n, Text) and not n.value))


_MARKS: Final = (Strong, Emphasis, Delete, Superscript, Subscript, Mark)


def _merge_marks(nodes: list[Inline]) -> list[Inline]:
    """``<strong>a</strong><strong>b</strong>`` → one Strong (editors split marks often).

    A run of marks of one kind becomes one mark holding all their children, merged in
    turn; adjacent texts become one. One pass over each level: merging a run pairwise
    re-read the growing mark's children at every step (n² for 20,000 bold words).
    """
    out: list[Inline] = []
    texts: list[str] = []  # the current run of adjacent texts
    i, count = 0, len(nodes)
    while i < count:
        node = nodes[i]
        if type(node) is Text:
            texts.append(node.value)
            i += 1
            continue
        if texts:
            out.append(Text(value="".join(texts)))
            texts = []
        kind = type(node)
        end = i + 1
        if isinstance(node, _MARKS):
            while end < count and type(nodes[end]) is kind:
                end += 1
        if end - i > 1:
            kids = [kid for mark in nodes[i:end] for kid in mark.children]  # type: ignore[union-attr]
            out.append(_with_children(node, tuple(_merge_marks(kids))))
        else:
            out.append(node)
        i = end
    if texts:
        out.append(Text(value="".join(texts)))
    return out


def _is_blank(node: Inline) -> bool:
    if isinstance(node, LineBreak):
        return True
    if isinstance(node, Text):
        return not node.value.strip(" ")
    return False


def _starts_with_space(node: Inline) -> bool:
    if isinstance(node, Text):
        return node.value.startswith(" ")
    kids: tuple[Inline, ...] = getattr(node, "children", ())
    return bool(kids) and not isinstance(node, Link) and _starts_with_space(kids[0])


def _ends_with_space(node: Inline) -> bool:
    if isinstance(node, Text):
        return node.value.endswith(" ")
    if isinstance(node, LineBreak):
        return True
    kids: tuple[Inline, ...] = getattr(node, "children", ())
    return bool(kids) and _ends_with_space(kids[-1])


def _lstrip(node: Inline) -> Inline:
    """``node`` without leading spaces (the same object when it has none)."""
    if isinstance(node, Text):
        value = node.value.lstrip(" ")
        return node if len(value) == len(node.value) else Text(value=value)
    kids = getattr(node, "children", None)
    if kids and not isinstance(node, (Image, LineBreak)):
        first = _lstrip(kids[0])
        if first is kids[0]:
            return node
        new = (first, *kids[1:]) if not (isinstance(first, Text) and not first.value) else kids[1:]
        return _with_children(node, new)
    return node


def _rstrip(node: Inline) -> Inline:
    """``node`` without trailing spaces (the same object when it has none)."""
    if isinstance(node, Text):
        value = node.value.rstrip(" ")
        return node if len(value) == len(node.value) else Text(value=value)
    kids = getattr(node, "children", None)
    if kids and not isinstance(node, (Image, LineBreak)):
        last = _rstrip(kids[-1])
        if last is kids[-1]:
            return node
        keep = not (isinstance(last, Text) and not last.value)
        new = (*kids[:-1], last) if keep else kids[:-1]
        return _with_children(node, new)
    return node


def _with_children(node: Inline, children: tuple[Inline, ...]) -> Inline:
    kind = type(node)
    if kind in _MARKS:  # children is their only field: no need for dataclasses.replace
        return kind(children=children)  # type: ignore[call-arg,unused-ignore]
    import dataclasses

    new: Inline = dataclasses.replace(node, children=children)  # type: ignore[call-arg,arg-type,unused-ignore]
    return new


def _tidy(kids: list[Inline]) -> tuple[list[Inline], tuple[Inline, ...], list[Inline]]:
    """Whitespace inside a mark or link: collapsed, trimmed around breaks; breaks at its
    edges are hoisted out (``**text\\n**`` would not be Markdown emphasis).

    Returns ``(breaks before, inner children, breaks after)``.
    """
    if len(kids) == 1:  # the common cases: one run of text, one image
        kid = kids[0]
        if type(kid) is Text:
            value = _collapse(kid.value)
            return [], ((Text(value=value),) if value else ()), []
        if type(kid) is Image:
            return [], (kid,), []
    merged: list[Inline] = []
    for node in kids:
        if isinstance(node, Text):
            value = _collapse(node.value)
            if merged and isinstance(merged[-1], Text):
                value = _collapse(merged[-1].value + value)
                merged[-1] = Text(value=value)
            elif value:
                merged.append(Text(value=value))
        else:
            merged.append(node)
    for i, node in enumerate(merged):
        if isinstance(node, LineBreak):
            if i > 0 and isinstance(merged[i - 1], Text):
                merged[i - 1] = Text(value=merged[i - 1].value.rstrip(" "))  # type: ignore[union-attr]
            if i + 1 < len(merged) and isinstance(merged[i + 1], Text):
                merged[i + 1] = Text(value=merged[i + 1].value.lstrip(" "))  # type: ignore[union-attr]
    merged = [n for n in merged if not (isinstance(n, Text) and not n.value)]
    before: list[Inline] = []
    after: list[Inline] = []
    while merged and isinstance(merged[0], LineBreak):
        before.append(merged.pop(0))
    while merged and isinstance(merged[-1], LineBreak):
        after.insert(0, merged.pop())
    return before, tuple(merged), after


def _has_content(inlines: tuple[Inline, ...]) -> bool:
    for node in inlines:
        if isinstance(node, (Image, Code)):
            return True
        if isinstance(node, Text) and node.value.strip():
            return True
        if isinstance(node, Link) and node.children and _has_content(node.children):
            return True
        kids = getattr(node, "children", None)
        if kids and not isinstance(node, Link) and _has_content(kids):
            return True
    return False


# ------------------------------------------------------------------------- builder
class Builder:
    """Stateless converter from lxml elements to Document nodes (safe to share).

    Every address it writes into the Document (links, images, embeds, the metadata's) has
    passed :func:`fusionclean.schema.url_policy` with ``schema``, whatever ran before it.
    """

    def __init__(
        self,
        handlers: Mapping[str, Callable[[Builder, El], list[Block]]] | None = None,
        inline_handlers: Mapping[str, Callable[[Builder, El], list[Inline]]] | None = None,
        schema: Schema = DEFAULT_SCHEMA,
    ) -> None:
        self.handlers = {**HANDLERS, **(handlers or {})}
        self.inline_handlers = {**INLINE_HANDLERS, **(inline_handlers or {})}
        self.schema = schema

    # -- blocks ------------------------------------------------------------------
    def blocks(self, el: El, skip: El | None = None) -> list[Block]:
        """Blocks from the content of ``el`` (its text, children and their tails).

        ``skip`` is a child read elsewhere (a quote's footer, a summary): left out, its tail kept.
        """
        if not len(el):  # text only (a list item, a cell): at most one paragraph
            inlines = self.phrasing(el)
            return [Paragraph(children=inlines)] if inlines and _has_content(inlines) else []
        text = el.text
        out: list[Block] = []
        run: list[Inline] = []
        handlers = self.handlers
        if text and text.strip(_SPACES):  # whitespace opening a run is trimmed anyway
            run.append(Text(value=text))
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in IGNORE or child is skip:
                pass
            elif tag in BLOCK_TAGS or tag in handlers:
                if run:
                    self._flush(run, out)
                    run = []
                handler = handlers.get(tag)
                out.extend(handler(self, child) if handler else self.blocks(child))
            else:
                run.extend(self.inline(child))
            tail = child.tail
            if tail and (run or tail.strip(_SPACES)):
                run.append(Text(value=tail))
        if run:
            self._flush(run, out)
        return out

    def _flush(self, run: list[Inline], out: list[Block]) -> None:
        inlines = _normalize_inlines(run)
        if inlines and _has_content(inlines):
            out.append(Paragraph(children=inlines))

    # -- inlines -----------------------------------------------------------------
    def inlines(self, el: El) -> list[Inline]:
        """Inline nodes from the content of ``el``; nested blocks are flattened."""
        out: list[Inline] = []
        if el.text:
            out.append(Text(value=el.text))
        handlers = self.inline_handlers
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag not in IGNORE:
                handler = handlers.get(tag)
                if handler is not None:  # what inline() does, without a second lookup
                    out.extend(handler(self, child))
                elif tag in BLOCK_TAGS:
                    inner = self.inlines(child)
                    if inner and _has_content(tuple(inner)):
                        if out and _has_content(tuple(out)):
                            out.append(LineBreak())
                        out.extend(inner)
                        if child.tail and child.tail.strip():
                            out.append(LineBreak())
                else:
                    out.extend(self.inlines(child))
            tail = child.tail
            if tail:
                out.append(Text(value=tail))
        return out

    def inline(self, el: El) -> list[Inline]:
        """Inline nodes for one element."""
        tag = _tag(el)
        if tag is None or tag in IGNORE:
            return []
        handler = self.inline_handlers.get(tag)
        if handler is not None:
            return handler(self, el)
        return self.inlines(el)

    def phrasing(self, el: El) -> tuple[Inline, ...]:
        """Normalized inline content of ``el``."""
        if not len(el):  # text only (most paragraphs, cells, headings): no inline nodes to merge
            text = el.text
            value = _collapse(text).strip(" ") if text else ""
            return (Text(value=value),) if value else ()
        return _normalize_inlines(self.inlines(el))

    def document(self, root: El, meta: PostMeta | None = None) -> Document:
        """The Document for a container element."""
        return Document(children=tuple(self.blocks(root)), meta=(meta or PostMeta()).checked(self.schema))


# ------------------------------------------------------------------ block handlers
def _heading(b: Builder, el: El) -> list[Block]:
    inlines = b.phrasing(el)
    # a heading holding only images is a figure, not an empty title
    if not inlines:
        return []
    if all(isinstance(n, (Image, LineBreak)) for n in inlines):
        return [Figure(children=tuple(n for n in inlines if isinstance(n, Image)))]
    if not _has_content(inlines):
        return []
    return [Heading(level=_HEADINGS[el.tag], children=inlines, align=_align(el))]


_ALIGNMENTS: Final = frozenset({"center", "right", "justify"})


def _align(el: El) -> str | None:
    """Alignment kept by ``NormalizeStyles(keep_text_align=True)`` (or an HTML output's own)."""
    value = el.get(ALIGN)
    if value is None:
        style = el.get("style")
        if not style or "text-align" not in style:
            return None
        value = style.split("text-align", 1)[1].lstrip(" :").split(";")[0].strip().lower()
    return value if value in _ALIGNMENTS else None


def _paragraph(b: Builder, el: El) -> list[Block]:
    # a <p> that (after a bad parse) holds blocks: keep them as blocks
    if len(el) and any(c.tag in BLOCK_TAGS for c in el):
        return b.blocks(el)
    inlines = b.phrasing(el)
    return [Paragraph(children=inlines, align=_align(el))] if inlines and _has_content(inlines) else []


def _list(b: Builder, el: El) -> list[Block]:
    items: list[ListItem] = []
    loose: list[Inline] = []
    if el.text and el.text.strip():
        loose.append(Text(value=el.text))
    for child in el:
        tag = _tag(child)
        if tag == "li":
            if loose:
                items.append(_loose_item(loose))
                loose = []
            items.append(ListItem(children=tuple(b.blocks(child))))
        elif tag in ("ul", "ol") and items:
            # a list nested directly in a list belongs to the previous item
            prev = items[-1]
            items[-1] = ListItem(children=(*prev.children, *_list(b, child)))
        elif tag is not None and tag not in IGNORE:
            blocks = b.blocks(child) if tag in BLOCK_TAGS else []
            if blocks:
                items.append(ListItem(children=tuple(blocks)))
            elif tag not in BLOCK_TAGS:
                loose.extend(b.inline(child))
        if child.tail and child.tail.strip():
            loose.append(Text(value=child.tail))
    if loose:
        items.append(_loose_item(loose))
    items = [item for item in items if item.children]
    if not items:
        return []
    ordered = el.tag == "ol"
    start = _int(el.get("start")) if ordered else None
    return [List(ordered=ordered, start=start if start not in (None, 1) else None,
                 children=tuple(items))]  # fmt: skip


def _loose_item(run: list[Inline]) -> ListItem:
    inlines = _normalize_inlines(run)
    return ListItem(children=(Paragraph(children=inlines),) if inlines else ())


def _blockquote(b: Builder, el: El) -> list[Block]:
    citation: tuple[Inline, ...] = ()
    last = el[-1] if len(el) else None
    footer = None
    # the source line: a <footer> (Avada's testimonials), or a <cite> standing on its own
    # after the quoted blocks (the block editor's quote and pull quote)
    if (
        last is not None
        and (_tag(last) == "footer" or (_tag(last) == "cite" and len(el) > 1))
        and not (last.tail or "").strip()
    ):
        footer = last
        citation = b.phrasing(last)
        if citation and isinstance(citation[0], Text) and citation[0].value.startswith(("— ", "- ", "– ")):
            rest = citation[0].value[2:]
            citation = ((Text(value=rest),) if rest else ()) + citation[1:]
    blocks = tuple(b.blocks(el, skip=footer))
    if not blocks and not citation:
        return []
    return [Quote(children=blocks, citation=citation)]


def _figure(b: Builder, el: El) -> list[Block]:
    simple = _simple_figure(b, el)
    if simple is not None:
        return simple
    caption: tuple[Inline, ...] = ()
    content: list[Inline] = []
    quote: list[Block] = []
    others: list[Block] = []
    inner_captions: list[tuple[Inline, ...]] = []  # of figures nested in this one
    if el.text and el.text.strip():
        content.append(Text(value=el.text))
    for child in el:
        tag = _tag(child)
        if tag == "figcaption":
            caption = b.phrasing(child)
        elif tag == "blockquote":
            quote.extend(_blockquote(b, child))
        elif tag in ("img", "a", "picture") or (tag is not None and tag not in BLOCK_TAGS):
            content.extend(b.inline(child))
        elif tag is not None and tag not in IGNORE:
            # a table, an embed: read as what it is; a list (a gallery's) is read through,
            # its images joining this figure
            handler = None if tag in _READ_THROUGH else b.handlers.get(tag)
            inner = handler(b, child) if handler is not None else b.blocks(child)
            for block in inner:
                if isinstance(block, Figure):
                    content.extend(block.children)
                    if block.caption:
                        inner_captions.append(block.caption)
                elif isinstance(block, Paragraph) and _only_media(block.children):
                    content.extend(n for n in block.children if not isinstance(n, Text))
                else:
                    others.append(block)
        if child.tail and child.tail.strip():
            content.append(Text(value=child.tail))
    if quote and len(quote) == 1 and isinstance(quote[0], Quote) and not content:
        q = quote[0]
        return [Quote(children=q.children, citation=q.citation or caption), *others]
    if inner_captions:  # merged figures keep their captions: the first one without its own
        if not caption:
            caption = inner_captions.pop(0)
        others[:0] = [Paragraph(children=c) for c in inner_captions]
    inlines = _normalize_inlines(content)
    media = tuple(n for n in inlines if not isinstance(n, (Text, LineBreak)))
    # words written in the figure outside its caption (a credit line, say) are kept: as the
    # caption when there is none, else as a paragraph after the figure
    loose = _normalize_inlines([n for n in inlines if isinstance(n, (Text, LineBreak))])
    if loose and _has_content(loose):
        if not caption:
            caption = loose
        else:
            others.insert(0, Paragraph(children=loose))
    out: list[Block] = list(quote)
    if media:
        out.insert(0, Figure(children=media, caption=caption))
        return out + others
    # no image: the figure holds a table, an embed or text, and its caption follows them
    # (a lone table without a caption of its own takes it as its caption)
    if caption and _has_content(caption):
        tables = [i for i, block in enumerate(others) if isinstance(block, Table)]
        table = others[tables[0]] if len(tables) == 1 else None
        if isinstance(table, Table) and not table.caption:
            others[tables[0]] = replace(table, caption=caption)
        else:
            others.append(Paragraph(children=caption))
    return out + others


_READ_THROUGH: Final = frozenset({"ul", "ol", "li", "dl", "dt", "dd"})


def _simple_figure(b: Builder, el: El) -> list[Block] | None:
    """What ``_figure`` makes of the common ``<figure><img>[<figcaption>]</figure>`` (the
    image maybe in a link) with no loose text, or None for any other figure (read by the
    general code)."""
    n = len(el)
    if not n or n > 2 or (el.text and not el.text.isspace()):
        return None
    img = el[0]
    if img.tag not in ("img", "a") or (img.tail and not img.tail.isspace()):
        return None
    caption: tuple[Inline, ...] = ()
    if n == 2:
        cap = el[1]
        if cap.tag != "figcaption" or (cap.tail and not cap.tail.isspace()):
            return None
        caption = b.phrasing(cap)
    media = b.inline(img)
    if not media:
        return [Paragraph(children=caption)] if caption and _has_content(caption) else []
    if len(media) == 1:
        node = media[0]
        if type(node) is Image or (
            type(node) is Link and len(node.children) == 1 and type(node.children[0]) is Image
        ):
            return [Figure(children=(node,), caption=caption)]
    return None


def _only_media(inlines: tuple[Inline, ...]) -> bool:
    for n in inlines:
        if isinstance(n, Image):
            continue
        if isinstance(n, Link) and all(isinstance(c, Image) for c in n.children):
            continue
        if isinstance(n, Text) and not n.value.strip():
            continue
        return False
    return True


def _table(b: Builder, el: El) -> list[Block]:
    cell = _lone_cell(el)
    if cell is not None and el.find("caption") is None:
        return b.blocks(cell)  # a one-cell table is layout, not data
    head: list[TableRow] = []
    body: list[TableRow] = []
    caption: tuple[Inline, ...] = ()
    for part in el:
        tag = _tag(part)
        if tag == "caption":
            caption = b.phrasing(part)
        elif tag == "thead":
            head.extend(_rows(b, part))
        elif tag in ("tbody", "tfoot"):
            body.extend(_rows(b, part))
        elif tag == "tr":
            body.extend(_rows(b, el, only=part))
    if not head and body and all(c.header for c in body[0].children):
        head, body = [body[0]], body[1:]
    if not head and not body:
        return [Paragraph(children=caption)] if caption else []
    return [Table(head=tuple(head), body=tuple(body), caption=caption)]


def _lone_cell(table: El) -> El | None:
    """The table's only cell (of its rows, or of its sections' rows), or None."""
    found: list[El] = []
    for part in table:
        if part.tag == "tr":
            found.extend(part.iterchildren("td", "th"))
        for tr in part.iterchildren("tr"):
            found.extend(tr.iterchildren("td", "th"))
        if len(found) > 1:
            return None
    return found[0] if found else None


def _rows(b: Builder, section: El, only: El | None = None) -> Iterator[TableRow]:
    rows = [only] if only is not None else [r for r in section if r.tag == "tr"]
    for tr in rows:
        cells = []
        for td in tr:
            tag = td.tag
            if tag != "td" and tag != "th":
                continue
            colspan = td.get("colspan")
            rowspan = td.get("rowspan")
            cells.append(
                TableCell(
                    header=tag == "th",
                    colspan=1 if colspan is None else max(1, min(_int(colspan) or 1, 1000)),
                    rowspan=1 if rowspan is None else max(1, min(_int(rowspan) or 1, 65534)),
                    children=b.phrasing(td),
                )
            )
        if cells:
            yield TableRow(children=tuple(cells))


def _pre(b: Builder, el: El) -> list[Block]:
    code_el = el.find("code") if len(el) == 1 and not (el.text or "").strip() else None
    cls = (code_el if code_el is not None else el).get("class") or ""
    m = _LANG_RE.search(cls)
    text = joined_text(el, "\n")  # a <br> in preformatted text is a line break
    if text.startswith("\n"):
        text = text[1:]  # the HTML parser drops one leading newline after <pre>
    text = text.rstrip("\n")
    if not text.strip():
        return []
    return [CodeBlock(value=text, language=m.group(1) if m else None)]


def _embed(b: Builder, el: El) -> list[Block]:
    src = el.get("src") or ""
    if not src and el.tag == "video":
        source = el.find("source")
        src = source.get("src", "") if source is not None else ""
    if not src:
        return []
    title = el.get("title") or None
    # a YouTube or Vimeo player is rebuilt from its video id; any other address passes the
    # URL policy (under every preset: "minimal" has no sanitize step before this)
    player = video_embed(src) if el.tag == "iframe" else None
    if player is not None:
        return [Embed(provider=player[0], url=player[1], title=title)]
    if src.startswith("//"):
        src = "https:" + src  # embeds are loaded over https whatever page they land on
    url = url_policy(src, b.schema)
    if url is None:
        return []
    provider = "video" if el.tag == "video" else (host_of(url) or "iframe")
    return [Embed(provider=provider, url=url, title=title)]


def _details(b: Builder, el: El) -> list[Block]:
    first = next((c for c in el if _tag(c) == "summary"), None)
    summary = b.phrasing(first) if first is not None else ()
    blocks = tuple(b.blocks(el, skip=first))
    if not summary and not blocks:
        return []
    return [Details(summary=summary, children=blocks, open=el.get("open") is not None)]


def _aside(b: Builder, el: El) -> list[Block]:
    blocks = tuple(b.blocks(el))
    if not blocks:
        return []
    if el.get("role") == "note":
        return [Note(children=blocks)]
    return list(blocks)


def _hr(b: Builder, el: El) -> list[Block]:
    return [Rule()]


def _dt(b: Builder, el: El) -> list[Block]:
    inlines = b.phrasing(el)
    return [Paragraph(children=(Strong(children=inlines),))] if _has_content(inlines) else []


#: tag → block handler.
HANDLERS: Final[dict[str, Callable[[Builder, El], list[Block]]]] = {
    **{h: _heading for h in _HEADINGS},
    "p": _paragraph,
    "ul": _list,
    "ol": _list,
    "menu": _list,
    "blockquote": _blockquote,
    "figure": _figure,
    "table": _table,
    "pre": _pre,
    "iframe": _embed,
    "video": _embed,
    "details": _details,
    "aside": _aside,
    "hr": _hr,
    "dt": _dt,
}


# ----------------------------------------------------------------- inline handlers
def _holds(kind: type, nodes: Iterable[Inline]) -> bool:
    """Is a ``kind`` mark anywhere among ``nodes`` (or inside them)?"""
    for node in nodes:
        if type(node) is kind:
            return True
        kids = getattr(node, "children", None)
        if kids and _holds(kind, kids):
            return True
    return False


def _unnest(kind: type, nodes: Iterable[Inline]) -> list[Inline]:
    """``nodes`` with every ``kind`` mark inside them replaced by its children: a mark
    inside the same mark (``<em>a <em>b</em> c</em>``) adds nothing a reader sees, and
    Markdown cannot write it (``*a *b* c*`` is not nested emphasis)."""
    out: list[Inline] = []
    for node in nodes:
        kids = getattr(node, "children", None)
        if type(node) is kind:
            out.extend(_unnest(kind, kids or ()))
        elif kids and _holds(kind, kids):
            out.append(_with_children(node, tuple(_unnest(kind, kids))))
        else:
            out.append(node)
    return out


def _wrap(cls: Any) -> Callable[[Builder, El], list[Inline]]:
    def handler(b: Builder, el: El) -> list[Inline]:
        kids = b.inlines(el)
        if not kids:
            return []
        if not _has_content(tuple(kids)):
            return kids  # whitespace inside <strong> </strong> stays a space
        if (len(kids) > 1 or type(kids[0]) is not Text) and _holds(cls, kids):
            kids = _unnest(cls, kids)
        before, inner, after = _tidy(kids)
        return [*before, cls(children=inner), *after]

    return handler


def _link(b: Builder, el: El) -> list[Inline]:
    kids = b.inlines(el)
    href = url_policy(el.get("href"), b.schema)
    if not href or href == "#" or not _has_content(tuple(kids)):
        return kids  # an empty link (overlay, icon) or a bare "#" (a script trigger) leads nowhere
    before, inner, after = _tidy(kids)
    return [*before, Link(href=href, title=el.get("title") or None, children=inner), *after]


def _img(b: Builder, el: El) -> list[Inline]:
    src = url_policy(el.get("src"), b.schema, image=True)
    if not src:
        return []
    srcset = el.get("srcset") or None
    if srcset and not all(
        url_policy(c.split()[0], b.schema, image=True) for c in srcset.split(",") if c.strip()
    ):
        srcset = None  # a candidate that fails the policy: no srcset at all
    alt = el.get("alt")
    title = el.get("title")
    return [
        Image(
            src=src,
            alt=_collapse(alt).strip(" ") if alt else "",  # text: one line, like any other
            title=(_collapse(title).strip(" ") or None) if title else None,
            width=_int(el.get("width")),
            height=_int(el.get("height")),
            srcset=srcset,
        )
    ]


def _br(b: Builder, el: El) -> list[Inline]:
    return [LineBreak()]


def _code(b: Builder, el: El) -> list[Inline]:
    text = joined_text(el, "\n")
    return [Code(value=text)] if text else []


def _q(b: Builder, el: El) -> list[Inline]:
    return [Text(value="“"), *b.inlines(el), Text(value="”")]


def _iframe_inline(b: Builder, el: El) -> list[Inline]:
    blocks = _embed(b, el)
    if not blocks:
        return []
    embed = blocks[0]
    assert isinstance(embed, Embed)
    return [Link(href=embed.url, children=(Text(value=embed.title or embed.url),))]


#: tag → inline handler.
INLINE_HANDLERS: Final[dict[str, Callable[[Builder, El], list[Inline]]]] = {
    "strong": _wrap(Strong),
    "b": _wrap(Strong),
    "em": _wrap(Emphasis),
    "i": _wrap(Emphasis),
    "s": _wrap(Delete),
    "del": _wrap(Delete),
    "strike": _wrap(Delete),
    "sup": _wrap(Superscript),
    "sub": _wrap(Subscript),
    "mark": _wrap(Mark),
    "code": _code,
    "kbd": _code,
    "samp": _code,
    "tt": _code,
    "a": _link,
    "img": _img,
    "br": _br,
    "q": _q,
    "iframe": _iframe_inline,
    "video": _iframe_inline,
}

_DEFAULT_BUILDER: Final = Builder()


def build_document(
    root: El,
    meta: PostMeta | None = None,
    *,
    handlers: Mapping[str, Callable[[Builder, El], list[Block]]] | None = None,
    schema: Schema | None = None,
) -> Document:
    """Build the Document for a cleaned container element.

    Args:
        root: The container element (as returned by ``Pipeline.apply``).
        meta: Post metadata to attach (its addresses pass the URL policy).
        handlers: Block handlers merged over :data:`HANDLERS` (tag → function).
        schema: Whose URL schemes links, images, embeds and metadata may use
            (``DEFAULT_SCHEMA`` when None).
    """
    if handlers is None and schema is None:
        builder = _DEFAULT_BUILDER
    else:
        builder = Builder(handlers, schema=schema or DEFAULT_SCHEMA)
    return builder.document(root, meta)
