"""Unwrapping a block keeps the boundary a browser draws at its edges; text read whole keeps its line breaks."""

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


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<pre>first line<br>second line<br />third</pre>", "<pre><code>first line\nsecond line\nthird</code></pre>"),
        ("<pre><code>a<br>b</code></pre>", "<pre><code>a\nb</code></pre>"),
        ("<p>Run <code>make<br>test</code></p>", "<p>Run <code>make\ntest</code></p>"),
        # a label read as one line: the break separates words
        ('<a class="fusion-button" href="/go/"><span class="fusion-button-text">Get<br>started</span></a>',
         '<p><a href="/go/">Get started</a></p>'),
    ],
)  # fmt: skip
def test_line_breaks_in_read_text_are_kept(markup: str, expected: str) -> None:
    assert fusionclean.clean(markup) == expected


def test_content_dropped_with_a_form_or_formula_is_reported_once() -> None:
    conv = fusionclean.convert(
        '<p>Intro</p><form action="/join"><label>Your email</label><input name="e">'
        "<p><select><option>Plot A</option></select></p></form>"
        "<math><mi>x</mi><mo>=</mo><mn>2</mn></math><script>var quiet = 1</script>"
    )
    assert fusionclean.emit.HtmlEmitter().emit(conv.document) == "<p>Intro</p>"
    reported = [m for m in conv.messages if m.code == "dropped-widget"]
    assert [(m.text, m.count) for m in reported] == [("<form> and its text × 1, <math> and its text × 1", 2)]
