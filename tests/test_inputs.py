"""WordPress inputs: WXR exports, REST lists and JSONL, shortcodes, front matter."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import fusionclean
from fusionclean.errors import InputError
from fusionclean.sources.autop import autop
from fusionclean.sources.shortcodes import Shortcode, parse_attributes, parse_shortcodes

from .conftest import CORPUS, FIXTURES, html_and_messages

WXR = FIXTURES / "wxr" / "small-export.xml"


def test_wxr_items_metadata_and_attachments() -> None:
    items = list(fusionclean.load_wxr(WXR))
    assert [i.id for i in items] == [10, 12]  # nav menu item and attachment skipped
    post = items[0]
    assert post.meta.title == "Winter beans" and post.meta.slug == "winter-beans"
    assert post.meta.categories == ("Vegetables",) and post.meta.tags == ("beans",)
    assert post.meta.featured_image == "https://allotment.example/wp-content/uploads/2025/11/bean-rows.jpg"
    html = fusionclean.clean(post)
    assert (
        '<img src="https://allotment.example/wp-content/uploads/2025/11/bean-rows.jpg" alt="Bean rows">'
        in html
    )
    assert "<h2>Sowing broad beans</h2>" in html
    assert fusionclean.clean(items[1]) == "<p>Plot 14, by the <strong>water tank</strong>.</p>"
    assert items[1].meta.status == "draft"
    assert len(list(fusionclean.load_wxr(WXR, include_attachments=True))) == 3


GLOBALS = FIXTURES / "wxr" / "global-elements.xml"


def test_wxr_global_elements_render_from_the_exported_library() -> None:
    items = {item.id: item for item in fusionclean.load_wxr(GLOBALS)}
    conv = fusionclean.convert(items[41])
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == (
        "<p>Thirty plots by the river.</p>\n<h2>Join the allotment</h2>\n"
        '<figure><img src="https://allotment.example/wp-content/uploads/shed.jpg" alt="Shared shed"></figure>\n'
        "<p>Plots cost £20 a year.</p>\n<p>A box that holds itself.</p>"
    )
    # one not in the export, and the element that holds itself (rendered once): reported
    unresolved = [m.text for m in conv.messages if m.code == "unresolved-global"]
    assert unresolved == ["fusion_global id=33 × 1, fusion_global id=99 × 1"]
    # a copy for a worker carries just what the page uses, nested elements included
    narrowed = items[41].narrowed()
    assert sorted(narrowed.library) == ["30", "32", "33"] and list(narrowed.attachments) == ["31"]
    assert fusionclean.clean(narrowed) == fusionclean.clean(items[41])
    assert items[40].narrowed().library == {}
    assert fusionclean.clean(items[33]) == "<p>A box that holds itself.</p>"  # not inside itself
    with GLOBALS.open("rb") as stream:
        streamed = {item.id: item for item in fusionclean.sources.wxr.load_wxr_stream(stream)}
    assert fusionclean.clean(streamed[41]) == fusionclean.clean(items[41])
    without = {item.id: item for item in fusionclean.load_wxr(GLOBALS, resolve_attachments=False)}
    assert "Join the allotment" not in fusionclean.clean(without[41])


def test_wxr_single_item_text_and_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="load_wxr"):
        fusionclean.clean(WXR.read_text())
    truncated = tmp_path / "cut.xml"
    text = WXR.read_text()
    truncated.write_text(text[: text.index("water tank")])
    got = []
    with pytest.raises(InputError, match="malformed WXR"):
        for item in fusionclean.load_wxr(truncated, resolve_attachments=False):
            got.append(item)
    assert [i.id for i in got] == [10]  # everything before the damage was yielded
    with pytest.raises(InputError):
        list(fusionclean.load_wxr(tmp_path / "missing.xml"))
    with pytest.raises(TypeError):
        list(fusionclean.load_wxr(42))  # type: ignore[arg-type]


def test_wxr_external_entities_never_resolve(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    evil = tmp_path / "xxe.xml"
    evil.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY net SYSTEM "http://127.0.0.1:9/x">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><item><title>T &xxe; &net; &d;</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
        "<content:encoded>&xxe;&d;</content:encoded></item></channel></rss>"
    )
    items = list(fusionclean.load_wxr(evil))
    assert len(items) == 1
    out = fusionclean.clean(items[0], output="text") + (items[0].meta.title or "")
    assert "TOP-SECRET" not in out and "aaaaaaaaaa" * 10 not in out


def test_rest_lists_and_jsonl(tmp_path: Path) -> None:
    posts = [{"id": i, "content": {"rendered": f"<p>Post {i}</p>"}} for i in range(3)]
    listing = tmp_path / "posts.json"
    listing.write_text(json.dumps(posts))
    lines = tmp_path / "posts.jsonl"
    lines.write_text("\n".join(json.dumps(p) for p in posts))
    for source in (listing, lines):
        results = list(fusionclean.clean_many([source], output="text"))
        assert [r.output for r in results] == ["Post 0", "Post 1", "Post 2"]
        assert [r.id for r in results] == ["0", "1", "2"]
    with pytest.raises(InputError, match="clean_many"):
        fusionclean.clean(listing)


def test_rest_embedded_and_password_and_raw() -> None:
    post = {
        "id": 7, "slug": "s", "date": "2024-01-01T00:00:00", "modified": "2024-02-01T00:00:00",
        "title": {"rendered": "Beds &amp; borders"}, "excerpt": {"rendered": "<p>Short.</p>"},
        "content": {"rendered": "<p>x</p>", "raw": "[fusion_text]From the editor[/fusion_text]", "protected": True},
        "_embedded": {
            "author": [{"name": "Ann"}],
            "wp:featuredmedia": [{"source_url": "https://e.org/f.jpg"}],
            "wp:term": [[{"name": "Garden", "taxonomy": "category"}], [{"name": "soil", "taxonomy": "post_tag"}]],
        },
    }  # fmt: skip
    conv = fusionclean.convert(post)
    meta = conv.document.meta
    assert (meta.title, meta.author, meta.categories, meta.tags) == (
        "Beds & borders",
        "Ann",
        ("Garden",),
        ("soil",),
    )
    assert (
        meta.featured_image == "https://e.org/f.jpg" and meta.excerpt == "Short." and meta.password_protected
    )
    assert fusionclean.clean(post) == "<p>From the editor</p>"  # content.raw goes down the shortcode path
    assert any(m.code == "password-protected" for m in conv.messages)
    assert fusionclean.parse({"content": {"rendered": "<p>only content</p>"}}).meta.title is None


def test_shortcode_parser_hard_cases() -> None:
    assert parse_attributes('a="x]y" b=\'q\' c=3 positional "quoted"') == {
        "a": "x]y",
        "b": "q",
        "c": "3",
        "0": "positional",
        "1": "quoted",
    }
    nodes = parse_shortcodes('[[escaped]] [a x="1" /] [b]t[c][/b] [/orphan] [d y="]"]z[/d]')
    assert nodes[0] == "[escaped]"
    names = [n.name for n in nodes if isinstance(n, Shortcode)]
    assert names == ["a", "b", "d"]  # [/orphan] ignored
    b = next(n for n in nodes if isinstance(n, Shortcode) and n.name == "b")
    assert b.closed and b.children[0] == "t"
    c = b.children[1]
    assert isinstance(c, Shortcode) and c.name == "c" and not c.children  # unclosed: self-closing


def test_escaped_shortcodes_are_their_text_in_the_sentence_they_stand_in() -> None:
    # [[name]] and [[name]…[/name]] print the tag as text, as WordPress does: never a block
    assert (
        fusionclean.clean("<p>Use [[fusion_text]] to add text.</p>")
        == "<p>Use [fusion_text] to add text.</p>"
    )
    out = fusionclean.clean(
        '[fusion_text]Type [[fusion_button link="/x"]Go [fusion_highlight]now[/fusion_highlight][/fusion_button]]'
        ' for a button.[/fusion_text][fusion_button link="/y"]Real[/fusion_button]'
    )
    assert out == (
        '<p>Type [fusion_button link="/x"]Go [fusion_highlight]now[/fusion_highlight][/fusion_button]'
        ' for a button.</p>\n<p><a href="/y">Real</a></p>'
    )
    # the span ends at the first closing tag: one without the second bracket renders
    assert parse_shortcodes("a [[b]c[/b]] [b]d[/b]")[:4] == ["a ", "[b]", "c", "[/b]"]
    first = parse_shortcodes("[[b]c[/b] [b]d[/b]]")[0]
    assert isinstance(first, Shortcode) and first.children == ["c"]


def test_shortcodes_render_and_unknown_counted() -> None:
    conv = fusionclean.convert(
        '[fusion_builder_container][fusion_builder_row][fusion_builder_column type="1_2"]\r\n'
        "[fusion_text]First line\r\nsecond line\r\n\r\nNew paragraph [my_widget]inside[/my_widget].[/fusion_text]"
        "[fusion_checklist][fusion_li_item]One[/fusion_li_item][fusion_li_item]Two[/fusion_li_item][/fusion_checklist]"
        "[fusion_code]PHA+Q29kZSBibG9jayBIVE1MPC9wPg==[/fusion_code]"
        "[/fusion_builder_column][/fusion_builder_row][/fusion_builder_container]"
    )
    html = fusionclean.emit.HtmlEmitter().emit(conv.document)
    assert "<p>First line<br>second line</p>" in html
    assert "<p>New paragraph inside.</p>" in html
    assert "<ul><li>One</li><li>Two</li></ul>" in html
    assert "<p>Code block HTML</p>" in html  # base64 body of fusion_code decoded
    assert any(m.code == "unknown-shortcode" and "my_widget" in m.text for m in conv.messages)


def test_code_block_runs_the_shortcodes_in_its_html() -> None:
    import base64

    body = (
        '<p>Before</p>[contact-form-7 id="1"][fusion_button link="/go/"]Go[/fusion_button]<p>[1] a note</p>'
    )
    conv = fusionclean.convert(f"[fusion_code]{base64.b64encode(body.encode()).decode()}[/fusion_code]")
    html = fusionclean.emit.HtmlEmitter().emit(conv.document)
    assert html == '<p>Before</p>\n<p><a href="/go/">Go</a></p>\n<p>[1] a note</p>'
    assert any(m.code == "dropped-widget" and m.text == "interactive widget × 1" for m in conv.messages)


@pytest.mark.parametrize(
    "shortcode",
    [
        '[fusion_imageframe image_id="12|full" alt="Our plot"]https://example.org/plot.jpg?w=1&amp;h=2[/fusion_imageframe]',
        '[fusion_imageframe image_id="12" alt="Our plot"]\nhttps://example.org/plot.jpg?w=1&h=2\n[/fusion_imageframe]',
    ],
)
def test_image_frame_with_a_url_body_keeps_its_image(shortcode: str) -> None:
    # Avada 7 exports write the image's URL as the element's body; autop's paragraph
    # around it once became part of the URL, and the image was dropped as unsafe
    assert fusionclean.clean(shortcode) == (
        '<figure><img src="https://example.org/plot.jpg?w=1&amp;h=2" alt="Our plot"></figure>'
    )


def test_separators_draw_a_rule_as_on_the_rendered_page() -> None:
    html, messages = html_and_messages(
        '[fusion_text]Before[/fusion_text][fusion_separator style_type="single solid" /]'
        '[fusion_text]Between[/fusion_text][fusion_separator style_type="none" /][fusion_text]After[/fusion_text]'
        '[fusion_blog /][fusion_social_links /][fusion_flexslider layout="posts" /]'
    )
    assert html == "<p>Before</p>\n<hr>\n<p>Between</p>\n<p>After</p>"
    assert messages == {
        ("dropped-decoration", "spacer × 1"),
        # listings and widgets are counted where the rendered page's are
        ("dropped-listing", "dynamic listing (other pages' content) × 2"),
        ("dropped-widget", "interactive widget × 1"),
    }


@pytest.mark.parametrize(
    ("shortcode", "expected"),
    [
        # the unit typed into the value as well is shown once; a bold figure is no heading
        ('[fusion_counters_box][fusion_counter_box value="24%" unit="%" /][/fusion_counters_box]'
         "[fusion_text]Year on year[/fusion_text]",
         "<p><strong>24%</strong></p>\n<p>Year on year</p>"),
        ('[fusion_counter_box value="$5" unit="$" unit_pos="prefix"]Seed packs[/fusion_counter_box]'
         '[fusion_counter_box value="12" unit="k"]Visitors[/fusion_counter_box]',
         "<p><strong>$5</strong> Seed packs</p>\n<p><strong>12k</strong> Visitors</p>"),
        ('[fusion_counter_circle value="75%"]Sprouted[/fusion_counter_circle]'
         '[fusion_progress percentage="80%" unit="%"]Dug[/fusion_progress]',
         "<p>Sprouted (75%)</p>\n<p>Dug: 80%</p>"),
        # attribute text is text, not markup
        ('[fusion_counter_box value="<5" unit=""]Weeds left[/fusion_counter_box]',
         "<p><strong>&lt;5</strong> Weeds left</p>"),
    ],
)  # fmt: skip
def test_counter_values_show_their_unit_once(shortcode: str, expected: str) -> None:
    assert fusionclean.clean(shortcode) == expected


def test_a_chart_is_the_table_of_what_it_plots() -> None:
    html, messages = html_and_messages(
        '[fusion_chart title="Harvest" chart_type="bar" x_axis_labels="May|June|July" y_axis_label="kg"]'
        '[fusion_chart_dataset title="Beans" values="3|5|8" /][fusion_chart_dataset title="Peas" values="2|4" /]'
        '[/fusion_chart][fusion_chart chart_type="horizontalBar" x_axis_label="kg" y_axis_label="Plot"'
        ' x_axis_labels="A|B"][fusion_chart_dataset values="1|2" /][/fusion_chart]'
        '[fusion_chart x_axis_labels="A|B"][fusion_chart_dataset title="Empty" /][/fusion_chart]'
    )
    assert html == (
        "<table><caption>Harvest</caption><thead><tr><th></th><th>Beans (kg)</th><th>Peas (kg)</th></tr></thead>"
        "<tbody><tr><td>May</td><td>3</td><td>2</td></tr><tr><td>June</td><td>5</td><td>4</td></tr>"
        "<tr><td>July</td><td>8</td><td></td></tr></tbody></table>\n"
        "<table><thead><tr><th>Plot</th><th>kg</th></tr></thead>"
        "<tbody><tr><td>A</td><td>1</td></tr><tr><td>B</td><td>2</td></tr></tbody></table>"
    )
    assert messages == {("dropped-widget", "fusion_chart without data × 1")}
    markdown = fusionclean.clean(
        '[fusion_chart x_axis_labels="a|b"][fusion_chart_dataset title="N" values="1|2" /][/fusion_chart]',
        output="markdown",
    )
    assert markdown == "|  | N |\n|---|---|\n| a | 1 |\n| b | 2 |"


def test_testimonial_keeps_the_author_photo_as_the_rendered_page_does() -> None:
    out = fusionclean.clean(
        '[fusion_testimonials][fusion_testimonial name="Ann Lee" company="Plot 7" avatar="image"'
        ' image="https://example.org/ann.jpg"]Best beans ever.[/fusion_testimonial][/fusion_testimonials]'
    )
    assert out == (
        '<figure><img src="https://example.org/ann.jpg" alt="Ann Lee"></figure>\n'
        "<blockquote><p>Best beans ever.</p><footer>— <cite>Ann Lee, Plot 7</cite></footer></blockquote>"
    )


@pytest.mark.parametrize(
    ("shortcode", "expected"),
    [
        ('[fusion_slider][fusion_slide type="image" link="https://example.org/beds/"]https://example.org/s1.jpg'
         '[/fusion_slide][fusion_slide type="video"]https://vimeo.com/12345[/fusion_slide][/fusion_slider]',
         '<ul><li><figure><a href="https://example.org/beds/"><img src="https://example.org/s1.jpg" alt=""></a>'
         '</figure></li><li><iframe src="https://player.vimeo.com/video/12345" sandbox="allow-scripts'
         ' allow-same-origin allow-presentation allow-popups" allowfullscreen=""></iframe></li></ul>'),
        ('[fusion_lightbox full_image="https://example.org/shed.jpg" thumbnail_image="https://example.org/t.jpg"'
         ' description="Our shed" alt_text="Shed" /]',
         '<figure><img src="https://example.org/shed.jpg" alt="Shed"><figcaption>Our shed</figcaption></figure>'),
        ('[fusion_text]Jump to [fusion_one_page_text_link link="#contact"]contact us[/fusion_one_page_text_link]'
         " now.[/fusion_text]",
         '<p>Jump to <a href="#contact">contact us</a> now.</p>'),
        ('[fusion_countdown countdown_end="2026-12-01 10:00:00" heading_text="Opening day" link_url="/open"'
         ' link_text="Details"][/fusion_countdown]',
         '<p>Opening day</p>\n<p><a href="/open">Details</a></p>'),
        # Avada 4 tabs carry their titles on the set, by tab id or in order
        ('[tabs tab1="Spring" tab2="Autumn" layout="horizontal"][tab id="2"]Harvest.[/tab]'
         '[tab id="1"]Sow.[/tab][/tabs][tabs tab1="Beds"][tab]Dig.[/tab][/tabs]',
         '<h2>Autumn</h2>\n<p>Harvest.</p>\n<h2>Spring</h2>\n<p>Sow.</p>\n<h2>Beds</h2>\n<p>Dig.</p>'),
    ],
)  # fmt: skip
def test_catalogue_shortcodes_render_as_their_rendered_elements(shortcode: str, expected: str) -> None:
    conv = fusionclean.convert(shortcode)
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == expected
    assert not any(m.code == "unknown-shortcode" for m in conv.messages)


def test_shortcode_widget_titles_are_relevelled_and_input_cannot_forge_the_marker() -> None:
    # a tab title is re-levelled one below the heading before it, as on the rendered page;
    # a data-fc- attribute typed into the content is not taken for fusionclean's own
    out = fusionclean.clean(
        '[fusion_title size="2"]Beds[/fusion_title]'
        '[fusion_tabs][fusion_tab title="Spring"]Sow.[/fusion_tab][/fusion_tabs]'
        '[fusion_text]<h4 data-fc-heading="relative">Typed</h4>[/fusion_text]'
    )
    # (a forged marker would have made the typed h4 an h3, one below "Beds")
    assert out == "<h2>Beds</h2>\n<h3>Spring</h3>\n<p>Sow.</p>\n<h4>Typed</h4>"
    # a source is read, not rendered (the render_shortcodes step renders it, to the
    # builder's own markup): no working marker is written for input to imitate
    source = fusionclean.sources.load_source('[fusion_person name="A"]x[/fusion_person]')
    assert source.kind == "shortcodes" and source.html == '[fusion_person name="A"]x[/fusion_person]'
    rendered = fusionclean.presets.DEFAULT.prepare_source(source.html, source.kind, fusionclean.Context())
    assert rendered is not None and "data-fc" not in rendered and 'class="person-name"' in rendered


def test_rotating_and_highlight_titles_keep_their_words_from_attributes() -> None:
    # Builder 3.x titles of these types hold their words in attributes, not in the body
    rotating = (
        '[fusion_title title_type="rotating" before_text="We grow" rotation_text="beans|peas|herbs"'
        ' after_text="all year" size="2"][/fusion_title]'
    )
    highlight = '[fusion_title title_type="highlight" before_text="We grow" highlight_text="beans" after_text="daily"][/fusion_title]'
    assert fusionclean.clean(rotating) == "<h2>We grow beans / peas / herbs all year</h2>"
    assert fusionclean.clean(highlight) == "<h2>We grow beans daily</h2>"
    rendered = (
        '<div class="fusion-title title fusion-title-rotating fusion-title-size-two"><h2 class="fusion-title-heading">'
        '<span class="fusion-animated-text-prefix">We grow</span> <span class="fusion-animated-texts-wrapper">'
        '<span class="fusion-animated-texts"><span class="fusion-animated-text">beans</span>'
        '<span class="fusion-animated-text">peas</span><span class="fusion-animated-text">herbs</span></span></span>'
        ' <span class="fusion-animated-text-postfix">all year</span></h2></div>'
    )
    assert fusionclean.clean(rendered) == fusionclean.clean(rotating)


def _section(attrs: str, words: str) -> str:
    return (
        f'[fusion_builder_container {attrs}][fusion_builder_row][fusion_builder_column type="1_1"]'
        f"[fusion_text]{words}[/fusion_text][/fusion_builder_column][/fusion_builder_row]"
        "[/fusion_builder_container]"
    )


def test_shortcode_visibility_follows_the_target_device_as_on_a_rendered_page() -> None:
    from fusionclean.transforms import DropHidden

    text = (
        _section('hide_on_mobile="small-visibility"', "Phone copy")
        + _section('hide_on_mobile="medium-visibility, Large-Visibility"', "Wide copy")
        + _section('hide_on_mobile="yes"', "Legacy desktop")  # A4: hidden on phones only
        + _section('hide_on_mobile="no"', "Everywhere")
        + '[fusion_text]Call [fusion_highlight hide_on_mobile="small-visibility"]our desk[/fusion_highlight]'
        " today[/fusion_text]"
    )
    conv = fusionclean.convert(text)
    html = fusionclean.emit.HtmlEmitter().emit(conv.document)
    assert html == "<p>Wide copy</p>\n<p>Legacy desktop</p>\n<p>Everywhere</p>\n<p>Call today</p>"
    assert [(m.code, m.text) for m in conv.messages] == [("dropped-hidden", "hidden on this device × 2")]
    phone = fusionclean.clean(
        text, preset=fusionclean.presets.DEFAULT.replace(DropHidden(target_device="small"))
    )
    assert phone == "<p>Phone copy</p>\n<p>Everywhere</p>\n<p>Call <mark>our desk</mark> today</p>"


def test_draft_and_scheduled_shortcode_elements_render_only_inside_their_window() -> None:
    text = (
        _section('status="draft"', "Unfinished")
        + _section('status="published_until" publish_date="2001-05-01 09:00:00"', "Expired offer")
        + _section('status="published_until" publish_date="2999-05-01 09:00:00"', "Running offer")
        + _section('status="publish_after" publish_date="2999-05-01"', "Not yet")
        + _section('status="publish_after" publish_date="2001-05-01T09:00:00+02:00"', "Launched")
        + _section('status="publish_after" publish_date="next spring"', "Unreadable date")
        + _section('status="published"', "Plain")
    )
    html, messages = html_and_messages(
        text, now=datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.timezone.utc)
    )
    assert html == "<p>Running offer</p>\n<p>Launched</p>\n<p>Unreadable date</p>\n<p>Plain</p>"
    assert messages == {
        (
            "dropped-hidden",
            "fusion_builder_container: draft × 1, fusion_builder_container: outside its publication window × 2",
        ),
        ("unreadable-publish-date", "fusion_builder_container: 'next spring' (kept)"),
    }
    # no clock unless asked: every scheduled element is kept, the draft still goes
    html, messages = html_and_messages(text)
    assert html == (
        "<p>Expired offer</p>\n<p>Running offer</p>\n<p>Not yet</p>\n<p>Launched</p>\n"
        "<p>Unreadable date</p>\n<p>Plain</p>"
    )
    assert (
        "kept-scheduled",
        "fusion_builder_container: publication window not applied (no now= given) × 4",
    ) in messages
    # the window is judged at the moment given, an aware one in its own zone
    early = datetime.datetime(2001, 5, 1, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    html, _ = html_and_messages(text, now=early)
    assert "Expired offer" in html and "Launched" not in html
    with pytest.raises(TypeError, match="now must be a datetime"):
        fusionclean.clean("<p>x</p>", now="2026-01-01")  # type: ignore[arg-type]


# post content as WordPress displays it when the builder is not active (after a theme
# switch): autop's paragraphs around the tags, quotes texturized into curly ones and primes
_LEFTOVERS = (
    "<p>[fusion_builder_container hundred_percent=&#8221;no&#8221;][fusion_builder_row]"
    "[fusion_builder_column type=&#8221;1_2&#8243;][fusion_title size=&#8221;2&#8243;]Soil[/fusion_title]"
    "[fusion_text]</p>\n<p>Loam holds water.</p>\n<p>[/fusion_text][fusion_imageframe image_id=&#8221;7|full&#8221;"
    " alt=&#8221;Ann&#8217;s bed&#8221; link=&#8221;https://example.org/?bed=1&#038;row=2&#8243;]"
    "https://example.org/bed.jpg[/fusion_imageframe][/fusion_builder_column][/fusion_builder_row]"
    "[/fusion_builder_container]</p>\n"
)
_LEFTOVERS_CLEAN = (
    "<h2>Soil</h2>\n<p>Loam holds water.</p>\n"
    '<figure><a href="https://example.org/?bed=1&amp;row=2"><img src="https://example.org/bed.jpg"'
    ' alt="Ann\'s bed"></a></figure>'
)


def test_shortcodes_left_unrendered_in_a_rest_post_are_rendered() -> None:
    post = {"link": "https://example.org/soil/", "content": {"rendered": _LEFTOVERS}}
    conv = fusionclean.convert(post)
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == _LEFTOVERS_CLEAN
    assert [m.code for m in conv.messages] == ["rendered-leftover-shortcodes"]
    assert conv.document.links[0].href == "https://example.org/?bed=1&row=2"


def test_shortcodes_left_unrendered_on_a_page_are_rendered_in_its_content_area() -> None:
    page = (
        "<!DOCTYPE html><html><body><header><a href='/'>Home</a></header><main id='main'>"
        f"<section id='content'><div class='post-content'>{_LEFTOVERS}</div></section></main>"
        "<footer>Foot</footer></body></html>"
    )
    conv = fusionclean.convert(page)
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == _LEFTOVERS_CLEAN
    assert "rendered-leftover-shortcodes" in [m.code for m in conv.messages]
    # no content area: rendered in what select_content keeps (the body without its chrome)
    conv = fusionclean.convert(
        f"<!DOCTYPE html><html><body><nav>Menu</nav><div>{_LEFTOVERS}</div></body></html>"
    )
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == _LEFTOVERS_CLEAN
    # parsing only the content area (a shortcut) or the whole page gives the same output
    from fusionclean.transforms import select_content

    whole = fusionclean.presets.DEFAULT.replace(fusionclean.SelectContent(keep_whole_body=True))
    assert select_content.narrow(page) != page
    assert fusionclean.clean(page, preset=whole).endswith(_LEFTOVERS_CLEAN + "\n<p>Foot</p>")


def test_shortcodes_shown_as_text_in_builder_rendered_content_stay_as_written() -> None:
    # where the builder rendered the content, a shortcode shown as text was escaped by its
    # author to be shown (a tutorial): neither the reader nor render_shortcodes renders it
    tutorial = (
        '<div class="fusion-fullwidth fullwidth-box"><div class="fusion-builder-row fusion-row">'
        '<div class="fusion-layout-column"><div class="fusion-column-wrapper"><div class="fusion-text">'
        "<p>Type [fusion_text]Hello[/fusion_text] to add words.</p></div></div></div></div></div>"
    )
    assert fusionclean.clean(tutorial) == "<p>Type [fusion_text]Hello[/fusion_text] to add words.</p>"
    page = f"<!DOCTYPE html><html><body><main><section id='content'>{tutorial}</section></main></body></html>"
    conv = fusionclean.convert(page)
    assert "[fusion_text]Hello[/fusion_text]" in fusionclean.emit.HtmlEmitter().emit(conv.document)
    assert "rendered-leftover-shortcodes" not in [m.code for m in conv.messages]


def test_shortcodes_quoted_in_code_samples_stay_as_written() -> None:
    html = '<p>Type this:</p><pre><code>[fusion_title size="2"]Soil[/fusion_title]</code></pre>'
    assert fusionclean.clean(html) == html.replace("</p>", "</p>\n")
    page = f"<!DOCTYPE html><html><body><main><section id='content'>{html}</section></main></body></html>"
    assert fusionclean.clean(page) == html.replace("</p>", "</p>\n")


def test_curly_quotes_typed_inside_straight_quoted_attributes_stay() -> None:
    out = fusionclean.clean(
        '[fusion_imageframe alt="Our \u201cbest\u201d bed" link="https://example.org/?a=1&amp;b=2"]'
        "https://example.org/b.jpg[/fusion_imageframe]"
    )
    assert out == (
        '<figure><a href="https://example.org/?a=1&amp;b=2"><img src="https://example.org/b.jpg"'
        ' alt="Our \u201cbest\u201d bed"></a></figure>'
    )


def test_images_named_only_by_attachment_number_are_reported_when_the_file_is_unknown() -> None:
    conv = fusionclean.convert(
        '[fusion_imageframe image_id="12|full"][/fusion_imageframe]'
        '[fusion_gallery layout="grid" image_ids="12,13"][/fusion_gallery]'
        '[fusion_imageframe image_id="14|full"]https://example.org/bed.jpg[/fusion_imageframe]'
    )
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == (
        '<figure><img src="https://example.org/bed.jpg" alt=""></figure>'
    )
    assert [(m.code, m.text, m.level) for m in conv.messages] == [
        (
            "unresolved-attachment",
            "fusion_imageframe image id without its file × 1, gallery image ids without their files × 1",
            "warning",
        )
    ]


def test_a_content_box_image_is_drawn_above_its_title_as_on_the_rendered_page() -> None:
    out = fusionclean.clean(
        '[fusion_content_boxes][fusion_content_box title="Compost" image="https://example.org/heap.png"'
        ' link="/compost/" linktext="Read more"]Turn it weekly.[/fusion_content_box][/fusion_content_boxes]'
    )
    assert out == (
        # the builder links the title too (as the parity case content-boxes shows)
        '<figure><img src="https://example.org/heap.png" alt=""></figure>\n<h2><a href="/compost/">Compost</a></h2>\n'
        '<p>Turn it weekly.</p>\n<p><a href="/compost/">Read more</a></p>'
    )


def test_popover_shortcode_reads_as_the_rendered_popover() -> None:
    shortcode = '[fusion_text]Use [fusion_popover title="Compost" content="Rotted waste"]compost[/fusion_popover].[/fusion_text]'
    rendered = (
        '<p>Use <span class="fusion-popover" data-toggle="popover" data-title="Compost"'
        ' data-content="Rotted waste">compost</span>.</p>'
    )
    assert (
        fusionclean.clean(shortcode)
        == fusionclean.clean(rendered)
        == "<p>Use compost (Compost – Rotted waste).</p>"
    )


def test_embed_shortcode_links_to_its_url_as_typed() -> None:
    # autop's paragraph around the URL once became part of the link
    assert fusionclean.clean("[embed]https://example.org/talk?a=1&amp;b=2[/embed]") == (
        '<p><a href="https://example.org/talk?a=1&amp;b=2">https://example.org/talk?a=1&amp;b=2</a></p>'
    )


def test_legacy_avada4_names() -> None:
    html = fusionclean.clean(
        '[fullwidth][one_half last="no"][title size="3"]Legacy[/title][checklist][li_item]A[/li_item][/checklist]'
        '[/one_half][one_half last="yes"][accordian][toggle title="Q?" open="yes"]Answer.[/toggle][/accordian][/one_half][/fullwidth]'
    )
    assert "<h3>Legacy</h3>" in html or "<h2>Legacy</h2>" in html
    assert "<ul><li>A</li></ul>" in html
    assert "<summary>Q?</summary><p>Answer.</p></details>" in html and "<details open" in html


def test_autop() -> None:
    assert autop("a\nb\n\nc") == "<p>a<br>\nb</p>\n<p>c</p>"
    assert autop("<div>x</div>\n\ntext") == "<div>x</div>\n<p>text</p>"
    assert autop("<pre>a\n\nb</pre>") == "<pre>a\n\nb</pre>"


def test_front_matter_goes_to_meta() -> None:
    doc = fusionclean.parse(
        '---\ntitle: "Hello"\ncategories:\n- Garden\ntags: [a, b]\n---\n[fusion_text]Body[/fusion_text]'
    )
    assert doc.meta.title == "Hello" and doc.meta.categories == ("Garden",) and doc.meta.tags == ("a", "b")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('<a data-rel="iLightbox[gallery-rw-1]" href="/a.jpg">Photo</a>', "html"),  # a name ends before "-"
        ("<p>See [titles] and [buttons] below.</p>", "html"),  # nor before a word character
        ('[gallery ids="1,2"]', "shortcodes"),
        ("[title size=2]Hi[/title]", "shortcodes"),
        ("[fusion_text]Hi[/fusion_text]", "shortcodes"),
        # Avada 4 elements without a layout shortcode around them
        ('[clients][client image="https://example.org/l.png" /][/clients]', "shortcodes"),
        ('[person name="Ann"]Grows beans.[/person]', "shortcodes"),
        ("<p>Our [persons] page</p>", "html"),
    ],
)
def test_kind_detection_reads_shortcode_names_as_wordpress_does(text: str, kind: str) -> None:
    from fusionclean.sources import detect_kind

    assert detect_kind(text) == kind


def test_kind_override() -> None:
    assert fusionclean.clean("[fusion_text]x", kind="shortcodes") == "<p>x</p>"
    assert fusionclean.clean("[fusion_text]x", kind="html") == "<p>[fusion_text]x</p>"
    # displayed HTML holding whole shortcodes has them rendered by a step one can remove
    assert fusionclean.clean("[fusion_text]x[/fusion_text]", kind="html") == "<p>x</p>"
    as_text = fusionclean.presets.DEFAULT.without("render_shortcodes")
    assert (
        fusionclean.clean("[fusion_text]x[/fusion_text]", kind="html", preset=as_text)
        == "<p>[fusion_text]x[/fusion_text]</p>"
    )
    with pytest.raises(fusionclean.UnknownNameError):
        fusionclean.clean("x", kind="pdf")


def _text(markup: str) -> str:
    from lxml import html as lxml_html

    return " ".join(" ".join(lxml_html.fromstring(f"<div>{markup}</div>").itertext()).split())


def test_same_page_two_shapes_fixture() -> None:
    pair = FIXTURES / "pairs" / "garden-page"
    rendered = fusionclean.parse((pair / "rendered.html").read_text())
    shortcodes = fusionclean.parse((pair / "shortcodes.txt").read_text())
    blocks = lambda d: [(type(b).__name__, fusionclean.document.inline_text(b.children)) for b in d.children  # noqa: E731
                        if isinstance(b, (fusionclean.document.Heading, fusionclean.document.Paragraph))]  # fmt: skip
    assert blocks(rendered) == blocks(shortcodes)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_construction_demo_both_shapes_share_headings() -> None:
    sc = fusionclean.parse(CORPUS / "shortcodes" / "avada-construction-demo--page-7-about.txt")
    rest = fusionclean.parse(CORPUS / "wpjson" / "avada-construction-demo--page-1388.json")
    h_sc = [fusionclean.document.inline_text(h.children).lower() for h in sc.headings]
    h_rest = [fusionclean.document.inline_text(h.children).lower() for h in rest.headings]
    common = set(h_sc) & set(h_rest)
    assert len(common) >= 0.8 * len(set(h_sc)), (h_sc, h_rest)


def test_wxr_with_undeclared_prefix_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text(
        '<?xml version="1.0"?><rss><channel><item><content:encoded>x</content:encoded></item></channel></rss>'
    )
    with pytest.raises(InputError, match="malformed WXR"):
        list(fusionclean.load_wxr(bad))


def test_load_wxr_on_something_else_says_it_is_not_an_export(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html><head><script async src="x.js"></script></head><body><p>x</p></body></html>')
    with pytest.raises(fusionclean.InputError, match="is not a WXR export"):
        list(fusionclean.load_wxr(page))


def test_a_string_is_content_never_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the launch codes")
    conversion = fusionclean.convert(str(secret))
    assert "launch codes" not in conversion.document.to_json()
    assert [m.code for m in conversion.messages] == ["string-names-a-file"]
    (record,) = fusionclean.clean_many([str(secret)], output="text")
    assert "launch codes" not in record.output and record.output == str(secret)
    (record,) = fusionclean.clean_many([secret], output="text")
    assert record.output == "the launch codes"
    assert fusionclean.convert("<p>plain</p>").messages == ()


def test_a_json_file_that_does_not_parse_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "post.json"
    bad.write_text('\n{"id": 1,\n "title": {"rendered": "x"},\n "content": {"rendered": "<p>x</p>"\n')
    with pytest.raises(InputError, match=r"at line 4, column 36"):  # the end of the text
        fusionclean.clean(bad)
