"""The Document model and emitters: round trips, escaping, views."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html
from markdown_it import MarkdownIt

import fusionclean
from fusionclean.document import Document, Heading, Paragraph, Text

from .conftest import FIXTURES

MD = MarkdownIt("commonmark").enable("table")


def _visible(markup: str) -> str:
    return " ".join(" ".join(lxml_html.fromstring(f"<div>{markup}</div>").itertext()).split())


@pytest.mark.parametrize(
    "text",
    ["5 * 3 = 15", "# not a heading", "1986. A year", "- x", "[x](y)", "a `tick` here",
     "pipe | in text", "literal <b>bold</b>", "trailing backslash \\", "snake_case_word",
     "&amp; entity-looking", "+ plus", "> quote", "***", "1) paren", "under_ score _x_"],
)  # fmt: skip
def test_markdown_escaping_round_trips(text: str) -> None:
    doc = Document(children=(Paragraph(children=(Text(value=text),)),))
    md = fusionclean.emit.MarkdownEmitter().emit(doc)
    assert _visible(MD.render(md)) == " ".join(text.split())


def test_snake_case_not_escaped() -> None:
    assert fusionclean.clean("<p>use snake_case here</p>", output="markdown") == "use snake_case here"


@pytest.mark.parametrize(
    "case", sorted((FIXTURES / "documents").glob("*/*/input.html")), ids=lambda p: p.parent.name
)
def test_json_round_trip_and_reparse(case: object) -> None:
    source = case.read_text()  # type: ignore[attr-defined]
    doc = fusionclean.parse(source)
    assert Document.from_dict(doc.to_dict()) == doc
    html = fusionclean.clean(source)
    assert fusionclean.parse(html).children == doc.children
    md = fusionclean.clean(source, output="markdown")
    assert _visible(MD.render(md)) == _visible(html)


def test_sections_and_chunks() -> None:
    doc = fusionclean.parse("<h1>A</h1><p>one</p><h2>B</h2><p>two</p><h2>C</h2><p>three</p>")
    root = doc.sections()
    assert [s.path for s in root.subsections[0].subsections] == [("A", "B"), ("A", "C")]
    chunks = doc.chunks(max_chars=100, min_size=0)
    assert [c.path for c in chunks] == [("A",), ("A", "B"), ("A", "C")]
    assert chunks[1].text == "two"
    assert isinstance(doc.headings[0], Heading)


def test_front_matter() -> None:
    post = {"title": {"rendered": "Hello"}, "slug": "hello", "content": {"rendered": "<p>x</p>"}}
    md = fusionclean.clean(post, output="markdown", front_matter=True)
    assert md.startswith('---\ntitle: "Hello"\nslug: "hello"\n---\n')


def test_unsafe_urls_dropped_in_every_format() -> None:
    src = '<p><a href="javascript:alert(1)">x</a><img src="javascript:alert(2)" alt="y"></p>'
    for fmt in ("html", "markdown", "json"):
        assert "javascript" not in fusionclean.clean(src, output=fmt)


def test_published_json_schema_is_current() -> None:
    from pathlib import Path

    from fusionclean.document.jsonschema import schema_json

    published = Path(__file__).resolve().parents[1] / "docs" / "document.schema.json"
    assert published.read_text() == schema_json(), "regenerate docs/document.schema.json from schema_json()"


@pytest.mark.parametrize(
    "case", sorted((FIXTURES / "documents").glob("*/*/input.html")), ids=lambda p: p.parent.name
)
def test_fixture_json_validates(case: object) -> None:
    import jsonschema

    doc = fusionclean.parse(case.read_text())  # type: ignore[attr-defined]
    jsonschema.validate(doc.to_dict(), fusionclean.document.JSON_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"type": "root", "meta": {}, "children": [{"type": "heading", "level": 9, "children": []}]},
                            fusionclean.document.JSON_SCHEMA)  # fmt: skip


def test_text_align_kept_by_option() -> None:
    keep = fusionclean.presets.DEFAULT.replace(fusionclean.NormalizeStyles(keep_text_align=True))
    src = '<p style="text-align: center;">Centred</p><h2 style="text-align:right">Right</h2><p style="text-align:left">L</p>'
    out = fusionclean.clean(src, preset=keep)
    assert (
        out == '<p style="text-align:center">Centred</p>\n<h2 style="text-align:right">Right</h2>\n<p>L</p>'
    )
    assert fusionclean.clean(out, preset=keep) == out  # idempotent
    assert "style" not in fusionclean.clean(src)  # off by default
    assert json.loads(fusionclean.clean(src, preset=keep, output="json"))["children"][0]["align"] == "center"
    assert fusionclean.clean('<p style="text-align:center;color:red" onclick="x">a</p>', preset=keep) == (
        '<p style="text-align:center">a</p>'
    )


def test_details_and_quotes_keep_every_word() -> None:
    assert fusionclean.clean("<details><summary>Q</summary>loose text<p>Body</p></details>") == (
        "<details><summary>Q</summary><p>loose text</p><p>Body</p></details>"
    )
    doc = fusionclean.parse("<blockquote><p>Quote</p><footer>— Ann</footer></blockquote>")
    assert fusionclean.document.inline_text(doc.children[0].citation) == "Ann"  # type: ignore[union-attr]


def test_nested_figures_keep_their_captions() -> None:
    # found by fuzzing: merging a figure nested in another dropped the inner caption
    nested = (
        '<figure><div><figure><img src="a.jpg"><figcaption>First bed</figcaption></figure>'
        '<figure><img src="b.jpg"><figcaption>Second bed</figcaption></figure></div>'
        "<figcaption>The garden</figcaption></figure>"
    )
    text = fusionclean.clean(nested, output="text")
    assert [w for w in ("First bed", "Second bed", "The garden") if w not in text] == []
    only_inner = '<figure><img src="x.jpg"><ul><li><figure><img src="y.jpg"><figcaption>Inner</figcaption></figure></li></ul></figure>'
    figure = fusionclean.parse(only_inner).children[0]
    assert isinstance(figure, fusionclean.document.Figure)
    assert figure.caption == (fusionclean.document.Text(value="Inner"),)


@pytest.mark.parametrize(
    ("markup", "words"),
    [
        ('<figure><img src="a.jpg"><span>Photo: Ann Lee</span></figure>', "Photo: Ann Lee"),
        ('<figure><img src="a.jpg">Loose credit line</figure>', "Loose credit line"),
        ('<figure>Before <img src="a.jpg"><figcaption>Cap</figcaption> after</figure>', "Before after"),
        ("<figure><span>Only words here</span></figure>", "Only words here"),
    ],
)
def test_words_in_a_figure_outside_its_caption_are_kept(markup: str, words: str) -> None:
    # found by fuzzing: a figure's own text and its children's tails were dropped
    assert words in fusionclean.clean(markup, output="text")


@pytest.mark.parametrize(
    ("markup", "markdown"),
    [
        ("<p><em>Sow <em>early</em> and often</em></p>", "*Sow early and often*"),
        (
            '<p><strong>Beds <a href="/b"><b>seven</b> and eight</a></strong></p>',
            "**Beds [seven and eight](/b)**",
        ),
        ("<p><strong>Dig <em>deep <strong>now</strong></em></strong></p>", "**Dig *deep now***"),
    ],
)
def test_a_mark_inside_the_same_mark_is_read_once(markup: str, markdown: str) -> None:
    assert fusionclean.clean(markup, output="markdown") == markdown


def test_image_alt_and_title_are_one_line_of_text() -> None:
    doc = fusionclean.parse('<p><img src="/a.jpg" alt="  Ann\n  Lee " title=" Plot\t7 "></p>')
    image = doc.children[0].children[0]  # type: ignore[attr-defined]
    assert (image.alt, image.title) == ("Ann Lee", "Plot 7")
    assert fusionclean.clean('<p><img src="/a.jpg" alt=" "></p>', output="markdown") == "![](/a.jpg)"


def test_a_bold_span_around_a_strong_is_one_bold_line() -> None:
    markup = (
        '<h1>Garden</h1><p><span style="font-weight: bold"><strong>Our beds</strong></span></p>'
        "<ul><li>Seven raised beds</li></ul>"
    )
    html = fusionclean.clean(markup)
    assert html == "<h1>Garden</h1>\n<h2>Our beds</h2>\n<ul><li>Seven raised beds</li></ul>"
    assert fusionclean.clean(html) == html


def test_a_list_item_with_a_sublist_stays_a_tight_list() -> None:
    markup = (
        "<ul><li>Beds<ul><li>Raised</li><li>Sunken<ol><li>Dig</li></ol></li></ul></li><li>Sheds</li></ul>"
    )
    markdown = fusionclean.clean(markup, output="markdown")
    assert markdown == "- Beds\n  - Raised\n  - Sunken\n    1. Dig\n- Sheds"
    assert "<p>" not in MarkdownIt().render(markdown)  # tight: no paragraphs in the items
    assert fusionclean.clean(markup, output="text") == markdown
    # two paragraphs in an item still make the list loose
    loose = fusionclean.clean("<ul><li><p>A</p><p>B</p></li><li>C</li></ul>", output="markdown")
    assert loose == "- A\n\n  B\n\n- C"
