"""pandas and Dask recipes, run for real: Dask on a local multi-process cluster."""

from __future__ import annotations

import pytest

import fusionclean
from fusionclean.dataframes import clean_partition, partition_meta, safe_clean

pd = pytest.importorskip("pandas", reason="pandas is part of the fusionclean[dask] extra")

ROWS = [
    '<div class="fusion-text"><p>Plant <b>garlic</b> in autumn.</p></div>',
    "<h2>Harvest</h2><p>Lift in July.</p>",
    None,
    b"\x89PNG\r\n\x1a\n\x00\x00binary",
]


def test_series_map() -> None:
    series = pd.Series(ROWS[:2])
    assert list(series.map(fusionclean.clean)) == ["<p>Plant <strong>garlic</strong> in autumn.</p>",
                                                   "<h2>Harvest</h2>\n<p>Lift in July.</p>"]  # fmt: skip
    texts = list(pd.Series(ROWS).map(lambda v: safe_clean(v, output="text")))
    assert texts[:2] == ["Plant garlic in autumn.", "Harvest\n\nLift in July."]
    assert all(pd.isna(v) for v in texts[2:])  # missing and binary rows: no exception


def test_clean_partition() -> None:
    df = pd.DataFrame({"content": ROWS, "n": range(4)})
    out = clean_partition(df, column="content", into="md", output="markdown")
    values = list(out["md"])
    assert values[:2] == ["Plant **garlic** in autumn.", "## Harvest\n\nLift in July."]
    assert all(pd.isna(v) for v in values[2:])
    with pytest.raises(fusionclean.InputError):
        clean_partition(df.iloc[3:], column="content", errors="raise")


@pytest.fixture(scope="module")
def cluster_client():  # type: ignore[no-untyped-def]
    distributed = pytest.importorskip("distributed", reason="install fusionclean[dask]")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)  # fmt: skip
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_bag_on_local_cluster(cluster_client) -> None:  # type: ignore[no-untyped-def]
    import dask.bag as db

    posts = [{"id": i, "content": {"rendered": f"<p>Post {i}</p>"}} for i in range(40)]
    bag = db.from_sequence(posts, npartitions=4).map(fusionclean.clean, output="text")
    assert bag.compute() == [f"Post {i}" for i in range(40)]
    workers = cluster_client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2  # really two processes


def test_dask_dataframe_map_partitions(cluster_client) -> None:  # type: ignore[no-untyped-def]
    import dask.dataframe as dd

    df = pd.DataFrame({"content": [f'<div class="fusion-text"><p>Row {i}</p></div>' for i in range(30)]})
    ddf = dd.from_pandas(df, npartitions=3)
    out = ddf.map_partitions(clean_partition, column="content", into="md", output="markdown",
                             meta=partition_meta(ddf._meta, into="md")).compute()  # fmt: skip
    assert list(out["md"]) == [f"Row {i}" for i in range(30)]


def _recipes() -> list[str]:
    """The Python blocks of docs/cookbook/dataframes.md's Dask section, as written there."""
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "cookbook" / "dataframes.md").read_text()
    dask_part = page[page.index("## Dask") :]
    return re.findall(r"```python\n(.*?)```", dask_part, re.S)


def test_dask_recipes_run_as_written_and_write_parquet(cluster_client, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    pytest.importorskip("pyarrow", reason="pyarrow is part of the fusionclean[dask] extra")
    monkeypatch.chdir(tmp_path)
    rows = [f'<div class="fusion-text"><p>Row <b>{i}</b></p></div>' for i in range(20)] + [None]
    pd.DataFrame({"content": rows, "n": range(21)}).to_parquet("posts.parquet")
    for part in range(2):
        lines = [
            json.dumps({"id": i, "content": {"rendered": f"<p>Post {i}</p>"}})
            for i in range(part * 5, part * 5 + 5)
        ]
        (tmp_path / f"posts-{part}.jsonl").write_text("\n".join(lines) + "\n")
    frame, bag = _recipes()
    namespace: dict[str, object] = {}
    exec(compile(frame, "dataframes.md", "exec"), namespace)
    back = pd.read_parquet(tmp_path / "clean.parquet").sort_values("n")
    assert list(back["markdown"])[:20] == [f"Row **{i}**" for i in range(20)]
    assert pd.isna(list(back["markdown"])[20])
    exec(compile(bag, "dataframes.md", "exec"), namespace)
    assert sorted(namespace["texts"]) == sorted(f"Post {i}" for i in range(10))  # type: ignore[arg-type]


def test_partition_meta_matches_what_clean_partition_makes() -> None:
    df = pd.DataFrame({"content": ["<p>a</p>", None]})
    meta = partition_meta(df.iloc[:0], into="out")
    assert clean_partition(df, into="out")["out"].dtype == meta["out"].dtype
    assert clean_partition(df.iloc[1:], into="out")["out"].dtype == meta["out"].dtype  # all missing too


def test_safe_clean_still_raises_on_a_wrong_option() -> None:
    with pytest.raises(fusionclean.UnknownNameError):
        safe_clean("<p>x</p>", output="mardown")
    assert safe_clean(b"\x1f\x8b\x08\x00binary") is None
