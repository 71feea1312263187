"""Readable plain text from a Document: headings on their own lines, bullets for lists,
table rows with cells separated by `` | ``, optional wrapping."""

from __future__ import annotations

import textwrap

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
    Mark,
    Note,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Subscript,
    Superscript,
    Table,
    Text,
)  # fmt: skip
from ..schema import url_policy

__all__ = ["TextEmitter"]


class TextEmitter:
    """Emit plain text.

    Args:
        width: Wrap paragraphs at this many columns (``None``: no wrapping).
        link_urls: Append ``(url)`` after link text that differs from its URL.
    """

    def __init__(self, *, width: int | None = None, link_urls: bool = False) -> None:
        self.width = width
        self.link_urls = link_urls
        #: Whether the output shows ``Document.meta`` (``clean()`` reads a whole page's head
        #: only then): not unless a subclass writes its own ``emit``.
        self.uses_meta = type(self).emit is not TextEmitter.emit

    def emit(self, doc: Document) -> str:
        """The whole document as text (no trailing newline)."""
        return self.blocks(doc.children)

    def blocks(self, nodes: tuple[Block, ...]) -> str:
        return "\n\n".join(t for t in (self.block_text(b) for b in nodes) if t)

    def block_text(self, node: Block) -> str:
        """The text of one block."""
        match node:
            case Heading():
                return self.inlines(node.children).strip()
            case Paragraph():
                return self._wrap(self.inlines(node.children).strip())
            case List():
                lines = []
                number = node.start or 1
                for item in node.children:
                    marker = f"{number}." if node.ordered else "-"
                    number += 1
                    kids = item.children
                    if all(type(k) is List for k in kids[1:]):  # "- One" with its sublist under it
                        body = "\n".join(p for p in map(self.block_text, kids) if p)
                    else:
                        body = self.blocks(kids)
                    pad = " " * (len(marker) + 1)
                    first, *rest = body.split("\n") if body else [""]
                    lines.append("\n".join([f"{marker} {first}", *(pad + r if r else r for r in rest)]))
                return "\n".join(lines)
            case Quote():
                body = self.blocks(node.children)
                if node.citation:
                    body += "\n— " + self.inlines(node.citation).strip()
                return body
            case Figure():
                return self.inlines(node.caption).strip()
            case Table():
                rows = []
                if node.caption:
                    rows.append(self.inlines(node.caption).strip())
                for row in (*node.head, *node.body):
                    rows.append(" | ".join(self.inlines(c.children).strip() for c in row.children))
                return "\n".join(rows)
            case CodeBlock():
                return node.value
            case Embed():
                url = url_policy(node.url) or ""  # the one URL policy (a Document made by hand)
                return f"{node.title} ({url})" if node.title and url else (node.title or url)
            case Details():
                summary = self.inlines(node.summary).strip()
                return "\n\n".join(t for t in (summary, self.blocks(node.children)) if t)
            case Note():
                return self.blocks(node.children)
            case Rule():
                return ""
            case _:
                assert_never(node)

    def _wrap(self, text: str) -> str:
        if self.width is None:
            return text
        return "\n".join(textwrap.fill(line, self.width, break_on_hyphens=False) for line in text.split("\n"))

    def inlines(self, nodes: tuple[Inline, ...]) -> str:
        parts: list[str] = []
        for node in nodes:
            match node:
                case Text() | Code():
                    parts.append(node.value)
                case Strong() | Emphasis() | Delete() | Superscript() | Subscript() | Mark():
                    parts.append(self.inlines(node.children))
                case Link():
                    text = self.inlines(node.children)
                    if (
                        self.link_urls
                        and text.strip()
                        and text.strip() != node.href
                        and url_policy(node.href) is not None
                    ):
                        text = f"{text} ({node.href})"
                    parts.append(text)
                case Image():
                    pass
                case LineBreak():
                    parts.append("\n")
                case _:
                    assert_never(node)
        return "".join(parts)
