"""The loss ledger: where every visible word of the content area went.

Word recall says how many words came through; it cannot say whether the ones that did not
were removed by a documented rule or lost silently. The ledger runs the pipeline one step
at a time and counts the visible words of the tree before and after each step (words are
``\\w+`` runs, case-folded, read as a browser lays the text out: blocks apart, inline
elements joined; ``script``, ``style`` and other invisible elements never count). A word a
step removes is *accounted* when the step reported a removal while it ran (a ``dropped-*``
message, a kept listing, a repaired text), under that message code; when the step reported
several, under their codes joined by ``+``. A word lost by a step that reported nothing,
or between the cleaned tree and the Document, is *unaccounted*: a silent loss, worth a bug
report.

The baseline is the content area: for a whole page, the area ``select_content`` picks (its
chrome removals inside the area are accounted as ``dropped-chrome``); for a fragment, a
REST post or shortcodes, the whole of it as parsed (what the shortcode reader drops while
rendering is reported in the messages, not counted here).

    >>> import fusionclean
    >>> from fusionclean.ledger import ledger
    >>> book = ledger('<div class="fusion-no-large-visibility"><p>Phone copy</p></div><p>Desk words</p>')
    >>> book.words, book.kept, dict(book.accounted), book.unaccounted
    (4, 2, {'dropped-hidden': 2}, 0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ._context import Context
from ._pipeline import Pipeline
from ._tree import WORD_RE as _WORD_RE
from ._tree import visible_words

__all__ = ["Ledger", "ledger", "visible_words"]

#: Message codes that report a removal or a change of words (besides every ``dropped-*``).
_ACCOUNTING: Final = frozenset(
    {"kept-listing", "repaired-entities", "repaired-encoding", "flattened-deep-nesting", "placeholder-image"}
)


def _text_words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD_RE.findall(text))


@dataclass(frozen=True, slots=True)
class Ledger:
    """Where the visible words of one document's content area went.

    Attributes:
        words: Visible words of the content area.
        kept: Of them, the ones in the output (as a multiset: a word twice in the source
            and once in the output counts once).
        accounted: Words removed under each message code (``"a+b"``: by a step that
            reported both).
        unaccounted: Words lost with no message.
        unaccounted_by_step: The silent losses by the step (or ``"document"``, the build of
            the Document from the cleaned tree) that lost them.
        missing: Up to 20 of the words lost silently, for a bug report.
    """

    words: int
    kept: int
    accounted: Mapping[str, int] = field(default_factory=dict)
    unaccounted: int = 0
    unaccounted_by_step: Mapping[str, int] = field(default_factory=dict)
    missing: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, for a report."""
        return {
            "words": self.words,
            "kept": self.kept,
            "accounted": dict(self.accounted),
            "unaccounted": self.unaccounted,
            "unaccounted_by_step": dict(self.unaccounted_by_step),
            "missing": list(self.missing),
        }


def _reported(ctx: Context) -> Counter[str]:
    """How often each accounting code has been reported so far in the run."""
    seen: Counter[str] = Counter()
    for (_transform, code, _level), counter in ctx._tallies.items():
        seen[code] += sum(counter.values())
    for message in ctx.messages:
        seen[message.code] += 1
    return Counter({c: n for c, n in seen.items() if c.startswith("dropped-") or c in _ACCOUNTING})


def _attribute(lost: int, codes: list[str], noted: Counter[str], accounted: Counter[str]) -> None:
    """Share a step's lost words among the codes it reported: by the words its removals
    noted under each code (scaled down when nested removals noted words twice), the rest
    under the codes jointly."""
    precise = {c: n for c, n in noted.items() if c in codes and n}
    total = sum(precise.values())
    if total > lost:
        precise = {c: n * lost // total for c, n in precise.items()}
    for code, n in precise.items():
        if n:
            accounted[code] += n
    rest = lost - sum(precise.values())
    if rest:
        accounted["+".join(codes)] += rest


def ledger(
    source: Any,
    *,
    preset: str | Pipeline = "default",
    base_url: str | None = None,
    kind: str | None = None,
) -> Ledger:
    """Clean ``source`` step by step (as :func:`fusionclean.convert` does, same output) and
    return its loss ledger. Arguments as for :func:`fusionclean.parse`."""
    from ._api import _pipeline
    from ._load import load
    from ._markers import settle
    from ._transform import keeps_class_index
    from .document.build import build_document
    from .emit.text import TextEmitter
    from .transforms.select_content import _content_area

    pipeline = _pipeline(preset)
    root, ctx, meta = load(source, base_url=base_url, kind=kind, pipeline=pipeline)
    steps = pipeline.steps
    if ctx.is_page and steps and steps[0].name == "select_content":
        baseline = visible_words(_content_area(root))  # the area, chrome inside it included
    else:
        baseline = visible_words(root)
    accounted: Counter[str] = Counter()
    silent: Counter[str] = Counter()
    lost_words: Counter[str] = Counter()
    before, reported = baseline, _reported(ctx)
    ctx._index_depth += 1
    try:
        for step in steps:
            ctx._removed_words = Counter()
            step(root, ctx)
            if not keeps_class_index(step):
                ctx._forget_index()
            after, now = visible_words(root), _reported(ctx)
            lost = before - after
            if lost:
                codes = sorted(now - reported)
                if codes:
                    _attribute(sum(lost.values()), codes, ctx._removed_words, accounted)
                else:
                    silent[step.name] += sum(lost.values())
                    lost_words += lost
            before, reported = after, now
    finally:
        ctx._index_depth -= 1
        ctx._forget_index()
        ctx._removed_words = None
    settle(root)  # as the pipeline's own run ends
    document = build_document(root, meta)
    final = _text_words(TextEmitter().emit(document))
    lost = before - final
    if lost:
        silent["document"] += sum(lost.values())
        lost_words += lost
    return Ledger(
        words=sum(baseline.values()),
        kept=sum((baseline & final).values()),
        accounted=dict(sorted(accounted.items())),
        unaccounted=sum(silent.values()),
        unaccounted_by_step=dict(silent),
        missing=tuple(sorted(lost_words, key=lambda w: (-lost_words[w], w))[:20]),
    )
