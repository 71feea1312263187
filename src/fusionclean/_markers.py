"""Markers: the one way a step leaves a note in the tree for itself or for a later step.

Every marker fusionclean writes is declared here, with the step that writes it and the
steps that read it; no module spells a marker's name itself. Markers are working state,
never output: input never supplies them (``_parse`` drops ``data-fc-`` attributes from the
text it reads), the step that reads a marker removes it, and whatever is left when a
pipeline run ends — a reader was removed from the pipeline, or a user's step stopped
early — is settled by :func:`settle` (the outermost ``Pipeline`` call runs it), so no
marker reaches any output, ``Pipeline.apply()`` included.

Two kinds:

- **Tag markers** rename an element to an ``fc-`` tag; the step that wrote them strips
  them all at once at its end (one ``strip_marked`` instead of one removal per element,
  which costs n² text joins in a crowded parent).
- **Attribute markers** (``data-fc-…``) carry a fact from one step to a later one.

Text placeholders the shortcode reader uses while it works on text (``SHORTCODE_SLOT``,
``PRE_SLOT``) never reach a tree; they are declared here so they are named once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from lxml import etree

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

__all__ = [
    "ALIGN", "ATTRIBUTE_PREFIX", "BLOCK", "DROP", "GONE", "HEADING", "OFFSET", "PRE_SLOT",
    "SHORTCODE_SLOT", "TAG_PREFIX", "UNWRAP", "leftovers", "settle",
]  # fmt: skip

#: Every attribute marker starts with this; no input attribute with it is ever kept.
ATTRIBUTE_PREFIX: Final = "data-fc-"
#: Every tag marker starts with this.
TAG_PREFIX: Final = "fc-"

# -- tag markers (written and stripped within one step) ------------------------------------
#: Remove with its content, keep its tail. Written and stripped by ``drop_hidden``,
#: ``resolve_images``, ``normalize_styles``, ``sanitize`` and ``prune_empty``.
DROP: Final = "fc-drop"
#: Emptied or to be unwrapped, content (if any) kept. Written and stripped by
#: ``map_fusion_elements`` and ``select_content`` (``strip_marked(keep_content=True)``).
GONE: Final = "fc-gone"
#: Unwrap, content kept. Written and stripped by ``fix_headings`` and the block unwrapper
#: (``transforms/_blocks.py``, used by ``map_fusion_elements`` and ``sanitize``).
UNWRAP: Final = "fc-unwrap"
#: A block split out of an inline parent, unwrapped at once. Written and stripped by the
#: block unwrapper (``transforms/_blocks.py``).
BLOCK: Final = "fc-block"

# -- attribute markers (carried between steps) ---------------------------------------------
#: On a heading: ``"relative"`` — made by the builder's widget (a tab, toggle or card title),
#: re-levelled below the authored heading before it; ``"fake"`` — promoted from a bold
#: paragraph. Written by ``map_fusion_elements``, the shortcode renderer (through the
#: source's marker prefix) and ``fix_headings``; read and removed by ``fix_headings``.
HEADING: Final = "data-fc-heading"
#: On a relative heading: how many levels further down it sits (a flip box's back title).
#: Written with ``HEADING``; read and removed by ``fix_headings``.
OFFSET: Final = "data-fc-offset"
#: On a block: the text alignment ``NormalizeStyles(keep_text_align=True)`` kept. Written by
#: ``normalize_styles``; kept by ``sanitize``; turned into ``style="text-align: …"`` by
#: :func:`settle`, which the document builder reads.
ALIGN: Final = "data-fc-align"

# -- text placeholders (sources/ only; never in a tree) -------------------------------------
#: Around a rendered block shortcode while autop runs (``sources/shortcodes.py``).
SHORTCODE_SLOT: Final = "fc-sc"
#: Tag-name prefix standing in for a ``<pre>`` while autop runs (``sources/autop.py``).
PRE_SLOT: Final = "fc-pre-"


#: Any element or attribute marker left under the root (one C-level pass).
_LEFTOVERS: Final = etree.XPath(
    "descendant-or-self::*[starts-with(local-name(), 'fc-') or @*[starts-with(local-name(), 'data-fc-')]]"
)


def leftovers(root: HtmlElement) -> list[HtmlElement]:
    """The elements under ``root`` (itself included) that are or carry a marker."""
    found: list[HtmlElement] = _LEFTOVERS(root)  # type: ignore[assignment]
    return found


def settle(root: HtmlElement) -> None:
    """Settle every marker left under ``root``: a marker's public meaning is kept, the
    marker itself goes.

    ``DROP`` elements are removed with their content (their tails stay), other ``fc-``
    elements are unwrapped, ``ALIGN`` becomes ``style="text-align: …"``, and every other
    ``data-fc-`` attribute is removed.
    """
    found = leftovers(root)
    if not found:
        return
    tags: set[str] = set()
    for el in found:
        tag: Any = el.tag
        if isinstance(tag, str) and tag.startswith(TAG_PREFIX):
            tags.add(tag)
        for name in [n for n in el.attrib if n.startswith(ATTRIBUTE_PREFIX)]:
            value = el.attrib.pop(name)
            if name == ALIGN and value and not el.get("style"):
                el.set("style", f"text-align: {value}")
    if DROP in tags:
        etree.strip_elements(root, DROP, with_tail=False)
        tags.discard(DROP)
    if tags:
        if isinstance(root.tag, str) and root.tag in tags:
            root.tag = "div"  # the container itself is never removed
        etree.strip_tags(root, *tags)
