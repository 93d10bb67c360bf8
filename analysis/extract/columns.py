"""Frames built once from columns of plain lists, with each table's declared dtypes.

The per-article work produces lists (a column a list, see `pipeline.article_records`); a batch of articles
becomes one frame per table here. Each typed column is built from its parts (an IntegerArray from values and
a mask, a Python-backed StringArray from an object array): `pd.array(values, dtype)` and pandas' inference of
string columns check every value one by one and cost more than the extraction of a short article.
The frames of a batch (`pipeline.frames`) hold their strings as `schemas.conform` leaves them (`stored=True`),
so that conforming them converts nothing.
"""
from __future__ import annotations

from itertools import chain
from operator import itemgetter

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import schemas

PYTHON_STRING = pd.StringDtype("python")
STORED_STRING = pd.StringDtype("pyarrow", na_value=np.nan)  # what schemas.conform makes of a string column
NOT_A_TIME = np.datetime64("NaT", "ns")


def missing(value) -> bool:
    """`pd.isna` of a plain value (None, NA, NaT, NaN), without its dispatch: for loops over many values."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def integers(values: list) -> pd.arrays.IntegerArray:
    try:  # most columns have no missing value: numpy reads them at once (None, NA or NaN raise)
        return pd.arrays.IntegerArray(np.array(values, dtype=np.int64), np.zeros(len(values), bool))
    except (TypeError, ValueError):
        pass
    data = objects(values)
    mask = pd.isna(data)  # None, NA, NaN, NaT: in C, not a Python test per value
    data[mask] = 0
    return pd.arrays.IntegerArray(data.astype(np.int64), mask)


def strings(values: list) -> pd.arrays.StringArray:
    column = objects(values)
    try:  # strings and None, NA or NaN (made NA), checked in C
        return pd.arrays.StringArray(column, dtype=PYTHON_STRING)
    except ValueError:  # another type: its str(), value by value
        column[:] = [v if type(v) is str else (pd.NA if missing(v) else str(v)) for v in values]
        return pd.arrays.StringArray(column, dtype=PYTHON_STRING)


def stored_strings(values: list) -> pd.arrays.ArrowStringArray:
    """A string column in STORED_STRING, made by Arrow from the list at once (no Python-backed array first)."""
    try:
        return pd.array(pa.array(values, type=pa.large_string(), from_pandas=True), dtype=STORED_STRING)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a value of another type: its str(), as `strings` makes it
        return strings(values).astype(STORED_STRING)


def dates(values: list) -> np.ndarray:
    try:
        return np.array([NOT_A_TIME if missing(v) else v.asm8 for v in values], dtype="datetime64[ns]")
    except AttributeError:  # not Timestamps (dates, strings): pandas parses them
        return pd.to_datetime(pd.Series(values, dtype=object)).to_numpy(dtype="datetime64[ns]")


def objects(values: list) -> np.ndarray:
    return np.fromiter(values, dtype=object, count=len(values))  # each value as it is: a list is not unpacked


BUILDERS = {schemas.INT: integers, schemas.STR: strings, schemas.DATE: dates, schemas.OBJ: objects}


def column(values: list, dtype: str | None, stored: bool = False):
    """One column in `dtype` (a schemas dtype name; None: strings if every value is one, else objects);
    `stored`: a string column in STORED_STRING."""
    if dtype is None:
        return strings(values) if all(type(v) is str or missing(v) for v in values) else objects(values)
    if stored and dtype == schemas.STR:
        return stored_strings(values)
    builder = BUILDERS.get(dtype)
    return builder(values) if builder else pd.array(values, dtype=dtype)


def frame_of(arrays: list, labels: pd.Index) -> pd.DataFrame:
    """A frame of ready-made arrays of equal length, one per label, taken as they are (no copy, no check of
    each array): pandas' `_from_arrays`, what its own readers use, when this pandas has it. From a dict of the
    arrays the 16 columns of `extract_attributions` took 0.42 ms; this way 0.24 ms (a twentieth of the call)."""
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is not None:
        try:
            return build(arrays, columns=labels, index=pd.RangeIndex(len(arrays[0]) if arrays else 0),
                         verify_integrity=False)
        except TypeError:  # a pandas whose private method takes other arguments: the public way
            pass
    return pd.DataFrame(dict(zip(labels, arrays)), columns=labels, copy=False)


def frame(name: str, columns: dict[str, list], stored: bool = False) -> pd.DataFrame:
    """A frame of table `name` from columns of plain lists (declared columns in their dtypes, others kept);
    the table's empty frame when `columns` is empty. `stored`: the declared string columns as
    `schemas.conform` makes them, for a frame on its way to a store or a corpus (not back to lists)."""
    if not columns:
        return schemas.empty_frame(name)
    declared = schemas.COLUMNS[name]
    return frame_of([column(values, declared.get(c), stored) for c, values in columns.items()],
                    pd.Index(list(columns)))


def concat_columns(parts: list[dict[str, list]]) -> dict[str, list]:
    """Columns of several articles end to end (a column missing from a part is filled with NA)."""
    parts = [p for p in parts if p]
    names = dict.fromkeys(chain.from_iterable(parts))
    if all(len(part) == len(names) for part in parts):  # the usual case: every part has every column
        return {c: list(chain.from_iterable(map(itemgetter(c), parts))) for c in names}  # no Python loop
    lengths = [len(next(iter(part.values()))) for part in parts]
    return {c: list(chain.from_iterable(part.get(c) or [pd.NA] * n for part, n in zip(parts, lengths)))
            for c in names}


def lists_of(table: pd.DataFrame) -> dict[str, list]:
    """A frame's columns as plain lists (missing values as the frame holds them: pd.NA, NaT). Reads each column's
    array without making a Series of it (`DataFrame._get_column_array`, when this pandas has it): a fifth of
    the cost of `table[c].tolist()` per column."""
    get = getattr(table, "_get_column_array", None)
    if get is None or not table.columns.is_unique:
        return {c: table[c].tolist() for c in table.columns}
    return {c: get(i).tolist() for i, c in enumerate(table.columns)}
