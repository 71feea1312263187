"""Command line: ``fusionclean clean PATH|- [-f FORMAT]`` and ``fusionclean demo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__
from ._api import OUTPUTS, clean
from .errors import FusionCleanError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fusionclean", description="Clean Avada / Fusion Builder content.")
    parser.add_argument("--version", action="version", version=f"fusionclean {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("clean", help="clean one file (HTML, REST JSON, shortcodes) or stdin")
    c.add_argument("path", help="input file, or - for standard input")
    c.add_argument("-f", "--format", choices=OUTPUTS, default="html", help="output format")
    c.add_argument("--preset", default="default", help="preset name (default, minimal, strict)")
    c.add_argument("--base-url", default=None, help="base URL for relative links")
    c.add_argument("--front-matter", action="store_true", help="YAML front matter (markdown)")
    d = sub.add_parser("demo", help="clean the bundled example post; print HTML and Markdown")
    d.add_argument("-f", "--format", choices=OUTPUTS, action="append", help="formats to print")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            source = resources.files("fusionclean").joinpath("examples/founding-post.html")
            html = source.read_bytes()
            for fmt in args.format or ["html", "markdown"]:
                print(f"==> {fmt}")
                print(clean(html, output=fmt, base_url="https://example.org/blog/balcony-tomatoes/"))
                print()
            return 0
        data: bytes | Path = sys.stdin.buffer.read() if args.path == "-" else Path(args.path)
        options: dict[str, Any] = {}
        if args.front_matter and args.format == "markdown":
            options["front_matter"] = True
        out = clean(data, output=args.format, preset=args.preset, base_url=args.base_url, **options)
        sys.stdout.write(out + "\n")
        return 0
    except FusionCleanError as exc:
        print(f"fusionclean: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
