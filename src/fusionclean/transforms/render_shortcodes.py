"""Render builder shortcodes that displayed HTML still holds as text.

Why a step of its own: when WordPress displays a post whose builder is not active (the
usual state after a theme switch, or on a mirror), the ``[fusion_*]`` shortcodes are printed
as text, wrapped in autop's paragraphs and with their quotes texturized into curly ones.
The content is all there, in shortcode form, whatever the input (a REST post, a page, a
tree). Runs right after ``select_content`` (only the content area is post content) and
before every step that reads builder markup: the rendered elements carry the classes those
steps read (visibility included). Shortcode *source* (an export, ``content.raw``) is
rendered by this step too, before it is parsed (its ``prepare_source`` hook): the same
renderer, with the pipeline's own elements' stored forms, so a pipeline without this step
leaves shortcodes as text (``unrendered-shortcodes``). Where the builder did
render the content, shortcodes shown as text were escaped by their author to be shown (a
tutorial) and stay.

Before → after: ``<p>[fusion_title size=”2″]Soil[/fusion_title]</p>`` → ``<h2>Soil</h2>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from lxml import etree

from .._context import Context
from .._parse import matches_at, parse_html
from ..builders.fusion.vocabulary import RENDERED_CLASSES
from ..sources.shortcodes import render_shortcodes
from ._lxml import ClassFinder

__all__ = ["RenderShortcodes"]

#: A closing builder tag in the text: shortcodes nothing rendered, not a word in brackets.
_CLOSING_TAG_RE: Final = re.compile(
    r"\[/(?:fusion_\w+|fullwidth|one_(?:full|half|third|fourth|fifth|sixth)|two_third|three_fourth)\]"
)
_SAMPLES: Final = frozenset({"pre", "code"})


def _prose(root: Any) -> str:
    """The words a reader sees under ``root``: not code samples quoting shortcodes, not
    attribute values, not comments. A walk: libxml2 answers ``descendant::text()`` in time
    quadratic in the number of text nodes (20,000 took seconds)."""
    parts: list[str] = []
    samples = 0  # pre/code elements the walk is inside
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = el.tag
        if event in ("comment", "pi"):
            if not samples and el.tail:
                parts.append(el.tail)
            continue
        if event == "start":
            if tag in _SAMPLES:
                samples += 1
            elif not samples and isinstance(tag, str) and el.text:
                parts.append(el.text)
            continue
        if tag in _SAMPLES:
            samples -= 1
        if not samples and el.tail and el is not root:
            parts.append(el.tail)
    return "".join(parts)


_RENDERED: Final = ClassFinder(RENDERED_CLASSES)


def has_leftovers(text: str) -> bool:
    """Does ``text`` (a document's text or its source) hold a closing builder shortcode?
    (Looked for at each "[": ``"[/" in text`` read every character, 40 times slower on a
    page.)"""
    return matches_at(text, "[", _CLOSING_TAG_RE)


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderShortcodes:
    """Render ``[fusion_*]`` shortcodes found as text in the content (no options)."""

    name: ClassVar[str] = "render_shortcodes"
    # the class index of select_content stays valid unless the tree is rebuilt, and then
    # this step forgets it itself: keeping it saves a walk on every other document
    keeps_class_index: ClassVar[bool] = True

    def prepare_source(self, text: str, kind: str, ctx: Context) -> str | None:
        """Hook, before the text is parsed: shortcode source (an export's post content) is
        rendered here, to the markup the builder renders, with the pipeline's own elements'
        stored forms (``ctx.shortcodes``) and the export's attachments and library. For
        other text, note whether it holds a closing builder tag: without one, the step has
        nothing to look for in the tree."""
        if kind == "shortcodes":
            ctx.notes[self.name] = False  # rendered: nothing is left for the tree walk
            return render_shortcodes(text, ctx, dict(ctx.attachments), library=dict(ctx.library))
        ctx.notes[self.name] = has_leftovers(text)
        return None

    def __call__(self, root: Any, ctx: Context, /) -> None:
        if ctx.notes.get(self.name) is False:  # the source text holds no closing builder tag
            return
        if not has_leftovers(etree.tostring(root, method="text", encoding="unicode")):
            return  # not even in code samples: the walk below is not needed
        if not has_leftovers(_prose(root)) or _RENDERED(root, ctx):
            return
        ctx.info(
            self.name, "rendered-leftover-shortcodes",
            "the HTML holds builder shortcodes WordPress did not render (the builder was not active): "
            "rendered from the shortcodes",
        )  # fmt: skip
        html = (root.text or "") + "".join(etree.tostring(child, encoding=str) for child in root)
        rendered = parse_html(
            render_shortcodes(html, ctx, dict(ctx.attachments), library=dict(ctx.library)), ctx
        )
        for child in list(root):
            root.remove(child)
        root.text = rendered.text
        root.extend(list(rendered))
        ctx._forget_index()
