"""The claims explorer's and the estimates dashboard's filters as DuckDB queries: over a store's Parquet files, or
over a corpus in memory (`EstimatesQuery`, below, works as `ClaimsQuery` does).

`ClaimsQuery(corpus)` opens a DuckDB connection with a `dated_claims` view (each claim with its `source`, the
outlet or else the article id, and its `date`, the day it was said or else the day the article was published);
`filter(...)` returns how many claims match and the first `limit` of them in claim_id order. On a store
(`analysis.open_store`) the views read the Parquet files, so nothing is loaded into pandas but the rows shown;
a corpus held in memory registers its claims and articles columns as Arrow tables. Up to IN_MEMORY_ROWS claims,
the columns the explorer filters and shows are read once into a DuckDB table (with the claimant and the text
lowered, so a case-blind search is a plain substring test, the menus' columns as ENUMs, and each text's
`text_bits`, which a search tests before it reads the text): 1-5 s and about 850 MB for a million claims, after
which a filter takes tens of milliseconds instead of the half second that decoding every text from Parquet costs.
A filter is one scan that counts the matches and keeps the positions of the first ones, then reads only those
rows. Larger stores are filtered straight from the files. The dashboards
(`analysis.present.dashboards.claims_explorer`) and `benchmarks/build.py` both call this, so the benchmark times
the filter the widgets run.

    q = ClaimsQuery(analysis.open_store("store/"))
    found, rows = q.filter(kind="direct", speaker="trump", search="tariff")
"""
from __future__ import annotations

import datetime as dt
import os

import numpy as np
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
# the explorer's menus, with far fewer distinct values than claims: ENUMs in DuckDB's copy, so a filter compares
# small integers instead of strings (kind = 'direct' on 1.7 million claims: 45 ms as strings, 6 ms as an ENUM)
MENUS = ["source", "kind", "type", "affiliation_key"]


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


class DuckQuery:
    """A query object over one DuckDB connection (`self.connection`, set by the subclass)."""
    connection = None

    def _values(self, query: str, params: list | None = None) -> list:
        """The first column of the query's rows."""
        return [row[0] for row in self.connection.execute(query, params or []).fetchall()]


def _day(value) -> dt.datetime | None:
    if value is None or value == "":
        return None
    return pd.Timestamp(value).to_pydatetime().replace(hour=0, minute=0, second=0, microsecond=0)


# --- text bits: which 3-byte runs a text holds, so that a search reads only the texts that may contain its words ----

TEXT_BITS = 128  # one UHUGEINT a claim
HASH = np.uint32(2654435761)  # Knuth's multiplicative hash: a run's bit is the top 7 of (its 3 bytes) * HASH mod 2**32
CHUNK = 4096  # texts hashed at a time, in work arrays made once: fresh arrays for each cost page faults (3x the time)


class _RunHasher:
    """The bit of every 3-byte run of up to `size` bytes, in arrays made once and reused."""

    def __init__(self, size: int):
        self.bytes = np.zeros(size + 4, np.uint8)  # the bytes, then zeros: the last runs read 3 bytes past them
        self.space, self.spaced = np.empty(size + 2, bool), np.empty(size, bool)
        self.hashes, self.rows = np.empty(size, np.uint32), np.empty(size, np.intp)

    def hashes_of(self, data: np.ndarray) -> np.ndarray:
        """Each byte's run (it and the next two) hashed to 0-127, or to 128-255 when the run holds a space: those
        span two words (" th", "e t"), are in most texts and would set most bits, so they are left out."""
        n = len(data)
        self.bytes[:n], self.bytes[n:n + 4] = data, 0
        hashes = self.hashes[:n]
        for k in range(4):  # the 4 bytes from each position as a little-endian uint32, through strided views
            hashes[k::4] = np.ndarray(((n - k + 3) // 4,), np.uint32, self.bytes, k, (4,))
        hashes &= np.uint32(0xFFFFFF)
        hashes *= HASH
        hashes >>= np.uint32(25)
        space = np.equal(self.bytes[:n + 2], ord(" "), out=self.space[:n + 2])
        spaced = np.logical_or(space[:n], space[1:n + 1], out=self.spaced[:n]).view(np.uint8)
        spaced |= space[2:]
        spaced <<= 7
        hashes |= spaced
        return hashes


def text_bits(texts) -> np.ndarray:
    """Each text's TEXT_BITS bits (an Arrow string array in; n x 2 uint64 out, the low word first): bit h set when
    one of the 3-byte runs of its UTF-8 bytes without a space hashes to h. A text that contains a string has all of
    the string's bits (`search_bits`), so testing them first leaves `contains` only the texts that may hold it
    (7% of 1.8 million claims for "president", which 6% hold; a text's bits may also hold the runs across its end
    into the next text: a bit more set lets more texts through, never fewer)."""
    import pyarrow as pa

    texts = texts.cast(pa.large_string())
    count = len(texts)
    offsets = np.frombuffer(texts.buffers()[1], np.int64)[texts.offset:texts.offset + count + 1]
    data = np.frombuffer(texts.buffers()[2] or b"", np.uint8)
    starts = range(0, count, CHUNK)
    hasher = _RunHasher(max((offsets[min(s + CHUNK, count)] - offsets[s] for s in starts), default=0))
    present = np.empty((CHUNK, 2 * TEXT_BITS), bool)  # per text, which hashes its runs have
    bits = np.empty((count, TEXT_BITS // 8), np.uint8)
    for start in starts:
        stop = min(start + CHUNK, count)
        hashes = hasher.hashes_of(data[offsets[start]:offsets[stop]])
        # each run's place in `present`: its text's row (set where a text begins and carried forward to its bytes;
        # a text after an empty one begins at the same byte and overwrites it), plus its hash
        places, begins = hasher.rows[:len(hashes)], offsets[start + 1:stop] - offsets[start]
        places[:] = 0
        inside = begins < len(hashes)
        places[begins[inside]] = np.arange(1, stop - start)[inside] * 2 * TEXT_BITS
        np.maximum.accumulate(places, out=places)
        places += hashes
        present[:stop - start] = False
        present.reshape(-1)[places[:max(len(hashes) - 2, 0)]] = True  # the last two bytes begin no whole run
        bits[start:stop] = np.packbits(present[:stop - start, :TEXT_BITS], axis=1, bitorder="little")
    return bits.view(np.uint64)


def search_bits(needle: str) -> int:
    """The bits (`text_bits`) that every text containing `needle` has: 0 when it has no run of 3 bytes without a
    space, which tests nothing."""
    data = np.frombuffer(needle.encode(), np.uint8)
    hashes = _RunHasher(len(data)).hashes_of(data)[:max(len(data) - 2, 0)]
    low, high = np.packbits(np.isin(np.arange(TEXT_BITS), hashes), bitorder="little").view(np.uint64)
    return int(low) | int(high) << 64


class ClaimsQuery(DuckQuery):
    """Claims matching the explorer's filters, through DuckDB (see the module's docstring)."""

    def __init__(self, corpus):
        self.connection, names = connect(corpus, {"claims": CLAIMS_READ, "articles": ARTICLES_READ})
        self.connection.execute(DATED.format(**names))
        lowered = ("select *, lower(claimant) as claimant_lower, lower(text) as text_lower, "
                   "coalesce(affiliation, 'unknown') as affiliation_key from dated_claims")
        if self._values("select count(*) from dated_claims")[0] <= IN_MEMORY_ROWS:
            # read the Parquet files once: a filter over DuckDB's own columns (with the words searched lowered
            # once) answers in tens of milliseconds where decoding a million texts from Parquet takes ~0.5 s
            # sorted by claim_id, so a row's position is its place in claim order (with a million claims a filter
            # that keeps most found its first rows in 70 ms instead of 400 ms; the sort costs 400 MB more)
            self.connection.execute(f"create temp table filtered_claims as {lowered} order by claim_id")
            self._menus_as_enums()
            self._add_text_bits()
            self.position = ("rowid", "bigint")  # in claim order: the table is sorted by claim_id
        else:  # too many to hold: every filter reads the files
            self.connection.execute(f"create temp view filtered_claims as {lowered}")
            self.position = ("claim_id", "varchar")  # a view has no rowid
            self.has_text_bits = False

    def _menus_as_enums(self) -> None:
        """Each MENUS column of the copy as an ENUM of its values in sorted order (so `order by` is unchanged; a
        value it lacks matches nothing)."""
        for column in MENUS:
            if self.connection.execute(f"select count({column}) from filtered_claims").fetchone()[0] == 0:
                continue  # an ENUM needs a value (an empty corpus, a column never filled): the column stays text
            self.connection.execute(f"create type {column}_values as enum (select distinct {column} "
                                    f"from filtered_claims where {column} is not null order by 1)")
            self.connection.execute(f"alter table filtered_claims alter {column} type {column}_values")

    def _add_text_bits(self) -> None:
        """The copy's `text_bits` column: each lowered text's bits (`text_bits`), hashed with numpy from the texts
        read back as Arrow in batches, a batch per core at a time (numpy lets go of the GIL: 0.6 instead of 0.9 s
        for 1.8 million claims on two cores), then written in by row id (0.25 s more). The column is then rewritten
        whole: a scan over 1.8 million updates to it took twice as long."""
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor

        import pyarrow as pa

        bits, workers = np.zeros((self.total(), 2), np.uint64), os.cpu_count() or 1
        with ThreadPoolExecutor(workers) as pool:
            hashing = deque()  # (row ids, their bits to come): at most `workers` batches held beyond the one read
            for batch in self.connection.sql("select rowid, text_lower from filtered_claims").to_arrow_reader(122_880):
                hashing.append((batch.column(0).to_numpy(), pool.submit(text_bits, batch.column(1))))
                if len(hashing) > workers:
                    rows, hashed = hashing.popleft()
                    bits[rows] = hashed.result()
            for rows, hashed in hashing:
                bits[rows] = hashed.result()
        self.connection.register("_text_bits", pa.table({"position": np.arange(len(bits)), "low": bits[:, 0],
                                                         "high": bits[:, 1]}))
        self.connection.execute("alter table filtered_claims add column text_bits uhugeint")
        self.connection.execute("update filtered_claims set text_bits = (b.high::uhugeint << 64) | b.low "
                                "from _text_bits b where filtered_claims.rowid = b.position")
        self.connection.execute("alter table filtered_claims alter text_bits type uhugeint using text_bits")
        self.connection.unregister("_text_bits")
        self.has_text_bits = True

    def total(self) -> int:
        return int(self._values("select count(*) from filtered_claims")[0])

    def sources(self) -> list[str]:
        return self._values("select distinct source from filtered_claims where source is not null order by 1")

    def affiliations(self) -> list[str]:
        return self._values("select distinct affiliation_key from filtered_claims order by 1")

    def where(self, source=ALL, speaker="", affiliation=ALL, kind=ALL, type=ALL, start=None, end=None,  # noqa: A002
              search="") -> tuple[str, list]:
        """The SQL condition and its parameters; empty strings, None and ALL mean no filter.

        The terms go cheapest first: DuckDB tests them in the scan in this order, each on the rows the ones before
        kept (kind before speaker: 31 instead of 54 ms CPU on 1.8 million claims), and a search tests the text's
        bits before it reads the text (`text_bits`: "president" in 38 instead of 111 ms CPU)."""
        terms, params = [], []
        if source not in (ALL, None, ""):
            terms.append("source = ?"), params.append(source)
        if affiliation not in (ALL, None, ""):
            terms.append("affiliation_key = ?"), params.append(affiliation)
        if kind not in (ALL, None, ""):
            terms.append("kind = ?"), params.append(kind)
        if type not in (ALL, None, ""):  # speech, belief, finding or intention: "what a study found" apart
            terms.append("type = ?"), params.append(type)
        if _day(start) is not None:
            terms.append("date >= ?"), params.append(_day(start))
        if _day(end) is not None:
            terms.append("date < ?"), params.append(_day(end) + dt.timedelta(days=1))
        if speaker:
            terms.append("contains(claimant_lower, lower(?))"), params.append(speaker)
        if search:
            needle = self._values("select lower(?)", [search])[0]  # as DuckDB lowers the texts
            bits = search_bits(needle) if self.has_text_bits else 0
            if bits:
                terms.append("text_bits & ?::uhugeint = ?::uhugeint"), params.extend([str(bits)] * 2)
            terms.append("contains(text_lower, ?)"), params.append(needle)
        return " and ".join(terms) or "true", params

    def filter(self, limit: int | None = None, **filters) -> tuple[int, pd.DataFrame]:
        """(how many claims match, the first `limit` of them in claim_id order, CLAIM_COLUMNS).

        One scan counts the matches and keeps the positions of the first `limit` (`min(position, n)`), then only
        those rows are read: the filter, whose search through every text is the costly part, runs once rather
        than once for the count and again for the rows (on 1.7 million claims, about half the time)."""
        condition, params = self.where(**filters)
        columns = ", ".join(CLAIM_COLUMNS)
        if limit is None:
            rows = self.connection.execute(f"select {columns} from filtered_claims where {condition} order by claim_id",
                                           params).df()
            return len(rows), _typed(rows)
        position, sql_type = self.position
        found, first = self.connection.execute(f"select count(*), min({position}, {max(1, int(limit))}) "
                                               f"from filtered_claims where {condition}", params).fetchone()
        rows = self.connection.execute(f"select {columns} from filtered_claims where {position} in "
                                       f"(select unnest(?::{sql_type}[])) order by claim_id",
                                       [(first or [])[:max(0, int(limit))]]).df()
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


class EstimatesQuery(DuckQuery):
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



# --- the coverage dashboard's tables -----------------------------------------------------------------------------

MEMBER_RANK = {"quote": 0, "claim": 1, "sentence": 2}  # which wording of a source to set side by side
RANK = "case member " + " ".join(f"when '{m}' then {r}" for m, r in MEMBER_RANK.items()) + " end"
LINKED = ("coverage", "discrepancies")


class CoverageQuery(DuckQuery):
    """What the coverage dashboard shows of the chosen sources, through DuckDB: per-source counts of shared and
    unique elements, the elements carried by the most sources, the wordings of the first shared elements, the
    first coverage rows and discrepancies, each as the pandas functions over the whole tables give it
    (`analysis.link.coverage.source_counts`, `coverage_matrix`, `dashboards.widest_elements`, `element_wordings`).

    `tables` gives each of coverage and discrepancies as Parquet files (in table order, or each row with its
    `_position` in the table, as a linking's parts are) or as a frame, registered as an Arrow table. By default they
    are the corpus' own: a linked store's files, else `corpus.coverage` and `corpus.discrepancies` (a store its
    build did not link is linked once, in memory). Each view carries `_row`, a row's place in its table: pandas
    keeps table order through a filter, and the wordings break ties by it, where DuckDB promises no order without
    `order by`. Only the rows asked for come back as pandas, in the dtypes of the frames (or of the store's
    tables)."""

    def __init__(self, corpus, tables: dict[str, list[str] | pd.DataFrame] | None = None):
        from .. import schemas

        self.connection, names = connect(corpus, {"articles": ["article_id", "outlet"]})
        self.connection.execute("create temp view sources as select article_id, "
                                f"coalesce(nullif(outlet, ''), article_id) as source from {names['articles']}")
        if tables is None:
            linked = hasattr(corpus, "files") and corpus.manifest.get("linked")
            tables = {name: [str(p) for p in corpus.files(name)] if linked else getattr(corpus, name)
                      for name in LINKED}
        self.dtypes = {}
        for name, table in tables.items():
            if isinstance(table, pd.DataFrame) or not table:
                frame = table if isinstance(table, pd.DataFrame) else schemas.empty_frame(name)
                self._frame_view(name, frame)
                self.dtypes[name] = frame.dtypes.to_dict()
            else:
                self._files_view(name, [str(p) for p in table])
                self.dtypes[name] = schemas.COLUMNS[name]
        self._chosen: tuple | None = None
        self.folder = None  # a temporary folder holding the files, kept as long as the query (`linked_again`)

    def _files_view(self, name: str, files: list[str]) -> None:
        """`name`_rows over Parquet files in table order: a linking's parts number their rows (`_position`), a
        store's files are in table order one after the other."""
        from .. import schemas

        columns = ", ".join(f'"{c}"' for c in schemas.COLUMNS[name])
        scans = []
        for k, path in enumerate(files):
            quoted = "'" + path.replace("'", "''") + "'"
            has_position = "_position" in self.connection.execute(
                f"select name from parquet_schema({quoted})").df()["name"].tolist()
            row = "_position" if has_position else f"({k}::bigint << 40) + file_row_number"
            scans.append(f"select {columns}, {row} as _row from read_parquet({quoted}, file_row_number = true)")
        self.connection.execute(f"create temp view {name}_rows as {' union all by name '.join(scans)}")

    def _frame_view(self, name: str, frame: pd.DataFrame) -> None:
        import numpy as np
        import pyarrow as pa

        table = pa.Table.from_pandas(frame.assign(_row=np.arange(len(frame))), preserve_index=False)
        self.connection.register(f"_{name}_frame", table)
        self.connection.execute(f"create temp view {name}_rows as select * from _{name}_frame")

    def sources(self) -> list[str]:
        """Every article's source (its outlet, else its id), sorted: the dashboard's choice of sources."""
        return self._values("select distinct source from sources where source is not null order by 1")

    def _spread(self, sources) -> None:
        """Tables `pairs` (each element and chosen source carrying it: its members there) and `elements` (how many
        chosen sources carry each element, its members in them), counted once per choice of sources and read by the
        counts, the widest elements and the wordings. Members are counted as rows: every member has a `start`, which
        is what pandas counts."""
        chosen = tuple(sources)
        if chosen == self._chosen:
            return
        self.connection.execute("""create or replace temp table pairs as select element_id, outlet, count(*) as members
            from coverage_rows where list_contains(?::varchar[], outlet) group by element_id, outlet""", [list(chosen)])
        self.connection.execute("""create or replace temp table elements as
            select element_id, count(*) as sources, sum(members) as members from pairs group by element_id""")
        self._chosen = chosen

    def _members(self, ids: list[str], query: str) -> pd.DataFrame:
        """`query` over `members`: the chosen sources' coverage rows of elements `ids`. The bounds let DuckDB skip
        the row groups of a store's file (in element order) that cannot hold them, rather than decode every text."""
        members = ("select * from coverage_rows where element_id between ? and ? "
                   "and list_contains(?::varchar[], element_id) and list_contains(?::varchar[], outlet)")
        return self.connection.execute(f"with members as ({members}) {query}",
                                       [min(ids, default=""), max(ids, default=""), ids, list(self._chosen)]).df()

    def counts(self, sources) -> pd.DataFrame:
        """Per source: elements it shares with another chosen source and elements only it carries."""
        self._spread(sources)
        counts = self.connection.execute("""select outlet, count(*) filter (where e.sources > 1) as shared,
            count(*) as total from pairs join elements e using (element_id) group by outlet order by outlet""").df()
        return pd.DataFrame({"shared": counts["shared"].astype("int64").to_numpy(),
                             "unique": (counts["total"] - counts["shared"]).astype("int64").to_numpy(),
                             "total": counts["total"].astype("int64").to_numpy()},
                            index=pd.Index(counts["outlet"].tolist(), name="outlet",
                                           dtype=self.dtypes["coverage"]["outlet"]))

    def widest(self, sources, limit: int) -> tuple[pd.DataFrame, int]:
        """(element × source members of the `limit` elements carried by the most sources, then with the most
        members, in element order; how many elements the chosen sources carry)."""
        self._spread(sources)
        ids = self._values("select element_id from elements order by sources desc, members desc, element_id limit ?",
                        [int(limit)])
        cells = self._members(ids, "select element_id, label, outlet, count(*) as members from members group by all")
        outlets = self._values("select distinct outlet from pairs order by 1")
        elements = self.connection.execute("select count(*) from elements").fetchone()[0]
        return self._matrix(cells, outlets), int(elements)

    def _matrix(self, cells: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
        """The members as `coverage_matrix` lays them out: a row per (element, label), a column per chosen source
        that carries anything (in any element), members counted as nullable integers as pandas counts `start`."""
        if cells.empty:  # what pandas makes of no rows
            from ..link.coverage import coverage_matrix
            return coverage_matrix(pd.DataFrame({c: pd.Series(dtype=d) for c, d in self.dtypes["coverage"].items()}))
        cells = self._typed(cells, "coverage")
        matrix = cells.pivot_table(index=["element_id", "label"], columns="outlet", values="members", aggfunc="sum",
                                   fill_value=0)
        matrix = matrix.reindex(columns=outlets, fill_value=0).astype("Int64").sort_index()
        matrix.columns = pd.Index(outlets, name="outlet", dtype=self.dtypes["coverage"]["outlet"])
        return matrix

    def wordings(self, sources, limit: int | None = None) -> tuple[pd.DataFrame, int]:
        """(`element_wordings` of the first `limit` elements two chosen sources carry, in element order: for
        each source its quotation, else its claim, else its sentence, the best matched first; how many such
        elements there are)."""
        self._spread(sources)
        first = f" limit {int(limit)}" if limit is not None else ""
        ids = self._values(f"select element_id from elements where sources > 1 order by element_id{first}")
        rows = self._members(ids, f"""select element_id, label, outlet, member, text from members
            qualify row_number() over (partition by element_id, outlet
                                       order by {RANK} nulls last, coalesce(similarity, 0) desc, _row) = 1
            order by element_id, outlet""")
        shared = self.connection.execute("select count(*) from elements where sources > 1").fetchone()[0]
        return self._typed(rows, "coverage"), int(shared)

    def rows(self, sources, limit: int | None = None) -> tuple[int, pd.DataFrame]:
        """(how many coverage rows the chosen sources have, the first `limit` of them in table order)."""
        condition = "list_contains(?::varchar[], outlet)"
        return self._first("coverage", condition, [list(sources)], limit)

    def discrepancies(self, sources, limit: int | None = None) -> tuple[int, pd.DataFrame]:
        """(how many discrepancies of the chosen sources' articles there are, the first `limit` in table order)."""
        condition = "article_id in (select article_id from sources where list_contains(?::varchar[], source))"
        return self._first("discrepancies", condition, [list(sources)], limit)

    def _first(self, name: str, condition: str, params: list, limit: int | None) -> tuple[int, pd.DataFrame]:
        found = self.connection.execute(f"select count(*) from {name}_rows where {condition}", params).fetchone()[0]
        shown = f" limit {int(limit)}" if limit is not None else ""
        rows = self.connection.execute(f"select * exclude (_row) from {name}_rows where {condition} order by _row"
                                       f"{shown}", params).df()
        return int(found), self._typed(rows, name)

    def _typed(self, rows: pd.DataFrame, name: str) -> pd.DataFrame:
        dtypes = self.dtypes[name]
        return rows.astype({c: dtypes[c] for c in rows.columns if c in dtypes}).reset_index(drop=True)


def linked_again(corpus, threshold: float) -> CoverageQuery:
    """A store linked again at another similarity threshold (`analysis.link.windows.link_windowed`: a month and a
    date window at a time, minutes on a large store), its coverage rows left in the files of a temporary folder
    the query keeps, so they are never one pandas frame; the discrepancies are a frame."""
    import tempfile
    from pathlib import Path

    from ..link.windows import link_windowed

    folder = tempfile.TemporaryDirectory(prefix="claim-ledger-coverage-")
    linked = link_windowed(corpus, folder.name, threshold)
    for path in Path(folder.name).iterdir():  # the members and their texts: only the linking reads them
        if str(path) not in linked.parts and path.is_file():
            path.unlink()
    query = CoverageQuery(corpus, {"coverage": linked.parts, "discrepancies": linked.discrepancies})
    query.folder = folder
    return query
