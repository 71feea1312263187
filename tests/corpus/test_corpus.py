"""Every corpus document in every output format: no exception, no builder residue,
content kept once. Skipped with a reason where ../shared is absent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import fusionclean

from ..conftest import corpus_files
from .metrics import block_text, over_repeated, recall, visible_source_text

FORMATS = ("html", "markdown", "text", "json")
_SHORTCODE_TOKEN = re.compile(
    r"\[/?(?:fusion_\w+|fullwidth|one_(?:full|half|third|fourth|fifth|sixth)|two_third|three_fourth)\b"
)


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson", "shortcodes"))
def test_every_format_without_builder_residue(path: Path) -> None:
    outputs = {fmt: fusionclean.clean(path, output=fmt) for fmt in FORMATS}
    html = outputs["html"]
    assert not re.search(r"class=\"[^\"]*(fusion|awb)", html)
    assert "class=" not in html.replace('class="language-', "")
    for fmt, out in outputs.items():
        assert "--awb" not in out, fmt
        assert "<script" not in out.lower() or fmt in ("text", "json", "markdown")
    json.loads(outputs["json"])
    assert fusionclean.clean(html) == html  # idempotent
    if path.parent.name == "shortcodes":
        for fmt, out in outputs.items():
            assert not _SHORTCODE_TOKEN.search(out), (fmt, _SHORTCODE_TOKEN.search(out))


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson"))
def test_recall_and_no_repeats(path: Path) -> None:
    source = visible_source_text(path)
    text = fusionclean.clean(path, output="text")
    r = recall(source, text)
    assert r >= 0.99, f"word recall {r:.3f}"
    assert not over_repeated(source, text)


def _visible(markup: str) -> str:
    from lxml import etree

    if not markup.strip():
        return ""
    root = etree.fromstring(f"<div>{markup}</div>", etree.HTMLParser())
    for iframe in root.iter("iframe"):  # an embed shows its title as a link in Markdown
        iframe.text = iframe.get("title") or iframe.get("src")
    return block_text(root)


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson", "shortcodes"))
def test_document_model_agrees_across_outputs(path: Path) -> None:
    import jsonschema
    from markdown_it import MarkdownIt

    doc = fusionclean.parse(path)
    data = doc.to_dict()
    assert fusionclean.document.Document.from_dict(data) == doc
    jsonschema.validate(data, fusionclean.document.JSON_SCHEMA)
    html = fusionclean.emit.HtmlEmitter().emit(doc)
    assert fusionclean.parse(html).children == doc.children
    md = fusionclean.emit.MarkdownEmitter().emit(doc)
    rendered = MarkdownIt("commonmark").enable("table").render(md)
    assert _visible(rendered) == _visible(html)


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson"))
def test_images_and_links(path: Path) -> None:
    from .metrics import image_key, source_images

    conv = fusionclean.convert(path)
    doc = conv.document
    out_keys = {image_key(i.src) for i in doc.images}
    expected = source_images(path)
    if expected:
        recall_ = len(expected & out_keys) / len(expected)
        assert recall_ >= 0.99, f"image recall {recall_:.2f}; missing {sorted(expected - out_keys)[:5]}"
    for image in doc.images:
        assert not image.src.startswith("data:")
    # a post's link is its base; a saved page's canonical address is not (its copy's
    # relative addresses follow the copy's files)
    base_known = path.parent.name != "rendered" and (doc.meta.link or "").startswith(("http://", "https://"))
    if base_known:
        for url in [i.src for i in doc.images] + [link.href for link in doc.links]:
            assert url.startswith(("http://", "https://", "mailto:", "tel:", "#")), url


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson", "shortcodes"))
def test_text_repair(path: Path) -> None:
    html = fusionclean.clean(path)
    assert "style=" not in html and "<span" not in html
    text = fusionclean.clean(path, output="text")
    assert not re.search(r"&(?:#\d+|#x[0-9a-f]+|amp|nbsp|quot|lt|gt|rsquo|hellip);", text, re.I), (
        "double-encoded entity"
    )
    source = path.read_text(encoding="utf-8", errors="replace")
    for bad in ("â€™", "â€œ", "â€", "Ã©", "Ã¨", "Ã¶", "Ã¼", "Â "):
        if bad in text:
            assert bad in source, f"mojibake {bad!r} not in the source"


_ENCODED_OR_DROPPED = re.compile(
    r"\[(fusion_code|fusion_syntax_highlighter|fusion_form|fusion_map|fusion_chart|fusion_blog|"
    r"fusion_recent_posts|fusion_portfolio|recent_works|fusion_widget_area|fusion_countdown|"
    r"fusion_imageframe|imageframe)\b[^\]]*\].*?\[/\1\]",  # encoded bodies, widgets, image URLs
    re.S,
)
_ANY_SHORTCODE = re.compile(r"\[/?[A-Za-z_][\w-]*(?:[^\]\"'\[]|\"[^\"]*\"|'[^']*')*\]")


@pytest.mark.parametrize("path", corpus_files("shortcodes"))
def test_shortcode_text_recall(path: Path) -> None:
    from lxml import etree

    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"\A---\s*\n.*?\n---\s*\n", "", text, flags=re.S)  # front matter goes to meta
    text = _ENCODED_OR_DROPPED.sub(" ", text)
    text = _ANY_SHORTCODE.sub("\n\n", text)
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text)
    root = etree.fromstring(f"<div>{text}</div>", etree.HTMLParser())
    etree.strip_elements(root, "script", "style", "form", "iframe", with_tail=False)
    source = block_text(root)
    output = fusionclean.clean(path, output="text")
    r = recall(source, output)
    assert r >= 0.99, f"shortcode word recall {r:.3f}"


@pytest.mark.parametrize("path", corpus_files("rendered"))
def test_parsing_only_the_content_region_changes_nothing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """select_content.narrow is a shortcut: on real pages the output is the same without it."""
    from fusionclean.transforms import select_content

    text = path.read_text(encoding="utf-8", errors="replace")
    narrowed = select_content.narrow(text)
    assert len(narrowed) < len(text), "no #content region found"
    fast = fusionclean.convert(text)
    monkeypatch.setattr(select_content, "narrow", lambda page: page)
    whole = fusionclean.convert(text)
    assert fast.document == whole.document
    assert sorted(m.code for m in fast.messages) == sorted(m.code for m in whole.messages)


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson", "shortcodes"))
def test_removals_marked_in_crowded_parents_change_nothing(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """map_fusion_elements marks what it removes from a parent crowded with elements of one
    kind (a linear shortcut for pathological markup): on real documents, every parent
    taken as crowded gives the same output and messages as removing one by one."""
    from fusionclean.transforms import map_fusion_elements as mapping

    one_by_one = fusionclean.convert(path)
    monkeypatch.setattr(mapping, "CROWDED", 1)
    marked = fusionclean.convert(path)
    assert marked.document == one_by_one.document
    assert [(m.code, m.text) for m in marked.messages] == [(m.code, m.text) for m in one_by_one.messages]
