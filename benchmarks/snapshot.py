"""Write every corpus document in every output format to a folder, for an A/B diff.

    PYTHONPATH=<old checkout>/src .venv/bin/python benchmarks/snapshot.py /tmp/before
    .venv/bin/python benchmarks/snapshot.py /tmp/after
    diff -r /tmp/before /tmp/after

Options: ``--without STEP`` runs the default preset without that step (the marker check
of the redesign runs this for every step); ``--corpus DIR`` (default ``../shared/corpus``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import fusionclean

FORMATS = ("html", "markdown", "text", "json")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "../shared/corpus")
    parser.add_argument("--without", default=None)
    args = parser.parse_args(argv)
    preset: object = "default"
    if args.without:
        from fusionclean.presets import DEFAULT

        preset = DEFAULT.without(args.without)
    files = sorted(p for kind in ("rendered", "wpjson", "shortcodes") for p in (args.corpus / kind).glob("*") if p.is_file())
    args.out.mkdir(parents=True, exist_ok=True)
    for path in files:
        conv = fusionclean.convert(path, preset=preset)  # type: ignore[arg-type]
        for fmt in FORMATS:
            out = fusionclean.clean(path, output=fmt, preset=preset)  # type: ignore[arg-type]
            (args.out / f"{path.parent.name}--{path.name}.{fmt}").write_text(out, encoding="utf-8")
        messages = [m.to_dict() for m in conv.messages]
        (args.out / f"{path.parent.name}--{path.name}.messages").write_text(
            json.dumps(messages, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(f"{len(files)} documents → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
