"""Golden fixture folders: transforms one at a time, and whole documents in every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

import fusionclean
from fusionclean import Context
from fusionclean.transforms import TRANSFORMS, get_transform

from .conftest import FIXTURES, check_golden, golden_cases, options_of


@pytest.mark.parametrize("case", golden_cases("transforms"))
def test_transform_golden(request: pytest.FixtureRequest, case: Path) -> None:
    transform = get_transform(case.parent.name, **options_of(case))
    root = lxml_html.fragment_fromstring((case / "input.html").read_text(), create_parent="div")
    ctx = Context(base_url="https://example.org/blog/post/", is_page=case.parent.name == "select_content")
    transform(root, ctx)
    actual = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    actual = (root.text or "") + actual
    check_golden(request, case / "expected.html", actual, html=True)


@pytest.mark.parametrize("case", golden_cases("documents"))
@pytest.mark.parametrize("fmt,ext", [("html", "html"), ("markdown", "md"), ("text", "txt"), ("json", "json")])
def test_document_golden(request: pytest.FixtureRequest, case: Path, fmt: str, ext: str) -> None:
    source = (case / "input.html").read_text()
    out = fusionclean.clean(source, output=fmt, base_url="https://example.org/blog/post/")
    if fmt == "json":
        import json

        out = json.dumps(json.loads(out), indent=1, ensure_ascii=False)
    check_golden(request, case / f"expected.{ext}", out, html=fmt == "html")


def test_every_transform_has_a_fixture_folder() -> None:
    folders = {p.name for p in (FIXTURES / "transforms").iterdir() if p.is_dir()}
    assert set(TRANSFORMS) <= folders, f"transforms without fixtures: {set(TRANSFORMS) - folders}"


@pytest.mark.parametrize("case", golden_cases("documents") + golden_cases("transforms"))
@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "json"])
def test_idempotent_on_fixtures(case: Path, fmt: str) -> None:
    source = (case / "input.html").read_text()
    once = fusionclean.clean(source)
    assert fusionclean.clean(once) == once
    if fmt != "html":
        doc_once = fusionclean.parse(source)
        doc_twice = fusionclean.parse(once)
        assert doc_twice.children == doc_once.children
