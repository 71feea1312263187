"""The one load seam: from anything a user holds to the lxml root a pipeline runs on.

``load`` detects and reads the source (``sources/``), settles the run's base URL, lets the
pipeline's hooks look at the text (``narrow``, ``prepare_source``: stored shortcodes are
rendered there, by the ``render_shortcodes`` step), and parses it. Both the
entry functions (``clean``, ``parse``, ``convert``) and ``Pipeline.run`` come through here.
"""

from __future__ import annotations

import copy
import datetime
from typing import TYPE_CHECKING, Any

from lxml import etree

from ._context import Context
from ._meta import PostMeta
from ._parse import DEFAULT_LIMITS, Limits, parse_html
from ._transform import narrower, shortcode_renderers, source_preparer
from .sources import load_source

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

__all__ = ["load"]


def load(
    source: Any,
    *,
    base_url: str | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
    pipeline: object | None = None,
    with_meta: bool = True,
    now: datetime.datetime | None = None,
) -> tuple[HtmlElement, Context, PostMeta]:
    """Read ``source`` and parse it for ``pipeline`` (a transform or a Pipeline, whose
    hooks are asked): the root, a fresh Context, the metadata.

    Raises:
        TypeError: ``base_url``, ``limits`` or ``now`` has the wrong type, or ``source`` is no input.
        InputError: the input is not what it claims (a str that looks like JSON and does
            not parse: with the line and column, from the sources).
        LimitExceededError: the input exceeds ``limits``.
    """
    if base_url is not None and not isinstance(base_url, str):
        raise TypeError(f"base_url must be a string, not {type(base_url).__name__}")
    if limits is not None and not isinstance(limits, Limits):
        raise TypeError(f"limits must be a fusionclean.Limits, not {type(limits).__name__}")
    if now is not None and not isinstance(now, datetime.datetime):
        raise TypeError(f"now must be a datetime.datetime, not {type(now).__name__}")
    ctx = Context(base_url=base_url, now=now)
    if isinstance(source, etree._Element):
        root = copy.deepcopy(source)
        return root, ctx, PostMeta()
    if pipeline is not None:
        ctx.shortcodes = shortcode_renderers(pipeline)  # the pipeline's own elements' stored forms
    src = load_source(source, kind=kind, ctx=ctx, with_meta=with_meta)
    if not src.html.strip():
        what = "post's content" if src.kind == "rest" or src.meta != PostMeta() else "input"
        ctx.warn("", "empty-input", f"the {what} is empty: there is nothing to clean")
    if ctx.base_url is None:
        if src.base_url:
            ctx.base_url = src.base_url  # a page's <base href> or canonical address
        elif src.kind != "page" and src.meta.link and src.meta.link.startswith(("http://", "https://")):
            # a post's link (a mirror's relative "link" is no base for anything); a saved
            # page's canonical address is not its copy's base either: its relative
            # addresses follow the copy's files
            ctx.base_url = src.meta.link
    ctx.is_page = src.kind == "page"
    ctx.attachments, ctx.library = src.attachments, src.library
    text = src.html
    prepared = None
    if pipeline is not None:
        narrow = narrower(pipeline) if ctx.is_page else None
        if narrow is not None:
            text = narrow(text)  # a first step may name the part of a page worth parsing
        prepare = source_preparer(pipeline)
        if prepare is not None:  # on the part parsed: it holds all the steps look at
            prepared = prepare(text, src.kind, ctx)
    if prepared is not None:
        text = prepared
    elif src.kind == "shortcodes":
        ctx.warn(
            "", "unrendered-shortcodes",
            "shortcode input, but no step of the pipeline renders shortcodes (render_shortcodes): left as text",
        )  # fmt: skip
    root = parse_html(text, ctx, limits or DEFAULT_LIMITS)
    return root, ctx, src.meta
