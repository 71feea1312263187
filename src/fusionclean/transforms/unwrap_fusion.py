"""Unwrap Fusion's layout wrappers and every other ``fusion-*`` / ``awb-*`` container.

Why a step of its own: containers, rows, columns, column wrappers, text blocks and image
wrappers carry no meaning; their content, in order, is the page. Semantic elements that
carry builder classes (a ``ul.fusion-checklist`` already mapped, a ``p`` with a class) keep
their tag; ``sanitize`` drops the class later. Unknown builder classes are reported once
each so new Avada versions are noticed. Runs after ``map_fusion_elements``.

Before → after: ``<div class="fusion-fullwidth"><div class="fusion-builder-row"><div
class="fusion-layout-column"><div class="fusion-column-wrapper"><p>Hi</p></div></div></div></div>``
→ ``<p>Hi</p>``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from lxml import etree

from .._context import Context
from ..builders.fusion.vocabulary import KNOWN_PREFIXES
from ._blocks import unwrap_blocks
from ._lxml import all_text

__all__ = ["UnwrapFusion"]

#: Wrapper tags that are unwrapped when they carry a builder class.
WRAPPER_TAGS: Final = frozenset(
    {"div", "span", "section", "article", "header", "footer", "main", "aside", "q"}
)
#: Substrings of a class attribute that mark a builder element.
_MARKERS: Final = (
    "fusion", "awb-", "imageframe-align", "video-shortcode", "fluid-width-video-wrapper",
    "table-1", "table-2", "reading-box", "content-box", "flip-box",
)  # fmt: skip
_DIGITS_RE: Final = re.compile(r"-\d+$")


@functools.lru_cache(maxsize=4096)
def _unknown_stem(cls: str) -> str:
    """The class without its number when fusionclean does not know it, else ''."""
    stem = _DIGITS_RE.sub("", cls)
    return "" if stem.startswith(KNOWN_PREFIXES) else stem


_MARKER_RE: Final = re.compile("|".join(re.escape(m) for m in _MARKERS))


@functools.lru_cache(maxsize=8192)
def _class_info(value: str) -> tuple[bool, tuple[str, ...]]:
    """(is a builder element, stems of its unknown builder classes) for a class string.

    Cached: builder markup repeats the same class strings on every element of a kind."""
    if not _MARKER_RE.search(value):
        return False, ()
    unknown = tuple(
        stem for cls in value.split() if cls.startswith(("fusion-", "awb-")) and (stem := _unknown_stem(cls))
    )
    return True, unknown


@dataclass(frozen=True, slots=True, kw_only=True)
class UnwrapFusion:
    """Unwrap builder wrappers, keeping their content in order; report unknown classes.

    Attributes:
        report_unknown: Report ``fusion-*``/``awb-*`` classes fusionclean does not know.
    """

    name: ClassVar[str] = "unwrap_fusion"
    keeps_class_index: ClassVar[bool] = True
    report_unknown: bool = True

    def __call__(self, root: Any, ctx: Context, /) -> None:
        if next(root.iter("table"), None) is not None:
            _unwrap_layout_tables(root, ctx, self.name)
        targets = []
        for el in root.iter(etree.Element):
            value = el.get("class")
            if not value:
                continue
            builder, unknown = _class_info(value)
            if not builder or el is root:
                continue
            if self.report_unknown:
                for stem in unknown:
                    ctx.tally(self.name, "unknown-fusion-class", stem)
            if el.tag in WRAPPER_TAGS:
                targets.append(el)
        unwrap_blocks(targets, root)


_HEADINGS: Final = ("h1", "h2", "h3", "h4", "h5", "h6")
_MEDIA: Final = ("img", "iframe", "video", "audio", "object", "embed", "picture")


def _own(table: Any, tags: tuple[str, ...]) -> list[Any]:
    """``table``'s own elements of ``tags`` (not a nested table's)."""
    out = []
    for el in table.iter(*tags):
        anc = el.getparent()
        while anc is not None and anc.tag != "table":
            anc = anc.getparent()
        if anc is table:
            out.append(el)
    return out


def _empty_cell(cell: Any) -> bool:
    """No words and no media but spacer images (a cell of ``&nbsp;`` or a 1×1 GIF)."""
    if all_text(cell).strip():
        return False
    return all(m.tag == "img" and _spacer(m) for m in cell.iter(*_MEDIA))


def _spacer(img: Any) -> bool:
    w, h = img.get("width") or "", img.get("height") or ""
    return w.isdigit() and h.isdigit() and int(w) <= 2 and int(h) <= 2


def _is_layout(table: Any, cells: list[Any], rows: list[Any]) -> bool:
    """A table that lays blocks out, not data: no header or caption, and either headings in
    its cells, or spacers (empty cells, empty rows) around at most one filled cell a row."""
    if table.find("caption") is not None or _own(table, ("th", "thead")):
        return False
    if any(next(c.iter(*_HEADINGS), None) is not None for c in cells):
        return True
    filled = {c for c in cells if not _empty_cell(c)}
    if len(filled) == len(cells):
        return False
    return all(sum(1 for c in row.iterchildren("td") if c in filled) <= 1 for row in rows)


def _unwrap_layout_tables(root: Any, ctx: Context, name: str) -> None:
    """Layout tables (spacer cells, empty rows, headings in cells) give their filled cells'
    content as blocks, in reading order; an empty one goes."""
    parts: set[Any] = set()
    for table in list(root.iter("table")):
        cells = _own(table, ("td",))
        rows = _own(table, ("tr",))
        if not cells or not _is_layout(table, cells, rows):
            continue
        for cell in cells:
            if _empty_cell(cell):
                cell.clear(keep_tail=True)
            cell.tag = "div"
            parts.add(cell)
        for el in (*rows, *_own(table, ("tbody", "tfoot", "colgroup", "col")), table):
            if el.tag in ("colgroup", "col"):
                el.clear(keep_tail=True)
            el.tag = "div"
            parts.add(el)
        if not all_text(table).strip() and next(table.iter(*_MEDIA), None) is None:
            ctx.tally(name, "dropped-decoration", "empty layout table")
    if parts:
        unwrap_blocks([el for el in root.iter() if el in parts], root)
