"""lxml helpers that know nothing of any builder: usable by the steps and the document.

(The steps' own helpers, some of which know builder markup, are in ``transforms/_lxml.py``;
what needs no builder knowledge and serves more than the steps moves here.)
"""

from __future__ import annotations

from typing import Any

from lxml import etree

__all__ = ["all_text", "joined_text"]

El = Any


def all_text(el: El) -> str:
    """``"".join(el.itertext())``: the text of ``el`` and its descendants (tails included,
    its own tail not, comments and processing instructions not), ten times faster.

    libxml2 writes it in one C call, where ``itertext`` makes a Python proxy for every
    element and yields every piece through a generator (measured on a five-element price
    block: 0.19 µs against 1.9 µs). Property-tested against ``itertext``.
    """
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def joined_text(el: El, br: str) -> str:
    """``"".join(el.itertext())`` with ``br`` in place of each ``<br>``.

    ``itertext`` gives nothing for a line break, so "Get<br>started" would read
    "Getstarted"; a label takes a space, preformatted text a newline.
    """
    if next(el.iter("br"), None) is None:  # the usual case: a C-level check, then C-level text
        return all_text(el)
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                parts.append(br)
            elif node.text and isinstance(node.tag, str):
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)
