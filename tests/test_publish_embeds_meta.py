"""Issue 23 (safe to publish): embeds and metadata. A video player is rebuilt from its id on
every input path; every address in every output, metadata included, passes one URL
policy under every preset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import fusionclean
from fusionclean.schema import url_policy, video_embed

from .xss_check import problems_in_html, problems_in_json, url_problem

EVIL = "https://evil.example\\@www.youtube.com/embed/abcDEF12345"
PLAYER = "https://www.youtube-nocookie.com/embed/abcDEF12345"
PRESETS = ("default", "minimal", "strict")


def _wxr(tmp_path: Path, content: str, *, link: str = "https://a.example/p/", extra: str = "") -> Path:
    path = tmp_path / "export.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
        f"<channel><item><title>T</title><link>{link}</link>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded>"
        "<wp:post_id>5</wp:post_id><wp:status><![CDATA[publish]]></wp:status>"
        f"<wp:post_type><![CDATA[post]]></wp:post_type>{extra}</item></channel></rss>",
        encoding="utf-8",
    )
    return path


def _sources(tmp_path: Path, content: str) -> dict[str, Any]:
    """The same content through every input path: fragment, Fusion element, shortcodes,
    REST JSON (dict and text), a whole page and WXR."""
    rest = {"id": 1, "title": {"rendered": "T"}, "content": {"rendered": content}}
    page = f"<!DOCTYPE html><html><head><title>T</title></head><body><main>{content}</main></body></html>"
    item = next(fusionclean.load_wxr(_wxr(tmp_path, content)))
    return {
        "html": content,
        "fusion": f'<div class="fusion-video fusion-youtube">{content}</div>',
        "rest": rest,
        "rest-json": json.dumps(rest),
        "page": page,
        "wxr": item,
    }


def _embed_urls(source: Any, preset: str) -> list[str]:
    doc = json.loads(fusionclean.clean(source, output="json", preset=preset))
    found: list[str] = []
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == "embed":
                found.append(node["url"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


# ------------------------------------------------------------------------------ embeds
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/embed/abcDEF12345", ("youtube", PLAYER)),
        ("//www.youtube.com/embed/abcDEF12345?rel=0", ("youtube", PLAYER)),
        ("https://youtu.be/abcDEF12345", ("youtube", PLAYER)),
        ("https://www.youtube.com/watch?feature=x&v=abcDEF12345", ("youtube", PLAYER)),
        ("https://vimeo.com/76979871", ("vimeo", "https://player.vimeo.com/video/76979871")),
        ("https://player.vimeo.com/video/76979871?h=0a1b2c3d4e", ("vimeo", "https://player.vimeo.com/video/76979871?h=0a1b2c3d4e")),
        ("https://www.youtube.com/embed/videoseries?list=PLabcdefghij_-12&x=1",
         ("youtube", "https://www.youtube-nocookie.com/embed/videoseries?list=PLabcdefghij_-12")),
        ("https://www.youtube.com/embed/videoseries?list=PL\"onload=x", None),
        (EVIL, None),
        ("https://www.youtube.com.evil.example/embed/abcDEF12345", None),
        ("https://www.youtube.com@evil.example/embed/abcDEF12345", None),
        ("https://www.youtube.com:444/embed/abcDEF12345", None),
        ("https://evil.example/?u=https://www.youtube.com/embed/abcDEF12345", None),
        ("javascript:alert(1)//www.youtube.com/embed/abcDEF12345", None),
        ("https://www.youtube.com/embed/abc\"onload=x", None),
        ("https://player.vimeo.com/video/1234\\@evil.example/", None),
    ],
)  # fmt: skip
def test_video_embed_rebuilds_the_player_from_the_id(url: str, expected: tuple[str, str] | None) -> None:
    assert video_embed(url) == expected


def test_a_backslash_host_is_read_as_a_browser_reads_it() -> None:
    from fusionclean.schema import host_of

    assert host_of(EVIL) == "evil.example"
    assert host_of("https://www.youtube.com/embed/x") == "www.youtube.com"


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("path", ["html", "fusion", "rest", "rest-json", "page", "wxr"])
def test_an_iframe_whose_host_a_browser_reads_otherwise_is_no_embed(
    tmp_path: Path, path: str, preset: str
) -> None:
    source = _sources(tmp_path, f'<iframe src="{EVIL}"></iframe><p>After</p>')[path]
    html = fusionclean.clean(source, preset=preset)
    assert "<iframe" not in html, html
    assert not problems_in_html(html)
    # minimal keeps the iframe as an embed of evil.example (a link in HTML and Markdown),
    # never as a YouTube player
    doc = json.dumps(json.loads(fusionclean.clean(source, output="json", preset=preset)))
    assert '"provider": "youtube"' not in doc and "youtube-nocookie" not in doc
    assert (
        "[https://evil.example" in fusionclean.clean(source, output="markdown", preset=preset)
        or preset != "minimal"
    )


@pytest.mark.parametrize("preset", ["default", "minimal"])
@pytest.mark.parametrize("path", ["html", "fusion", "rest", "rest-json", "page", "wxr"])
def test_a_real_player_is_rebuilt_on_every_path(tmp_path: Path, path: str, preset: str) -> None:
    source = _sources(
        tmp_path, '<iframe src="https://www.youtube.com/embed/abcDEF12345?autoplay=1&amp;x=y"></iframe>'
    )[path]
    html = fusionclean.clean(source, preset=preset)
    assert f'<iframe src="{PLAYER}"' in html, html
    assert _embed_urls(source, preset) == [PLAYER]


@pytest.mark.parametrize(
    "shortcode",
    [
        '[fusion_youtube id="abcDEF12345" /]',
        '[fusion_youtube id="https://www.youtube.com/watch?v=abcDEF12345" /]',
        '[fusion_slider][fusion_slide type="video"]https://youtu.be/abcDEF12345[/fusion_slide][/fusion_slider]',
    ],
)
def test_shortcode_players_are_rebuilt(tmp_path: Path, shortcode: str) -> None:
    for source in (shortcode, next(fusionclean.load_wxr(_wxr(tmp_path, shortcode)))):
        assert f'<iframe src="{PLAYER}"' in fusionclean.clean(source)


@pytest.mark.parametrize(
    "shortcode",
    [
        '[fusion_youtube id="x/../../redirect?u=evil" /]',
        '[fusion_youtube id="abcDEF12345&quot; onload=&quot;alert(1)" /]',
        f'[fusion_youtube id="{EVIL}" /]',
        '[fusion_vimeo id="https://evil.example/12345678" /]',
    ],
)
def test_shortcode_ids_that_are_no_video_id_give_no_player(shortcode: str) -> None:
    html = fusionclean.clean(shortcode)
    assert "<iframe" not in html
    assert not problems_in_html(html)


# ---------------------------------------------------------------------------- metadata
_BAD_URLS = ("javascript:alert(1)//", "data:text/html,<script>alert(1)</script>", " vbscript:msgbox(1)")


@pytest.mark.parametrize("bad", _BAD_URLS)
@pytest.mark.parametrize("preset", PRESETS)
def test_rest_metadata_addresses_pass_the_url_policy(bad: str, preset: str) -> None:
    post = {
        "id": 7,
        "link": bad,
        "title": {"rendered": "T"},
        "content": {"rendered": "<p>Body</p>"},
        "_embedded": {"wp:featuredmedia": [{"source_url": bad}]},
    }
    doc = fusionclean.parse(post, preset=preset)
    assert doc.meta.link is None and doc.meta.featured_image is None
    out = json.loads(fusionclean.clean(post, output="json", preset=preset))
    assert "link" not in out["meta"] and "featured_image" not in out["meta"]
    md = fusionclean.clean(post, output="markdown", front_matter=True, preset=preset)
    assert "script" not in md.split("---")[1] and "alert" not in md


@pytest.mark.parametrize("preset", PRESETS)
def test_page_canonical_and_og_image_pass_the_url_policy(preset: str) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>T</title>"
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:image" content="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">'
        "</head><body><main><p>Body</p></main></body></html>"
    )
    meta = fusionclean.parse(page, preset=preset).meta
    assert meta.link is None and meta.featured_image is None
    assert "javascript" not in fusionclean.clean(page, output="markdown", front_matter=True, preset=preset)


def test_safe_metadata_addresses_are_kept() -> None:
    post = {
        "id": 7,
        "link": "https://a.example/p/",
        "content": {"rendered": "<p>Body</p>"},
        "_embedded": {"wp:featuredmedia": [{"source_url": "https://a.example/i.jpg"}]},
    }
    meta = fusionclean.parse(post).meta
    assert meta.link == "https://a.example/p/" and meta.featured_image == "https://a.example/i.jpg"


def test_wxr_link_passes_the_url_policy(tmp_path: Path) -> None:
    item = next(fusionclean.load_wxr(_wxr(tmp_path, "<p>Body</p>", link="javascript:alert(1)")))
    out = json.loads(fusionclean.clean(item, output="json"))
    assert "link" not in out["meta"]


def test_emitters_check_metadata_of_a_document_made_by_hand() -> None:
    from fusionclean.document.nodes import Document, PostMeta

    doc = Document(meta=PostMeta(link="javascript:alert(1)", featured_image="data:text/html,x"))
    assert json.loads(fusionclean.emit.JsonEmitter().emit(doc))["meta"] == {}
    assert "javascript" not in fusionclean.emit.MarkdownEmitter(front_matter=True).emit(doc)


# ----------------------------------------------------------------- the minimal preset
_MINIMAL_CASES = [
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<video src="javascript:alert(1)"></video>',
    '<p><a href="javascript:alert(1)"><img src="javascript:alert(2)" alt="x"></a></p>',
    '<p><a href="javascript:alert(1)">t</a> <img src="vbscript:x" alt="y"></p>',
    '<p><img src="https://a.example/i.png" srcset="javascript:alert(1) 1x, https://a.example/j.png 2x"></p>',
]


@pytest.mark.parametrize("markup", _MINIMAL_CASES)
@pytest.mark.parametrize("preset", PRESETS)
def test_every_preset_keeps_only_safe_addresses(markup: str, preset: str) -> None:
    for wrapped in (markup, f'<div class="fusion-text">{markup}</div>'):
        doc = json.loads(fusionclean.clean(wrapped, output="json", preset=preset))
        assert not problems_in_json(doc), doc
        assert "javascript" not in json.dumps(doc) and "vbscript" not in json.dumps(doc)
        for node in fusionclean.parse(wrapped, preset=preset).walk():
            for name in ("href", "src", "url"):
                value = getattr(node, name, None)
                assert value is None or url_problem(value, image=name == "src") is None, node
        assert not problems_in_html(fusionclean.clean(wrapped, preset=preset))


def test_json_scrub_checks_an_image_inside_an_unsafe_link() -> None:
    from fusionclean.document.nodes import Document, Image, Link, Paragraph, Text

    doc = Document(
        children=(
            Paragraph(
                children=(
                    Link(
                        href="javascript:alert(1)",
                        children=(Image(src="javascript:alert(2)"), Text(value="x")),
                    ),
                )
            ),
        )
    )
    out = json.loads(fusionclean.emit.JsonEmitter().emit(doc))
    assert not problems_in_json(out) and "javascript" not in json.dumps(out)
    assert out["children"][0]["children"] == [{"type": "text", "value": "x"}]


def test_url_policy_is_the_sanitize_rule() -> None:
    assert url_policy("https://a.example/") == "https://a.example/"
    assert url_policy("java\tscript:alert(1)") is None
    assert url_policy("data:image/png;base64,AAAA", image=True) is not None
    assert url_policy("data:image/svg+xml,<svg onload=alert(1)>", image=True) is None
    assert url_policy("data:image/png;base64,AAAA") is None


def test_text_output_shows_no_unsafe_address_of_a_document_made_by_hand() -> None:
    from fusionclean.document.nodes import Document, Embed, Link, Paragraph, Text

    doc = Document(
        children=(
            Paragraph(children=(Link(href="javascript:alert(1)", children=(Text(value="t"),)),)),
            Embed(provider="iframe", url="javascript:alert(2)", title="Map"),
        )
    )
    out = fusionclean.emit.TextEmitter(link_urls=True).emit(doc)
    assert "javascript" not in out and "t" in out and "Map" in out
