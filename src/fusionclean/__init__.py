"""fusionclean: clean Avada / Fusion Builder content into semantic HTML, Markdown, text or JSON.

>>> import fusionclean
>>> fusionclean.clean('<div class="fusion-title fusion-title-size-two"><h2>Hello</h2></div>')
'<h2>Hello</h2>'
"""

from __future__ import annotations

from . import document as document  # submodules users reach on purpose
from . import emit as emit
from . import errors as errors
from . import presets as presets
from . import schema as schema
from ._api import Conversion, clean, convert, parse
from ._batch import CleanResult, Record, clean_many, iter_records
from ._context import Context, Message, Messages, Result
from ._parse import Limits
from ._pipeline import Pipeline, Transform
from .document.nodes import Document, PostMeta
from .errors import (
    ConfigError,
    FusionCleanError,
    InputError,
    LimitExceededError,
    ParseError,
    UnknownNameError,
)  # fmt: skip
from .schema import Schema
from .sources.wxr import WxrItem, load_wxr
from .transforms import (
    DropHidden,
    Element,
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
    get_transform,
    register,
)  # fmt: skip

__version__ = "0.1.0"

__all__ = [
    "CleanResult", "ConfigError", "Context", "Conversion", "Document", "DropHidden", "Element", "FixHeadings",
    "FusionCleanError", "InputError", "LimitExceededError", "Limits", "MapFusionElements",
    "Message", "Messages", "NormalizeStyles", "ParseError", "Pipeline", "PostMeta", "PruneEmpty", "Record",
    "RenderShortcodes", "RepairText", "ResolveImages", "ResolveLinks", "Result", "Sanitize",
    "Schema", "SelectContent", "Transform", "UnknownNameError", "UnwrapFusion", "WxrItem",
    "__version__", "clean", "clean_many", "convert", "get_transform", "iter_records", "load_wxr",
    "parse", "register",
]  # fmt: skip

for _name in __all__:
    _obj = globals()[_name]
    if getattr(_obj, "__module__", "").startswith("fusionclean.") and isinstance(_obj, type):
        _obj.__module__ = "fusionclean"
del _name, _obj
