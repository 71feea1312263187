"""Keep the meaning inline styles carry, drop the presentation.

Why a step of its own: in WordPress content ``font-weight:700`` is often the only thing that
makes a lead-in bold, and ``display:none`` the only sign that text is hidden. Styles are read
with a real CSS declaration parser (tinycss2), behind a fast path: a style that names none
of the properties that carry meaning is never parsed (``sanitize`` drops it unread). Runs
before ``sanitize``, which removes every ``style`` attribute.

Before → after: ``<span style="font-weight:700;color:red">Note:</span>`` →
``<strong>Note:</strong>``; ``<b>`` → ``<strong>``, ``<i>`` → ``<em>``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final, Literal

import tinycss2
from lxml import etree

from .._context import Context
from .._markers import ALIGN, DROP
from ..errors import ConfigError
from ._lxml import all_text, make, move_children, strip_marked

__all__ = ["NormalizeStyles", "style_semantics"]

#: Substrings that make a style worth parsing; anything else is presentation only.
_TRIGGER_RE: Final = re.compile(
    r"font-weight|font-style|text-decoration|vertical-align|display|visibility|font\s*:|bold|italic"
    r"|text-align",
    re.I,
)
_STYLED_XPATH: Final = etree.XPath("descendant::*[@style]")
#: Classes whose inline ``display:none`` hides real content until interaction.
KEEP_HIDDEN_CLASSES: Final = frozenset(
    {"slide-content-container", "tab-pane", "panel-collapse", "modal", "fusion-modal", "flip-box-back"}
)
_ALIGNABLE: Final = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "th", "strong", "b"})


#: Functions, blocks, escapes and comments: inside them ";" and ":" are not separators.
_NOT_SIMPLE: Final = ("(", ")", "{", "}", "[", "]", "\\", "/*")
_QUOTED_RE: Final = re.compile(r""""[^"\\;:]*"|'[^'\\;:]*'""")


def _simple_declarations(style: str) -> list[tuple[str, str]] | None:
    """(name, value) pairs of a style in which ``;`` and ``:`` can only be separators.

    Most inline styles are plain ``name:value;`` lists (quoted font names at most); for
    those a split is exactly what a CSS parser does, at a fraction of tinycss2's cost. A
    style with a function, block, comment, escape or a quote holding ``;``/``:`` returns None
    and goes to tinycss2. Custom properties are skipped, ``!important`` is removed.
    """
    if any(c in style for c in _NOT_SIMPLE):
        return None
    if '"' in style or "'" in style:
        unquoted = _QUOTED_RE.sub("", style)
        if '"' in unquoted or "'" in unquoted:
            return None  # a quote holding ";" or ":", or an unclosed one
    out = []
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        name = name.strip().lower()
        if colon and name and not name.startswith("--"):
            out.append((name, value.split("!", 1)[0].strip().lower()))
    return out


def _parsed_declarations(style: str) -> list[tuple[str, str]]:
    out = []
    try:
        for decl in tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True):
            if decl.type == "declaration" and not decl.name.startswith("--"):
                out.append((decl.lower_name, tinycss2.serialize(decl.value).strip().lower()))
    except RecursionError:
        # thousands of nested brackets: tinycss2 parses and serializes them recursively. No
        # meaning is read from such a style (sanitize drops every style attribute anyway).
        return []
    return out


def style_semantics(style: str) -> set[str]:
    """The meanings a ``style`` value carries: a subset of ``strong``, ``em``, ``s``,
    ``sup``, ``sub``, ``u``, ``hidden``. Malformed declarations are skipped; custom
    properties (``--awb-*``) and ``url(data:…)`` values never confuse the parser.
    """
    return set(_cached_meanings(style))


@functools.lru_cache(maxsize=4096)
def _cached_meanings(style: str) -> frozenset[str]:
    """Meanings of one style string (builder markup repeats its style strings, long ones
    with ``--awb-*`` variables: even the trigger search is worth remembering)."""
    if not _TRIGGER_RE.search(style):
        return frozenset()
    declarations = _simple_declarations(style)
    return frozenset(_meanings(_parsed_declarations(style) if declarations is None else declarations))


def _meanings(declarations: list[tuple[str, str]]) -> set[str]:
    found: set[str] = set()
    for name, value in declarations:
        if name == "font-weight":
            if value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600):
                found.add("strong")
        elif name == "font":
            parts = value.split()
            if "bold" in parts or "bolder" in parts or any(p.isdigit() and int(p) >= 600 for p in parts):
                found.add("strong")
            if "italic" in parts or "oblique" in parts:
                found.add("em")
        elif name == "font-style" and value.startswith(("italic", "oblique")):
            found.add("em")
        elif name in ("text-decoration", "text-decoration-line"):
            if "line-through" in value:
                found.add("s")
            if "underline" in value:
                found.add("u")
        elif name == "vertical-align" and value in ("super", "sub"):
            found.add("sup" if value == "super" else "sub")
        elif name == "text-align" and value.split("!")[0].strip() in ("center", "right", "justify"):
            found.add("align:" + value.split("!")[0].strip())
        elif (name == "display" and value.split("!")[0].strip() == "none") or (
            name == "visibility" and value.split("!")[0].strip() in ("hidden", "collapse")
        ):
            found.add("hidden")
    return found


@dataclass(frozen=True, slots=True, kw_only=True)
class NormalizeStyles:
    """Turn meaningful inline styles into elements; rename ``b``/``i``.

    Attributes:
        underline: ``"drop"`` (default; underline usually marks links) or ``"emphasis"``.
        drop_hidden: Drop elements hidden with inline ``display:none``/``visibility:hidden``
            (except Avada's interaction states: slider captions, tab panes, toggles, modals).
        keep_text_align: Keep ``text-align: center/right/justify`` of paragraphs and headings
            (emitted in HTML as ``style="text-align:…"``, in JSON as ``align``).
    """

    name: ClassVar[str] = "normalize_styles"
    keeps_class_index: ClassVar[bool] = True
    underline: Literal["drop", "emphasis"] = "drop"
    drop_hidden: bool = True
    keep_text_align: bool = False

    def __post_init__(self) -> None:
        if self.underline not in ("drop", "emphasis"):
            raise ConfigError(f"underline must be 'drop' or 'emphasis', got {self.underline!r}")

    def __call__(self, root: Any, ctx: Context, /) -> None:
        for el in root.iter("b", "i"):
            el.tag = "strong" if el.tag == "b" else "em"
        hidden: list[Any] = []
        for el in _STYLED_XPATH(root):
            found = _cached_meanings(el.get("style") or "")
            if not found:
                continue
            meanings = set(found)
            aligned = {m for m in meanings if m.startswith("align:")}
            if aligned:
                meanings -= aligned
                if self.keep_text_align and el.tag in _ALIGNABLE:
                    el.set(ALIGN, next(iter(aligned))[6:])
                if not meanings:
                    continue
            if "hidden" in meanings:
                classes = set((el.get("class") or "").split())
                if self.drop_hidden and not classes & KEEP_HIDDEN_CLASSES:
                    hidden.append(el)
                continue
            if "u" in meanings:
                meanings.discard("u")
                if self.underline == "emphasis":
                    meanings.add("em")
            if el.tag in _HEADINGS:
                meanings.discard("strong")
            self._apply(el, sorted(meanings))
        for el in hidden:
            if el.getparent() is not None:
                ctx.tally(self.name, "dropped-hidden", "inline display:none / visibility:hidden")
                el.tag = DROP
        if hidden:
            strip_marked(root, DROP, keep_content=False, marked=len(hidden))

    def _apply(self, el: Any, meanings: list[str]) -> None:
        if not meanings or not (all_text(el).strip() or len(el)):
            return
        if el.tag in ("span", "font") and len(meanings) >= 1:
            outer = meanings[0]
            el.tag = outer
            el.attrib.pop("style", None)
            inner_target = el
            for extra in meanings[1:]:
                wrapper = make(extra)
                move_children(inner_target, wrapper)
                inner_target.append(wrapper)
                inner_target = wrapper
            return
        target = el
        for meaning in meanings:
            wrapper = make(meaning)
            move_children(target, wrapper)
            target.append(wrapper)
            target = wrapper
        el.attrib.pop("style", None)
