#!/usr/bin/env python3
"""Mutation fuzzer for every fusionclean entry point, with a time budget.

    python fuzz/fuzz.py --seconds 60            # all targets, 60 s in total
    python fuzz/fuzz.py --target wxr --seconds 300

Seeds are the test fixtures and, when present, every document of ../shared/corpus. Each
round picks a seed, mutates it (byte flips, truncation, splices, injected tags, shortcodes,
entities and control characters, a tag repeated hundreds of times to nest deep, and the
comment-, bracket-, quote- and attribute-heavy shapes that once took exponential or
quadratic time: see ``SHAPES``) and feeds it to one target. A crash is any exception
outside the documented ones (``InputError`` and its subclasses for input that is not what
it claims); a hang is a call slower than ``--hang`` seconds. Either is written to
``fuzz/crashes/`` and makes the exit status 1. The run is reproducible with ``--seed``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import fusionclean
from fusionclean.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CRASHES = Path(__file__).resolve().parent / "crashes"

TOKENS = [
    b"<div>", b"</div>", b"<p>", b"</p>", b"<b>", b"</i>", b"<table><tr><td>", b"</html>", b"<body>",
    b"<script>x</script>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&amp;", b"&#8217;", b"&#0;",
    b"&nbsp;", b"\x00", b"\x0c", b"\xff\xfe", b"\xc3\xa9", b"\xe2\x80\x99", b"[fusion_text]",
    b"[/fusion_text]", b"[fusion_builder_container]", b"[/fusion_builder_row]", b"[[x]]",
    b'[fusion_title size="2"]', b'class="fusion-title fusion-title-size-two"',
    b'class="fusion-no-large-visibility"', b'srcset="a.jpg 1x, b,c.jpg 2w, , 9q"',
    b'style="font-weight:700;display:none;url(data:x;y)"', b"<svg><script>", b"javascript:",
    b'<img src="data:image/gif;base64,R0lGOD" data-orig-src="x-300x200.jpg">', b"<h2><p>", b"<a><div>",
]  # fmt: skip


#: Units repeated thousands of times by the "shape" mutation: runs of comments (a page
#: test once backtracked exponentially on them), unclosed brackets and shortcode tags,
#: unbalanced quotes, attributes on one element, global elements and chart data.
SHAPES = [
    b"<!-- wp:group -->\n", b"<!--", b"<!-- a -- b ->", b"[", b"[fusion_global ", b'[fusion_global id="1"]',
    b"[fusion_text ", b'[x a="', b"[x a='", b'"', b"'", b'="', b"<p ", b"<", b"a=1 ", b'a="<>" ', b"x ",
    b'[fusion_chart_dataset values="1|2|3"][/fusion_chart_dataset]', b"|", b"  ", b"\n ", b"&#", b"&",
]  # fmt: skip


def seeds() -> list[bytes]:
    found = [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures").rglob("*")) if p.is_file()]
    if CORPUS.is_dir():
        found += [p.read_bytes() for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix != ".tsv"]
    return found or [b"<p>seed</p>"]


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    buf = bytearray(data[:200_000])
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(8)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[pos:pos] = rng.choice(TOKENS)
        elif op == 2:
            del buf[pos : pos + rng.randint(1, 200)]
        elif op == 3:
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            buf[pos:pos] = other[start : start + rng.randint(1, 2000)]
        elif op == 4:
            buf = buf[: pos or len(buf)]  # truncate
        elif op == 5:
            chunk = bytes(buf[pos : pos + rng.randint(1, 100)])
            buf[pos:pos] = chunk * rng.randint(2, 20)
        elif op == 6:  # deep nesting: a tag opened many times (the seed's closing tags may close them)
            buf[pos:pos] = rng.choice(TOKENS) * rng.randint(50, 2000)
        else:  # a shape that costs time out of proportion when some pattern is not linear
            unit = rng.choice(SHAPES)
            if rng.random() < 0.3:
                unit += rng.choice(SHAPES)
            buf[pos:pos] = unit * rng.randint(500, max(500, min(20_000, 300_000 // len(unit))))
    return bytes(buf)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def t_clean_str(data: bytes) -> None:
    for fmt in ("html", "markdown", "text", "json"):
        fusionclean.clean(_text(data), output=fmt)


def t_clean_bytes(data: bytes) -> None:
    fusionclean.clean(data, preset="strict")


def t_rest_json(data: bytes) -> None:
    post = {"id": 1, "title": {"rendered": _text(data[:80])}, "content": {"rendered": _text(data)}}
    fusionclean.clean(json.dumps(post), output="markdown")


def t_shortcodes(data: bytes) -> None:
    fusionclean.clean(_text(data), kind="shortcodes", output="text")


def t_roundtrip(data: bytes) -> None:
    doc = fusionclean.parse(_text(data))
    assert fusionclean.document.Document.from_dict(json.loads(doc.to_json())) == doc


def t_wxr(data: bytes) -> None:
    head = (b'<?xml version="1.0"?><rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><wp:post_id>1</wp:post_id>'
            b"<content:encoded><![CDATA[")  # fmt: skip
    body = head + data.replace(b"]]>", b"") + b"]]></content:encoded></item></channel></rss>"
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as fh:
        fh.write(body if random.random() < 0.7 else data)
    try:
        for item in fusionclean.load_wxr(fh.name):
            fusionclean.clean(item)
    finally:
        Path(fh.name).unlink()


def t_clean_many(data: bytes) -> None:
    lines = _text(data).split("\n")[:20]
    list(
        fusionclean.clean_many([fusionclean.Record(str(i), line) for i, line in enumerate(lines)], workers=1)
    )


_PAGE_HEAD = (
    '<!DOCTYPE html><html><head><script>var s = "<main>";</script></head><body>'
    '<header><nav><a href="/">Home</a></nav></header><main id="main"><div class="fusion-row">'
    '<section id="content">'
)
_PAGE_TAIL = '</section><aside id="sidebar">Side</aside></div></main><footer>Foot</footer></body></html>'


def _area_intact(page: str) -> bool:
    """Did the whole-page parse keep #content whole, in its place (no stray end tag)?"""
    from fusionclean._parse import parse_html

    root = parse_html(page)  # with fusionclean's own text clean-up (control characters...)
    found = root.xpath("//*[@id='content']")
    if len(found) != 1:
        return False
    area = found[0]
    parent, after = area.getparent(), area.getnext()
    return (
        parent is not None and parent.get("class") == "fusion-row"
        and after is not None and after.get("id") == "sidebar" and after.getnext() is None
    )  # fmt: skip


def t_page(data: bytes) -> None:
    """Differential: where the whole page parses #content intact, parsing only the region
    gives the same output. (Broken markup that ends the area early in the whole page is
    not compared: the region keeps more there, by design.)"""
    from fusionclean.transforms import select_content

    page = _PAGE_HEAD + _text(data) + _PAGE_TAIL
    result = fusionclean.convert(page)
    if not _area_intact(page) or any(m.code == "flattened-deep-nesting" for m in result.messages):
        return  # the depth limit counts from the root: the region is three levels shallower
    narrowed = fusionclean.emit.JsonEmitter().emit(result.document)
    original = select_content.narrow
    select_content.narrow = lambda text: text  # type: ignore[assignment]
    try:
        whole = fusionclean.emit.JsonEmitter().emit(fusionclean.parse(page))
    finally:
        select_content.narrow = original  # type: ignore[assignment]
    assert narrowed == whole, "narrowing changed the output"


TARGETS: dict[str, Callable[[bytes], None]] = {
    "clean_str": t_clean_str, "clean_bytes": t_clean_bytes, "rest_json": t_rest_json,
    "shortcodes": t_shortcodes, "roundtrip": t_roundtrip, "wxr": t_wxr, "clean_many": t_clean_many,
    "page": t_page,
}  # fmt: skip


class _Hang(BaseException):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Hang


def run(seconds: float, targets: list[str], seed: int, hang: float) -> int:
    signal.signal(signal.SIGALRM, _on_alarm)
    rng = random.Random(seed)
    pool = seeds()
    deadline = time.monotonic() + seconds
    runs: Counter[str] = Counter()
    problems = 0
    while time.monotonic() < deadline:
        name = rng.choice(targets)
        data = mutate(rng.choice(pool), rng, pool)
        start = time.monotonic()
        signal.alarm(int(hang * 3) + 1)  # a real hang is interrupted and reported, not waited on
        try:
            TARGETS[name](data)
        except InputError:
            pass  # documented refusal
        except _Hang:
            pass  # reported below from the elapsed time
        except Exception:
            problems += 1
            _save(name, data, traceback.format_exc())
        finally:
            signal.alarm(0)
        elapsed = time.monotonic() - start
        if elapsed > hang:
            problems += 1
            _save(name, data, f"hang: {elapsed:.1f}s")
        runs[name] += 1
    total = sum(runs.values())
    print(
        f"fuzz: {total} inputs in {seconds:.0f}s (seed {seed}); "
        + ", ".join(f"{k} {v}" for k, v in sorted(runs.items()))
    )
    print(f"fuzz: {problems} crashes or hangs" + (f" (see {CRASHES})" if problems else ""))
    return 1 if problems else 0


def _save(name: str, data: bytes, why: str) -> None:
    CRASHES.mkdir(exist_ok=True)
    stem = CRASHES / f"{name}-{int(time.time() * 1000)}"
    stem.with_suffix(".input").write_bytes(data)
    stem.with_suffix(".txt").write_text(why)
    print(f"fuzz: {name}: {why.strip().splitlines()[-1]}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--target", choices=sorted(TARGETS), action="append")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--hang", type=float, default=10.0, help="seconds after which a call counts as a hang"
    )
    args = parser.parse_args(argv)
    return run(args.seconds, args.target or sorted(TARGETS), args.seed, args.hang)


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    raise SystemExit(main())
