"""Text → the one lxml container element every transform works on.

The root is the document's ``<body>`` renamed to ``<div>``: the HTML parser sees the input
exactly as a browser would (no wrapper markup of ours to unbalance), and a fragment and a
whole page come out the same shape. Picking a page's content area is the job of the
``select_content`` transform, so users can remove or configure it like any other step.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from lxml import etree

from ._context import Context
from ._markers import ATTRIBUTE_PREFIX
from .errors import ConfigError, LimitExceededError

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

__all__ = ["DEFAULT_LIMITS", "Limits", "limit_attributes", "parse_html"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Resource limits applied to every input.

    Attributes:
        max_chars: Largest input accepted, in characters (decoded text).
            Larger input raises :class:`~fusionclean.errors.LimitExceededError`.
        max_depth: Deepest element nesting kept as structure. Anything deeper is
            flattened to its text (nothing is lost) and a ``flattened-deep-nesting``
            message is reported. Keeps every later step free of deep recursion.
        max_attributes: Most attributes read on one element. The parser takes time
            quadratic in an element's attributes (60,000 on one tag: 14 s), so those past
            this many are removed from the text before parsing, with an ``over-budget``
            message.
    """

    max_chars: int = 200_000_000
    max_depth: int = 100
    max_attributes: int = 1000

    def __post_init__(self) -> None:
        for name in ("max_chars", "max_depth", "max_attributes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"Limits.{name} must be a positive integer, got {value!r}")


#: The limits used when none are given.
DEFAULT_LIMITS: Final = Limits()

_XML_DECL_RE: Final = re.compile(r"^\s*<\?xml[^>]*>")
# Numeric character references the parser would decode into characters lxml refuses in a
# tree (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). A decimal reference
# ends at the first character that is no decimal digit ("&#8e" is U+0008 followed by "e"),
# a hexadecimal one at the first that is no hex digit.
_NUMERIC_REF: Final = (
    r"&#(?:0*(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]|6553[45]|5[5-7][0-9]{3})(?![0-9])"
    r"|[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF]|[dD][89a-fA-F][0-9a-fA-F]{2})(?![0-9a-fA-F]))"
)
# those characters, literal or as references; a character class alone is scanned at C
# speed, so the reference alternation runs on its own only where the text holds one
_CONTROL_RE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|" + _NUMERIC_REF + ";?"
)
_NUMERIC_REF_RE: Final = re.compile(_NUMERIC_REF)
# A stray </html> or </body> makes libxml2 drop everything after it; browsers ignore them.
_END_ROOT_RE: Final = re.compile(r"</(?:html|body)\s*>", re.I)
_ANY_TAG_RE: Final = re.compile(r"<[^<>]*>")  # not "<[^>]*>": n² on a text of "<" alone
_LOCAL = threading.local()
_INTERNAL_ATTRS_XPATH: Final = etree.XPath(
    f"descendant-or-self::*/@*[starts-with(name(), '{ATTRIBUTE_PREFIX}')]"
)


def _parser() -> etree.HTMLParser:
    # lxml parsers must not be shared between threads: one per thread.
    parser: etree.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        # plain etree parser: lxml.html's Python-level element class lookup costs more than
        # every transform together on a large page
        parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True,
            default_doctype=False,
        )  # fmt: skip
        _LOCAL.parser = parser
    return parser


def _bytes_parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_LOCAL, "bytes_parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True,
            default_doctype=False, encoding="utf-8",
        )  # fmt: skip
        _LOCAL.bytes_parser = parser
    return parser


def parse_html(text: str, ctx: Context | None = None, limits: Limits = DEFAULT_LIMITS) -> HtmlElement:
    """Parse HTML (fragment or page) into a ``<div>`` container element.

    ``data-fc-`` attributes in the text are dropped: fusionclean's working attributes
    (``_markers``) are never taken from input.

    Raises:
        LimitExceededError: the text is longer than ``limits.max_chars``.
    """
    if len(text) > limits.max_chars:
        raise LimitExceededError(
            f"input is {len(text):,} characters; the limit is {limits.max_chars:,} "
            "(raise it with Limits(max_chars=...))"
        )
    if "<?xml" in text[:1024]:
        text = _XML_DECL_RE.sub("", text.lstrip("\ufeff"), count=1)
    if _has_control(text) or _has_bad_char_ref(text):
        text = _remove_control(text, ctx)
    if "</" in text and _END_ROOT_RE.search(text):
        text = _END_ROOT_RE.sub("", text)
    text = limit_attributes(text, limits.max_attributes, ctx)
    root = _parse(text, ctx)
    _limit_depth(root, limits.max_depth, ctx)
    if ATTRIBUTE_PREFIX in text:  # fusionclean's own working attributes are never taken from input
        for attr in _INTERNAL_ATTRS_XPATH(root):
            parent = attr.getparent()
            if parent is not None:
                del parent.attrib[attr.attrname]
    return root


# A start tag's extent: its name and attributes, quoted values read whole (an unrolled
# loop, plain* (quoted plain*)*: one way to match, so it never backtracks more than once).
_START_TAG_RE: Final = re.compile(r"""<[A-Za-z][^"'<>]*(?:(?:"[^"]*"|'[^']*')[^"'<>]*)*""")
_TAG_NAME_RE: Final = re.compile(r"<[^\s/>\"']*")
# one attribute, for the parser's purposes (a name, and a value if any): at least one
# character a match, so reading a tag with it is linear
_ATTRIBUTE_RE: Final = re.compile(r"""[^\s"'>/=][^\s"'>/=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?""")


def limit_attributes(text: str, most: int, ctx: Context | None = None) -> str:
    """``text`` with the attributes past the ``most``-th of each start tag removed (only a
    tag at least twice that long can hold so many: the others are passed over)."""
    long = 2 * most
    cut: list[str] = []
    pos = 0
    tags = 0
    for m in _START_TAG_RE.finditer(text):
        start, end = m.span()
        if end - start <= long:
            continue
        span = m.group(0)
        name = _TAG_NAME_RE.match(span).end()  # type: ignore[union-attr]
        kept = []
        for n, attribute in enumerate(_ATTRIBUTE_RE.finditer(span, name)):
            if n == most:
                break
            kept.append(attribute.group(0))
        else:
            continue
        cut += [text[pos:start], span[:name], " ", " ".join(kept)]
        pos = end
        tags += 1
    if not tags:
        return text
    if ctx is not None:
        ctx.warn(
            "", "over-budget",
            f"{tags} element(s) with more than {most:,} attributes: those past the {most:,}th removed",
        )  # fmt: skip
    cut.append(text[pos:])
    return "".join(cut)


#: One substring test per character is memchr-fast; a regex character class is not.
_CONTROL_CHARS: Final = tuple(
    chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)
)
_INVALID_ENCODING: Final = etree.ErrorTypes.ERR_INVALID_ENCODING


def _has_control(text: str) -> bool:
    return any(map(text.__contains__, _CONTROL_CHARS))


def matches_at(text: str, char: str, pattern: re.Pattern[str]) -> bool:
    """``pattern.search(text)`` for a pattern that starts with ``char``, faster where
    ``char`` is rare: the pattern is tried only where a ``char`` stands. A one-character
    search runs at memchr speed, where a regex scan (or a substring test of two characters
    or more, on text stored two bytes a character) reads every character."""
    find = text.find
    match = pattern.match
    i = find(char)
    while i >= 0:
        if match(text, i):
            return True
        i = find(char, i + 1)
    return False


def _has_bad_char_ref(text: str) -> bool:
    """``_NUMERIC_REF_RE.search(text)``: at each ``&`` (rare in markup, where ``"&#" in
    text`` would read every ``#`` of the style sheets and colours); past a few dozen
    ampersands the one regex scan wins again."""
    if text.count("&") > 48:
        return "&#" in text and _NUMERIC_REF_RE.search(text) is not None
    return matches_at(text, "&", _NUMERIC_REF_RE)


def _remove_control(text: str, ctx: Context | None) -> str:
    found = len(_CONTROL_RE.findall(text))
    if ctx is not None and found:
        ctx.warn("", "removed-control-characters", f"removed {found} NUL/control characters")
    return _CONTROL_RE.sub(_replace_control, text)


def _replace_control(m: re.Match[str]) -> str:
    token = m.group(0)
    if token == "\x0c" or token.lower().rstrip(";") in ("&#12", "&#xc", "&#x0c", "&#012"):
        return " "  # form feed is whitespace in HTML
    if "\ud800" <= token[0] <= "\udfff" or token.lower().startswith(("&#xd", "&#55", "&#56", "&#57")):
        return "\ufffd"
    return ""


def _parse(text: str, ctx: Context | None) -> HtmlElement:
    if not text.strip():
        return etree.Element("div")
    parser = _parser()
    try:
        doc = etree.fromstring(text, parser)
    except ValueError:  # an XML declaration lxml refuses in a str (even a truncated one)
        doc = etree.fromstring(text.encode("utf-8", "replace"), _bytes_parser())
    if doc is not None and parser.error_log.filter_types(_INVALID_ENCODING):
        # a lone surrogate (libxml2 stops reading at it): remove them all and parse again
        doc = etree.fromstring(_remove_control(text, ctx), parser)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # nesting beyond libxml2's hard limit: its text would be lost, so parse the text alone
        if ctx is not None:
            ctx.warn("", "flattened-deep-nesting", "nesting beyond the parser's limit: tags removed")
        doc = etree.fromstring(_ANY_TAG_RE.sub(" ", text).replace("<", "&lt;"), parser)
    if doc is None:
        return etree.Element("div")
    body: Any = doc.find("body")
    if body is None:
        root: Any = etree.Element("div")
        for child in list(doc):
            if child.tag != "head":
                root.append(child)
        return root  # type: ignore[no-any-return]
    body.tag = "div"
    body.attrib.clear()
    return body  # type: ignore[no-any-return]


def merge_text_nodes(el: HtmlElement) -> None:
    """Make each run of text nodes directly in ``el`` (its text, each child's tail) one node.

    Removing tags leaves libxml2 text nodes side by side; lxml's ``.text`` reads such a run
    in quadratic time, so the runs are read through libxml2's text serializer (linear):
    the whole text of ``el``, less what each child and its tail hold.
    """
    whole = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    tails = []
    used = 0
    for child in el:
        inner = len(etree.tostring(child, method="text", encoding="unicode", with_tail=False))
        full = etree.tostring(child, method="text", encoding="unicode", with_tail=True)
        tails.append(full[inner:])
        used += len(full)
    el.text = whole[: len(whole) - used] or None
    for child, tail in zip(el, tails):
        child.tail = tail or None


@functools.lru_cache(maxsize=8)
def _depth_xpath(max_depth: int) -> etree.XPath:
    return etree.XPath("/".join(["*"] * max_depth))  # compiled once: a 100-step path


def _limit_depth(root: HtmlElement, max_depth: int, ctx: Context | None) -> None:
    deep = _depth_xpath(max_depth)(root)
    if not deep:
        return
    for el in deep:
        etree.strip_tags(el, "*")
        merge_text_nodes(el)  # the text the tags separated, one node (n² to read otherwise)
    if ctx is not None:
        ctx.warn(
            "", "flattened-deep-nesting",
            f"{len(deep)} element(s) nested deeper than {max_depth} levels flattened to text",
        )  # fmt: skip
