"""Entry points: inputs, errors, the founding example's promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

import fusionclean
from fusionclean.errors import InputError, LimitExceededError, UnknownNameError

from .conftest import CORPUS

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "fusionclean" / "examples" / "founding-post.html"
RUNNERS = CORPUS / "wpjson" / "laniertherapy--post-1404-runners-knee.json"
needs_corpus = pytest.mark.skipif(not RUNNERS.is_file(), reason="../shared/corpus is absent")


def _sentences(html: str) -> list[str]:
    text = " ".join(" ".join(lxml_html.fromstring(f"<div>{html}</div>").itertext()).split())
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4]


@needs_corpus
def test_founding_post_html() -> None:
    out = fusionclean.clean(RUNNERS)
    for bad in ("<div", "<span", "class=", "style=", "data-"):
        assert bad not in out
    assert "<h1>Physical Therapy for Runner’s Knee: A Step Towards Recovery</h1>" in out
    assert "<p></p>" not in out and "<p> </p>" not in out
    assert out.count("<img") == 2
    post = json.loads(RUNNERS.read_text())
    source_sentences = _sentences(post["content"]["rendered"])
    positions = [out.find(s.split(" ")[0] + " " + s.split(" ")[1]) for s in source_sentences]
    out_text = " ".join(" ".join(lxml_html.fromstring(f"<div>{out}</div>").itertext()).split())
    for s in source_sentences:
        assert out_text.count(s) == 1, s
    order = [out_text.find(s) for s in source_sentences]
    assert order == sorted(order) and positions


@needs_corpus
def test_founding_post_markdown_carries_the_same_text() -> None:
    from markdown_it import MarkdownIt

    html = fusionclean.clean(RUNNERS)
    md = fusionclean.clean(RUNNERS, output="markdown")
    rendered = MarkdownIt("commonmark").enable("table").render(md)

    def text(markup: str) -> str:
        return " ".join(lxml_html.fromstring(f"<div>{markup}</div>").text_content().split())

    assert text(rendered) == text(html)


@needs_corpus
def test_founding_post_images_and_headings() -> None:
    doc = fusionclean.parse(RUNNERS)
    second = doc.images[1]
    assert second.src.endswith("Runners-Knee.webp") and second.width == 692
    assert abs((second.height or 0) - round(692 * 300 / 292)) <= 1
    levels = {fusionclean.document.inline_text(h.children): h.level for h in doc.headings}
    assert levels["Recovery Timeline"] == levels["Conclusion"] == 2
    assert doc.meta.title == "Physical Therapy for Runner’s Knee: A Step Towards Recovery"
    assert doc.meta.slug and doc.meta.link == "https://laniertherapy.com/?p=1404"
    md = fusionclean.clean(RUNNERS, output="markdown")
    assert "**Strengthening Exercises:**" in md


def test_bundled_example_all_formats() -> None:
    for fmt in fusionclean._api.OUTPUTS:
        out = fusionclean.clean(EXAMPLE, output=fmt)
        assert "Harvest Time" in out
        assert "Mobile" not in out
    html = fusionclean.clean(EXAMPLE)
    assert html.count("A sunny balcony is enough") == 1  # the mobile copy is dropped


def test_inputs_str_bytes_dict_path(tmp_path: Path) -> None:
    post = {
        "title": {"rendered": "T &#8211; x"},
        "content": {"rendered": "<p>Body</p>"},
        "link": "https://ex.org/p/",
    }
    assert fusionclean.clean(post) == "<p>Body</p>"
    assert fusionclean.clean(json.dumps(post)) == "<p>Body</p>"
    assert fusionclean.parse(post).meta.title == "T – x"
    assert fusionclean.clean("<p>caf\u00e9</p>".encode()) == "<p>café</p>"
    assert fusionclean.clean("\ufeff<p>é</p>".encode("utf-16")) == "<p>é</p>"
    latin = '<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("latin-1")
    assert "café" in fusionclean.clean(latin)
    f = tmp_path / "post.json"
    f.write_text(json.dumps(post))
    assert fusionclean.clean(f) == "<p>Body</p>"
    rel = {"content": {"rendered": '<a href="/x">x</a>'}, "link": "https://ex.org/p/"}
    assert 'href="https://ex.org/x"' in fusionclean.clean(rel)


def test_invalid_utf8_is_replaced_and_reported() -> None:
    conv = fusionclean.convert(b"<p>bad \xff byte</p>")
    assert "\ufffd" in fusionclean.clean(b"<p>bad \xff byte</p>")
    assert any(m.code == "invalid-utf8" for m in conv.messages)


@pytest.mark.parametrize("bad", [None, 1, 2.5, ["<p>"], object()])
def test_wrong_types_raise_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        fusionclean.clean(bad)


def test_input_errors() -> None:
    with pytest.raises(InputError, match="not a WordPress REST post"):
        fusionclean.clean({"foo": 1})
    with pytest.raises(InputError, match="not a WordPress REST post"):
        fusionclean.clean('{"hello": "world"}')
    with pytest.raises(InputError, match="not text"):
        fusionclean.clean(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="list"):
        fusionclean.clean(
            [{"content": {"rendered": "a"}}, {"content": {"rendered": "b"}}].__repr__().replace("'", '"')
        )
    with pytest.raises(UnknownNameError, match="known"):
        fusionclean.clean("<p>x</p>", output="pdf")
    with pytest.raises(UnknownNameError):
        fusionclean.clean("<p>x</p>", preset="fancy")
    with pytest.raises(LimitExceededError):
        fusionclean.clean("<p>x</p>" * 10, limits=fusionclean.Limits(max_chars=20))


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_input(text: str) -> None:
    for fmt in ("html", "markdown", "text"):
        assert fusionclean.clean(text, output=fmt) == ""
    assert json.loads(fusionclean.clean(text, output="json"))["children"] == []


def test_deep_nesting_and_many_siblings_keep_text() -> None:
    deep = "<div>" * 10_000 + "deep words" + "</div>" * 10_000
    assert "deep words" in fusionclean.clean(deep, output="text")
    wide = "<p>w</p>" * 100_000
    assert fusionclean.clean(wide, output="text").count("w") == 100_000


def test_html_after_stray_end_html_is_kept() -> None:
    out = fusionclean.clean("<p>first</p></html><body><p>second</p></body>")
    assert "first" in out and "second" in out


def test_cli_demo_and_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fusionclean.cli import main

    assert main(["demo"]) == 0
    assert "# Growing Tomatoes" in capsys.readouterr().out
    assert main(["clean", str(EXAMPLE), "-f", "text"]) == 0
    assert "Harvest Time" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text('{"x": 1}')
    assert main(["clean", str(bad)]) == 1


@needs_corpus
def test_founding_post_https_upgrade() -> None:
    from fusionclean.presets import DEFAULT

    preset = DEFAULT.replace(fusionclean.ResolveLinks(upgrade_https=True))
    doc = fusionclean.parse(RUNNERS, preset=preset)
    assert len(doc.images) == 2
    assert all(i.src.startswith("https://laniertherapy.com/") for i in doc.images)
    plain = fusionclean.parse(RUNNERS)
    assert plain.images[0].src.startswith("http://laniertherapy.com/")  # off by default


def test_examples_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    runpy.run_path(
        str(Path(__file__).resolve().parents[1] / "examples" / "clean_example.py"), run_name="__main__"
    )
    out = capsys.readouterr().out
    assert "## Harvest Time" in out and "dropped-hidden" in out
