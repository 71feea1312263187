"""The loss ledger over the shared corpus: every visible word of each document's content
area is in the output or counted under a message code (no silent loss)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusionclean.ledger import ledger

from ..conftest import corpus_files


@pytest.mark.parametrize("path", corpus_files("rendered", "wpjson", "shortcodes"))
def test_no_word_is_lost_silently(path: Path) -> None:
    book = ledger(path)
    assert book.unaccounted == 0, book.to_dict()
    assert book.kept + sum(book.accounted.values()) >= book.words  # every word somewhere
