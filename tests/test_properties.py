"""Properties over generated builder-like HTML, shortcode text and arbitrary input:
never raises, idempotent, stable, faithful."""

from __future__ import annotations

import contextlib
import html as html_lib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import fusionclean

from .strategies import builder_page, shortcode_text

FORMATS = ("html", "markdown", "text", "json")
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORD = re.compile(r"\w+")


def _visible_words(markup: str) -> list[str]:
    """Words a desktop visitor sees: text outside the documented duplicates and attributes."""
    root = etree.fromstring(f"<div>{markup}</div>", etree.HTMLParser())
    for el in root.xpath("//*[contains(@class, 'fusion-mobile-tab-nav')]"):
        el.getparent().remove(el)
    return WORD.findall(" ".join(root.itertext()).lower())


@PROPS
@given(builder_page())
def test_builder_html_properties(page: str) -> None:
    html = fusionclean.clean(page)
    for fmt in FORMATS:
        # idempotent: cleaning the cleaned output gives the same result in every format
        assert fusionclean.clean(html, output=fmt) == fusionclean.clean(page, output=fmt)
    # stable: re-parsing the output gives the same Document
    assert fusionclean.parse(html).children == fusionclean.parse(page).children
    # faithful: every visible word survives
    out_words = set(WORD.findall(fusionclean.clean(page, output="text").lower()))
    missing = [w for w in _visible_words(page) if w not in out_words]
    assert not missing, missing


@PROPS
@given(shortcode_text())
def test_shortcode_properties(text: str) -> None:
    html = fusionclean.clean(text)
    assert "[fusion_" not in html and "[/fusion_" not in html
    assert fusionclean.clean(html) == html
    out_words = set(WORD.findall(fusionclean.clean(text, output="text").lower()))
    source_words = WORD.findall(html_lib.unescape(re.sub(r"\[[^\]]*\]", " ", text)).lower())
    assert not [w for w in source_words if w not in out_words]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_raises(text: str) -> None:
    for fmt in FORMATS:
        with contextlib.suppress(fusionclean.InputError):  # documented: JSON that is not a post
            fusionclean.clean(text, output=fmt)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_never_raise(data: bytes) -> None:
    with contextlib.suppress(fusionclean.InputError):  # documented: binary, JSON not a post
        fusionclean.clean(data)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="<>/=\"' abcdiv[]pfusion_-&;#x0123", max_size=200))
def test_markup_soup_is_idempotent(text: str) -> None:
    try:
        once = fusionclean.clean(text)
    except fusionclean.InputError:
        return
    assert fusionclean.clean(once) == once


_STYLE_PIECES = st.sampled_from(
    [
        "font-weight", "font-style", "font", "text-decoration", "vertical-align", "display",
        "visibility", "text-align", "--awb-x", "color", "FONT-WEIGHT", ":", ";", " ", "bold",
        "700", "italic", "none", "hidden", "center", "line-through", "super", "!important",
        '"Ra;le:way"', "'x'", '"', "(", ")", "url(a;b)", "/*", "*/", "\\", "{", "}",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_STYLE_PIECES, max_size=12).map("".join))
def test_fast_style_split_agrees_with_tinycss2(style: str) -> None:
    from fusionclean.transforms.normalize_styles import (
        _meanings,
        _parsed_declarations,
        _simple_declarations,
    )

    simple = _simple_declarations(style)
    if simple is None:
        return  # tinycss2 handles it
    assert _meanings(simple) == _meanings(_parsed_declarations(style))
    known = {"font-weight", "font-style", "font", "text-decoration", "vertical-align", "display",
             "visibility", "text-align"}  # fmt: skip
    assert [n for n, _ in simple if n in known] == [n for n, _ in _parsed_declarations(style) if n in known]


_ATTR_PIECES = st.sampled_from(
    ["a", "Id", "hide_on_mobile", "1", "-", "=", '"', "'", " ", "\u00a0", "x y", "/", "]", '="v"', "é"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ATTR_PIECES, max_size=14).map("".join))
def test_fast_attribute_path_agrees_with_the_general_reader(raw: str) -> None:
    from fusionclean.sources.shortcodes import _parse_attributes_general, parse_attributes

    assert parse_attributes(raw) == _parse_attributes_general(raw)


# whitespace the builder collapses, Unicode spaces it keeps, and text; never the characters
# an lxml tree cannot hold (U+000B, U+001C-U+001F)
_WS_PIECES = st.sampled_from([" ", "  ", "\n", "\t", "\r", "\f", "\u00a0", "\u2009", "a", "bc", "é", "’"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_WS_PIECES, max_size=16).map("".join))
def test_fast_whitespace_collapse_agrees_with_the_regex(text: str) -> None:
    from fusionclean.document.build import _WS_RE, _collapse

    assert _collapse(text) == _WS_RE.sub(" ", text)


def _tree_one_level_at_a_time(text: str) -> list[object]:
    """The shortcode tree as the first sessions built it: unclosed tags hoisted one level
    at a time (quadratic in the depth, but plainly right); the reference for the one-pass
    hoisting."""
    from fusionclean.sources.shortcodes import Shortcode, _tags, parse_attributes

    def hoist(parent: Shortcode, node: Shortcode) -> None:
        for k in range(len(parent.children) - 1, -1, -1):
            if parent.children[k] is node:
                parent.children[k + 1 : k + 1] = node.children
                node.children = []
                return

    tags: list[object] = []
    last_close: dict[str, int] = {}
    pos = 0
    for m, tag in _tags(text):
        if m.start() > pos:
            tags.append(text[pos : m.start()])
        pos = m.end()
        if isinstance(tag, str):
            tags.append(tag)
            continue
        escaped = tag.group(1) == "[" and tag.group(5) == "]"
        name = tag.group(3).lower()
        if tag.group(2) and not escaped:
            last_close[name] = len(tags)
        tags.append((escaped, bool(tag.group(2)), name, tag.group(4), tag.group(0)))
    if pos < len(text):
        tags.append(text[pos:])
    root = Shortcode("#root")
    stack = [root]
    for i, item in enumerate(tags):
        if isinstance(item, str):
            stack[-1].children.append(item)
            continue
        escaped, closing, name, raw, whole = item  # type: ignore[misc]
        if escaped:
            stack[-1].children.append(whole[1:-1])
        elif closing:
            for k in range(len(stack) - 1, 0, -1):
                if stack[k].name == name:
                    while len(stack) > k + 1:
                        inner = stack.pop()
                        hoist(stack[-1], inner)
                    stack.pop().closed = True
                    break
        else:
            raw = raw.rstrip()
            node = Shortcode(name, parse_attributes(raw.rstrip("/")) if raw.strip() else {})
            stack[-1].children.append(node)
            if not raw.endswith("/") and last_close.get(name, -1) > i:
                stack.append(node)
    while len(stack) > 1:
        inner = stack.pop()
        hoist(stack[-1], inner)
    return root.children


_TAG_SOUP = st.sampled_from(
    ["[a]", "[/a]", "[b x=1]", "[/b]", "[c/]", "[[a]]", "[[b]", "[/b]]", "t", " ", "[/c]"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_TAG_SOUP, max_size=30).map("".join))
def test_unclosed_shortcodes_hoisted_in_one_pass_as_one_level_at_a_time(text: str) -> None:
    from fusionclean.sources.shortcodes import parse_shortcodes

    assert parse_shortcodes(text) == _tree_one_level_at_a_time(text)
