"""A builder fusionclean has never heard of, defined here alone: two elements, each with
its rendered markup and its stored form, given to the element step. No module of the
library is edited; both input forms come out the same, and the options and messages work
as for Avada's own elements."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from lxml import etree

import fusionclean
from fusionclean.presets import DEFAULT

# -- the "Toy" builder: a recipe card and a pull quote --------------------------------------
# rendered:  <div class="toy-card"><div class="toy-card__name">…</div><div class="toy-card__body">…</div></div>
#            <figure class="toy-pull"><blockquote>…</blockquote><figcaption>…</figcaption></figure>
# stored:    [toy_card name="…"]…[/toy_card]   [toy_pull by="…"]…[/toy_pull]


def render_card(attrs: Mapping[str, str], body: str) -> str:
    name = html.escape(attrs.get("name", ""))
    return (
        f'<div class="toy-card"><div class="toy-card__name">{name}</div>'
        f'<div class="toy-card__body">{body}</div></div>'
    )


def map_card(el: Any, options: Any) -> None:
    name = next((d for d in el.iter("div") if d.get("class") == "toy-card__name"), None)
    body = next((d for d in el.iter("div") if d.get("class") == "toy-card__body"), None)
    section = etree.Element("section")
    if name is not None and "".join(name.itertext()).strip():
        heading = etree.SubElement(section, "h3")
        heading.text = "".join(name.itertext()).strip()
    if body is not None:
        section.extend(list(body))
        if body.text and body.text.strip():
            etree.SubElement(section, "p").text = body.text.strip()
    options.ctx.tally(options.name, "toy-card", "recipe card")
    section.tail = el.tail
    el.getparent().replace(el, section)


def render_pull(attrs: Mapping[str, str], body: str) -> str:
    by = html.escape(attrs.get("by", ""))
    return f'<figure class="toy-pull"><blockquote>{body}</blockquote><figcaption>{by}</figcaption></figure>'


def map_pull(el: Any, options: Any) -> None:
    quote = el.find("blockquote")
    by = el.find("figcaption")
    if quote is None:
        raise ValueError("a pull quote without its quote")
    if by is not None and "".join(by.itertext()).strip():
        footer = etree.SubElement(quote, "footer")
        footer.text = "".join(by.itertext()).strip()
    quote.tail = el.tail
    el.getparent().replace(el, quote)


TOY = (
    fusionclean.Element(
        "toy_card", map_card, classes=("toy-card",), shortcodes=("toy_card",), render=render_card
    ),
    fusionclean.Element(
        "toy_pull", map_pull, classes=("toy-pull",), shortcodes=("toy_pull",), render=render_pull
    ),
)
PIPELINE = DEFAULT.replace(fusionclean.MapFusionElements(elements=TOY))

STORED = (
    "<h2>Soups</h2>\n\n"
    '[toy_card name="Pea soup"]Boil the peas.\n\nAdd mint.[/toy_card]\n\n'
    '[toy_pull by="Ann Lee"]Best soup in town.[/toy_pull]'
)
RENDERED = (
    '<h2>Soups</h2><div class="toy-card"><div class="toy-card__name">Pea soup</div>'
    '<div class="toy-card__body"><p>Boil the peas.</p><p>Add mint.</p></div></div>'
    '<figure class="toy-pull"><blockquote><p>Best soup in town.</p></blockquote><figcaption>Ann Lee</figcaption></figure>'
)
EXPECTED = "## Soups\n\n### Pea soup\n\nBoil the peas.\n\nAdd mint.\n\n> Best soup in town.\n>\n> — Ann Lee"


def test_both_forms_of_the_toy_builder_give_the_same_document() -> None:
    stored = fusionclean.convert(STORED, kind="shortcodes", preset=PIPELINE)
    rendered = fusionclean.convert(RENDERED, kind="html", preset=PIPELINE)
    assert stored.document.to_dict() == rendered.document.to_dict()
    assert fusionclean.emit.MarkdownEmitter().emit(stored.document) == EXPECTED
    for conversion in (stored, rendered):
        assert ("toy-card", "recipe card × 1") in {(m.code, m.text) for m in conversion.messages}


def test_without_the_toy_elements_the_words_are_kept_and_the_shortcodes_reported() -> None:
    stored = fusionclean.convert(STORED, kind="shortcodes")
    assert "Pea soup" not in stored.document.to_json()  # the name lives in an attribute
    assert "Boil the peas." in stored.document.to_json()
    assert {m.code for m in stored.messages} >= {"unknown-shortcode"}


def test_malformed_toy_markup_is_left_as_it_was_with_a_message() -> None:
    conversion = fusionclean.convert(
        '<figure class="toy-pull"><p>No quote here.</p></figure>', preset=PIPELINE
    )
    assert "No quote here." in conversion.document.to_json()
    assert [m.code for m in conversion.messages if m.level == "warning"] == ["element-left-as-is"]
