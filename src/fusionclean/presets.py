"""Ready-made pipelines. A preset is data: a constant built from other presets.

``DEFAULT`` is what :func:`fusionclean.clean` runs. ``MINIMAL`` only removes the builder
(content area, duplicates, wrappers, entities) and leaves the author's markup otherwise as
it was. ``STRICT`` is ``DEFAULT`` with ``STRICT_SCHEMA``: no iframes or video, no ``srcset``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ._pipeline import Pipeline
from .schema import STRICT_SCHEMA
from .transforms import (
    DropHidden,
    FixHeadings,
    MapFusionElements,
    NormalizeStyles,
    PruneEmpty,
    RenderShortcodes,
    RepairText,
    ResolveImages,
    ResolveLinks,
    Sanitize,
    SelectContent,
    UnwrapFusion,
)  # fmt: skip

__all__ = ["DEFAULT", "MINIMAL", "PRESETS", "STRICT"]

DEFAULT: Final = Pipeline(
    (
        SelectContent(),  # first: every later step should see the content area only
        RenderShortcodes(),  # before every step that reads the builder's classes
        DropHidden(),  # before mapping: duplicates must not be harvested as content
        ResolveImages(),  # before mapping: figures are built around real images
        MapFusionElements(),  # needs the builder's classes, which unwrap/sanitize remove
        UnwrapFusion(),  # after mapping: only meaningless wrappers are left
        NormalizeStyles(),  # before sanitize, which drops style=
        RepairText(),  # after unwrapping: fewer, longer text nodes to look at
        ResolveLinks(),  # before sanitize, so URL checks see absolute URLs
        Sanitize(),  # after every step that reads attributes
        FixHeadings(),  # on the clean tree; reads data-fc-heading left by mapping
        PruneEmpty(),  # last: earlier steps leave empty elements behind
    )
)
MINIMAL: Final = DEFAULT.only(
    "select_content",
    "render_shortcodes",
    "drop_hidden",
    "resolve_images",
    "unwrap_fusion",
    "repair_text",
    "prune_empty",
)
STRICT: Final = DEFAULT.replace(Sanitize(schema=STRICT_SCHEMA))

#: Preset name → pipeline.
PRESETS: Final[Mapping[str, Pipeline]] = {"default": DEFAULT, "minimal": MINIMAL, "strict": STRICT}
