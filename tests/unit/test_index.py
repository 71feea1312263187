"""The shared class index answers like a fresh walk, whatever happened to the tree since."""

from __future__ import annotations

from lxml import etree

from fusionclean._index import ClassIndex, watch_classes


def _walk(root: etree._Element, names: set[str]) -> list[etree._Element]:
    return [
        el for el in root.iter(etree.Element)
        if el is not root and not names.isdisjoint((el.get("class") or "").split())
    ]  # fmt: skip


def _tree() -> etree._Element:
    return etree.fromstring(
        '<div><section class="a b"><p class="b">one</p><span class="c b">two</span></section>'
        '<div class="c"><em class="a">three</em></div><i class="b b">four</i></div>'
    )


def test_watched_and_unwatched_names_give_the_walks_answer() -> None:
    watch_classes({"a", "b"})  # "c" stays unwatched: answered by a scan
    root = _tree()
    index = ClassIndex(root)
    for names in ({"a"}, {"b"}, {"c"}, {"a", "c"}, {"zzz"}):
        assert index.find(names) == _walk(root, names), names


def test_removed_elements_and_changed_classes_are_seen() -> None:
    watch_classes({"a", "b", "c"})
    root = _tree()
    index = ClassIndex(root)
    section = root[0]
    root.remove(section)  # its descendants go with it
    root[0].set("class", "other")  # the div loses "c"
    for names in ({"a"}, {"b"}, {"c"}):
        assert index.find(names) == _walk(root, names), names
    assert [el.text for el in index.find({"b"})] == ["four"]


def test_names_watched_later_are_found() -> None:
    root = _tree()
    watch_classes({"a"})
    ClassIndex(root)  # fills the token cache for the current vocabulary
    watch_classes({"late-name"})
    root[1].set("class", "c late-name")
    assert ClassIndex(root).find({"late-name"}) == [root[1]]


def test_context_lookup_is_fresh_only_when_it_builds_the_index() -> None:
    from fusionclean._context import Context

    watch_classes({"a", "b", "c"})
    root = _tree()
    ctx = Context()
    ctx._index_depth = 1  # as inside a pipeline run: the index is kept between lookups
    assert ctx.find_classes(root, frozenset({"b"})) == _walk(root, {"b"})  # built here: fresh
    root.remove(root[0])  # a later step removes a section holding two "b" elements
    root[-1].set("class", "x")  # and takes a class away (what steps keeping the index may do)
    for names in ({"a"}, {"b"}, {"c"}):
        assert ctx.find_classes(root, frozenset(names)) == _walk(root, names), names


def test_unverified_lookup_gives_candidates_a_caller_checks() -> None:
    from fusionclean import Context

    watch_classes({"a", "b", "c"})
    root = _tree()
    ctx = Context()
    ctx._index_depth = 1  # as inside a pipeline run: the index is kept between lookups
    assert ctx.find_classes(root, frozenset({"b"})) == _walk(root, {"b"})  # builds the index
    section = root[0]
    root.remove(section)
    candidates = ctx.find_classes(root, frozenset({"b"}), verify=False)
    answers = ctx.find_classes(root, frozenset({"b"}))
    assert answers == _walk(root, {"b"})
    # the removed section and its descendants are still candidates, in document order
    assert [el for el in candidates if el in answers] == answers and len(candidates) > len(answers)
