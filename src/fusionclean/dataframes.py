"""Helpers for tabular pipelines: pandas Series/DataFrames and Dask ``map_partitions``.

These functions import nothing heavy; they work on any object with pandas' interface, so
fusionclean does not depend on pandas or Dask (install ``fusionclean[dask]`` for those).

Recipes (tested in ``tests/test_dataframes.py``)::

    df["markdown"] = df["content"].map(fusionclean.clean)                 # pandas, plain
    ddf = ddf.map_partitions(clean_partition, column="content", output="markdown",
                             meta=partition_meta(ddf._meta, into="clean"))   # dask.dataframe
    bag.map(fusionclean.clean, output="text")                              # dask.bag
"""

from __future__ import annotations

from typing import Any, Literal

from ._api import clean
from .errors import FusionCleanError

__all__ = ["clean_partition", "partition_meta", "safe_clean"]


def safe_clean(source: Any, **options: Any) -> str | None:
    """``clean(source, **options)``, or ``None`` for missing or malformed input.

    Never raises on a bad record (``None``/NaN, JSON that is not a post, binary bytes), so
    one bad row cannot stop a distributed job; wrong option names and values still raise.
    """
    if source is None or (isinstance(source, float) and source != source):  # None or NaN
        return None
    try:
        return clean(source, **options)
    except (FusionCleanError, TypeError) as exc:
        if isinstance(exc, TypeError) and "source must be" not in str(exc):
            raise
        return None


def clean_partition(
    df: Any,
    *,
    column: str = "content",
    into: str = "clean",
    errors: Literal["null", "raise"] = "null",
    **options: Any,
) -> Any:
    """Clean one column of a pandas DataFrame into a new column (a ``map_partitions`` step).

    Args:
        df: A pandas DataFrame (one Dask partition).
        column: The column holding HTML, shortcodes or REST post dicts.
        into: The new column's name.
        errors: ``"null"`` (default) leaves ``None`` for rows that cannot be cleaned;
            ``"raise"`` stops at the first.
        **options: Passed to :func:`fusionclean.clean` (``output=``, ``preset=``...).
    """
    func = safe_clean if errors == "null" else clean
    out = df.copy()
    out[into] = df[column].map(lambda value: func(value, **options))
    return out


def partition_meta(meta: Any, *, into: str = "clean") -> Any:
    """The empty frame Dask needs as ``meta=``: the input's columns plus ``into`` (text)."""
    out = meta.copy()
    out[into] = meta.iloc[:, 0].astype("object") if len(meta.columns) else []
    return out
