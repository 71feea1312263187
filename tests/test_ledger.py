"""The loss ledger: every visible word of the content area is in the output or counted
under a message code; a silent loss shows as unaccounted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from hypothesis import HealthCheck, given, settings

import fusionclean
from fusionclean import Context
from fusionclean.ledger import ledger, visible_words
from fusionclean.presets import DEFAULT

from .strategies import builder_page, shortcode_text


@dataclass(frozen=True)
class _LosesQuietly:
    """A step that removes the last paragraph and says nothing."""

    name: ClassVar[str] = "loses_quietly"

    def __call__(self, root: Any, ctx: Context, /) -> None:
        last = list(root.iter("p"))[-1]
        last.getparent().remove(last)


def test_words_removed_by_a_rule_are_accounted_under_its_code() -> None:
    book = ledger(
        '<div class="fusion-no-large-visibility"><p>Phone copy here</p></div><p>Desk words</p>'
        '<div class="fusion-blog-shortcode"><article><h2>Old post</h2></article></div>'
    )
    assert book.words == 7
    assert book.kept == 2
    assert book.accounted == {"dropped-hidden": 3, "dropped-listing": 2}
    assert book.unaccounted == 0


def test_a_silent_loss_is_unaccounted_and_named() -> None:
    book = ledger("<p>Kept words.</p><p>Quietly lost words.</p>", preset=DEFAULT + _LosesQuietly())
    assert book.unaccounted == 3
    assert book.unaccounted_by_step == {"loses_quietly": 3}
    assert set(book.missing) == {"quietly", "lost", "words"}


def test_the_ledger_runs_the_same_cleaning_as_convert() -> None:
    page = '<div class="fusion-text"><p>Step <span class="fusion-dropcap">2</span>&nbsp;done</p></div>'
    book = ledger(page)
    text = fusionclean.clean(page, output="text")
    assert book.kept == book.words == len(text.split())


def test_a_page_counts_its_content_area_with_the_chrome_inside_it() -> None:
    page = (
        "<html><body><header><p>Site name</p></header><main id='main'><div id='content'>"
        "<p>Body words here.</p><div class='fusion-sharing-box'><h4>Share this</h4></div></div></main>"
        "<footer><p>Footer words</p></footer></body></html>"
    )
    book = ledger(page)
    assert book.words == 5  # the area's words; header and footer are not the content area
    assert book.accounted == {"dropped-chrome": 2}
    assert book.unaccounted == 0


def test_visible_words_read_blocks_apart_and_skip_scripts() -> None:
    from lxml import html

    root = html.fragment_fromstring(
        "<div><p>Wa<b>ter</b></p><p>Soil</p><script>var x = 1;</script><style>p{}</style>Tail</div>"
    )
    assert visible_words(root) == {"water": 1, "soil": 1, "tail": 1}


PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(builder_page())
def test_no_word_of_generated_builder_markup_is_lost_silently(page: str) -> None:
    book = ledger(page)
    assert book.unaccounted == 0, book


@PROPS
@given(shortcode_text())
def test_no_word_of_generated_shortcodes_is_lost_silently(text: str) -> None:
    book = ledger(text)
    assert book.unaccounted == 0, book
