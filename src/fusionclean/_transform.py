"""The Transform protocol and the optional hooks a transform may declare.

A transform is any object with a ``name`` and ``__call__(root, ctx)``. Beyond that, a step
may define any of the hooks below — and only these: the loader and the pipeline read them
through the functions here, never by probing a step for other attributes.

=====================  ============================================================  =========
hook                   what it is for                                                default
=====================  ============================================================  =========
``keeps_class_index``  ``ClassVar[bool]``: the step adds no element with a class, so  ``False``
                       the run's class index stays valid after it
``narrow(text)``       first step only, on a whole page: the part of the page's text  none
                       worth parsing (``select_content`` cuts the content area out)
``prepare_source(text, before the text is parsed: the step may note facts about the  none
kind, ctx)``           source for itself in ``ctx.notes[step.name]`` and return the
                       text to parse instead (``render_shortcodes`` renders stored
                       shortcodes to the builder's markup here, and notes whether
                       displayed HTML holds any left over)
``shortcode_renderers  ``Mapping[str, ShortcodeRenderer]``: the stored form of the      none
()``                   step's own elements, by shortcode name: the loader renders
                       those shortcodes with them (``map_fusion_elements``' user
                       ``Element`` objects give theirs)
=====================  ============================================================  =========

A ``Pipeline`` is itself a transform and answers each hook for its steps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, ClassVar, Final, Protocol, runtime_checkable

from ._context import Context

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

__all__ = [
    "HOOKS",
    "ShortcodeRenderer",
    "Transform",
    "keeps_class_index",
    "narrower",
    "shortcode_renderers",
    "source_preparer",
]

#: A stored-form renderer: ``render(attributes, body)`` → the markup the builder renders for
#: the shortcode (``body`` is its content, rendered already).
ShortcodeRenderer = Callable[[Mapping[str, str], str], str]

#: The names of the optional hooks (see the table above).
HOOKS: Final = frozenset({"keeps_class_index", "narrow", "prepare_source", "shortcode_renderers"})


@runtime_checkable
class Transform(Protocol):
    """One named step: mutates the tree under ``root`` in place and reports to ``ctx``.

    Implementations are frozen, slotted, keyword-only dataclasses whose fields are their
    options. They must touch only descendants of ``root`` and never raise on malformed
    content (report a message instead). A programming error in a step is not content and
    is not caught. Optional hooks are listed in :data:`HOOKS`.
    """

    name: ClassVar[str]

    def __call__(self, root: HtmlElement, ctx: Context, /) -> None: ...


def keeps_class_index(step: object) -> bool:
    """Whether the run's class index stays valid after ``step`` (the ``keeps_class_index`` hook)."""
    return bool(getattr(step, "keeps_class_index", False))


def narrower(step: object) -> Callable[[str], str] | None:
    """The ``narrow`` hook of ``step``, or ``None``."""
    narrow = getattr(step, "narrow", None)
    return narrow if callable(narrow) else None


def source_preparer(step: object) -> Callable[[str, str, Context], str | None] | None:
    """The ``prepare_source`` hook of ``step``, or ``None``."""
    prepare = getattr(step, "prepare_source", None)
    return prepare if callable(prepare) else None


def shortcode_renderers(step: object) -> Mapping[str, ShortcodeRenderer]:
    """The ``shortcode_renderers`` hook of ``step`` called, or an empty mapping."""
    hook = getattr(step, "shortcode_renderers", None)
    found: Mapping[str, ShortcodeRenderer] = hook() if callable(hook) else {}
    return found
