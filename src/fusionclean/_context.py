"""Run state shared by the steps of one pipeline run: options, limits and messages.

Messages follow vfile's model: malformed content is reported, never raised. Counts of
routine removals (icons, separators, duplicates) are tallied and folded into one message
per (transform, code) when the run finishes, so a million-post run is not drowned in noise.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ._tree import visible_words

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

    from ._index import ClassIndex

__all__ = ["Context", "Message", "Messages", "Result"]

Level = Literal["info", "warning"]


@dataclass(frozen=True, slots=True)
class Message:
    """One thing a transform wants a human (or a log query) to know about a document.

    Attributes:
        code: Stable kebab-case identifier, e.g. ``"dropped-duplicate"``.
        text: Human-readable explanation.
        transform: Name of the step that reported it ("" for sources and parsing).
        line: Source line of the element involved, when known.
        level: ``"info"`` for documented, deliberate removals; ``"warning"`` for content
            that was malformed and left as it was, or repaired.
        count: How many occurrences this message stands for.
    """

    code: str
    text: str
    transform: str = ""
    line: int | None = None
    level: Level = "info"
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "code": self.code,
            "text": self.text,
            "transform": self.transform,
            "line": self.line,
            "level": self.level,
            "count": self.count,
        }


class Messages(tuple[Message, ...]):
    """The messages of a run: a plain ``tuple`` of :class:`Message` that shows itself as a
    table in notebooks (every value escaped)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from ._display import html_table

        rows = [(m.level, m.code, m.transform, m.line, m.count, m.text) for m in self]
        return html_table(
            ("level", "code", "transform", "line", "count", "text"), rows, caption=f"{len(self)} messages"
        )


@dataclass(slots=True)
class Context:
    """Mutable state of one run. Create one per document; never share between threads.

    Attributes:
        base_url: Absolute URL that relative links are resolved against (or ``None``).
        now: When scheduled builder elements are judged (``None``: all are kept).
        is_page: True when the input was a whole HTML page rather than a fragment.
        messages: Individual messages, in the order they were reported.
        notes: What steps' ``prepare_source`` hooks noted about the source, by step name.
    """

    base_url: str | None = None
    is_page: bool = False
    #: The moment elements with a publication window are judged at (``None``: windows are
    #: not applied, so output never depends on the clock).
    now: datetime.datetime | None = None
    messages: list[Message] = field(default_factory=list)
    _tallies: dict[tuple[str, str, Level], Counter[str]] = field(default_factory=dict)
    _index: Any = field(default=None, repr=False)
    _index_depth: int = field(default=0, repr=False)
    #: What steps noted about the source before it was parsed (their ``prepare_source``
    #: hook), under the step's name; empty for a tree handed to a pipeline.
    notes: dict[str, Any] = field(default_factory=dict, repr=False)
    #: What the export holds beside the post, for stored shortcodes to resolve against:
    #: attachment id → file URL, and Avada Library (global element) id → its content.
    attachments: Mapping[str, str] = field(default_factory=dict, repr=False)
    library: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: Stored-form renderers of the pipeline's own elements, by shortcode name (its
    #: ``shortcode_renderers`` hook): the shortcode reader renders those shortcodes with them.
    shortcodes: Mapping[str, Callable[[Mapping[str, str], str], str]] = field(
        default_factory=dict, repr=False
    )
    #: Visible words removed by code, noted by steps as they remove them (only while the
    #: loss ledger is kept: None otherwise, and noting costs nothing).
    _removed_words: Counter[str] | None = field(default=None, repr=False)

    def class_index(self, root: HtmlElement) -> ClassIndex:
        """The elements under ``root`` that carry a class: built once per pipeline run.

        Outside a pipeline run (a step called on its own) a fresh index is built each time.
        """
        index = self._index
        if index is not None and index.root is root:
            return index  # type: ignore[no-any-return]
        from ._index import ClassIndex

        index = ClassIndex(root)
        if self._index_depth:
            self._index = index
        return index

    def find_classes(self, root: HtmlElement, names: Set[str], *, verify: bool = True) -> list[HtmlElement]:
        """Descendants of ``root`` with one of the class ``names``, in document order, from
        the run's class index (built here when there is none: then nothing can have
        changed since, and the lookup skips its liveness checks).

        ``verify=False``: candidates, not answers — elements an earlier step removed or
        took the class from may be among them. For a caller that re-reads each class and
        checks each element is still in the tree itself (as it must anyway when it
        changes the tree while it goes through them).
        """
        index = self._index
        if index is not None and index.root is root:
            return index.find(names, fresh=not verify)  # type: ignore[no-any-return]
        index = self.class_index(root)
        return index.find(names, fresh=True)

    def _forget_index(self) -> None:
        self._index = None

    def warn(
        self,
        transform: str,
        code: str,
        text: str,
        el: HtmlElement | None = None,
        *,
        level: Level = "warning",
    ) -> None:
        """Report one message, with the element's source line when given."""
        line = getattr(el, "sourceline", None) if el is not None else None
        self.messages.append(Message(code, text, transform, line, level))

    def info(self, transform: str, code: str, text: str, el: HtmlElement | None = None) -> None:
        """Report one informational message."""
        self.warn(transform, code, text, el, level="info")

    def removing(self, code: str, el: HtmlElement) -> None:
        """Note that the visible words of ``el`` are removed under ``code`` (for the loss
        ledger, :mod:`fusionclean.ledger`; nothing happens when no ledger is kept)."""
        if self._removed_words is not None:
            self._removed_words[code] += sum(visible_words(el).values())

    def tally(self, transform: str, code: str, what: str, n: int = 1, *, level: Level = "info") -> None:
        """Count a routine event; folded into one message per (transform, code) at the end."""
        key = (transform, code, level)
        counter = self._tallies.get(key)
        if counter is None:
            counter = self._tallies[key] = Counter()
        counter[what] += n

    def finish(self) -> list[Message]:
        """Fold the tallies into messages and return every message of the run."""
        for (transform, code, level), counter in self._tallies.items():
            total = sum(counter.values())
            detail = ", ".join(f"{what} × {n}" for what, n in sorted(counter.items()))
            self.messages.append(Message(code, detail, transform, None, level, total))
        self._tallies.clear()
        return self.messages


@dataclass(frozen=True, slots=True)
class Result:
    """What :meth:`Pipeline.run` returns: the cleaned tree and what happened to it."""

    root: HtmlElement
    messages: tuple[Message, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        # lxml elements do not pickle; ship the serialized tree and rebuild it.
        from lxml import etree

        markup = etree.tostring(self.root, encoding="unicode", method="html")
        return (_rebuild_result, (markup, self.messages))


def _rebuild_result(markup: str, messages: tuple[Message, ...]) -> Result:
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(markup)
    return Result(root, messages)
