"""Element behaviour through the whole default pipeline (the fixture folders test each
transform alone)."""

from __future__ import annotations

import fusionclean

from .conftest import FIXTURES, html_and_messages

MAP = FIXTURES / "transforms" / "map_fusion_elements"


def _clean(case: str, **kw: object) -> str:
    return fusionclean.clean((MAP / case / "input.html").read_text(), **kw)  # type: ignore[arg-type]


def test_each_tab_title_once_before_its_pane() -> None:
    out = _clean("tabs")
    assert out == "<h2>Spring</h2>\n<p>Sow the seeds.</p>\n<h2>Summer</h2>\n<p>Water every day.</p>"


def test_faq_question_once() -> None:
    assert _clean("faq", output="text").count("Do you deliver?") == 1


def test_counters_show_real_values() -> None:
    assert _clean("counter-box") == "<p><strong>$44k</strong> raised for seeds</p>"
    assert _clean("counter-circle", output="text") == "Seeds sprouted (75%)\n\n40% mulched"
    assert _clean("progress-bar") == "<p>Compost ready: 75%</p>"


def test_a_counter_value_that_holds_its_unit_shows_it_once() -> None:
    box = (
        '<div class="fusion-counter-box"><div class="content-box-counter">{}</div>'
        '<div class="counter-box-content">{}</div></div>'
    )
    suffix = box.format(
        '<span class="display-counter" data-value="24%">0</span><span class="unit">%</span>', "up"
    )
    prefix = box.format(
        '<span class="unit">$</span><span class="display-counter" data-value="$44">0</span>', "raised"
    )
    circle = '<div class="fusion-counter-circle" data-percent="75%"><span class="fusion-counter-circle-content-inner">Sprouted</span></div>'
    assert fusionclean.clean(suffix + prefix + circle) == (
        "<p><strong>24%</strong> up</p>\n<p><strong>$44</strong> raised</p>\n<p>Sprouted (75%)</p>"
    )


def test_button_label_once_and_modal_trigger_unwrapped() -> None:
    assert _clean("button") == '<p><a href="/order/">Order seeds</a></p>'
    assert _clean("modal") == "<p>See the rules.</p>\n<h2>Plot rules</h2>\n<p>No hosepipes in August.</p>"


def test_embeds() -> None:
    html = _clean("youtube-privacy")
    assert html.count("<iframe") == 2 and "permission" not in html
    md = _clean("youtube-privacy", output="markdown")
    assert "[Pruning apple trees](https://www.youtube-nocookie.com/embed/abcDEF12345)" in md
    assert (
        _clean("selfhosted-video") == '<video controls="" src="https://example.org/up/planting.webm"></video>'
    )


def test_dropcap_merges_and_highlight_marks() -> None:
    assert _clean("highlight-dropcap") == "<p>Gardens need <mark>patience</mark> and <mark>care</mark>.</p>"


def test_decoration_dropped_and_counted() -> None:
    conv = fusionclean.convert((MAP / "social-links" / "input.html").read_text())
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == "<p>Follow us.</p>"
    assert any(m.code == "dropped-widget" for m in conv.messages)


def test_unknown_builder_class_reported_once() -> None:
    source = (FIXTURES / "transforms" / "unwrap_fusion" / "unknown-class-kept" / "input.html").read_text()
    conv = fusionclean.convert(source)
    unknown = [m for m in conv.messages if m.code == "unknown-fusion-class"]
    assert len(unknown) == 1 and "fusion-brand-new-widget" in unknown[0].text
    assert "Content of an element" in fusionclean.emit.TextEmitter().emit(conv.document)


def test_target_device_small_keeps_the_mobile_copy() -> None:
    source = (FIXTURES / "transforms" / "drop_hidden" / "drops-mobile-copy" / "input.html").read_text()
    small = fusionclean.presets.DEFAULT.replace(fusionclean.DropHidden(target_device="small"))
    assert fusionclean.clean(source) == "<p>Desktop version of the text.</p>"
    assert fusionclean.clean(source, preset=small) == "<p>Mobile version of the text.</p>"


def test_whole_page_keeps_content_area_or_whole_body() -> None:
    source = (FIXTURES / "transforms" / "select_content" / "picks-content-area" / "input.html").read_text()
    page = f"<!DOCTYPE html><html><body>{source}</body></html>"
    assert fusionclean.clean(page) == "<p>The only paragraph that matters.</p>"
    whole = fusionclean.presets.DEFAULT.replace(fusionclean.SelectContent(keep_whole_body=True))
    assert "Copyright line" in fusionclean.clean(page, preset=whole)


def test_listings_dropped_or_kept_as_links() -> None:
    assert _clean("listing-dropped") == "<p>Intro.</p>"
    keep = fusionclean.presets.DEFAULT.replace(fusionclean.MapFusionElements(keep_listings=True))
    assert (
        _clean("listing-kept", preset=keep)
        == '<p>Intro.</p>\n<ul><li><a href="/other-post/">Another post</a></li></ul>'
    )


def _column(*parts: str) -> str:
    return (
        '<div class="fusion-fullwidth fullwidth-box"><div class="fusion-builder-row fusion-row">'
        '<div class="fusion-layout-column fusion_builder_column"><div class="fusion-column-wrapper">'
        + "".join(parts)
        + "</div></div></div></div>"
    )


_TITLE = (
    '<div class="fusion-title title fusion-title-3 fusion-title-size-two"><h2 class="fusion-title-heading">'
    "{}</h2></div>"
)
_SEPARATOR = '<div class="fusion-sep-clear"></div><div class="fusion-separator fusion-full-width-sep"></div>'
_BLOG = (
    '<div class="fusion-blog-shortcode fusion-blog-shortcode-1"><article class="post"><h2 class="entry-title">'
    '<a href="/beans/">Beans in May</a></h2><p>An excerpt.</p></article></div>'
)
_SOCIAL = '<div class="fusion-social-links"><a class="fusion-social-network-icon" href="https://x.example/">X</a></div>'
_MAP = '<div class="fusion-google-map" id="fusion_map_1"></div>'


def test_a_title_over_a_dropped_listing_or_widget_goes_with_it() -> None:
    conv = fusionclean.convert(
        _column("<p>Intro.</p>", _TITLE.format("Latest news"), _SEPARATOR, "<style>.x{}</style>", _BLOG)
        + _column(_TITLE.format("Find us"), _MAP, '<div class="fusion-clearfix"></div>')
        # social links may stand under a person's name: that title is never taken
        + _column(_TITLE.format("Ann Lee"), _SOCIAL)
    )
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == "<p>Intro.</p>\n<h2>Ann Lee</h2>"
    texts = {m.code: m.text for m in conv.messages}
    assert "title of a dropped dynamic listing × 1" in texts["dropped-listing"]
    assert "title of a dropped interactive widget × 1" in texts["dropped-widget"]


def test_a_title_over_more_than_the_dropped_listing_stays() -> None:
    out = fusionclean.clean(_column(_TITLE.format("News and notes"), _BLOG, "<p>Notes follow.</p>"))
    assert out == "<h2>News and notes</h2>\n<p>Notes follow.</p>"
    # words between the title and the listing belong to the title
    out = fusionclean.clean(_column(_TITLE.format("News"), "<p>From the plot:</p>", _BLOG))
    assert out == "<h2>News</h2>\n<p>From the plot:</p>"
    keep = fusionclean.presets.DEFAULT.replace(fusionclean.MapFusionElements(keep_listings=True))
    out = fusionclean.clean(_column(_TITLE.format("Latest news"), _BLOG), preset=keep)
    assert out == '<h2>Latest news</h2>\n<ul><li><a href="/beans/">Beans in May</a></li></ul>'


def test_chrome_takes_its_title_but_never_the_post_title() -> None:
    page = (
        "<!DOCTYPE html><html><body><main id='main'><section id='content'>"
        "<div class='fusion-post-title-meta-wrap'><h1 class='entry-title'>Beans in May</h1>"
        "<div class='fusion-meta-info'>By Ann</div></div>"
        "<div class='post-content'><p>Sow them deep.</p></div>"
        + _column(
            _TITLE.format("Related posts"),
            "<section class='related-posts'><a href='/peas/'>Peas</a></section>",
        )
        + _column("<h3>More</h3>", "<div class='fusion-meta-tb'>May 2026</div>")
        + "</section></main></body></html>"
    )
    html, messages = html_and_messages(page)
    # the meta line is chrome, but a title over it is not a title of chrome that takes one
    assert html == "<h1>Beans in May</h1>\n<p>Sow them deep.</p>\n<h2>More</h2>"  # re-levelled under the h1
    assert ("dropped-chrome", "site chrome element × 3, title of site chrome × 1") in messages


def test_a_title_over_chrome_goes_when_all_it_heads_is_chrome_whatever_the_order_found() -> None:
    def page(*parts: str) -> str:
        return "<!DOCTYPE html><html><body><div id='content'>" + "".join(parts) + "</div></body></html>"

    # a menu is found before the widget area (landmarks first): with or without it gone
    # first, the title heads only chrome and goes
    html, messages = html_and_messages(
        page("<p>Sow deep.</p>", "<h3>Related</h3>", "<div class='widget-area'></div>", "<nav>Menu</nav>")
    )
    assert html == "<p>Sow deep.</p>"
    assert ("dropped-chrome", "site chrome element × 2, title of site chrome × 1") in messages
    # chrome with words after the titled one: the title heads chrome only, and goes
    html, _ = html_and_messages(
        page("<h3>Related</h3>", "<div class='related-posts'></div>", "<div class='widget-area'>Ads</div>")
    )
    assert html == ""
    # words after it: the title heads them, and stays
    html, messages = html_and_messages(
        page("<h3>Related</h3>", "<div class='related-posts'></div>", "<p>Water daily.</p>")
    )
    assert html == "<h2>Related</h2>\n<p>Water daily.</p>"  # re-levelled: the page has no h1
    # chrome inside chrome is counted once each, whichever was found first (landmarks are
    # found before classes)
    for nested in (
        "<div class='widget-area'><nav>Menu</nav></div>",
        "<nav><div class='widget-area'>Ads</div></nav>",
    ):
        html, messages = html_and_messages(page("<p>Sow.</p>", nested))
        assert html == "<p>Sow.</p>"
        assert ("dropped-chrome", "site chrome element × 2") in messages


def test_pricing_and_tagline() -> None:
    assert (
        _clean("pricing-table", output="text")
        == "Half plot\n\n£19.99 per year\n\n- Water butt\n- Shed access\n\nApply"
    )
    assert (
        _clean("tagline-box")
        == '<h2>Grow with us</h2>\n<p>Plots available now.</p>\n<p><a href="/join/">Join</a></p>'
    )


def test_content_box_parts_are_taken_once_each() -> None:
    # a read-more link inside the box's text moves with the text: not repeated after it
    box = (
        '<div class="fusion-column content-box-column"><h2 class="content-box-heading">{title}</h2>'
        '<div class="content-container"><p>{body} <a class="fusion-read-more" href="/in/">inner</a></p>'
        '</div><a class="fusion-read-more" href="/{slug}/">More on {slug}</a></div>'
    )
    markup = (
        '<div class="fusion-content-boxes">'
        + box.format(title="Beans", body="Climb poles.", slug="beans")
        + box.format(title="Peas", body="Need nets.", slug="peas")
        + "</div>"
    )
    assert fusionclean.clean(markup) == (
        '<h2>Beans</h2>\n<p>Climb poles. <a href="/in/">inner</a></p>\n<p><a href="/beans/">More on beans</a></p>\n'
        '<h2>Peas</h2>\n<p>Need nets. <a href="/in/">inner</a></p>\n<p><a href="/peas/">More on peas</a></p>'
    )


def test_pricing_columns_each_keep_their_parts() -> None:
    column = (
        '<div class="panel-wrapper"><h3 class="title-row">{name}</h3>'
        '<div class="price"><span class="currency">$</span><span class="integer-part">{price}</span></div>'
        '<ul class="list-group"><li class="list-group-item">{item}'
        '<div class="footer-row">inside an item</div></li></ul>'
        '<div class="footer-row"><a href="/{name}/">Buy {name}</a></div></div>'
    )
    markup = (
        '<div class="fusion-pricing-table">'
        + column.format(name="small", price="5", item="One bed")
        + column.format(name="large", price="9", item="Four beds")
        + "</div>"
    )
    text = fusionclean.clean(markup, output="text")
    assert text == (
        "small\n\n$5\n\n- One bed inside an item\n\nBuy small\n\n"
        "large\n\n$9\n\n- Four beds inside an item\n\nBuy large"
    )


def test_image_hotspots_keep_their_popup_texts() -> None:
    markup = (
        '<div class="awb-image-hotspots"><div class="awb-image-hotspots-wrapper">'
        '<img src="https://example.org/plan.jpg" alt="Plan">'
        '<button class="awb-image-hotspots-hotspot" data-awb-toggle="popover" data-title="Shed"'
        ' data-content="Tools inside"><span class="awb-image-hotspots-hotspot-text">1</span></button>'
        "</div></div>"
    )
    assert fusionclean.clean(markup) == (
        '<figure><img src="https://example.org/plan.jpg" alt="Plan"></figure>\n<ul><li>1 – Shed – Tools inside</li></ul>'
    )


def test_audio_becomes_a_link_to_its_file_as_the_shortcode_does() -> None:
    rendered = (
        '<div class="fusion-audio"><audio controls><source type="audio/mpeg" src="https://example.org/talk.mp3?_=1">'
        '<a href="https://example.org/talk.mp3">https://example.org/talk.mp3</a></audio></div>'
    )
    conv = fusionclean.convert(rendered)
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == fusionclean.clean(
        '[audio mp3="https://example.org/talk.mp3"][/audio]'
    )
    assert not any(m.code == "unknown-fusion-class" for m in conv.messages)


def test_worded_buttons_are_reported_when_dropped() -> None:
    conv = fusionclean.convert('<p>Plots</p><button type="button">Show all plots</button>')
    assert any(m.code == "dropped-widget" and "button" in m.text for m in conv.messages)


def test_title_text_effect_copy_is_dropped_once() -> None:
    conv = fusionclean.convert(
        '<div class="fusion-title title fusion-title-size-two awb-title__scroll-reveal--animate">'
        '<h2 class="fusion-title-heading"><span class="awb-title__scroll-reveal-base">Grow more</span>'
        '<span class="awb-title__scroll-reveal-overlay" aria-hidden="true">Grow more</span></h2></div>'
        # a hidden span that is not a copy stays
        '<div class="fusion-title title fusion-title-size-three"><h3 class="title-heading-left">Beds'
        ' <span aria-hidden="true">and paths</span></h3></div>'
    )
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == "<h2>Grow more</h2>\n<h3>Beds and paths</h3>"
    assert [m.count for m in conv.messages if m.code == "dropped-duplicate"] == [1]


def test_element_without_its_known_parts_keeps_its_content() -> None:
    # a gallery in a markup shape the mapping does not know, a video block without a player
    conv = fusionclean.convert(
        '<div class="fusion-gallery"><div class="custom-item"><img src="https://example.org/a.jpg" alt="A">'
        "<span>Bean rows</span></div></div>"
        '<div class="fusion-video fusion-youtube"><p>Video coming soon</p></div>'
        '<div class="fusion-progressbar"></div>'  # nothing in it: dropped quietly
    )
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == (
        '<p><img src="https://example.org/a.jpg" alt="A">Bean rows</p>\n<p>Video coming soon</p>'
    )
    left = sorted(m.text.split(":")[0] for m in conv.messages if m.code == "element-left-as-is")
    assert left == ["fusion-gallery", "fusion-video"]


def test_avada_slider_keeps_slide_words_and_buttons_only() -> None:
    slider = (
        '<div class="fusion-slider-container fusion-slider-home"><div class="fusion-slider-loading">Loading...</div>'
        '<div class="tfs-slider flexslider main-flex"><ul class="slides"><li class="slide-id-12">'
        '<div class="slide-content-container slide-content-center" style="display: none;"><div class="slide-content">'
        '<div class="heading with-bg"><div class="fusion-title-sc-wrapper"><div class="fusion-title title '
        'fusion-title-1 fusion-title-size-two"><h2 class="fusion-title-heading">Fresh beans daily</h2></div></div>'
        '</div><div class="buttons"><div class="tfs-button-1"><a class="fusion-button button-flat" href="/shop/">'
        '<span class="fusion-button-text">Shop now</span></a></div></div></div></div>'
        '<a href="/beans/" class="overlay-link" aria-label="Fresh beans daily"></a>'
        '<div class="background background-image" style="background-image: url(https://example.org/bg.jpg);">'
        "</div></li></ul></div></div>"
    )
    conv = fusionclean.convert(slider)
    # the caption hidden until the slide shows is kept; the loading text and the wordless
    # whole-slide link (its label repeats the heading) are not
    assert fusionclean.emit.get_emitter("text").emit(conv.document) == "Fresh beans daily\n\nShop now"
    # one slide is no list: its heading is a heading, not "- ## Fresh beans daily"
    assert fusionclean.clean(slider, output="markdown") == "## Fresh beans daily\n\n[Shop now](/shop/)"
    assert ("dropped-decoration", "loading indicator × 1, slide overlay link × 1") in {
        (m.code, m.text) for m in conv.messages
    }


def test_a_modal_link_around_a_column_keeps_its_blocks() -> None:
    # Avada lets a modal's text link wrap whole columns (a person card opening a bio)
    out = fusionclean.clean(
        '<div class="fusion-builder-row"><a class="fusion-modal-text-link" data-toggle="modal"'
        ' data-target=".fusion-modal.bio" href="#"><div class="fusion-layout-column"><div class="fusion-person">'
        '<div class="person-desc"><div class="person-author"><span class="person-name">Ann Lee</span>'
        '<span class="person-title">Gardener</span></div><div class="person-content">Grows beans.</div></div>'
        '</div></div></a></div><p>Read <a class="fusion-modal-text-link" data-toggle="modal" href="#">the terms'
        "</a> first.</p>"
    )
    assert out == "<h2>Ann Lee</h2>\n<p>Gardener</p>\n<p>Grows beans.</p>\n<p>Read the terms first.</p>"


def test_a_post_slideshow_is_its_figures_with_the_words_they_show() -> None:
    slide = (
        '<li><a href="https://example.org/{0}.jpg" data-rel="iLightbox[gallery1]" data-title="{0}-1">'
        '<span class="screen-reader-text">View Larger Image</span><img src="https://example.org/{0}-1200.jpg"'
        ' alt="{1}"></a>{2}</li>'
    )
    show = '<div class="fusion-flexslider flexslider post-slideshow fusion-post-slideshow"><ul class="slides">{}</ul></div>'
    # one featured image: a figure; a caption a plugin adds (shown on the page) is kept, the
    # lightbox's file title (not shown) is not made a caption
    one = show.format(slide.format("beans", "Beans", '<div class="ccfic"><span>Photo: Ann Lee</span></div>'))
    assert fusionclean.clean(one) == (
        '<figure><img src="https://example.org/beans-1200.jpg" alt="Beans"><figcaption>Photo: Ann Lee</figcaption>'
        "</figure>"
    )
    two = show.format(slide.format("beans", "Beans", "") + slide.format("peas", "Peas", ""))
    assert fusionclean.clean(two) == (
        '<ul><li><figure><img src="https://example.org/beans-1200.jpg" alt="Beans"></figure></li>'
        '<li><figure><img src="https://example.org/peas-1200.jpg" alt="Peas"></figure></li></ul>'
    )


def test_a_slider_item_shows_its_slide_text_once_and_keeps_words_after_its_image() -> None:
    out = fusionclean.clean(
        '<div class="fusion-slider-sc"><div class="fusion-flexslider"><ul class="slides">'
        '<li><img src="https://example.org/a.jpg" alt="Beans"><div class="slide-content"><h2>Fresh beans</h2></div></li>'
        '<li><img src="https://example.org/b.jpg" alt="Peas">Picked at dawn</li></ul></div></div>'
    )
    assert out == (
        '<ul><li><figure><img src="https://example.org/a.jpg" alt="Beans"></figure></li>'
        '<li><figure><img src="https://example.org/b.jpg" alt="Peas"><figcaption>Picked at dawn</figcaption>'
        "</figure></li></ul>\n<h2>Fresh beans</h2>"
    )


def test_images_removed_keep_the_words_after_them() -> None:
    markup = (
        '<p>Before <img src="data:image/gif;base64,R0lGOD"> after the placeholder,'
        ' <img class="emoji" alt="😀" src="/e.png"> after the emoji,'
        ' <img src="/dot.gif" width="1" height="1"> after the spacer.</p>'
    )
    html, messages = html_and_messages(markup)
    assert html == "<p>Before after the placeholder, 😀 after the emoji, after the spacer.</p>"
    assert {code for code, _ in messages} == {"placeholder-image", "emoji-as-text", "dropped-decoration"}
