"""Issue 23 (and 22's lists): Markdown output that stays inert — and keeps its structure —
in markdown-it (CommonMark, raw HTML on, tables), Python-Markdown (defaults and ``extra``)
and mistune (defaults). Each case is a reproduction that went live or broke before."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

import fusionclean
from fusionclean.emit.markdown import SEPARATOR, MarkdownEmitter

from .markdown_renderers import RENDERERS
from .xss_check import problems_in_html

XSS = "<img src=x onerror=alert(1)>"
ESC = html.escape(XSS)

LIVE_BEFORE = {
    "title-newlines": f'<p><a href="https://x.example/" title="a&#10;&#10;{ESC}">t</a></p>',
    "title-quote-paren": '<p><a href="https://x.example/" title=\'a")&lt;img src=x onerror=alert(1)&gt;\'>t</a></p>',
    "title-backslash-quote": f'<p><a href="https://x.example/" title="a\\&quot;)&#10;{ESC}">t</a></p>',
    "image-title-newlines": f'<p><img src="https://x.example/i.png" alt="a" title="a&#10;&#10;{ESC}"></p>',
    "cr-in-address": f'<p><a href="https://x.example/&#13;x" title="{ESC}">t</a></p>',
    "trailing-backslash-in-address": f'<p><a href="https://x.example/a b\\" title="{ESC}">t</a></p>',
    "title-pipe-in-table": (
        "<table><tr><th>a</th><th>b</th></tr>"
        f'<tr><td><a href="https://x.example/" title="a|{ESC}">t</a></td><td>c</td></tr></table>'
    ),
    "adjacent-code-spans": f"<p><code>``</code><code>{ESC}</code></p>",
    "code-span-long-fence-at-line-start": f"<p><code>a`b``c</code> and <code>{ESC}</code></p>",
    "pipe-in-code-in-table": (
        f"<table><tr><th>a</th><th>b</th></tr><tr><td><code>a|{ESC}</code></td><td>c</td></tr></table>"
    ),
    "pre-script": "<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>",
    "pre-with-fences": "<pre>```\n&lt;script&gt;alert(1)&lt;/script&gt;\n```</pre>",
    "syntax-highlighter": '<div class="fusion-syntax-highlighter-container"><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></div>',
    "pre-after-list": "<ul><li>a</li></ul><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>",
    "pre-in-list": "<ul><li>a<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></li></ul>",
    "pre-first-in-list": "<ol><li><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></li></ol>",
    "pre-only-items": (  # a random run: items that open with code were joined tight
        "<ul><li><pre>a\nb</pre></li><li><pre>&lt;svg onload=alert(1)&gt;</pre></li></ul>"
        "<ul><li><pre>&lt;img src=x onerror=alert(1)&gt;</pre></li></ul>"
    ),
    "pre-in-nested-list": "<ul><li>a<ul><li>b<pre>&lt;script&gt;x&lt;/script&gt;</pre></li></ul></li></ul>",
    "pre-in-quote": "<blockquote><p>a</p><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></blockquote>",
    "attr-list-braces": "<p>hello { onclick=alert(1) }</p><h2>Title { onclick=alert(1) }</h2>",
    "attr-list-after-emphasis": "<p><em>em</em>{ onclick=alert(1) }</p>",
    "escaped-angle-bracket": f"<p>{ESC} and &lt;script&gt;alert(1)&lt;/script&gt;</p>",
    # found by a random run: in Python-Markdown a "&#" in inline code and an entity later
    # in the paragraph unmade a code span after it, and its <a href=javascript:> went live
    "ampersand-hash-in-code": '<details><summary><svg onload=alert(1)></summary><p><code></code><br>``{%!]&#x27;&gt;<code>[</code></p></details><blockquote><code>&quot;&amp;#</code>>- </blockquote><ol><li><table><tr><th><code>=]</code></th><th><a href="https://x.example/" title="{{&amp;#10;\\\\">&lt;    \t</a></th></tr><tr><td><img src="https://x.example/&lt;http://a&gt;&amp;lt;" alt="&#x27;a&lt;!--" title="&lt;x@y&gt;``&lt;!--["></td><td><a href="https://x.example/&gt;#&amp;" title="1. (http://x.example/%]]&gt;&lt;img src=x onerror=alert(1)&gt;">_\t</a></td></tr></table><table><tr><th><em>]]&gt;!}\t</em><strong><a href="/rjavascript:alert(1):&lt;a href=javascript:alert(1)&gt;x&lt;/a&gt;" title="">&lt;svg onload=alert(1)&gt;\\\\~a</a></strong></th><th>_</th></tr><tr><td>\\\\http://x.example/a<x@y>%<img src="https://x.example/" alt=":*" title="\t!:"><a href="&#x27;- javascript:alert(1)" title=" ~&amp;]`">[|1. [</a></td><td><img src="https://x.example/=&amp;--&gt;" alt="}@{{{{}{" title="|)}["></td></tr></table></li><li><h5><code>``{{#]]&gt;&#x27;</code></h5><blockquote><br>&lt;\n}<em>`{{]]&gt;&gt;</em><strong><code>&lt;a href=javascript:alert(1)&gt;x&lt;/a&gt;!</code></strong><code>``\\\\a%http://x.example/]</code></blockquote></li><li><figure><img src="/i.png" alt=" @&lt;!--- &lt;&amp;"><figcaption><img src="https://x.example/" alt="http://x.example/}" title="javascript:alert(1)javascript:alert(1)        {{}"></figcaption></figure><table><tr><th><code>&lt;x@y&gt; javascript:alert(1)</code></th><th><a href="_- _" title="">x</a></th></tr><tr><td></td><td>javascript:alert(1)&quot;</td></tr></table></li></ul>',
}


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize("case", sorted(LIVE_BEFORE))
def test_markdown_stays_inert(case: str, renderer: str) -> None:
    source = LIVE_BEFORE[case]
    for wrapped in (source, f'<div class="fusion-text">{source}</div>'):
        md = fusionclean.clean(wrapped, output="markdown")
        rendered = RENDERERS[renderer](md)
        assert not problems_in_html(rendered), (md, rendered)


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_titles_come_back_whole(renderer: str) -> None:
    title = 'a ") \\ | < > ( ) ` { } * _ & &amp; end'
    md = fusionclean.clean(
        f'<p><a href="https://x.example/" title="{html.escape(title)}">t</a></p>', output="markdown"
    )
    rendered = RENDERERS[renderer](md)
    m = re.search(r'title="([^"]*)"', rendered)
    assert m is not None, rendered
    assert html.unescape(m.group(1)) == title.replace("&amp;", "&"), rendered


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_code_keeps_its_characters(renderer: str) -> None:
    md = fusionclean.clean(
        f"<p><code>``</code><code>{ESC}</code></p><pre>if a &lt; b:\n    x = '{{{{y}}}}'</pre>",
        output="markdown",
    )
    rendered = RENDERERS[renderer](md)
    assert "<code>``" in rendered.replace("<code> ``", "<code>``")
    assert html.escape(XSS, quote=False) in rendered
    assert "<pre><code>if a &lt; b:\n    x = '{\u200b{y}}'" in rendered


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_adjacent_lists_stay_apart(renderer: str) -> None:
    md = fusionclean.clean("<ul><li>Sauna</li><li>Pool</li></ul><ul><li>Bar</li></ul>", output="markdown")
    rendered = RENDERERS[renderer](md)
    assert rendered.count("<ul>") == 2 and "<p>" not in rendered, rendered
    md = fusionclean.clean("<ol><li>One</li><li>Two</li></ol><ol><li>Uno</li></ol>", output="markdown")
    rendered = RENDERERS[renderer](md)
    assert rendered.count("<ol>") == 2 and "start=" not in rendered, rendered


def test_adjacent_lists_in_an_item_and_after_details_stay_apart() -> None:
    md = fusionclean.clean("<ul><li>a<ul><li>b</li></ul><ul><li>c</li></ul></li></ul>", output="markdown")
    assert SEPARATOR in md
    rendered = RENDERERS["markdown-it"](md)
    assert rendered.count("<ul>") == 3, rendered
    md = fusionclean.clean(
        "<details><summary>S</summary><ul><li>a</li></ul></details><ul><li>b</li></ul>", output="markdown"
    )
    assert RENDERERS["markdown-it"](md).count("<ul>") == 2


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_code_in_lists_is_code(renderer: str) -> None:
    for source in (
        LIVE_BEFORE["pre-in-list"],
        LIVE_BEFORE["pre-first-in-list"],
        LIVE_BEFORE["pre-in-nested-list"],
    ):
        rendered = RENDERERS[renderer](fusionclean.clean(source, output="markdown"))
        assert "<pre><code>&lt;script&gt;" in rendered, rendered
        assert "<li>" in rendered


def test_fenced_code_is_an_option() -> None:
    md = fusionclean.clean(
        '<pre><code class="language-js">let a = 1;</code></pre>', output="markdown", fenced_code=True
    )
    assert md == "```js\nlet a = 1;\n```"
    assert fusionclean.clean("<pre>let a = 1;</pre>", output="markdown") == "    let a = 1;"


TEMPLATES = "<p>{{% param secretish %}} {{< gist user 123 >}} {% include secret.html %} {{ site.data.keys }} {# c #}</p>"


def test_template_syntax_is_neutralized_by_default() -> None:
    md = fusionclean.clean(
        TEMPLATES + "<pre>{{< gist x >}} {% raw %}</pre><p><code>{{ x }}</code></p>", output="markdown"
    )
    assert "{{" not in md and "{%" not in md and "{#" not in md, md
    for renderer in RENDERERS.values():
        text = html.unescape(re.sub(r"<[^>]+>", "", renderer(md))).replace("\u200b", "").replace("\\", "")
        assert "{{% param secretish %}}" in text and "{{< gist user 123 >}}" in text, text
        assert "{% include secret.html %}" in text and "{{ site.data.keys }}" in text


def test_template_syntax_can_be_kept() -> None:
    md = fusionclean.clean(TEMPLATES, output="markdown", keep_template_syntax=True)
    assert "{{% param secretish %}}" in md and "{% include secret.html %}" in md
    assert "{{ site.data.keys }}" in md
    assert MarkdownEmitter(keep_template_syntax=True).keep_template_syntax


def test_links_titles_and_addresses_round_trip_in_commonmark() -> None:
    source = '<p><a href="https://x.example/a_(b)?q=1&amp;r=2#f" title="It\'s &quot;here&quot;">t</a></p>'
    rendered = RENDERERS["markdown-it"](fusionclean.clean(source, output="markdown"))
    assert 'href="https://x.example/a_%28b%29?q=1&amp;r=2#f"' in rendered
    assert 'title="It\'s &quot;here&quot;"' in rendered


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_code_from_shortcodes_and_wxr_is_code(renderer: str, tmp_path: Any) -> None:
    """The issue's other paths to a code block: base64 [fusion_syntax_highlighter], and WXR."""
    import base64

    code = base64.b64encode(b"<script>alert(1)</script>\n<img src=x onerror=alert(1)>").decode()
    shortcode = f'[fusion_syntax_highlighter language="html"]{code}[/fusion_syntax_highlighter]'
    wxr = tmp_path / "export.xml"
    wxr.write_text(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><item><title>T</title><content:encoded><![CDATA["
        f"[fusion_text]<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>[/fusion_text]{shortcode}"
        "]]></content:encoded><wp:post_id>5</wp:post_id><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type></item></channel></rss>",
        encoding="utf-8",
    )
    for source in (shortcode, next(fusionclean.load_wxr(wxr))):
        md = fusionclean.clean(source, output="markdown")
        rendered = RENDERERS[renderer](md)
        assert not problems_in_html(rendered), (md, rendered)
        assert "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
