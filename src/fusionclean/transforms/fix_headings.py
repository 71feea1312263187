"""Find fake headings, re-level widget headings and normalize the outline.

Why a step of its own: WordPress authors make headings by bolding a short paragraph, and
Avada widgets emit heading levels that ignore the page outline (a tab title is always an
``h4``). A paragraph that is wholly bold, short, without terminal punctuation, with at least
one letter (a bold figure such as a counter's "24%" is no heading) and followed by body
text becomes a heading one level below the nearest preceding heading that is not one
itself; widget headings (``data-fc-heading="relative"``) are placed one below the
authored heading that holds their run of widgets (a heading inside an earlier card of the
run does not count); headings inside a widget's content (``data-fc-heading="inner"``, set
by mapping and the shortcode reader) stay below the widget's heading. Then levels are normalized as a whole: each heading closes the open
headings at its source level or deeper and sits one below what is left, so a source level
maps to one output level within its section (three sibling ``h4`` under an ``h1`` all
become ``h2``) and no level is skipped downward. A heading whose text is only zero-width
or invisible characters is dropped (``dropped-decoration``). Runs after ``sanitize`` (the
tree is clean).

Before → after: ``<h1>Post</h1><p><strong>Recovery</strong></p><p>Body text.</p>`` →
``<h1>Post</h1><h2>Recovery</h2><p>Body text.</p>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Final, Literal

from lxml import etree

from .._context import Context
from .._markers import HEADING, OFFSET, UNWRAP
from ..errors import ConfigError
from ._lxml import XML_SPACE, all_text, drop, strip_marked

__all__ = ["FixHeadings", "is_fake_heading"]

_HEADINGS: Final = ("h1", "h2", "h3", "h4", "h5", "h6")
_TERMINAL: Final = (".", ",", ";", ":", "!", "?", "…", ")")
_NESTED_TAGS: Final = (*_HEADINGS, "p", "div", "ul", "ol", "li", "blockquote", "section")
#: What a wholly bold paragraph may hold and still read as a heading (a bold span made
#: ``<strong>`` around an author's own ``<strong>`` is still one bold line).
_IN_HEADING: Final = frozenset({"em", "a", "strong", "b"})
#: Characters that take no room on screen: zero-width spaces and joiners, the byte-order
#: mark, soft hyphens, direction marks and the blank fillers (deleted before "is it empty").
_INVISIBLE: Final = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
        "\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3164\ufeff\uffa0",
    )
)


def _nested_blocks(root: Any) -> list[Any]:
    """Blocks inside a heading, in document order (one tag-filtered walk in C, not an
    XPath union, which walks the tree once per alternative)."""
    out: list[Any] = []
    seen: set[Any] = set()
    for h in root.iter(*_HEADINGS):
        if not len(h):
            continue  # most headings are text only
        for el in h.iter(*_NESTED_TAGS):
            if el is not h and el not in seen:
                seen.add(el)
                out.append(el)
    return out


def _candidates(root: Any) -> list[Any]:
    """Headings, and paragraphs whose only element is a ``strong`` with no text before it."""
    out = []
    for el in root.iter("p", *_HEADINGS):
        if el.tag != "p":
            out.append(el)
        elif len(el) == 1 and el[0].tag == "strong":
            first_text = el.text if el.text is not None else el[0].tail
            if not (first_text or "").strip(XML_SPACE):
                out.append(el)
    return out


def is_fake_heading(p: Any, max_words: int = 12) -> bool:
    """True when ``p`` is wholly bold, short, unpunctuated and followed by body text."""
    if p.tag != "p" or len(p) != 1 or p[0].tag != "strong" or (p.text or "").strip():
        return False
    strong = p[0]
    if (strong.tail or "").strip() or (len(strong) and any(c.tag not in _IN_HEADING for c in strong)):
        return False
    text = " ".join(all_text(strong).split())
    if not text or len(text.split()) > max_words or text.endswith(_TERMINAL):
        return False
    if not any(map(str.isalpha, text)):  # a figure ("24%", "$19.99", "2018") names nothing
        return False
    nxt = p.getnext()
    if nxt is None or nxt.tag not in ("p", "ul", "ol", "blockquote", "table", "figure"):
        return False
    return not (nxt.tag == "p" and is_fake_heading_shape(nxt))


def is_fake_heading_shape(p: Any) -> bool:
    return (
        len(p) == 1 and p[0].tag == "strong" and not (p.text or "").strip() and not (p[0].tail or "").strip()
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class FixHeadings:
    """Promote fake headings, re-level widget headings, close outline gaps.

    Attributes:
        promote_fake: Turn bold-paragraph "headings" into real headings.
        normalize: Normalize levels as a whole: a source level maps to one output level
            within its section (an ``h2`` followed by ``h4``, ``h4`` becomes ``h2``, ``h3``,
            ``h3``), no level is skipped downward.
        single_h1: ``"keep"`` (default); ``"demote"`` (only the first ``h1`` stays an
            ``h1``); ``"shift"`` (the post title is the page's ``h1``: when the content has
            an ``h1``, every heading moves one level down).
        max_words: Longest bold paragraph still considered a heading.
    """

    name: ClassVar[str] = "fix_headings"
    keeps_class_index: ClassVar[bool] = True
    promote_fake: bool = True
    normalize: bool = True
    single_h1: Literal["keep", "demote", "shift"] = "keep"
    max_words: int = 12

    def __post_init__(self) -> None:
        if self.single_h1 not in ("keep", "demote", "shift"):
            raise ConfigError(f"single_h1 must be 'keep', 'demote' or 'shift', got {self.single_h1!r}")
        if self.max_words < 1:
            raise ConfigError("max_words must be at least 1")

    def __call__(self, root: Any, ctx: Context, /) -> None:
        nodes = _candidates(root)
        if not nodes:
            return
        # blocks inside a heading (another heading, p, div) are flattened into it
        nested = _nested_blocks(root)
        if nested:
            for el in nested:
                if el.tail is None or not el.tail.startswith(" "):
                    el.tail = " " + (el.tail or "")
                el.tag = UNWRAP
            strip_marked(root, UNWRAP, keep_content=True)
            nodes = _candidates(root)
        shift = self.single_h1 == "shift" and any(el.tag == "h1" for el in nodes)
        # The open headings, outermost first: (source level, output level, kind). The post
        # title is the h1 above everything (an h1 in the content closes it).
        stack: list[tuple[int, int, str]] = [(1, 1, "authored")]
        seen_h1 = False
        for el in nodes:
            if el.tag != "p":
                text = all_text(el)
                if not text.strip():
                    continue  # empty or image-only: pruned later / becomes a figure, not outline
                if not text.translate(_INVISIBLE).strip():
                    if next(el.iter("img"), None) is None:
                        drop(el)  # zero-width characters alone: a heading no reader sees
                        ctx.tally(self.name, "dropped-decoration", "heading of invisible characters")
                    continue
            if el.tag == "p":
                if not self.promote_fake or not is_fake_heading(el, self.max_words):
                    continue
                strong = el[0]
                el.text = strong.text
                for child in list(strong):
                    el.append(child)
                el.remove(strong)
                if len(el):  # bold inside the bold line: a heading is bold already
                    etree.strip_tags(el, "strong", "b")
                el.set(HEADING, "fake")
                ctx.tally(self.name, "promoted-fake-heading", "bold paragraph → heading")
            kind = el.get(HEADING) or "authored"
            if kind in ("relative", "fake"):
                offset = (el.get(OFFSET) or "0") if kind == "relative" else "0"
                if kind == "relative":
                    _close_widget_content(stack)
                source = (
                    _anchor(stack, kind) + 1 + (int(offset) if offset.isdigit() and len(offset) < 2 else 0)
                )
            else:
                if kind != "inner":
                    kind = "authored"
                source = int(el.tag[1]) + (1 if shift else 0)
                if self.single_h1 == "demote" and source == 1:
                    source = 2 if seen_h1 else 1
                    seen_h1 = True
            # a source level maps to one output level within its section: close the
            # headings at the same source level or deeper, and sit one below what is left
            # (a heading inside a widget's content never closes the widget's own heading)
            while stack and stack[-1][0] >= source and not (kind == "inner" and stack[-1][2] == "relative"):
                stack.pop()
            level = stack[-1][1] + 1 if stack else 1
            stack.append((source, min(level, 6), kind))
            if not self.normalize:
                level = source
            level = min(max(level, 1), 6)
            el.tag = f"h{level}"
            el.attrib.pop(HEADING, None)
            el.attrib.pop(OFFSET, None)


def _close_widget_content(stack: list[tuple[int, int, str]]) -> None:
    """Before a widget heading: close what the widgets of its run hold (the headings after
    the run's first widget heading that are not widget headings themselves), so the next
    card, tab or toggle of the run is placed as its siblings were."""
    first = next((i for i, (_, _, k) in enumerate(stack) if k == "relative"), None)
    if first is None:
        return
    end = next((i for i in range(first + 1, len(stack)) if stack[i][2] != "relative"), len(stack))
    del stack[end:]


def _anchor(stack: list[tuple[int, int, str]], kind: str) -> int:
    """The source level a made heading sits one below.

    A bold-paragraph heading sits below the nearest heading that is not one itself (two in
    a row are siblings). A widget heading sits below the authored heading that holds its
    run of widgets: headings inside an earlier widget of the run (a person card's own
    ``h4``) and bold-paragraph headings do not count, so every card of a run stays at one
    level.
    """
    if kind == "fake":
        return next((source for source, _, k in reversed(stack) if k != "fake"), 1)
    end = next((i for i, (_, _, k) in enumerate(stack) if k == "relative"), len(stack))
    return next((source for source, _, k in reversed(stack[:end]) if k == "authored"), 1)
