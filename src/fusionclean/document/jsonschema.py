"""The JSON Schema of ``Document.to_dict()``, built from the node classes themselves.

``fusionclean.document.JSON_SCHEMA`` is the schema as a dict; ``docs/document.schema.json``
is the same schema published as a file (a test keeps the two identical).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any, Final

from . import nodes

__all__ = ["JSON_SCHEMA", "build_json_schema", "schema_json"]

_INLINE: Final = (
    "Text",
    "Strong",
    "Emphasis",
    "Delete",
    "Superscript",
    "Subscript",
    "Mark",
    "Code",
    "Link",
    "Image",
    "LineBreak",
)
_BLOCK: Final = (
    "Heading",
    "Paragraph",
    "List",
    "Quote",
    "Figure",
    "Table",
    "CodeBlock",
    "Embed",
    "Details",
    "Note",
    "Rule",
)
#: What ``children`` holds, per node class (inline nodes by default).
_CHILDREN: Final[dict[str, str]] = {
    "ListItem": "block", "List": "ListItem", "Quote": "block", "Details": "block", "Note": "block",
    "TableRow": "TableCell", "Document": "block",
}  # fmt: skip


def _ref(name: str) -> dict[str, Any]:
    if name == "block":
        return {"$ref": "#/$defs/block"}
    if name == "inline":
        return {"$ref": "#/$defs/inline"}
    return {"$ref": f"#/$defs/{name}"}


def _field_schema(cls_name: str, field: dataclasses.Field[Any], hint: Any) -> tuple[dict[str, Any], bool]:
    name = field.name
    if name in ("children", "caption", "summary", "citation", "head", "body"):
        if name in ("head", "body"):
            item = "TableRow"
        elif name == "children":
            item = _CHILDREN.get(cls_name, "inline")
        else:
            item = "inline"
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        return {"type": "array", "items": _ref(item)}, required
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    optional = type(None) in args
    base = (
        next((a for a in args if a is not type(None)), hint)
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None))
        else hint
    )
    kind = {int: "integer", str: "string", bool: "boolean", float: "number"}.get(base, "string")
    schema: dict[str, Any] = {"type": kind}
    if name == "level":
        schema.update(minimum=1, maximum=6)
    if name in ("colspan", "rowspan"):
        schema["minimum"] = 1
    required = field.default is dataclasses.MISSING and not optional
    return schema, required


def _node_schema(cls: Any) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(nodes))
    props: dict[str, Any] = {"type": {"const": cls.type}}
    required = ["type"]
    for field in dataclasses.fields(cls):
        schema, is_required = _field_schema(cls.__name__, field, hints[field.name])
        props[field.name] = schema
        if is_required:
            required.append(field.name)
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


def build_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every ``Document.to_dict()`` validates against."""
    defs: dict[str, Any] = {}
    for name in (*_INLINE, *_BLOCK, "ListItem", "TableRow", "TableCell"):
        defs[name] = _node_schema(getattr(nodes, name))
    defs["inline"] = {"oneOf": [_ref(n) for n in _INLINE]}
    defs["block"] = {"oneOf": [_ref(n) for n in _BLOCK]}
    meta_hints = typing.get_type_hints(nodes.PostMeta, vars(nodes))
    meta_props: dict[str, Any] = {}
    for field in dataclasses.fields(nodes.PostMeta):
        hint = meta_hints[field.name]
        if field.name in ("categories", "tags"):
            meta_props[field.name] = {"type": "array", "items": {"type": "string"}}
        else:
            meta_props[field.name] = _field_schema("PostMeta", field, hint)[0]
    defs["meta"] = {"type": "object", "properties": meta_props, "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:fusionclean:document-schema:1",
        "title": "fusionclean Document",
        "description": "The typed document tree fusionclean emits as JSON (Document.to_dict()).",
        "type": "object",
        "properties": {
            "type": {"const": "root"},
            "meta": _ref("meta"),
            "children": {"type": "array", "items": _ref("block")},
        },
        "required": ["type", "meta", "children"],
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_json() -> str:
    """The schema as the text of ``docs/document.schema.json``."""
    return json.dumps(build_json_schema(), indent=2, ensure_ascii=False) + "\n"


#: The JSON Schema of ``Document.to_dict()``.
JSON_SCHEMA: Final = build_json_schema()
