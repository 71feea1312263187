#!/usr/bin/env python3
"""Scaling figures for bulk work (issue: pipelines at scale; WXR streaming).

    python benchmarks/scale.py workers            # throughput with 1 and 2 worker processes
    python benchmarks/scale.py memory             # peak RSS for 10,000 vs 100,000 JSONL records
    python benchmarks/scale.py wxr --size-mb 1024 # peak RSS streaming a synthetic WXR export

Each measurement runs in a fresh child process so peak memory (ru_maxrss) is its own.
Inputs are synthetic, built from the corpus's REST posts (or a built-in post without it).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FALLBACK = '<div class="fusion-text"><p>Water the <b>beans</b> at dawn.</p></div>' * 20


def _bodies() -> list[str]:
    bodies = [json.loads(p.read_text())["content"]["rendered"] for p in sorted(CORPUS.glob("wpjson/*.json"))]
    return bodies or [FALLBACK]


def _write_jsonl(path: Path, n: int) -> None:
    bodies = _bodies()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "content": {"rendered": bodies[i % len(bodies)]}}) + "\n")


def _child(code: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


_RUN = """
import json, resource, time, fusionclean
t = time.perf_counter(); n = 0
for r in fusionclean.clean_many([{path!r}], workers={workers}, output="markdown"):
    n += 1
print(json.dumps({{"records": n, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def workers(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        _write_jsonl(path, n)
        one = _child(_RUN.format(path=str(path), workers=1))
        two = _child(_RUN.format(path=str(path), workers=2))
    r1, r2 = one["records"] / one["seconds"], two["records"] / two["seconds"]
    print(f"{n} records: 1 worker {r1:.1f} rec/s, 2 workers {r2:.1f} rec/s, speed-up {r2 / r1:.2f}x")


def memory(small: int, large: int) -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (small, large):
            path = Path(tmp) / f"posts-{n}.jsonl"
            _write_jsonl(path, n)
            results[n] = _child(_RUN.format(path=str(path), workers=1))
            path.unlink()
    a, b = results[small]["peak_mb"], results[large]["peak_mb"]
    print(
        f"peak RSS: {small} records {a:.1f} MB, {large} records {b:.1f} MB, growth {100 * (b / a - 1):+.1f}%"
    )


_WXR_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Synthetic</title>
"""
_WXR_ITEM = """<item><title>Post {i}</title><link>https://example.org/p/{i}/</link><dc:creator>x</dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>{i}</wp:post_id>
<wp:post_name>post-{i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
"""

_WXR_RUN = """
import json, resource, time, fusionclean
t = time.perf_counter(); n = 0; chars = 0
for item in fusionclean.load_wxr({path!r}):
    n += 1; chars += len(item.content)
print(json.dumps({{"items": n, "seconds": time.perf_counter() - t, "content_mb": chars / 1e6,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def wxr(size_mb: int, clean: bool) -> None:
    body = _bodies()[0].replace("]]>", "]]&gt;")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xml"
        target = size_mb * 1024 * 1024
        with path.open("w", encoding="utf-8") as fh:
            fh.write(_WXR_HEAD)
            i = 0
            while fh.tell() < target:
                fh.write(_WXR_ITEM.format(i=i, body=body))
                i += 1
            fh.write("</channel></rss>\n")
        code = (
            _WXR_RUN
            if not clean
            else _WXR_RUN.replace("chars += len(item.content)", "chars += len(fusionclean.clean(item))")
        )
        result = _child(code.format(path=str(path)))
    print(
        f"{size_mb} MB WXR: {result['items']} items in {result['seconds']:.1f}s, peak RSS {result['peak_mb']:.1f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="what", required=True)
    w = sub.add_parser("workers")
    w.add_argument("--records", type=int, default=2000)
    m = sub.add_parser("memory")
    m.add_argument("--small", type=int, default=10_000)
    m.add_argument("--large", type=int, default=100_000)
    x = sub.add_parser("wxr")
    x.add_argument("--size-mb", type=int, default=1024)
    x.add_argument("--clean", action="store_true", help="also clean every item")
    args = parser.parse_args()
    if args.what == "workers":
        workers(args.records)
    elif args.what == "memory":
        memory(args.small, args.large)
    else:
        wxr(args.size_mb, args.clean)
    _ = resource, time
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
