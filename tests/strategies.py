"""Hypothesis strategies: builder-like HTML and shortcode text with known visible words."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from(
    ["tomato", "basil", "garden", "water", "seed", "harvest", "soil", "compost", "sun", "rain",
     "spring", "autumn", "bean", "pea", "leek", "onion", "garlic", "mint", "thyme", "sage",
     "Ünïcödé", "naïve", "café", "5*3", "a_b", "x<y", "R&D", "[note]", "#tag", "1986."]
)  # fmt: skip

sentence = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def inline(draw: st.DrawFn) -> str:
    text = _escape(draw(sentence))
    kind = draw(st.sampled_from(["plain", "b", "i", "a", "span-bold", "entity", "br", "mark"]))
    return {
        "plain": text,
        "b": f"<b>{text}</b>",
        "i": f"<em>{text}</em>",
        "a": f'<a href="/p/{len(text)}">{text}</a>',
        "span-bold": f'<span style="font-weight:700;color:#333">{text}</span>',
        "entity": f"{text}&#8217;s&nbsp;{text}",
        "br": f"{text}<br>{text}",
        "mark": f'<mark class="fusion-highlight">{text}</mark>',
    }[kind]


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kinds = ["p", "title", "list", "image", "text"] + (["column", "toggle", "tabs"] if depth < 3 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "p":
        return "<p>" + " ".join(draw(st.lists(inline(), min_size=1, max_size=3))) + "</p>"
    if kind == "title":
        size = draw(st.sampled_from(["one", "two", "three"]))
        return f'<div class="fusion-title title fusion-title-size-{size}"><h2 class="title-heading-left">{_escape(draw(sentence))}</h2></div>'
    if kind == "list":
        items = "".join(f'<li class="fusion-li-item"><div class="fusion-li-item-content">{_escape(w)}</div></li>'
                        for w in draw(st.lists(sentence, min_size=1, max_size=4)))  # fmt: skip
        return f'<ul class="fusion-checklist">{items}</ul>'
    if kind == "image":
        n = draw(st.integers(1, 9))
        return (f'<span class="fusion-imageframe"><img src="data:image/gif;base64,R0lGOD" '
                f'data-orig-src="https://e.org/i{n}-300x200.jpg" width="300" height="200" alt="{_escape(draw(sentence))}"></span>')  # fmt: skip
    if kind == "text":
        return (
            '<div class="fusion-text">'
            + "".join(draw(st.lists(block(depth + 3), min_size=1, max_size=2)))
            + "</div>"
        )
    if kind == "toggle":
        title, body = _escape(draw(sentence)), draw(block(depth + 1))
        return (f'<div class="accordian fusion-accordian"><div class="fusion-panel"><div class="panel-heading">'
                f'<h4 class="panel-title"><a href="#t"><span class="fusion-toggle-heading">{title}</span></a></h4></div>'
                f'<div class="panel-collapse collapse"><div class="panel-body toggle-content">{body}</div></div></div></div>')  # fmt: skip
    if kind == "tabs":
        title, body = _escape(draw(sentence)), draw(block(depth + 1))
        return (f'<div class="fusion-tabs"><div class="nav"><ul class="nav-tabs"><li><a class="tab-link" href="#x1">'
                f'<h4 class="fusion-tab-heading">{title}</h4></a></li></ul></div><div class="tab-content">'
                f'<div class="nav fusion-mobile-tab-nav"><ul class="nav-tabs"><li><a href="#x1"><h4 class="fusion-tab-heading">{title}</h4></a></li></ul></div>'
                f'<div class="tab-pane" id="x1">{body}</div></div></div>')  # fmt: skip
    inner = "".join(draw(st.lists(block(depth + 1), min_size=1, max_size=3)))
    return (f'<div class="fusion-layout-column fusion_builder_column"><div class="fusion-column-wrapper">{inner}'
            '<div class="fusion-clearfix"></div></div></div>')  # fmt: skip


@st.composite
def builder_page(draw: st.DrawFn) -> str:
    blocks = "".join(draw(st.lists(block(), min_size=1, max_size=5)))
    return (f'<div class="fusion-fullwidth fullwidth-box" style="--awb-padding:0"><div class="fusion-builder-row fusion-row">'
            f"{blocks}</div></div>")  # fmt: skip


@st.composite
def shortcode_text(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "title", "checklist", "toggle", "unknown", "broken"]))
        words = _escape(draw(sentence).replace("[", "(").replace("]", ")"))  # content is HTML
        if kind == "text":
            parts.append(f"[fusion_text]{words}\n\n{words}[/fusion_text]")
        elif kind == "title":
            parts.append(f'[fusion_title size="2"]{words}[/fusion_title]')
        elif kind == "checklist":
            parts.append(f"[fusion_checklist][fusion_li_item]{words}[/fusion_li_item][/fusion_checklist]")
        elif kind == "toggle":
            parts.append(
                f'[fusion_accordion][fusion_toggle title="{words}"]{words}[/fusion_toggle][/fusion_accordion]'
            )
        elif kind == "unknown":
            parts.append(f"[fusion_text][my_plugin a=1]{words}[/my_plugin][/fusion_text]")
        else:
            parts.append(f"[fusion_text]{words}")  # never closed
    body = "".join(parts)
    return f'[fusion_builder_container][fusion_builder_row][fusion_builder_column type="1_1"]{body}[/fusion_builder_column][/fusion_builder_row][/fusion_builder_container]'
