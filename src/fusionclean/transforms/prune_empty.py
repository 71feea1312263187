"""Remove what earlier steps left empty, and tidy block structure.

Why a step of its own: unwrapping and dropping leave empty paragraphs (including the
``<p></p>`` WordPress's ``<p><div>`` nesting leaves and ``&nbsp;``-only ones), empty
links and wrappers, runs of ``<br>``, ``<br>`` at the edges of blocks, and separators at
the edges of the document. Never removes ``img``, ``br`` inside text, ``hr`` between content,
table cells or embeds. Runs last.

Before → after: ``<p>&nbsp;</p><p><br><br>Text<br></p><hr>`` → ``<p>Text</p>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Final

from lxml import etree

from .._context import Context
from .._markers import DROP
from ._lxml import XML_SPACE, all_text, strip_marked

__all__ = ["PruneEmpty"]

#: Elements that are content even when they hold no text.
KEEP_EMPTY: Final = frozenset(
    {"img", "br", "hr", "td", "th", "tr", "iframe", "video", "source", "col", "colgroup", "thead", "tbody"}
)
# not(text()[normalize-space()]) first: an element with its own words is kept without
# computing the string value of its whole subtree (libxml2 stops an "and" early). Line
# breaks are judged apart (_idle_breaks): whether words follow a <br> among its siblings
# is, asked in XPath, a walk over all of them for every <br> (n² in a paragraph of lines).
_PRUNABLE_XPATH: Final = etree.XPath(
    "descendant::*[not(self::br)][not(text()[normalize-space()]) and not(normalize-space())"
    " and not(descendant-or-self::img or descendant-or-self::iframe or descendant-or-self::video"
    " or descendant-or-self::hr or descendant-or-self::td or descendant-or-self::th)]"
)
_BR_XPATH: Final = etree.XPath("descendant::br")
_BLOCKS: Final = frozenset(
    {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "figcaption",
        "blockquote",
        "summary",
        "div",
        "aside",
        "details",
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PruneEmpty:
    """Drop empty elements, collapse ``<br>`` runs, trim edge ``<br>``/``<hr>``."""

    name: ClassVar[str] = "prune_empty"
    keeps_class_index: ClassVar[bool] = True

    def __call__(self, root: Any, ctx: Context, /) -> None:
        self._breaks(root)
        doomed = [el for el in _PRUNABLE_XPATH(root) if el.tag not in KEEP_EMPTY]
        doomed += _idle_breaks(root)
        pruned = 0
        for el in doomed:
            if el.tag == "br" and el.getparent() is not None and el.getparent().tag not in _BLOCKS:
                continue
            el.tag = DROP
            pruned += 1
        if pruned:
            strip_marked(root, DROP, keep_content=False, marked=pruned)
        self._rules(root)

    def _breaks(self, root: Any) -> None:
        if not _BR_XPATH(root):
            return
        # 1. collapse runs: a <br> right after another <br> (only whitespace between)
        for br in _BR_XPATH(root):
            prev = br.getprevious()
            if prev is not None and prev.tag == "br" and not (prev.tail or "").strip():
                prev.tag = DROP
        strip_marked(root, DROP, keep_content=False)
        # 2. no <br> at the start or end of a block
        for br in _BR_XPATH(root):
            parent = br.getparent()
            if parent is None or parent.tag not in _BLOCKS:
                continue
            prev = br.getprevious()
            at_start = prev is None and not (parent.text or "").strip()
            at_end = br.getnext() is None and not (br.tail or "").strip()
            if at_start or at_end:
                br.tag = DROP
        strip_marked(root, DROP, keep_content=False)

    def _rules(self, root: Any) -> None:
        hrs = list(root.iter("hr"))
        if not hrs:
            return
        for hr in hrs:
            prev = hr.getprevious()
            if prev is not None and prev.tag == "hr":
                hr.tag = DROP
        # no rule at the very start or end of the document
        while len(root) and root[0].tag in ("hr", DROP) and not (root.text or "").strip():
            root[0].tag = DROP
            if len(root) > 1 and root[1].tag == "hr":
                root[1].tag = DROP
            break
        if len(root) and root[-1].tag == "hr":
            root[-1].tag = DROP
        strip_marked(root, DROP, keep_content=False)


def _idle_breaks(root: Any) -> list[Any]:
    """The ``<br>`` elements no words follow among their siblings (a text node or an
    element with text after them): one walk back over each parent's children."""
    parents: dict[Any, None] = {}
    for br in root.iter("br"):
        parent = br.getparent()
        if parent is not None:
            parents[parent] = None
    idle = []
    for parent in parents:  # from the last child back to the last words: brs there are idle
        for child in reversed(parent):
            tail = child.tail
            if tail and tail.strip(XML_SPACE):
                break
            if child.tag == "br":
                idle.append(child)
            elif all_text(child).strip(XML_SPACE):  # a comment's text is no words
                break
    return idle
