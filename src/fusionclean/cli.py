"""Command line.

    fusionclean clean PATH... [-f FORMAT] [-o DIR | --jsonl FILE] [--workers N] ...
    fusionclean demo

``clean`` takes files, directories (searched recursively with ``--glob``) and ``-`` for
standard input; JSON lists, JSONL files and WXR exports expand into their records. Output
goes to stdout, to a directory (one file per record, named by slug or id) or to a JSONL
file (one line per record: id, meta, output, messages — or the error). Records are
processed by a pool of ``--workers`` processes and written in input order. Exit status: 0
when every record was cleaned, 1 when any failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any

from . import __version__
from ._api import OUTPUTS, clean
from ._batch import CleanResult, Record, clean_many, iter_records, only_types
from .errors import FusionCleanError
from .sources.wordpress import loads_json

__all__ = ["main"]

_EXTENSIONS = {"html": "html", "markdown": "md", "text": "txt", "json": "json"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fusionclean", description="Clean Avada / Fusion Builder content.")
    parser.add_argument("--version", action="version", version=f"fusionclean {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("clean", help="clean files, directories, JSON/JSONL/WXR exports or stdin")
    c.add_argument("paths", nargs="+", metavar="PATH", help="input files or directories, or - for stdin")
    c.add_argument("-f", "--format", choices=OUTPUTS, default="html", help="output format (default: html)")
    dest = c.add_mutually_exclusive_group()
    dest.add_argument("-o", "--output-dir", type=Path, help="write one file per record into this directory")
    dest.add_argument("--jsonl", metavar="FILE", help="write one JSON line per record to FILE (- for stdout)")
    c.add_argument("--glob", default="*", help="file pattern inside directories (default: *)")
    c.add_argument(
        "--types",
        metavar="TYPES",
        help="only these post types, comma-separated (e.g. post,page); records naming no type are kept",
    )
    c.add_argument("--workers", type=int, default=0, help="worker processes (default: CPU count)")
    c.add_argument("--preset", default="default", help="preset: default, minimal or strict")
    c.add_argument("--base-url", default=None, help="base URL for relative links")
    c.add_argument("--front-matter", action="store_true", help="YAML front matter in Markdown output")
    c.add_argument("--fail-fast", action="store_true", help="stop at the first record that fails")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    d = sub.add_parser("demo", help="clean the bundled example post; print HTML and Markdown")
    d.add_argument("-f", "--format", choices=OUTPUTS, action="append", help="formats to print")
    return parser


def _stdin_records() -> Iterator[Record]:
    data = sys.stdin.buffer.read()
    text = data.decode("utf-8", "replace")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3]):
        from ._batch import _records_from_jsonl

        yield from _records_from_jsonl(lines, "<stdin>")
    elif text.lstrip().startswith("["):
        from ._batch import _records_from_json

        try:
            yield from _records_from_json(loads_json(text), "<stdin>")
        except ValueError:
            yield Record("stdin", data, "<stdin>")
    else:
        yield Record("stdin", data, "<stdin>")


def _records(args: argparse.Namespace) -> Iterator[Record]:
    types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
    for path in args.paths:
        records = _stdin_records() if path == "-" else iter_records(Path(path), glob=args.glob)
        yield from (only_types(records, types) if types else records)


def _file_name(result: CleanResult, used: set[str], ext: str) -> str:
    slug = result.meta.get("slug") or result.id
    base = re.sub(r"[^\w.-]+", "-", str(slug)).strip("-.") or "record"
    name = f"{base}.{ext}"
    n = 2
    while name in used:
        name = f"{base}-{n}.{ext}"
        n += 1
    used.add(name)
    return name


class _Progress:
    """A one-line progress report on stderr: records, rate, failures (and ETA if known)."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.enabled = enabled
        self.total = total
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, failed: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.last < 0.1:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        line = f"{done} records, {rate:.1f}/s, {failed} failed"
        if self.total:
            eta = (self.total - done) / rate if rate else 0
            line = f"{done}/{self.total} records, {rate:.1f}/s, ETA {eta:.0f}s, {failed} failed"
        sys.stderr.write("\r" + line + ("\n" if final else ""))
        sys.stderr.flush()


def _count_records(args: argparse.Namespace) -> int | None:
    """Records the inputs will yield, when that is cheap to know (for the ETA); else None."""
    total = 0
    if args.types:
        return None  # how many records are of those types is known only once they are read
    for raw in args.paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob(args.glob) if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix == ".jsonl":
                with file.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif suffix in (".json", ".xml"):
                return None  # a list or an export: counting means parsing
            else:
                total += 1
    return total


def _run_clean(args: argparse.Namespace) -> int:
    options: dict[str, Any] = {}
    if args.front_matter and args.format == "markdown":
        options["front_matter"] = True
    single = (
        len(args.paths) == 1 and args.output_dir is None and args.jsonl is None
        and args.paths[0] != "-" and Path(args.paths[0]).is_file()
        and Path(args.paths[0]).suffix.lower() not in (".jsonl", ".xml")
    )  # fmt: skip
    if single:
        try:
            out = clean(
                Path(args.paths[0]), output=args.format, preset=args.preset, base_url=args.base_url, **options
            )
        except FusionCleanError as exc:
            print(f"fusionclean: error: {exc}", file=sys.stderr)
            return 1
        sys.stdout.write(out + "\n")
        return 0
    sink: IO[str] | None = None
    if args.jsonl is not None:
        sink = sys.stdout if args.jsonl == "-" else open(args.jsonl, "w", encoding="utf-8")  # noqa: SIM115
    if args.output_dir is not None:
        args.output_dir.mkdir(parents=True, exist_ok=True)
    show = sys.stderr.isatty() and not args.quiet
    progress = _Progress(show, _count_records(args) if show else None)
    used: set[str] = set()
    done = failed = 0
    codes: Counter[str] = Counter()
    try:
        results = clean_many(
            _records(args), workers=args.workers or None, output=args.format, preset=args.preset,
            base_url=args.base_url, **options,
        )  # fmt: skip
        for result in results:
            done += 1
            if not result.ok:
                failed += 1
                codes[f"error:{result.error_type}"] += 1
                if sink is None:
                    print(
                        f"fusionclean: {result.id} ({result.origin}): {result.error_type}: {result.error}",
                        file=sys.stderr,
                    )
            for m in result.messages:
                codes[m["code"]] += m.get("count", 1)
            if sink is not None:
                sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            elif result.ok and args.output_dir is not None:
                name = _file_name(result, used, _EXTENSIONS[args.format])
                (args.output_dir / name).write_text((result.output or "") + "\n", encoding="utf-8")
            elif result.ok:
                sys.stdout.write((result.output or "") + "\n")
            progress.update(done, failed)
            if failed and args.fail_fast:
                break
    finally:
        if sink is not None and sink is not sys.stdout:
            sink.close()
    progress.update(done, failed, final=True)
    if not args.quiet:
        summary = ", ".join(f"{code} × {n}" for code, n in codes.most_common())
        print(f"fusionclean: {done} records, {done - failed} cleaned, {failed} failed"
              + (f"; messages: {summary}" if summary else ""), file=sys.stderr)  # fmt: skip
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        source = resources.files("fusionclean").joinpath("examples/founding-post.html")
        html = source.read_bytes()
        for fmt in args.format or ["html", "markdown"]:
            print(f"==> {fmt}")
            print(clean(html, output=fmt, base_url="https://example.org/blog/balcony-tomatoes/"))
            print()
        return 0
    try:
        return _run_clean(args)
    except FusionCleanError as exc:
        print(f"fusionclean: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
