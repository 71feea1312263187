"""The transforms and their registry.

Each transform is a frozen dataclass whose fields are its options; its ``name`` is its
module name, registry key and fixture folder. ``get_transform(name, **options)`` builds one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .._transform import Transform
from ..errors import UnknownNameError
from .drop_hidden import DropHidden
from .fix_headings import FixHeadings
from .map_fusion_elements import Element, MapFusionElements
from .normalize_styles import NormalizeStyles
from .prune_empty import PruneEmpty
from .render_shortcodes import RenderShortcodes
from .repair_text import RepairText
from .resolve_images import ResolveImages
from .resolve_links import ResolveLinks
from .sanitize import Sanitize
from .select_content import SelectContent
from .unwrap_fusion import UnwrapFusion

__all__ = [
    "TRANSFORMS", "DropHidden", "Element", "FixHeadings", "MapFusionElements", "NormalizeStyles",
    "PruneEmpty", "RenderShortcodes", "RepairText", "ResolveImages", "ResolveLinks", "Sanitize",
    "SelectContent", "UnwrapFusion", "get_transform", "register",
]  # fmt: skip

_REGISTRY: dict[str, type[Any]] = {
    cls.name: cls
    for cls in (
        SelectContent, RenderShortcodes, DropHidden, ResolveImages, MapFusionElements, UnwrapFusion,
        NormalizeStyles, RepairText, ResolveLinks, Sanitize, FixHeadings, PruneEmpty,
    )
}  # fmt: skip
#: Transform name → class (read-only view; add your own with :func:`register`).
TRANSFORMS: Final[Mapping[str, type[Any]]] = _REGISTRY


def register(cls: type[Any]) -> type[Any]:
    """Class decorator registering a custom transform under its ``name``.

    Raises:
        TypeError: the class has no string ``name`` or is not callable.
    """
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not callable(cls):
        raise TypeError("a transform class needs a string 'name' class attribute and __call__")
    _REGISTRY[name] = cls
    return cls


def get_transform(name: str, **options: Any) -> Transform:
    """Build the transform registered as ``name`` with ``options``.

    Raises:
        UnknownNameError: no transform has that name (the message lists the known ones).
        TypeError: an option name the transform does not have.
        ConfigError: an invalid option value.
    """
    cls = _REGISTRY.get(name)
    if cls is None:
        raise UnknownNameError("transform", name, tuple(_REGISTRY))
    transform: Transform = cls(**options)
    return transform
