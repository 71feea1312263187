"""Chunk the shared corpus and report what RAG users care about (docs/cookbook/rag.md).

    .venv/bin/python benchmarks/chunks.py [--max-size 500] [--corpus ../shared/corpus]

Prints the chunk count, the size distribution, the chunks under the minimum (and whether
their document is itself smaller) and the chunks with an empty heading path in documents
that have a title. ``tests/test_rag.py`` runs :func:`measure` and checks the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

import fusionclean

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@dataclass
class Figures:
    documents: int = 0
    chunks: int = 0
    sizes: list[int] = field(default_factory=list)
    #: chunks under the minimum in documents whose whole text is at least the minimum
    under_minimum: list[tuple[str, int]] = field(default_factory=list)
    #: chunks under the minimum in documents smaller than the minimum (allowed)
    small_documents: int = 0
    #: chunks with an empty path in a document that has a title
    pathless: list[str] = field(default_factory=list)
    #: chunks whose text is not the document's text at their offsets
    misplaced: list[str] = field(default_factory=list)

    def quantiles(self) -> list[int]:
        return [round(q) for q in statistics.quantiles(self.sizes, n=10)] if len(self.sizes) > 1 else []


def measure(corpus: Path = CORPUS, *, max_size: int = 500, min_size: int | None = None) -> Figures:
    """Chunk every document of ``corpus`` (rendered, wpjson, shortcodes)."""
    minimum = max_size // 10 if min_size is None else min_size
    figures = Figures()
    files = sorted(
        p for kind in ("rendered", "wpjson", "shortcodes") for p in (corpus / kind).glob("*") if p.is_file()
    )
    for path in files:
        doc = fusionclean.parse(path)
        text = doc.to_text()
        chunks = doc.chunks(max_size, min_size=min_size)
        figures.documents += 1
        figures.chunks += len(chunks)
        for chunk in chunks:
            figures.sizes.append(chunk.size)
            if chunk.size < minimum:
                if len(text) < minimum:
                    figures.small_documents += 1
                else:
                    figures.under_minimum.append((path.name, chunk.size))
            if doc.meta.title and not chunk.path:
                figures.pathless.append(path.name)
            if text[chunk.start : chunk.end] != chunk.text:
                figures.misplaced.append(path.name)
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-size", type=int, default=500)
    parser.add_argument("--min-size", type=int, default=None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    f = measure(args.corpus, max_size=args.max_size, min_size=args.min_size)
    print(f"documents: {f.documents}")
    print(f"chunks: {f.chunks}")
    print(f"size min/median/max: {min(f.sizes)} / {round(statistics.median(f.sizes))} / {max(f.sizes)}")
    print(f"size deciles: {f.quantiles()}")
    print(f"under the minimum: {len(f.under_minimum)} {f.under_minimum[:10]}")
    print(f"under the minimum in documents smaller than it: {f.small_documents}")
    print(f"empty path in a titled document: {len(f.pathless)}")
    print(f"text not at its offsets: {len(f.misplaced)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
