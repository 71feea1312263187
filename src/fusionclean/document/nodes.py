"""The typed Document: frozen, slotted dataclasses for blocks and inlines.

``to_dict()`` gives plain JSON with a ``"type"`` per node, named after mdast where mdast has
a name (``heading``, ``paragraph``, ``list``, ``listItem``, ``blockquote``, ``image``,
``link``, ``strong``, ``emphasis``, ``delete``, ``inlineCode``, ``code``, ``break``,
``thematicBreak``, ``table``, ``tableRow``, ``tableCell``, ``text``) and a fusionclean name
otherwise (``figure``, ``embed``, ``details``, ``note``, ``superscript``, ``subscript``,
``mark``). ``Document.from_dict(doc.to_dict()) == doc`` always holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from .._meta import PostMeta

if TYPE_CHECKING:
    from .views import Chunks

__all__ = [
    "Block", "Code", "CodeBlock", "Delete", "Details", "Document", "Embed", "Emphasis",
    "Figure", "Heading", "Image", "Inline", "LineBreak", "Link", "List", "ListItem", "Mark",
    "Note", "Paragraph", "PostMeta", "Quote", "Rule", "Section", "Strong", "Subscript",
    "Superscript", "Table", "TableCell", "TableRow", "Text", "node_from_dict",
]  # fmt: skip


# --------------------------------------------------------------------------- inlines
@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    """A run of plain text (never empty in a built Document)."""

    type: ClassVar[str] = "text"
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Strong:
    """Strong importance (``<strong>``)."""

    type: ClassVar[str] = "strong"
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Emphasis:
    """Stress emphasis (``<em>``)."""

    type: ClassVar[str] = "emphasis"
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Delete:
    """Struck-through text (``<s>``)."""

    type: ClassVar[str] = "delete"
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Superscript:
    """Superscript (``<sup>``)."""

    type: ClassVar[str] = "superscript"
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Subscript:
    """Subscript (``<sub>``)."""

    type: ClassVar[str] = "subscript"
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """Highlighted text (``<mark>``, Fusion's highlight element)."""

    type: ClassVar[str] = "mark"
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    """Inline code."""

    type: ClassVar[str] = "inlineCode"
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A hyperlink."""

    type: ClassVar[str] = "link"
    href: str
    title: str | None = None
    children: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Image:
    """An image. ``srcset`` is kept only when the pipeline was asked to keep it."""

    type: ClassVar[str] = "image"
    src: str
    alt: str = ""
    title: str | None = None
    width: int | None = None
    height: int | None = None
    srcset: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LineBreak:
    """A hard line break (``<br>``)."""

    type: ClassVar[str] = "break"


Inline: TypeAlias = (
    "Text | Strong | Emphasis | Delete | Superscript | Subscript | Mark | Code | Link | Image | LineBreak"
)


# ---------------------------------------------------------------------------- blocks
@dataclass(frozen=True, slots=True, kw_only=True)
class Heading:
    """A heading of level 1-6."""

    type: ClassVar[str] = "heading"
    level: int
    children: tuple[Inline, ...]
    align: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    """A paragraph of inline content."""

    type: ClassVar[str] = "paragraph"
    children: tuple[Inline, ...]
    align: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ListItem:
    """One list item; holds blocks (a simple item is one paragraph)."""

    type: ClassVar[str] = "listItem"
    children: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class List:
    """An ordered or unordered list."""

    type: ClassVar[str] = "list"
    ordered: bool = False
    start: int | None = None
    children: tuple[ListItem, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A block quotation, optionally attributed (testimonials: the author)."""

    type: ClassVar[str] = "blockquote"
    children: tuple[Block, ...]
    citation: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """One or more images (possibly linked) with an optional caption."""

    type: ClassVar[str] = "figure"
    children: tuple[Inline, ...]
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TableCell:
    """A table cell; block content in a source cell is flattened with line breaks."""

    type: ClassVar[str] = "tableCell"
    header: bool = False
    colspan: int = 1
    rowspan: int = 1
    children: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TableRow:
    """A table row."""

    type: ClassVar[str] = "tableRow"
    children: tuple[TableCell, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A table: header rows, body rows and an optional caption."""

    type: ClassVar[str] = "table"
    head: tuple[TableRow, ...] = ()
    body: tuple[TableRow, ...] = ()
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeBlock:
    """Preformatted code, with its language when known."""

    type: ClassVar[str] = "code"
    value: str
    language: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Embed:
    """Embedded media: a YouTube/Vimeo player, a self-hosted video, another iframe."""

    type: ClassVar[str] = "embed"
    provider: str
    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Details:
    """A disclosure widget (toggles, accordions, FAQ items)."""

    type: ClassVar[str] = "details"
    summary: tuple[Inline, ...]
    children: tuple[Block, ...] = ()
    open: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A callout such as a Fusion alert (``<aside role="note">``)."""

    type: ClassVar[str] = "note"
    children: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A thematic break (``<hr>``)."""

    type: ClassVar[str] = "thematicBreak"


Block: TypeAlias = (
    "Heading | Paragraph | List | Quote | Figure | Table | CodeBlock | Embed | Details | Note | Rule"
)
Node: TypeAlias = "Block | Inline | ListItem | TableRow | TableCell"

_NODE_CLASSES: dict[str, type[Any]] = {
    cls.type: cls
    for cls in (
        Text, Strong, Emphasis, Delete, Superscript, Subscript, Mark, Code, Link, Image,
        LineBreak, Heading, Paragraph, ListItem, List, Quote, Figure, TableCell, TableRow,
        Table, CodeBlock, Embed, Details, Note, Rule,
    )
}  # fmt: skip
_TUPLE_FIELDS = frozenset({"children", "citation", "caption", "summary", "head", "body"})


def _node_to_dict(node: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": node.type}
    for f in fields(node):
        value = getattr(node, f.name)
        if f.name in _TUPLE_FIELDS:
            out[f.name] = [_node_to_dict(child) for child in value]
        elif value is not None:
            out[f.name] = value
    return out


def node_from_dict(data: Mapping[str, Any]) -> Any:
    """Rebuild one node (and its children) from its ``to_dict()`` form.

    Raises:
        InputError: an unknown ``type`` or a malformed node.
    """
    from ..errors import InputError

    if not isinstance(data, Mapping) or "type" not in data:
        raise InputError(f"not a fusionclean node: {data!r:.80}")
    cls = _NODE_CLASSES.get(data["type"])
    if cls is None:
        raise InputError(f"unknown node type {data['type']!r}")
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in _TUPLE_FIELDS:
            value = tuple(node_from_dict(child) for child in value)
        kwargs[f.name] = value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise InputError(f"malformed {data['type']} node: {exc}") from None


# ------------------------------------------------------------------------------ meta
# -------------------------------------------------------------------------- document
@dataclass(frozen=True, slots=True)
class Section:
    """A heading and everything under it up to the next heading of the same or higher rank.

    ``path`` is the breadcrumb: the titles of the enclosing sections, this one last.
    The top-level section before any heading has ``heading=None`` and an empty path.
    """

    heading: Heading | None
    path: tuple[str, ...]
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """The cleaned content as a typed tree, plus the post's metadata."""

    children: tuple[Block, ...] = ()
    meta: PostMeta = field(default_factory=PostMeta)

    # -- JSON ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``{"type": "root", "meta": {...}, "children": [...]}``."""
        return {
            "type": "root",
            "meta": self.meta.to_dict(),
            "children": [_node_to_dict(child) for child in self.children],
        }

    def to_json(self, **options: Any) -> str:
        """The :meth:`to_dict` form as a JSON string (UTF-8 characters, not escapes), as
        ``clean(..., output="json")`` writes it: links and images with unsafe URL schemes
        dropped. Options are :class:`fusionclean.emit.JsonEmitter`'s (``indent``, ``schema``)."""
        return self._emit("json", options)

    # -- the other outputs -----------------------------------------------------------
    def to_html(self, **options: Any) -> str:
        """The document as HTML; options are :class:`fusionclean.emit.HtmlEmitter`'s
        (``pretty``, ``schema``, ``gate``)."""
        return self._emit("html", options)

    def to_markdown(self, **options: Any) -> str:
        """The document as Markdown; options are :class:`fusionclean.emit.MarkdownEmitter`'s
        (``front_matter``, ``bullet``, ``schema``)."""
        return self._emit("markdown", options)

    def to_text(self, **options: Any) -> str:
        """The document as plain text; options are :class:`fusionclean.emit.TextEmitter`'s
        (``width``, ``link_urls``). Chunk offsets count in this text (with no options)."""
        return self._emit("text", options)

    def _emit(self, output: str, options: dict[str, Any]) -> str:
        from ..emit import get_emitter

        return get_emitter(output, **options).emit(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Rebuild a Document from :meth:`to_dict` output.

        Raises:
            InputError: the data is not a fusionclean document.
        """
        from ..errors import InputError

        if not isinstance(data, Mapping) or data.get("type") != "root":
            raise InputError("not a fusionclean document: expected {'type': 'root', ...}")
        return cls(
            children=tuple(node_from_dict(c) for c in data.get("children", ())),
            meta=PostMeta.from_dict(data.get("meta", {})),
        )

    # -- views -----------------------------------------------------------------------
    def walk(self) -> Iterator[Any]:
        """Every node, depth first, in document order."""
        stack: list[Any] = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            kids: list[Any] = []
            for name in ("summary", "caption", "head", "body", "children", "citation"):
                value = getattr(node, name, None)
                if value:
                    kids.extend(value)
            stack.extend(reversed(kids))

    @property
    def images(self) -> tuple[Image, ...]:
        """Every image, in document order."""
        return tuple(n for n in self.walk() if isinstance(n, Image))

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link, in document order."""
        return tuple(n for n in self.walk() if isinstance(n, Link))

    @property
    def headings(self) -> tuple[Heading, ...]:
        """Every heading, in document order (the outline)."""
        return tuple(n for n in self.walk() if isinstance(n, Heading))

    @property
    def title(self) -> str | None:
        """The post title from meta, else the text of the first heading."""
        if self.meta.title:
            return self.meta.title
        first = next(iter(self.headings), None)
        return inline_text(first.children) if first else None

    def sections(self) -> Section:
        """The heading-nested tree; each section carries its breadcrumb path."""
        from .views import build_sections

        return build_sections(self)

    def chunks(
        self,
        max_size: int | None = None,
        *,
        min_size: int | None = None,
        overlap: int = 0,
        length: Callable[[str], int] | None = None,
        max_chars: int | None = None,
    ) -> Chunks:
        """Chunks for retrieval, cut at section then block boundaries, each with the
        document's metadata, its heading path, its index and its offsets in :meth:`to_text`.

        ``max_size`` defaults to 2000; ``max_chars`` is its older name. See
        :func:`fusionclean.document.views.chunk_document` for the options.

        Raises:
            ConfigError: bad sizes, or both ``max_size`` and ``max_chars``.
        """
        from ..errors import ConfigError
        from .views import chunk_document

        if max_size is not None and max_chars is not None:
            raise ConfigError("give max_size or max_chars (its older name), not both")
        limit = max_size if max_size is not None else max_chars if max_chars is not None else 2000
        return chunk_document(self, max_size=limit, min_size=min_size, overlap=overlap, length=length)

    # -- notebooks -------------------------------------------------------------------
    def _repr_html_(self) -> str:
        from ..emit.html import HtmlEmitter

        return HtmlEmitter().emit(self)

    def _repr_markdown_(self) -> str:
        from ..emit.markdown import MarkdownEmitter

        return MarkdownEmitter().emit(self)


def inline_text(nodes: tuple[Any, ...] | list[Any]) -> str:
    """The visible text of inline nodes (alt text for images, a space for breaks)."""
    parts: list[str] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, (Text, Code)):
            parts.append(node.value)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, Image):
            parts.append(node.alt)
        else:
            stack.extend(reversed(getattr(node, "children", ())))
    return "".join(parts)
