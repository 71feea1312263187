"""Derived views over a Document for retrieval pipelines: sections and chunks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .nodes import Block, Document, Heading, Section, inline_text

__all__ = ["Chunk", "build_sections", "chunk_document"]


def build_sections(doc: Document) -> Section:
    """Nest the blocks under their headings; the root section holds what precedes them."""

    @dataclass
    class _Open:
        heading: Heading | None
        level: int
        path: tuple[str, ...]
        blocks: list[Block]
        subs: list[Section]

    def close(s: _Open) -> Section:
        return Section(s.heading, s.path, tuple(s.blocks), tuple(s.subs))

    stack = [_Open(None, 0, (), [], [])]
    for block in doc.children:
        if isinstance(block, Heading):
            while stack[-1].level >= block.level:
                done = stack.pop()
                stack[-1].subs.append(close(done))
            path = (*stack[-1].path, inline_text(block.children).strip())
            stack.append(_Open(block, block.level, path, [], []))
        else:
            stack[-1].blocks.append(block)
    while len(stack) > 1:
        done = stack.pop()
        stack[-1].subs.append(close(done))
    return close(stack[0])


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a document for embedding: its text and the breadcrumb it sits under."""

    text: str
    path: tuple[str, ...]
    blocks: tuple[Block, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (text and path)."""
        return {"text": self.text, "path": list(self.path)}


def chunk_document(doc: Document, *, max_chars: int = 2000) -> list[Chunk]:
    """Cut a document into chunks of at most ``max_chars`` characters of text.

    Chunks never cross a section boundary; inside a section they are cut between blocks,
    and a single block longer than ``max_chars`` is cut between sentences or words.
    Each chunk carries the section's breadcrumb.

    Raises:
        ConfigError: ``max_chars`` below 1.
    """
    from ..emit.text import TextEmitter
    from ..errors import ConfigError

    if not isinstance(max_chars, int) or max_chars < 1:
        raise ConfigError(f"max_chars must be a positive integer, got {max_chars!r}")
    emitter = TextEmitter()
    chunks: list[Chunk] = []

    def visit(section: Section) -> None:
        buf: list[str] = []
        buf_blocks: list[Block] = []
        size = 0

        def flush() -> None:
            nonlocal buf, buf_blocks, size
            if buf:
                chunks.append(Chunk("\n\n".join(buf), section.path, tuple(buf_blocks)))
            buf, buf_blocks, size = [], [], 0

        for block in section.blocks:
            text = emitter.block_text(block).strip()
            if not text:
                continue
            if len(text) > max_chars:
                flush()
                for piece in _split_long(text, max_chars):
                    chunks.append(Chunk(piece, section.path, (block,)))
                continue
            if size + len(text) + (2 if buf else 0) > max_chars:
                flush()
            buf.append(text)
            buf_blocks.append(block)
            size += len(text) + (2 if len(buf) > 1 else 0)
        flush()
        for sub in section.subsections:
            visit(sub)

    visit(doc.sections())
    return chunks


def _split_long(text: str, limit: int) -> list[str]:
    import re

    pieces: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces
