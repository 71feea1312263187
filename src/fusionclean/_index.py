"""One walk that lists the elements the class-based steps look for, shared by them.

``select_content``, ``drop_hidden`` and ``map_fusion_elements`` each look for elements by
class token. Walking the tree costs about a microsecond an element in Python, so the
walk is done once per pipeline run and its result reused; each lookup is then a few dict
lookups instead of a walk over thousands of elements.

Only the vocabulary steps declare with :func:`watch_classes` is indexed: an element is
kept when its class names a watched token (a quarter of the classed elements on the
corpus; what a class string names is cached per distinct string, since builder markup
repeats a few hundred of them). Keeping fewer elements matters twice: each kept element
holds a Python proxy for the run, and freeing proxies of removed subtrees is not free. A
lookup of a name that was not watched when the index was built walks the tree instead.
Both give the same answer.

The index is only a list of candidates. A lookup re-reads the class of every hit and
checks that the element is still in the tree, so removals and classes taken away by
earlier steps are always seen. What an index cannot see is a class *added* after it was
built (a new classed element, or a token added to an indexed one): the Pipeline therefore
drops it after every step that does not declare ``keeps_class_index = True`` (the
built-in steps add no builder classes). A lookup that builds the index
(``Context.find_classes`` when there is none) skips the checks: nothing has changed yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from lxml import etree

__all__ = ["ClassIndex", "watch_classes"]

# The watched vocabulary and a cache of class attribute value → its watched tokens (builder
# markup repeats the same few hundred class strings on every page, so most elements cost
# one dict lookup instead of a split). Replaced together when names are added, so an
# index never mixes a cache with another vocabulary.
_STATE: tuple[frozenset[str], dict[str, tuple[str, ...]]] = (frozenset(), {})
_CACHE_LIMIT = 50_000


def watch_classes(names: Iterable[str]) -> None:
    """Declare class names a step will look up, so the index maps them directly."""
    global _STATE
    watched = _STATE[0] | frozenset(names)
    if watched != _STATE[0]:
        _STATE = (watched, {})


def _watched_tokens(
    value: str, watched: frozenset[str], cache: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    tokens = cache[value] = tuple(dict.fromkeys(t for t in value.split() if t in watched))
    return tokens


#: Name sets already known to be watched, with the vocabulary they were checked against.
_SUBSET_OF: dict[frozenset[str], frozenset[str]] = {}


def _is_watched(names: Set[str], watched: frozenset[str]) -> bool:
    if not names <= watched:
        return False
    if type(names) is frozenset and len(_SUBSET_OF) < 256:  # steps pass constants
        _SUBSET_OF[names] = watched
    return True


class ClassIndex:
    """The descendants of ``root`` whose class names a watched token, in document order."""

    __slots__ = ("_by_token", "_elements", "_vocabulary", "root")

    def __init__(self, root: Any) -> None:
        self.root = root
        vocabulary, cache = _STATE
        self._vocabulary = vocabulary  # lookups of other names walk the tree instead
        elements: list[Any] = []
        by_token: dict[str, list[int]] = {}
        cached = cache.get
        for el in root.iterdescendants(etree.Element):
            value = el.get("class")
            if value:
                tokens = cached(value)
                if tokens is None:
                    tokens = _watched_tokens(value, vocabulary, cache)
                if tokens:  # three classed elements in four name nothing a step looks up
                    position = len(elements)
                    elements.append(el)
                    for token in tokens:
                        found = by_token.get(token)
                        if found is None:
                            by_token[token] = [position]
                        else:
                            found.append(position)
        self._elements = elements
        self._by_token = by_token

    def find(self, names: Set[str], *, fresh: bool = False) -> list[Any]:
        """Elements still under the root whose class has one of ``names``, in document order.

        ``fresh``: skip re-reading classes and the liveness climb — the tree has not changed
        since the index was built (the caller built it for this lookup), or the caller
        checks both itself (``Context.find_classes(..., verify=False)``).
        """
        vocabulary = self._vocabulary
        if not (
            (type(names) is frozenset and _SUBSET_OF.get(names) is vocabulary)
            or _is_watched(names, vocabulary)
        ):  # a name nobody had declared when the index was built: walk the tree
            return [
                el
                for el in self.root.iterdescendants(etree.Element)
                if (value := el.get("class")) and not names.isdisjoint(value.split())
            ]
        positions: set[int] = set()
        by_token = self._by_token
        if len(by_token) < len(names):  # a step's vocabulary is large, a page's small
            for token, hits in by_token.items():
                if token in names:
                    positions.update(hits)
        else:
            for name in names:
                found = by_token.get(name)
                if found is not None:
                    positions.update(found)
        if not positions:
            return []
        elements = self._elements
        if fresh:
            return [elements[position] for position in sorted(positions)]
        root = self.root
        alive: set[Any] = {root}  # elements known to be under the root (references held)
        out = []
        for position in sorted(positions):
            el = elements[position]
            value = el.get("class")  # re-read: an earlier step may have changed it
            if not value or names.isdisjoint(value.split()):
                continue
            if _under(el, root, alive):
                out.append(el)
        return out


def _under(el: Any, root: Any, alive: set[Any]) -> bool:
    """Is ``el`` still a descendant of ``root``? Climbs until an ancestor known to be."""
    path = []
    node = el.getparent()
    while node is not None and node not in alive:
        path.append(node)
        node = node.getparent()
    if node is None:
        return False
    alive.update(path)
    alive.add(el)
    return True
