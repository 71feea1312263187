"""The cookbook notebook runs, and shows a Document, a Conversion with its messages and
chunks as HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "cookbook" / "notebook.ipynb"


def test_cookbook_notebook_executes() -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbclient and ipykernel are in the dev extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient and ipykernel are in the dev extra")
    pytest.importorskip("ipykernel", reason="nbclient and ipykernel are in the dev extra")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    html = [
        out["data"].get("text/html", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.get("output_type") == "execute_result"
    ]
    document, conversion, messages, chunks, record = html
    assert document.startswith("<h2>Soil</h2>")
    assert "Raised beds" in conversion and "dropped-decoration" in conversion and "<table>" in conversion
    assert "<table>" in messages and "dropped-decoration" in messages
    assert "Raised beds &gt; Soil" in chunks
    assert record == ""  # a plain dict shows as text
