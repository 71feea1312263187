"""Helpers for tabular pipelines: pandas Series/DataFrames and Dask ``map_partitions``.

fusionclean does not depend on pandas or Dask (install ``fusionclean[dask]`` for those):
these functions import pandas only when called.

Recipes (tested in ``tests/test_dataframes.py``)::

    df["markdown"] = df["content"].map(fusionclean.clean)                 # pandas, plain
    ddf = ddf.map_partitions(clean_partition, column="content", output="markdown",
                             meta=partition_meta(ddf._meta, into="clean"))   # dask.dataframe
    ddf.to_parquet("clean.parquet")                                       # needs pyarrow
    bag.map(fusionclean.clean, output="text")                              # dask.bag
"""

from __future__ import annotations

from typing import Any, Literal

from ._api import clean
from .errors import InputError, ParseError

__all__ = ["clean_partition", "partition_meta", "safe_clean"]


def safe_clean(source: Any, **options: Any) -> str | None:
    """``clean(source, **options)``, or ``None`` for missing or malformed input.

    Never raises on a bad record (``None``/NaN, JSON that is not a post, binary bytes), so
    one bad row cannot stop a distributed job; wrong option names and values still raise
    (:class:`~fusionclean.ConfigError`, :class:`~fusionclean.UnknownNameError`).
    """
    if source is None or (isinstance(source, float) and source != source):  # None or NaN
        return None
    try:
        return clean(source, **options)
    except (InputError, ParseError):
        return None
    except TypeError as exc:
        if "source must be" not in str(exc):
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

    The new column has pandas' text dtype (``str`` in pandas 3, ``object`` in pandas 2),
    the one :func:`partition_meta` declares, so every partition writes the same parquet
    schema.

    Args:
        df: A pandas DataFrame (one Dask partition).
        column: The column holding HTML, shortcodes or REST post dicts.
        into: The new column's name.
        errors: ``"null"`` (default) leaves a missing value for rows that cannot be
            cleaned; ``"raise"`` stops at the first.
        **options: Passed to :func:`fusionclean.clean` (``output=``, ``preset=``...).
    """
    func = safe_clean if errors == "null" else clean
    out = df.copy()
    values = df[column].map(lambda value: func(value, **options))
    out[into] = values.astype(_text_dtype())
    return out


def partition_meta(meta: Any, *, into: str = "clean") -> Any:
    """The empty frame Dask needs as ``meta=``: the input's columns plus ``into``, of the
    dtype :func:`clean_partition` gives it."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    out = meta.copy()
    out[into] = pd.Series([], dtype=_text_dtype(), index=meta.index[:0])
    return out


def _text_dtype() -> Any:
    """What pandas makes of a column of strings: ``str`` (pandas 3), ``object`` (pandas 2)."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    return pd.Series(["text"]).dtype
