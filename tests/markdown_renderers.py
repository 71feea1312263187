"""The Markdown renderers people publish with, set up as loosely as they are found:
markdown-it-py (CommonMark preset, raw HTML on, tables), Python-Markdown (defaults, and
with ``extra``) and mistune (defaults: raw HTML passes)."""

from __future__ import annotations

from collections.abc import Callable

import markdown
import mistune
from markdown_it import MarkdownIt

_MARKDOWN_IT = MarkdownIt("commonmark", {"html": True}).enable("table")
_PY_MARKDOWN = markdown.Markdown()
_PY_MARKDOWN_EXTRA = markdown.Markdown(extensions=["extra"])


def _python_markdown(md: str) -> str:
    return _PY_MARKDOWN.reset().convert(md)


def _python_markdown_extra(md: str) -> str:
    return _PY_MARKDOWN_EXTRA.reset().convert(md)


def _mistune(md: str) -> str:
    out = mistune.html(md)
    assert isinstance(out, str)
    return out


#: Renderer name → Markdown text to HTML.
RENDERERS: dict[str, Callable[[str], str]] = {
    "markdown-it": _MARKDOWN_IT.render,
    "python-markdown": _python_markdown,
    "python-markdown+extra": _python_markdown_extra,
    "mistune": _mistune,
}
