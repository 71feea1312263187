"""Semantic, minimal HTML from a Document. nh3 is the last gate on every output."""

from __future__ import annotations

from typing import Any

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
from ..schema import DEFAULT_SCHEMA, IFRAME_SANDBOX, Schema, host_of, is_safe_url

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
        #: Whether the output shows ``Document.meta`` (``clean()`` reads a whole page's head
        #: only then): not unless a subclass writes its own ``emit``.
        self.uses_meta = type(self).emit is not HtmlEmitter.emit

    def emit(self, doc: Document) -> str:
        """The whole document as an HTML fragment (no trailing newline)."""
        out = "\n".join(self.block(b, 0) for b in doc.children)
        if self.gate and out:
            out = self.schema.cleaner().clean(out)
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
        if (
            "iframe" in self.schema.tags
            and host_of(node.url) in self.schema.embed_hosts
            and is_safe_url(node.url, self.schema.url_schemes)
        ):
            title_attr = f' title="{escape_attr(node.title)}"' if node.title else ""
            return (
                f'<iframe src="{escape_attr(node.url)}"{title_attr}'
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
