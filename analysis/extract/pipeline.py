"""Per-article extraction: a pure function of (text, metadata), so it runs in parallel."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterator

import pandas as pd

from .attributions import attribution_records
from .claims import claim_records
from .columns import concat_columns, frame
from .estimates import estimate_records
from ..text.doc import Doc
from ..text.lexicon import Lexicon

TABLES = ("sentences", "quotes", "claims", "estimates")
PARALLEL_FROM = 200  # below this many articles, process start-up costs more than it saves


def article_records(article_id: str, text: str, published=None,
                    lexicon: Lexicon | None = None) -> dict[str, dict[str, list]]:
    """Every per-article table for one cleaned text as columns of plain lists (no frame per article: a batch
    is made into one frame per table by `frames`); nothing here looks at other articles. The text is
    read once into a Doc that every extractor shares, with one Lexicon (default: the package's)."""
    lexicon = lexicon or Lexicon.default()
    doc = Doc(text, lexicon)
    spans = [(k, s.start, s.end) for k, s in enumerate(doc.sentences)]
    sentences = {"sentence_id": [k for k, _, _ in spans], "paragraph": [s.paragraph for s in doc.sentences],
                 "start": [a for _, a, _ in spans], "end": [b for _, _, b in spans],
                 "text": [text[a:b] for _, a, b in spans], "article_id": [article_id] * len(spans)}
    found = attribution_records(text, published=published, lexicon=lexicon, doc=doc)
    quotes, claims = claim_records(article_id, text, spans, found, doc.quotations)
    estimates = estimate_records(article_id, text, spans, claims, published=published, lexicon=lexicon)
    for table in (claims, estimates):  # headline, dateline, caption or body: where on the page it stands
        if table:
            table["zone"] = [doc.zone_at(start) for start in table["start"]]
    return {"sentences": sentences, "quotes": quotes, "claims": claims, "estimates": estimates}


def extract_article(article_id: str, text: str, published=None,
                    lexicon: Lexicon | None = None) -> dict[str, pd.DataFrame]:
    """`article_records` of one article as frames (each table's empty frame when it has no row)."""
    return {name: frame(name, columns)
            for name, columns in article_records(article_id, text, published, lexicon).items()}


def extract_records(jobs: list[tuple[str, str, object]], lexicon: Lexicon | None = None) -> list[dict]:
    """`article_records` of a few jobs, their rows end to end in job order: what a worker sends back, as one
    record of columns per table (fewer, longer lists to send than one record per article). Plain lists, no
    frames: a frame costs about a millisecond to build whatever its length, so the caller builds one per
    table and batch (`frames`), not one per chunk."""
    records = [article_records(*job, lexicon=lexicon) for job in jobs]
    return [{name: concat_columns([r[name] for r in records]) for name in TABLES}] if records else []


def frames(records: list[dict]) -> dict[str, pd.DataFrame]:
    """One frame per table from the `article_records` of many articles, their rows end to end (each table's
    empty frame when no article has a row), strings as `schemas.conform` makes them: it then converts none."""
    return {name: frame(name, concat_columns([r[name] for r in records]), stored=True) for name in TABLES}


def _worker_start() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which terminates them when it is stopped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


# --- engines: the same per-article function, in local processes or on a Dask cluster ---------------

ENGINES = ("local", "dask")
CHUNK = 16  # articles per task


def _chunks(jobs: list, size: int) -> list[list]:
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


class LocalEngine:
    """Processes on this machine (a multiprocessing Pool, started when a batch is large enough to pay
    for it, kept for the whole build); leaving the `with` block terminates them, also on Ctrl-C."""

    name = "local"

    def __init__(self, workers: int | None = None, lexicon: Lexicon | None = None, chunk: int = CHUNK):
        self.workers = workers or (os.cpu_count() or 1)
        self.lexicon, self.chunk, self.pool = lexicon, chunk, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.terminate() if exc[0] is not None else self.pool.close()
            self.pool.join()
            self.pool = None

    def submit(self, jobs: list, progress=None) -> Iterator[list[dict]]:
        """`extract_records` of each chunk, in job order; the workers start on them at once (the caller may
        read the next batch meanwhile)."""
        chunks = _chunks(jobs, self.chunk)
        if self.pool is None and self.workers > 1 and len(jobs) >= PARALLEL_FROM:
            self.pool = multiprocessing.Pool(self.workers, initializer=_worker_start)
        if self.pool is None:
            results = (extract_records(chunk, self.lexicon) for chunk in chunks)
        else:
            results = self.pool.imap(partial(extract_records, lexicon=self.lexicon), chunks)
        return self._collect(chunks, results, progress)

    @staticmethod
    def _collect(chunks, results, progress):
        for chunk, result in zip(chunks, results):
            if progress is not None:
                progress.update(len(chunk))
            yield result

    map = submit


class DaskEngine:
    """The same per-article function as Dask tasks: on the cluster at `scheduler` (an address such as
    tcp://10.0.0.5:8786), else on a `distributed.LocalCluster` with `workers` single-threaded workers
    (`processes=False`: threads in this process, for tests). The lexicon is sent to the workers once."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, lexicon: Lexicon | None = None,
                 chunk: int = CHUNK, processes: bool = True):
        self.scheduler, self.workers, self.processes = scheduler, workers or (os.cpu_count() or 1), processes
        self.lexicon, self.chunk = lexicon or Lexicon.default(), chunk
        self.client = self.cluster = self._lexicon = None

    def __enter__(self):
        from distributed import Client, LocalCluster  # imported here: only this engine needs Dask

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=self.processes,
                                        dashboard_address=":0", silence_logs=40)
            self.client = Client(self.cluster)
        self._lexicon = self.client.scatter(self.lexicon, broadcast=True)
        return self

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def submit(self, jobs: list, progress=None) -> Iterator[list[dict]]:
        """`extract_records` of each chunk, in job order; the tasks are on the cluster when this returns."""
        chunks = _chunks(jobs, self.chunk)
        futures = self.client.map(extract_records, chunks, lexicon=self._lexicon, pure=False)
        return self._collect(chunks, futures, progress)

    def _collect(self, chunks, futures, progress):
        try:
            for chunk, future in zip(chunks, futures):
                result = future.result()
                if progress is not None:
                    progress.update(len(chunk))
                yield result
        finally:
            self.client.cancel(futures)

    map = submit


def engine(name: str = "local", scheduler: str | None = None, workers: int | None = None,
           lexicon: Lexicon | None = None, **options):
    """An engine by name: `local` (processes here) or `dask` (a cluster at `scheduler`, else a LocalCluster)."""
    if name == "local":
        if scheduler:
            raise ValueError("--scheduler is for --engine dask")
        return LocalEngine(workers, lexicon, **options)
    if name == "dask":
        return DaskEngine(scheduler, workers, lexicon, **options)
    raise ValueError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")


def extract_all(jobs: list[tuple[str, str, object]], progress: bool = False, workers: int | None = None,
                lexicon: Lexicon | None = None, engine_name: str = "local",
                scheduler: str | None = None) -> dict[str, list[pd.DataFrame]]:
    """Run `extract_records` over (article_id, text, published) jobs, CHUNK at a time, in processes when it pays
    (`engine_name="dask"`: as Dask tasks, on `scheduler` or a LocalCluster): one frame per table (none when the
    table has no row)."""
    from tqdm.auto import tqdm  # here: importing it costs 30 ms of CPU, which a build without a bar need not pay

    workers = workers or (os.cpu_count() or 1)
    bar = dict(total=len(jobs), desc="extracting", unit="article", disable=not progress)
    with engine(engine_name, scheduler, workers, lexicon) as running, tqdm(**bar) as shown:
        records = [r for chunk in running.map(jobs, shown) for r in chunk]
    return {name: [table] if len(table) else [] for name, table in frames(records).items()}


# --- the extractor version: what a store's rows were extracted with ----------------------------------

VERSION_SOURCES = ("extract", "text", "data", "link/actors.py", "schemas.py")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the sources of analysis/extract, analysis/text, the data files (lexicon, actors) and the
    schemas: two builds with the same version extract the same rows from the same text."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for entry in VERSION_SOURCES:
        path = root / entry
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".txt")) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def __getattr__(name: str):
    if name == "EXTRACTOR_VERSION":
        return extractor_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
