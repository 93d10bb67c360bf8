"""Linking across articles a date window at a time: the same coverage and discrepancies tables as
`coverage.align`, without holding every member's vectors or every article's text at once.

`align_windowed(corpus, run=...)` works in three rounds of tasks, each a plain function of small inputs that a
`run(function, argument_tuples)` executes (in this process by default, or as Dask tasks: `dask_runner(client)`):

1. per month of publication (a store's month partition, or the articles of a corpus in memory published that
   month): the members (claims, and sentences no claim covers) and the document frequency of their terms;
2. per block of the date windows (`coverage._blocks`: anchors published in one window, matched against that
   window and the next, undated articles against all): TF-IDF vectors of the block's members with the
   vocabulary and inverse document frequencies of the whole corpus (so each vector is the one a single
   vectorizer over all members gives), and the best match of each member in every other article (a task
   takes BLOCKS_PER_TASK consecutive blocks, so a member is vectorised about once);
3. per month again: the facts (months, dates, numbers, names, titles, speakers) of the members whose element
   several articles carry, read from that month's texts, claims, estimates and quotes.

Between the rounds this process keeps what the tables are made of: the member rows (the coverage table's
rows), the term counts, the links and the facts; never a corpus-wide matrix or all article texts.
Connected components, element numbering and labels are then computed as `align` does, so both functions give
identical tables (tests/test_coverage.py checks it, also on a Dask LocalCluster).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable, Iterable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .. import schemas
from ..ingest.articles import source_names
from . import coverage as cov
from . import discrepancies as disc

BLOCKS_PER_TASK = 10  # consecutive date-window blocks per task (a member is vectorised once per task)
ARTICLE_COLUMNS = ["article_id", "outlet", "published", "status"]
READ = {  # the columns each round reads from a month
    "articles": ["article_id", "text"],
    "sentences": ["article_id", "sentence_id", "start", "end", "text"],
    "claims": ["claim_id", "article_id", "sentence_id", "start", "end", "text", "claimant", "quote_id",
               "claimant_start", "claimant_end"],
    "estimates": ["article_id", "category", "text", "start", "end", "low", "high", "value", "derived"],
    "quotes": ["article_id", "start", "end", "speaker", "speaker_start", "speaker_end"],
}


@dataclass
class Month:
    """The rows of one month's articles: a store's files of that month partition, or frames in memory."""
    month: str
    store: str | None = None
    files: dict | None = None      # table -> paths inside the store
    frames: dict | None = None     # table -> frame (a corpus in memory)

    def table(self, name: str) -> pd.DataFrame:
        if self.frames is not None:
            return self.frames[name]
        import pyarrow as pa
        import pyarrow.parquet as pq
        from pathlib import Path

        paths = self.files.get(name, [])
        if not paths:
            return schemas.empty_frame(name)[READ[name]]
        tables = [pq.read_table(Path(self.store) / p, columns=READ[name]) for p in paths]
        table = pa.concat_tables(tables, promote_options="permissive") if len(tables) > 1 else tables[0]
        from ..store.dataset import _cast
        frame = _cast(name, table.to_pandas())
        return frame[READ[name]]


def months(corpus) -> list[Month]:
    """The corpus cut by month of publication (`unknown` for undated articles), in month order."""
    if hasattr(corpus, "manifest"):  # a store: its month partitions
        found: dict[str, dict[str, list[str]]] = {}
        for name in READ:
            for entry in corpus.manifest["files"].get(name, []):
                found.setdefault(str(entry.get("month")), {}).setdefault(name, []).append(entry["path"])
        return [Month(m, store=str(corpus.folder), files=found[m]) for m in sorted(found)]
    from ..store.dataset import _month

    month_of = pd.Series(_month(corpus.articles["published"]).values, index=corpus.articles["article_id"].values)
    out = []
    for month in sorted(set(month_of)):
        ids = set(month_of.index[month_of.values == month])
        frames = {name: getattr(corpus, name).loc[lambda f: f["article_id"].isin(ids), READ[name]]
                  .reset_index(drop=True) for name in READ}
        out.append(Month(month, frames=frames))
    return out


def serial(function: Callable, arguments: Iterable[tuple]) -> list:
    """Run the tasks one after another in this process (one month or block in memory at a time)."""
    return [function(*args) for args in arguments]


class dask_runner:
    """Run the tasks on a Dask cluster (`distributed.Client`); results in the order of the arguments. What
    every block needs (the vocabulary and idf) is scattered to the workers once."""

    def __init__(self, client):
        self.client = client

    def scatter(self, value):
        return self.client.scatter(value, broadcast=True)

    def __call__(self, function: Callable, arguments: Iterable[tuple]) -> list:
        arguments = list(arguments)
        if not arguments:
            return []
        futures = self.client.map(function, *zip(*arguments), pure=False)
        try:
            return self.client.gather(futures)
        finally:
            self.client.cancel(futures)


# --- round 1: members and term counts per month ----------------------------------------------------

def month_members(month: Month) -> tuple[pd.DataFrame, list[str], Counter]:
    found = cov.members(SimpleNamespace(claims=month.table("claims"), sentences=month.table("sentences")))
    return found.frame, found.compare, cov.term_frequencies(found.compare)


# --- round 2: links per block ------------------------------------------------------------------------

def block_links(texts: list[str], rows: np.ndarray, codes: np.ndarray, blocks: list[tuple[np.ndarray, np.ndarray]],
                vectorizer, threshold: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """`coverage._block_links` then `_best_per_article` for a few consecutive blocks: `rows` are the global member
    indices of their members (sorted), `texts` and `codes` their compared texts and article codes, `blocks` the
    (anchors, within) positions among them. Each member is vectorised once. Returns global (a, b, similarity)
    per block."""
    vectors = vectorizer.transform(texts)
    out = []
    for anchors, within in blocks:
        a, b, sim = cov._best_per_article(*cov._block_links(vectors, codes, anchors, within, threshold), codes)
        out.append((rows[a], rows[b], sim))
    return out


# --- round 3: facts per month ------------------------------------------------------------------------

def month_facts(month: Month, members: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    if members.empty:
        return pd.DataFrame()
    articles = month.table("articles")
    texts = dict(zip(articles["article_id"], articles["text"]))
    return disc.part_facts(members, texts, month.table("claims"), month.table("estimates"), month.table("quotes"),
                           lexicon)


# --- the whole ---------------------------------------------------------------------------------------

def _articles(corpus) -> pd.DataFrame:
    if hasattr(corpus, "manifest") and "articles" not in vars(corpus):  # a store: four small columns only
        return corpus.sql(f"select {', '.join(ARTICLE_COLUMNS)} from articles").pipe(
            lambda f: f.assign(published=pd.to_datetime(f["published"]).astype("datetime64[ns]"),
                               article_id=f["article_id"].astype("string"), outlet=f["outlet"].astype("string")))
    return corpus.articles[ARTICLE_COLUMNS]


def align_windowed(corpus, threshold: float = cov.DEFAULT_THRESHOLD, window_days: int = cov.WINDOW_DAYS,
                   run: Callable = serial):
    """(coverage, discrepancies) for a corpus or a store, a month and a date window at a time (see the module's
    docstring); the same tables as `coverage.align(corpus, threshold, window_days)`."""
    parts = months(corpus)
    found = run(month_members, [(m,) for m in parts])
    frames = [f for f, _, _ in found]
    if not any(len(f) for f in frames):
        empty = cov.members(SimpleNamespace(claims=schemas.empty_frame("claims"),
                                            sentences=schemas.empty_frame("sentences"))).frame
        return schemas.conform("coverage", empty), schemas.empty_frame("discrepancies")
    frame = pd.concat([f.assign(_part=k) for k, f in enumerate(frames)], ignore_index=True)
    compare = [text for _, texts, _ in found for text in texts]
    frequency: Counter = Counter()
    for _, _, counted in found:
        frequency.update(counted)
    del found, frames
    order = frame.sort_values(["article_id", "start", "end"], kind="stable").index.to_numpy()
    frame = frame.loc[order].reset_index(drop=True)
    compare = [compare[i] for i in order]
    vocabulary, idf = cov.inverse_frequencies(frequency, len(frame))
    del frequency
    codes, _ = pd.factorize(frame["article_id"])
    row_of = frame.groupby("article_id").indices
    articles = _articles(corpus)
    blocks = []
    for block in cov._blocks(articles[articles["status"] != "error"], window_days):
        anchors, within = cov._rows(row_of, block.anchors), cov._rows(row_of, block.within)
        if len(anchors):
            blocks.append((anchors, within))
    fitted = cov.vectorizer(vocabulary, idf)  # its vocabulary checked once, not per block
    del vocabulary, idf
    if hasattr(run, "scatter"):
        fitted = run.scatter(fitted)
    tasks = []
    for k in range(0, len(blocks), BLOCKS_PER_TASK):
        group = blocks[k:k + BLOCKS_PER_TASK]
        rows = np.unique(np.concatenate([within for _, within in group]))
        local = [(np.searchsorted(rows, anchors), np.searchsorted(rows, within)) for anchors, within in group]
        tasks.append(([compare[i] for i in rows], rows, codes[rows], local, fitted, threshold))
    linked = [links for found in run(block_links, tasks) for links in found]
    del tasks
    if linked:
        a, b, sim = cov._best_per_article(*(np.concatenate(part) for part in zip(*linked)), codes)
    else:
        a, b, sim = np.array([], int), np.array([], int), np.array([], np.float32)
    n = len(frame)
    _, component = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    best = pd.Series(sim, index=a).groupby(level=0).max() if len(a) else pd.Series(dtype=float)
    part_of = frame["_part"].to_numpy()
    frame = frame.drop(columns="_part").assign(component=component, similarity=frame.index.map(best).astype("Float64"))
    frame = cov._number_elements(frame.assign(_part=part_of))
    frame["outlet"] = frame["article_id"].map(source_names(articles))
    part_of = frame.pop("_part").to_numpy()
    coverage = schemas.conform("coverage", frame.drop(columns=["component", "claimant"], errors="ignore"))
    shared = disc.shared_members(coverage.assign(_part=part_of))
    lexicon = getattr(corpus, "lexicon", None)
    facts = run(month_facts, [(m, shared[shared["_part"] == k].drop(columns="_part"), lexicon)
                              for k, m in enumerate(parts)])
    facts = [f for f in facts if len(f)]
    finished = disc.finish_facts(pd.concat(facts, ignore_index=True)) if facts else pd.DataFrame()
    return coverage, disc.discrepancies_from_facts(finished, coverage)
