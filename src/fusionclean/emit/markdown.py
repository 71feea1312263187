"""CommonMark (plus GFM tables) from a Document, inert in every common renderer.

Raw HTML never passes through: every character that could start markup is escaped (``<``
as ``&lt;``, so the output holds no ``<`` outside code but the empty comment that keeps
two lists apart), link and image destinations with unsafe schemes are dropped, titles and
destinations are written so that no renderer can end them early, and code blocks are
indented (fences are unknown to Python-Markdown's defaults). Static-site template syntax
(``{{ }}``, ``{% %}``, Hugo's ``{{< >}}``) is neutralized unless asked to keep it.
Constructs Markdown lacks degrade to readable text (figures → image plus caption line,
embeds → links, details → bold summary plus content, block content in table cells →
joined with " / "). See docs/security.md for what is promised per renderer.
"""

from __future__ import annotations

import copy
import itertools
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
from ..schema import DEFAULT_SCHEMA, Schema, url_policy

__all__ = ["SEPARATOR", "MarkdownEmitter", "escape_markdown", "front_matter"]

# What could start markup in text: backslash-escaped, but for "<" (an entity: Python-Markdown
# has no "\\<"), an "&" that would read as an entity, and a "{" that opens template syntax
# ("{{", "{%", "{#": an entity, as "\\{%" would still hold "{%"); any other "{" is escaped too
# (Python-Markdown's attr_list reads "{ onclick=... }" after an element as attributes).
_INLINE_ESCAPE_RE: Final = re.compile(r"[\\`*\[\]>~|{]|<|&(?=#?[0-9A-Za-z]+;)|!(?=\[)")
_UNDERSCORE_RE: Final = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# compiled once: the re module's own cache is shared with every other library in the process
_BACKTICKS_RE: Final = re.compile(r"`+")
_LANG_JUNK_RE: Final = re.compile(r"[^\w+#.-]")
_LINE_START_RE: Final = re.compile(
    r"^(?P<indent> {0,3})(?:(?P<hash>#{1,6})(?=\s|$)|(?P<bullet>[-+*])(?=\s|$)"
    r"|(?P<num>\d{1,9})(?P<delim>[.)])(?=\s|$)|(?P<gt>>)|(?P<rule>[-=_*](?:\s*[-=_*])+\s*$))"
)
#: Openers of static-site template syntax: Hugo (``{{<``, ``{{%``), Liquid/Jekyll, Jinja,
#: Nunjucks/Eleventy, Handlebars (``{{``, ``{%``, ``{#``).
_TEMPLATE_RE: Final = re.compile(r"\{(?=[{%#])")
_WS_RUN_RE: Final = re.compile(r"\s+")
# a title holds none of the characters any renderer could read as its end or as markup
_TITLE_ESCAPES: Final = {ord(c): f"&#{ord(c)};" for c in "\"'()<>[]\\`|{}*_"} | {ord("&"): "&amp;"}
# a destination: percent-encoded wherever a renderer could end or re-read it
_URL_UNSAFE_RE: Final = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029<>\"'`()\\|{}\[\]]|&(?=#?[0-9A-Za-z]+;)")
#: What goes between adjacent lists (and before an indented code block that would
#: otherwise continue a list or a code block): the CommonMark idiom, honoured by
#: markdown-it, Python-Markdown and mistune alike; the only HTML in the output.
SEPARATOR: Final = "<!-- -->"
_ZWSP: Final = "\u200b"


def _escape_char(m: re.Match[str]) -> str:
    c = m.group(0)
    if c == "<":
        return "&lt;"
    if c == "&":
        return "&amp;"
    if c == "{" and m.string[m.end() : m.end() + 1] in ("{", "%", "#"):
        return "&#123;"  # "\\{%" would still hold "{%"
    return "\\" + c


def _escape_char_keep(m: re.Match[str]) -> str:
    c = m.group(0)
    if c == "{":
        return c  # kept for the template engine (and so for Python-Markdown's attr_list)
    return "&lt;" if c == "<" else "&amp;" if c == "&" else "\\" + c


def escape_markdown(text: str, *, in_table: bool = False, keep_template_syntax: bool = False) -> str:
    """Escape ``text`` so every renderer shows it literally (inline context).

    Only what could start markup is escaped: ``snake_case`` keeps its underscores and
    ``AT&T`` its ampersand, while ``5 * 3``, ``[x](y)``, ``<b>`` and ``&amp;`` stay text.
    The opener of template syntax (``{{``, ``{%``, ``{#``) becomes ``&#123;`` unless
    ``keep_template_syntax``.

    >>> escape_markdown("<b>{{ site.x }}</b>")
    '&lt;b\\\\>&#123;\\\\{ site.x }}&lt;/b\\\\>'
    """
    text = _INLINE_ESCAPE_RE.sub(_escape_char_keep if keep_template_syntax else _escape_char, text)
    if "_" in text:
        text = _UNDERSCORE_RE.sub(r"\\_", text)
    return text


def _neutralize_templates(code: str) -> str:
    """Code keeps its characters; a zero-width space between ``{`` and ``{``/``%``/``#``
    keeps Hugo, Liquid and Jinja from running it (entities do not work in code)."""
    return _TEMPLATE_RE.sub("{" + _ZWSP, code) if "{" in code else code


def _title(title: str) -> str:
    """A link or image title as `` "..."``: one line, no character a renderer could end
    it at (numeric references instead, shown as the characters by every renderer)."""
    return ' "' + _WS_RUN_RE.sub(" ", title).strip().translate(_TITLE_ESCAPES) + '"'


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
        keep_template_syntax: Write ``{`` as it is, so that ``{{ }}``, ``{% %}``,
            ``{{< >}}`` reach the template engine. By default their openers are
            neutralized (``&#123;`` in text, a zero-width space after ``{`` in code) and
            every other ``{`` is escaped, so that Hugo, Jekyll and other static-site
            generators show them instead of running them. For trusted content only: it
            also lets Python-Markdown's ``attr_list`` read ``{ onclick=... }``.
        fenced_code: Write top-level code blocks fenced, with their language (for
            CommonMark renderers). By default they are indented, which every renderer
            reads as code (Python-Markdown without its ``fenced_code`` extension reads a
            fence as text, and HTML in it goes live). Code in lists and quotes is always
            indented: Python-Markdown's ``fenced_code`` does not look there.
    """

    def __init__(
        self,
        *,
        schema: Schema = DEFAULT_SCHEMA,
        front_matter: bool = False,
        bullet: str = "-",
        keep_template_syntax: bool = False,
        fenced_code: bool = False,
    ) -> None:
        self.schema = schema
        self.front_matter = front_matter
        self.bullet = bullet
        self.keep_template_syntax = keep_template_syntax
        self.fenced_code = fenced_code
        #: Whether the output shows ``Document.meta`` (``clean()`` reads a whole page's head
        #: only then): with front matter, or when a subclass writes its own ``emit``.
        self.uses_meta = front_matter or type(self).emit is not MarkdownEmitter.emit

    def emit(self, doc: Document) -> str:
        """The whole document as Markdown (no trailing newline)."""
        body = self.blocks(doc.children)
        if self.front_matter:
            # the metadata's addresses pass the URL policy (a Document may be made by hand)
            return front_matter(doc.meta.checked(self.schema)) + ("\n" + body if body else "")
        return body

    def blocks(self, nodes: tuple[Block, ...]) -> str:
        parts: list[str] = []
        for node in nodes:
            text = self.block(node).strip("\n")  # blank lines only between blocks
            if not text:
                continue
            # two lists in a row would be read as one (and ordered ones keep counting); an
            # indented code block after a list or a code block would continue it. Judged
            # on what was written, so details, notes and empty blocks cannot hide either.
            if parts and _opens_list_or_code(text) and _ends_list_or_code(parts[-1]):
                parts.append(SEPARATOR)
            parts.append(text)
        return "\n\n".join(parts)

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
                return self._prefix(self._nested().blocks(node.children), "> ")
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
        tight = all(
            all(type(k) is List for k in i.children[1:])
            and not any(type(a) is type(b) is List for a, b in itertools.pairwise(i.children))
            for i in node.children
        )
        # a list holding an indented code block indents its items' content by four
        # columns at least: Python-Markdown reads list content at four, CommonMark at the
        # marker's width, and the code must be code for both
        wide = _holds_code(node)
        inner = self._nested()
        bodies = [(inner.list_item(item, tight=tight) or "").strip("\n") for item in node.children]
        if tight and any("\n\n" in body or body.startswith(" ") for body in bodies):
            # an item wrote blank lines after all (a details' summary and content, code
            # opening the item): a tight list would let Python-Markdown read the next item
            # as nested in it
            tight = False
            bodies = [(inner.list_item(item) or "").strip("\n") for item in node.children]
        for body in bodies:
            marker = f"{number}." if node.ordered else self.bullet
            number += 1
            width = max(len(marker) + 1, 4) if wide else len(marker) + 1
            pad = " " * width
            if body.startswith(" "):
                body = f"{SEPARATOR}\n\n{body}"  # an indented code block cannot share the marker's line
            lines = body.split("\n")
            first = f"{marker}{pad[len(marker) :]}{lines[0]}" if lines[0] else marker
            rest = [(pad + line) if line else "" for line in lines[1:]]
            items.append("\n".join([first, *rest]))
        return ("\n" if tight else "\n\n").join(items)

    def list_item(self, item: ListItem, *, tight: bool = False) -> str:
        if tight and len(item.children) > 1:
            return "\n".join(p for p in map(self.block, item.children) if p)
        return self.blocks(item.children)

    def _nested(self) -> MarkdownEmitter:
        """This emitter for content in a list item or a quote: code indented there."""
        if not self.fenced_code:
            return self
        inner = copy.copy(self)
        inner.fenced_code = False
        return inner

    def quote(self, node: Quote) -> str:
        body = self._nested().blocks(node.children)
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
        value = node.value if self.keep_template_syntax else _neutralize_templates(node.value)
        if not self.fenced_code:
            return "\n".join(("    " + line) if line.strip() else "" for line in value.split("\n"))
        longest = max((len(m) for m in _BACKTICKS_RE.findall(value)), default=0)
        fence = "`" * max(3, longest + 1)
        lang = _LANG_JUNK_RE.sub("", node.language or "")
        return f"{fence}{lang}\n{value}\n{fence}"

    # -- inlines -----------------------------------------------------------------
    def inlines(self, nodes: tuple[Inline, ...], *, in_heading: bool = False, in_table: bool = False) -> str:
        if any(type(a) is type(b) is Code for a, b in itertools.pairwise(nodes)):
            nodes = _join_code(nodes)  # adjacent code spans' fences would run together
        return "".join(self.inline(n, in_heading=in_heading, in_table=in_table) for n in nodes)

    def inline(self, node: Inline, *, in_heading: bool = False, in_table: bool = False) -> str:
        kw = {"in_heading": in_heading, "in_table": in_table}
        match node:
            case Text():
                return escape_markdown(
                    node.value, in_table=in_table, keep_template_syntax=self.keep_template_syntax
                )
            case Strong():
                return self._delimit("**", self.inlines(node.children, **kw))
            case Emphasis():
                return self._delimit("*", self.inlines(node.children, **kw))
            case Delete():
                return self._delimit("~~", self.inlines(node.children, **kw))
            case Superscript() | Subscript() | Mark():
                return self.inlines(node.children, **kw)
            case Code():
                return self.code(node.value, in_table=in_table)
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

    def code(self, value: str, *, in_table: bool = False) -> str:
        value = _WS_RUN_RE.sub(" ", value) if "\n" in value or "\r" in value else value
        if not self.keep_template_syntax:
            value = _neutralize_templates(value)
        if "&#" in value:
            # Python-Markdown loses text between a "&#" in inline code and an entity later
            # in the paragraph, and can unmake a code span after it (its HTML went live); a
            # word joiner between "&" and "#" is invisible and ends that
            value = value.replace("&#", "&\u2060#")
        if in_table:
            value = value.replace("|", "\\|")  # GFM: "\\|" keeps a pipe in its cell, code or not
        # the shortest fence no run of backticks inside matches (CommonMark and
        # Python-Markdown close a span at the first run of the fence's length)
        runs = {len(m) for m in _BACKTICKS_RE.findall(value)}
        n = 1
        while n in runs:
            n += 1
        fence = "`" * n
        pad = " " if value.startswith(("`", " ")) or value.endswith(("`", " ")) else ""
        return f"{fence}{pad}{value}{pad}{fence}"

    def destination(self, url: str) -> str:
        """``url`` percent-encoded wherever a renderer could end it or read markup in it
        (space, controls, quotes, parentheses, ``<>``, backslash, ``|``, braces, brackets,
        backticks); an ``&`` that would read as an entity is written ``&amp;``."""
        if not url:
            return "<>"
        return _URL_UNSAFE_RE.sub(_percent, url)

    def link(self, node: Link, **kw: bool) -> str:
        text = self.inlines(node.children, **kw)
        if url_policy(node.href, self.schema) is None:
            return text
        if not text.strip():
            text = escape_markdown(
                _WS_RUN_RE.sub(" ", node.title or node.href), keep_template_syntax=self.keep_template_syntax
            )
        title = _title(node.title) if node.title and node.title.strip() else ""
        return f"[{text}]({self.destination(node.href)}{title})"

    def image(self, node: Image) -> str:
        if url_policy(node.src, self.schema, image=True) is None:
            return ""
        alt = escape_markdown(_WS_RUN_RE.sub(" ", node.alt), keep_template_syntax=self.keep_template_syntax)
        title = _title(node.title) if node.title and node.title.strip() else ""
        return f"![{alt}]({self.destination(node.src)}{title})"


def _percent(m: re.Match[str]) -> str:
    c = m.group(0)
    return "&amp;" if c == "&" else "".join(f"%{b:02X}" for b in c.encode("utf-8"))


_LIST_MARKER_RE: Final = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?: |$)")


def _opens_list_or_code(text: str) -> bool:
    """Does written block ``text`` open with a list item or an indented code block?"""
    return text.startswith(" ") or _LIST_MARKER_RE.match(text) is not None


def _ends_list_or_code(text: str) -> bool:
    """Does written block ``text`` end inside a list or an indented code block? Its last
    chunk (after the last blank line) is indented (a list item's content, code) or opens
    with a list marker (a tight list)."""
    tail = text[text.rfind("\n\n") + 2 :] if "\n\n" in text else text
    return _opens_list_or_code(tail)


def _holds_code(node: Block | ListItem) -> bool:
    for child in getattr(node, "children", ()):
        if isinstance(child, CodeBlock) or (
            isinstance(child, (List, ListItem, Quote, Details, Note)) and _holds_code(child)
        ):
            return True
    return False


def _join_code(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if out and type(node) is Code and type(out[-1]) is Code:
            out[-1] = Code(value=out[-1].value + node.value)  # type: ignore[union-attr]
        else:
            out.append(node)
    return tuple(out)


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
