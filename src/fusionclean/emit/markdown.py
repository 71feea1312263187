"""CommonMark (plus GFM tables) from a Document.

Raw HTML never passes through: every character that could start markup is escaped, link
and image destinations with unsafe schemes are dropped, and constructs Markdown lacks
degrade to readable text (figures → image plus caption line, embeds → links, details →
bold summary plus content, block content in table cells → joined with " / ").
"""

from __future__ import annotations

import re
from typing import Final

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
from ..schema import DEFAULT_SCHEMA, Schema, is_safe_url

__all__ = ["MarkdownEmitter", "escape_markdown", "front_matter"]

_INLINE_ESCAPE_RE: Final = re.compile(r"[\\`*\[\]<>~|]|&(?=#?[0-9A-Za-z]+;)|!(?=\[)")
_UNDERSCORE_RE: Final = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# compiled once: the re module's own cache is shared with every other library in the process
_BACKTICKS_RE: Final = re.compile(r"`+")
_LANG_JUNK_RE: Final = re.compile(r"[^\w+#.-]")
_BARE_URL_UNSAFE_RE: Final = re.compile(r"[\s()<>]")
_LINE_START_RE: Final = re.compile(
    r"^(?P<indent> {0,3})(?:(?P<hash>#{1,6})(?=\s|$)|(?P<bullet>[-+*])(?=\s|$)"
    r"|(?P<num>\d{1,9})(?P<delim>[.)])(?=\s|$)|(?P<gt>>)|(?P<rule>[-=_*](?:\s*[-=_*])+\s*$)"
    r"|(?P<fence>```|~~~))"
)


def escape_markdown(text: str, *, in_table: bool = False) -> str:
    """Escape ``text`` so CommonMark renders it literally (inline context).

    Only what could start markup is escaped: ``snake_case`` keeps its underscores and
    ``AT&T`` its ampersand, while ``5 * 3``, ``[x](y)``, ``<b>`` and ``&amp;`` stay text.
    """
    text = _INLINE_ESCAPE_RE.sub(lambda m: "\\" + m.group(0), text)
    text = _UNDERSCORE_RE.sub(r"\\_", text)
    return text


def _escape_line_start(line: str) -> str:
    m = _LINE_START_RE.match(line)
    if m is None:
        return line
    i = len(m.group("indent"))
    if m.group("num") is not None:
        j = i + len(m.group("num"))
        return line[:j] + "\\" + line[j:]
    return line[:i] + "\\" + line[i:]


class MarkdownEmitter:
    """Emit Markdown: one method per node kind; subclass and override one to customise.

    Args:
        schema: Decides which URL schemes survive in links and images.
        front_matter: Prepend YAML front matter built from ``Document.meta``.
        bullet: The bullet character for unordered lists.
    """

    def __init__(
        self, *, schema: Schema = DEFAULT_SCHEMA, front_matter: bool = False, bullet: str = "-"
    ) -> None:
        self.schema = schema
        self.front_matter = front_matter
        self.bullet = bullet
        #: Whether the output shows ``Document.meta`` (``clean()`` reads a whole page's head
        #: only then): with front matter, or when a subclass writes its own ``emit``.
        self.uses_meta = front_matter or type(self).emit is not MarkdownEmitter.emit

    def emit(self, doc: Document) -> str:
        """The whole document as Markdown (no trailing newline)."""
        body = self.blocks(doc.children)
        if self.front_matter:
            return front_matter(doc.meta) + ("\n" + body if body else "")
        return body

    def blocks(self, nodes: tuple[Block, ...]) -> str:
        parts = [self.block(b) for b in nodes]
        return "\n\n".join(p for p in parts if p)

    def block(self, node: Block) -> str:
        match node:
            case Heading():
                return self.heading(node)
            case Paragraph():
                return self.paragraph(node.children)
            case List():
                return self.list(node)
            case Quote():
                return self.quote(node)
            case Figure():
                return self.figure(node)
            case Table():
                return self.table(node)
            case CodeBlock():
                return self.code_block(node)
            case Embed():
                link = Link(href=node.url, children=(Text(value=node.title or node.url),))
                return self.paragraph((link,))
            case Details():
                summary = self.paragraph((Strong(children=node.summary),)) if node.summary else ""
                body = self.blocks(node.children)
                return "\n\n".join(p for p in (summary, body) if p)
            case Note():
                return self._prefix(self.blocks(node.children), "> ")
            case Rule():
                return "---"
            case _:
                assert_never(node)

    def paragraph(self, children: tuple[Inline, ...]) -> str:
        text = self.inlines(children)
        return "\n".join(_escape_line_start(line.strip()) for line in text.split("\n"))

    def heading(self, node: Heading) -> str:
        text = self.inlines(node.children, in_heading=True).strip()
        if not text:
            return ""
        if text.endswith("#"):
            text = text[:-1] + "\\#"
        return "#" * min(max(node.level, 1), 6) + " " + text

    def list(self, node: List) -> str:
        items: list[str] = []
        number = node.start if node.start is not None else 1
        # tight (no blank lines) when no item holds two blocks but for nested lists after
        # its first: "- One\n  - Nested\n- Two" is still a tight list in CommonMark
        tight = all(all(type(k) is List for k in i.children[1:]) for i in node.children)
        for item in node.children:
            marker = f"{number}." if node.ordered else self.bullet
            number += 1
            body = self.list_item(item, tight=tight) or ""
            pad = " " * (len(marker) + 1)
            lines = body.split("\n")
            first = f"{marker} {lines[0]}" if lines[0] else marker
            rest = [(pad + line) if line else "" for line in lines[1:]]
            items.append("\n".join([first, *rest]))
        return ("\n" if tight else "\n\n").join(items)

    def list_item(self, item: ListItem, *, tight: bool = False) -> str:
        if tight and len(item.children) > 1:
            return "\n".join(p for p in map(self.block, item.children) if p)
        return self.blocks(item.children)

    def quote(self, node: Quote) -> str:
        body = self.blocks(node.children)
        if node.citation:
            cite = "— " + self.inlines(node.citation)
            body = f"{body}\n\n{cite}" if body else cite
        return self._prefix(body, "> ")

    def _prefix(self, text: str, prefix: str) -> str:
        return "\n".join((prefix + line).rstrip() for line in text.split("\n"))

    def figure(self, node: Figure) -> str:
        media = self.inlines(node.children)
        if not node.caption:
            return media
        return f"{media}\n\n{self.paragraph(node.caption)}" if media else self.paragraph(node.caption)

    def table(self, node: Table) -> str:
        rows = [*node.head, *node.body]
        width = max((sum(c.colspan for c in r.children) for r in rows), default=0)
        if width == 0:
            return ""

        def render(row: TableRow) -> list[str]:
            cells: list[str] = []
            for cell in row.children:
                cells.append(self.cell(cell))
                cells.extend("" for _ in range(cell.colspan - 1))
            return cells + [""] * (width - len(cells))

        head = render(node.head[0]) if node.head else [""] * width
        body = [render(r) for r in (node.head[1:] + node.body)]
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * width) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in body]
        out = "\n".join(lines)
        if node.caption:
            out = self.paragraph(node.caption) + "\n\n" + out
        return out

    def cell(self, cell: TableCell) -> str:
        return self.inlines(cell.children, in_table=True).strip()

    def code_block(self, node: CodeBlock) -> str:
        longest = max((len(m) for m in _BACKTICKS_RE.findall(node.value)), default=0)
        fence = "`" * max(3, longest + 1)
        lang = _LANG_JUNK_RE.sub("", node.language or "")
        return f"{fence}{lang}\n{node.value}\n{fence}"

    # -- inlines -----------------------------------------------------------------
    def inlines(self, nodes: tuple[Inline, ...], *, in_heading: bool = False, in_table: bool = False) -> str:
        return "".join(self.inline(n, in_heading=in_heading, in_table=in_table) for n in nodes)

    def inline(self, node: Inline, *, in_heading: bool = False, in_table: bool = False) -> str:
        kw = {"in_heading": in_heading, "in_table": in_table}
        match node:
            case Text():
                return escape_markdown(node.value, in_table=in_table)
            case Strong():
                return self._delimit("**", self.inlines(node.children, **kw))
            case Emphasis():
                return self._delimit("*", self.inlines(node.children, **kw))
            case Delete():
                return self._delimit("~~", self.inlines(node.children, **kw))
            case Superscript() | Subscript() | Mark():
                return self.inlines(node.children, **kw)
            case Code():
                return self.code(node.value)
            case Link():
                return self.link(node, **kw)
            case Image():
                return self.image(node)
            case LineBreak():
                return " " if (in_heading or in_table) else "\\\n"
            case _:
                assert_never(node)

    def _delimit(self, mark: str, inner: str) -> str:
        stripped = inner.strip()
        if not stripped:
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        if stripped.endswith("\\\n") or stripped.startswith("\\\n"):
            return inner
        return f"{lead}{mark}{stripped}{mark}{trail}"

    def code(self, value: str) -> str:
        value = value.replace("\n", " ")
        longest = max((len(m) for m in _BACKTICKS_RE.findall(value)), default=0)
        fence = "`" * (longest + 1)
        pad = " " if value.startswith(("`", " ")) or value.endswith(("`", " ")) else ""
        return f"{fence}{pad}{value}{pad}{fence}"

    def destination(self, url: str) -> str:
        if _BARE_URL_UNSAFE_RE.search(url) or not url:
            return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"
        return url.replace("\\", "%5C")

    def link(self, node: Link, **kw: bool) -> str:
        text = self.inlines(node.children, **kw)
        if not is_safe_url(node.href, self.schema.url_schemes):
            return text
        if not text.strip():
            text = escape_markdown(node.title or node.href)
        title = ' "' + node.title.replace("\\", "\\\\").replace('"', '\\"') + '"' if node.title else ""
        return f"[{text}]({self.destination(node.href)}{title})"

    def image(self, node: Image) -> str:
        if not is_safe_url(node.src, self.schema.url_schemes, image=True):
            return ""
        alt = escape_markdown(node.alt.replace("\n", " "))
        title = ' "' + node.title.replace("\\", "\\\\").replace('"', '\\"') + '"' if node.title else ""
        return f"![{alt}]({self.destination(node.src)}{title})"


def _yaml_scalar(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # a JSON string is a valid YAML scalar once the characters YAML refuses (C1 controls,
    # DEL, U+FFFE/U+FFFF) and those it reads as line breaks are escaped; lone surrogates,
    # which no UTF-8 file holds, become U+FFFD
    return _YAML_UNSAFE_RE.sub(_yaml_escape, json.dumps(str(value), ensure_ascii=False))


_YAML_UNSAFE_RE: Final = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
#: A post whose status is one of these is not public: static-site generators must not build it.
_UNPUBLISHED: Final = frozenset({"draft", "pending", "private", "future", "trash", "auto-draft"})


def _yaml_escape(m: re.Match[str]) -> str:
    char = m.group(0)
    return "\ufffd" if "\ud800" <= char <= "\udfff" else f"\\u{ord(char):04x}"


def front_matter(meta: PostMeta) -> str:
    """YAML front matter (Hugo, Jekyll, Astro) from the post's metadata (``draft: true``
    for a post that is not published)."""
    lines = ["---"] + (["draft: true"] if meta.status in _UNPUBLISHED else [])
    for key, value in meta.to_dict().items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_yaml_scalar(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"
