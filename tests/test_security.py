"""Every payload of the public XSS suites in ../shared/security, through clean() in every
output format: nothing executable survives, and clean() never raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from markdown_it import MarkdownIt

import fusionclean

from .conftest import payload_suites, wrapped_payloads
from .xss_check import problems_in_html, problems_in_json

MD = MarkdownIt("commonmark", {"html": True}).enable("table")


def _raw_text_bodies(payload: str) -> list[str]:
    """Bodies of script/style/template elements: text that must never reach any output."""
    try:
        root = etree.fromstring(payload, etree.HTMLParser())
    except (etree.ParserError, ValueError, AssertionError):
        return []
    if root is None:
        return []
    visible = " ".join(
        t
        for el in root.iter()
        for t in (el.text, el.tail)
        if t and el.tag not in ("script", "style", "template")
    )
    bodies = []
    for el in root.iter("script", "style", "template"):
        body = "".join(el.itertext()).strip()
        if len(body) >= 8 and body not in visible:
            bodies.append(body)
    return bodies


@pytest.mark.parametrize("suite", payload_suites())
def test_no_executable_output(suite: Path) -> None:
    failures: list[str] = []
    count = 0
    for case_id, wrapped in wrapped_payloads(suite):
        count += 1
        html = fusionclean.clean(wrapped)
        md = fusionclean.clean(wrapped, output="markdown")
        text = fusionclean.clean(wrapped, output="text")
        doc = json.loads(fusionclean.clean(wrapped, output="json"))
        bad = problems_in_html(html) + [f"md: {p}" for p in problems_in_html(MD.render(md))]
        bad += [f"json: {p}" for p in problems_in_json(doc)]
        bad += [f"text leaks script body {b!r:.40}" for b in _raw_text_bodies(wrapped) if b in text]
        if bad:
            failures.append(f"{case_id}: {bad[:3]}")
    assert count > 0
    assert not failures, f"{len(failures)} of {count} payloads:\n" + "\n".join(failures[:20])


@pytest.mark.parametrize("suite", payload_suites())
def test_the_ampersand_stand_in_gives_the_gate_output_on_every_payload(
    suite: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate takes ``&amp;`` through nh3 as a stand-in where one text or value holds
    many ampersands; with the threshold at one, every payload (also with ampersands added
    to its values and text, and to its addresses' hosts) must come out exactly as through
    the plain gate."""
    from fusionclean.emit import html as html_emit

    cleaner = html_emit.DEFAULT_SCHEMA.cleaner()
    monkeypatch.setattr(html_emit, "AMPERSAND_RUN", 1)
    differ = []
    for line in suite.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        case = json.loads(line)
        payload = case["payload"]
        for source in (
            payload,
            payload.replace("=", "=&amp;") + " & more",
            payload.replace("://", "://x&amp;"),
        ):
            doc = fusionclean.convert(f'<div class="fusion-text"><p>{source} &amp;</p></div>').document
            out = html_emit.HtmlEmitter(gate=False).emit(doc)
            if html_emit._gate(cleaner, out) != cleaner.clean(out):
                differ.append(case["id"])
    assert not differ, differ[:20]
