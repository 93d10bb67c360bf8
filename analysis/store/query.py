"""The claims explorer's and the estimates dashboard's filters as DuckDB queries: over a store's Parquet files, or
over a corpus in memory (`EstimatesQuery`, below, works as `ClaimsQuery` does).

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


def connect(corpus, tables: dict[str, list[str]]):
    """A DuckDB connection and the name to read each of `tables` by: on a store, its views over the Parquet files;
    in memory, the listed columns of the corpus' frames registered as Arrow tables (no copy of object columns)."""
    import duckdb

    if hasattr(corpus, "connect"):
        connection, names = corpus.connect(), {name: name for name in tables}
    else:
        import pyarrow as pa

        connection, names = duckdb.connect(), {name: f"{name}_" for name in tables}
        for name, columns in tables.items():
            frame = getattr(corpus, name).reindex(columns=columns)
            connection.register(names[name], pa.Table.from_pandas(frame, preserve_index=False))
    connection.execute("set enable_progress_bar = false")  # no bar printed into a notebook's output
    return connection, names


def _day(value) -> dt.datetime | None:
    if value is None or value == "":
        return None
    return pd.Timestamp(value).to_pydatetime().replace(hour=0, minute=0, second=0, microsecond=0)


class ClaimsQuery:
    """Claims matching the explorer's filters, through DuckDB (see the module's docstring)."""

    def __init__(self, corpus):
        self.connection, names = connect(corpus, {"claims": CLAIMS_READ, "articles": ARTICLES_READ})
        self.connection.execute(DATED.format(**names))
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


# --- the estimates dashboard's filter ----------------------------------------------------------------------------

UNATTRIBUTED = "article's own voice"  # `who` of an estimate nobody is credited with (plots.dated_estimates too)
ESTIMATES_READ = ["estimate_id", "article_id", "claim_id", "sentence_id", "start", "end", "text", "value", "low",
                  "high", "qualifier", "approximate", "unit", "category", "location", "measure", "claimant",
                  "said_on", "said_from", "said_to", "stance", "derived", "derivation", "derived_from", "reported_by"]
SENTENCES_READ = ["article_id", "sentence_id", "text"]
DATES = ["said_on", "said_from", "said_to"]
# what `analysis.present.plots.dated_estimates` adds to an estimate, and the text of its sentence
ADDED = {"date": "datetime64[ns]", "date_basis": None, "date_from": "datetime64[ns]", "date_to": "datetime64[ns]",
         "who": "string", "source": "string", "relayed_by": "string", "sentence": None}  # None: as pandas infers
DATED_ESTIMATES = """create or replace temp view dated_estimates as
select e.*, coalesce(e.said_on, e.said_from + (e.said_to - e.said_from) / 2, a.published) as date,
       case when e.said_on is not null then 'statement' when e.said_from is not null and e.said_to is not null
            then 'period' when a.published is not null then 'publication' else 'unknown' end as date_basis,
       e.said_from as date_from, e.said_to as date_to, coalesce(e.claimant, '{unattributed}') as who,
       coalesce(nullif(a.outlet, ''), a.article_id) as source, e.reported_by as relayed_by,
       coalesce(s.text, '') as sentence
from (select {columns} from {estimates}) e
left join (select article_id, outlet, cast(published as timestamp) as published from {articles}) a
       on a.article_id = e.article_id
left join (select article_id, sentence_id, text from {sentences}) s
       on s.article_id = e.article_id and s.sentence_id = e.sentence_id"""
ORDER = "order by date nulls last, estimate_id"  # the chart's and table's order: by day, undated last


class EstimatesQuery:
    """Estimates of a category over time, filtered as the estimates dashboard's controls say, through DuckDB.

    Each estimate gets what `analysis.present.plots.dated_estimates` gives it (`date`: the statement's day, else
    the middle of the period it refers to, else publication; `date_basis`, `date_from`, `date_to`, `who`,
    `source`, `relayed_by`) and its sentence's text (`sentence`). On a store the views read the Parquet files;
    up to IN_MEMORY_ROWS estimates these columns are computed once into a DuckDB table in chart order when the
    query opens (the sentences joined once), so neither the estimates nor the sentences are ever read into
    pandas, only the rows a filter returns; in memory the frames' columns are registered as Arrow tables. Rows
    come back in the dtypes the pandas path gives them (a store's schema, or the frames' own)."""

    def __init__(self, corpus):
        tables = {"estimates": ESTIMATES_READ, "articles": ARTICLES_READ, "sentences": SENTENCES_READ}
        self.connection, names = connect(corpus, tables)
        from .. import schemas

        own = {} if hasattr(corpus, "connect") else corpus.estimates.dtypes.to_dict()
        self.dtypes = {**{c: own.get(c, schemas.COLUMNS["estimates"][c]) for c in ESTIMATES_READ}, **ADDED}
        columns = ", ".join(f'cast("{c}" as timestamp) as "{c}"' if c in DATES else f'"{c}"' for c in ESTIMATES_READ)
        self.connection.execute(DATED_ESTIMATES.format(columns=columns, unattributed=UNATTRIBUTED.replace("'", "''"),
                                                       **names))
        kept = "table" if self._values("select count(*) from dated_estimates")[0] <= IN_MEMORY_ROWS else "view"
        self.connection.execute(f"create temp {kept} chart_estimates as select * from dated_estimates {ORDER}")

    def _values(self, query: str, params: list | None = None) -> list:
        return [row[0] for row in self.connection.execute(query, params or []).fetchall()]

    def total(self) -> int:
        return int(self._values("select count(*) from chart_estimates")[0])

    def categories(self) -> list[str]:
        return self._values("select distinct category from chart_estimates where category is not null order by 1")

    def claimants(self) -> list[str]:
        return self._values("select distinct who from chart_estimates order by 1")

    def count_by(self, column: str) -> pd.Series:
        """Estimates per value of `column` (as `estimates.groupby(column).size()`: missing values left out)."""
        counts = self.connection.execute(f'select "{column}", count(*) as n from chart_estimates '
                                         f'where "{column}" is not null group by 1 order by 1').df()
        return pd.Series(counts["n"].astype("int64").to_numpy(),
                         index=pd.Index(counts[column].tolist(), name=column, dtype=self.dtypes.get(column)))

    def first(self, columns: list[str], limit: int | None = None) -> pd.DataFrame:
        """The estimates table's `columns`, the first `limit` rows in estimate_id order."""
        shown = f" limit {int(limit)}" if limit is not None else ""
        listed = ", ".join(f'"{c}"' for c in columns)
        rows = self.connection.execute(f"select {listed} from chart_estimates order by estimate_id{shown}").df()
        return self._typed(rows)

    @staticmethod
    def where(category=None, claimants=(), start=None, end=None, show_derived=True) -> tuple[str, list]:
        """The SQL condition and its parameters; None, empty and ALL mean no filter."""
        terms, params = [], []
        if category not in (ALL, None, ""):
            terms.append("category = ?"), params.append(category)
        if claimants:
            terms.append("list_contains(?::varchar[], who)"), params.append(list(claimants))
        if _day(start) is not None:
            terms.append("date >= ?"), params.append(_day(start))
        if _day(end) is not None:
            terms.append("date < ?"), params.append(_day(end) + dt.timedelta(days=1))
        if not show_derived:
            terms.append("not coalesce(derived, false)")
        return " and ".join(terms) or "true", params

    def filter(self, limit: int | None = None, **filters) -> tuple[int, pd.DataFrame]:
        """(how many estimates match, the first `limit` of them by date, then estimate_id)."""
        condition, params = self.where(**filters)
        found = self._values(f"select count(*) from chart_estimates where {condition}", params)[0]
        shown = f" limit {int(limit)}" if limit is not None else ""
        rows = self.connection.execute(f"select * from chart_estimates where {condition} {ORDER}{shown}", params).df()
        return int(found), self._typed(rows)

    def _typed(self, rows: pd.DataFrame) -> pd.DataFrame:
        for column in rows.columns:
            dtype = self.dtypes[column]
            rows[column] = pd.Series(rows[column].tolist(), index=rows.index) if dtype is None \
                else rows[column].astype(dtype)
        return rows

