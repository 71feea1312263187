#!/usr/bin/env python3
"""Does cost grow linearly? Time per byte from 1x to 50x a document, and pathological shapes.

    python benchmarks/growth.py

A real REST post (the corpus's largest, or a built-in one) is repeated 1, 5, 10, 25 and 50
times; time per byte should stay flat. The sizes are timed in turn, round after round (best
of ``--repeat``), so a change in the machine's load hits them alike; lxml's own parse +
serialize of the same texts is timed beside them, since the memory hierarchy makes even
that floor cost more per byte once a tree outgrows the processor's caches. Then 10,000
levels of nesting, 100,000 siblings, 20,000 unclosed shortcode tags, paragraphs of
20,000 wrappers, bold runs and lines, and 20,000 attributes on one element, each against a
tenth of its size, to show none goes quadratic. Last the budget shapes (issue "Safe to
publish"): comments before a fragment, global elements using each other, a chart's labels
× data sets, and unclosed ``[fusion_global`` tags read by ``WxrItem.narrowed``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import fusionclean
from fusionclean.document.nodes import PostMeta
from fusionclean.sources.wxr import WxrItem

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
_PARSER = etree.HTMLParser()


def floor(text: str) -> str:
    """lxml's own parse + serialize (as in run.py)."""
    return etree.tostring(etree.fromstring(text, _PARSER), encoding="unicode", method="html")


def best(text: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fusionclean.clean(text)
        times.append(time.perf_counter() - start)
    return min(times)


def _timed(fn: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def _column(piece: str) -> Callable[[int], str]:
    """A column holding ``piece`` n times."""
    return lambda n: "<div>" + piece * n + "</div>"


def _globals(n: int) -> WxrItem:
    """Two global elements each using the next ``n`` times: n² copies asked for."""
    library = {
        "1": '[fusion_global id="2"]' * n,
        "2": '[fusion_global id="3"]' * n,
        "3": "[fusion_text]g[/fusion_text]",
    }
    return WxrItem(PostMeta(id=9, type="post", status="publish"), '[fusion_global id="1"]', library=library)


def _chart(n: int) -> str:
    """A chart of ``n`` labels and ``n // 10`` data sets of one value: n²/10 cells asked for."""
    labels = "|".join("l" * 3 for _ in range(n))
    sets = '[fusion_chart_dataset title="s" values="1"][/fusion_chart_dataset]' * (n // 10)
    return f'[fusion_chart x_axis_labels="{labels}"]{sets}[/fusion_chart]'


def _narrowed(n: int) -> float:
    item = WxrItem(PostMeta(id=1), "[fusion_global " * n)
    start = time.perf_counter()
    item.narrowed()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds; the best time per size counts")
    args = parser.parse_args(argv)
    posts = sorted(CORPUS.glob("wpjson/*.json"), key=lambda p: p.stat().st_size)
    unit = (json.loads(posts[-1].read_text())["content"]["rendered"] if posts
            else '<div class="fusion-text"><p>Beans and <b>peas</b>.</p></div>' * 200)  # fmt: skip
    print(f"unit document: {len(unit):,} characters; best of {args.repeat} rounds, sizes in turn")
    factors = (1, 5, 10, 25, 50)
    texts = {factor: unit * factor for factor in factors}
    ours = dict.fromkeys(factors, float("inf"))
    floors = dict.fromkeys(factors, float("inf"))
    for round_ in range(args.repeat):
        shift = round_ % len(factors)  # no size always runs first
        for factor in factors[shift:] + factors[:shift]:
            floors[factor] = min(floors[factor], _timed(floor, texts[factor]))
            ours[factor] = min(ours[factor], _timed(fusionclean.clean, texts[factor]))
    base = floor_base = 0.0
    for factor in factors:
        kb = len(texts[factor]) / 1024
        per_kb, floor_kb = ours[factor] / kb * 1e6, floors[factor] / kb * 1e6
        base, floor_base = base or per_kb, floor_base or floor_kb
        print(
            f"  {factor:>3}x {kb / 1e3:6.2f} MB  {ours[factor] * 1000:8.1f} ms  {per_kb:7.1f} µs/KB"
            f"  ({per_kb / base:.2f} of 1x)   floor {floor_kb:5.1f} µs/KB ({floor_kb / floor_base:.2f} of 1x)"
            f"   {ours[factor] / floors[factor]:.2f}x the floor"
        )
    for label, make in (
        ("nesting", lambda n: "<div>" * n + "<p>deep</p>" + "</div>" * n),
        ("siblings", lambda n: "<p>sibling</p>" * n),
        # tags that open and never close but for one at the end: each nests in the last
        (
            "unclosed shortcodes",
            lambda n: "[fusion_text]" + "[fusion_title]x " * n + "[/fusion_text][/fusion_title]",
        ),
        # one paragraph of many wrappers to unwrap, and of many marks to merge
        (
            "wrappers in a paragraph",
            lambda n: "<p>" + '<span class="fusion-dropcap">x</span> y ' * n + "</p>",
        ),
        ("bold runs in a paragraph", lambda n: "<p>" + "<b><i>x</i> </b>" * n + "</p>"),
        ("lines in a paragraph", lambda n: "<p>" + "line<br>" * n + "</p>"),
        # one column crowded with Fusion elements the mapping step removes or unwraps
        ("spacers in a column", _column('<div class="fusion-separator"></div> w ')),
        ("menu anchors in a column", _column('<div class="fusion-menu-anchor"></div> w ')),
        ("empty buttons in a column", _column('<a class="fusion-button" href="#"></a> w ')),
        ("titles without a heading", _column('<div class="fusion-title">x</div> y ')),
        ("empty widgets, words after", _column('<div class="fusion-form"></div> w ')),
        ("empty widgets, lines after", _column('<div class="fusion-form"></div>\n')),
        ("headings over empty widgets", _column('<h3>T</h3>\n<div class="fusion-form"></div>\n')),
        # ampersands in one text or one address: nh3 reads each such run in quadratic time
        ("ampersands in a paragraph", lambda n: "<p>" + "a & b " * n + "</p>"),
        (
            "ampersands in a link's address",
            lambda n: '<p><a href="https://ex.com/?' + "a=1&" * n + '">l</a></p>',
        ),
        (
            "attributes on one element",
            lambda n: "<p " + " ".join(f'data-a{i}="v"' for i in range(n)) + ">x</p>",
        ),
        ("comments before a fragment", lambda n: "<!-- wp:group -->\n" * n + "<p>x</p>"),
        ("global elements using each other", _globals),
        ("chart labels × data sets", _chart),
    ):
        small, large = {"nesting": (1_000, 10_000), "siblings": (10_000, 100_000)}.get(label, (2_000, 20_000))
        t_small, t_large = best(make(small)), best(make(large))
        print(f"  {label}: {small:,} → {t_small * 1000:.1f} ms, {large:,} → {t_large * 1000:.1f} ms "
              f"(×{t_large / t_small:.1f} time for ×{large // small} size)")  # fmt: skip
    t_small, t_large = min(_narrowed(4_000) for _ in range(3)), min(_narrowed(40_000) for _ in range(3))
    print(f"  unclosed [fusion_global in WxrItem.narrowed: 4,000 → {t_small * 1000:.1f} ms, "
          f"40,000 → {t_large * 1000:.1f} ms (×{t_large / t_small:.1f} time for ×10 size)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
