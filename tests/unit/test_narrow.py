"""select_content's text-level narrowing: it may only ever cut what the step would drop."""

from __future__ import annotations

import pytest

import fusionclean
from fusionclean.presets import DEFAULT
from fusionclean.transforms.select_content import narrow

HEAD = "<!DOCTYPE html><html><head><title>t</title><style>#content{color:red}</style></head><body>"
HEADER = '<header><nav><a href="/">Home</a></nav></header>'
MAIN_OPEN = '<main id="main"><div class="fusion-row">'
AREA = '<section id="content"><div class="post-content"><p>Body words here.</p></div></section>'
SIDEBAR = '<aside id="sidebar"><p>Sidebar words.</p></aside>'
MAIN_CLOSE = "</div></main>"
FOOTER = '<footer class="fusion-footer"><p>Footer words.</p></footer><script>var x = "<main>";</script>'
PAGE = HEAD + HEADER + MAIN_OPEN + AREA + SIDEBAR + MAIN_CLOSE + FOOTER + "</body></html>"


def _without_narrowing(page: str, monkeypatch: pytest.MonkeyPatch) -> str:
    from fusionclean.transforms import select_content

    with monkeypatch.context() as m:
        m.setattr(select_content, "narrow", lambda text: text)
        return fusionclean.clean(page, output="json")


def test_keeps_the_area_and_what_follows_it_inside_main() -> None:
    cut = narrow(PAGE)
    assert cut.startswith('<section id="content">')
    assert cut.endswith(SIDEBAR + "</div>")
    assert "Footer" not in cut and "Home" not in cut


@pytest.mark.parametrize(
    ("page", "why"),
    [
        (HEAD + HEADER + "<p>No area at all.</p></body></html>", "no #content"),
        (
            "<body><script>document.write('<div id=\"content\">')</script><p>Real words.</p></body>",
            "id in a script",
        ),
        ('<body><!-- <div id="content"> old --><p>Real words.</p></body>', "id in a comment"),
    ],
)
def test_leaves_the_page_whole_when_there_is_no_real_area(page: str, why: str) -> None:
    assert narrow(page) == page, why


@pytest.mark.parametrize(
    ("page", "why"),
    [
        (HEAD + '<div id="content"><p>Words.</p></div><footer>f</footer>', "no <main> around the area"),
        (HEAD + MAIN_OPEN + AREA + MAIN_CLOSE.replace("</main>", "") + FOOTER, "main never closed"),
        (
            HEAD + MAIN_OPEN + '<section id="content"><main><p>a</p></main><p>b</p></section>' + MAIN_CLOSE,
            "a <main> inside the area",
        ),
        (HEAD + MAIN_OPEN + AREA + "<script>/* </main> */</script>" + FOOTER, "last </main> inside a script"),
    ],
)
def test_runs_to_the_end_when_the_end_is_uncertain(page: str, why: str) -> None:
    start = page.rfind("<", 0, page.index('id="content"'))
    assert narrow(page) == page[start:], why


def test_the_id_needs_a_whole_attribute() -> None:
    page = HEAD + '<div data-id="content"><p>x</p></div><div id="contents"><p>y</p></div></body>'
    assert narrow(page) == page


@pytest.mark.parametrize(
    "page",
    [
        PAGE,
        PAGE.replace("</main>", "<main><p>Late main.</p></main></main>"),
        PAGE.replace('<section id="content">', "<section id='content' class='x'>"),
        PAGE.replace('<section id="content">', "<div id=content>").replace("</section>", "</div>"),
        PAGE.replace("<p>Body words here.</p>", "<p>Body <!-- </main> --> words.</p>"),
        PAGE.replace("<p>Body words here.</p>", "<div><p>Unclosed wrapper words.</p>"),
        PAGE.replace("<p>Body words here.</p>", "<p>Stray end tags.</p></main></div>"),
    ],
)
def test_narrowed_output_equals_whole_page_output(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert fusionclean.clean(page, output="json") == _without_narrowing(page, monkeypatch)


def test_keep_whole_body_parses_everything() -> None:
    from fusionclean.transforms import SelectContent

    whole = DEFAULT.replace(SelectContent(keep_whole_body=True))
    text = fusionclean.clean(PAGE, preset=whole, output="text")
    assert "Footer words" in text and "Body words" in text
