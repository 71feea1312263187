"""One home per element: the same element as shortcodes and as rendered markup gives the
same Document, with the default options and with each element option.

Each folder under ``fixtures/parity/`` holds one element kind: ``shortcodes.txt`` (the
stored form, as an export holds it) and ``rendered.html`` (the markup the builder renders
for it, as a page holds it). Both are written by us.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import fusionclean
from fusionclean.presets import DEFAULT

PARITY = Path(__file__).parent / "fixtures" / "parity"
CASES = sorted(p for p in PARITY.iterdir() if p.is_dir())

#: Every option of the element step, each value away from its default.
VARIANTS: dict[str, dict[str, Any]] = {
    "default": {},
    "toggles-as-headings": {"toggles_as": "headings"},
    "tabs-as-details": {"tabs_as": "details"},
    "lightbox-link": {"lightbox": "link"},
    "lightbox-drop": {"lightbox": "drop"},
    "keep-listings": {"keep_listings": True},
}


def _children(source: str, kind: str, options: dict[str, Any]) -> list[Any]:
    preset = DEFAULT.replace(fusionclean.MapFusionElements(**options))
    document = fusionclean.parse(source, kind=kind, preset=preset)
    children: list[Any] = document.to_dict()["children"]
    return children


#: Where the two forms cannot agree, and why.
DIFFERENT: dict[tuple[str, str], str] = {
    (
        "listing",
        "keep-listings",
    ): "a stored listing holds no posts: WordPress picks them when the page is shown",
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_shortcodes_and_rendered_markup_give_the_same_document(case: Path, variant: str) -> None:
    if (case.name, variant) in DIFFERENT:
        pytest.skip(DIFFERENT[case.name, variant])
    options = VARIANTS[variant]
    stored = _children((case / "shortcodes.txt").read_text(encoding="utf-8"), "shortcodes", options)
    rendered = _children((case / "rendered.html").read_text(encoding="utf-8"), "html", options)
    assert stored, "the case renders to nothing: it proves nothing"
    assert stored == rendered


def test_the_options_reach_both_forms() -> None:
    # the variants are not all alike: each option changes some case's Document
    for variant, options in VARIANTS.items():
        if not options:
            continue
        changed = [
            case.name
            for case in CASES
            if _children((case / "rendered.html").read_text(encoding="utf-8"), "html", options)
            != _children((case / "rendered.html").read_text(encoding="utf-8"), "html", {})
        ]
        assert changed, f"no parity case shows what {variant} does"


def test_a_stored_listing_kept_says_its_posts_are_not_in_the_source() -> None:
    preset = DEFAULT.replace(fusionclean.MapFusionElements(keep_listings=True))
    conversion = fusionclean.convert((PARITY / "listing" / "shortcodes.txt").read_text(), preset=preset)
    assert fusionclean.emit.MarkdownEmitter().emit(conversion.document) == (
        "## Welcome\n\nOur plot grows beans.\n\n## Latest news"
    )
    assert [(m.code, m.level) for m in conversion.messages] == [("unresolved-listing", "warning")]
