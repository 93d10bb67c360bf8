"""Parquet store: the corpus tables written once, read back without re-extracting."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..paths import BUILD_DIR

TABLE_NAMES = ("articles", "sentences", "quotes", "claims", "estimates", "coverage", "discrepancies")
DEFAULT_DIR = BUILD_DIR / "tables"


def save_tables(corpus, folder: str | Path = DEFAULT_DIR) -> list[Path]:
    """Write every table to `folder/NAME.parquet`; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLE_NAMES:
        path = folder / f"{name}.parquet"
        getattr(corpus, name).to_parquet(path, index=False)
        written.append(path)
    return written


def load_tables(folder: str | Path = DEFAULT_DIR) -> dict[str, pd.DataFrame]:
    """Read the tables written by `save_tables` (DuckDB can query the same files directly)."""
    folder = Path(folder)
    missing = [n for n in TABLE_NAMES if not (folder / f"{n}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"no {', '.join(missing)} table(s) in {folder}; run `make tables` first")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLE_NAMES}
