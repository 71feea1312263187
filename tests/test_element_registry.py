"""Elements are data: users override a built-in kind, add their own, or switch one off,
and the change reaches shortcode input as it reaches rendered markup."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

import fusionclean
from fusionclean.errors import UnknownNameError
from fusionclean.presets import DEFAULT
from fusionclean.transforms.map_fusion_elements import ELEMENTS

PARITY = Path(__file__).parent / "fixtures" / "parity"


def _both(case: str, step: fusionclean.MapFusionElements) -> tuple[str, str]:
    preset = DEFAULT.replace(step)
    stored = fusionclean.clean(
        (PARITY / case / "shortcodes.txt").read_text(), preset=preset, kind="shortcodes"
    )
    rendered = fusionclean.clean((PARITY / case / "rendered.html").read_text(), preset=preset, kind="html")
    return stored, rendered


def questions_as_a_list(el: Any, options: Any) -> None:
    """A toggle set as one numbered list: each question in bold, its answer after it."""
    from lxml import etree

    ol = etree.Element("ol")
    for title in el.iterfind(".//span[@class='fusion-toggle-heading']"):
        panel = next(a for a in title.iterancestors() if "fusion-panel" in (a.get("class") or ""))
        body = next(d for d in panel.iter("div") if "panel-body" in (d.get("class") or ""))
        li = etree.SubElement(ol, "li")
        etree.SubElement(li, "strong").text = "".join(title.itertext())
        li[0].tail = " " + "".join(body.itertext()).strip()
    el.getparent().replace(el, ol)


def test_an_overridden_kind_reaches_both_input_forms() -> None:
    step = fusionclean.MapFusionElements(
        elements=(fusionclean.Element("toggles", questions_as_a_list, classes=("fusion-accordian",)),)
    )
    stored, rendered = _both("toggles", step)
    assert (
        stored
        == rendered
        == (
            "<h2>Questions</h2>\n<ol><li><strong>When to sow?</strong> In May.</li>"
            "<li><strong>How deep?</strong> Two fingers.</li></ol>"
        )
    )


def test_a_disabled_kind_is_left_to_the_later_steps_in_both_forms() -> None:
    stored, rendered = _both("alert", fusionclean.MapFusionElements(disabled=("alert",)))
    # not an aside any more: the alert's words stay, its wrappers are unwrapped
    assert stored == rendered == "<p>Frost expected tonight.</p>"
    default_stored, _ = _both("alert", fusionclean.MapFusionElements())
    assert "<aside" in default_stored


def test_a_new_kind_runs_after_the_built_in_ones() -> None:
    def recipe(el: Any, options: Any) -> None:
        el.tag = "section"
        del el.attrib["class"]
        el.find(".//span").tag = "h3"

    step = fusionclean.MapFusionElements(
        elements=(fusionclean.Element("recipe", recipe, classes=("recipe-card",)),)
    )
    html = '<h2>Soups</h2><div class="recipe-card"><span>Pea soup</span><p>Boil peas.</p></div>'
    assert (
        fusionclean.clean(html, preset=DEFAULT.replace(step))
        == "<h2>Soups</h2>\n<h3>Pea soup</h3>\n<p>Boil peas.</p>"
    )
    assert fusionclean.clean(html) == "<h2>Soups</h2>\n<p>Pea soup</p>\n<p>Boil peas.</p>"


def test_options_are_checked_when_the_step_is_made() -> None:
    with pytest.raises(UnknownNameError, match="countdwn"):
        fusionclean.MapFusionElements(disabled=("countdwn",))
    with pytest.raises(TypeError, match="Element"):
        fusionclean.MapFusionElements(elements=(("toggles", print),))  # type: ignore[arg-type]
    assert {e.kind for e in ELEMENTS} >= {"toggles", "tabs", "title", "listing", "widget"}


def test_a_step_with_elements_pickles_and_compares() -> None:
    step = fusionclean.MapFusionElements(
        elements=[fusionclean.Element("toggles", questions_as_a_list, classes=("fusion-accordian",))],  # type: ignore[arg-type]
        disabled=["alert"],  # type: ignore[arg-type]
    )
    assert isinstance(step.elements, tuple) and isinstance(step.disabled, tuple)
    assert pickle.loads(pickle.dumps(step)) == step
    assert hash(step) == hash(pickle.loads(pickle.dumps(step)))
