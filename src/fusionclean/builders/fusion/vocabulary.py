"""The names Fusion Builder's markup uses, read by the source readers and the steps."""

from __future__ import annotations

from typing import Final

__all__ = ["RENDERED_CLASSES"]

#: Classes only the builder's rendering writes. Where they stand the builder was active, and
#: a shortcode shown as text was written to be shown ([[escaped]] by its author, as in a
#: tutorial); text holding them is displayed HTML, never shortcode source.
RENDERED_CLASSES: Final = ("fusion-fullwidth", "fusion-layout-column", "fusion-column-wrapper")
