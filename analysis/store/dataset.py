"""A store that grows: each table a Parquet dataset partitioned by publication month, one small manifest.

    STORE/_manifest.json                                   what the store holds: the only file a reader trusts
    STORE/data/TABLE/month=2024-10/part-BUILD-00003.parquet   articles, sentences, quotes, claims, estimates
    STORE/data/TABLE/part-BUILD.parquet                    coverage, discrepancies (across articles)
    STORE/data/_index/index-BUILD.parquet                  article_id, month, content and source hashes, ...

`build_store(source, STORE)` streams the source's articles in batches through the per-article function
(`analysis.extract.pipeline.extract_article`, on the local or the Dask engine) and appends each batch's rows
to new files, one per table and month (`_MonthFiles`). An article whose row (text, date, metadata) hashes as
the store's copy did and whose rows were extracted by the same `EXTRACTOR_VERSION` is not extracted again;
from a dump (`DumpReader`), a row whose hash as read (before cleaning, `analysis.ingest.dumps`) is the index's
is not even cleaned again: its status and message come from the index. Rows of articles that changed or left the
source are removed by rewriting only the month partitions that hold them. Nothing a reader sees changes until
the end: the new manifest is written beside the old and renamed over it (one atomic step), then the files it
no longer names are deleted. A build that is stopped or killed therefore leaves the previous store as it was
(files it had written are deleted when it is stopped, and by the next build when it was killed).

`open_store(STORE)` gives a corpus whose tables are read on first use; `corpus.sql(query)` runs DuckDB over the
Parquet files without loading them (`claims`, `quotes`, ... are views).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import schemas
from ..ingest.dumps import Batch, DumpReader, Stored, text_digest
from ..link import LinkedTables
from ..extract.pipeline import TABLES, engine as make_engine, extractor_version, frames
from .parquet import StoreError, _is_store

FORMAT = "claim-ledger-store/2"
MANIFEST = "_manifest.json"
DATA = "data"
PER_ARTICLE = ("articles",) + TABLES
LINKED = ("coverage", "discrepancies")
LINKING = Path(DATA, "_linking")  # a build's members and coverage rows, a file per month, while it links
ALL_TABLES = PER_ARTICLE + LINKED
COMPACT_AT = 4  # a month partition with this many small files has them merged into one (fewer files: faster queries)
SMALL_ROWS = 250_000  # files with fewer rows count as small
MAX_OPEN_FILES = 120  # month files a build keeps open (two years of months for each of the five tables)
ROW_GROUP_ROWS = 100_000  # rows a build writes at once to a month file (a Parquet row group)
WAITING_BYTES = 128 * 2**20  # Arrow bytes a build holds for all its month files at most before writing some
LINK_LIMIT = 100_000  # `link="auto"` links up to this many articles (100,100 linked in 692 s, 3.8 GB: the README)
HASHED = ["article_id", "outlet", "title", "url", "published", "published_basis", "published_evidence",
          "encoding", "text", "removed", "status", "message"]
# the index: an entry per article; source_hash and text_digest let a dump's unchanged rows skip cleaning
INDEX_COLUMNS = ["article_id", "month", "content_hash", "extractor_version", "source_hash", "text_digest", "status",
                 "message"]


def is_dataset_store(path: str | Path) -> bool:
    return Path(path, MANIFEST).is_file()


def read_manifest(store: str | Path) -> dict:
    path = Path(store) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"{path} cannot be read ({err}); rebuild the store with `python -m analysis build`") from err
    if manifest.get("format") != FORMAT:
        raise StoreError(f"{path}: not a store of format {FORMAT}")
    return manifest


# --- reading ---------------------------------------------------------------------------------------

LIST_COLUMNS = {"removed": list, "removed_why": list}


def _cast(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The declared columns first, in their declared dtypes (without re-validating what was validated on write)."""
    for column, dtype in schemas.COLUMNS[name].items():
        if column not in frame:
            frame[column] = pd.Series([pd.NA] * len(frame), index=frame.index, dtype=dtype if dtype != "object" else object)
        elif dtype == schemas.OBJ:
            if column == "content_spans":
                frame[column] = [[tuple(int(x) for x in piece) for piece in v] if v is not None else v
                                 for v in frame[column]]
            elif column in LIST_COLUMNS:
                frame[column] = [list(v) if v is not None else [] for v in frame[column]]
        elif str(frame[column].dtype) != dtype:
            frame[column] = frame[column].astype(dtype)
    extra = [c for c in frame.columns if c not in schemas.COLUMNS[name]]
    return frame[list(schemas.COLUMNS[name]) + extra].reset_index(drop=True)


def read_table(store: Path, name: str, files: list[str]) -> pd.DataFrame:
    if not files:
        return schemas.empty_frame(name)
    tables = [pq.read_table(store / f) for f in files]
    table = pa.concat_tables(tables, promote_options="permissive") if len(tables) > 1 else tables[0]
    return _cast(name, table.to_pandas())


class StoreCorpus(LinkedTables):
    """A corpus read from a store: each table is read from its Parquet files on first use.

    The same attributes as `analysis.Corpus` (articles, sentences, quotes, claims, estimates, coverage,
    discrepancies, folder, actors, lexicon); `sql(query)` runs DuckDB over the files with one view per table,
    e.g. `corpus.sql("select claimant, count(*) n from claims group by 1 order by n desc")`."""

    def __init__(self, folder: str | Path, actors=None, lexicon=None):
        self.folder = Path(folder)
        self.manifest = read_manifest(self.folder)
        self._actors, self._lexicon = actors, lexicon

    @cached_property
    def actors(self):
        from ..link.actors import ActorIndex
        return self._actors if self._actors is not None else ActorIndex.load()

    @cached_property
    def lexicon(self):
        from ..text.lexicon import Lexicon
        return self._lexicon or Lexicon.default()

    def files(self, name: str) -> list[Path]:
        return [self.folder / f["path"] for f in self.manifest["files"].get(name, [])]

    def table(self, name: str) -> pd.DataFrame:
        return read_table(self.folder, name, [f["path"] for f in self.manifest["files"].get(name, [])])

    @cached_property
    def articles(self) -> pd.DataFrame:
        return self.table("articles")

    @cached_property
    def sentences(self) -> pd.DataFrame:
        return self.table("sentences")

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return self.table("quotes")

    @cached_property
    def claims(self) -> pd.DataFrame:
        return self.table("claims")

    @cached_property
    def estimates(self) -> pd.DataFrame:
        return self.table("estimates")

    @cached_property
    def _alignment(self):
        if self.manifest.get("linked"):
            return self.table("coverage"), self.table("discrepancies")
        from ..link.windows import align_windowed  # a month and a date window at a time, from the files
        return align_windowed(self)

    def connect(self):
        """A DuckDB connection with one view per table over the store's Parquet files."""
        import duckdb

        connection = duckdb.connect()
        for name in ALL_TABLES:
            files = [str(p) for p in self.files(name)]
            if files:
                listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
                connection.execute(f"create view {name} as select * from read_parquet([{listed}], union_by_name=true)")
            else:
                frame = schemas.empty_frame(name)  # noqa: F841 - registered by name below
                connection.register(f"_{name}_empty", frame)
                connection.execute(f"create view {name} as select * from _{name}_empty")
        return connection

    @cached_property
    def _connection(self):
        return self.connect()

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """The result of a DuckDB query over the store's tables as a pandas frame."""
        return self._connection.execute(query, params or []).df()

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={self.manifest['tables'].get(n, 0)}" for n in PER_ARTICLE)
        return f"Corpus({self.folder.name}: {counts})"


def open_store(folder: str | Path, actors=None, lexicon=None) -> StoreCorpus:
    """The corpus of a store written by `python -m analysis build SRC --out STORE`; tables read lazily."""
    folder = Path(folder)
    if not is_dataset_store(folder):
        raise StoreError(f"{folder} is not a store (no {MANIFEST}); build one with "
                         f"`python -m analysis build SRC --out {folder}`")
    return StoreCorpus(folder, actors, lexicon)


# --- writing ---------------------------------------------------------------------------------------

def _month(published: pd.Series) -> pd.Series:
    dates = pd.to_datetime(published, errors="coerce")
    return dates.dt.strftime("%Y-%m").fillna("unknown").astype(object)


def _row_hashes(articles: pd.DataFrame) -> list[str]:
    values = articles[HASHED].astype(object).where(articles[HASHED].notna(), None)
    out = []
    for row in values.itertuples(index=False):
        data = json.dumps([v if not isinstance(v, pd.Timestamp) else v.isoformat() for v in row], default=str,
                          ensure_ascii=False)
        out.append(hashlib.sha1(data.encode()).hexdigest())
    return out


@dataclass
class BuildResult:
    store: Path
    build_id: str
    articles: int = 0          # articles rows read from the source
    extracted: int = 0         # articles extracted in this build
    reused: int = 0            # unchanged articles whose rows were kept
    removed: int = 0           # articles whose rows were removed (changed or no longer in the source)
    words: int = 0             # words of the extracted articles
    linked: bool = False
    seconds: float = 0.0
    statuses: dict = field(default_factory=dict)
    problems: pd.DataFrame | None = None  # articles rows with status warning or error (this build's source)


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """The frame as an Arrow table, converted in this thread: a batch's columns are mostly Arrow already, and a
    pool of threads for the others costs more CPU than it saves (a fifth of the conversion and the cut by month)."""
    return pa.Table.from_pandas(frame, preserve_index=False, nthreads=1)


class _Writer:
    """New files of one build, deleted again unless the build commits."""

    def __init__(self, root: Path, build_id: str):
        self.root, self.build_id, self.written, self.sequence = root, build_id, [], 0

    def new_file(self, name: str, month: str | None) -> Path:
        """The path of a new data file of table `name` (written by the caller, or by `write`)."""
        folder = self.root / DATA / name / (f"month={month}" if month is not None else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{self.build_id}-{self.sequence:05d}.parquet"
        self.sequence += 1
        self.written.append(path)
        return path

    def entry(self, path: Path, rows: int, month: str | None) -> dict:
        return {"path": path.relative_to(self.root).as_posix(), "rows": rows, "month": month}

    def write(self, name: str, frame: pd.DataFrame, month: str | None) -> dict:
        return self._write(name, _arrow(frame), month)

    def _write(self, name: str, table: pa.Table, month: str | None) -> dict:
        path = self.new_file(name, month)
        pq.write_table(table, path, compression="zstd")
        return self.entry(path, table.num_rows, month)

    def discard(self) -> None:
        for path in self.written:
            path.unlink(missing_ok=True)


def _fills(rows: pa.Schema, file: pa.Schema) -> bool:
    """Can rows of this schema go into a file of that one? The same columns, each of the file's type or of no
    type yet (all null, or lists all empty: a batch may have no role or no piece to write)."""
    def untyped(kind: pa.DataType) -> bool:
        return pa.types.is_null(kind) or (pa.types.is_list(kind) and pa.types.is_null(kind.value_type))

    return rows.names == file.names and all(a.type == b.type or untyped(a.type) for a, b in zip(rows, file))


@dataclass
class _OpenFile:
    path: Path
    handle: pq.ParquetWriter
    rows: int = 0                                          # written
    waiting: list[pa.Table] = field(default_factory=list)  # rows not yet written: the next row group
    waiting_rows: int = 0
    waiting_bytes: int = 0


class _MonthFiles:
    """The per-article tables of one build, a file per table and month kept open while the batches come. A
    build of many batches so writes a file per month, not one per batch and month to be merged again at its end
    (a tenth of a build's CPU at 10,000 articles). A file's rows wait in memory until they make a row group of
    ROW_GROUP_ROWS, or until all files' waiting rows pass WAITING_BYTES (the file with most is written then):
    row groups of a batch's few rows would compress worse and read slower. At most MAX_OPEN_FILES are open; the
    least recently used is closed first (its month gets a new file)."""

    def __init__(self, writer: _Writer):
        self.writer, self.open, self.closed, self.waiting_bytes = writer, {}, [], 0

    def write(self, name: str, frame: pd.DataFrame, months: pd.Series) -> None:
        """The frame's rows, each in the file of its month (`months`, parallel to it; NA: not written). The
        frame is made one Arrow table and cut by month: `Table.from_pandas` costs milliseconds a call."""
        table = _arrow(frame)
        codes, uniques = pd.factorize(months, sort=True)
        for code, month in enumerate(uniques):
            self._append((name, month), table.take(np.flatnonzero(codes == code)))
        while self.waiting_bytes > WAITING_BYTES:
            self._flush(max(self.open.values(), key=lambda f: f.waiting_bytes))

    def _append(self, key: tuple[str, str], table: pa.Table) -> None:
        current = self.open.pop(key, None)  # popped and put back: the dict's order is the order of use
        if current is not None and not table.schema.equals(current.handle.schema):
            if _fills(table.schema, current.handle.schema):
                table = table.cast(current.handle.schema)
            else:  # other columns or types than the file's: these rows start a file of their own
                self._close(key, current)
                current = None
        if current is None:
            if len(self.open) >= MAX_OPEN_FILES:
                oldest = next(iter(self.open))
                self._close(oldest, self.open.pop(oldest))
            path = self.writer.new_file(*key)
            current = _OpenFile(path, pq.ParquetWriter(path, table.schema, compression="zstd"))
        self.open[key] = current
        current.waiting.append(table)
        current.waiting_rows += table.num_rows
        current.waiting_bytes += table.nbytes
        self.waiting_bytes += table.nbytes
        if current.waiting_rows >= ROW_GROUP_ROWS:
            self._flush(current)

    def _flush(self, current: _OpenFile) -> None:
        """Write the file's waiting rows (all in its schema) as one row group."""
        table = pa.concat_tables(current.waiting)
        self.waiting_bytes -= current.waiting_bytes
        current.waiting, current.waiting_rows, current.waiting_bytes = [], 0, 0
        current.handle.write_table(table)
        current.rows += table.num_rows

    def _close(self, key: tuple[str, str], current: _OpenFile) -> None:
        if current.waiting:
            self._flush(current)
        current.handle.close()
        if current.rows:
            self.closed.append((key[0], self.writer.entry(current.path, current.rows, key[1])))
        else:
            current.path.unlink(missing_ok=True)

    def close(self) -> dict[str, list[dict]]:
        """Write what waits, close every file; their manifest entries by table, in month order."""
        for key in list(self.open):
            self._close(key, self.open.pop(key))
        entries: dict[str, list[dict]] = {}
        for name, entry in sorted(self.closed, key=lambda item: (item[0], item[1]["path"])):
            entries.setdefault(name, []).append(entry)
        self.closed = []
        return entries

    def abort(self) -> None:
        for current in self.open.values():
            with contextlib.suppress(Exception):
                current.handle.close()
        self.open = {}


def _sync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _commit(root: Path, manifest: dict) -> None:
    temporary = root / f"{MANIFEST}.{manifest['build_id']}.tmp"
    temporary.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    _sync(temporary)
    os.replace(temporary, root / MANIFEST)  # the one step that switches readers to the new build


def _collect_garbage(root: Path, manifest: dict) -> None:
    """Delete data files the manifest does not name: replaced ones, and those of a build that was killed."""
    keep = {f["path"] for files in manifest["files"].values() for f in files} | {manifest["index"]}
    for path in (root / DATA).rglob("*.parquet"):
        if path.relative_to(root).as_posix() not in keep:
            path.unlink(missing_ok=True)
    for path in root.glob(f"{MANIFEST}.*.tmp"):
        path.unlink(missing_ok=True)
    shutil.rmtree(root / LINKING, ignore_errors=True)
    for folder in sorted((root / DATA).rglob("*"), key=lambda p: -len(p.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _prepare(tables: dict[str, pd.DataFrame], actors) -> dict[str, pd.DataFrame]:
    from ..link.actors import SPEAKER_COLUMNS

    for name, column, role in SPEAKER_COLUMNS:
        tables[name] = actors.canonicalize(tables[name], column, role)
    return {name: schemas.conform(name, frame) for name, frame in tables.items()}


def build_store(batches: Iterable[pd.DataFrame] | DumpReader, out: str | Path, *, engine: str = "local",
                scheduler: str | None = None, workers: int | None = None, append: bool = False,
                link: str = "auto", lexicon=None, actors=None, progress: bool = False,
                engine_options: dict | None = None) -> BuildResult:
    """Extract the articles frames in `batches` (or a dump's rows, from a `DumpReader`) into the store at `out`
    (see the module's docstring).

    `append=False`: the store ends up holding exactly the source's articles (unchanged ones are not extracted
    again); `append=True`: the source's articles are added to (or replace, by article_id) those already there.
    `link`: `yes`/`no`/`auto` (link across articles when at most LINK_LIMIT usable articles)."""
    from ..link.actors import ActorIndex

    started = time.perf_counter()  # the lexicon (None: the default) is loaded where articles are extracted
    out = Path(os.path.abspath(out))
    version = extractor_version()
    build_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    in_place = is_dataset_store(out)
    if in_place:
        old = read_manifest(out)
        root = out
        index = pd.read_parquet(out / old["index"]).reindex(columns=INDEX_COLUMNS)  # older stores: fewer columns
        _collect_garbage(out, old)  # what a killed build left
    else:
        if out.exists() and not out.is_dir():
            raise StoreError(f"{out} is a file, not a folder for the store")
        if out.is_dir() and not out.is_symlink() and not _is_store(out):
            raise StoreError(f"{out} holds other files than a store's tables; give an empty or new folder")
        old = {"files": {}, "history": []}
        root = out.with_name(f".{out.name}-{build_id}")
        index = pd.DataFrame({column: pd.Series(dtype=object) for column in INDEX_COLUMNS})
    index = index.set_index("article_id", drop=False)
    writer = _Writer(root, build_id)
    month_files = _MonthFiles(writer)
    files = {name: list(old["files"].get(name, [])) for name in ALL_TABLES}
    result = BuildResult(store=out, build_id=build_id)
    seen: set[str] = set()
    replaced: set[str] = set()
    new_index: list[pd.DataFrame] = []  # entries of the rows read (the unchanged rows a dump passed over keep theirs)
    fresh_rows = 0
    problems: list[pd.DataFrame] = []
    committed = False
    bar = _progress_bar() if progress else None  # None: the engines count nothing
    try:
        with make_engine(engine, scheduler, workers, lexicon, **(engine_options or {})) as running:
            pending = None  # (articles, months, submitted results): the batch the workers extract

            def finish(pending) -> None:
                nonlocal actors
                articles, months, results = pending
                actors = actors if actors is not None else ActorIndex.load()
                tables = _prepare(frames([r for chunk in results for r in chunk]), actors)
                tables["articles"] = articles
                month_of = pd.Series(months.values, index=articles["article_id"].values)
                for name in PER_ARTICLE:
                    frame = tables[name]
                    if len(frame):
                        month_files.write(name, frame, frame["article_id"].map(month_of))

            for batch in _read_source(batches, index, version):
                unchanged = _unchanged_rows(batch.unchanged, index)
                _tally(unchanged, result, problems)
                result.reused += len(unchanged)
                seen.update(batch.unchanged)
                articles, sources = batch.articles, np.array(batch.source_hashes, dtype=object)
                if not len(articles):
                    continue
                _tally(articles, result, problems)
                hashes = np.array(_row_hashes(articles), dtype=object)
                ids = articles["article_id"].astype(str)
                duplicate = ids.isin(seen)
                if duplicate.any():  # an id the source gave before (only across dumps in append mode)
                    keep = ~duplicate.values
                    articles, hashes, sources, ids = articles[keep], hashes[keep], sources[keep], ids[keep]
                seen.update(ids)
                known = index.reindex(ids.values)
                same = (known["content_hash"].values == hashes) & (known["extractor_version"].values == version)
                result.reused += int(same.sum())
                months = _month(articles["published"])
                # every row read gets its entry anew: an unchanged one its source hash from this dump
                new_index.append(_index_entries(articles, months, hashes, sources, version))
                fresh = articles[~same].reset_index(drop=True)
                if not len(fresh):
                    continue
                fresh_rows += len(fresh)
                replaced.update(ids[~same & known["content_hash"].notna().values])
                months = months[~same].reset_index(drop=True)
                usable = fresh[(fresh["status"] != "error") & (fresh["text"] != "")]
                jobs = [(r.article_id, r.text, r.published) for r in usable.itertuples()]
                result.extracted += len(jobs)
                result.words += int(usable["n_words"].sum())
                submitted = running.submit(jobs, bar)
                if pending is not None:
                    finish(pending)
                pending = (fresh, months, submitted)
            if pending is not None:
                finish(pending)
        for name, entries in month_files.close().items():
            files[name] += entries
        if bar is not None:
            bar.close()
        # rows of articles that changed or left the source: rewrite only the month partitions holding them
        gone = replaced if append else replaced | (set(index.index) - seen)
        result.removed = len(gone - replaced)
        if gone:
            months = set(index.loc[sorted(gone), "month"])
            for name in PER_ARTICLE:
                kept = []
                for entry in files[name]:
                    if entry.get("month") not in months or Path(entry["path"]).name.startswith(f"part-{build_id}-"):
                        kept.append(entry)
                        continue
                    frame = pd.read_parquet(root / entry["path"])
                    drop = frame["article_id"].astype(str).isin(gone)
                    if not drop.any():
                        kept.append(entry)
                    elif (~drop).any():
                        kept.append(writer.write(name, frame[~drop].reset_index(drop=True), entry["month"]))
                files[name] = kept
        for name in PER_ARTICLE:
            files[name] = _compact(root, name, files[name], writer)
        renewed = pd.concat(new_index, ignore_index=True) if new_index else index.iloc[:0]
        index = index[~index.index.isin(gone) & ~index.index.isin(renewed["article_id"])]
        index = pd.concat([index.reset_index(drop=True), renewed], ignore_index=True)
        index_entry = writer.write("_index", index, None)
        changed = bool(result.extracted or gone or not in_place or fresh_rows)
        counts = {name: sum(f["rows"] for f in files[name]) for name in PER_ARTICLE}
        do_link = link == "yes" or (link == "auto" and counts["articles"] <= LINK_LIMIT)
        if do_link and (changed or not old.get("linked")):
            draft = {"format": FORMAT, "files": files, "tables": counts, "linked": False, "index": index_entry["path"]}
            corpus = StoreCorpus.__new__(StoreCorpus)
            corpus.folder, corpus.manifest, corpus._actors, corpus._lexicon = root, draft, actors, lexicon
            linking = make_engine(engine, scheduler, workers, lexicon, **(engine_options or {})) \
                if engine == "dask" else contextlib.nullcontext()
            with linking as running:  # as Dask tasks on the build's engine, else here a window at a time
                files["coverage"], files["discrepancies"] = _link(corpus, writer, running)
        elif not do_link:
            files["coverage"], files["discrepancies"] = [], []
        result.linked = do_link
        counts.update({name: sum(f["rows"] for f in files[name]) for name in LINKED})
        result.seconds = time.perf_counter() - started
        summary = {"build_id": build_id, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "articles": result.articles,
                   "extracted": result.extracted, "reused": result.reused, "removed": len(gone),
                   "seconds": round(result.seconds, 3), "engine": engine}
        manifest = {"format": FORMAT, "build_id": build_id, "created": summary["created"],
                    "extractor_version": version, "tables": counts, "linked": do_link, "index": index_entry["path"],
                    "files": files, "history": (old.get("history") or [])[-99:] + [summary]}
        _commit(root, manifest)
        if not in_place:
            _install(root, out)
        committed = True
        _collect_garbage(out, manifest)
    finally:
        if bar is not None:
            bar.close()
        if not committed:
            month_files.abort()
            if in_place:
                writer.discard()
            else:
                shutil.rmtree(root, ignore_errors=True)
    result.problems = pd.concat(problems, ignore_index=True) if problems else None
    return result


def _progress_bar():
    from tqdm.auto import tqdm  # here: importing it costs 30 ms of CPU, which a build without a bar need not pay

    return tqdm(desc="extracting", unit="article")


def _link(corpus: StoreCorpus, writer: _Writer, running) -> tuple[list[dict], list[dict]]:
    """Coverage and discrepancies, the coverage rows written a month at a time in a folder of the build (never
    one frame) and put in table order into one file; the folder is removed after (or by the next build's
    garbage collection, when this one is killed)."""
    from ..link.windows import dask_runner, link_windowed, serial

    folder = writer.root / LINKING / writer.build_id
    folder.mkdir(parents=True, exist_ok=True)
    try:
        linked = link_windowed(corpus, str(folder), run=dask_runner(running.client) if running else serial)
        if linked.parts:
            path = writer.new_file("coverage", None)
            coverage = writer.entry(path, linked.write_coverage(str(path)), None)
        else:
            coverage = writer.write("coverage", schemas.empty_frame("coverage"), None)
        discrepancies = writer.write("discrepancies", schemas.conform("discrepancies", linked.discrepancies), None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return [coverage], [discrepancies]


def _compact(root: Path, name: str, entries: list[dict], writer: _Writer) -> list[dict]:
    """Merge the small files of each month partition that has COMPACT_AT of them or more: a batch writes one
    file per month it touches, and a query pays for every file it opens."""
    by_month: dict[str, list[dict]] = {}
    for entry in entries:
        if entry["rows"] < SMALL_ROWS:
            by_month.setdefault(entry.get("month"), []).append(entry)
    merged = {id(e) for group in by_month.values() if len(group) >= COMPACT_AT for e in group}
    if not merged:
        return entries
    out = [e for e in entries if id(e) not in merged]
    for month, group in sorted(by_month.items(), key=lambda item: str(item[0])):
        if len(group) < COMPACT_AT:
            continue
        tables = [pq.read_table(root / e["path"]) for e in group]
        frame = pa.concat_tables(tables, promote_options="permissive").to_pandas()
        out.append(writer.write(name, _cast(name, frame), month))
    return out


def _read_source(source, index: pd.DataFrame, version: str) -> Iterator[Batch]:
    """The source's batches, articles conformed. A `DumpReader` is told which rows the store holds unchanged
    (same source hash, extractor version, not in error) and does not clean those again; the batches of
    articles frames of another source are read whole."""
    if isinstance(source, DumpReader):
        usable = index[(index["extractor_version"] == version) & index["source_hash"].notna()
                       & (index["status"] != "error")]
        known = {a: Stored(s, d) for a, s, d in zip(usable["article_id"], usable["source_hash"], usable["text_digest"])}
        batches = source.read(known)
    else:
        batches = (Batch(frame, [None] * len(frame), {}) for frame in source)
    for batch in batches:
        if len(batch.articles):  # a batch of unchanged rows only has none (and validating costs 0.1 s)
            batch.articles = schemas.conform("articles", batch.articles)
        yield batch


def _unchanged_rows(unchanged: dict[str, str], index: pd.DataFrame) -> pd.DataFrame:
    """article_id, file, status, message of the rows a dump passed over, from the index."""
    stored = index.loc[list(unchanged), ["status", "message"]]
    return pd.DataFrame({"article_id": list(unchanged), "file": list(unchanged.values()),
                         "status": stored["status"].values, "message": stored["message"].values})


def _tally(rows: pd.DataFrame, result: BuildResult, problems: list[pd.DataFrame]) -> None:
    """Count the source's rows by status; keep those with a warning or an error for the report."""
    result.articles += len(rows)
    for status, n in rows["status"].value_counts().items():
        result.statuses[status] = result.statuses.get(status, 0) + int(n)
    problems.append(rows.loc[rows["status"] != "ok", ["article_id", "file", "status", "message"]])


def _index_entries(articles: pd.DataFrame, months: pd.Series, hashes, sources, version: str) -> pd.DataFrame:
    usable = (articles["status"] != "error").tolist()
    digests = [text_digest(text) if ok else None for text, ok in zip(articles["text"].tolist(), usable)]
    return pd.DataFrame({"article_id": articles["article_id"].astype(str).values, "month": months.values,
                         "content_hash": hashes, "extractor_version": version, "source_hash": sources,
                         "text_digest": digests, "status": articles["status"].astype(object).values,
                         "message": articles["message"].fillna("").astype(object).values})


def _install(new: Path, out: Path) -> None:
    """Put a store built beside `out` in its place: a rename when nothing is there, else the atomic link swap."""
    from .parquet import _swap

    if out.is_dir() and not out.is_symlink() and not any(out.iterdir()):
        out.rmdir()
    if not os.path.lexists(out):
        os.rename(new, out)
    else:
        _swap(new, out)
