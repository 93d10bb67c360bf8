"""Store: the corpus tables as Parquet, written once (`save_tables`) or grown build by build (`build_store`)."""
from .dataset import StoreCorpus, build_store, is_dataset_store, open_store
from .parquet import DEFAULT_DIR, TABLE_NAMES, StoreError, build_info, load_tables, save_tables

__all__ = ["DEFAULT_DIR", "TABLE_NAMES", "StoreError", "StoreCorpus", "build_info", "build_store", "is_dataset_store",
           "load_tables", "open_store", "save_tables"]
