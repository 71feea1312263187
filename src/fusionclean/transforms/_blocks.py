"""Unwrapping block-level wrappers without gluing their content to their neighbours."""

from __future__ import annotations

from typing import Any, Final

from .._markers import BLOCK, UNWRAP
from ._lxml import strip_marked

__all__ = ["BLOCK_LEVEL", "unwrap_blocks"]

#: Elements that start a new block when rendered.
BLOCK_LEVEL: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dd", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "ul", "iframe", "video", "summary", "menu", "caption", "tr", "td",
        "th", "thead", "tbody", "tfoot", BLOCK,
    }
)  # fmt: skip
#: Parents whose content is phrasing: a wrapper inside one is unwrapped, never made a <p>.
_HOLDS_PHRASING: Final = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "a", "summary", "figcaption"}
)  # fmt: skip
_INLINE_WRAPPERS: Final = frozenset({"span", "font", "q", "abbr", "small", "big", "label", "time"})


def _is_block(el: Any) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_LEVEL


def unwrap_blocks(targets: list[Any], root: Any = None) -> None:
    """Unwrap every element in ``targets`` (document order), keeping block boundaries.

    A block wrapper whose direct content is inline only becomes a ``<p>``; one with mixed
    content gets its inline runs wrapped in ``<p>`` before it is unwrapped; inline wrappers
    (``span``, ``font``) simply disappear. All unwrapping happens in one linear
    ``strip_tags`` call at the end, so 100,000 siblings cost no more than a walk.
    ``root``, when given, is the one tree all targets are in (saves a lookup per target).
    """
    roots: list[Any] = [] if root is None else [root]
    for el in reversed(targets):
        parent = el.getparent()
        if parent is None:
            continue
        if root is None:
            top = el.getroottree().getroot()
            if not any(r is top for r in roots):
                roots.append(top)
        tag = el.tag
        if tag in _INLINE_WRAPPERS or tag not in BLOCK_LEVEL:
            el.tag = UNWRAP  # inline (or unknown) wrapper: its content simply stays in place
            continue
        # does it hold a block child, inline content, or both? (inline: runs once per wrapper)
        text = el.text
        has_block = False
        has_inline = bool(text) and not text.isspace()
        for child in el:
            child_tag = child.tag
            if child_tag.__class__ is str and child_tag in BLOCK_LEVEL:
                has_block = True
            else:
                has_inline = True
            tail = child.tail
            if tail and not tail.isspace():
                has_inline = True
            if has_block and has_inline:
                break
        if has_inline and not has_block and parent.tag not in _HOLDS_PHRASING:
            el.tag = "p"
            el.attrib.clear()
            continue
        if has_inline and has_block:
            _wrap_inline_runs(el)
        elif not has_block:
            _pad(el)  # its content joins its parent's: keep the boundary as a space
        el.tag = BLOCK
    for top in roots:
        strip_marked(top, UNWRAP, BLOCK, keep_content=True, marked=len(targets))


def _pad(el: Any) -> None:
    """Spaces at both ends of a block whose content is about to join the text around it.

    A browser draws a block's edges as line breaks: ``<a><div>Title</div><div>Sub</div></a>``
    reads "Title" and "Sub", never "TitleSub". The builder collapses the spaces where the
    neighbours already had some. In ``<pre>`` whitespace is content: left alone there.
    """
    if next(el.iterancestors("pre"), None) is not None:
        return
    el.text = " " + el.text if el.text else " "
    if len(el):
        last = el[-1]
        last.tail = last.tail + " " if last.tail else " "
    else:
        el.text += " "


def _wrap_inline_runs(el: Any) -> None:
    from lxml import html as lxml_html

    new_children: list[Any] = []
    run: Any = None

    def start_run() -> Any:
        p = lxml_html.Element("p")
        new_children.append(p)
        return p

    text = el.text
    el.text = None
    if text and text.strip():
        run = start_run()
        run.text = text
    for child in list(el):
        tail = child.tail
        child.tail = None
        el.remove(child)
        if _is_block(child):
            run = None
            new_children.append(child)
        else:
            if run is None:
                run = start_run()
            run.append(child)
        if tail and tail.strip():
            if run is None:
                run = start_run()
            if len(run):
                run[-1].tail = (run[-1].tail or "") + tail
            else:
                run.text = (run.text or "") + tail
    for child in new_children:
        el.append(child)
