"""Emitters: one class per output format, all fed by the same Document.

``EMITTERS`` maps an output name to a factory; :func:`get_emitter` looks one up.
"""

from __future__ import annotations

import functools
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
    "check_options",
    "emitter_options",
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
        ConfigError: an option this output does not take (the message names the closest
            valid one and the output that takes it).
    """
    factory = EMITTERS.get(name)
    if factory is None:
        raise UnknownNameError("output format", name, tuple(EMITTERS))
    check_options(name, options)
    return factory(**options)


def emitter_options(name: str) -> tuple[str, ...] | None:
    """The keyword options output ``name``'s emitter takes (``None``: any, or unknown)."""
    factory = EMITTERS.get(name)
    return None if factory is None else _options_of(factory)


@functools.lru_cache(maxsize=64)
def _options_of(factory: Callable[..., Any]) -> tuple[str, ...] | None:
    import inspect

    try:
        params = inspect.signature(factory).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return None
    return tuple(p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD))


def check_options(
    name: str, options: Mapping[str, Any], *, also: tuple[str, ...] = (), caller: str = ""
) -> None:
    """Raise a :class:`~fusionclean.ConfigError` that teaches for an option output ``name``
    does not take: another output's option says which output takes it; a misspelt one
    names the closest valid option (``also``: the caller's own keywords, e.g. ``clean()``'s).
    """
    import difflib

    from ..errors import ConfigError

    if not options:
        return
    valid = emitter_options(name)
    if valid is None or all(key in valid for key in options):
        return
    takers: dict[str, list[str]] = {}
    for other in EMITTERS:
        for option in emitter_options(other) or ():
            takers.setdefault(option, []).append(other)
    for key in options:
        if key in valid:
            continue
        takes = f"output={name!r} takes: {', '.join(sorted(valid))}"
        if key in takers:
            outputs = " or ".join(f"output={o!r}" for o in takers[key])
            raise ConfigError(f"{key} is an option of {outputs}, not of output={name!r}; {takes}")
        where = f" for {caller}" if caller else ""
        close = difflib.get_close_matches(key, [*also, *takers], n=1, cutoff=0.6)
        if close:
            hint = close[0]
            owner = (
                f" (an option of {' or '.join(f'output={o!r}' for o in takers[hint])})"
                if hint in takers and hint not in also
                else ""
            )
            raise ConfigError(f"unknown option {key!r}{where}; did you mean {hint!r}{owner}? {takes}")
        raise ConfigError(f"unknown option {key!r}{where}; {takes}")
