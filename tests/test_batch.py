"""Bulk work: clean_many, records, the batch CLI, pickling and threads."""

from __future__ import annotations

import json
import pickle
import threading
from pathlib import Path

import pytest

import fusionclean
from fusionclean.cli import main

from .conftest import FIXTURES

POSTS = [{"id": i, "slug": f"post-{i}", "content": {"rendered": f"<p>Body {i}</p>"}} for i in range(12)]


def _jsonl(tmp_path: Path, broken: bool = True) -> Path:
    lines = [json.dumps(p) for p in POSTS]
    if broken:
        lines[3] = "{not json"
        lines[7] = json.dumps({"hello": "world"})
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_clean_many_in_order_with_failures_isolated(tmp_path: Path, workers: int) -> None:
    results = list(fusionclean.clean_many([_jsonl(tmp_path)], workers=workers, output="text"))
    assert len(results) == len(POSTS)  # records in = results out
    assert [r.ok for r in results].count(False) == 2
    assert results[3].error_type == "InputError" and "not JSON" in (results[3].error or "")
    assert results[7].error and "not a WordPress REST post" in results[7].error
    assert [r.output for r in results if r.ok] == [f"Body {i}" for i in range(12) if i not in (3, 7)]


def test_clean_many_is_lazy() -> None:
    pulled = []

    def gen():  # type: ignore[no-untyped-def]
        for post in POSTS:
            pulled.append(post["id"])
            yield post

    results = fusionclean.clean_many(gen(), workers=1)
    first = next(results)
    assert first.output == "<p>Body 0</p>" and pulled == [0]


def test_clean_many_bad_arguments() -> None:
    with pytest.raises(fusionclean.UnknownNameError):
        list(fusionclean.clean_many(POSTS, output="pdf"))
    with pytest.raises(fusionclean.UnknownNameError):
        list(fusionclean.clean_many(POSTS, preset="nope"))


def test_results_documents_and_pipelines_pickle() -> None:
    result = next(fusionclean.clean_many(POSTS[:1]))
    assert pickle.loads(pickle.dumps(result)) == result
    doc = fusionclean.parse("<h1>T</h1><p>x <a href='https://e.org'>y</a></p>")
    assert pickle.loads(pickle.dumps(doc)) == doc
    item = next(fusionclean.load_wxr(FIXTURES / "wxr" / "small-export.xml"))
    assert fusionclean.clean(pickle.loads(pickle.dumps(item))) == fusionclean.clean(item)


def test_clean_is_thread_safe() -> None:
    source = (FIXTURES / "documents" / "elements" / "mixed-widgets" / "input.html").read_text()
    expected = fusionclean.clean(source)
    outputs: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                outputs.append(fusionclean.clean(source))
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(outputs) == 120 and set(outputs) == {expected}


def test_cli_jsonl_accounts_for_every_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    code = main(["clean", str(_jsonl(tmp_path)), "--jsonl", str(out), "-f", "markdown", "--workers", "2"])
    assert code == 1  # some records failed
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 12
    assert sum("error" in line for line in lines) == 2
    assert lines[0] == {"id": "0", "origin": str(tmp_path / "posts.jsonl"), "meta": {"id": 0, "slug": "post-0"},
                        "output": "Body 0", "messages": []}  # fmt: skip
    assert "12 records, 10 cleaned, 2 failed" in capsys.readouterr().err


def test_cli_directory_glob_output_dir_front_matter(tmp_path: Path) -> None:
    src = tmp_path / "site"
    (src / "nested").mkdir(parents=True)
    (src / "a.html").write_text('<div class="fusion-text"><p>Alpha</p></div>')
    (src / "nested" / "b.html").write_text("<p>Beta</p>")
    (src / "notes.txt").write_text("ignored by the glob")
    (src / "posts.json").write_text(json.dumps(POSTS[:2]))
    out = tmp_path / "out"
    assert main(["clean", str(src), "--glob", "*.html", "-o", str(out), "-f", "markdown", "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md"]
    assert (out / "a.md").read_text() == "Alpha\n"
    out2 = tmp_path / "out2"
    assert (
        main(["clean", str(src / "posts.json"), "-o", str(out2), "-f", "markdown", "--front-matter", "-q"])
        == 0
    )
    assert (out2 / "post-0.md").read_text().startswith('---\nid: 0\nslug: "post-0"\n---\n')


def test_cli_stdin_and_fail_fast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<p>From <b>stdin</b></p>")))
    assert main(["clean", "-", "-f", "markdown", "-q"]) == 0
    assert capsys.readouterr().out == "From **stdin**\n"
    out = tmp_path / "o.jsonl"
    assert (
        main(["clean", str(_jsonl(tmp_path)), "--jsonl", str(out), "--fail-fast", "--workers", "1", "-q"])
        == 1
    )
    assert len(out.read_text().splitlines()) == 4  # stopped at the first failure (record 3)
    assert main(["clean", str(tmp_path / "missing.html"), "-q"]) == 1


def test_cli_progress_counts_and_eta(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from fusionclean.cli import _count_records, _Progress

    path = _jsonl(tmp_path, broken=False)
    args = argparse.Namespace(paths=[str(path), str(FIXTURES / "documents")], glob="*.html", types=None)
    html_files = len(list((FIXTURES / "documents").rglob("*.html")))
    assert _count_records(args) == 12 + html_files
    assert _count_records(argparse.Namespace(paths=["-"], glob="*", types=None)) is None
    progress = _Progress(True, 20)
    progress.update(5, 1, final=True)
    err = capsys.readouterr().err
    assert "5/20 records" in err and "ETA" in err and "1 failed" in err


def test_only_the_post_types_asked_for_are_cleaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.xml"
    text = (FIXTURES / "wxr" / "small-export.xml").read_text()
    extra = (
        "<item><title>Custom CSS</title><wp:post_id>90</wp:post_id>"
        "<wp:post_type><![CDATA[custom_css]]></wp:post_type>"
        "<content:encoded><![CDATA[.plot { color: green }]]></content:encoded></item>"
        "<item><title>Header</title><wp:post_id>91</wp:post_id>"
        "<wp:post_type><![CDATA[fusion_tb_section]]></wp:post_type>"
        "<content:encoded><![CDATA[[fusion_text]Site header[/fusion_text]]]></content:encoded></item>"
    )
    export.write_text(text.replace("</channel>", extra + "</channel>"))
    # WordPress's own records (the Additional CSS) are never content; by default published
    # posts and pages are taken, the others left out and marked so that a run counts them
    assert [(r.id, r.skipped) for r in fusionclean.iter_records(export)] == [
        ("10", None), ("12", "status: draft"), ("91", "type: fusion_tb_section"),
    ]  # fmt: skip
    every = fusionclean.iter_records(export, types="all", statuses="all")
    assert [(r.id, r.skipped) for r in every] == [("10", None), ("12", None), ("91", None)]
    some = fusionclean.iter_records(export, types={"post", "page"}, statuses="all")
    assert [r.id for r in some if r.skipped is None] == ["10", "12"]
    posts = [{"id": 1, "type": "page", "content": {"rendered": "<p>P</p>"}},
             {"id": 2, "type": "avada_portfolio", "content": {"rendered": "<p>Q</p>"}}]  # fmt: skip
    kept = list(fusionclean.clean_many([posts, "<p>No type named</p>"], types=["page"], output="text"))
    assert [(r.id, r.output) for r in kept if r.skipped is None] == [
        ("1", "P"),
        ("record-0", "No type named"),
    ]
    assert [r.skipped for r in kept] == [None, "type: avada_portfolio", None] and all(r.ok for r in kept)
    with pytest.raises(TypeError, match="not a string"):
        list(fusionclean.iter_records(export, types="post"))
    out = tmp_path / "out.jsonl"
    assert (
        main(["clean", str(export), "--types", "page, post", "--status", "all", "--jsonl", str(out), "-q"])
        == 0
    )
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(d["id"], d.get("skipped")) for d in lines] == [
        ("10", None),
        ("12", None),
        ("91", "type: fusion_tb_section"),
    ]


def test_json_records_nested_too_deeply_are_error_records(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    (tmp_path / "deep.json").write_text(deep)
    (tmp_path / "deep.jsonl").write_text(deep + "\n" + json.dumps(POSTS[0]) + "\n")
    results = list(fusionclean.clean_many([tmp_path / "deep.json", tmp_path / "deep.jsonl"]))
    assert [(r.ok, "nested too deeply" in (r.error or "")) for r in results] == [
        (False, True),
        (False, True),
        (True, False),
    ]
