"""Linking across articles a date window at a time: the same coverage and discrepancies tables as
`coverage.align`, without holding every member's vectors, texts or coverage rows at once.

`link_windowed(corpus, folder, run=...)` works in three rounds of tasks, each a plain function of small inputs
that a `run(function, argument_tuples)` executes (in this process by default, or as Dask tasks:
`dask_runner(client)`), and keeps what is large in files of `folder`:

1. per month of publication (a store's month partition, or the articles of a corpus in memory published that
   month): the members (claims, and sentences no claim covers), written to the month's file with the text
   each is compared by, and the document frequency of their terms;
2. per block of the date windows (`coverage._blocks`: anchors published in one window, matched against that
   window and the next, undated articles against all): TF-IDF vectors of the block's members, their texts read
   from the months' files, with the vocabulary and inverse document frequencies of the whole corpus (so each
   vector is the one a single vectorizer over all members gives), and the best match of each member in every
   other article (a task takes BLOCKS_PER_TASK consecutive blocks, so a member is vectorised about once);
3. per month again: the month's coverage rows (element id, label, similarity, their row in the table),
   written to a file, and the facts (months, dates, numbers, names, titles, speakers) of the members whose
   element several articles carry, read from that month's texts, claims, estimates and quotes.

Between the rounds this process keeps a few numbers per member (article, start, text length, component,
similarity, row in the table), the vocabulary, the labels of elements of several members and the facts;
never a member's text, a corpus-wide matrix or all article texts. Connected components, element numbering
and labels are computed on those numbers as `align` does, so both give identical tables (tests/test_coverage.py
checks it, also on a Dask LocalCluster). `Linked.write_coverage` puts the rows of the months' files in table
order into one Parquet file with DuckDB, which sorts out of core; `align_windowed` gives both tables as
frames (from a temporary folder).
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .. import schemas
from ..ingest.articles import source_names
from . import coverage as cov
from . import discrepancies as disc

BLOCKS_PER_TASK = 10  # consecutive date-window blocks per task (a member is vectorised once per task)
COVERAGE_SORT_MEMORY = "256MB"  # DuckDB's memory for putting the coverage rows in table order (it spills beyond)
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


# --- round 1: members and term counts per month, the members spilled to a file ------------------------

@dataclass
class MonthMembers:
    """A month's members, written to `path` (with the text each is compared by), and the little the linking
    keeps of them: their articles, starts and text lengths (in the month's member order), and the number of
    members each term occurs in (as arrays: a Counter per month of a year of news holds hundreds of MB)."""
    path: str
    articles: list[str]     # the month's article ids that have members, sorted
    article: np.ndarray     # each member's index in `articles`
    start: np.ndarray
    length: np.ndarray      # characters of the member's text (labels prefer the shortest best match)
    terms: np.ndarray
    counts: np.ndarray


def month_members(month: Month, path: str) -> MonthMembers:
    found = cov.members(SimpleNamespace(claims=month.table("claims"), sentences=month.table("sentences")))
    frame = found.frame.assign(compare=found.compare)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    article, articles = pd.factorize(frame["article_id"], sort=True)
    frequency = cov.term_frequencies(found.compare)
    return MonthMembers(path, [str(a) for a in articles], article, frame["start"].to_numpy(np.int64),
                        frame["text"].str.len().to_numpy(np.int64), np.array(list(frequency), dtype=str),
                        np.fromiter(frequency.values(), np.int64, len(frequency)))


def _column(path: str, name: str, rows: np.ndarray) -> list:
    return pq.read_table(path, columns=[name]).column(0).take(pa.array(rows)).to_pylist()


# --- round 2: links per block ------------------------------------------------------------------------

def block_links(sources: list[tuple[str, np.ndarray, np.ndarray]], rows: np.ndarray, codes: np.ndarray,
                blocks: list[tuple[np.ndarray, np.ndarray]], vectorizer,
                threshold: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """`coverage._block_links` then `_best_per_article` for a few consecutive blocks: `rows` are the global member
    indices of their members (sorted), `codes` their article codes, `sources` where their compared texts are
    (month file, rows in it, positions among `rows`), `blocks` the (anchors, within) positions among them. Each
    member is vectorised once. Returns global (a, b, similarity) per block."""
    texts = [""] * len(rows)
    for path, local, positions in sources:
        for position, text in zip(positions, _column(path, "compare", local)):
            texts[position] = text
    vectors = vectorizer.transform(texts)
    out = []
    for anchors, within in blocks:
        a, b, sim = cov._best_per_article(*cov._block_links(vectors, codes, anchors, within, threshold), codes)
        out.append((rows[a], rows[b], sim))
    return out


# --- round 3: per month, the coverage rows (written to a file) and the facts of the shared ones -------

@dataclass
class Assigned:
    """What the linking decided for one month's members, in the month's member order."""
    element_id: np.ndarray
    label: list[str | None]   # None: the member is its element's only one, its own text is the label
    similarity: np.ndarray    # NaN: linked to nothing
    position: np.ndarray      # the row in the coverage table
    rank: np.ndarray          # the place among the rows of elements several articles carry (-1: not one)


def month_coverage(month: Month, members: str, assigned: Assigned, outlets: dict, out: str,
                   lexicon=None) -> pd.DataFrame:
    """Write the month's coverage rows (with `_position`) to `out`; return the facts of its shared members."""
    frame = pq.read_table(members).to_pandas().drop(columns=["compare", "claimant"], errors="ignore")
    labels = [own if given is None else given for own, given in zip(frame["text"].map(cov._label), assigned.label)]
    frame = frame.assign(element_id=assigned.element_id, label=labels, outlet=frame["article_id"].map(outlets),
                         similarity=pd.array(assigned.similarity, dtype="Float64"))
    coverage = schemas.conform("coverage", frame).assign(_position=assigned.position)
    pq.write_table(pa.Table.from_pandas(coverage, preserve_index=False), out)
    shared = coverage.assign(_rank=assigned.rank)[assigned.rank >= 0].sort_values("_rank")
    return month_facts(month, shared.drop(columns="_position").reset_index(drop=True), lexicon)


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


@dataclass
class Linked:
    """Coverage written a month at a time (`parts` in `folder`, each row with its `_position` in the table) and
    the discrepancies table."""
    folder: str
    parts: list[str]
    discrepancies: pd.DataFrame

    def coverage(self) -> pd.DataFrame:
        """The coverage table in memory (what a caller asking for the frame holds anyway)."""
        frame = pd.concat([pd.read_parquet(p) for p in self.parts], ignore_index=True)
        frame = frame.sort_values("_position").drop(columns="_position").reset_index(drop=True)
        return schemas.conform("coverage", frame)

    def write_coverage(self, path: str) -> int:
        """The coverage table as one Parquet file in table order, sorted by DuckDB out of core; its rows."""
        import duckdb

        listed = ", ".join("'" + p.replace("'", "''") + "'" for p in self.parts)
        connection = duckdb.connect()
        connection.execute(f"set memory_limit='{COVERAGE_SORT_MEMORY}'")
        connection.execute(f"set temp_directory='{Path(self.folder, 'sort.tmp').as_posix()}'")
        columns = ", ".join(f'"{c}"' for c in schemas.COLUMNS["coverage"])
        connection.execute(f"copy (select {columns} from read_parquet([{listed}]) order by _position) "
                           f"to '{path}' (format parquet, compression zstd)")
        return connection.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]


def link_windowed(corpus, folder: str, threshold: float = cov.DEFAULT_THRESHOLD, window_days: int = cov.WINDOW_DAYS,
                  run: Callable = serial) -> Linked:
    """Link a corpus or a store a month and a date window at a time (see the module's docstring), writing the
    members and the coverage rows of each month in `folder`: this process keeps a few numbers per member."""
    parts = months(corpus)
    found: list[MonthMembers] = run(month_members, [(m, f"{folder}/members-{k:05d}.parquet")
                                                    for k, m in enumerate(parts)])
    if not any(len(f.article) for f in found):
        return Linked(folder, [], schemas.empty_frame("discrepancies"))
    members = _in_order(found)
    fitted = cov.vectorizer(*cov.inverse_frequencies(_frequency(found), members.n))  # checked once, not per block
    articles = _articles(corpus)
    tasks = _block_tasks(members, found, articles[articles["status"] != "error"], window_days,
                         run.scatter(fitted) if hasattr(run, "scatter") else fitted, threshold)
    linked = [links for result in run(block_links, tasks) for links in result]
    del tasks
    if linked:
        a, b, sim = cov._best_per_article(*(np.concatenate(piece) for piece in zip(*linked)), members.codes)
    else:
        a, b, sim = np.array([], int), np.array([], int), np.array([], np.float32)
    n = members.n
    _, component = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    similarity = np.full(n, np.nan)
    if len(a):
        best = pd.Series(sim, index=a).groupby(level=0).max()
        similarity[best.index.to_numpy()] = best.to_numpy()
    elements = _elements(component, members.codes, members.start, similarity, members.length)
    labels = _shared_labels(elements, component, members, found)
    outlets, lexicon = source_names(articles).to_dict(), getattr(corpus, "lexicon", None)
    tasks = []
    for k, month in enumerate(parts):
        mine = np.flatnonzero(members.part == k)[np.argsort(members.local[members.part == k])]  # in its order
        assigned = Assigned(elements.ids[component[mine]], [labels.get(c) for c in component[mine]],
                            similarity[mine], elements.position[mine], elements.shared_rank[mine])
        tasks.append((month, found[k].path, assigned, outlets, f"{folder}/coverage-{k:05d}.parquet", lexicon))
    facts = [f for f in run(month_coverage, tasks) if len(f)]
    finished = disc.finish_facts(pd.concat(facts, ignore_index=True)) if facts else pd.DataFrame()
    shared_labels = pd.DataFrame({"element_id": elements.ids[list(labels)], "label": list(labels.values())})
    return Linked(folder, [t[4] for t in tasks], disc.discrepancies_from_facts(finished, shared_labels))


@dataclass
class InOrder:
    """Every member in the order of `align`'s table before numbering (by article id, then as in its month)."""
    codes: np.ndarray    # the article's code: its place among the article ids with members, sorted
    part: np.ndarray     # the month it is in
    local: np.ndarray    # its row in that month's file
    start: np.ndarray
    length: np.ndarray
    row_of: dict         # article id -> its members' rows

    @property
    def n(self) -> int:
        return len(self.codes)


def _in_order(found: list[MonthMembers]) -> InOrder:
    names = sorted({a for f in found for a in f.articles})
    code_of = {a: k for k, a in enumerate(names)}
    codes = np.concatenate([np.array([code_of[a] for a in f.articles], np.int64)[f.article] for f in found])
    order = np.argsort(codes, kind="stable")  # each month's members are in article and text order already
    part = np.concatenate([np.full(len(f.article), k) for k, f in enumerate(found)])[order]
    local = np.concatenate([np.arange(len(f.article)) for f in found])[order]
    start, length = (np.concatenate([getattr(f, key) for f in found])[order] for key in ("start", "length"))
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    row_of = {a: np.arange(bounds[k], bounds[k + 1]) for k, a in enumerate(names)}
    return InOrder(codes[order], part, local, start, length, row_of)


def _block_tasks(members: InOrder, found: list[MonthMembers], articles: pd.DataFrame, window_days: int, fitted,
                 threshold: float) -> list[tuple]:
    """`block_links` arguments per BLOCKS_PER_TASK consecutive blocks: which rows of which month files to read."""
    blocks = []
    for block in cov._blocks(articles, window_days):
        anchors, within = cov._rows(members.row_of, block.anchors), cov._rows(members.row_of, block.within)
        if len(anchors):
            blocks.append((anchors, within))
    tasks = []
    for k in range(0, len(blocks), BLOCKS_PER_TASK):
        group = blocks[k:k + BLOCKS_PER_TASK]
        rows = np.unique(np.concatenate([within for _, within in group]))
        positions = [(np.searchsorted(rows, anchors), np.searchsorted(rows, within)) for anchors, within in group]
        part, local = members.part[rows], members.local[rows]
        sources = [(found[p].path, local[part == p], np.flatnonzero(part == p)) for p in np.unique(part)]
        tasks.append((sources, rows, members.codes[rows], positions, fitted, threshold))
    return tasks


def _frequency(found: list[MonthMembers]) -> dict[str, int]:
    """How many members each term occurs in, over all months."""
    terms, inverse = np.unique(np.concatenate([f.terms for f in found]), return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights=np.concatenate([f.counts for f in found]), minlength=len(terms))
    for f in found:
        f.terms = f.counts = None
    return dict(zip(terms.tolist(), counts.astype(np.int64).tolist()))


@dataclass
class Elements:
    """Per component its element id; per member its row in the coverage table and its place among the rows of
    elements carried by several articles (-1 when its element is not)."""
    ids: np.ndarray         # per component: E0000, E0001, ...
    position: np.ndarray
    shared_rank: np.ndarray
    best: np.ndarray        # per component, the member whose text labels it
    size: np.ndarray        # per component, its members


def _elements(component: np.ndarray, codes: np.ndarray, start: np.ndarray, similarity: np.ndarray,
              length: np.ndarray) -> Elements:
    """`coverage._number_elements` on arrays: elements carried by more sources first, then in text order; the
    label member best matched, then shortest; rows by element id (as text), article, start."""
    n_components = int(component.max()) + 1
    pairs = np.unique(component.astype(np.int64) * (int(codes.max()) + 1) + codes)
    sources = np.bincount(pairs // (int(codes.max()) + 1), minlength=n_components)
    first = np.full(n_components, np.iinfo(np.int64).max)
    np.minimum.at(first, component, codes)
    earliest = np.full(n_components, np.iinfo(np.int64).max)
    np.minimum.at(earliest, component, start)
    numbered = np.empty(n_components, np.int64)
    numbered[np.lexsort((earliest, first, -sources))] = np.arange(n_components)
    ids = np.char.mod("E%04d", numbered)
    as_text = np.empty(n_components, np.int64)  # the table is in element id order as text: E10000 before E1001
    as_text[np.argsort(ids, kind="stable")] = np.arange(n_components)
    position = np.empty(len(codes), np.int64)
    position[np.lexsort((start, codes, as_text[component]))] = np.arange(len(codes))
    shared = sources[component] > 1
    shared_rank = np.full(len(codes), -1)
    shared_rank[shared] = np.argsort(np.argsort(position[shared], kind="stable"), kind="stable")
    ranked = np.lexsort((length, -np.nan_to_num(similarity, nan=0.0), component))
    first_of = np.ones(len(ranked), bool)
    first_of[1:] = component[ranked][1:] != component[ranked][:-1]
    return Elements(ids, position, shared_rank, ranked[first_of], np.bincount(component, minlength=n_components))


def _shared_labels(elements: Elements, component: np.ndarray, members: InOrder,
                   found: list[MonthMembers]) -> dict[int, str]:
    """The labels of the elements of several members, their best member's text read from its month's file
    (an element of one member is labelled by its own text, in its month's pass)."""
    several = np.flatnonzero(elements.size > 1)
    best = elements.best[several]
    labels: dict[int, str] = {}
    part, local = members.part[best], members.local[best]
    for p in np.unique(part):
        mine = part == p
        for c, text in zip(several[mine], _column(found[p].path, "text", local[mine])):
            labels[int(c)] = cov._label(text)
    return labels


def align_windowed(corpus, threshold: float = cov.DEFAULT_THRESHOLD, window_days: int = cov.WINDOW_DAYS,
                   run: Callable = serial):
    """(coverage, discrepancies) for a corpus or a store, a month and a date window at a time (see the module's
    docstring); the same tables as `coverage.align(corpus, threshold, window_days)`."""
    with tempfile.TemporaryDirectory(prefix="claim-ledger-link-") as folder:
        linked = link_windowed(corpus, folder, threshold, window_days, run)
        if not linked.parts:
            empty = cov.members(SimpleNamespace(claims=schemas.empty_frame("claims"),
                                                sentences=schemas.empty_frame("sentences"))).frame
            return schemas.conform("coverage", empty), linked.discrepancies
        return linked.coverage(), linked.discrepancies
