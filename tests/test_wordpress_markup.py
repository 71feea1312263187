"""WordPress's own markup around builder content: block-editor figures, lazy-loaded
embeds, emoji drawn as images. Whole default pipeline."""

from __future__ import annotations

import pytest

import fusionclean

YOUTUBE = "https://www.youtube.com/embed/abcdefghijk"
SANDBOX = 'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" allowfullscreen=""'


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # an embed block: the video is kept, its caption follows it
        (f'<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">'
         f'<iframe title="Sowing" src="{YOUTUBE}"></iframe></div><figcaption>How to sow</figcaption></figure>',
         f'<iframe src="{YOUTUBE}" title="Sowing" {SANDBOX}></iframe>\n<p>How to sow</p>'),
        (f'<figure><iframe src="{YOUTUBE}"></iframe></figure>', f'<iframe src="{YOUTUBE}" {SANDBOX}></iframe>'),
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
         f'<iframe src="{YOUTUBE}" title="Sowing" {SANDBOX}></iframe>'),
        (f'<p><iframe data-lazy-src="{YOUTUBE}"></iframe></p>', f'<iframe src="{YOUTUBE}" {SANDBOX}></iframe>'),
        ('<video data-src="https://example.org/beds.mp4" controls></video>',
         '<video controls="" src="https://example.org/beds.mp4"></video>'),
    ],
)  # fmt: skip
def test_lazy_loaded_embeds_get_their_real_source(markup: str, expected: str) -> None:
    assert fusionclean.clean(markup) == expected


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
