"""Unwrapping a block keeps the boundary a browser draws at its edges."""

from __future__ import annotations

import pytest

import fusionclean


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<div><a href="/x"><div>Title</div><div>Sub</div></a></div>', '<p><a href="/x">Title Sub</a></p>'),
        ("<h2>Main<div>subtitle</div></h2>", "<h2>Main subtitle</h2>"),
        ("<ul><li>One bed<div>two chairs</div></li></ul>", "<ul><li>One bed two chairs</li></ul>"),
        ("<ul><li><strong>Bold</strong><div>plain</div></li></ul>", "<ul><li><strong>Bold</strong> plain</li></ul>"),
        ("<ul><li>Left<div></div>right</li></ul>", "<ul><li>Left right</li></ul>"),
        ("<table><tr><td>A<div>B</div>C</td></tr></table>", "<p>A B C</p>"),
        # no space where there was one already, none at the edges
        ("<ul><li>One <div> two </div> three</li></ul>", "<ul><li>One two three</li></ul>"),
        ("<ul><li><div>only</div></li></ul>", "<ul><li>only</li></ul>"),
        # whitespace inside <pre> is content: left as it was
        ("<pre>a<div>b</div>c</pre>", "<pre><code>abc</code></pre>"),
    ],
)  # fmt: skip
def test_unwrapped_blocks_do_not_glue_words(markup: str, expected: str) -> None:
    assert fusionclean.clean(markup) == expected
