"""Render builder shortcodes that displayed HTML still holds as text.

Why a step of its own: when WordPress displays a post whose builder is not active (the
usual state after a theme switch, or on a mirror), the ``[fusion_*]`` shortcodes are printed
as text, wrapped in autop's paragraphs and with their quotes texturized into curly ones.
The content is all there, in shortcode form, whatever the input (a REST post, a page, a
tree). Runs right after ``select_content`` (only the content area is post content) and
before every step that reads builder markup: the rendered elements carry the classes those
steps read (visibility included). Shortcode *source* (an export, ``content.raw``) is
rendered when it is loaded and never reaches this step as text. Where the builder did
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
from ._lxml import ClassFinder

__all__ = ["RenderShortcodes"]

#: A closing builder tag in the text: shortcodes nothing rendered, not a word in brackets.
_CLOSING_TAG_RE: Final = re.compile(
    r"\[/(?:fusion_\w+|fullwidth|one_(?:full|half|third|fourth|fifth|sixth)|two_third|three_fourth)\]"
)
# the words a reader sees: not code samples quoting shortcodes, not attribute values
_PROSE_XPATH: Final = etree.XPath("descendant::text()[not(ancestor::pre or ancestor::code)]")
#: Classes only the builder's rendering writes. Where they stand the builder was active, and
#: a shortcode shown as text was written to be shown ([[escaped]] by its author, as in a
#: tutorial); text holding them is displayed HTML, never shortcode source.
RENDERED_CLASSES: Final = ("fusion-fullwidth", "fusion-layout-column", "fusion-column-wrapper")
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

    def __call__(self, root: Any, ctx: Context, /) -> None:
        if ctx._leftovers is False:  # the source text holds no closing builder tag
            return
        if not has_leftovers("".join(_PROSE_XPATH(root))) or _RENDERED(root, ctx):
            return
        from ..sources import render_leftovers

        ctx.info(
            self.name, "rendered-leftover-shortcodes",
            "the HTML holds builder shortcodes WordPress did not render (the builder was not active): "
            "rendered from the shortcodes",
        )  # fmt: skip
        html = (root.text or "") + "".join(etree.tostring(child, encoding=str) for child in root)
        source = render_leftovers(html, ctx)
        rendered = parse_html(source.html, ctx, markers=source.markers)
        for child in list(root):
            root.remove(child)
        root.text = rendered.text
        root.extend(list(rendered))
        ctx._forget_index()
