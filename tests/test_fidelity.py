"""Content that used to disappear silently, and layout leftovers (issue 22): the edges of
the rules the fixtures in fixtures/documents/fidelity show."""

from __future__ import annotations

import fusionclean


def _area(
    widgets: str, classes: str = "fusion-widget-area awb-widget-area-element fusion-content-widget-area"
) -> str:
    return f'<h2>Visit us</h2><div class="{classes}">{widgets}</div><p>Body text.</p>'


_TEXT = '<section class="widget widget_text"><div class="textwidget"><p>Open at ten.</p></div></section>'


def test_a_video_widget_in_the_content_keeps_its_video() -> None:
    video = (
        '<section class="widget widget_media_video"><div class="wp-video"><video class="wp-video-shortcode">'
        '<source type="video/mp4" src="https://example.org/up/tour.mp4"></video></div></section>'
    )
    assert "https://example.org/up/tour.mp4" in fusionclean.clean(_area(video))


def test_a_sidebar_or_footer_widget_area_stays_chrome_in_a_fragment() -> None:
    for classes in (
        "sidebar fusion-widget-area fusion-content-widget-area fusion-sidebar-right",
        "fusion-footer-widget-area fusion-widget-area",
    ):
        conv = fusionclean.convert(_area(_TEXT, classes))
        assert "Open at ten" not in fusionclean.emit.HtmlEmitter().emit(conv.document), classes
        assert any(m.code == "dropped-widget" for m in conv.messages)


def test_a_content_widget_area_without_content_widgets_is_dropped_as_before() -> None:
    tweets = '<div class="widget tweets"><ul><li>Latest tweet text</li></ul></div>'
    out = fusionclean.clean(
        _area(tweets, "fusion-widget fusion-widget-element fusion-widget-area fusion-content-widget-area")
    )
    assert "tweet" not in out and "Body text." in out


def test_a_block_widget_is_content_unless_it_shows_other_pages() -> None:
    words = '<div class="widget widget_block"><p>Ring the bell.</p></div>'
    latest = '<div class="widget widget_block"><ul class="wp-block-latest-posts"><li>Old post</li></ul></div>'
    out = fusionclean.clean(_area(words + latest))
    assert "Ring the bell." in out and "Old post" not in out


def test_a_data_table_with_an_empty_cell_stays_a_table() -> None:
    out = fusionclean.clean(
        "<table><tr><td>Apples</td><td>3</td></tr><tr><td>Pears</td><td></td></tr></table>"
    )
    assert out.startswith("<table>") and "Pears" in out


def test_a_column_link_never_nests_links() -> None:
    column = (
        '<div class="fusion-layout-column fusion-column-inner-bg-wrapper"><div class="fusion-column-wrapper">'
        '<h3><a href="https://example.org/own/">Own link</a></h3><p>Text.</p></div>'
        '<span class="fusion-column-inner-bg"><a class="fusion-column-anchor" href="https://example.org/col/">'
        '<span class="fusion-column-inner-bg-image"></span></a></span></div>'
    )
    out = fusionclean.clean(column)
    assert "https://example.org/own/" in out and "https://example.org/col/" not in out


def test_counter_delimiter_only_groups_plain_numbers() -> None:
    from fusionclean.sources.shortcodes import delimit

    assert delimit("300000", ",") == "300,000"
    assert delimit("1234567.25", " ") == "1 234 567.25"
    assert delimit("999", ",") == "999"
    assert delimit("12k", ",") == "12k"
    assert delimit("300000", "") == "300000"


def test_a_column_link_before_the_wrapper_links_the_title_too() -> None:
    # Avada 3.x writes the overlay before the column's wrapper (2.x after it)
    column = (
        '<div class="fusion-layout-column fusion_builder_column fusion-flex-column fusion-column-inner-bg-wrapper">'
        '<span class="fusion-column-inner-bg hover-type-none"><a class="fusion-column-anchor" '
        'href="https://example.org/work/mill/" aria-label="Mill"><span class="fusion-column-inner-bg-image">'
        '</span></a></span><div class="fusion-column-wrapper"><div class="fusion-title title fusion-title-size-three">'
        '<h3 class="fusion-title-heading">Old Mill</h3></div><div class="fusion-text"><p>Restored in 2019.</p></div>'
        "</div></div>"
    )
    assert fusionclean.clean(column) == (
        '<h2><a href="https://example.org/work/mill/">Old Mill</a></h2>\n<p>Restored in 2019.</p>'
    )
