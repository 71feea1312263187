"""RAG chunks: metadata, paths, offsets, minimum, overlap, length; the adapters; the corpus
figures in docs/cookbook/rag.md."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import pytest

import fusionclean
from fusionclean.document import Chunk, Chunks

from .conftest import CORPUS

POST = {
    "id": 42,
    "type": "post",
    "slug": "beds",
    "link": "https://example.com/beds/",
    "date": "2024-03-01T09:00:00",
    "modified": "2024-04-02T10:00:00",
    "title": {"rendered": "Raised beds"},
    "content": {
        "rendered": "<p>" + "Raised beds warm up early. " * 10 + "</p>"
        "<h2>Soil</h2><p>" + "Mix compost and loam. " * 12 + "</p>"
        "<p><a href='/quote'>Get a free quote</a></p>"
        "<h2>Water</h2><p>" + "Water deeply twice a week. " * 9 + "</p>"
    },
}


def test_chunks_carry_metadata_path_index_and_offsets() -> None:
    doc = fusionclean.parse(POST)
    chunks = doc.chunks(400)
    assert isinstance(chunks, Chunks) and isinstance(chunks, list)
    text = doc.to_text()
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.path[0] == "Raised beds"  # the title from meta roots every path
        assert chunk.size == len(chunk.text) <= 400
        record = chunk.to_dict()
        assert record["doc_id"] == 42 and record["url"] == "https://example.com/beds/"
        assert record["title"] == "Raised beds" and record["type"] == "post"
        assert record["date"] == "2024-03-01T09:00:00" and record["modified"] == "2024-04-02T10:00:00"
        assert record["chunk_id"] == f"42-{chunk.index}"
        assert record["start"] == chunk.start and record["end"] == chunk.end
    assert [c.path for c in chunks] == [("Raised beds",), ("Raised beds", "Soil"), ("Raised beds", "Water")]
    assert chunks[1].text.endswith("Get a free quote")  # the button merged into its section


def test_small_sections_merge_and_headings_go_into_the_text() -> None:
    doc = fusionclean.parse("<h1>Guide</h1><p>Intro.</p><h2>Soil</h2><p>Loam.</p><h2>Water</h2><p>Often.</p>")
    (only,) = doc.chunks(500, min_size=20)
    assert only.path == ("Guide",)
    assert only.text == "Intro.\n\nSoil\n\nLoam.\n\nWater\n\nOften."
    assert [c.path for c in doc.chunks(500, min_size=0)] == [
        ("Guide",),
        ("Guide", "Soil"),
        ("Guide", "Water"),
    ]


def test_no_chunk_under_the_minimum_when_neighbours_have_room() -> None:
    blocks = "".join(f"<h2>S{i}</h2><p>{'word ' * (3 + 7 * (i % 3))}</p>" for i in range(30))
    doc = fusionclean.parse(blocks)
    chunks = doc.chunks(200, min_size=40)
    assert all(40 <= c.size <= 200 for c in chunks)
    assert doc.to_text().endswith(chunks[-1].text)


def test_a_small_chunk_borrows_the_nearest_block_when_the_whole_neighbour_is_too_big() -> None:
    doc = fusionclean.parse(
        "<h2>A</h2><p>Tiny.</p><h2>B</h2><p>" + "x" * 145 + "</p><p>" + "y" * 145 + "</p>"
    )
    chunks = doc.chunks(300, min_size=40)
    assert [c.text[:11] for c in chunks] == ["A\n\nTiny.\n\nB", "y" * 11]
    assert [c.path for c in chunks] == [(), ("B",)]
    assert all(40 <= c.size <= 300 for c in chunks)


def test_a_small_chunk_takes_the_first_sentences_of_a_single_long_block() -> None:
    body = "Lorem ipsum dolor sit amet. " * 10
    doc = fusionclean.parse(f"<h2>Help?</h2><p>Get a free quote</p><h2>Where</h2><p>{body}</p>")
    chunks = doc.chunks(300, min_size=40)
    assert chunks[0].text == "Help?\n\nGet a free quote\n\nWhere\n\nLorem ipsum dolor sit amet."
    assert chunks[0].path == () and chunks[1].path == ("Where",)
    assert all(40 <= c.size <= 300 for c in chunks)
    assert "".join(c.text for c in chunks).count("Lorem") == 10


def test_long_block_is_cut_into_even_pieces() -> None:
    doc = fusionclean.parse("<p>" + "One sentence here. " * 40 + "</p>")
    sizes = [c.size for c in doc.chunks(300)]
    assert len(sizes) == 3 and max(sizes) - min(sizes) < 60


def test_overlap_and_length_function() -> None:
    doc = fusionclean.parse("<p>" + " ".join(f"w{i}." for i in range(100)) + "</p>")

    def words(text: str) -> int:
        return len(text.split())

    chunks = doc.chunks(30, overlap=5, length=words)
    assert all(c.size <= 30 for c in chunks)
    for before, after in itertools.pairwise(chunks):
        assert before.text.split()[-5:] == after.text.split()[:5]
        assert after.start < before.end


def test_backward_compatible_call_and_bad_options() -> None:
    doc = fusionclean.parse("<h1>A</h1><p>one</p>")
    assert doc.chunks(max_chars=100)[0].text == "one"
    assert doc.chunks(100) == doc.chunks(max_chars=100)
    assert Chunk("t", ("p",), ()).to_dict()["text"] == "t"  # the old positional form still builds
    for bad in (
        {"max_size": 0},
        {"min_size": -1},
        {"max_size": 100, "overlap": 100},
        {"max_size": 10, "max_chars": 10},
    ):
        with pytest.raises(fusionclean.ConfigError):
            doc.chunks(**bad)  # type: ignore[arg-type]


def test_chunks_show_as_an_escaped_table() -> None:
    doc = fusionclean.parse("<h2>&lt;script&gt;</h2><p>a &lt;b&gt; c</p>")
    html = doc.chunks()._repr_html_()
    assert "<table>" in html and "&lt;script&gt;" in html and "<script>" not in html


def test_langchain_documents() -> None:
    pytest.importorskip("langchain_core", reason="install fusionclean[rag]")
    from langchain_core.documents import Document as LcDocument

    chunks = fusionclean.parse(POST).chunks(400)
    docs = chunks.to_langchain()
    assert all(isinstance(d, LcDocument) for d in docs)
    assert docs[1].page_content == chunks[1].text
    assert docs[1].metadata["heading"] == "Raised beds > Soil"
    assert docs[1].metadata["doc_id"] == 42 and "path" not in docs[1].metadata
    assert docs[1].id == "42-1"


def test_llama_index_nodes() -> None:
    pytest.importorskip("llama_index.core", reason="install fusionclean[rag]")
    from llama_index.core.schema import TextNode

    chunks = fusionclean.parse(POST).chunks(400)
    nodes = chunks.to_llama_index()
    assert all(isinstance(n, TextNode) for n in nodes)
    assert nodes[2].text == chunks[2].text and nodes[2].node_id == "42-2"
    assert (nodes[2].start_char_idx, nodes[2].end_char_idx) == (chunks[2].start, chunks[2].end)
    assert nodes[2].metadata["url"] == "https://example.com/beds/"


def test_adapters_are_imported_only_when_called() -> None:
    import subprocess

    code = (
        "import sys, fusionclean; fusionclean.parse('<p>x</p>').chunks();"
        "print(any(m.startswith(('langchain', 'llama_index')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_corpus_figures_in_the_cookbook() -> None:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "chunks.py"
    spec = importlib.util.spec_from_file_location("bench_chunks", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_chunks"] = module
    spec.loader.exec_module(module)
    figures = module.measure(CORPUS, max_size=500)
    assert figures.misplaced == [] and figures.pathless == []
    assert max(figures.sizes) <= 500
    # the figures docs/cookbook/rag.md states
    assert figures.documents == 58
    assert figures.chunks == 581
    assert figures.under_minimum == []  # "Get a free quote" is no chunk of its own
    assert min(figures.sizes) == 52
    assert figures.quantiles() == [98, 121, 159, 202, 265, 318, 361, 415, 448]
