"""The immutable Pipeline that chains transforms (the protocol is in ``_transform``).

Every operation on a Pipeline returns a new Pipeline, so one pipeline can be shared by
notebook cells, threads and worker processes (it pickles).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ._context import Context, Result
from ._load import load
from ._markers import settle
from ._transform import (
    ShortcodeRenderer,
    Transform,
    keeps_class_index,
    narrower,
    shortcode_renderers,
    source_preparer,
)
from .errors import ConfigError, UnknownNameError

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

__all__ = ["Pipeline", "Transform"]


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An immutable, named, ordered tuple of transforms.

    Example:
        >>> from fusionclean.presets import DEFAULT
        >>> "sanitize" in DEFAULT.names
        True
        >>> short = DEFAULT.without("fix_headings")
        >>> "fix_headings" in short.names, "fix_headings" in DEFAULT.names
        (False, True)
    """

    steps: tuple[Transform, ...] = ()
    #: Nested as a step, a pipeline may run any step: the outer run rebuilds its index.
    keeps_class_index: ClassVar[bool] = False

    def __post_init__(self) -> None:
        if not isinstance(self.steps, tuple):
            object.__setattr__(self, "steps", tuple(self.steps))
        seen: set[str] = set()
        for step in self.steps:
            if not isinstance(step, Transform):
                raise TypeError(f"pipeline steps must be transforms, got {type(step).__name__}")
            if step.name in seen:
                raise ConfigError(f"duplicate step name {step.name!r} in pipeline")
            seen.add(step.name)

    # -- introspection -----------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """The step names, in order."""
        return tuple(step.name for step in self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[Transform]:
        return iter(self.steps)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __getitem__(self, name: str) -> Transform:
        return self.steps[self._index(name)]

    def _index(self, name: str) -> int:
        for i, step in enumerate(self.steps):
            if step.name == name:
                return i
        raise UnknownNameError("step", name, self.names)

    # -- building new pipelines --------------------------------------------------------
    def insert_before(self, anchor: str, step: Transform) -> Pipeline:
        """Return a pipeline with ``step`` placed just before the step named ``anchor``."""
        i = self._index(anchor)
        return Pipeline((*self.steps[:i], step, *self.steps[i:]))

    def insert_after(self, anchor: str, step: Transform) -> Pipeline:
        """Return a pipeline with ``step`` placed just after the step named ``anchor``."""
        i = self._index(anchor) + 1
        return Pipeline((*self.steps[:i], step, *self.steps[i:]))

    def replace(self, step: Transform) -> Pipeline:
        """Return a pipeline where the step with the same name is swapped for ``step``."""
        i = self._index(step.name)
        return Pipeline((*self.steps[:i], step, *self.steps[i + 1 :]))

    def without(self, *names: str) -> Pipeline:
        """Return a pipeline without the named steps."""
        for name in names:
            self._index(name)
        drop = set(names)
        return Pipeline(tuple(s for s in self.steps if s.name not in drop))

    def only(self, *names: str) -> Pipeline:
        """Return a pipeline keeping only the named steps, in this pipeline's order."""
        for name in names:
            self._index(name)
        keep = set(names)
        return Pipeline(tuple(s for s in self.steps if s.name in keep))

    def __add__(self, other: Pipeline | Transform) -> Pipeline:
        if isinstance(other, Pipeline):
            return Pipeline(self.steps + other.steps)
        if isinstance(other, Transform):
            return Pipeline((*self.steps, other))
        return NotImplemented

    # -- running -----------------------------------------------------------------------
    def __call__(self, root: HtmlElement, ctx: Context, /) -> None:
        """Run every step in order on ``root`` (in place). A pipeline is itself a transform."""
        ctx._index_depth += 1
        try:
            for step in self.steps:
                step(root, ctx)
                if not keeps_class_index(step):
                    ctx._forget_index()  # it may have added classed elements the index lacks
        finally:
            ctx._index_depth -= 1
            if not ctx._index_depth:
                ctx._forget_index()
        if not ctx._index_depth:
            settle(root)  # the outermost run: no marker a step left outlives it

    # -- hooks (see ``_transform``): a pipeline answers them for its steps ---------------
    def narrow(self, text: str) -> str:
        """The first step's ``narrow`` hook (the part of a page worth parsing)."""
        narrow = narrower(self.steps[0]) if self.steps else None
        return narrow(text) if narrow is not None else text

    def shortcode_renderers(self) -> dict[str, ShortcodeRenderer]:
        """Every step's ``shortcode_renderers``, a later step's over an earlier one's."""
        found: dict[str, ShortcodeRenderer] = {}
        for step in self.steps:
            found.update(shortcode_renderers(step))
        return found

    def prepare_source(self, text: str, kind: str, ctx: Context) -> str | None:
        """Every step's ``prepare_source`` hook, in order, each given the text the one
        before returned; the text to parse, or ``None`` when no hook changed it."""
        changed = None
        for step in self.steps:
            prepare = source_preparer(step)
            if prepare is not None:
                new = prepare(text if changed is None else changed, kind, ctx)
                if new is not None:
                    changed = new
        return changed

    def apply(self, tree: HtmlElement, *, ctx: Context | None = None, in_place: bool = False) -> HtmlElement:
        """Run the steps on an lxml tree and return the cleaned tree.

        This is the escape hatch for users who want the lxml tree itself (to keep their own
        attributes or run their own code before the Document is built).

        Args:
            tree: The container element whose descendants are cleaned.
            ctx: Collects messages; a fresh one is made when omitted.
            in_place: Mutate ``tree`` itself instead of a deep copy.

        Raises:
            TypeError: ``tree`` is not an lxml element.
        """
        from lxml import etree

        if not isinstance(tree, etree._Element):
            raise TypeError(f"apply() expects an lxml element, got {type(tree).__name__}")
        root = tree if in_place else copy.deepcopy(tree)
        self(root, ctx if ctx is not None else Context())
        return root

    def run(self, source: Any, *, base_url: str | None = None, **kwargs: Any) -> Result:
        """Load and parse ``source`` (anything :func:`fusionclean.clean` accepts), run the steps.

        Returns:
            ``Result(root, messages)``: the cleaned container element and every message.
        """
        root, ctx, _meta = load(source, base_url=base_url, pipeline=self, **kwargs)
        self(root, ctx)
        return Result(root, tuple(ctx.finish()))

    def __repr__(self) -> str:
        return f"Pipeline({', '.join(self.names)})"
