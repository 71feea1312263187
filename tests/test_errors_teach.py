"""Errors that teach: the closest valid option and the output that takes it, JSON with its
line and column, a message for empty input."""

from __future__ import annotations

import pytest

import fusionclean
from fusionclean import ConfigError, InputError


def test_misspelt_option_names_the_closest_and_its_output() -> None:
    with pytest.raises(ConfigError, match=r"did you mean 'front_matter' \(an option of output='markdown'\)"):
        fusionclean.clean("<p>x</p>", output="markdown", frontmatter=True)
    with pytest.raises(ConfigError, match="did you mean 'preset'"):
        fusionclean.clean("<p>x</p>", presett="minimal")


def test_an_option_of_another_output_says_so() -> None:
    with pytest.raises(
        ConfigError, match="front_matter is an option of output='markdown', not of output='html'"
    ):
        fusionclean.clean("<p>x</p>", front_matter=True)
    with pytest.raises(ConfigError, match="width is an option of output='text'"):
        fusionclean.parse("<p>x</p>").to_markdown(width=72)
    with pytest.raises(ConfigError) as info:
        fusionclean.clean("<p>x</p>", output="text", frontmatter=True)
    assert "Emitter" not in str(info.value)  # no internal class is blamed


def test_valid_options_still_work_everywhere() -> None:
    doc = fusionclean.parse("<h2>A</h2><p>b <a href='https://e.com'>c</a></p>")
    assert doc.to_markdown() == fusionclean.clean(
        "<h2>A</h2><p>b <a href='https://e.com'>c</a></p>", output="markdown"
    )
    assert doc.to_text(link_urls=True).endswith("c (https://e.com)")
    assert doc.to_html(pretty=True).startswith("<h2>A</h2>")
    assert doc.to_json(indent=1) == fusionclean.emit.JsonEmitter(indent=1).emit(doc)


def test_json_text_that_does_not_parse_says_where() -> None:
    with pytest.raises(InputError, match="line 3, column 13"):
        fusionclean.parse('{"id": 1,\n "title": "t",\n "content": }')
    with pytest.raises(InputError, match="line 1"):
        fusionclean.clean('[{"content": "x"},]')
    # text that merely starts with a brace or a bracket is text
    assert fusionclean.clean("[1] Smith et al.", output="text") == "[1] Smith et al."
    assert "but text" in fusionclean.clean("{ this is not json <p>but text</p>", output="text")
    assert (
        fusionclean.clean('{"title": "x", "content": oops}', kind="html", output="text")
        == '{"title": "x", "content": oops}'
    )


def test_json_lines_still_point_to_clean_many() -> None:
    lines = '{"content": {"rendered": "<p>a</p>"}}\n{"content": {"rendered": "<p>b</p>"}}'
    with pytest.raises(InputError, match="clean_many"):
        fusionclean.clean(lines)


@pytest.mark.parametrize("source", ["", "  \n", b"", {"content": {"rendered": ""}}])
def test_empty_input_gives_a_message(source: object) -> None:
    conv = fusionclean.convert(source)
    assert [m.code for m in conv.messages] == ["empty-input"]
    assert fusionclean.clean(source) == ""
