"""One walk that lists every element carrying a class, shared by the class-based steps.

``select_content``, ``drop_hidden`` and ``map_fusion_elements`` each look for elements by
class token. Walking the tree costs about a microsecond an element in Python, so the
walk is done once per pipeline run and its result reused; each lookup then filters a few
hundred (element, tokens) pairs instead of walking thousands of elements.

The index is only a list of candidates. A lookup re-reads the class of every hit and
checks that the element is still in the tree, so removals and class changes by earlier
steps are always seen. What an index cannot see is a classed element *added* after it was
built: the Pipeline therefore drops it after every step that does not declare
``keeps_class_index = True`` (the built-in steps add no builder classes).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from lxml import etree

__all__ = ["ClassIndex"]


class ClassIndex:
    """Every descendant of ``root`` with a ``class`` attribute, in document order."""

    __slots__ = ("_hits", "root")

    def __init__(self, root: Any) -> None:
        self.root = root
        hits: list[tuple[Any, list[str]]] = []
        for el in root.iter(etree.Element):
            value = el.get("class")
            if value and el is not root:
                hits.append((el, value.split()))
        self._hits = hits

    def find(self, names: Set[str]) -> list[Any]:
        """Elements still under the root whose class has one of ``names``, in document order."""
        root = self.root
        matches = []
        for el, tokens in self._hits:
            if names.isdisjoint(tokens):
                continue
            value = el.get("class")  # re-read: an earlier step may have changed it
            if value and not names.isdisjoint(value.split()):
                matches.append(el)
        if len(matches) > 8:
            # one walk that collects the live elements beats climbing from each match
            alive = set(root.iter(etree.Element))
            return [el for el in matches if el in alive and el is not root]
        return [el for el in matches if any(anc is root for anc in el.iterancestors())]
