"""The claims explorer's filter as one DuckDB query: over a store's Parquet files, or over a corpus in memory.

`ClaimsQuery(corpus)` opens a DuckDB connection with a `dated_claims` view (each claim with its `source`, the
outlet or else the article id, and its `date`, the day it was said or else the day the article was published);
`filter(...)` returns how many claims match and the first `limit` of them in claim_id order. On a store
(`analysis.open_store`) the views read the Parquet files, so nothing is loaded into pandas but the rows shown;
a corpus held in memory registers its claims and articles columns as Arrow tables. Up to IN_MEMORY_ROWS claims,
the columns the explorer filters and shows are read once into a DuckDB table (with the claimant and the text
lowered, so a case-blind search is a plain substring test): 1-5 s and about 850 MB for a million claims, after
which a filter takes tens of milliseconds instead of the half second that decoding every text from Parquet
costs. Larger stores are filtered straight from the files. The dashboards
(`analysis.present.dashboards.claims_explorer`) and `benchmarks/build.py` both call this, so the benchmark times
the filter the widgets run.

    q = ClaimsQuery(analysis.open_store("store/"))
    found, rows = q.filter(kind="direct", speaker="trump", search="tariff")
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

ALL = "(all)"
CLAIM_COLUMNS = ["claim_id", "source", "date", "kind", "type", "claimant", "claimant_role", "affiliation", "cue",
                 "said_on", "text"]
CLAIMS_READ = ["claim_id", "article_id", "kind", "type", "claimant", "claimant_role", "affiliation", "cue", "said_on",
               "text"]
TYPES = ["speech", "belief", "finding", "intention"]  # what a claim's cue reports (claims.type)
ARTICLES_READ = ["article_id", "outlet", "published"]
IN_MEMORY_ROWS = 5_000_000  # up to this many claims, the filtered columns are copied into DuckDB's memory once
DATED = """create or replace temp view dated_claims as
select c.claim_id, coalesce(nullif(a.outlet, ''), a.article_id, c.article_id) as source,
       coalesce(cast(c.said_on as timestamp), cast(a.published as timestamp)) as date,
       c.kind, c.type, c.claimant, c.claimant_role, c.affiliation, c.cue, cast(c.said_on as timestamp) as said_on, c.text
from {claims} c left join (select article_id, outlet, published from {articles}) a on a.article_id = c.article_id"""
STRINGS = ["claim_id", "source", "kind", "type", "claimant", "claimant_role", "affiliation", "cue", "text"]


def _day(value) -> dt.datetime | None:
    if value is None or value == "":
        return None
    return pd.Timestamp(value).to_pydatetime().replace(hour=0, minute=0, second=0, microsecond=0)


class ClaimsQuery:
    """Claims matching the explorer's filters, through DuckDB (see the module's docstring)."""

    def __init__(self, corpus):
        import duckdb

        if hasattr(corpus, "connect"):  # a store: views over its Parquet files
            self.connection = corpus.connect()
            claims, articles = "claims", "articles"
        else:  # in memory: only the columns the filter reads, as Arrow (no copy of pandas' object columns)
            import pyarrow as pa

            self.connection = duckdb.connect()
            for name, frame, columns in (("claims_", corpus.claims, CLAIMS_READ),
                                         ("articles_", corpus.articles, ARTICLES_READ)):
                self.connection.register(name, pa.Table.from_pandas(frame.reindex(columns=columns), preserve_index=False))
            claims, articles = "claims_", "articles_"
        self.connection.execute("set enable_progress_bar = false")  # no bar printed into a notebook's output
        self.connection.execute(DATED.format(claims=claims, articles=articles))
        lowered = "select *, lower(claimant) as claimant_lower, lower(text) as text_lower from dated_claims"
        if self._values("select count(*) from dated_claims")[0] <= IN_MEMORY_ROWS:
            # read the Parquet files once: a filter over DuckDB's own columns (with the words searched lowered
            # once) answers in tens of milliseconds where decoding a million texts from Parquet takes ~0.5 s
            # sorted by claim_id: a filter's first rows in claim order are then read from the first row groups
            # (with a million claims, 70 ms instead of 400 ms for a filter that keeps most; it costs 400 MB more)
            self.connection.execute(f"create temp table filtered_claims as {lowered} order by claim_id")
        else:  # too many to hold: every filter reads the files
            self.connection.execute(f"create temp view filtered_claims as {lowered}")

    def _values(self, query: str) -> list:
        return [row[0] for row in self.connection.execute(query).fetchall()]

    def total(self) -> int:
        return int(self._values("select count(*) from filtered_claims")[0])

    def sources(self) -> list[str]:
        return self._values("select distinct source from filtered_claims where source is not null order by 1")

    def affiliations(self) -> list[str]:
        return self._values("select distinct coalesce(affiliation, 'unknown') from filtered_claims order by 1")

    @staticmethod
    def where(source=ALL, speaker="", affiliation=ALL, kind=ALL, type=ALL, start=None, end=None,  # noqa: A002
              search="") -> tuple[str, list]:
        """The SQL condition and its parameters; empty strings, None and ALL mean no filter."""
        terms, params = [], []
        if source not in (ALL, None, ""):
            terms.append("source = ?"), params.append(source)
        if speaker:
            terms.append("contains(claimant_lower, lower(?))"), params.append(speaker)
        if affiliation not in (ALL, None, ""):
            terms.append("coalesce(affiliation, 'unknown') = ?"), params.append(affiliation)
        if kind not in (ALL, None, ""):
            terms.append("kind = ?"), params.append(kind)
        if type not in (ALL, None, ""):  # speech, belief, finding or intention: "what a study found" apart
            terms.append("type = ?"), params.append(type)
        if _day(start) is not None:
            terms.append("date >= ?"), params.append(_day(start))
        if _day(end) is not None:
            terms.append("date < ?"), params.append(_day(end) + dt.timedelta(days=1))
        if search:
            terms.append("contains(text_lower, lower(?))"), params.append(search)
        return " and ".join(terms) or "true", params

    def filter(self, limit: int | None = None, **filters) -> tuple[int, pd.DataFrame]:
        """(how many claims match, the first `limit` of them in claim_id order, CLAIM_COLUMNS)."""
        condition, params = self.where(**filters)
        found = self.connection.execute(f"select count(*) from filtered_claims where {condition}", params).fetchone()[0]
        shown = f" limit {int(limit)}" if limit is not None else ""
        rows = self.connection.execute(
            f"select {', '.join(CLAIM_COLUMNS)} from filtered_claims where {condition} order by claim_id{shown}",
            params).df()
        return int(found), _typed(rows)


def _typed(rows: pd.DataFrame) -> pd.DataFrame:
    """The dtypes of the claims table (strings as `string`, days as datetime64[ns])."""
    for column in STRINGS:
        rows[column] = rows[column].astype("string")
    for column in ("date", "said_on"):
        rows[column] = pd.to_datetime(rows[column]).astype("datetime64[ns]")
    return rows
