"""Derived views over a Document for retrieval pipelines: sections and chunks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from .._meta import PostMeta
from .nodes import Block, Document, Heading, Section, inline_text

__all__ = ["Chunk", "Chunks", "build_sections", "chunk_document"]


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
    """A piece of a document for embedding: its text, where it sits and whose it is.

    Attributes:
        text: The chunk's text, exactly ``document.to_text()[start:end]``.
        path: The heading breadcrumb, rooted at the document's title (``meta.title``)
            when it has one. Headings of sections the chunk spans below its path are in
            its text.
        blocks: The top-level blocks the text comes from.
        index: Position among the document's chunks (0, 1, ...).
        start: Offset of the first character in the document's text (``to_text()``).
        end: Offset just past the last character.
        size: The text's size as measured by the chunker's length function (characters
            unless a tokenizer was given).
        meta: The document's metadata (id, title, link, type, dates...).
    """

    text: str
    path: tuple[str, ...]
    blocks: tuple[Block, ...]
    index: int = 0
    start: int = 0
    end: int = 0
    size: int = 0
    meta: PostMeta = field(default_factory=PostMeta)

    @property
    def id(self) -> str | None:
        """A stable id ``"<document id>-<index>"`` (``None`` when the document has no id)."""
        ident = self.meta.id if self.meta.id is not None else self.meta.slug
        return None if ident is None else f"{ident}-{self.index}"

    def metadata(self) -> dict[str, Any]:
        """Everything but the text and the blocks, as flat JSON-ready values."""
        meta = self.meta
        return {
            "chunk_id": self.id,
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "size": self.size,
            "path": list(self.path),
            "heading": " > ".join(self.path),
            "doc_id": meta.id,
            "title": meta.title,
            "url": meta.link,
            "type": meta.type,
            "date": meta.date,
            "modified": meta.modified,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain dict: ``text`` plus :meth:`metadata` (keys always present, ``None`` when unknown)."""
        return {"text": self.text, **self.metadata()}

    def to_langchain(self) -> Any:
        """A ``langchain_core.documents.Document`` (install ``fusionclean[rag]``)."""
        try:
            from langchain_core.documents import Document as LangchainDocument
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError("to_langchain() needs langchain-core: pip install 'fusionclean[rag]'") from None
        return LangchainDocument(page_content=self.text, metadata=_scalar(self.metadata()), id=self.id)

    def to_llama_index(self) -> Any:
        """A ``llama_index.core.schema.TextNode`` (install ``fusionclean[rag]``)."""
        try:
            from llama_index.core.schema import TextNode
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError(
                "to_llama_index() needs llama-index-core: pip install 'fusionclean[rag]'"
            ) from None
        kwargs: dict[str, Any] = {
            "text": self.text,
            "metadata": _scalar(self.metadata()),
            "start_char_idx": self.start,
            "end_char_idx": self.end,
        }
        if self.id is not None:
            kwargs["id_"] = self.id
        return TextNode(**kwargs)


def _scalar(metadata: dict[str, Any]) -> dict[str, Any]:
    """Metadata vector stores accept: no lists (the path stays as the ``heading`` string),
    no ``None``."""
    return {k: v for k, v in metadata.items() if v is not None and not isinstance(v, list)}


class Chunks(list[Chunk]):
    """The chunks of one or more documents: a plain ``list`` that shows itself as a table in
    notebooks and converts to the records of other tools."""

    __slots__ = ()

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each chunk's :meth:`Chunk.to_dict` (rows for a DataFrame or a JSON file)."""
        return [c.to_dict() for c in self]

    def to_langchain(self) -> list[Any]:
        """LangChain ``Document`` objects, one per chunk."""
        return [c.to_langchain() for c in self]

    def to_llama_index(self) -> list[Any]:
        """LlamaIndex ``TextNode`` objects, one per chunk."""
        return [c.to_llama_index() for c in self]

    def _repr_html_(self) -> str:
        from .._display import html_table, preview

        rows = [(c.index, " > ".join(c.path), c.size, f"{c.start}–{c.end}", preview(c.text)) for c in self]
        return html_table(("#", "path", "size", "span", "text"), rows, caption=f"{len(self)} chunks")


_SEP: Final = "\n\n"  # between blocks in the document's text (TextEmitter.emit)
_SENTENCE_END_RE: Final = re.compile(r"[.!?…](?=\s)")
_WORD_END_RE: Final = re.compile(r"\S(?=\s|\Z)")


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    path: tuple[str, ...]
    block: Block
    heading: bool


def chunk_document(
    doc: Document,
    *,
    max_size: int = 2000,
    min_size: int | None = None,
    overlap: int = 0,
    length: Callable[[str], int] | None = None,
) -> Chunks:
    """Cut a document into chunks of at most ``max_size`` (characters, or ``length`` units).

    A chunk ends where a section ends; inside a section it is cut between blocks, and a
    single block longer than the limit is cut between sentences (else words). A chunk
    smaller than ``min_size`` is merged with a neighbour — its own section's first — as
    long as the two fit ``max_size`` together; a merged chunk's path is the part the two
    share, and the headings below it are in its text. When no whole neighbour fits, it
    takes the nearest blocks of one — or, when that neighbour is one long block, its
    nearest sentences — if both then reach the minimum. So a "Get a free quote" button is
    no chunk of its own; only a document smaller than ``min_size`` gives a smaller chunk
    (or, rarely, a small block between neighbours that cannot give it enough).

    Args:
        doc: The document.
        max_size: The largest chunk, overlap included.
        min_size: The smallest chunk worth embedding alone; default ``max_size // 10``;
            0 keeps every section's chunks apart.
        overlap: Each chunk that continues the previous one's section starts with up to
            this much of the previous one's end (cut at a word); chunks that open a
            section start at it.
        length: Measures a text (a tokenizer's count, say); default ``len``.

    Raises:
        ConfigError: a size below 1, a negative ``min_size`` or ``overlap``, or an
            ``overlap`` not below ``max_size``.
    """
    from ..emit.text import TextEmitter
    from ..errors import ConfigError

    measure: Callable[[str], int] = len if length is None else length
    if not callable(measure):
        raise ConfigError(f"length must be a callable taking a str, got {length!r}")
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size < 1:
        raise ConfigError(f"max_size must be a positive integer, got {max_size!r}")
    minimum = max_size // 10 if min_size is None else min_size
    if not isinstance(minimum, int) or minimum < 0:
        raise ConfigError(f"min_size must be a non-negative integer, got {min_size!r}")
    if not isinstance(overlap, int) or overlap < 0 or overlap >= max_size:
        raise ConfigError(f"overlap must be an integer from 0 to max_size - 1, got {overlap!r}")
    budget = max_size - overlap

    # the document's text, as TextEmitter.emit writes it, and one unit per block (or piece)
    emitter = TextEmitter()
    parts: list[str] = []
    units: list[_Unit] = []
    stack: list[tuple[int, tuple[str, ...]]] = [(0, ())]
    pos = 0
    for block in doc.children:
        text = emitter.block_text(block)
        if not text:
            continue
        if parts:
            pos += len(_SEP)
        parts.append(text)
        lead = len(text) - len(text.lstrip())
        core = text.strip()
        begin = pos + lead
        pos += len(text)
        if isinstance(block, Heading):
            while stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, (*stack[-1][1], inline_text(block.children).strip())))
            if core:
                units.append(_Unit(begin, begin + len(core), stack[-1][1], block, True))
            continue
        if not core:
            continue
        path = stack[-1][1]
        if measure(core) <= budget:
            units.append(_Unit(begin, begin + len(core), path, block, False))
        else:
            for a, b in _split_spans(core, budget, measure):
                units.append(_Unit(begin + a, begin + b, path, block, False))
    full = _SEP.join(parts)

    def size(i: int, j: int) -> int:
        return measure(full[units[i].start : units[j - 1].end])

    # 1. pack each section's units (headings are the path, not the text)
    segments: list[list[int]] = []  # [first unit, end unit) in units
    current: list[int] | None = None
    for k, unit in enumerate(units):
        if unit.heading:
            current = None
            continue
        if current is not None and size(current[0], k + 1) <= budget:
            current[1] = k + 1
        else:
            current = [k, k + 1]
            segments.append(current)

    # 2. merge what is under the minimum into a neighbour, while the two fit
    def common(i: int, j: int) -> tuple[str, ...]:
        paths = [u.path for u in units[i:j] if not u.heading]
        first = paths[0]
        n = len(first)
        for p in paths[1:]:
            n = min(n, len(p))
            while n and p[:n] != first[:n]:
                n -= 1
        return first[:n]

    def merged(a: list[int], b: list[int]) -> list[int]:
        i, j = a[0], b[1]
        depth = len(common(i, j))
        while i > 0 and units[i - 1].heading and len(units[i - 1].path) > depth:
            i -= 1  # the headings just above, now below the chunk's path: in its text
        return [i, j]

    def borrow(k: int) -> bool:
        seg = segments[k]
        for other in (k + 1, k - 1):
            if not 0 <= other < len(segments):
                continue
            lo, hi = segments[other]
            cuts = [c for c in range(lo + 1, hi) if not units[c].heading and not units[c - 1].heading]
            for c in cuts if other > k else reversed(cuts):  # as few blocks as will do
                mine, theirs = (
                    (merged(seg, [lo, c]), [c, hi]) if other > k else (merged([c, hi], seg), [lo, c])
                )
                if minimum <= size(*mine) <= budget and size(*theirs) >= minimum:
                    if other > k:
                        segments[k : k + 2] = [mine, theirs]
                    else:
                        segments[k - 1 : k + 1] = [theirs, mine]
                    return True
        return False

    def split_edge(k: int) -> bool:
        # the neighbour's nearest block is all it has: cut that block after a sentence
        for other in (k + 1, k - 1):
            if not 0 <= other < len(segments):
                continue
            e = segments[other][0] if other > k else segments[other][1] - 1
            unit = units[e]
            if unit.heading:
                continue
            body = full[unit.start : unit.end]
            ends = [m.end() for m in _SENTENCE_END_RE.finditer(body)]
            for cut in ends if other > k else reversed(ends):
                resume = len(body) - len(body[cut:].lstrip())
                halves = [
                    _Unit(unit.start, unit.start + cut, unit.path, unit.block, False),
                    _Unit(unit.start + resume, unit.end, unit.path, unit.block, False),
                ]
                units[e : e + 1] = halves
                for segment in segments:
                    segment[0] += segment[0] > e
                    segment[1] += segment[1] > e
                if borrow(k):
                    return True
                units[e : e + 2] = [unit]  # no good: put the block back whole
                for segment in segments:
                    segment[0] -= segment[0] > e + 1
                    segment[1] -= segment[1] > e + 1
        return False

    k = 0
    while minimum and k < len(segments):
        seg = segments[k]
        if size(*seg) >= minimum or len(segments) == 1:
            k += 1
            continue
        options = []
        for other in (k - 1, k + 1):
            if 0 <= other < len(segments):
                left, right = (segments[other], seg) if other < k else (seg, segments[other])
                joined = merged(left, right)
                joined_size = size(*joined)
                if joined_size <= budget:
                    shared = len(common(*joined))
                    options.append((-shared, joined_size, other, joined))
        if not options:
            # no room for the whole neighbour: take its nearest blocks, or sentences
            if not borrow(k):
                split_edge(k)
            k += 1
            continue
        _, _, other, joined = min(options)
        lo = min(k, other)
        segments[lo : lo + 2] = [joined]
        k = max(lo - 1, 0)

    # 3. the chunks, with overlap where a chunk continues the previous one's section
    title = doc.meta.title
    chunks = Chunks()
    previous_end: int | None = None
    for index, (i, j) in enumerate(segments):
        start, end = units[i].start, units[j - 1].end
        path = common(i, j)
        if (
            overlap
            and previous_end is not None
            and i > 0
            and not units[i - 1].heading
            and units[i - 1].path == units[i].path
        ):
            start = _overlap_start(full, previous_end, start, overlap, measure)
        previous_end = end
        if title and (not path or path[0] != title):
            path = (title, *path)
        blocks: list[Block] = []
        for u in units[i:j]:
            if not blocks or blocks[-1] is not u.block:
                blocks.append(u.block)
        text = full[start:end]
        chunks.append(Chunk(text, path, tuple(blocks), index, start, end, measure(text), doc.meta))
    return chunks


def _split_spans(text: str, limit: int, measure: Callable[[str], int]) -> list[tuple[int, int]]:
    """Spans of ``text`` of at most ``limit``, cut after a sentence, else after a word, and
    of about the same size (no small last piece when a few sentences run over)."""
    total = measure(text)
    pieces = -(-total // limit)
    even = _spans(text, min(limit, -(-total // pieces) * 11 // 10), measure)
    return even if len(even) <= pieces else _spans(text, limit, measure)


def _spans(text: str, limit: int, measure: Callable[[str], int]) -> list[tuple[int, int]]:
    sentence_ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    word_ends = [m.end() for m in _WORD_END_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    s = 0
    n = len(text)
    while s < n:
        if measure(text[s:]) <= limit:
            spans.append((s, n))
            break
        e = _furthest(text, s, sentence_ends, limit, measure) or _furthest(text, s, word_ends, limit, measure)
        if not e:  # one word longer than the limit: cut it where the limit falls
            e = s + 1
            while e < n and measure(text[s : e + 1]) <= limit:
                e += 1
        spans.append((s, e))
        s = e
        while s < n and text[s].isspace():
            s += 1
    return spans


def _furthest(text: str, s: int, ends: list[int], limit: int, measure: Callable[[str], int]) -> int:
    """The furthest of ``ends`` after ``s`` whose span from ``s`` fits (0 if none)."""
    lo, hi, best = 0, len(ends) - 1, 0
    while lo <= hi:
        mid = (lo + hi) // 2
        e = ends[mid]
        if e <= s:
            lo = mid + 1
        elif measure(text[s:e]) <= limit:
            best, lo = e, mid + 1
        else:
            hi = mid - 1
    return best


def _overlap_start(
    full: str, previous_end: int, start: int, overlap: int, measure: Callable[[str], int]
) -> int:
    """How far back before ``start`` the chunk may begin: at most ``overlap`` of the
    previous chunk's end, from the start of a word."""
    floor = max(0, previous_end - overlap * 8)  # no tokenizer counts fewer than 1 per 8 chars
    candidates = [m.start() for m in re.finditer(r"(?<!\S)\S", full[floor:previous_end])]
    for c in candidates:  # the earliest that fits: the most overlap
        at = floor + c
        if measure(full[at:start]) <= overlap:
            return at
    return start
