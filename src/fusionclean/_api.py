"""The entry functions: ``clean`` (source → string) and ``parse`` (source → Document).

They build a fresh Context per call and share the immutable presets, so they are safe to
call from many threads. Callers looping over many documents with a custom pipeline can use
``Pipeline.run`` / ``Pipeline.apply`` directly.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ._context import Message, Messages
from ._load import load
from ._parse import Limits
from ._pipeline import Pipeline
from .document.build import build_document
from .document.nodes import Document
from .emit import EMITTERS, check_options, get_emitter
from .errors import UnknownNameError

__all__ = ["Conversion", "OUTPUTS", "clean", "convert", "parse"]

_CLEAN_KEYWORDS = ("output", "preset", "base_url", "kind", "limits", "now")

#: The output formats ``clean`` accepts.
OUTPUTS = ("html", "markdown", "text", "json")


@dataclass(frozen=True, slots=True)
class Conversion:
    """A Document together with every message reported while making it."""

    document: Document
    messages: tuple[Message, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.messages, Messages):  # a table in notebooks
            object.__setattr__(self, "messages", Messages(self.messages))

    def _repr_html_(self) -> str:
        from ._display import conversion_html

        return conversion_html(self.document, self.messages)


def _pipeline(preset: str | Pipeline) -> Pipeline:
    if isinstance(preset, Pipeline):
        return preset
    if not isinstance(preset, str):
        raise TypeError(f"preset must be a name or a Pipeline, not {type(preset).__name__}")
    from .presets import PRESETS

    try:
        return PRESETS[preset]
    except KeyError:
        raise UnknownNameError("preset", preset, tuple(PRESETS)) from None


def convert(
    source: Any,
    *,
    preset: str | Pipeline = "default",
    base_url: str | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
    now: datetime.datetime | None = None,
) -> Conversion:
    """Like :func:`parse`, and also return every message the run reported."""
    return _convert(source, preset, base_url, kind, limits, with_meta=True, now=now)


def _convert(
    source: Any,
    preset: str | Pipeline,
    base_url: str | None,
    kind: str | None,
    limits: Limits | None,
    *,
    with_meta: bool,
    now: datetime.datetime | None = None,
) -> Conversion:
    pipeline = _pipeline(preset)
    root, ctx, meta = load(
        source, base_url=base_url, kind=kind, limits=limits, pipeline=pipeline, with_meta=with_meta, now=now
    )
    # Every step walks the tree, and a walk makes a Python proxy for each element it
    # visits and frees it again, unless one is alive already: holding one per element for
    # the run (made once here) spares every later walk that work (2-3% of a page's time).
    proxies = list(root.iter())
    pipeline(root, ctx)
    # links, images, embeds and metadata pass the URL policy of the pipeline's own schema
    schema = next((getattr(s, "schema", None) for s in pipeline.steps if s.name == "sanitize"), None)
    document = build_document(root, meta, schema=schema)
    del proxies
    return Conversion(document, tuple(ctx.finish()))


def parse(
    source: Any,
    *,
    preset: str | Pipeline = "default",
    base_url: str | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
    now: datetime.datetime | None = None,
) -> Document:
    """Clean ``source`` and return the typed Document.

    Args:
        source: HTML text (fragment or whole page); ``bytes`` (decoded by BOM, then
            ``<meta charset>``, then UTF-8); a WordPress REST post as a ``dict`` or JSON
            text; raw ``[fusion_*]`` shortcode text; an ``os.PathLike`` to any of these;
            or an lxml element (copied, never modified).
        preset: A preset name (``"default"``, ``"minimal"``, ``"strict"``) or a Pipeline.
        base_url: Base for relative URLs; defaults to a REST post's ``link``.
        kind: Force the input shape: ``"html"``, ``"page"``, ``"shortcodes"`` or ``"rest"``.
        limits: Resource limits (see :class:`fusionclean.Limits`).
        now: The moment builder elements with a publication window (``status="published_until"``
            or ``"publish_after"``) are judged at. By default no window is applied and every
            such element is kept (``kept-scheduled``): the output never depends on the clock.

    Raises:
        TypeError: ``source`` (or another argument) has the wrong type.
        InputError: the input is not what it claims (JSON that is not a post, binary bytes).
        LimitExceededError: the input exceeds ``limits``.
        UnknownNameError: unknown preset or kind.
    """
    return convert(source, preset=preset, base_url=base_url, kind=kind, limits=limits, now=now).document


def clean(
    source: Any,
    *,
    output: str = "html",
    preset: str | Pipeline = "default",
    base_url: str | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
    now: datetime.datetime | None = None,
    **emitter_options: Any,
) -> str:
    """Clean Avada / Fusion Builder content and return it as HTML, Markdown, text or JSON.

    Args:
        source: Anything :func:`parse` accepts.
        output: ``"html"``, ``"markdown"``, ``"text"`` or ``"json"``.
        preset: A preset name or a Pipeline.
        base_url: Base for relative URLs; defaults to a REST post's ``link``.
        kind: Force the input shape (see :func:`parse`).
        limits: Resource limits.
        now: When scheduled builder elements are judged (see :func:`parse`).
        **emitter_options: Passed to the emitter, e.g. ``front_matter=True`` for Markdown,
            ``pretty=True`` for HTML, ``width=72`` for text.

    Returns:
        The cleaned content as a string.

    Example:
        >>> import fusionclean
        >>> fusionclean.clean('<div class="fusion-text"><p><b>Hi</b> there&#8217;s</p></div>')
        '<p><strong>Hi</strong> there’s</p>'
        >>> fusionclean.clean("<p>5 * 3 = 15</p>", output="markdown")
        '5 \\\\* 3 = 15'

    Raises:
        TypeError: wrong argument type.
        InputError: the input is not what it claims.
        UnknownNameError: unknown output format, preset or kind.
        ConfigError: an option the output does not take (``front_matter=True`` with HTML
            output); the message names the output that takes it, or the closest valid name.
    """
    if not isinstance(output, str):
        raise TypeError(f"output must be a string, not {type(output).__name__}")
    if output in EMITTERS:  # an unknown option: say which output takes it, or what was meant
        check_options(output, emitter_options, also=_CLEAN_KEYWORDS, caller="clean()")
    emitter = get_emitter(output, **emitter_options)
    # an output that shows no metadata (HTML, text) skips reading it from a page's head
    with_meta = bool(getattr(emitter, "uses_meta", True))
    return emitter.emit(
        _convert(source, preset, base_url, kind, limits, with_meta=with_meta, now=now).document
    )
