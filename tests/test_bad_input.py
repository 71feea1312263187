"""The bad-input matrix: one row per hostile or broken input, with its expected behaviour.

Rows that raise are the documented errors; every other row must clean without raising and
keep its text. (WXR rows — truncated, malformed, external entities, entity bombs — are in
``test_inputs.py``; deep nesting and 100,000 siblings in ``test_api.py``.)
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest

import fusionclean
from fusionclean.errors import InputError, LimitExceededError


def _text(source: Any, **kw: Any) -> str:
    return fusionclean.clean(source, output="text", **kw)


KEEPS: list[tuple[str, Any, list[str]]] = [
    ("empty", "", []),
    ("whitespace", " \n\t ", []),
    ("utf16-bom", "\ufeff<p>Grüße</p>".encode("utf-16"), ["Grüße"]),
    ("utf8-bom", "\ufeff<p>Grüße</p>".encode("utf-8-sig"), ["Grüße"]),
    ("latin1-meta", '<meta charset="ISO-8859-1"><p>Caf\xe9</p>'.encode("latin-1"), ["Café"]),
    ("cp1252-meta", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>It\x92s</p>'.encode("latin-1"), ["It’s"]),
    ("invalid-utf8", b"<p>bad \xff\xfe byte</p>", ["bad", "byte"]),
    ("nul-bytes", "<p>nul\x00byte and \x01 more</p>", ["nulbyte", "more"]),
    ("control-refs", "<p>a&#1;b &#12;c</p>", ["ab", "c"]),
    ("unclosed", "<div><p>open <b>bold <i>both", ["open", "bold", "both"]),
    ("misnested", "<p><b>bold <i>both</b> italic</i></p><li>stray item", ["bold", "both", "italic", "stray", "item"]),
    ("html-end-first", "<p>one</p></html><body><p>two</p>", ["one", "two"]),
    ("body-end-first", "<p>one</p></body><p>two</p>", ["one", "two"]),
    ("xml-declaration", '<?xml version="1.0" encoding="utf-8"?><p>decl</p>', ["decl"]),
    ("doctype-page", "<!DOCTYPE html><html><head><title>T</title></head><body><p>page body</p></body></html>", ["page", "body"]),
    ("sc-unbalanced", "[fusion_text]open [fusion_title size='2']Head[/fusion_text] tail[/fusion_title]", ["open", "head", "tail"]),
    ("sc-cyclic-looking", "[fusion_text][fusion_text]inner[/fusion_text]outer[/fusion_text][/fusion_text]", ["inner", "outer"]),
    ("sc-huge-attribute", '[fusion_text class="' + "x" * 1_000_000 + '"]big attr[/fusion_text]', ["big", "attr"]),
    ("sc-unclosed-quote", '[fusion_title size="2]never closed quote', ["never", "closed", "quote"]),
    ("sc-only-closers", "text [/fusion_builder_column][/fusion_builder_row] end", ["text", "end"]),
    ("rest-missing-keys", {"content": {"rendered": "<p>just content</p>"}}, ["just", "content"]),
    ("rest-null-fields", {"id": None, "title": None, "link": None, "content": {"rendered": "<p>nulls</p>"}}, ["nulls"]),
    ("json-text-not-json", "{ this is not json <p>but text</p>", ["but", "text"]),
    ("emoji-astral", "<p>Seeds 🌱 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢</p>", ["seeds", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]),
    ("rtl-and-cjk", "<p dir='rtl'>حديقة</p><p>庭園</p>", ["حديقة", "庭園"]),
    ("huge-attribute-html", '<p data-x="' + "y" * 2_000_000 + '">attr text</p>', ["attr", "text"]),
    ("many-entities", "<p>" + "&amp;" * 50_000 + "end</p>", ["end"]),
    # found by the fuzzer
    ("truncated-xml-declaration", b'<?xml version="1.0" encoding="UTF-8" ?', []),
    ("late-xml-declaration", '<p>before</p>\n<?xml version="1.0" encoding="UTF-8"?><p>after</p>', ["before", "after"]),
    ("double-encoded-control", "<p>a&amp;#1;b &amp;#x1b;c</p>", ["ab", "c"]),
    ("forged-internal-attributes", '<h4 data-fc-heading="relative" data-fc-offset="1\n<x>">forged</h4>', ["forged"]),
    # a decimal reference ends at a hex letter: "&#8e" is U+0008 then "e" (it reached the tree)
    ("decimal-ref-then-letter", "<p>a&#8e b&#x1g c</p>", ["ae", "bg", "c"]),
    # an image with only a placeholder is dropped; the words after it were dropped with it
    ("placeholder-image-tail", '<p>Before <img src="data:image/gif;base64,R0lGOD"> after words</p>', ["before", "after", "words"]),
    ("many-attributes", "<p " + " ".join(f'data-a{i}="v" on{i}="x"' for i in range(3000)) + ">many attrs</p>", ["many", "attrs"]),
    ("many-lines", "<p>" + "line<br>" * 3000 + "last</p>", ["line", "last"]),
    ("style-nested-deep", '<p><span style="font-weight:bold;color:' + "(" * 5000 + '">styled</span> words</p>', ["styled", "words"]),
]  # fmt: skip


@pytest.mark.parametrize("name,source,words", KEEPS, ids=[k[0] for k in KEEPS])
def test_row_cleans_and_keeps_text(name: str, source: Any, words: list[str]) -> None:
    text = _text(source)
    for word in words:
        assert word.lower() in text.lower(), (name, word, text[:200])
    for fmt in ("html", "markdown", "json"):
        fusionclean.clean(source, output=fmt)


RAISES: list[tuple[str, Callable[[], Any], type[BaseException], str]] = [
    ("none", lambda: fusionclean.clean(None), TypeError, "NoneType"),
    ("int", lambda: fusionclean.clean(7), TypeError, "int"),
    ("list", lambda: fusionclean.clean(["<p>x</p>"]), TypeError, "list"),
    ("json-not-a-post", lambda: fusionclean.clean('{"name": "widget"}'), InputError, "not a WordPress REST post"),
    ("json-scalar", lambda: fusionclean.clean("[]", kind="rest"), InputError, "list of 0"),
    ("json-too-deep", lambda: fusionclean.clean("[" * 5000 + "]" * 5000, kind="rest"), InputError, "nested too deeply"),
    # JSON nested deeper than Python's reader goes (RecursionError): the documented error, no crash
    ("deep-json-looking-text", lambda: fusionclean.clean('{"content": {"rendered": "x"}, "a": ' + "[" * 100_000 + "]" * 100_000 + "} deep"), InputError, "nested too deeply"),
    ("json-text-does-not-parse", lambda: fusionclean.clean('{"title": "x",\n "content": oops}'), InputError, "line 2, column 13"),
    ("binary", lambda: fusionclean.clean(b"\x1f\x8b\x08\x00compressed"), InputError, "not text"),
    ("bad-bom", lambda: fusionclean.clean(b"\xff\xfe\x00\xd8"), InputError, "BOM"),
    ("too-large", lambda: fusionclean.clean("<p>x</p>" * 100, limits=fusionclean.Limits(max_chars=500)), LimitExceededError, "limit"),
    ("bad-limits", lambda: fusionclean.Limits(max_depth=0), fusionclean.ConfigError, "max_depth"),
    ("bad-limits-type", lambda: fusionclean.clean("<p>x</p>", limits=5), TypeError, "Limits"),
]  # fmt: skip


@pytest.mark.parametrize("name,call,error,match", RAISES, ids=[r[0] for r in RAISES])
def test_row_raises_documented_error(
    name: str, call: Callable[[], Any], error: type[BaseException], match: str
) -> None:
    with pytest.raises(error, match=match):
        call()


def test_depth_limit_flattens_and_reports() -> None:
    deep = "<div>" * 300 + "<p>deep words</p>" + "</div>" * 300
    conv = fusionclean.convert(deep, limits=fusionclean.Limits(max_depth=50))
    assert any(m.code == "flattened-deep-nesting" for m in conv.messages)
    assert "deep words" in fusionclean.emit.TextEmitter().emit(conv.document)


@pytest.mark.parametrize("depth", [60, 3000])
def test_deeply_nested_shortcodes_keep_their_words_and_report_it(depth: int) -> None:
    # each level of shortcodes costs Python frames: 1,000 levels raised RecursionError
    deep = (
        '[fusion_builder_column_inner][fusion_title size="2"]Top[/fusion_title]'
        + "[fusion_builder_column_inner][fusion_highlight]" * depth
        + "Deep words"
        + "[/fusion_highlight][/fusion_builder_column_inner]" * depth
        + "[fusion_text]After[/fusion_text][/fusion_builder_column_inner]"
    )
    conv = fusionclean.convert(deep)
    assert fusionclean.emit.TextEmitter().emit(conv.document) == "Top\n\nDeep words\n\nAfter"
    assert [m.code for m in conv.messages if m.level == "warning"] == ["flattened-deep-nesting"]
    # a REST post whose builder is gone renders its leftovers with the same reader
    post = {"content": {"rendered": deep.replace('"', "&#8221;")}}
    assert "Deep words" in fusionclean.clean(post, output="text")


def test_a_file_name_that_names_a_zero_size_is_no_size() -> None:
    # "-00x20.jpg" looks like WordPress's size suffix: it gave a ratio of 20 / 0
    markup = '<p><img src="/c-00x20.jpg" srcset="/d.jpg 2x"><img src="/e-0x0-00x20.png" width="0"></p>'
    assert fusionclean.clean(markup) == '<p><img src="/d.jpg" alt=""><img src="/e-0x0-00x20.png" alt=""></p>'


def test_fifty_megabyte_document() -> None:
    unit = '<div class="fusion-text"><p>Fifty megabytes of <b>garden</b> notes, line {i}.</p></div>\n'
    doc = "".join(unit.format(i=i) for i in range(50 * 1024 * 1024 // len(unit)))
    assert len(doc) >= 50 * 1024 * 1024 - len(unit)
    start = time.perf_counter()
    out = fusionclean.clean(doc, output="text")
    assert out.count("Fifty megabytes") == doc.count("Fifty megabytes")
    assert time.perf_counter() - start < 600  # a guard against hangs, not a speed claim


def test_json_file_with_broken_records_is_accounted(tmp_path: Any) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{"content": {"rendered": "<p>ok</p>"}}, {"nope": 1}, 3]))
    results = list(fusionclean.clean_many([path]))
    assert [r.ok for r in results] == [True, False, False]
