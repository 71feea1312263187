"""Command line.

    fusionclean clean PATH... [-f FORMAT] [-o DIR | --jsonl FILE] [--workers N] ...
    fusionclean demo

``clean`` takes files, directories (searched recursively with ``--glob``) and ``-`` for
standard input; JSON lists, JSONL files and WXR exports expand into their records. Output
goes to stdout, to a directory (one file per record, named by slug or id) or to a JSONL
file (one line per record: id, meta, output, messages — or the error). Records are
processed by a pool of ``--workers`` processes and written in input order. Only published
posts and pages are cleaned unless ``--types``/``--status``/``--include-protected`` say
otherwise; the records left out are counted in the summary. Nothing is written outside
``-o`` (no file name leaves it, no symbolic link in it is written through). Exit status: 0
when every record was cleaned or left out, 1 when any failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any, Final

from . import __version__
from ._api import OUTPUTS, clean
from ._batch import ALL, CleanResult, Record, clean_many, iter_records, select
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
        help="only these post types, comma-separated, or 'all' (default: post,page); records naming no type are kept",
    )
    c.add_argument(
        "--status",
        metavar="STATUSES",
        help="only these statuses, comma-separated (e.g. publish,draft), or 'all' (default: publish); "
        "unpublished posts get 'draft: true' in front matter",
    )
    c.add_argument("--include-protected", action="store_true", help="clean password-protected posts too")
    c.add_argument("--follow-symlinks", action="store_true", help="read symbolic links inside input folders")
    c.add_argument("--workers", type=int, default=0, help="worker processes (default: CPU count)")
    c.add_argument("--preset", default="default", help="preset: default, minimal or strict")
    c.add_argument("--content", metavar="SEL", default=None, help="CSS selector of your theme's content area")
    c.add_argument(
        "--drop",
        metavar="SEL",
        action="append",
        default=[],
        help="CSS selector of parts to drop (repeatable)",
    )
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


def _names(value: str | None) -> list[str] | str | None:
    if value is None:
        return None
    names = [t.strip() for t in value.split(",") if t.strip()]
    return ALL if names == [ALL] else names


def _records(args: argparse.Namespace) -> Iterator[Record]:
    choice: dict[str, Any] = {
        "types": _names(getattr(args, "types", None)),
        "statuses": _names(getattr(args, "status", None)),
        "include_protected": getattr(args, "include_protected", False),
    }
    follow = getattr(args, "follow_symlinks", False)
    for path in args.paths:
        if path == "-":
            yield from select(_stdin_records(), **choice)
        else:
            yield from iter_records(Path(path), glob=args.glob, follow_symlinks=follow, **choice)


#: Names Windows gives to devices, whatever the extension (``con.md`` is the console).
_WINDOWS_RESERVED: Final = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
#: Names static-site generators read as a folder's own page: Hugo's ``_index.md`` lists the
#: section, its ``index.md`` makes the folder one page and hides the folder's other posts.
_SECTION_NAMES: Final = frozenset({"index", "_index"})
#: Longest file name stem, in UTF-8 bytes (file systems allow 255 for the whole name).
_MAX_STEM_BYTES: Final = 150


def _file_name(result: CleanResult, used: set[str], ext: str) -> tuple[str, str | None]:
    """A file name for ``result`` in the output folder, and why it differs from the slug
    (None when it does not). ``used`` holds the names given so far, case-folded: a name
    differing from another in case alone would overwrite it on macOS and Windows."""
    slug = str(result.meta.get("slug") or result.id)
    base = re.sub(r"[^\w.-]+", "-", slug).strip("-.") or "record"
    why = None
    if len(base.encode("utf-8")) > _MAX_STEM_BYTES:
        digest = hashlib.sha1(base.encode("utf-8", "replace")).hexdigest()[:8]
        base = base.encode("utf-8")[:_MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip("-.") + "-" + digest
        why = "name too long"
    stem, dot, rest = base.partition(".")
    if stem.lower() in _WINDOWS_RESERVED:  # "nul.txt" is the device too
        base, why = f"{stem}-post{dot}{rest}", "a Windows device name"
    elif base.lower() in _SECTION_NAMES:
        base, why = base + "-post", "a section page's name"
    name = f"{base}.{ext}"
    n = 2
    while name.casefold() in used:
        name = f"{base}-{n}.{ext}"
        n += 1
        why = why or "taken by another record (perhaps in another case)"
    used.add(name.casefold())
    return name, why


_SURROGATE_RE: Final = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """``text`` with lone surrogates (which no UTF-8 file can hold) as U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE_RE.sub("\ufffd", text)
    return text


def _write_inside(folder: Path, name: str, text: str) -> None:
    """Write ``text`` to ``folder/name``, never outside ``folder`` (already resolved): the
    name must stay in it, and a symbolic link planted at that name is not written through.

    Raises:
        OSError: the file cannot be written there.
    """
    target = folder / name
    if target.parent != folder or os.path.realpath(target.parent) != str(folder):
        raise OSError(f"refusing to write {name!r} outside {folder}")
    if target.is_symlink():
        raise OSError(f"refusing to write through the symbolic link {target}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o666)
    with open(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


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


def _preset(args: argparse.Namespace) -> Any:
    """The preset named, with the selectors given (``--content``, ``--drop``) in its first step."""
    if args.content is None and not args.drop:
        return args.preset
    from .presets import PRESETS
    from .transforms import SelectContent

    if args.preset not in PRESETS:
        return args.preset  # reported as an unknown preset where it is used
    return PRESETS[args.preset].replace(
        SelectContent(content_selector=args.content, drop_selectors=tuple(args.drop))
    )


def _run_clean(args: argparse.Namespace) -> int:
    try:
        args.preset = _preset(args)
    except FusionCleanError as exc:
        print(f"fusionclean: error: {exc}", file=sys.stderr)
        return 2
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
        sys.stdout.write(_encodable(out + "\n"))
        return 0
    sink: IO[str] | None = None
    if args.jsonl is not None:
        sink = sys.stdout if args.jsonl == "-" else open(args.jsonl, "w", encoding="utf-8")  # noqa: SIM115
    out_dir: Path | None = None
    if args.output_dir is not None:
        args.output_dir.mkdir(parents=True, exist_ok=True)
        out_dir = args.output_dir.resolve()
    show = sys.stderr.isatty() and not args.quiet
    progress = _Progress(show, _count_records(args) if show else None)
    used: set[str] = set()
    done = failed = 0
    codes: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    try:
        results = clean_many(
            _records(args), workers=args.workers or None, output=args.format, preset=args.preset,
            base_url=args.base_url, **options,
        )  # fmt: skip
        for result in results:
            done += 1
            if result.skipped is not None:
                skipped[result.skipped.split(":")[0]] += 1
            try:
                _deliver(result, args, sink, out_dir, used, codes)
            except (OSError, UnicodeError) as exc:  # this record's file, not the run
                result = CleanResult(
                    result.id, result.origin, None, error=str(exc), error_type=type(exc).__name__
                )
            if not result.ok:
                failed += 1
                codes[f"error:{result.error_type}"] += 1
                if sink is None:
                    print(
                        f"fusionclean: {result.id} ({result.origin}): {result.error_type}: {result.error}",
                        file=sys.stderr,
                    )
            progress.update(done, failed)
            if failed and args.fail_fast:
                break
    finally:
        if sink is not None and sink is not sys.stdout:
            sink.close()
    progress.update(done, failed, final=True)
    if not args.quiet:
        summary = ", ".join(f"{code} × {n}" for code, n in codes.most_common())
        left_out = sum(skipped.values())
        reasons = ", ".join(f"{why} × {n}" for why, n in skipped.most_common())
        print(f"fusionclean: {done} records, {done - failed - left_out} cleaned, {failed} failed"
              + (f", {left_out} left out ({reasons})" if left_out else "")
              + (f"; messages: {summary}" if summary else ""), file=sys.stderr)  # fmt: skip
    return 1 if failed else 0


def _deliver(
    result: CleanResult,
    args: argparse.Namespace,
    sink: IO[str] | None,
    out_dir: Path | None,
    used: set[str],
    codes: Counter[str],
) -> None:
    """Write one result where the run sends it and count its messages.

    Raises:
        OSError: its file cannot be written.
    """
    for m in result.messages:
        codes[m["code"]] += m.get("count", 1)
    if sink is not None:
        sink.write(_encodable(json.dumps(result.to_dict(), ensure_ascii=False)) + "\n")
    elif result.skipped is not None or not result.ok:
        return
    elif out_dir is not None:
        name, why = _file_name(result, used, _EXTENSIONS[args.format])
        if why is not None:
            codes["renamed-file"] += 1
            if not args.quiet:
                print(f"fusionclean: {result.id}: written as {name} ({why})", file=sys.stderr)
        _write_inside(out_dir, name, _encodable((result.output or "") + "\n"))
    else:
        sys.stdout.write(_encodable((result.output or "") + "\n"))


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
