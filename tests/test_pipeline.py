"""The Pipeline: immutability, operations, pinned preset order, pickling."""

from __future__ import annotations

import pickle

import pytest
from lxml import html as lxml_html

from fusionclean import Context, Pipeline, PruneEmpty, ResolveImages, Sanitize
from fusionclean.errors import ConfigError, UnknownNameError
from fusionclean.presets import DEFAULT, MINIMAL, PRESETS, STRICT
from fusionclean.transforms import get_transform


def test_default_names_pinned() -> None:
    assert DEFAULT.names == (
        "select_content", "render_shortcodes", "drop_hidden", "resolve_images", "map_fusion_elements",
        "unwrap_fusion", "normalize_styles", "repair_text", "resolve_links", "sanitize",
        "fix_headings", "prune_empty",
    )  # fmt: skip


def test_minimal_is_a_subset_in_order() -> None:
    assert [n for n in DEFAULT.names if n in MINIMAL.names] == list(MINIMAL.names)
    assert set(PRESETS) == {"default", "minimal", "strict"}
    assert STRICT.names == DEFAULT.names and STRICT["sanitize"] != DEFAULT["sanitize"]


def test_operations_return_new_pipelines() -> None:
    shorter = DEFAULT.without("fix_headings")
    assert "fix_headings" in DEFAULT.names and "fix_headings" not in shorter.names
    swapped = DEFAULT.replace(ResolveImages(keep_srcset=True))
    assert swapped["resolve_images"] == ResolveImages(keep_srcset=True)
    assert DEFAULT["resolve_images"] == ResolveImages()
    only = DEFAULT.only("sanitize", "prune_empty")
    assert only.names == ("sanitize", "prune_empty")
    before = only.insert_before("sanitize", ResolveImages())
    assert before.names == ("resolve_images", "sanitize", "prune_empty")
    after = only.insert_after("sanitize", ResolveImages())
    assert after.names == ("sanitize", "resolve_images", "prune_empty")
    assert (Pipeline((Sanitize(),)) + PruneEmpty()).names == ("sanitize", "prune_empty")
    assert (Pipeline((Sanitize(),)) + Pipeline((PruneEmpty(),))).names == ("sanitize", "prune_empty")


def test_unknown_and_duplicate_names() -> None:
    with pytest.raises(UnknownNameError, match=r"known: .*sanitize"):
        DEFAULT.without("no_such_step")
    with pytest.raises(ConfigError):
        Pipeline((Sanitize(), Sanitize()))
    with pytest.raises(UnknownNameError):
        get_transform("nope")
    with pytest.raises(TypeError):
        Pipeline(("not a transform",))  # type: ignore[arg-type]


def test_bad_option_values_raise_config_error_at_build_time() -> None:
    with pytest.raises(ConfigError):
        ResolveImages(prefer="biggest")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        get_transform("drop_hidden", target_device="tv")
    with pytest.raises(TypeError):
        get_transform("drop_hidden", no_such_option=True)


def test_pickles() -> None:
    assert pickle.loads(pickle.dumps(DEFAULT)) == DEFAULT
    result = DEFAULT.run("<div class='fusion-text'><p>Hi <b>there</b></p></div>")
    again = pickle.loads(pickle.dumps(result))
    assert lxml_html.tostring(again.root) == lxml_html.tostring(result.root)
    assert again.messages == result.messages


def test_apply_copies_unless_in_place() -> None:
    tree = lxml_html.fragment_fromstring("<div><p class='x'>Hi</p></div>")
    out = DEFAULT.apply(tree)
    assert tree.find("p").get("class") == "x"
    assert out.find("p").get("class") is None
    DEFAULT.apply(tree, in_place=True, ctx=Context())
    assert tree.find("p").get("class") is None
    with pytest.raises(TypeError):
        DEFAULT.apply("<p>not a tree</p>")  # type: ignore[arg-type]


def test_run_reports_messages() -> None:
    result = DEFAULT.run('<div class="fusion-no-large-visibility"><p>mobile</p></div><p>desk</p>')
    codes = {m.code for m in result.messages}
    assert "dropped-hidden" in codes


def test_class_index_is_shared_within_a_run_and_rebuilt_after_unknown_steps() -> None:
    from lxml import etree

    from fusionclean import Context, Pipeline
    from fusionclean.transforms import DropHidden

    builds: list[int] = []

    class AddHidden:
        """A user step that adds an element carrying a builder class."""

        name = "add_hidden"

        def __call__(self, root: etree._Element, ctx: Context, /) -> None:
            builds.append(id(ctx.class_index(root)))
            etree.SubElement(root, "div", {"class": "fusion-no-large-visibility"}).text = "mobile copy"

    class Probe:
        name = "probe"
        keeps_class_index = True

        def __call__(self, root: etree._Element, ctx: Context, /) -> None:
            builds.append(id(ctx.class_index(root)))

    class ProbeA(Probe):
        name = "probe_a"

    class ProbeB(Probe):
        name = "probe_b"

    root = etree.fromstring('<div><p class="x">kept</p></div>')
    Pipeline((ProbeA(), ProbeB(), AddHidden(), DropHidden()))(root, Context())
    assert builds[0] == builds[1] == builds[2]  # one walk shared by steps that keep it
    # the user step added a classed element: drop_hidden saw it, through a rebuilt index
    assert "mobile copy" not in etree.tostring(root, encoding="unicode")
    ctx = Context()
    assert ctx.class_index(root) is not ctx.class_index(root)  # no caching outside a run
