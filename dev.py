#!/usr/bin/env python3
"""Bootstrap and run fusionclean's jobs with nothing but Python 3 installed.

    python3 dev.py demo     # clean the bundled example post, print HTML and Markdown
    python3 dev.py test     # lint, type-check and run the whole test suite
    python3 dev.py bench    # run the benchmarks (installs the peer tools first)

The first run creates ./.venv and installs the package with its dev extra into it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".fusionclean-installed"


def run(*cmd: str | Path) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def ensure_env(extra: str = "dev") -> None:
    if not PY.exists():
        print("creating .venv ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    marker = STAMP.with_suffix("." + extra)
    pyproject = ROOT / "pyproject.toml"
    if not marker.exists() or marker.stat().st_mtime < pyproject.stat().st_mtime:
        run(PY, "-m", "pip", "install", "-q", "--upgrade", "pip")
        run(PY, "-m", "pip", "install", "-q", "-e", f".[{extra}]")
        marker.touch()


def main(argv: list[str]) -> None:
    job = argv[0] if argv else "test"
    rest = argv[1:]
    if job == "demo":
        ensure_env("dev")
        run(BIN / "fusionclean", "demo", *rest)
    elif job == "test":
        ensure_env("dev")
        run(PY, "-m", "ruff", "check", "src", "tests", "benchmarks", "fuzz", "examples")
        run(PY, "-m", "mypy")
        run(BIN / "lint-imports", "--no-cache")  # the layers (pyproject.toml, docs/architecture.md)
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        with tempfile.TemporaryDirectory() as site:  # strict: a broken reference fails
            run(PY, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site)
        run(PY, "fuzz/fuzz.py", "--seconds", "30")  # a short, fixed-seed fuzz budget
        run(PY, "-m", "pytest", *rest)
    elif job == "bench":
        ensure_env("bench")
        run(PY, "benchmarks/run.py", *rest)
    else:
        raise SystemExit(f"unknown job {job!r}: use demo, test or bench")


if __name__ == "__main__":
    main(sys.argv[1:])
