"""Repair text: double-encoded entities, mojibake, non-breaking spaces.

Why a step of its own: WordPress content carries years of encoding damage, and the repair
must be conservative and counted. Only text nodes that contain a trigger character are
looked at (one XPath query), so clean text costs nothing. Never touches ``pre``/``code``.
Encoding repair uses ftfy with a conservative configuration: curly quotes stay curly,
normalization is NFC only (never NFKC, which turns ``m²`` into ``m2``).

Before → after: ``It&amp;#8217;s cafÃ©`` (after parsing: ``It&#8217;s cafÃ©``) →
``It’s café``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final

import ftfy
from lxml import etree

from .._context import Context

__all__ = ["RepairText", "fix_double_entities", "fix_mojibake"]

_ENTITY_RE: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# what a decoded reference may produce that no tree can hold
_ILLEGAL_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: First characters of a UTF-8 sequence read as cp1252/latin-1.
_LEAD_CHARS: Final = "\u00c2\u00c3\u00c5\u00e2\u00ef\u00d0\u00d1\u00ce\u00cf\u00c4\u00c6\u00e0\u00e1"
_MOJIBAKE_RE: Final = re.compile(
    f"[{_LEAD_CHARS}][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# from a run's first character only (the lookbehind): a run of spaces with no
# non-breaking one in it is read once, not once from each of its characters
_NBSP_RUN_RE: Final = re.compile("(?<![ \u00a0])[ \u00a0]*\u00a0[ \u00a0]*")
#: Characters that start a double-encoded entity, a non-breaking space or a mojibake pair.
_TRIGGERS: Final = "&\u00a0\u00c3\u00c2\u00e2\u00c5\u00d0\u00ef\u00ce\u00c4"
# The whole text in one C call decides which query runs: none when no trigger occurs (a
# third of real pages), two contains() tests when only "&" and nbsp occur (the usual
# case), and the translate() of every trigger only when a mojibake lead character does.
# An "&" counts only when the whole text holds an entity reference (or a lead character
# the triggers miss): otherwise it changes nothing, and only no-break spaces are looked for.
_STRING: Final = etree.XPath("string()")
_MOJIBAKE_LEADS: Final = _TRIGGERS[2:]
_TEXT_XPATH: Final = etree.XPath(
    f"descendant::text()[string-length(translate(., '{_TRIGGERS}', '')) != string-length(.)]"
    "[not(ancestor::pre or ancestor::code)]"
)
#: Lead characters _MOJIBAKE_RE knows that are not triggers (seen only in "&" texts).
_OTHER_LEADS: Final = "".join(sorted(set(_LEAD_CHARS) - set(_TRIGGERS)))
_NBSP_TEXT_XPATH: Final = etree.XPath(
    "descendant::text()[contains(., '\u00a0')][not(ancestor::pre or ancestor::code)]"
)
_COMMON_TEXT_XPATH: Final = etree.XPath(
    "descendant::text()[contains(., '\u00a0') or contains(., '&')][not(ancestor::pre or ancestor::code)]"
)
_ATTR_XPATH: Final = etree.XPath(
    "descendant::*[@alt or @title][not(ancestor-or-self::pre or ancestor-or-self::code)]"
)
_CONFIG: Final = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
    fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False,
    fix_line_breaks=False, fix_surrogates=True, remove_control_chars=False,
    normalization="NFC", explain=False,
)  # fmt: skip


def fix_double_entities(text: str) -> str:
    """Decode entity references left literal in text by double encoding (``&#8217;``)."""
    if "&" not in text:
        return text
    return _ILLEGAL_RE.sub("", _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text))


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252/latin-1 mojibake (``cafÃ©`` → ``café``), conservatively."""
    if text.isascii() or not _MOJIBAKE_RE.search(text):  # isascii() is O(1): no scan
        return text
    return _ILLEGAL_RE.sub("", ftfy.fix_text(text, _CONFIG))


@dataclass(frozen=True, slots=True, kw_only=True)
class RepairText:
    """Repair entities, mojibake and non-breaking spaces in text and ``alt``/``title``.

    Attributes:
        fix_encoding: Repair mojibake with ftfy.
        keep_nbsp: Keep a single non-breaking space between words (runs still collapse);
            by default every non-breaking space becomes a normal space.
    """

    name: ClassVar[str] = "repair_text"
    keeps_class_index: ClassVar[bool] = True
    fix_encoding: bool = True
    keep_nbsp: bool = False

    def _fix(self, text: str, ctx: Context) -> str:
        new = text
        if "&" in new:
            fixed = fix_double_entities(new)
            if fixed != new:
                ctx.tally(self.name, "repaired-entities", "double-encoded entity text", level="warning")
                new = fixed
        if self.fix_encoding:
            fixed = fix_mojibake(new)
            if fixed != new:
                ctx.tally(self.name, "repaired-encoding", "mojibake text", level="warning")
                new = fixed
        if "\u00a0" in new:
            if self.keep_nbsp:
                new = _NBSP_RUN_RE.sub(lambda m: "\u00a0" if m.group(0) == "\u00a0" else " ", new)
            else:
                new = new.replace("\u00a0", " ")
        return new

    def __call__(self, root: Any, ctx: Context, /) -> None:
        whole = _STRING(root)
        if any(c in whole for c in _MOJIBAKE_LEADS):
            texts = _TEXT_XPATH(root)
        elif "&" in whole and (_ENTITY_RE.search(whole) or any(c in whole for c in _OTHER_LEADS)):
            texts = _COMMON_TEXT_XPATH(root)
        elif "\u00a0" in whole:  # an "&" that starts no entity changes nothing: nbsp only
            texts = _NBSP_TEXT_XPATH(root)
        else:
            texts = []
        done: set[tuple[Any, bool]] = set()
        for text in texts:
            parent = text.getparent()
            if parent is None:
                continue
            # libxml2 may hold a text as several nodes (after tags were stripped from it:
            # "Step " "2" "\u00a0done"); lxml's .text/.tail is all of them, so the whole
            # is repaired, once, never the one node written over the whole
            key = (parent, text.is_tail)
            if key in done:
                continue
            done.add(key)
            whole = parent.tail if text.is_tail else parent.text
            if whole is None:
                continue
            fixed = self._fix(whole, ctx)
            if fixed == whole:
                continue
            if text.is_tail:
                parent.tail = fixed
            else:
                parent.text = fixed
        for el in _ATTR_XPATH(root):
            for attr in ("alt", "title"):
                value = el.get(attr)
                if value:
                    fixed = self._fix(value, ctx)
                    if fixed != value:
                        el.set(attr, fixed)
