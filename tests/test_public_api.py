"""The public surface is pinned: a change to it shows up in review."""

from __future__ import annotations

import fusionclean


def test_all_pinned() -> None:
    assert sorted(fusionclean.__all__) == [
        "CleanResult", "ConfigError", "Context", "Conversion", "Document", "DropHidden",
        "Element", "FixHeadings", "FusionCleanError", "InputError", "LimitExceededError", "Limits",
        "MapFusionElements", "Message", "Messages", "NormalizeStyles", "ParseError", "Pipeline", "PostMeta",
        "PruneEmpty", "Record", "RenderShortcodes", "RepairText", "ResolveImages", "ResolveLinks", "Result",
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


def test_every_message_code_is_in_the_messages_reference() -> None:
    # a code is the first "word-word" literal in a reporting call (warn, info, tally, a
    # renderer's count, a handler's drop-with-title); codes are how users filter reports
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    reference = (root / "docs" / "messages.md").read_text()
    documented = set(re.findall(r"`([a-z]+(?:-[a-z0-9]+)+)`", reference))
    found: dict[str, str] = {}
    for path in (root / "src" / "fusionclean").rglob("*.py"):
        source = path.read_text()
        for call in re.finditer(r"\b(?:warn|info|tally|count|_drop_with_title)\((.{0,300}?)\)", source, re.S):
            codes = re.findall(r'"([a-z]+(?:-[a-z0-9]+)+)"', call.group(1))
            if codes:
                found.setdefault(codes[0], path.name)
    from fusionclean.sources.shortcodes import SILENT
    from fusionclean.transforms import drop_hidden

    found.update(dict.fromkeys(SILENT.values(), "shortcodes.py"))
    found.update(
        dict.fromkeys(("dropped-hidden", "dropped-duplicate", "dropped-decoration"), drop_hidden.__name__)
    )
    assert len(found) > 20  # the scan still finds the reporting calls
    missing = {code: where for code, where in found.items() if code not in documented}
    assert not missing, f"add to docs/messages.md: {missing}"
