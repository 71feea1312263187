"""lxml helpers that know nothing of any builder: usable by the steps and the document.

(The steps' own helpers, some of which know builder markup, are in ``transforms/_lxml.py``;
what needs no builder knowledge and serves more than the steps moves here.)
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Final

from lxml import etree

__all__ = ["WORD_RE", "all_text", "joined_text", "visible_words"]

El = Any
#: A word, as the loss ledger counts them.
WORD_RE: Final = re.compile(r"\w+")
#: Elements whose text no visitor reads.
_INVISIBLE: Final = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "title", "textarea", "select", "option"}
)
#: Elements that stand apart from their neighbours' text.
_APART: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "img", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
        "tr", "ul", "iframe", "video", "audio", "body", "html", "form", "fieldset", "center",
    }
)  # fmt: skip


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


def visible_words(root: Any) -> Counter[str]:
    """The visible words under ``root`` (case-folded), as a multiset."""
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if done:
            if tag in _APART:
                out.append(" ")
            if el is not root and el.tail:
                out.append(el.tail)
            continue
        stack.append((el, True))
        if not tag or tag in _INVISIBLE:
            continue  # a comment, a processing instruction, a script: its tail only
        if tag in _APART:
            out.append(" ")
        if el.text:
            out.append(el.text)
        stack.extend((child, False) for child in reversed(el))
    return Counter(w.casefold() for w in WORD_RE.findall("".join(out)))
