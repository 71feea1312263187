"""Emitters: one class per output format, all fed by the same Document.

``EMITTERS`` maps an output name to a factory; :func:`get_emitter` looks one up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, Protocol

from ..errors import UnknownNameError
from .html import HtmlEmitter
from .json import JsonEmitter
from .markdown import MarkdownEmitter, front_matter
from .text import TextEmitter

__all__ = [
    "EMITTERS",
    "Emitter",
    "HtmlEmitter",
    "JsonEmitter",
    "MarkdownEmitter",
    "TextEmitter",
    "front_matter",
    "get_emitter",
]


class Emitter(Protocol):
    """Anything with ``emit(document) -> str``."""

    def emit(self, doc: Any, /) -> str: ...


#: Output format name → emitter class.
EMITTERS: Final[Mapping[str, Callable[..., Emitter]]] = {
    "html": HtmlEmitter,
    "markdown": MarkdownEmitter,
    "text": TextEmitter,
    "json": JsonEmitter,
}


def get_emitter(name: str, **options: Any) -> Emitter:
    """Build the emitter registered as ``name`` with ``options``.

    Raises:
        UnknownNameError: no emitter has that name.
    """
    factory = EMITTERS.get(name)
    if factory is None:
        raise UnknownNameError("output format", name, tuple(EMITTERS))
    return factory(**options)
