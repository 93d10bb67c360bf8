"""Store: the corpus tables as Parquet files, written once and read back without re-extracting."""
from .parquet import DEFAULT_DIR, TABLE_NAMES, StoreError, build_info, load_tables, save_tables

__all__ = ["DEFAULT_DIR", "TABLE_NAMES", "StoreError", "build_info", "load_tables", "save_tables"]
