"""A clean-room take on WordPress's automatic paragraphs (``wpautop``).

Blank lines separate paragraphs; a single newline inside a paragraph becomes ``<br>``;
nothing is wrapped around block-level tags, and newlines next to block tags never become
breaks. Content inside ``pre`` is left alone.
"""

from __future__ import annotations

import re
from typing import Final

from .._markers import PRE_SLOT, SHORTCODE_SLOT

__all__ = ["autop"]

#: Tags that stand on their own: autop never wraps them in a paragraph.
BLOCK_TAGS: Final = (
    "table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th", "div", "dl",
    "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area", "blockquote", "address", "math",
    "style", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "fieldset", "legend", "section",
    "article", "aside", "hgroup", "header", "footer", "nav", "figure", "figcaption", "details",
    "menu", "summary", "iframe", "video", "script", "noscript", "svg", SHORTCODE_SLOT,
)  # fmt: skip


_Trie = dict[str, "_Trie"]


def _alternation(words: tuple[str, ...]) -> str:
    """A regex matching any of ``words``, factored by common prefix (``d(?:d|iv|l|t)``).

    The same language as ``a|b|c``, but the engine tries the first character once instead
    of once per word: the block-tag patterns run at every ``<`` of a post, and the plain
    alternation of 58 words took 2.6 times as long over the shortcode corpus.
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or "" in node else branches[0]
        return body + "?" if "" in node else body

    return "(?:" + emit(tree) + ")"


_BLOCK: Final = _alternation(BLOCK_TAGS)
# a lookahead and a literal replacement: no per-match template expansion
_BLOCK_TAG_RE: Final = re.compile(rf"<(?={_BLOCK}[\s/>])", re.I)
_BLOCK_END_RE: Final = re.compile(rf"(</{_BLOCK}>)", re.I)
# starts only where a run of blanks starts (the lookbehind): a run with no line break after
# it is read once, not once from each of its characters
_LINE_RE: Final = re.compile(r"(?<![^\S\n])[^\S\n]*\n\s*")
_PARAGRAPHS_RE: Final = re.compile(r"\n\s*\n")
_ONLY_BLOCK_RE: Final = re.compile(rf"^\s*</?{_BLOCK}[\s/>]", re.I)
_PRE_PLACEHOLDER_RE: Final = re.compile(rf"<{PRE_SLOT}(\d+)></{PRE_SLOT}\1>")


def _protect_pre(text: str, pres: list[str]) -> str:
    """Swap each ``<pre>…</pre>`` for a placeholder (a linear scan, no regex backtracking)."""
    out: list[str] = []
    pos = 0
    lower = text.lower()
    while True:
        start = lower.find("<pre", pos)
        if start < 0 or (start + 4 < len(text) and lower[start + 4] not in " \t\n>"):
            if start < 0:
                break
            out.append(text[pos : start + 4])
            pos = start + 4
            continue
        end = lower.find("</pre>", start)
        if end < 0:
            break
        end += len("</pre>")
        out.append(text[pos:start])
        pres.append(text[start:end])
        out.append(f"<{PRE_SLOT}{len(pres) - 1}></{PRE_SLOT}{len(pres) - 1}>")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def autop(text: str) -> str:
    """Wrap loose text in paragraphs the way WordPress displays post content."""
    if not text.strip():
        return text
    pres: list[str] = []
    if "<pre" in text.lower():
        text = _protect_pre(text, pres)
    text = text.replace("\r\n", "\n")
    # blocks always stand on their own line
    text = _BLOCK_TAG_RE.sub("\n\n<", text)
    parts = _BLOCK_END_RE.split(text)  # text, end tag, text, end tag, ..., text
    parts[1::2] = [tag + "\n\n" for tag in parts[1::2]]
    text = "".join(parts)
    out: list[str] = []
    for chunk in _PARAGRAPHS_RE.split(text):
        piece = chunk.strip()
        if not piece:
            continue
        if _ONLY_BLOCK_RE.match(piece) or piece.startswith("<" + PRE_SLOT):
            out.append(piece)
            continue
        if "\n" in piece:
            piece = _LINE_RE.sub("<br>\n", piece)
        out.append(f"<p>{piece}</p>")
    result = "\n".join(out)
    if pres:  # all at once: one replace per block read the whole text each time (n²)
        result = _PRE_PLACEHOLDER_RE.sub(lambda m: pres[int(m.group(1))], result)
    return result
