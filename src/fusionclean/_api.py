"""The entry functions: ``clean`` (source → string) and ``parse`` (source → Document).

They build a fresh Context per call and share the immutable presets, so they are safe to
call from many threads. Callers looping over many documents with a custom pipeline can use
``Pipeline.run`` / ``Pipeline.apply`` directly.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ._context import Context, Message
from ._parse import DEFAULT_LIMITS, Limits, parse_html
from ._pipeline import Pipeline
from .document.build import build_document
from .document.nodes import Document, PostMeta
from .emit import get_emitter
from .errors import UnknownNameError
from .sources import load_source
from .transforms.render_shortcodes import has_leftovers

__all__ = ["Conversion", "OUTPUTS", "clean", "convert", "parse"]

#: The output formats ``clean`` accepts.
OUTPUTS = ("html", "markdown", "text", "json")


@dataclass(frozen=True, slots=True)
class Conversion:
    """A Document together with every message reported while making it."""

    document: Document
    messages: tuple[Message, ...]


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


def _prepare(
    source: Any,
    *,
    base_url: str | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
    pipeline: Pipeline | None = None,
    with_meta: bool = True,
) -> tuple[Any, Context, PostMeta]:
    if base_url is not None and not isinstance(base_url, str):
        raise TypeError(f"base_url must be a string, not {type(base_url).__name__}")
    if limits is not None and not isinstance(limits, Limits):
        raise TypeError(f"limits must be a fusionclean.Limits, not {type(limits).__name__}")
    ctx = Context(base_url=base_url)
    if isinstance(source, etree._Element):
        root = copy.deepcopy(source)
        return root, ctx, PostMeta()
    src = load_source(source, kind=kind, ctx=ctx, with_meta=with_meta)
    if ctx.base_url is None:
        if src.base_url:
            ctx.base_url = src.base_url  # a page's <base href> or canonical address
        elif src.kind != "page" and src.meta.link and src.meta.link.startswith(("http://", "https://")):
            # a post's link (a mirror's relative "link" is no base for anything); a saved
            # page's canonical address is not its copy's base either: its relative
            # addresses follow the copy's files
            ctx.base_url = src.meta.link
    ctx.is_page = src.kind == "page"
    text = src.html
    if ctx.is_page and pipeline is not None and pipeline.steps:
        # a first step may name the part of a page worth parsing (select_content does)
        narrow = getattr(pipeline.steps[0], "narrow", None)
        if callable(narrow):
            text = narrow(text)
    # on the part parsed: it holds the whole content area, which is all the step looks at
    ctx._leftovers = src.kind != "shortcodes" and has_leftovers(text)
    root = parse_html(text, ctx, limits or DEFAULT_LIMITS, markers=src.markers)
    return root, ctx, src.meta


def convert(
    source: Any,
    *,
    preset: str | Pipeline = "default",
    base_url: str | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
) -> Conversion:
    """Like :func:`parse`, and also return every message the run reported."""
    return _convert(source, preset, base_url, kind, limits, with_meta=True)


def _convert(
    source: Any,
    preset: str | Pipeline,
    base_url: str | None,
    kind: str | None,
    limits: Limits | None,
    *,
    with_meta: bool,
) -> Conversion:
    pipeline = _pipeline(preset)
    root, ctx, meta = _prepare(
        source, base_url=base_url, kind=kind, limits=limits, pipeline=pipeline, with_meta=with_meta
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

    Raises:
        TypeError: ``source`` (or another argument) has the wrong type.
        InputError: the input is not what it claims (JSON that is not a post, binary bytes).
        LimitExceededError: the input exceeds ``limits``.
        UnknownNameError: unknown preset or kind.
    """
    return convert(source, preset=preset, base_url=base_url, kind=kind, limits=limits).document


def clean(
    source: Any,
    *,
    output: str = "html",
    preset: str | Pipeline = "default",
    base_url: str | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
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
    """
    if not isinstance(output, str):
        raise TypeError(f"output must be a string, not {type(output).__name__}")
    emitter = get_emitter(output, **emitter_options)
    # an output that shows no metadata (HTML, text) skips reading it from a page's head
    with_meta = bool(getattr(emitter, "uses_meta", True))
    return emitter.emit(_convert(source, preset, base_url, kind, limits, with_meta=with_meta).document)
