"""URL judgement and the schema's self-checks."""

from __future__ import annotations

import dataclasses

import pytest

import fusionclean
from fusionclean.document.build import HANDLERS, INLINE_HANDLERS
from fusionclean.errors import ConfigError
from fusionclean.schema import DEFAULT_SCHEMA, STRICT_SCHEMA, Schema, is_safe_url

SCHEMES = DEFAULT_SCHEMA.url_schemes


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x", "java\nscript:x",
     "&#106;avascript:x", "&#x6A;avascript:x", "javascript&colon;x", "vbscript:x", "\x01javascript:x",
     "data:text/html,<script>", "data:image/svg+xml,<svg onload=x>", "file:///etc/passwd"],
)  # fmt: skip
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url, SCHEMES)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a",
        "http://x",
        "mailto:a@b.c",
        "tel:+1",
        "/rel",
        "rel/x",
        "#top",
        "?q=1",
        "a:b@c/d",
    ],
)
def test_safe_urls(url: str) -> None:
    expected = url != "a:b@c/d"  # an unknown scheme "a:" is not allowed
    assert is_safe_url(url, SCHEMES) is expected


def test_raster_data_images_only_for_images() -> None:
    assert is_safe_url("data:image/png;base64,iVBOR", SCHEMES, image=True)
    assert not is_safe_url("data:image/png;base64,iVBOR", SCHEMES)
    assert not is_safe_url("data:image/svg+xml;base64,PHN2Zz4=", SCHEMES, image=True)


def test_schema_checks_options_when_built() -> None:
    with pytest.raises(ConfigError):
        Schema(url_schemes=frozenset({"https", "javascript"}))
    with pytest.raises(ConfigError):
        Schema(attributes={"blink": frozenset({"x"})})
    with pytest.raises(ConfigError):
        Schema(tags="p")  # type: ignore[arg-type]


def test_every_schema_tag_has_a_handler() -> None:
    structural = {"li", "figcaption", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "summary",
                  "footer", "source", "cite", "code"}  # fmt: skip
    for tag in DEFAULT_SCHEMA.tags:
        assert tag in HANDLERS or tag in INLINE_HANDLERS or tag in structural, tag


def test_iframes_only_for_allowlisted_hosts_and_sandboxed() -> None:
    ok = fusionclean.clean('<iframe src="https://www.youtube.com/embed/abc123def45" title="T"></iframe>')
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123def45"' in ok and "sandbox=" in ok
    other = fusionclean.clean('<iframe src="https://evil.example.com/x" title="Map"></iframe>')
    assert "<iframe" not in other and 'href="https://evil.example.com/x"' in other
    strict = fusionclean.clean(
        '<iframe src="https://www.youtube.com/embed/abc123def45"></iframe>', preset="strict"
    )
    assert "<iframe" not in strict and "youtube-nocookie.com/embed/abc123def45" in strict


def test_custom_schemes() -> None:
    schema = dataclasses.replace(DEFAULT_SCHEMA, url_schemes=frozenset({"https"}))
    preset = fusionclean.presets.DEFAULT.replace(fusionclean.Sanitize(schema=schema))
    out = fusionclean.clean('<a href="http://x.org/">a</a> <a href="https://x.org/">b</a>', preset=preset)
    assert 'href="http://x.org/"' not in out and 'href="https://x.org/"' in out
    assert STRICT_SCHEMA.url_schemes == frozenset({"http", "https", "mailto"})


def test_script_style_template_text_never_leaks() -> None:
    src = "<p>a</p><script>var secret = 1;</script><style>.x{}</style><template><p>tpl</p></template><p>b</p>"
    for fmt in ("html", "markdown", "text", "json"):
        out = fusionclean.clean(src, output=fmt)
        assert "secret" not in out and ".x{" not in out and "tpl" not in out


def test_markdown_never_passes_raw_html() -> None:
    md = fusionclean.clean("<p>&lt;img src=x onerror=alert(1)&gt; and &lt;b&gt;</p>", output="markdown")
    assert "<" not in md and "&lt;b\\>" in md  # "<" is written "&lt;" (Python-Markdown has no "\\<")
