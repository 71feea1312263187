"""The outline: sibling headings stay siblings, nothing skips a level downward, and the
sections()/chunks() breadcrumbs follow."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fusionclean
from fusionclean.document import Details, Heading
from fusionclean.document.nodes import inline_text

from .strategies import builder_page


def _outline(markup: str, **options: object) -> list[tuple[int, str]]:
    """The headings in reading order, those inside disclosure widgets included (a
    ``<details>`` holding an ``h2`` is part of the outline the next heading follows)."""
    doc = fusionclean.parse(markup, **options)  # type: ignore[arg-type]

    def walk(blocks: tuple[Any, ...]) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for b in blocks:
            if isinstance(b, Heading):
                out.append((b.level, inline_text(b.children).strip()))
            elif isinstance(b, Details):
                out.extend(walk(b.children))
        return out

    return walk(doc.children)


def _person(name: str, inner: str = "<p>Grows beans.</p>") -> str:
    return (
        '<div class="fusion-person person"><div class="person-desc"><div class="person-author">'
        f'<span class="person-name">{name}</span><span class="person-title">Gardener</span></div>'
        f'<div class="person-content">{inner}</div></div></div>'
    )


def test_sibling_headings_stay_siblings() -> None:
    markup = "<h1>Guide</h1><h4>Tools</h4><p>a</p><h4>Soil</h4><p>b</p><h4>Water</h4><p>c</p>"
    assert _outline(markup) == [(1, "Guide"), (2, "Tools"), (2, "Soil"), (2, "Water")]
    md = fusionclean.clean(markup, output="markdown")
    assert "## Tools" in md and "## Soil" in md and "## Water" in md and "###" not in md


def test_a_source_level_maps_to_one_output_level_within_its_section() -> None:
    markup = (
        "<h2>Intro</h2><p>x</p><h5>One</h5><p>x</p><h6>Detail</h6><p>x</p><h5>Two</h5><p>x</p>"
        "<h3>Next</h3><p>x</p><h5>Three</h5><p>x</p>"
    )
    assert _outline(markup) == [
        (2, "Intro"), (3, "One"), (4, "Detail"), (3, "Two"), (3, "Next"), (4, "Three"),
    ]  # fmt: skip


def test_person_cards_after_a_heading_are_siblings() -> None:
    markup = "<h2>Team</h2>" + _person("Ada") + _person("Grace", "<h4>Hobbies</h4><p>Sailing.</p>")
    markup += _person("Linus")
    assert _outline(markup) == [(2, "Team"), (3, "Ada"), (3, "Grace"), (4, "Hobbies"), (3, "Linus")]


def test_flip_box_back_stays_under_its_front() -> None:
    box = (
        '<div class="fusion-flip-box"><div class="flip-box-front"><div class="flip-box-front-inner">'
        '<h2 class="flip-box-heading">{0}</h2><p>Front text.</p></div></div>'
        '<div class="flip-box-back"><div class="flip-box-back-inner"><h3 class="flip-box-heading-back">'
        "{0} more</h3><p>Back text.</p></div></div></div>"
    )
    markup = "<h2>Offers</h2>" + box.format("Soup") + box.format("Bread")
    assert _outline(markup) == [
        (2, "Offers"), (3, "Soup"), (4, "Soup more"), (3, "Bread"), (4, "Bread more"),
    ]  # fmt: skip


def test_bold_paragraph_headings_sit_under_a_widget_heading_and_stay_siblings() -> None:
    markup = "<h2>Jobs</h2>" + _person(
        "Engineer",
        "<p><strong>Position</strong></p><p>Two places.</p>"
        "<p><strong>Daily work</strong></p><p>Writing code.</p>",
    )
    assert _outline(markup) == [(2, "Jobs"), (3, "Engineer"), (4, "Position"), (4, "Daily work")]


def test_headings_inside_tab_panes_stay_under_their_tab() -> None:
    tabs = (
        '<h2>Features</h2><div class="fusion-tabs"><div class="nav"><ul class="nav-tabs">'
        '<li><a class="tab-link" href="#t1"><h4 class="fusion-tab-heading">Player</h4></a></li>'
        '<li><a class="tab-link" href="#t2"><h4 class="fusion-tab-heading">Downloads</h4></a></li></ul></div>'
        '<div class="tab-content"><div class="tab-pane" id="t1"><h2>Play in the background</h2><p>a</p>'
        '<h3>Popup</h3><p>b</p></div><div class="tab-pane" id="t2"><h2>Save videos</h2><p>c</p></div></div></div>'
        "<h2>Support</h2><p>d</p>"
    )
    assert _outline(tabs) == [
        (2, "Features"), (3, "Player"), (4, "Play in the background"), (5, "Popup"), (3, "Downloads"),
        (4, "Save videos"), (2, "Support"),
    ]  # fmt: skip
    shortcodes = (
        '[fusion_title size="2"]Features[/fusion_title][fusion_tabs][fusion_tab title="Player"]<h2>Play in the'
        ' background</h2>a[/fusion_tab][fusion_tab title="Downloads"]<h2>Save videos</h2>c[/fusion_tab]'
        "[/fusion_tabs]"
    )
    assert _outline(shortcodes) == [
        (2, "Features"), (3, "Player"), (4, "Play in the background"), (3, "Downloads"), (4, "Save videos"),
    ]  # fmt: skip


def test_breadcrumbs_follow_the_outline() -> None:
    markup = "<h1>Guide</h1><h4>Tools</h4><p>a</p><h4>Soil</h4><p>b</p><h4>Water</h4><p>c</p>"
    doc = fusionclean.parse(markup)
    assert [c.path for c in doc.chunks(min_size=0)] == [
        ("Guide", "Tools"),
        ("Guide", "Soil"),
        ("Guide", "Water"),
    ]
    guide = doc.sections().subsections[0]
    assert [s.path for s in guide.subsections] == [("Guide", "Tools"), ("Guide", "Soil"), ("Guide", "Water")]


def test_heading_of_invisible_characters_is_dropped_with_a_message() -> None:
    conv = fusionclean.convert(
        "<h2>Menu</h2><p>a</p><h3>\u200b\ufeff\u2060</h3><p>b</p><h3>Real\u200b</h3><p>c</p>"
    )
    assert [(b.level, inline_text(b.children).strip("\u200b")) for b in conv.document.children if isinstance(b, Heading)] == [
        (2, "Menu"), (3, "Real"),
    ]  # fmt: skip
    assert [m.text for m in conv.messages if m.code == "dropped-decoration"] == [
        "heading of invisible characters × 1"
    ]


def test_invisible_heading_holding_an_image_keeps_the_image() -> None:
    html = fusionclean.clean('<h2>\u200b<img src="https://example.org/a.png" alt="Logo"></h2><p>b</p>')
    assert "a.png" in html


# -- properties ----------------------------------------------------------------------------

# A page is a run of items: an authored heading (h1-h6) or a person card (a widget-made
# heading), each followed by body text; a card may hold an authored heading of its own, at
# any level (level 0: none).
_ITEM: st.SearchStrategy[tuple[str, int]] = st.one_of(
    st.tuples(st.just("authored"), st.integers(1, 6)),
    st.tuples(st.just("person"), st.integers(0, 6)),
)


def _page(items: list[tuple[str, int]]) -> tuple[str, list[tuple[str, int, str]]]:
    """Markup, and the headings in order as (kind, source level, text)."""
    parts: list[str] = []
    heads: list[tuple[str, int, str]] = []
    for i, (kind, level) in enumerate(items):
        name = f"Item{i}"
        if kind == "authored":
            parts.append(f"<h{level}>{name}</h{level}><p>Body {i}.</p>")
            heads.append(("authored", level, name))
        else:
            own = f"<h{level}>Inner{i}</h{level}><p>Card {i}.</p>" if level else f"<p>Card {i}.</p>"
            parts.append(_person(name, own))
            heads.append(("person", 0, name))
            if level:
                heads.append(("inner", level, f"Inner{i}"))
    return "".join(parts), heads


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ITEM, min_size=1, max_size=12))
def test_siblings_share_a_level_and_the_outline_never_skips_down(items: list[tuple[str, int]]) -> None:
    markup, heads = _page(items)
    out = dict((text, level) for level, text in _outline(markup))
    assert set(out) == {text for _, _, text in heads}
    levels = [out[text] for _, _, text in heads]
    # never skips a level downward (the post title is the h1 above the first heading)
    assert levels[0] <= 2
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    # siblings: two authored headings at one source level with only deeper authored
    # headings between them; cards with no authored heading of the page between them
    # (whatever headings the cards hold); a card's own heading sits below the card
    for i, (kind, _level, text) in enumerate(heads):
        if kind == "inner":
            assert out[text] == out[heads[i - 1][2]] + 1 or out[text] == 6, (text, levels)
    for i, (kind, level, text) in enumerate(heads):
        for j in range(i + 1, len(heads)):
            other_kind, other_level, other = heads[j]
            between = heads[i + 1 : j]
            deeper = all(k == "authored" and lv > level for k, lv, _ in between)
            if kind == other_kind == "authored" and level == other_level and deeper:
                assert out[text] == out[other], (text, other, levels)
            if kind == other_kind == "person" and all(k != "authored" for k, _, _ in between):
                assert out[text] == out[other], (text, other, levels)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.booleans()), min_size=1, max_size=15))
def test_transform_alone_keeps_siblings_level(spec: list[tuple[int, bool]]) -> None:
    """The same properties on fix_headings alone, with widget-made headings at any level."""
    from lxml import html as lxml_html

    from fusionclean import Context
    from fusionclean.transforms import FixHeadings

    parts = []
    for i, (level, made) in enumerate(spec):
        mark = ' data-fc-heading="relative"' if made else ""
        parts.append(f"<h{level}{mark}>H{i}</h{level}><p>Body {i}.</p>")
    root = lxml_html.fragment_fromstring("".join(parts), create_parent="div")
    FixHeadings()(root, Context())
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert len(levels) == len(spec)
    assert levels[0] <= 2
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    for i, (level, made) in enumerate(spec):
        for j in range(i + 1, len(spec)):
            between = spec[i + 1 : j]
            other_level, other_made = spec[j]
            authored_between = [lv for lv, m in between if not m]
            siblings = all(not m and lv > level for lv, m in between)
            if not made and not other_made and level == other_level and siblings:
                assert levels[i] == levels[j], (spec, levels)
            if made and other_made and not authored_between:
                assert levels[i] == levels[j], (spec, levels)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(builder_page())
def test_generated_builder_pages_never_skip_a_level_down(page: str) -> None:
    levels = [level for level, _ in _outline(page)]
    if levels:
        assert levels[0] <= 2, levels
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_a_heading_after_a_toggle_follows_the_heading_inside_it() -> None:
    # found by the property above: the h2 in the toggle's content is in the outline, so the
    # bold line promoted after the toggle sits one below it
    page = (
        '<div class="accordian fusion-accordian"><div class="fusion-panel"><div class="panel-heading">'
        '<h4 class="panel-title"><a href="#t"><span class="fusion-toggle-heading">Beds</span></a></h4></div>'
        '<div class="panel-collapse collapse"><div class="panel-body toggle-content">'
        '<div class="fusion-title title fusion-title-size-one"><h2 class="title-heading-left">Raised</h2></div>'
        "</div></div></div></div><p><b>Sunken</b></p><p>Dug into the soil.</p>"
    )
    assert _outline(page) == [(2, "Raised"), (3, "Sunken")]
