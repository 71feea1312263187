"""The typed Document model, its builder and its views.

Users reach this submodule on purpose: ``from fusionclean.document import Heading``.
"""

from .build import Builder, build_document
from .jsonschema import JSON_SCHEMA
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
    Section,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
    inline_text,
    node_from_dict,
)  # fmt: skip
from .views import Chunk, Chunks

__all__ = [
    "JSON_SCHEMA", "Block", "Builder", "Chunk", "Chunks", "Code", "CodeBlock", "Delete", "Details", "Document", "Embed",
    "Emphasis", "Figure", "Heading", "Image", "Inline", "LineBreak", "Link", "List",
    "ListItem", "Mark", "Note", "Paragraph", "PostMeta", "Quote", "Rule", "Section", "Strong",
    "Subscript", "Superscript", "Table", "TableCell", "TableRow", "Text", "build_document",
    "inline_text", "node_from_dict",
]  # fmt: skip
