"""Batch runs over exports one did not write: what is taken, where files go, and that one
bad record never stops the run (issue "Safe to publish": files, batches, unpublished)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import fusionclean
from fusionclean.cli import main
from fusionclean.document.nodes import PostMeta
from fusionclean.emit.markdown import front_matter

NS = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"'
)


def _item(
    pid: int, slug: str, status: str = "publish", kind: str = "post", password: str = "", title: str = ""
) -> str:
    return (
        f"<item><title>{title or slug}</title><dc:creator><![CDATA[admin_login]]></dc:creator>"
        f"<content:encoded><![CDATA[<p>Body of {slug}</p>]]></content:encoded>"
        f"<wp:post_id>{pid}</wp:post_id><wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
        f"<wp:post_type>{kind}</wp:post_type><wp:post_password>{password}</wp:post_password></item>"
    )


def _export(tmp_path: Path, *items: str, author: bool = True) -> Path:
    authors = (
        "<wp:author><wp:author_login><![CDATA[admin_login]]></wp:author_login>"
        "<wp:author_display_name><![CDATA[Ann Lee]]></wp:author_display_name></wp:author>"
        if author
        else ""
    )
    path = tmp_path / "export.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {NS}><channel><title>S</title>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{authors}{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    return path


MIXED = (
    _item(1, "published"),
    _item(2, "a-draft", "draft"),
    _item(3, "private-one", "private"),
    _item(4, "in-the-bin", "trash"),
    _item(5, "scheduled", "future"),
    _item(6, "locked", password="secret"),
    _item(7, "library-cta", kind="fusion_element"),
    _item(8, "about", kind="page"),
)


# -- unpublished content ------------------------------------------------------------


def test_the_documented_command_writes_published_posts_and_pages_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _export(tmp_path, *MIXED)
    out = tmp_path / "content" / "posts"
    assert (
        main(["clean", str(export), "-f", "markdown", "--front-matter", "-o", str(out), "--workers", "1"])
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["about.md", "published.md"]
    err = capsys.readouterr().err
    assert "8 records, 2 cleaned, 0 failed, 6 left out" in err
    assert "status × 4" in err and "password-protected × 1" in err and "type × 1" in err


def test_other_statuses_when_asked_are_drafts_and_protected_posts_only_when_asked(tmp_path: Path) -> None:
    export = _export(tmp_path, *MIXED)
    out = tmp_path / "out"
    argv = ["clean", str(export), "-f", "markdown", "--front-matter", "-o", str(out), "-q", "--workers", "1"]
    assert main([*argv, "--status", "publish,draft,private"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "a-draft.md",
        "about.md",
        "private-one.md",
        "published.md",
    ]
    assert (
        "draft: true" in (out / "a-draft.md").read_text()
        and "draft: true" in (out / "private-one.md").read_text()
    )
    assert "draft: true" not in (out / "published.md").read_text()
    assert main([*argv, "--include-protected"]) == 0
    assert (out / "locked.md").is_file()
    results = list(fusionclean.clean_many([export], statuses="all", types="all", include_protected=True))
    assert [r.skipped for r in results] == [None] * 8


def test_clean_many_over_load_wxr_takes_published_content_and_counts_the_rest(tmp_path: Path) -> None:
    results = list(fusionclean.clean_many(fusionclean.load_wxr(_export(tmp_path, *MIXED)), output="text"))
    assert [r.id for r in results if r.output] == ["1", "8"]
    assert [r.skipped for r in results if r.skipped] == [
        "status: draft", "status: private", "status: trash", "status: future",
        "password-protected", "type: fusion_element",
    ]  # fmt: skip


def test_author_is_the_display_name_never_the_login(tmp_path: Path) -> None:
    item = next(fusionclean.load_wxr(_export(tmp_path, _item(1, "p"))))
    assert item.meta.author == "Ann Lee"
    item = next(fusionclean.load_wxr(_export(tmp_path, _item(1, "p"), author=False)))
    assert item.meta.author is None
    md = fusionclean.clean(item, output="markdown", front_matter=True)
    assert "admin_login" not in md
    with (tmp_path / "export.xml").open("rb") as fh:
        assert next(fusionclean.sources.wxr.load_wxr_stream(fh)).meta.author is None


# -- symbolic links -------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_symbolic_links_in_input_folders_are_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("<p>the server's secret</p>")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "inner.html").write_text("<p>outside the folder</p>")
    site = tmp_path / "site"
    site.mkdir()
    (site / "real.html").write_text("<p>a real page</p>")
    (site / "innocent.html").symlink_to(secret)
    (site / "linked-folder").symlink_to(elsewhere, target_is_directory=True)
    results = list(fusionclean.clean_many([site], output="text"))
    assert [r.output for r in results if r.output] == ["a real page"]
    assert sorted(r.skipped for r in results if r.skipped) == ["symbolic link", "symbolic link"]
    assert main(["clean", str(site), "-f", "text", "--jsonl", "-", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "secret" not in captured.out and "2 left out (symbolic link × 2)" in captured.err
    followed = list(fusionclean.clean_many([site], output="text", follow_symlinks=True))
    assert sorted(r.output or "" for r in followed) == [
        "a real page",
        "outside the folder",
        "the server's secret",
    ]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_output_is_never_written_through_a_planted_symbolic_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _export(tmp_path, _item(1, "victim"), _item(2, "other"))
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "bashrc"
    target.write_text("original")
    (out / "victim.md").symlink_to(target)
    assert main(["clean", str(export), "-f", "markdown", "-o", str(out), "--workers", "1"]) == 1
    assert target.read_text() == "original"
    assert (out / "other.md").read_text().startswith("Body of other")
    err = capsys.readouterr().err
    assert "symbolic link" in err and "2 records, 1 cleaned, 1 failed" in err


# -- one bad record never stops the run --------------------------------------------------


def test_a_very_long_slug_gets_a_shorter_name_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "x" * 300
    export = _export(tmp_path, _item(1, long), _item(2, "y" * 300), _item(3, "after"))
    out = tmp_path / "out"
    assert main(["clean", str(export), "-f", "markdown", "-o", str(out), "--workers", "1"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and "after.md" in names
    assert all(len(n.encode()) < 200 for n in names)
    assert "name too long" in capsys.readouterr().err


def test_a_lone_surrogate_in_a_title_is_written_in_every_format(tmp_path: Path) -> None:
    posts = [
        {
            "id": 1,
            "slug": "bad",
            "title": {"rendered": "Bad \ud800 title"},
            "content": {"rendered": "<p>x</p>"},
        },
        {"id": 2, "slug": "good", "title": {"rendered": "Good"}, "content": {"rendered": "<p>y</p>"}},
    ]
    source = tmp_path / "posts.json"
    source.write_text(json.dumps(posts))  # "\ud800" stays an escape in the file
    for fmt, extra in (("markdown", ["--front-matter"]), ("json", []), ("html", [])):
        out = tmp_path / f"out-{fmt}"
        assert main(["clean", str(source), "-f", fmt, "-o", str(out), "-q", "--workers", "1", *extra]) == 0
        assert len(list(out.iterdir())) == 2
        for file in out.iterdir():
            file.read_text(encoding="utf-8")  # valid UTF-8
    jsonl = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-f", "markdown", "--front-matter", "--jsonl", str(jsonl), "-q"]) == 0
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines] == ["1", "2"] and "\ufffd" in lines[0]["meta"]["title"]


# -- front matter --------------------------------------------------------------------


def test_front_matter_escapes_what_yaml_refuses() -> None:
    yaml = pytest.importorskip("yaml")
    title = 'a\x01b\x7fc\x85d\x9fe\ufffef\uffffg\u2028h\u2029i\ud800j "k" \\ l'
    text = front_matter(PostMeta(title=title, tags=("t\x80",), status="publish"))
    text.encode("utf-8")
    data = yaml.safe_load(text.strip().strip("-"))
    assert data["title"] == title.replace("\ud800", "\ufffd") and data["tags"] == ["t\x80"]


def test_front_matter_marks_unpublished_posts_as_drafts() -> None:
    assert "draft: true" in front_matter(PostMeta(status="future"))
    assert "draft" not in front_matter(PostMeta(status="publish")) and "draft" not in front_matter(PostMeta())


# -- file names ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["index", "_index", "CON", "nul", "com1", "Lpt9", "aux.txt"])
def test_reserved_file_names_are_renamed(
    tmp_path: Path, slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = [{"id": 1, "slug": slug, "content": {"rendered": "<p>x</p>"}}]
    (tmp_path / "p.json").write_text(json.dumps(posts))
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "p.json"), "-f", "markdown", "-o", str(out), "--workers", "1"]) == 0
    (name,) = [p.name for p in out.iterdir()]
    assert name.split(".")[0].lower() not in (slug.split(".")[0].lower(), "index", "_index")
    assert "written as" in capsys.readouterr().err


def test_names_differing_in_case_alone_do_not_overwrite_each_other(tmp_path: Path) -> None:
    posts = [
        {"id": i, "slug": s, "content": {"rendered": f"<p>{s}</p>"}} for i, s in enumerate(["Hello", "hello"])
    ]
    (tmp_path / "p.json").write_text(json.dumps(posts))
    out = tmp_path / "out"
    assert (
        main(["clean", str(tmp_path / "p.json"), "-f", "text", "-o", str(out), "-q", "--workers", "1"]) == 0
    )
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and len({n.casefold() for n in names}) == 2
