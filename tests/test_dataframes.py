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
