"""Small lxml helpers shared by the transforms."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, Final

from lxml import etree

from .._markers import GONE
from .._parse import merge_text_nodes
from .._tree import all_text, joined_text

__all__ = [
    "CROWDED", "MARK", "XML_SPACE", "ClassFinder", "add_popover_text", "all_text", "attribute_items",
    "drop", "has_class", "joined_text", "look_back", "make", "move_children", "set_attr",
    "strip_marked", "text_of", "title_of", "unwrap", "xpath", "xpath_class_test",
]  # fmt: skip

El = Any


@functools.lru_cache(maxsize=512)
def _compiled(expr: str) -> etree.XPath:
    return etree.XPath(expr)


def xpath(el: El, expr: str) -> list[Any]:
    """``el.xpath(expr)`` with the expression compiled once per process, not per call."""
    return _compiled(expr)(el)  # type: ignore[no-any-return]


def xpath_class_test(name: str) -> str:
    """XPath predicate body: the element's class list contains ``name``.

    The plain substring test comes first: libxml2 stops an ``and`` at its first false
    operand, so the exact token test (which builds two strings) runs only on the few
    elements whose class mentions the name at all (a third less time on a page).
    """
    return f"(contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"


def has_class(el: El, name: str) -> bool:
    """True when ``name`` is one of the element's class tokens."""
    value = el.get("class")
    return bool(value) and name in value.split()


def drop(el: El) -> None:
    """Remove ``el`` and its content, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


_ALL_ATTRIBUTES: Final = etree.XPath("@*")


def attribute_items(el: El, attrib: Any = None) -> list[tuple[str, str]]:
    """``el.items()`` in linear time: lxml looks every value up by name among all the
    attributes, n² on an element with thousands of them (20,000 took 0.6 s). ``attrib``:
    ``el.attrib`` when the caller holds it already."""
    if len(el.attrib if attrib is None else attrib) <= 64:
        return el.items()  # type: ignore[no-any-return]
    return [(value.attrname, str(value)) for value in _ALL_ATTRIBUTES(el)]


#: What XPath's ``normalize-space()`` removes (not Python's wider idea of whitespace).
XML_SPACE: Final = " \t\r\n"

#: The tag of an element a step has emptied (or, to unwrap, stripped of its attributes)
#: and left in place with its tail, for one ``strip_marked`` call to remove at the end.
MARK: Final = GONE

#: How many elements one parent may lose in a step before it counts as crowded: its text
#: is then merged afterwards (``strip_marked``), and ``map_fusion_elements`` marks the
#: elements it removes from it instead of removing them one by one. Far more than builder
#: markup puts in one parent (a page's root holds some dozens of containers).
CROWDED: Final = 256


def strip_marked(root: El, *tags: Any, keep_content: bool, marked: int | None = None) -> None:
    """Remove the elements named ``tags`` under ``root`` (tag names, or ``etree.Comment``
    and the like, as ``root.iter`` takes them): their tags only
    (``etree.strip_tags``, ``keep_content``) or with their content but not their tails
    (``etree.strip_elements(with_tail=False)``).

    libxml2 leaves the text nodes such a removal brings together side by side, and a run
    of n of them costs n² to read (an XPath ``not(text())``, lxml's own ``.text``): 20,000
    spans unwrapped in one paragraph took seconds in the next step. Where a parent loses
    hundreds of children, its text is merged into one node per gap afterwards; elsewhere
    the runs are short and left alone. ``marked``: how many elements the caller marked
    with ``tags``, at most, when it knows (fewer than that many per parent: no counting).
    """
    survivors: list[El] = []
    if marked is None:  # a C-filtered walk, stopped as soon as there are enough to matter
        marked = 0
        for _ in root.iter(*tags):
            marked += 1
            if marked >= CROWDED:
                break
    if marked >= CROWDED:
        counts: dict[El, int] = {}
        for el in root.iter(*tags):
            parent = el.getparent()
            if parent is None:
                continue
            n = counts[parent] = counts.get(parent, 0) + 1
            if n == CROWDED:
                while parent is not None and parent.tag in tags:  # unwrapped too: its parent gets it
                    parent = parent.getparent() if keep_content else None
                if parent is not None:
                    survivors.append(parent)
    if keep_content:
        etree.strip_tags(root, *tags)
    else:
        etree.strip_elements(root, *tags, with_tail=False)
    for parent in survivors:
        merge_text_nodes(parent)


_HEADING_TAGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements with no content of their own that may follow a widget in its column.
_NO_CONTENT_TAGS: Final = frozenset({"style", "script", "br", "noscript", "template"})


def title_of(el: El, settled: set[El] | None = None, behind: dict[El, El | None] | None = None) -> El | None:
    """The title standing over ``el`` and nothing else, to go with it when ``el`` is dropped.

    That is a Fusion title (or a heading) right before ``el`` with no text between them,
    and nothing after ``el`` in their parent but whitespace and layout leftovers (an
    author's "Latest news" above a blog listing, "Related posts" above the related posts,
    "Find us" above a map): once ``el`` is gone the title heads nothing. Never an ``h1``
    or a post's ``entry-title``; callers decide which elements may take a title at all.

    ``settled``: parents known to hold only leftovers after the last element asked about,
    shared by the calls of a caller that asks in document order and changes nothing after
    the element it asks about (elements after it are then a part of what was looked at
    before). The look ahead then costs one walk per parent, not one per element: a column
    of 1,000 empty widgets took a second, 10,000 two minutes. ``behind``: see
    :func:`look_back`, for the same callers.
    """
    if el.tail and el.tail.strip():
        return None
    title = look_back(el, behind) if behind is not None else None  # recorded either way
    parent = el.getparent()
    if settled is None or parent not in settled:
        after = el.getnext()
        while after is not None:
            if not _leftover(after):
                return None
            after = after.getnext()
        if settled is not None and parent is not None:
            settled.add(parent)
    if behind is None:
        title = look_back(el)
    if title is None or not isinstance(title.tag, str) or (title.tail and title.tail.strip()):
        return None
    tokens = (title.get("class") or "").split()
    if title.tag == "h1" or "entry-title" in tokens:  # the page's or post's own title
        return None
    if title.tag in _HEADING_TAGS or "fusion-title" in tokens:
        return title
    return None


def look_back(el: El, behind: dict[El, El | None] | None = None) -> El | None:
    """The nearest element before ``el`` that is a heading or no leftover, if any.

    ``behind`` records, for each element looked back from, where its look stopped (a caller
    that drops the title found moves the record past it). A caller that asks in document
    order, changes nothing after the element it asks about and leaves each element it is
    done with in the tree as an emptied mark (or removes it) passes the same dict to every
    call: a look back that reaches a recorded mark goes on from the record, so a run of
    marks is walked once, not once per element after it.
    """
    title = el.getprevious()
    while title is not None and _leftover(title) and title.tag not in _HEADING_TAGS:
        # a separator or a style sheet between them
        title = behind[title] if behind is not None and title in behind else title.getprevious()
    if behind is not None:
        behind[el] = title
    return title


def _leftover(el: El) -> bool:
    """No words, images or players of its own, and none in its tail (a clearfix, a rule,
    a style sheet)."""
    if el.tail and el.tail.strip():
        return False
    if not isinstance(el.tag, str) or el.tag in _NO_CONTENT_TAGS:
        return True
    return not all_text(el).strip() and next(el.iter("img", "iframe", "video", "audio"), None) is None


def unwrap(el: El) -> None:
    """Replace ``el`` by its content (text, children, tail), in place."""
    if el.getparent() is None:
        return
    _unwrap(el)


def _unwrap(el: El) -> None:
    # neighbours, not positions: parent.index() and insert() count siblings, n² when a
    # parent's children are unwrapped one by one (20,000 titles took 3.8 s)
    parent = el.getparent()
    prev = el.getprevious()
    text = el.text or ""
    tail = el.tail or ""
    children = list(el)
    el.tail = None  # addnext() puts a sibling after the tail: the tail follows the children
    for child in reversed(children):
        el.addnext(child)
    lead = text if children else text + tail  # the words before the children, or all of them
    if lead:
        if prev is not None:
            prev.tail = (prev.tail or "") + lead
        else:
            parent.text = (parent.text or "") + lead
    if children and tail:
        last = children[-1]
        last.tail = (last.tail or "") + tail
    parent.remove(el)


_XML_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def set_attr(el: El, name: str, value: str) -> None:
    """Set an attribute, removing the control characters lxml refuses in values."""
    try:
        el.set(name, value)
    except ValueError:
        el.set(name, _XML_ILLEGAL.sub("", value))


def text_of(el: El) -> str:
    """All text under ``el`` with whitespace collapsed (a ``<br>`` separates words)."""
    return " ".join(joined_text(el, " ").split())


def add_popover_text(el: El) -> None:
    """Append the popup text of a popover trigger (it exists only in ``data-*``
    attributes) to the trigger's own text: "compost (Compost – Rotted garden waste)"."""
    note = el.get("data-content") or ""
    if not note and el.get("data-html-content"):
        from lxml import html as lxml_html

        try:
            note = text_of(lxml_html.fragment_fromstring(el.get("data-html-content"), create_parent="div"))
        except (etree.ParserError, ValueError):
            note = ""
    title = el.get("data-title") or ""
    extra = " – ".join(t.strip() for t in (title, note) if t and t.strip())
    if extra and extra not in text_of(el):
        if len(el):
            el[-1].tail = (el[-1].tail or "") + f" ({extra})"
        else:
            el.text = (el.text or "") + f" ({extra})"


def make(tag: str, text: str | None = None, children: Iterable[El] = (), **attrs: str) -> El:
    """A new HTML element."""
    el = etree.Element(tag, attrs) if attrs else etree.Element(tag)
    if text is not None:
        el.text = text
    for child in children:
        el.append(child)
    return el


def move_children(src: El, dst: El) -> None:
    """Move the content of ``src`` (text and children) to the end of ``dst``."""
    if src.text:
        if len(dst):
            dst[-1].tail = (dst[-1].tail or "") + src.text
        else:
            dst.text = (dst.text or "") + src.text
    src.text = None
    for child in list(src):
        dst.append(child)


class ClassFinder:
    """Find descendants by exact class token through the run's shared class index.

    The names are declared to the index when the finder is made, so a lookup is a few
    dict lookups; outside a pipeline run the index is built fresh (one walk). Measured on
    the corpus: one Python pass with a set lookup per token beats an XPath union of
    ``contains(@class, …)`` tests many times over.
    """

    __slots__ = ("_names",)

    def __init__(self, names: Iterable[str]) -> None:
        from .._index import watch_classes

        self._names = frozenset(names)
        watch_classes(self._names)

    def __call__(self, root: El, ctx: Any, *, verify: bool = True) -> list[El]:
        """The matching descendants of ``root``, in document order (``verify=False``: see
        :meth:`Context.find_classes`)."""
        return ctx.find_classes(root, self._names, verify=verify)  # type: ignore[no-any-return]
