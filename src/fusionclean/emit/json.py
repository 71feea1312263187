"""JSON from a Document: the ``to_dict()`` tree, URLs validated like every other output."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..document.nodes import Document, Image, Link
from ..schema import DEFAULT_SCHEMA, Schema, is_safe_url

__all__ = ["JsonEmitter"]


class JsonEmitter:
    """Emit the Document as JSON.

    Args:
        schema: Links and images whose URL scheme it rejects are dropped (their text kept).
        indent: Passed to :func:`json.dumps`.
    """

    def __init__(self, *, schema: Schema = DEFAULT_SCHEMA, indent: int | None = None) -> None:
        self.schema = schema
        self.indent = indent
        self.uses_meta = True  #: the JSON holds ``Document.meta``

    def emit(self, doc: Document) -> str:
        """The document as a JSON string."""
        return json.dumps(self.to_dict(doc), ensure_ascii=False, indent=self.indent)

    def to_dict(self, doc: Document) -> dict[str, Any]:
        """The validated ``to_dict()`` form."""
        if all(self._safe(n) for n in doc.walk() if isinstance(n, (Image, Link))):
            return doc.to_dict()
        return dataclasses.replace(doc, children=tuple(_scrub(c, self) for c in doc.children)).to_dict()

    def _safe(self, node: Image | Link) -> bool:
        if isinstance(node, Image):
            return is_safe_url(node.src, self.schema.url_schemes, image=True)
        return is_safe_url(node.href, self.schema.url_schemes)


def _scrub(node: Any, emitter: JsonEmitter) -> Any:
    changes: dict[str, Any] = {}
    for name in ("children", "caption", "summary", "citation", "head", "body"):
        value = getattr(node, name, None)
        if not value:
            continue
        kept: list[Any] = []
        for child in value:
            if isinstance(child, Image) and not emitter._safe(child):
                continue
            if isinstance(child, Link) and not emitter._safe(child):
                kept.extend(_scrub(c, emitter) for c in child.children)
                continue
            kept.append(_scrub(child, emitter))
        changes[name] = tuple(kept)
    return dataclasses.replace(node, **changes) if changes else node
