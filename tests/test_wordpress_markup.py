"""WordPress's own markup around builder content: block-editor figures, lazy-loaded
embeds, emoji drawn as images. Whole default pipeline."""

from __future__ import annotations

from typing import Any

import pytest

import fusionclean

from .conftest import html_and_messages

YOUTUBE = "https://www.youtube.com/embed/abcdefghijk"
PLAYER = "https://www.youtube-nocookie.com/embed/abcdefghijk"  # rebuilt from the video id
SANDBOX = 'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" allowfullscreen=""'


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # an embed block: the video is kept, its caption follows it
        (f'<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">'
         f'<iframe title="Sowing" src="{YOUTUBE}"></iframe></div><figcaption>How to sow</figcaption></figure>',
         f'<iframe src="{PLAYER}" title="Sowing" {SANDBOX}></iframe>\n<p>How to sow</p>'),
        (f'<figure><iframe src="{YOUTUBE}"></iframe></figure>', f'<iframe src="{PLAYER}" {SANDBOX}></iframe>'),
        ('<figure class="wp-block-video"><video controls src="https://example.org/beds.mp4"></video>'
         "<figcaption>Raised beds</figcaption></figure>",
         '<video controls="" src="https://example.org/beds.mp4"></video>\n<p>Raised beds</p>'),
        # a table block keeps its rows and takes the caption as its own
        ('<figure class="wp-block-table"><table><thead><tr><th>Crop</th><th>Month</th></tr></thead>'
         "<tbody><tr><td>Beans</td><td>May</td></tr></tbody></table><figcaption>Sowing times</figcaption></figure>",
         "<table><caption>Sowing times</caption><thead><tr><th>Crop</th><th>Month</th></tr></thead>"
         "<tbody><tr><td>Beans</td><td>May</td></tr></tbody></table>"),
        # words in a figure come before its caption, as on the page
        ("<figure><p>Dig in autumn.</p><figcaption>Tip</figcaption></figure>", "<p>Dig in autumn.</p>\n<p>Tip</p>"),
    ],
)  # fmt: skip
def test_block_editor_figures_keep_what_they_hold(markup: str, expected: str) -> None:
    assert fusionclean.clean(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f'<iframe class="lazyload" src="about:blank" data-src="{YOUTUBE}" title="Sowing"></iframe>',
         f'<iframe src="{PLAYER}" title="Sowing" {SANDBOX}></iframe>'),
        (f'<p><iframe data-lazy-src="{YOUTUBE}"></iframe></p>', f'<iframe src="{PLAYER}" {SANDBOX}></iframe>'),
        ('<video data-src="https://example.org/beds.mp4" controls></video>',
         '<video controls="" src="https://example.org/beds.mp4"></video>'),
    ],
)  # fmt: skip
def test_lazy_loaded_embeds_get_their_real_source(markup: str, expected: str) -> None:
    assert fusionclean.clean(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<figure class="wp-block-pullquote"><blockquote><p>Grow slow.</p><cite>Ann</cite></blockquote></figure>',
         "<blockquote><p>Grow slow.</p><footer>— <cite>Ann</cite></footer></blockquote>"),
        ('<blockquote class="wp-block-quote"><p>Sow.</p><p>Wait.</p><cite>Ann, <em>Plot 7</em></cite></blockquote>',
         "<blockquote><p>Sow.</p><p>Wait.</p><footer>— <cite>Ann, <em>Plot 7</em></cite></footer></blockquote>"),
        # a cite inside the quoted words, or the only thing quoted, is the quote's text
        ("<blockquote><p>Read <cite>The Book</cite> today.</p></blockquote>",
         "<blockquote><p>Read The Book today.</p></blockquote>"),
        ("<blockquote><cite>Only this</cite></blockquote>", "<blockquote><p>Only this</p></blockquote>"),
    ],
)  # fmt: skip
def test_block_editor_quotes_take_their_cite_as_the_source(markup: str, expected: str) -> None:
    assert fusionclean.clean(markup) == expected


def test_a_file_block_links_its_file_once() -> None:
    conv = fusionclean.convert(
        '<div class="wp-block-file"><a id="wp-block-file--media-1" href="https://example.org/guide.pdf">'
        'Planting guide</a><a href="https://example.org/guide.pdf" class="wp-block-file__button wp-element-button"'
        ' download aria-describedby="wp-block-file--media-1">Download</a></div>'
    )
    html = fusionclean.emit.HtmlEmitter().emit(conv.document)
    assert html == '<p><a href="https://example.org/guide.pdf">Planting guide</a></p>'  # was "guideDownload"
    assert [(m.code, m.text) for m in conv.messages] == [("dropped-duplicate", "file download button × 1")]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<p><a href="https://example.org/b.jpg"><span class="screen-reader-text">View Larger Image</span>'
         '<img src="https://example.org/b.jpg" alt="Beans"></a></p>',
         '<p><a href="https://example.org/b.jpg"><img src="https://example.org/b.jpg" alt="Beans"></a></p>'),
        ('<p>Beans. <a href="/beans/">Read more<span class="screen-reader-text"> about Beans</span></a></p>',
         '<p>Beans. <a href="/beans/">Read more</a></p>'),
        ('<p><a href="https://x.example/">Partner<span class="sr-only"> (opens in a new tab)</span></a></p>',
         '<p><a href="https://x.example/">Partner</a></p>'),
        ('<h2 class="screen-reader-text">Post navigation</h2><p>Body</p>', "<p>Body</p>"),
        # the only label of an icon link is its text
        ('<p><a href="/cart/"><i class="fa-shopping-cart fas"></i><span class="screen-reader-text">Cart</span></a></p>',
         '<p><a href="/cart/">Cart</a></p>'),
    ],
)  # fmt: skip
def test_screen_reader_text_is_read_only_where_it_labels_a_wordless_link(markup: str, expected: str) -> None:
    assert fusionclean.clean(markup) == expected


@pytest.mark.parametrize(
    "form",
    [
        '<div class="gform_wrapper gravity-theme"><div class="gform_heading"><h2 class="gform_title">Write to us'
        '</h2><p class="gform_description">We answer within a day.</p></div><form><input name="a"></form></div>',
        '<div class="wpforms-container"><div class="wpforms-head-container"><div class="wpforms-title">Write to us'
        '</div></div><form><input name="a"></form></div>',
        '<div class="nf-form-cont"><span class="nf-form-title"><h3>Write to us</h3></span></div>',
    ],
)
def test_form_plugins_go_with_their_titles(form: str) -> None:
    html, messages = html_and_messages(f"<p>Intro.</p>{form}<p>Outro.</p>")
    assert html == "<p>Intro.</p>\n<p>Outro.</p>"
    assert ("dropped-widget", "interactive widget × 1") in messages


def test_plugins_sharing_buttons_related_posts_and_tables_of_contents_are_not_content() -> None:
    html, messages = html_and_messages(
        '<nav class="lwptoc"><div class="lwptoc_title">Contents</div><a href="#sow">Sowing</a></nav>'
        '<h2 id="sow">Sowing</h2><p>Sow in May.</p>'
        '<div class="addtoany_share_save_container"><div class="a2a_kit"><a href="https://example.org/share">'
        "Facebook</a></div></div>"
        '<div class="yarpp yarpp-related"><h3>Related posts:</h3><ol><li><a href="/peas/">Peas</a></li></ol></div>'
    )
    assert html == "<h2>Sowing</h2>\n<p>Sow in May.</p>"
    assert messages == {
        ("dropped-listing", "dynamic listing (other pages' content) × 2"),
        ("dropped-widget", "interactive widget × 1"),
    }


def test_emoji_images_become_their_characters() -> None:
    conv = fusionclean.convert(
        '<p>Harvest <img class="emoji" alt="🥕" src="https://s.w.org/images/core/emoji/14.0.0/svg/1f955.svg">'
        ' and <img class="wp-smiley" alt=":)" src="https://example.org/smile.png">!</p>'
        '<p><img alt="🌱" src="https://s.w.org/images/core/emoji/15.0.3/72x72/1f331.png"></p>'
        '<p><img class="emoji-large" alt="Beds" src="https://example.org/beds.jpg"></p>'
    )
    html = fusionclean.emit.HtmlEmitter().emit(conv.document)
    assert (
        html
        == '<p>Harvest 🥕 and :)!</p>\n<p>🌱</p>\n<p><img src="https://example.org/beds.jpg" alt="Beds"></p>'
    )
    assert [m.count for m in conv.messages if m.code == "emoji-as-text"] == [3]


def test_jetpack_sharing_and_related_posts_are_not_content() -> None:
    conv = fusionclean.convert(
        '<p>Body</p><div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social">'
        '<h3 class="sd-title">Share this:</h3><ul><li><a href="https://twitter.com/share">Twitter</a></li></ul>'
        '</div></div><div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
        "<em>Related</em></h3></div>"
    )
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == "<p>Body</p>"
    assert {m.code for m in conv.messages} == {"dropped-widget", "dropped-listing"}


def test_slider_revolution_layers_stand_apart_and_images_are_real() -> None:
    markup = (
        '<rs-module-wrap><rs-module><rs-slides><rs-slide data-title="Slide">'
        '<img src="//example.org/wp-content/plugins/revslider/public/assets/assets/dummy.png" alt="Beds"'
        ' class="rev-slidebg rs-lazyload" data-lazyload="//example.org/wp-content/uploads/beds.jpg">'
        '<rs-layer data-type="text">Fresh vegetables<br> every week</rs-layer>'
        '<rs-layer data-type="button"><a href="https://example.org/shop">Shop now</a></rs-layer>'
        "</rs-slide></rs-slides></rs-module></rs-module-wrap>"
    )
    assert fusionclean.clean(markup, base_url="https://example.org/") == (
        '<p><img src="https://example.org/wp-content/uploads/beds.jpg" alt="Beds"></p>\n'
        "<p>Fresh vegetables<br>every week</p>\n"
        '<p><a href="https://example.org/shop">Shop now</a></p>'
    )


PAGE_HEAD = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Beds &amp; borders – Plot 14</title>"
    '<link rel="stylesheet" href="/style.css"><meta name="description" content="How we lay out   our beds.">'
    '<link rel="canonical" href="https://allotment.example/beds/" />'
    '<meta property="og:title" content="Beds &amp; borders" /><meta property="og:type" content="article" />'
    '<meta property="og:image" content="https://allotment.example/uploads/beds.jpg" />'
    '<meta property="article:published_time" content="2025-04-01T08:00:00+00:00" />'
    '<meta property="article:modified_time" content="2025-05-02T09:30:00+00:00" />'
    '<meta name="author" content="Maria" /><style>p{color:red}</style></head>'
)


def test_a_saved_page_head_gives_the_document_its_metadata() -> None:
    page = (
        PAGE_HEAD + '<body><div id="content"><p>Beds run <a href="/paths/">north</a>.</p></div></body></html>'
    )
    meta = fusionclean.parse(page).meta
    assert meta.to_dict() == {
        "title": "Beds & borders",
        "date": "2025-04-01T08:00:00+00:00",
        "modified": "2025-05-02T09:30:00+00:00",
        "slug": "beds",
        "link": "https://allotment.example/beds/",
        "author": "Maria",
        "excerpt": "How we lay out our beds.",
        "featured_image": "https://allotment.example/uploads/beds.jpg",
    }
    front = fusionclean.clean(page, output="markdown", front_matter=True)
    assert front.startswith('---\ntitle: "Beds & borders"\n')
    # the canonical address is no base for the copy's relative links; the outputs agree
    assert fusionclean.clean(page) == '<p>Beds run <a href="/paths/">north</a>.</p>'
    assert '"href": "/paths/"' in fusionclean.clean(page, output="json")


def test_a_page_without_open_graph_takes_its_title_element() -> None:
    page = "<html><head><title>  Plot   rules </title></head><body><p>Be kind.</p></body></html>"
    assert fusionclean.parse(page).meta.to_dict() == {"title": "Plot rules"}


def test_a_base_element_is_what_relative_addresses_resolve_against() -> None:
    page = (
        '<html><head><base href="https://allotment.example/blog/"><title>T</title></head>'
        '<body><p><a href="beds/">Beds</a> <img src="/i.jpg" alt="I"></p></body></html>'
    )
    assert fusionclean.clean(page) == (
        '<p><a href="https://allotment.example/blog/beds/">Beds</a> '
        '<img src="https://allotment.example/i.jpg" alt="I"></p>'
    )


def test_the_site_name_leaves_a_page_title_and_is_kept_in_meta() -> None:
    page = (
        '<html><head><title>Services | Atigro</title><meta property="og:title" content="Services | Atigro">'
        '<meta property="og:site_name" content="Atigro"></head><body><main><p>We dig.</p></main></body></html>'
    )
    meta = fusionclean.parse(page, kind="page").meta
    assert (meta.title, meta.site) == ("Services", "Atigro")
    from fusionclean.sources.page import without_site

    assert without_site("Atigro – Services", "Atigro") == "Services"
    assert without_site("Atigro", "Atigro") == "Atigro"  # the home page's title is the name
    assert without_site("Tea: a guide", "Atigro") == "Tea: a guide"


def test_the_akismet_notice_after_the_comment_form_is_chrome() -> None:
    html, messages = html_and_messages(
        '<article><p>Our beans grew.</p><p class="akismet_comment_form_privacy_notice">This site uses Akismet '
        'to reduce spam. <a href="https://akismet.example/">Learn how your comment data is processed</a>.</p></article>',
        kind="page",
    )
    assert html == "<p>Our beans grew.</p>"
    assert "dropped-chrome" in {code for code, _ in messages}


def test_css_selectors_name_the_content_and_the_parts_to_drop() -> None:
    from fusionclean.presets import DEFAULT

    page = (
        '<html><body><nav>Menu</nav><div class="wrap"><div class="entry"><h2>Soil</h2><p>Loam holds water.</p>'
        '<div class="promo">Buy our <b>compost</b> now!</div></div><aside class="ad">Ad</aside></div></body></html>'
    )
    step = fusionclean.SelectContent(content_selector="div.entry", drop_selectors=[".promo", "aside.ad"])
    conversion = fusionclean.convert(page, preset=DEFAULT.replace(step))
    assert (
        fusionclean.emit.HtmlEmitter().emit(conversion.document) == "<h2>Soil</h2>\n<p>Loam holds water.</p>"
    )
    assert {(m.code, m.text) for m in conversion.messages} == {
        ("dropped-by-selector", ".promo × 1, aside.ad × 1")
    }
    # nothing matches: said, and the area is found as usual
    lost = fusionclean.SelectContent(content_selector="#nowhere")
    conversion = fusionclean.convert(page, preset=DEFAULT.replace(lost))
    assert "Loam holds water." in conversion.document.to_json()
    assert [m.code for m in conversion.messages if m.level == "warning"] == ["content-selector-unmatched"]
    with pytest.raises(fusionclean.ConfigError, match="not a CSS selector"):
        fusionclean.SelectContent(drop_selectors=("div[",))
    import pickle

    assert pickle.loads(pickle.dumps(step)) == step and step.drop_selectors == (".promo", "aside.ad")


def test_the_cli_takes_the_selectors(tmp_path: Any, capsys: Any) -> None:
    from fusionclean.cli import main

    page = tmp_path / "p.html"
    page.write_text(
        '<html><body><nav>Menu</nav><div class="entry"><p>Loam.</p><p class="promo">Buy!</p></div></body></html>'
    )
    assert main(["clean", str(page), "--content", "div.entry", "--drop", ".promo", "-f", "text"]) == 0
    assert capsys.readouterr().out == "Loam.\n"
    assert main(["clean", str(page), "--drop", "p["]) == 2
