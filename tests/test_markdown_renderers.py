"""The renderer matrix (issue 23): every payload of the nine public XSS suites in
../shared/security, and generated titles, alt texts, code, tables, lists and links, go
through ``clean(x, output="markdown")`` and then through each renderer of
``tests/markdown_renderers.py``; the HTML each renderer makes is judged by the same rules
as fusionclean's HTML output (``tests/xss_check.py``)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fusionclean

from .conftest import payload_suites, wrapped_payloads
from .markdown_renderers import RENDERERS
from .xss_check import problems_in_html


def _live(md: str) -> list[str]:
    """``renderer: problem`` for every renderer that makes something executable of ``md``."""
    return [f"{name}: {p}" for name, render in RENDERERS.items() for p in problems_in_html(render(md))]


@pytest.mark.parametrize("suite", payload_suites())
def test_every_payload_is_inert_in_every_renderer(suite: Path) -> None:
    failures: list[str] = []
    count = 0
    for case_id, wrapped in wrapped_payloads(suite):
        count += 1
        for preset in ("default", "minimal"):
            md = fusionclean.clean(wrapped, output="markdown", preset=preset)
            bad = _live(md)
            if bad:
                failures.append(f"{case_id} ({preset}): {bad[:3]} in {md!r:.200}")
    assert count > 0
    assert not failures, f"{len(failures)} of {count} payloads:\n" + "\n".join(failures[:20])


# ------------------------------------------------------------------ generated inputs
# pieces that have broken Markdown before: markup, quotes, brackets, backticks, pipes,
# backslashes, line breaks, entities, template openers, schemes
_PIECES = [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<!--", "-->", "<", ">", '"', "'",
    ")", "(", "[", "]", "`", "``", "```", "|", "\\", "\n", "\r", "\n\n", "\t", "    ", "&", "&lt;",
    "&#10;", "&quot;", "{{<", "{%", "{{", "}}", "{ onclick=alert(1) }", "javascript:alert(1)", "*", "_",
    "#", "- ", "1. ", "> ", "!", "~~~", "---", "a", "b c", "<b>", "]]>", "<?", ":", "%0A",
]  # fmt: skip
_text = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)
_urls = st.one_of(
    st.sampled_from(
        ["https://x.example/", "/rel/path", "mailto:a@x.example", "#frag", "javascript:alert(1)"]
    ),
    _text.map(lambda t: "https://x.example/" + t),
)


def _attr(value: str) -> str:
    return html.escape(value, quote=True).replace("\n", "&#10;").replace("\r", "&#13;")


def _inline() -> st.SearchStrategy[str]:
    return st.one_of(
        _text.map(html.escape),
        st.builds(
            lambda u, t, x: f'<a href="{_attr(u)}" title="{_attr(t)}">{html.escape(x) or "x"}</a>',
            _urls,
            _text,
            _text,
        ),
        st.builds(
            lambda u, a, t: f'<img src="{_attr(u)}" alt="{_attr(a)}" title="{_attr(t)}">', _urls, _text, _text
        ),
        _text.map(lambda c: f"<code>{html.escape(c)}</code>"),
        st.builds(lambda i: f"<strong>{i}</strong>", _text.map(html.escape)),
    )


_inlines = st.lists(_inline(), min_size=1, max_size=4).map("".join)


def _blocks() -> st.SearchStrategy[str]:
    cell = _inlines.map(lambda x: f"<td>{x}</td>")
    return st.one_of(
        _inlines.map(lambda x: f"<p>{x}</p>"),
        _inlines.map(lambda x: f"<h2>{x}</h2>"),
        _text.map(lambda c: f"<pre>{html.escape(c)}</pre>"),
        st.lists(cell, min_size=1, max_size=3).map(
            lambda cs: f"<table><tr>{''.join(cs)}</tr><tr>{''.join(cs)}</tr></table>"
        ),
        st.lists(
            st.one_of(_inlines, _text.map(lambda c: f"x<pre>{html.escape(c)}</pre>")), min_size=1, max_size=3
        ).flatmap(
            lambda items: st.sampled_from(["ul", "ol"]).map(
                lambda tag: f"<{tag}>{''.join(f'<li>{i}</li>' for i in items)}</{tag}>"
            )
        ),
        _inlines.map(lambda x: f"<blockquote><p>{x}</p></blockquote>"),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(_blocks(), min_size=1, max_size=4).map("".join))
def test_generated_content_is_inert_in_every_renderer(source: str) -> None:
    for wrapped in (source, f'<div class="fusion-text">{source}</div>'):
        md = fusionclean.clean(wrapped, output="markdown")
        assert not _live(md), (wrapped, md)
        # fenced code blocks: for renderers that know fences (not Python-Markdown's defaults)
        fenced = fusionclean.clean(wrapped, output="markdown", fenced_code=True, preset="minimal")
        assert not [p for p in _live(fenced) if not p.startswith("python-markdown:")], (wrapped, fenced)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(_text, _text, _urls)
def test_generated_titles_and_addresses_keep_links_whole(title: str, text: str, url: str) -> None:
    """A link's title and address never spill text out of the link in CommonMark."""
    source = f'<p>A <a href="{_attr(url)}" title="{_attr(title)}">link</a> B</p>'
    md = fusionclean.clean(source, output="markdown")
    assert not _live(md), md
    rendered = RENDERERS["markdown-it"](md)
    if "javascript" not in url.lower() and url.strip():
        assert rendered.count("<a ") == 1 and ">link</a> B</p>" in rendered, (md, rendered)
