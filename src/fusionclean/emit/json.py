"""JSON from a Document: the ``to_dict()`` tree, URLs validated like every other output."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..document.nodes import Document, Embed, Image, Link
from ..schema import DEFAULT_SCHEMA, Schema, url_policy

__all__ = ["JsonEmitter"]


class JsonEmitter:
    """Emit the Document as JSON.

    Args:
        schema: Links, images and embeds whose URL it rejects are dropped (a link's text kept),
            and so are such addresses in the metadata.
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
        """The validated ``to_dict()`` form: every address (links, images, embeds, the
        metadata's) has passed :func:`fusionclean.schema.url_policy`."""
        meta = doc.meta.checked(self.schema)
        if meta is not doc.meta:
            doc = dataclasses.replace(doc, meta=meta)
        if all(self._safe(n) for n in doc.walk() if isinstance(n, (Image, Link, Embed))):
            return doc.to_dict()
        return dataclasses.replace(doc, children=_scrub(doc.children, self)).to_dict()

    def _safe(self, node: Image | Link | Embed) -> bool:
        if isinstance(node, Image):
            return url_policy(node.src, self.schema, image=True) is not None
        if isinstance(node, Embed):
            return url_policy(node.url, self.schema) is not None
        return url_policy(node.href, self.schema) is not None


def _scrub(nodes: tuple[Any, ...], emitter: JsonEmitter) -> tuple[Any, ...]:
    """``nodes`` without unsafe images and embeds, unsafe links replaced by their content
    (checked in turn: an image inside an unsafe link is judged on its own address)."""
    kept: list[Any] = []
    for node in nodes:
        if isinstance(node, (Image, Embed)) and not emitter._safe(node):
            continue
        if isinstance(node, Link) and not emitter._safe(node):
            kept.extend(_scrub(node.children, emitter))
            continue
        changes: dict[str, Any] = {}
        for name in ("children", "caption", "summary", "citation", "head", "body"):
            value = getattr(node, name, None)
            if value:
                changes[name] = _scrub(value, emitter)
        kept.append(dataclasses.replace(node, **changes) if changes else node)
    return tuple(kept)
