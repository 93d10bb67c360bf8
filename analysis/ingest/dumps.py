"""News dumps: one article a row, in JSON Lines, CSV or Parquet, read into the same articles table as a folder.

Columns: `id`, `text` (or `html`: its main text is extracted as for an .html file), `title`, `outlet`, `url`,
`published`, and optionally `published_basis` and `evidence`. Other names are mapped with `columns=`
(`{"body": "text", "headline": "title"}`); a few common ones are recognised when the usual name is absent
(`article_id`, `content`, `body`, `date`, `source`, ...). The text is cleaned like a file's (page chrome
stripped, every removed line kept in `removed`).

Every row becomes an articles row, never fewer: a row that cannot be used (not valid JSON, no text or html,
too large, a duplicate of an earlier row's text) is an `error` row naming its line, like a bad file; a missing
id, an id used twice, a date that does not parse are `warning`s. Rows are read in batches
(`read_dump(path, batch_size=...)` yields one articles frame per batch), so a dump larger than memory can be
built into a store (`python -m analysis build dump.jsonl --out STORE`).

A store rebuilt from the whole dump again need not clean the rows it already holds: `DumpReader.read(known)`
hashes each row as read (its fields, the id it gets, the reader's code, rules and limits) before cleaning,
and a row whose hash is the one the store keeps for that id is passed over as `unchanged`, unless its
cleaned text (the store's digest of it) is now a duplicate of an earlier row's.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

import pandas as pd

from .articles import _finish, one_line
from .cleaning import DEFAULT_RULES, Rules, strip_chrome
from .reading import HTML_TEMPLATE_WHY, MAX_FILE_MB, ReadError, html_main_text

FIELDS = ("id", "text", "html", "title", "outlet", "url", "published", "published_basis", "evidence")
ALIASES = {  # used only when the dump has no column of the usual name
    "id": ("article_id", "doc_id", "uuid", "guid", "_id"),
    "text": ("content", "body", "article", "maintext", "full_text"),
    "html": ("raw_html", "page"),
    "title": ("headline", "heading"),
    "outlet": ("source", "publisher", "source_domain", "site", "domain", "media"),
    "url": ("link", "source_url"),
    "published": ("date", "published_at", "date_publish", "publish_date", "pubdate", "datetime", "timestamp"),
}
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet",
            ".pq": "parquet"}
BATCH_SIZE = 1000


@dataclass(frozen=True, slots=True)
class Stored:
    """What a store keeps of a usable row to know it unchanged without cleaning it again."""
    source_hash: str  # the row as read (`DumpReader` hashes it before cleaning)
    text_digest: str  # sha1 of its cleaned text: what later rows are checked against for duplicates


@dataclass
class Batch:
    """A batch of dump rows: those read and cleaned (with their source hashes), and those passed over."""
    articles: pd.DataFrame
    source_hashes: list[str | None]  # parallel to `articles`
    unchanged: dict[str, str]        # article_id -> file ("dump.jsonl:12") of the rows not cleaned


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _reader_fingerprint(kind: str, rules: Rules, max_chars: int) -> bytes:
    """What else a row's cleaned form depends on: the reading and cleaning code, the chrome rules, the limit."""
    digest = hashlib.sha1(f"{kind}\0{max_chars}\0".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    digest.update(rules.kinds.to_csv(index=False).encode())
    return digest.digest()


class DumpError(ValueError):
    """A dump that cannot be read at all (unknown format, no text column, unreadable file)."""


def dump_format(path: str | Path) -> str | None:
    """'jsonl', 'csv' or 'parquet' for a dump file name (`.gz` allowed on JSON Lines and CSV), else None."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
        found = SUFFIXES.get(suffixes[-1]) if suffixes else None
        return found if found in ("jsonl", "csv") else None
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def is_dump(path: str | Path) -> bool:
    path = Path(path)
    return path.is_file() and dump_format(path) is not None


def _open_text(path: Path):
    raw = gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def _records(path: Path, kind: str, batch_size: int) -> Iterator[tuple[int, dict | None, str]]:
    """(line or row number, record or None, why it is unusable) for every row of the dump."""
    if kind == "jsonl":
        with _open_text(path) as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as err:
                    yield number, None, f"not valid JSON ({one_line(err)})"
                    continue
                if not isinstance(record, dict):
                    yield number, None, f"a JSON {type(record).__name__}, not an object with named fields"
                    continue
                yield number, record, ""
    elif kind == "csv":
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        with _open_text(path) as handle:
            reader = csv.reader(handle)
            try:
                header = [h.strip() for h in next(reader, [])]
            except csv.Error as err:
                raise DumpError(f"{path.name}: the CSV header cannot be read ({one_line(err)})") from err
            line = reader.line_num + 1
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    yield line, None, f"cannot be parsed as CSV ({one_line(err)})"
                    line = reader.line_num + 1
                    continue
                start, line = line, reader.line_num + 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(header):
                    yield start, None, (f"has {len(values)} fields where the header has {len(header)} "
                                        "(an unquoted comma?)")
                    continue
                yield start, dict(zip(header, values)), ""
    else:
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(path)
        except Exception as err:  # noqa: BLE001 - pyarrow raises several types for a broken file
            raise DumpError(f"{path.name} cannot be read as Parquet ({one_line(err)})") from err
        number = 0
        for batch in parquet.iter_batches(batch_size=batch_size):
            for record in batch.to_pylist():
                number += 1
                yield number, record, ""


def _mapping(names: list[str], columns: dict[str, str] | None) -> dict[str, str]:
    """Our field -> the dump's column, from `columns` (dump name -> ours), the usual names, then aliases."""
    chosen = {ours: theirs for theirs, ours in (columns or {}).items()}
    bad = sorted(set(chosen) - set(FIELDS))
    if bad:
        raise DumpError(f"columns= maps to {', '.join(bad)}; the fields are {', '.join(FIELDS)}")
    lower = {n.lower(): n for n in names}
    for field in FIELDS:
        if field in chosen:
            continue
        for candidate in (field,) + ALIASES.get(field, ()):
            if candidate in lower:
                chosen[field] = lower[candidate]
                break
    return chosen


def _as_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp,)) or hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


class DumpReader:
    """Reads a dump row by row into articles frames, one per batch, remembering ids and texts across
    batches so that a later duplicate is reported like in a folder (the first row keeps its id)."""

    def __init__(self, path: str | Path, columns: dict[str, str] | None = None, rules: Rules = DEFAULT_RULES,
                 max_file_mb: float = MAX_FILE_MB, batch_size: int = BATCH_SIZE):
        self.path = Path(path)
        self.kind = dump_format(self.path)
        if self.kind is None:
            raise DumpError(f"{self.path.name}: not a dump (use .jsonl, .ndjson, .csv, .parquet; .gz for the first two)")
        if not self.path.is_file():
            raise DumpError(f"no such dump file: {self.path}")
        self.columns, self.rules, self.max_chars = columns, rules, int(max_file_mb * 1_000_000)
        self.batch_size = batch_size
        self.used_ids: set[str] = set()
        self.first_by_hash: dict[str, str] = {}
        self.mappings: dict[tuple, dict[str, str]] = {}
        self.mappings_with_text = False
        self.fingerprint = _reader_fingerprint(self.kind, rules, self.max_chars)
        self.known: Mapping[str, Stored] = {}

    def _row(self, number: int, record: dict | None, why: str) -> dict:
        """The row's articles row with its `source_hash`, or, when `known` says it is unchanged, only its id, file
        and `unchanged`."""
        where = f"{self.path.name} line {number}" if self.kind != "parquet" else f"{self.path.name} row {number}"
        row = {"path": str(self.path), "file": f"{self.path.name}:{number}", "meta": {}, "text": "", "removed": [],
               "removed_why": [], "problems": [], "encoding": "utf-8" if self.kind != "parquet" else pd.NA}
        if record is None:
            row["problems"].append(("error", f"{where} {why}; the row is not used"))
            self._assign_id(row, "", number)
            row["source_hash"] = None
            return row
        keys = tuple(record)  # JSON Lines rows may differ in their fields: one mapping per set of names
        mapping = self.mappings.get(keys)
        if mapping is None:
            mapping = self.mappings[keys] = _mapping(list(record), self.columns)
            if "text" not in mapping and "html" not in mapping and not self.mappings_with_text:
                raise DumpError(f"{self.path.name} has no text or html column (columns: {', '.join(map(str, record))}); "
                                "map one with columns= / --columns NAME=text")
            self.mappings_with_text = self.mappings_with_text or "text" in mapping or "html" in mapping
        get = {field: record.get(name) for field, name in mapping.items()}
        meta = {field: _as_text(get.get(field)) for field in ("title", "outlet", "url", "published")}
        meta["published_basis"] = _as_text(get.get("published_basis"))
        meta["evidence"] = _as_text(get.get("evidence"))
        meta["line"] = number
        row["meta"] = meta
        self._assign_id(row, _as_text(get.get("id")), number)
        row["source_hash"] = self._source_hash(row, get)
        row["unchanged"] = self._unchanged(row)
        if not row["unchanged"]:
            self._read(row, get, where)
        return row

    def _source_hash(self, row: dict, get: dict) -> str:
        """Everything the row's cleaned form depends on but the line number (which moves when rows are added
        above: an `ok` row's articles row does not name it, and the store keeps the row it read). The text and
        html are hashed as they are, not through JSON (five times slower on a long text)."""
        meta = {k: v for k, v in row["meta"].items() if k != "line"}
        bodies = [v if isinstance(v, str) else repr(v) for v in (get.get("text"), get.get("html"))]
        head = json.dumps([row["article_id"], meta, row["problems"], [len(b) for b in bodies]], default=str)
        digest = hashlib.sha1(self.fingerprint + head.encode())
        for body in bodies:
            digest.update(body.encode(errors="surrogatepass"))
        return digest.hexdigest()

    def _unchanged(self, row: dict) -> bool:
        stored = self.known.get(row["article_id"])
        if stored is None or stored.source_hash != row["source_hash"]:
            return False
        # its text is taken for duplicates as when it was cleaned, unless an earlier row now has that text
        return self.first_by_hash.setdefault(stored.text_digest, row["article_id"]) == row["article_id"]

    def _assign_id(self, row: dict, wanted: str, number: int) -> None:
        if not wanted:
            wanted = f"{self.path.stem.split('.')[0]}-{number}"
            if row["meta"]:
                row["problems"].append(("warning", f"no id: the row is {wanted!r}"))
        article_id, n = wanted, 1
        while article_id in self.used_ids:
            n += 1
            article_id = f"{wanted}-{n}"
        if article_id != wanted:
            row["problems"].append(("warning", f"article id {wanted!r} is used twice; this one is {article_id!r}"))
        self.used_ids.add(article_id)
        row["article_id"] = article_id

    def _read(self, row: dict, get: dict, where: str) -> None:
        text, html = get.get("text"), get.get("html")
        removed: list[str] = []
        if isinstance(text, str) and text.strip():
            raw = text
        elif isinstance(html, str) and html.strip():
            if len(html) > self.max_chars:
                row["problems"].append(("error", f"{where}: html of {len(html):,} characters is over the limit"))
                return
            try:
                raw, removed = html_main_text(html)
            except ReadError as err:
                row["problems"].append(("error", f"{where}: {one_line(err)}"))
                return
        elif text is not None and not isinstance(text, str) and not (isinstance(text, float) and pd.isna(text)):
            row["problems"].append(("error", f"{where}: text is a {type(text).__name__}, not a string"))
            return
        else:
            row["problems"].append(("error", f"{where} has no text"))
            return
        if len(raw) > self.max_chars:
            row["problems"].append(("error", f"{where}: text of {len(raw):,} characters is over the limit "
                                             f"({self.max_chars:,})"))
            return
        if "\x00" in raw:
            raw = raw.replace("\x00", "")
            row["problems"].append(("warning", "NUL characters removed"))
        cleaned = strip_chrome(raw.replace("\r\n", "\n"), self.rules)
        row.update(text=cleaned.text, removed=list(removed) + list(cleaned.removed),
                   removed_why=[HTML_TEMPLATE_WHY] * len(removed) + list(cleaned.why))
        if not cleaned.text:
            row["problems"].append(("error", "no article text left after removing page chrome"))
            return
        first = self.first_by_hash.setdefault(text_digest(cleaned.text), row["article_id"])
        if first != row["article_id"]:
            row["problems"].append(("error", f"duplicate content of {first}; not extracted"))

    def read(self, known: Mapping[str, Stored] | None = None) -> Iterator[Batch]:
        """A `Batch` per `batch_size` rows; rows `known` holds unchanged (by article id) are not cleaned."""
        self.known = known or {}
        rows, hashes, unchanged = [], [], {}
        for number, record, why in _records(self.path, self.kind, self.batch_size):
            row = self._row(number, record, why)
            if row.pop("unchanged", False):
                unchanged[row["article_id"]] = row["file"]
            else:
                hashes.append(row.pop("source_hash"))
                rows.append(_finish(row))
            if len(rows) + len(unchanged) >= self.batch_size:
                yield Batch(pd.DataFrame(rows), hashes, unchanged)
                rows, hashes, unchanged = [], [], {}
        if rows or unchanged:
            yield Batch(pd.DataFrame(rows), hashes, unchanged)

    def batches(self) -> Iterator[pd.DataFrame]:
        """One articles frame per `batch_size` rows (every row cleaned)."""
        return (batch.articles for batch in self.read())


def read_dump(path: str | Path, columns: dict[str, str] | None = None, rules: Rules = DEFAULT_RULES,
              max_file_mb: float = MAX_FILE_MB, batch_size: int = BATCH_SIZE) -> Iterator[pd.DataFrame]:
    """The articles table of a dump, one frame per batch of rows."""
    return DumpReader(path, columns, rules, max_file_mb, batch_size).batches()


def load_dump(path: str | Path, columns: dict[str, str] | None = None, rules: Rules = DEFAULT_RULES,
              max_file_mb: float = MAX_FILE_MB) -> pd.DataFrame:
    """The whole articles table of a dump."""
    frames = list(read_dump(path, columns, rules, max_file_mb))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def parse_columns(spec: str | None) -> dict[str, str] | None:
    """`body=text,headline=title` (the command line's --columns) as {dump name: field}."""
    if not spec:
        return None
    pairs = [p.split("=", 1) for p in spec.split(",") if p.strip()]
    if any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
        raise DumpError(f"--columns {spec!r}: give NAME=FIELD pairs separated by commas, e.g. body=text,headline=title")
    return {a.strip(): b.strip() for a, b in pairs}
