"""Every regular expression fusionclean compiles, run on adversarial shapes of growing size.

    python benchmarks/redos.py [--size N] [--show]

A pattern runs in linear time when four times the input takes about four times as long;
quadratic work shows as about 16x, exponential as a time-out. For each pattern the shapes
are built from its own literal text (each literal run repeated, with and without what
follows it) and from the comment-, bracket- and quote-heavy shapes the fuzz targets use.
Each shape is searched, fully matched, scanned with ``findall`` and split. A pattern whose
worst shape grows more than 9x from size N to 4N (and takes over 20 ms there) is listed;
the run exits 1 if any is. Timings are for this script, not the tests: the tests check
the patterns' structure (tests/test_regex_budget.py).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import pkgutil
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import fusionclean

#: Shapes every pattern is tried on: comments, brackets and quotes.
GENERIC = ("<!--", "<!-- a -->", "-->", "<", "<a ", '<a b="', "[", "[fusion_x ", "[/", "]", '"', "'",
           "=", '="', "&#", "&", "<p>", "</p>", " ", "\n", "a", "1", "-", "/", "|", "{", "\\")  # fmt: skip


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern held by a module of fusionclean: (module.name, pattern)."""
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.walk_packages(fusionclean.__path__, "fusionclean."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(found.values())


def literals(pattern: str, flags: int = 0) -> list[str]:
    """Runs of literal text in ``pattern`` (and one character of each class)."""
    runs: list[str] = []

    def walk(parsed: Any) -> None:
        run = ""
        for op, arg in parsed:
            name = str(op)
            if name == "LITERAL":
                run += chr(arg)
                continue
            if run:
                runs.append(run)
                run = ""
            if name == "IN":
                for op2, arg2 in arg:
                    if str(op2) == "LITERAL":
                        runs.append(chr(arg2))
                    elif str(op2) == "RANGE":
                        runs.append(chr(arg2[0]))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(arg[2])
            elif name == "SUBPATTERN":
                walk(arg[-1])
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1])
            elif name == "ATOMIC_GROUP":
                walk(arg)
        if run:
            runs.append(run)

    walk(sre_parse.parse(pattern, flags))
    return list(dict.fromkeys(r for r in runs if r))


def shapes(pattern: re.Pattern[str], size: int) -> dict[str, str]:
    """Adversarial texts of about ``size`` characters for ``pattern``."""
    lits = literals(pattern.pattern, pattern.flags & ~re.UNICODE)
    units = list(dict.fromkeys([*lits, *GENERIC]))
    out: dict[str, str] = {}
    for unit in units:
        out[f"{unit!r}*"] = unit * (size // len(unit) + 1)
        out[f"{unit!r}+x*"] = (unit + "x") * (size // (len(unit) + 1) + 1)
        out[f"{unit!r}+' '*"] = (unit + " ") * (size // (len(unit) + 1) + 1)
    # every literal run, each followed by the next: what a near-match looks like
    if len(lits) > 1:
        chain = "".join(lits)
        out["chain*"] = chain * (size // len(chain) + 1)
        out["chain[:-1]*"] = chain[:-1] * (size // max(1, len(chain) - 1) + 1)
    return {k: v[:size] for k, v in out.items()}


class _TimeOut(Exception):
    pass


def _alarm(*_: Any) -> None:
    raise _TimeOut


def cost(pattern: re.Pattern[str], text: str, limit: float) -> float:
    """Seconds to search, match, findall and split ``text`` (``limit`` if it takes longer)."""
    signal.signal(signal.SIGALRM, _alarm)
    gc.collect()
    gc.disable()  # the garbage collector's passes over the results are no part of the scan
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        pattern.search(text)
        pattern.match(text)
        pattern.findall(text)
        pattern.split(text)
    except _TimeOut:
        return limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        gc.enable()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000, help="the smaller input size (default 4000)")
    parser.add_argument("--show", action="store_true", help="print every pattern's worst shape")
    args = parser.parse_args()
    bad = 0
    found = patterns()
    for name, pattern in found:
        worst = (0.0, 0.0, "")
        small = shapes(pattern, args.size)
        large = shapes(pattern, 4 * args.size)
        for key in small:
            a = min(cost(pattern, small[key], 2.0) for _ in range(2))
            if a < 0.001:  # even 16x of it stays under the 20 ms that counts
                continue
            b = min(cost(pattern, large[key], 8.0) for _ in range(2))
            if b > worst[1]:
                worst = (a, b, key)
        a, b, key = worst
        ratio = b / a if a else 0.0
        flagged = b > 0.02 and ratio > 9
        bad += flagged
        if flagged or args.show:
            print(
                f"{'SLOW ' if flagged else ''}{name}: {key} {a * 1e3:.2f} ms -> {b * 1e3:.2f} ms ({ratio:.1f}x)"
            )
    print(f"{len(found)} patterns, {bad} grow faster than linear")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
