"""Notebook displays: Conversion, Messages and Chunks show as HTML with every value escaped."""

from __future__ import annotations

import pickle

import fusionclean
from fusionclean import Conversion, Message, Messages


def test_conversion_shows_a_preview_and_an_escaped_message_table() -> None:
    doc = fusionclean.parse("<h2>Beds</h2>" + "".join(f"<p>para {i}</p>" for i in range(30)))
    hostile = Message("odd-thing", '<script>alert(1)</script> & "x"', "<img src=x onerror=alert(1)>", 3)
    conv = Conversion(doc, (hostile,))
    assert isinstance(conv.messages, Messages) and conv.messages == (hostile,)
    html = conv._repr_html_()
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in html
    assert "<h2>Beds</h2>" in html and "para 10" in html and "para 11" not in html  # the first 12 blocks
    assert "19 more blocks" in html


def test_messages_and_chunks_are_their_plain_types_still() -> None:
    conv = fusionclean.convert('<div class="fusion-clearfix"></div><p>x</p>')
    assert isinstance(conv.messages, tuple) and conv.messages == tuple(conv.messages)
    assert "<table>" in conv.messages._repr_html_()
    assert pickle.loads(pickle.dumps(conv)) == conv
    chunks = conv.document.chunks()
    assert isinstance(chunks, list) and chunks.to_dicts() == [c.to_dict() for c in chunks]
    assert pickle.loads(pickle.dumps(chunks)) == chunks
