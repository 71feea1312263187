"""Markers are working state: none reaches any output, whatever steps the pipeline has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import fusionclean
from fusionclean import _markers
from fusionclean._context import Context
from fusionclean._parse import parse_html
from fusionclean.document.build import build_document
from fusionclean.emit import get_emitter
from fusionclean.presets import DEFAULT
from fusionclean.transforms import MapFusionElements

from .conftest import corpus_files

_MARKER_RE = re.compile(r"<fc-|data-fc-|\bfc-(?:drop|gone|unwrap|block|sc|pre-)")

# one of each element that makes a marker: widget titles (relative headings, a flip box's
# offset), an aligned paragraph, hidden and lazy content, a bold paragraph as a heading
_SAMPLE = """
<div class="fusion-fullwidth"><div class="fusion-layout-column"><div class="fusion-column-wrapper">
<h2>Our team</h2>
<div class="fusion-person person-shortcode"><div class="person-desc">
 <div class="person-author"><div class="person-author-wrapper">
  <span class="person-name">Ann Lee</span><span class="person-title">Baker</span></div></div>
 <div class="person-content fusion-clearfix"><p>Bakes bread at dawn.</p></div></div></div>
<div class="fusion-flip-boxes flip-boxes"><div class="fusion-flip-box-wrapper"><div class="fusion-flip-box">
 <div class="flip-box-inner-wrapper"><div class="flip-box-front"><div class="flip-box-front-inner">
  <h2 class="flip-box-heading">Front words</h2>Front text</div></div>
 <div class="flip-box-back"><div class="flip-box-back-inner"><h3 class="flip-box-heading-back">Back words</h3>
  Back text</div></div></div></div></div></div>
<p style="text-align: center">Centred words.</p>
<p><strong>A bold line that reads as a title</strong></p><p>Body under it.</p>
<div style="display:none"><p>Hidden words</p></div>
<p>Lazy <img src="data:image/gif;base64,R0lGOD" data-src="/a.jpg" alt="a loaf"> here.</p>
</div></div></div>
"""


def _assert_clean(markup: str, where: str) -> None:
    found = _MARKER_RE.search(markup)
    assert found is None, (
        f"{where}: marker {found.group(0)!r} in {markup[max(0, found.start() - 80) : found.end() + 80]!r}"
    )


def test_a_step_on_its_own_leaves_its_marker_for_the_next_step() -> None:
    # the premise of the tests below: without a pipeline around it, map leaves its notes
    root = parse_html(_SAMPLE)
    MapFusionElements()(root, Context())
    assert _markers.leftovers(root)
    assert root.xpath(f"//*[@{_markers.HEADING}]")


@pytest.mark.parametrize("removed", DEFAULT.names)
def test_no_marker_survives_with_any_step_removed(removed: str) -> None:
    pipeline = (
        DEFAULT.without(removed).replace(fusionclean.NormalizeStyles(keep_text_align=True))
        if removed != "normalize_styles"
        else DEFAULT.without(removed)
    )
    tree = pipeline.apply(parse_html(_SAMPLE))
    _assert_clean(etree.tostring(tree, encoding="unicode"), f"apply() without {removed}")
    for fmt in ("html", "markdown", "text", "json"):
        _assert_clean(fusionclean.clean(_SAMPLE, output=fmt, preset=pipeline), f"{fmt} without {removed}")


def test_settle_keeps_what_markers_mean() -> None:
    root = parse_html(
        '<p data-fc-align="center">Middle</p><h3 data-fc-heading="relative" data-fc-offset="1">T</h3>'
        "<fc-gone><b>kept</b></fc-gone> and <fc-drop>dropped</fc-drop>tail"
    )
    # parse_html never takes data-fc- attributes from text: put them back as a step would
    root[0].set(_markers.ALIGN, "center")
    root[1].set(_markers.HEADING, "relative")
    _markers.settle(root)
    out = etree.tostring(root, encoding="unicode")
    assert out == ('<div><p style="text-align: center">Middle</p><h3>T</h3><b>kept</b> and tail</div>')
    assert (
        fusionclean.clean(root, output="markdown") == "Middle\n\n## T\n\n**kept** and tail"
    )  # the outline starts at h2


def test_input_never_supplies_markers() -> None:
    # a step-free pipeline: the attributes would reach the output (the alignment as a style)
    out = fusionclean.clean(
        '<h4 data-fc-heading="relative">Title</h4><p data-fc-align="center">x</p>',
        preset=DEFAULT.only("prune_empty"),
    )
    assert out == "<h4>Title</h4>\n<p>x</p>"


def test_the_default_pipeline_output_is_unchanged_by_settling() -> None:
    # settle has nothing left to do after the default steps: each reader removed its marker
    root = parse_html(_SAMPLE)
    ctx = Context()
    ctx._index_depth += 1  # as inside an outer run: the inner pipeline does not settle
    DEFAULT(root, ctx)
    assert not _markers.leftovers(root)


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson", "shortcodes"))
def test_corpus_without_each_step_has_no_marker(path: Path) -> None:
    emitters = [get_emitter(fmt) for fmt in ("html", "markdown", "text", "json")]
    for removed in DEFAULT.names:
        result = DEFAULT.without(removed).run(path)
        _assert_clean(etree.tostring(result.root, encoding="unicode"), f"{path.name} without {removed}")
        document = build_document(result.root, fusionclean.PostMeta())
        for emitter in emitters:
            _assert_clean(emitter.emit(document), f"{path.name} {type(emitter).__name__} without {removed}")
