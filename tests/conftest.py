"""Shared test helpers: golden fixture folders and the corpus location."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from lxml import html as lxml_html

# The same examples on every run (a red CI is then the code's, not the draw's); set
# HYPOTHESIS_PROFILE=explore locally to draw new ones.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite expected.* files from current output"
    )


def html_and_messages(source: Any, **kwargs: Any) -> tuple[str, set[tuple[str, str]]]:
    """The default HTML output of ``source`` and its messages as ``(code, text)`` pairs."""
    import fusionclean

    conv = fusionclean.convert(source, **kwargs)
    return fusionclean.emit.HtmlEmitter().emit(conv.document), {(m.code, m.text) for m in conv.messages}


def golden_cases(area: str) -> list[Any]:
    """One param per fixtures/<area>/<name>/<case>/ folder holding input.html."""
    return [
        pytest.param(case, id=f"{case.parent.name}/{case.name}")
        for case in sorted((FIXTURES / area).glob("*/*/"))
        if (case / "input.html").is_file()
    ]


def options_of(case: Path) -> dict[str, Any]:
    path = case / "options.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def canonical_html(markup: str) -> str:
    """Parse and re-serialize, collapsing whitespace between tags, for comparison."""
    import re

    if not markup.strip():
        return ""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    out = lxml_html.tostring(root, encoding="unicode")
    out = re.sub(r">\s+<", "><", out)
    return out.strip()


def check_golden(request: pytest.FixtureRequest, path: Path, actual: str, *, html: bool = False) -> None:
    """Compare with a golden file; write it when missing or when --update-goldens is given."""
    if request.config.getoption("--update-goldens") or not path.exists():
        path.write_text(actual.rstrip("\n") + "\n", encoding="utf-8")
        pytest.skip(f"golden written: {path.relative_to(FIXTURES)} (review it as a git diff)")
    expected = path.read_text(encoding="utf-8")
    if html:
        assert canonical_html(actual) == canonical_html(expected), (
            f"{path} differs; rerun with --update-goldens after checking the change"
        )
    else:
        assert actual.rstrip("\n") == expected.rstrip("\n"), (
            f"{path} differs; rerun with --update-goldens after checking the change"
        )


def corpus_files(*kinds: str) -> list[Any]:
    """Params for every corpus document of the given kinds, or one skip param."""
    if not CORPUS.is_dir():
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(
                    reason=f"corpus not found at {CORPUS} (../shared is absent in a fresh clone)"
                ),
            )
        ]
    files = []
    for kind in kinds:
        files.extend(sorted((CORPUS / kind).glob("*.*")))
    return [pytest.param(f, id=f"{f.parent.name}/{f.name}") for f in files]


SECURITY = SHARED / "security"


def payload_suites() -> list[Any]:
    """Params for every public XSS payload suite (JSON Lines), or one skip param."""
    if not SECURITY.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"payload suites not found at {SECURITY}"))]
    return [pytest.param(p, id=p.stem) for p in sorted(SECURITY.glob("*.jsonl"))]


def wrapped_payloads(suite: Path) -> Iterator[tuple[str, str]]:
    """``(case id, input)`` for every payload of ``suite``: bare, then inside Fusion markup."""
    for line in suite.read_text(encoding="utf-8").split("\n"):  # payloads hold \u2028, \x1c…
        if not line.strip():
            continue
        case = json.loads(line)
        for wrapped in (case["payload"], f'<div class="fusion-text"><p>{case["payload"]}</p></div>'):
            yield str(case["id"]), wrapped
