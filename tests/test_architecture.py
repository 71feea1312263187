"""The house's shape: no import cycles in src/, and the hooks a step may have are declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fusionclean
from fusionclean import _transform
from fusionclean.presets import DEFAULT
from fusionclean.transforms import TRANSFORMS

grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (the dev extra)")

#: Lazy imports (inside a method) that close a loop on purpose: a Document renders itself
#: with the emitters, and its sections()/chunks() are views built in their own module.
_ALLOWED = {
    ("fusionclean.document.nodes", "fusionclean.document.views"),
    ("fusionclean.document.nodes", "fusionclean.emit"),  # to_html() & co: get_emitter
    ("fusionclean.document.nodes", "fusionclean.emit.html"),
    ("fusionclean.document.nodes", "fusionclean.emit.markdown"),
    ("fusionclean.document.views", "fusionclean.emit.text"),
}


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("fusionclean")
    for importer, imported in _ALLOWED:
        if graph.direct_import_exists(importer=importer, imported=imported):
            graph.remove_import(importer=importer, imported=imported)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append((module, *back))
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_hooks_are_read_only_through_the_protocol_module() -> None:
    # a hook probed with getattr anywhere else would be a hook the protocol does not declare
    src = Path(_transform.__file__).parent
    probes = re.compile(r"getattr\((?:step|pipeline|self\.steps\[\d\]|transform)\b")
    offenders = [
        f"{path.relative_to(src)}:{n}"
        for path in src.rglob("*.py")
        if path.name != "_transform.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if probes.search(line)
    ]
    assert not offenders


def test_steps_hooks_have_their_declared_shapes() -> None:
    for name, cls in TRANSFORMS.items():
        step = cls()
        assert isinstance(_transform.keeps_class_index(step), bool), name
        for hook in ("narrow", "prepare_source", "shortcode_renderers"):
            if hasattr(cls, hook):
                assert callable(getattr(step, hook)), (name, hook)
    assert {n for n, c in TRANSFORMS.items() if hasattr(c, "narrow")} == {"select_content"}
    assert {n for n, c in TRANSFORMS.items() if hasattr(c, "prepare_source")} == {"render_shortcodes"}
    assert {n for n, c in TRANSFORMS.items() if hasattr(c, "shortcode_renderers")} == {"map_fusion_elements"}


def test_pipeline_answers_hooks_for_its_steps() -> None:
    assert _transform.narrower(DEFAULT) is not None
    page = "<html><body><header>menu</header><main><p>Words</p></main></body></html>"
    assert DEFAULT.narrow(page) == DEFAULT["select_content"].narrow(page)  # type: ignore[attr-defined]
    from fusionclean._context import Context

    ctx = Context()
    assert DEFAULT.prepare_source("<p>no shortcodes</p>", "html", ctx) is None
    assert ctx.notes == {"render_shortcodes": False}
    assert DEFAULT.prepare_source("[fusion_text]x[/fusion_text]", "html", ctx) is None
    assert ctx.notes == {"render_shortcodes": True}
    # stored shortcodes are rendered by the step's hook, before parsing
    assert (
        DEFAULT.prepare_source("[fusion_text]x[/fusion_text]", "shortcodes", ctx) == "<div>\n<p>x</p>\n</div>"
    )
    assert ctx.notes == {"render_shortcodes": False}


def test_a_pipeline_without_the_render_step_leaves_shortcodes_as_text_and_says_so() -> None:
    conversion = fusionclean.convert(
        '[fusion_title size="2"]Beds[/fusion_title]',
        kind="shortcodes",
        preset=DEFAULT.without("render_shortcodes"),
    )
    assert "[fusion_title" in conversion.document.to_json()
    assert [m.code for m in conversion.messages] == ["unrendered-shortcodes"]


_ALERT = '<div class="fusion-alert alert"><div class="fusion-alert-content">Mind the step.</div></div>'


def test_a_bug_in_an_element_handler_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    from fusionclean.transforms import map_fusion_elements

    def broken(*_args: object, **_kwargs: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'tag'")

    monkeypatch.setattr(map_fusion_elements, "make", broken)
    with pytest.raises(AttributeError):
        fusionclean.clean(_ALERT)


def test_malformed_content_in_an_element_handler_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from fusionclean.transforms import map_fusion_elements

    def unreadable(*_args: object, **_kwargs: object) -> None:
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(map_fusion_elements, "make", unreadable)
    conversion = fusionclean.convert(_ALERT)
    assert [m.code for m in conversion.messages if m.level == "warning"] == ["element-left-as-is"]
    assert "Mind the step." in conversion.document.to_json()
