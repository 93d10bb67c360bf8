"""The corpus: articles read and cleaned, per-article tables extracted, then linked across articles."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import schemas
from .link import LinkedTables
from .link.actors import SPEAKER_COLUMNS, ActorIndex
from .ingest.articles import load_articles
from .ingest.dumps import dump_format, load_dump
from .ingest.reading import MAX_FILE_MB
from .paths import SEEDS_DIR
from .text.lexicon import Lexicon
from .extract.pipeline import TABLES, extract_all


class CorpusError(ValueError):
    """Raised by `load_corpus(strict=True)`; lists every file that failed or warned."""


@dataclass
class Corpus(LinkedTables):
    articles: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame
    estimates: pd.DataFrame
    folder: Path | None = None
    actors: ActorIndex = field(default_factory=ActorIndex.load, repr=False)
    lexicon: Lexicon = field(default_factory=Lexicon.default, repr=False)

    @cached_property
    def _alignment(self):
        from .link.coverage import align  # imported late: scikit-learn is only needed here
        return align(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(getattr(self, n))}" for n in ("articles",) + TABLES)
        name = self.folder.name if self.folder else "tables"  # no absolute path: output is the same on every machine
        return f"Corpus({name}: {counts})"


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    frame = pd.concat(frames, ignore_index=True) if frames else schemas.empty_frame(name)
    return schemas.conform(name, frame)


def load_corpus(path: str | Path | None = None, *, strict: bool = False, actors: ActorIndex | None = None,
                lexicon: Lexicon | None = None, progress: bool = False, max_file_mb: float = MAX_FILE_MB,
                columns: dict[str, str] | None = None) -> Corpus:
    """Read every article in `path` (default: the project's seeds/) into tidy tables.

    `path` is a folder of .txt/.html files (+ articles.csv), a news dump (.jsonl, .csv, .parquet: one
    article a row; `columns` maps its column names to ours, e.g. `{"body": "text"}`, see
    `analysis.ingest.dumps`), or a store written by `python -m analysis build` (opened with
    `analysis.open_store`, nothing re-extracted). With no `path`: the environment variable
    `CLAIM_LEDGER_CORPUS` (a folder, dump or store) when set, else `seeds/` (or `CLAIM_LEDGER_SEEDS`,
    which the tests set and which then wins, so nbval always sees the seeds).

    `lexicon` is the language data every extractor reads (default: the package's; extend it with
    `analysis.text.lexicon.Lexicon.default().extended(cues="my_cues.csv")`).

    `max_file_mb`: files larger than this many megabytes are refused unread (status `error`).

    Every file appears in `corpus.articles` with a status (`ok`, `warning`, `error`) and a
    message; with `strict=True` any warning or error raises one `CorpusError` listing them all.
    """
    if path is None and os.environ.get("CLAIM_LEDGER_CORPUS") and not os.environ.get("CLAIM_LEDGER_SEEDS"):
        path = os.environ["CLAIM_LEDGER_CORPUS"]  # the notebooks' corpus; the tests pin CLAIM_LEDGER_SEEDS
    folder = Path(path) if path is not None else SEEDS_DIR
    from .store.dataset import is_dataset_store, open_store  # imported here: a folder needs neither

    if is_dataset_store(folder):
        return open_store(folder, actors=actors, lexicon=lexicon)
    if folder.is_file() and dump_format(folder):
        articles = schemas.conform("articles", load_dump(folder, columns=columns, max_file_mb=max_file_mb))
    else:
        articles = schemas.conform("articles", load_articles(folder, max_file_mb=max_file_mb))
    problems = articles[articles["status"] != "ok"]
    if strict and len(problems):
        lines = [f"{r.file or r.article_id}: {r.status}: {r.message}" for r in problems.itertuples()]
        raise CorpusError(f"{len(lines)} problem(s) in {folder}:\n" + "\n".join(lines))
    usable = articles[(articles["status"] != "error") & (articles["text"] != "")]  # not skipped hidden files
    jobs = [(r.article_id, r.text, r.published) for r in usable.itertuples()]
    lexicon = lexicon or Lexicon.default()
    tables = extract_all(jobs, progress=progress, lexicon=lexicon)
    actors = actors if actors is not None else ActorIndex.load()
    built = {name: _concat(name, frames) for name, frames in tables.items()}
    for name, col, role in SPEAKER_COLUMNS:
        built[name] = actors.canonicalize(built[name], col, role)
    return Corpus(articles=articles, folder=folder, actors=actors, lexicon=lexicon, **built)
