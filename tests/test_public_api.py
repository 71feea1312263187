"""The public surface is pinned: a change to it shows up in review."""

from __future__ import annotations

import fusionclean


def test_all_pinned() -> None:
    assert sorted(fusionclean.__all__) == [
        "CleanResult", "ConfigError", "Context", "Conversion", "Document", "DropHidden",
        "FixHeadings", "FusionCleanError", "InputError", "LimitExceededError", "Limits",
        "MapFusionElements", "Message", "NormalizeStyles", "ParseError", "Pipeline", "PostMeta",
        "PruneEmpty", "Record", "RepairText", "ResolveImages", "ResolveLinks", "Result",
        "Sanitize", "Schema", "SelectContent", "Transform", "UnknownNameError", "UnwrapFusion",
        "WxrItem", "__version__", "clean", "clean_many", "convert", "get_transform",
        "iter_records", "load_wxr", "parse", "register",
    ]  # fmt: skip


def test_names_resolve_and_live_in_fusionclean() -> None:
    for name in fusionclean.__all__:
        obj = getattr(fusionclean, name)
        if isinstance(obj, type):
            assert obj.__module__ == "fusionclean", name


def test_every_public_name_is_in_the_api_reference() -> None:
    from pathlib import Path

    reference = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text()
    missing = [name for name in fusionclean.__all__ if name not in reference]
    assert not missing, f"add to docs/api.md: {missing}"
