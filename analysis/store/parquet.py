"""Parquet store: the corpus tables written once, read back without re-extracting.

A store is a folder of `NAME.parquet` files plus `_build.json` (the build id, when, each table's row
count); every Parquet file also carries the build id in its metadata. Writing is atomic: the new
tables go into a new folder beside the old (`.NAME-BUILD_ID`), and one rename (of a symbolic link
named NAME) switches readers from the old build to the new, so a build that is stopped (Ctrl-C,
SIGTERM, a crash) leaves the previous store as it was. `load_tables` refuses a folder whose tables
come from different builds. Where symbolic links are not available, the swap is two renames (old
aside, new in place).
"""
from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..paths import BUILD_DIR

TABLE_NAMES = ("articles", "sentences", "quotes", "claims", "estimates", "coverage", "discrepancies")
DEFAULT_DIR = BUILD_DIR / "tables"
BUILD_FILE = "_build.json"
BUILD_KEY = b"claim_ledger.build_id"
REBUILD = "rebuild it with `make tables` or `python -m analysis build FOLDER --out DIR`"


class StoreError(ValueError):
    """A store folder that cannot be written to or read from, with what to do about it."""


def _is_store(folder: Path) -> bool:
    """An empty folder, or one holding only what `save_tables` writes (older stores had no _build.json)."""
    names = {p.name for p in folder.iterdir()}
    return names <= {f"{n}.parquet" for n in TABLE_NAMES} | {BUILD_FILE}


def _write(frame: pd.DataFrame, path: Path, build_id: str) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), BUILD_KEY: build_id.encode()})
    pq.write_table(table, path)


def _swap(new: Path, folder: Path) -> None:
    """Make `folder` show `new`: one rename of a symbolic link; the previous build is then removed."""
    previous = folder.parent / os.readlink(folder) if folder.is_symlink() else None
    link = new.with_name(new.name + ".link")
    try:
        os.symlink(new.name, link, target_is_directory=True)
    except (OSError, NotImplementedError):
        link = None
    if link is not None and not (folder.exists() and not folder.is_symlink()):
        os.replace(link, folder)  # the one atomic step: readers see the old build or the new, never both
    else:  # a real folder there (the first build with this version), or no symlinks: two renames
        aside = folder.with_name(f".{folder.name}-replaced-{new.name}")
        if folder.exists() or folder.is_symlink():
            os.rename(folder, aside)
        os.replace(link if link is not None else new, folder)
        if aside.is_dir() and not aside.is_symlink():
            shutil.rmtree(aside, ignore_errors=True)
        else:
            aside.unlink(missing_ok=True)
    if previous is not None and previous.name.startswith(f".{folder.name}-") and previous.is_dir():
        shutil.rmtree(previous, ignore_errors=True)


def save_tables(corpus, folder: str | Path = DEFAULT_DIR) -> list[Path]:
    """Write every table to `folder/NAME.parquet`, atomically; returns the paths written.

    `folder` must not exist, be empty, or be a store written before (it is replaced as a whole)."""
    folder = Path(os.path.abspath(folder))
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a folder for the tables")
    if folder.is_dir() and not folder.is_symlink() and not _is_store(folder):
        raise StoreError(f"{folder} holds other files than a store's tables; give an empty or new folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    build_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    new = folder.with_name(f".{folder.name}-{build_id}")
    new.mkdir()
    swapped = False
    try:
        counts = {}
        for name in TABLE_NAMES:
            frame = getattr(corpus, name)
            _write(frame, new / f"{name}.parquet", build_id)
            counts[name] = len(frame)
        with open(new / BUILD_FILE, "w", encoding="utf-8") as handle:
            json.dump({"build_id": build_id, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "tables": counts},
                      handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        _swap(new, folder)
        swapped = True
    finally:
        if not swapped:  # stopped or failed before the swap: the previous store stays as it was
            shutil.rmtree(new, ignore_errors=True)
            new.with_name(new.name + ".link").unlink(missing_ok=True)
    return [folder / f"{name}.parquet" for name in TABLE_NAMES]


def build_info(folder: str | Path = DEFAULT_DIR) -> dict:
    """The store's `_build.json` (or, for a store that grows, its manifest): build_id, created, row count per table."""
    from .dataset import is_dataset_store, read_manifest

    if is_dataset_store(folder):
        manifest = read_manifest(folder)
        return {key: manifest[key] for key in ("build_id", "created", "tables", "extractor_version")}
    path = Path(folder) / BUILD_FILE
    if not path.exists():
        raise StoreError(f"{folder} has no {BUILD_FILE}: its tables cannot be shown to come from one build; {REBUILD}")
    return json.loads(path.read_text(encoding="utf-8"))


def load_tables(folder: str | Path = DEFAULT_DIR) -> dict[str, pd.DataFrame]:
    """Read the tables written by `save_tables` (DuckDB can query the same files directly).

    Raises StoreError when the tables do not all come from the build `_build.json` names. A store written by
    `python -m analysis build` (partitioned, with `_manifest.json`) is read whole; `analysis.open_store` reads
    it lazily."""
    from .dataset import is_dataset_store, open_store

    folder = Path(folder)
    if is_dataset_store(folder):
        corpus = open_store(folder)
        return {name: getattr(corpus, name) for name in TABLE_NAMES}
    missing = [n for n in TABLE_NAMES if not (folder / f"{n}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"no {', '.join(missing)} table(s) in {folder}; run `make tables` first")
    build = build_info(folder)
    found = {}
    for name in TABLE_NAMES:
        try:
            metadata = pq.read_schema(folder / f"{name}.parquet").metadata or {}
        except (OSError, pa.ArrowException) as err:
            raise StoreError(f"{folder / name}.parquet cannot be read ({err}); {REBUILD}") from err
        found[name] = metadata.get(BUILD_KEY, b"(none)").decode()
    strays = {name: b for name, b in found.items() if b != build["build_id"]}
    if strays:
        listed = ", ".join(f"{name} from {b}" for name, b in strays.items())
        raise StoreError(f"{folder} mixes tables from different builds (build {build['build_id']}, but {listed}); "
                         f"{REBUILD}")
    tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLE_NAMES}
    wrong = [name for name, frame in tables.items() if len(frame) != build["tables"].get(name)]
    if wrong:
        raise StoreError(f"{folder}: {', '.join(wrong)} do not have the rows {BUILD_FILE} records; {REBUILD}")
    return tables
