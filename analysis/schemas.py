"""Table schemas, checked whenever a corpus is built.

Each table is declared once here; builders produce frames with `empty_frame(name)`
so even an empty corpus has the right columns and dtypes. A helper that owns a
table edits only that table's block.
"""
from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

STR = "string"
INT = "Int64"
FLOAT = "Float64"
BOOL = "boolean"
DATE = "datetime64[ns]"
OBJ = "object"


def _schema(name: str, columns: dict[str, str], unique: str | None = None):
    import pandera.pandas as pa  # here: importing pandera (and its hypothesis strategies) costs 0.4 s of CPU

    cols = {c: pa.Column(dtype, nullable=True, coerce=True) for c, dtype in columns.items()}
    if unique:
        cols[unique] = pa.Column(columns[unique], nullable=False, unique=True, coerce=True)
    return pa.DataFrameSchema(cols, name=name, strict=False, ordered=False)


COLUMNS: dict[str, dict[str, str]] = {
    # --- articles (corpus loading) ---
    "articles": {
        "article_id": STR, "path": STR, "file": STR, "outlet": STR, "title": STR, "url": STR,
        "published": DATE, "published_basis": STR, "published_evidence": STR,
        "encoding": STR, "text": STR, "n_words": INT, "removed": OBJ, "removed_why": OBJ,
        "status": STR, "message": STR,
    },
    # --- sentences (corpus loading) ---
    "sentences": {
        "article_id": STR, "sentence_id": INT, "paragraph": INT, "start": INT, "end": INT, "text": STR,
    },
    # --- quotes (attributions) ---
    "quotes": {
        "quote_id": STR, "claim_id": STR, "article_id": STR, "sentence_id": INT, "start": INT, "end": INT, "text": STR,
        "kind": STR, "speaker": STR, "speaker_mention": STR, "speaker_start": INT, "speaker_end": INT,
        "speaker_role": STR, "affiliation": STR, "cue": STR, "cue_start": INT, "cue_end": INT,
        "said_on": DATE, "rule": STR,
    },
    # --- claims (attributions) ---
    "claims": {
        "claim_id": STR, "article_id": STR, "sentence_id": INT, "start": INT, "end": INT, "text": STR,
        "kind": STR, "claimant": STR, "claimant_mention": STR, "claimant_start": INT, "claimant_end": INT,
        "claimant_role": STR, "affiliation": STR, "cue": STR, "cue_start": INT, "cue_end": INT,
        "said_on": DATE, "quote_id": STR, "type": STR, "rule": STR, "content_spans": OBJ, "zone": STR,
    },
    # --- estimates (numbers) ---
    "estimates": {
        "estimate_id": STR, "article_id": STR, "claim_id": STR, "sentence_id": INT,
        "start": INT, "end": INT, "text": STR,
        "value": INT, "low": INT, "high": INT, "qualifier": STR, "approximate": BOOL,  # counts: whole numbers
        "unit": STR, "category": STR, "location": STR, "claimant": STR, "said_on": DATE,
        "stance": STR, "derived": BOOL, "derivation": STR, "derived_from": STR, "voice": STR,
        "said_from": DATE, "said_to": DATE, "zone": STR,
        "measure": STR, "claimant_mention": STR, "reported_by": STR,  # casualties: killed, wounded, ...
    },
    # --- coverage (cross-source alignment) ---
    "coverage": {
        "element_id": STR, "label": STR, "article_id": STR, "outlet": STR, "member": STR,
        "claim_id": STR, "quote_id": STR, "sentence_id": INT, "start": INT, "end": INT, "text": STR,
        "similarity": FLOAT,
    },
    # --- discrepancies (cross-source alignment), long format: one row per element, field, article ---
    "discrepancies": {
        "element_id": STR, "label": STR, "field": STR, "detail": STR, "article_id": STR, "value": STR,
        "start": INT, "end": INT, "text": STR,
    },
}

UNIQUE = {"articles": "article_id", "quotes": "quote_id", "claims": "claim_id", "estimates": "estimate_id"}


@cache
def _schemas() -> dict:
    return {name: _schema(name, cols, UNIQUE.get(name)) for name, cols in COLUMNS.items()}


def __getattr__(name: str):
    if name == "SCHEMAS":  # the pandera schemas, made on first use
        return _schemas()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The dtype pandera coerces each declared one to: "string" is the NaN-missing StringDtype from pandas 3 on.
COERCED = {d: pd.api.types.pandas_dtype(d) for d in (INT, FLOAT, BOOL, DATE, OBJ)} | {
    STR: pd.StringDtype(na_value=np.nan) if int(pd.__version__.split(".")[0]) >= 3 else pd.StringDtype()}


def empty_frame(name: str) -> pd.DataFrame:
    """A zero-row frame with the table's columns and dtypes (a copy of one built once: building it costs
    more than extracting a short article)."""
    return _empty_frame(name).copy()


@cache
def _empty_frame(name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in COLUMNS[name].items()})


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Add missing columns, put the declared ones first, coerce dtypes and validate."""
    out = frame.copy(deep=False)  # copy-on-write: adding columns to it leaves `frame` as it was
    for col, dtype in COLUMNS[name].items():
        if col not in out.columns:
            out[col] = pd.Series([pd.NA] * len(out), index=out.index, dtype=dtype if dtype != DATE else OBJ)
    extra = [c for c in out.columns if c not in COLUMNS[name]]
    out = out[list(COLUMNS[name]) + extra].reset_index(drop=True)
    coerced = _coerced(name, out)
    return coerced if coerced is not None else _schemas()[name].validate(out)


def _coerced(name: str, frame: pd.DataFrame) -> pd.DataFrame | None:
    """What pandera's validation returns, made without pandera when it is sure to pass: pandera coerces a column
    with `astype` (dates aside: those must be in DATE already) and then checks only the unique column. None when
    a coercion fails or a check would: pandera then validates and names the failure."""
    coerced = {}
    for col, dtype in COLUMNS[name].items():
        if frame[col].dtype == COERCED[dtype]:
            continue
        if dtype == DATE:
            return None
        try:
            coerced[col] = frame[col].astype(COERCED[dtype])
        except (TypeError, ValueError):
            return None
    out = frame.assign(**coerced) if coerced else frame
    key = UNIQUE.get(name)
    if key is not None and (out[key].hasnans or not out[key].is_unique):
        return None
    return out
