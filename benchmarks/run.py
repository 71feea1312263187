#!/usr/bin/env python3
"""Speed of fusionclean against the lxml floor and peer tools, interleaved in one process.

    python3 dev.py bench                 # installs the peers (the "bench" extra), then runs
    python benchmarks/run.py --repeat 5  # in an environment that already has them

For every document of ../shared/corpus (REST ``content.rendered``, whole rendered pages,
shortcode texts) each tool runs once per round, in turn, so machine noise hits all alike.
The floor is lxml's own parse + serialize of the same text. Each timed call follows an
untimed call of the same tool on the previous document: every tool is timed as in a batch
run, its own code warm, the document new to it (``--cold`` times each call right after the
previous tool instead, as the first five sessions did). The tool order rotates from round
to round; as with timeit, the cyclic garbage collector is off while a call is timed and
runs between documents. Reported per tool: the median
of per-document time ratios to the floor, and the ratio of total times; then fusionclean's
HTML output against each peer. Peers that are not installed are skipped with a note.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import fusionclean

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def load_documents(corpus: Path) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
    for path in sorted(corpus.glob("wpjson/*.json")):
        docs.append((f"rest/{path.stem}", json.loads(path.read_text())["content"]["rendered"]))
    for path in sorted(corpus.glob("rendered/*.html")):
        docs.append((f"page/{path.stem}", path.read_text(encoding="utf-8", errors="replace")))
    for path in sorted(corpus.glob("shortcodes/*.txt")):
        docs.append((f"shortcodes/{path.stem}", path.read_text(encoding="utf-8", errors="replace")))
    return docs


_PARSER = etree.HTMLParser()


def floor(text: str) -> str:
    """lxml's own parse + serialize: what any lxml-based cleaner must at least spend."""
    root = etree.fromstring(text, _PARSER) if text.strip() else None
    return etree.tostring(root, encoding="unicode", method="html") if root is not None else ""


def tools() -> tuple[dict[str, Callable[[str], object]], list[str]]:
    found: dict[str, Callable[[str], object]] = {
        "lxml floor": floor,
        "fusionclean html": lambda t: fusionclean.clean(t),
        "fusionclean markdown": lambda t: fusionclean.clean(t, output="markdown"),
        "fusionclean json": lambda t: fusionclean.clean(t, output="json"),
    }
    missing: list[str] = []
    try:
        import nh3

        found["nh3 alone"] = nh3.clean
    except ImportError:
        missing.append("nh3")
    try:
        import trafilatura

        found["trafilatura"] = lambda t: trafilatura.extract(t, output_format="markdown", include_images=True)
    except ImportError:
        missing.append("trafilatura")
    try:
        from html_sanitizer import Sanitizer

        sanitizer = Sanitizer()
        found["html-sanitizer"] = sanitizer.sanitize
    except ImportError:
        missing.append("html-sanitizer")
    try:
        from markdownify import markdownify

        found["markdownify"] = markdownify
    except ImportError:
        missing.append("markdownify")
    try:
        from readability import Document as Readability

        found["readability-lxml"] = lambda t: Readability(t).summary() if t.strip() else ""
    except ImportError:
        missing.append("readability-lxml")
    return found, missing


def measure(
    docs: list[tuple[str, str]], fns: dict[str, Callable[[str], object]], repeat: int, *, cold: bool = False
) -> dict[str, list[float]]:
    """Best-of-``repeat`` seconds per (tool, document), tools interleaved per document.

    Unless ``cold``, each tool first runs untimed on the previous document: a tool timed
    right after another one starts with that tool's data in the processor's caches (the
    first sessions' protocol, which also let the Markdown and JSON outputs always follow
    the HTML one, warm, and never the other way round).
    """
    best: dict[str, list[float]] = {name: [float("inf")] * len(docs) for name in fns}
    order = list(fns.items())
    gc.disable()  # as timeit does: no tool pays for a collection of another's garbage
    try:
        for round_ in range(repeat):
            # each round starts the rotation at another tool: no tool always runs first
            rotated = order[round_ % len(order) :] + order[: round_ % len(order)]
            for i, (name, text) in enumerate(docs):
                warm = None if cold else docs[i - 1][1]
                _measure_document(i, name, text, rotated, best, warm)
                gc.collect()  # between documents, untimed
    finally:
        gc.enable()
    return best


def _measure_document(
    i: int,
    name: str,
    text: str,
    rotated: list[tuple[str, Callable[[str], object]]],
    best: dict[str, list[float]],
    warm: str | None = None,
) -> None:
    for tool, fn in rotated:
        if warm is not None:
            with contextlib.suppress(Exception):  # a failure is reported when its document is timed
                fn(warm)
        start = time.perf_counter()
        try:
            fn(text)
        except Exception as exc:  # a peer failing on a document is reported, not fatal
            print(f"  {tool} failed on {name}: {type(exc).__name__}", file=sys.stderr)
        elapsed = time.perf_counter() - start
        best[tool][i] = min(best[tool][i], elapsed)


def _by_kind(
    docs: list[tuple[str, str]], kinds: list[str], times: list[float], over: list[float], unit: str = ""
) -> str:
    """The median of ``times / over`` per document for each input kind, as table cells."""
    cells = []
    for kind in kinds:
        ratios = [
            t / b for (name, _), t, b in zip(docs, times, over) if b > 0 and name.startswith(kind + "/")
        ]
        cells.append(f"{kind} {statistics.median(ratios):6.2f}{unit}" if ratios else f"{kind}    -  ")
    return "   ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best time per document counts")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--per-document", action="store_true", help="also list every document's HTML ratio, slowest last"
    )
    parser.add_argument(
        "--cold", action="store_true", help="time each call right after the previous tool's (no warm-up call)"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    docs = load_documents(args.corpus)
    fns, missing = tools()
    for _name, text in docs[:3]:  # warm caches and lazy imports
        for fn in fns.values():
            fn(text)
    best = measure(docs, fns, args.repeat, cold=args.cold)
    base = best["lxml floor"]
    total_base = sum(base)
    print(
        f"{len(docs)} documents, {sum(len(t) for _, t in docs) / 1e6:.2f} MB, best of {args.repeat} rounds"
        f" ({'cold: each call right after another tool' if args.cold else 'each tool warmed on the previous document'})\n"
    )
    print(f"{'tool':24} {'median ratio':>13} {'total ratio':>12} {'total ms':>10}")
    for tool, times in best.items():
        ratios = [t / b for t, b in zip(times, base) if b > 0]
        print(
            f"{tool:24} {statistics.median(ratios):13.2f} {sum(times) / total_base:12.2f} {sum(times) * 1000:10.1f}"
        )
    kinds = sorted({name.split("/", 1)[0] for name, _ in docs})
    print(f"\nmedian ratio to the floor by input kind ({', '.join(kinds)})")
    for tool, times in best.items():
        print(f"  {tool:22} " + _by_kind(docs, kinds, times, base))
    ours = best["fusionclean html"]
    print("\nfusionclean html vs peers (how many times faster; median per document / totals)")
    for tool, times in best.items():
        if tool.startswith(("fusionclean", "lxml")):
            continue
        ratios = [p / o for p, o in zip(times, ours) if o > 0]
        print(f"  {tool:22} {statistics.median(ratios):8.2f}× {sum(times) / sum(ours):8.2f}×")
    print(f"\nfusionclean html vs peers by input kind (median per document; {', '.join(kinds)})")
    for tool, times in best.items():
        if not tool.startswith(("fusionclean", "lxml")):
            print(f"  {tool:22} " + _by_kind(docs, kinds, times, ours, "×"))
    if args.per_document:
        print("\nfusionclean html per document (ratio to the floor, floor ms)")
        rows = sorted((o / b, name, b) for (name, _), o, b in zip(docs, ours, base) if b > 0)
        for rank, (ratio, name, b) in enumerate(rows, 1):
            print(f"  {rank:3} {ratio:7.2f} {b * 1000:8.2f}  {name}")
    if missing:
        print(f"\nnot installed (skipped): {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
