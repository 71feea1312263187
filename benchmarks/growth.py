#!/usr/bin/env python3
"""Does cost grow linearly? Time per byte from 1x to 50x a document, and pathological shapes.

    python benchmarks/growth.py

A real REST post (the corpus's largest, or a built-in one) is repeated 1, 5, 10, 25 and 50
times; time per byte should stay flat. Then 10,000 levels of nesting and 100,000 siblings,
each against a tenth of its size, to show neither goes quadratic.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import fusionclean

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def best(text: str, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fusionclean.clean(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    posts = sorted(CORPUS.glob("wpjson/*.json"), key=lambda p: p.stat().st_size)
    unit = (json.loads(posts[-1].read_text())["content"]["rendered"] if posts
            else '<div class="fusion-text"><p>Beans and <b>peas</b>.</p></div>' * 200)  # fmt: skip
    print(f"unit document: {len(unit):,} characters")
    base = None
    for factor in (1, 5, 10, 25, 50):
        text = unit * factor
        seconds = best(text)
        per_kb = seconds / (len(text) / 1024) * 1e6
        base = base or per_kb
        print(
            f"  {factor:>3}x {len(text) / 1e6:6.2f} MB  {seconds * 1000:8.1f} ms  {per_kb:7.1f} µs/KB  ({per_kb / base:.2f} of 1x)"
        )
    for label, make in (
        ("nesting", lambda n: "<div>" * n + "<p>deep</p>" + "</div>" * n),
        ("siblings", lambda n: "<p>sibling</p>" * n),
    ):
        small, large = (1_000, 10_000) if label == "nesting" else (10_000, 100_000)
        t_small, t_large = best(make(small)), best(make(large))
        print(f"  {label}: {small:,} → {t_small * 1000:.1f} ms, {large:,} → {t_large * 1000:.1f} ms "
              f"(×{t_large / t_small:.1f} time for ×{large // small} size)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
