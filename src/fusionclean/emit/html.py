"""Semantic, minimal HTML from a Document. nh3 is the last gate on every output."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from .._compat import assert_never
from ..document.nodes import (
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
from ..schema import DEFAULT_SCHEMA, IFRAME_SANDBOX, Schema, host_of, is_safe_url, video_embed

if TYPE_CHECKING:
    import nh3

__all__ = ["HtmlEmitter", "escape_attr", "escape_text"]


def escape_text(text: str) -> str:
    """Escape what HTML text needs: ``&``, ``<`` and ``>`` (and nothing else)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attr(text: str) -> str:
    """Escape a double-quoted attribute value."""
    return escape_text(text).replace('"', "&quot;")


#: How many ``&`` one text or attribute value may hold before the gate gets them as a
#: stand-in character.
AMPERSAND_RUN: Final = 512
#: Attributes nh3 reads as addresses: it keeps or drops them by their scheme and host.
_URL_ATTRIBUTES: Final = frozenset(
    {"href", "src", "cite", "poster", "action", "formaction", "background", "longdesc", "data"}
)
#: Elements whose content the HTML parser reads as text (never written by this emitter).
_RAW_TEXT: Final = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
)
_ATTRIBUTE_RE: Final = re.compile(r'([^\s"\'>/=]+)="([^"]*)"')
_TAG_NAME_RE: Final = re.compile(r"[A-Za-z][^\s/>]*")
#: Characters to stand in for ``&amp;``: the private use areas, the first one the output lacks.
_STAND_IN_RANGES: Final = ((0xE000, 0xF900), (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE))


def _gate(cleaner: nh3.Cleaner, out: str) -> str:
    """``cleaner.clean(out)``, in time linear in the ampersands of any one text.

    nh3 (ammonia, html5ever) takes time quadratic in the ``&`` of one text or attribute
    value: 400,000 in a paragraph took 2 s, in a link's address 4 s, and four times that
    for twice as many. Where a text or value of the output holds ``AMPERSAND_RUN`` or
    more, its ``&amp;`` reach nh3 as a character the output holds nowhere, put back
    afterwards. nh3 passes such a character through untouched, and decides nothing by an
    ``&`` in a text, in a plain attribute value or in an address after its host (an
    address's scheme and host, by which nh3 keeps or drops it, are left as they are;
    ``style`` values, which it parses, too). This relies on how this emitter writes:
    every ``<``, ``>`` and ``"`` in a text or value escaped, no comments, no elements
    read as text; ``HtmlEmitter`` applies it to its own markup only.
    """
    if out.count("&") < AMPERSAND_RUN:
        return cleaner.clean(out)
    parts = out.split("<")
    crowded = [i for i, part in enumerate(parts) if part.count("&") >= AMPERSAND_RUN]
    if not crowded:
        return cleaner.clean(out)
    stand_in = _unused_character(out)
    if stand_in is None:  # every private use character is in the output: the slow way
        return cleaner.clean(out)
    for i in crowded:
        part = parts[i]
        end = part.find(">") if i else -1  # the text before the first tag has no tag
        if i and end < 0:
            continue
        tag, text = part[: end + 1], part[end + 1 :]
        if i and not tag.startswith("/"):  # a start tag (an end tag holds no values)
            name = _TAG_NAME_RE.match(tag)
            if name is None or name.group(0).lower() in _RAW_TEXT:
                continue  # a comment or a doctype, or an element read as text
            if tag.count("&") >= AMPERSAND_RUN:
                tag = _ATTRIBUTE_RE.sub(lambda m: _stand_in_value(m, stand_in), tag)
        if text.count("&") >= AMPERSAND_RUN:
            text = text.replace("&amp;", stand_in)
        parts[i] = tag + text
    return cleaner.clean("<".join(parts)).replace(stand_in, "&amp;")


def _stand_in_value(m: re.Match[str], stand_in: str) -> str:
    name, value = m.group(1).lower(), m.group(2)
    if value.count("&") < AMPERSAND_RUN or name == "style":
        return m.group(0)
    keep = _after_host(value) if name in _URL_ATTRIBUTES else 0
    return f'{m.group(1)}="{value[:keep]}{value[keep:].replace("&amp;", stand_in)}"'


def _after_host(url: str) -> int:
    """Where an address's path begins: past its scheme and host, when it has one."""
    start = url.find("//")
    if start < 0:
        return url.find(":") + 1  # no host: past the scheme (0 when there is none)
    ends = [
        i for i in (url.find("/", start + 2), url.find("?", start + 2), url.find("#", start + 2)) if i >= 0
    ]
    return min(ends) if ends else len(url)


def _unused_character(out: str) -> str | None:
    used = set(out)
    for first, stop in _STAND_IN_RANGES:
        for code in range(first, stop):
            if chr(code) not in used:
                return chr(code)
    return None


class HtmlEmitter:
    """Emit HTML: one method per node kind; subclass and override one to customise.

    Args:
        schema: The output vocabulary; the nh3 gate is configured from it.
        pretty: Indent nested blocks (lists, quotes, tables) on their own lines.
        gate: Pass the result through nh3 (turn off only for debugging).
    """

    def __init__(self, *, schema: Schema = DEFAULT_SCHEMA, pretty: bool = False, gate: bool = True) -> None:
        self.schema = schema
        self.pretty = pretty
        self.gate = gate
        # a run of one plain text is escaped directly unless a subclass renders text itself
        self._text_shortcut = type(self).inline is HtmlEmitter.inline
        #: Whether all markup is this class's own (``_gate`` relies on how it writes).
        self._own_markup = type(self) is HtmlEmitter
        #: Whether the output shows ``Document.meta`` (``clean()`` reads a whole page's head
        #: only then): not unless a subclass writes its own ``emit``.
        self.uses_meta = type(self).emit is not HtmlEmitter.emit

    def emit(self, doc: Document) -> str:
        """The whole document as an HTML fragment (no trailing newline)."""
        out = "\n".join(self.block(b, 0) for b in doc.children)
        if self.gate and out:
            out = _gate(self.schema.cleaner(), out) if self._own_markup else self.schema.cleaner().clean(out)
        return out

    # -- blocks ------------------------------------------------------------------
    def block(self, node: Block, depth: int) -> str:
        match node:
            case Heading():
                return self.heading(node)
            case Paragraph():
                return f"<p{self._align(node.align)}>{self.inlines(node.children)}</p>"
            case List():
                return self.list_block(node, depth)
            case Quote():
                return self.quote(node, depth)
            case Figure():
                return self.figure(node)
            case Table():
                return self.table(node, depth)
            case CodeBlock():
                return self.code_block(node)
            case Embed():
                return self.embed(node)
            case Details():
                return self.details(node, depth)
            case Note():
                return f'<aside role="note">{self.blocks(node.children, depth + 1)}</aside>'
            case Rule():
                return "<hr>"
            case _:
                assert_never(node)

    def blocks(self, nodes: tuple[Block, ...], depth: int) -> str:
        if not self.pretty:
            return "".join(self.block(b, depth) for b in nodes)
        pad = "\n" + "  " * depth
        inner = pad.join(self.block(b, depth) for b in nodes)
        return f"{pad}{inner}\n{'  ' * (depth - 1)}" if nodes else ""

    def heading(self, node: Heading) -> str:
        level = min(max(node.level, 1), 6)
        return f"<h{level}{self._align(node.align)}>{self.inlines(node.children)}</h{level}>"

    @staticmethod
    def _align(align: str | None) -> str:
        return f' style="text-align:{align}"' if align in ("center", "right", "justify") else ""

    def list_block(self, node: List, depth: int) -> str:
        tag = "ol" if node.ordered else "ul"
        start = f' start="{node.start}"' if node.ordered and node.start not in (None, 1) else ""
        items = [self.list_item(item, depth + 1) for item in node.children]
        return f"<{tag}{start}>{self._join(items, depth + 1)}</{tag}>"

    def list_item(self, item: ListItem, depth: int) -> str:
        kids = item.children
        if len(kids) == 1 and isinstance(kids[0], Paragraph):
            return f"<li>{self.inlines(kids[0].children)}</li>"
        return f"<li>{self.blocks(kids, depth + 1)}</li>"

    def quote(self, node: Quote, depth: int) -> str:
        cite = ""
        if node.citation:
            cite = f"<footer>— <cite>{self.inlines(node.citation)}</cite></footer>"
        return f"<blockquote>{self.blocks(node.children, depth + 1)}{cite}</blockquote>"

    def figure(self, node: Figure) -> str:
        caption = ""
        if node.caption:
            caption = f"<figcaption>{self.inlines(node.caption)}</figcaption>"
        return f"<figure>{self.inlines(node.children)}{caption}</figure>"

    def table(self, node: Table, depth: int) -> str:
        parts: list[str] = []
        if node.caption:
            parts.append(f"<caption>{self.inlines(node.caption)}</caption>")
        if node.head:
            parts.append(f"<thead>{''.join(self.row(r) for r in node.head)}</thead>")
        if node.body:
            parts.append(f"<tbody>{''.join(self.row(r) for r in node.body)}</tbody>")
        return f"<table>{self._join(parts, depth + 1)}</table>"

    def row(self, row: TableRow) -> str:
        return f"<tr>{''.join(self.cell(c) for c in row.children)}</tr>"

    def cell(self, cell: TableCell) -> str:
        tag = "th" if cell.header else "td"
        attrs = ""
        if cell.colspan > 1:
            attrs += f' colspan="{cell.colspan}"'
        if cell.rowspan > 1:
            attrs += f' rowspan="{cell.rowspan}"'
        return f"<{tag}{attrs}>{self.inlines(cell.children)}</{tag}>"

    def code_block(self, node: CodeBlock) -> str:
        cls = f' class="language-{escape_attr(node.language)}"' if node.language else ""
        return f"<pre><code{cls}>{escape_text(node.value)}</code></pre>"

    def embed(self, node: Embed) -> str:
        title = node.title or node.url
        if (
            node.provider == "video"
            and "video" in self.schema.tags
            and is_safe_url(node.url, self.schema.url_schemes)
        ):
            return f'<video controls src="{escape_attr(node.url)}"></video>'
        # an iframe only for a player rebuilt from its video id, never the address as given
        player = video_embed(node.url) if "iframe" in self.schema.tags else None
        if player is not None and host_of(player[1]) in self.schema.embed_hosts:
            title_attr = f' title="{escape_attr(node.title)}"' if node.title else ""
            return (
                f'<iframe src="{escape_attr(player[1])}"{title_attr}'
                f' sandbox="{IFRAME_SANDBOX}" allowfullscreen></iframe>'
            )
        return f"<p>{self.link(Link(href=node.url, children=(Text(value=title),)))}</p>"

    def details(self, node: Details, depth: int) -> str:
        open_ = " open" if node.open else ""
        summary = f"<summary>{self.inlines(node.summary)}</summary>"
        return f"<details{open_}>{summary}{self.blocks(node.children, depth + 1)}</details>"

    def _join(self, parts: list[str], depth: int) -> str:
        if not self.pretty:
            return "".join(parts)
        pad = "\n" + "  " * depth
        return pad + pad.join(parts) + "\n" + "  " * (depth - 1)

    # -- inlines -----------------------------------------------------------------
    def inlines(self, nodes: tuple[Inline, ...]) -> str:
        if len(nodes) == 1 and type(nodes[0]) is Text and self._text_shortcut:
            return escape_text(nodes[0].value)  # most paragraphs, headings and cells
        return "".join([self.inline(n) for n in nodes])

    def inline(self, node: Inline) -> str:
        match node:
            case Text():
                return escape_text(node.value)
            case Strong():
                return f"<strong>{self.inlines(node.children)}</strong>"
            case Emphasis():
                return f"<em>{self.inlines(node.children)}</em>"
            case Delete():
                return f"<s>{self.inlines(node.children)}</s>"
            case Superscript():
                return f"<sup>{self.inlines(node.children)}</sup>"
            case Subscript():
                return f"<sub>{self.inlines(node.children)}</sub>"
            case Mark():
                return f"<mark>{self.inlines(node.children)}</mark>"
            case Code():
                return f"<code>{escape_text(node.value)}</code>"
            case Link():
                return self.link(node)
            case Image():
                return self.image(node)
            case LineBreak():
                return "<br>"
            case _:
                assert_never(node)

    def link(self, node: Link) -> str:
        inner = self.inlines(node.children)
        if not is_safe_url(node.href, self.schema.url_schemes):
            return inner
        title = f' title="{escape_attr(node.title)}"' if node.title else ""
        return f'<a href="{escape_attr(node.href)}"{title}>{inner}</a>'

    def image(self, node: Image) -> str:
        if not is_safe_url(node.src, self.schema.url_schemes, image=True):
            return ""
        attrs: list[tuple[str, Any]] = [("src", node.src), ("alt", node.alt)]
        if node.title:
            attrs.append(("title", node.title))
        if node.width:
            attrs.append(("width", node.width))
        if node.height:
            attrs.append(("height", node.height))
        if node.srcset and "srcset" in self.schema.allowed_attributes("img"):
            attrs.append(("srcset", node.srcset))
        return "<img " + " ".join(f'{k}="{escape_attr(str(v))}"' for k, v in attrs) + ">"
