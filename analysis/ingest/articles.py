"""The articles table: one row per input file (and per manifest row without a file), never fewer.

Every file the folder holds gets a row, subfolders included (`file` is its path relative to the
folder, as the manifest writes it). Hidden files and folders (a name starting with a dot) are read
only when the manifest names them; otherwise their row is a `warning` saying so.

Status rules: `error` rows are not extracted and carry no text (unreadable, empty, binary,
undecodable, unsupported type, not a regular file, a link pointing outside the corpus, too large,
duplicate content, nothing left after cleaning, a manifest row whose file is missing, has no file
name or a path leaving the folder, a manifest row that cannot be used and names no file on disk,
a manifest that cannot be read); `warning` rows need a look (not in the manifest, a manifest row
with a problem, a manifest date that does not parse or cannot be represented, an encoding that had
to be detected, invalid UTF-8 bytes replaced, NUL bytes removed, a file listed twice, an article id
used twice, a hidden file not named by the manifest, a manifest in a detected encoding); `ok`
otherwise. Messages say what happened in words a user can act on, on one line; several problems
are joined with "; ".

The manifest (`articles.csv`) is decoded like the articles (BOM, UTF-8, else detected and said so)
and read row by row: a row with a problem is reported with its line number and every other row
still applies.

Metadata: article_id is the manifest's, else the file stem (when two rows want the same id, the one
listed first in the manifest keeps it); the title is the manifest's, else the first line of the
cleaned text. A headline line stays in `text` even when it is the title, so every table's offsets
refer to the one cleaned text stored in `text`.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

import pandas as pd

from .cleaning import DEFAULT_RULES, Rules, strip_chrome
from .reading import (HTML_TEMPLATE_WHY, MANIFEST_NAME, MAX_FILE_MB, ReadError, article_files, decode, is_hidden,
                      read_bytes, read_text)

MANIFEST_COLUMNS = ["article_id", "file", "title", "outlet", "url", "published", "published_basis", "evidence"]
DATE_BASES = {"manifest", "inferred"}  # what a manifest may say; `unknown` is ours when there is no date
SEVERITY = {"ok": 0, "warning": 1, "error": 2}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")
FULL_DATES_ONLY = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                   "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}  # no relative dates
UNLISTED = len(MANIFEST_COLUMNS) * 10**9  # sort key of a row the manifest does not list


def one_line(message: str) -> str:
    """A message for `articles.message` and the command line: no line breaks, no runs of spaces."""
    return " ".join(str(message).split())


@dataclass
class Manifest:
    """The usable rows of `articles.csv` (each with its `line`), the rows that are not usable
    (line, the file they name or "", what is wrong), and a note about the whole file."""
    rows: list[dict] = field(default_factory=list)
    bad: list[tuple[int, str, str]] = field(default_factory=list)
    note: tuple[str, str] | None = None  # (status, message), e.g. a detected encoding or an unusable file


def _clean_file(name: str) -> tuple[str, str]:
    """A manifest `file` value as a relative POSIX path, and why it is refused ('' when it is not)."""
    name = name.strip().replace("\\", "/")
    path = PurePosixPath(name)
    if path.is_absolute() or re.match(r"[A-Za-z]:", name):
        return name, f"file path {name!r} is absolute; give it relative to the folder"
    if ".." in path.parts:
        return name, f"file path {name!r} leaves the corpus folder"
    return "/".join(p for p in path.parts if p != "."), ""


def read_manifest(folder: Path, max_file_mb: float = MAX_FILE_MB) -> Manifest:
    """`articles.csv`, decoded like an article and checked row by row."""
    path = Path(folder) / MANIFEST_NAME
    manifest = Manifest()
    if not os.path.lexists(path):
        return manifest
    try:
        decoded = decode(read_bytes(path, folder, int(max_file_mb * 1_000_000)))
    except ReadError as err:
        manifest.note = ("error", f"{MANIFEST_NAME} cannot be read ({one_line(err)}); every file loads as unlisted")
        return manifest
    if decoded.warning:
        manifest.note = ("warning", f"{MANIFEST_NAME}: {decoded.warning}")
    reader = csv.reader(io.StringIO(decoded.text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as err:
        manifest.note = ("error", f"{MANIFEST_NAME} cannot be read ({one_line(err)}); every file loads as unlisted")
        return manifest
    if "file" not in header:
        manifest.note = ("error", f"{MANIFEST_NAME} has no 'file' column (expected: {', '.join(MANIFEST_COLUMNS)}); "
                                  "every file loads as unlisted")
        return manifest
    where = header.index("file")
    line = reader.line_num + 1  # the line the next record starts on
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            manifest.bad.append((line, "", f"cannot be parsed ({one_line(err)})"))
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not any(value.strip() for value in record):
            continue
        name = record[where].strip() if where < len(record) else ""
        if len(record) > len(header):
            manifest.bad.append((start, name, f"has {len(record)} fields where the header has {len(header)} "
                                              "(an unquoted comma?); the row is not used"))
            continue
        meta = {column: value.strip() for column, value in zip(header, record) if column in MANIFEST_COLUMNS}
        meta = {column: meta.get(column, "") for column in MANIFEST_COLUMNS}
        meta["file"], refused = _clean_file(name)
        if refused:
            manifest.bad.append((start, "", f"{refused}; the row is not used"))
            continue
        meta["line"] = start
        manifest.rows.append(meta)
    return manifest


def _new_row(folder: Path, relative: str, meta: dict) -> dict:
    return {"path": str(folder / relative) if relative else str(folder / MANIFEST_NAME), "file": relative,
            "meta": meta, "text": "", "removed": [], "removed_why": [], "problems": []}


def _read(row: dict, path: Path, folder: Path, rules: Rules, max_file_mb: float) -> None:
    """Read, decode and clean one file into the row; collect its problems."""
    try:
        decoded = read_text(path, root=folder, max_file_mb=max_file_mb)
    except ReadError as err:
        row["problems"].append(("error", one_line(err)))
        return
    row["encoding"] = decoded.encoding
    if decoded.warning:
        row["problems"].append(("warning", decoded.warning))
    cleaned = strip_chrome(decoded.text, rules)
    row.update(text=cleaned.text, removed=list(decoded.removed) + list(cleaned.removed),
               removed_why=[HTML_TEMPLATE_WHY] * len(decoded.removed) + list(cleaned.why))
    if not cleaned.text:
        row["problems"].append(("error", "no article text left after removing page chrome"))
    if not row["meta"]:
        row["problems"].append(("warning", f"not in {MANIFEST_NAME}: title from the first line, date unknown"))


PANDAS_RANGE = f"{pd.Timestamp.min:%Y-%m-%d} to {pd.Timestamp.max:%Y-%m-%d}"


@lru_cache(maxsize=4096)
def _parse_date(value: str) -> tuple[pd.Timestamp, str]:
    """A full calendar date, or NaT and why not (cached: the rows of a dump share a few thousand dates)."""
    try:
        if ISO_DATE.fullmatch(value):
            date = pd.Timestamp(value)
        else:
            import dateparser  # imported here: only manifests with non-ISO dates need it

            parsed = dateparser.parse(value, settings=FULL_DATES_ONLY)
            date = pd.Timestamp(parsed) if parsed else pd.NaT
    except (ValueError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        date = pd.NaT
    if pd.isna(date):
        return pd.NaT, "does not parse as a full date (day, month and year)"
    date = date.tz_localize(None) if date.tzinfo is not None else date
    if not pd.Timestamp.min <= date <= pd.Timestamp.max:
        return pd.NaT, f"is outside the dates a table can hold ({PANDAS_RANGE}); a typo?"
    return date.as_unit("ns"), ""


def parse_manifest_date(value: str) -> pd.Timestamp:
    """A full calendar date (day, month, year; a time is kept), naive in the local time it was
    written in; NaT for anything less: "2024" or "Oct 2024" would put the article on a made-up day,
    and "yesterday" has no fixed meaning in a manifest. ISO dates skip dateparser (slow to load).
    Dates outside pandas' range (1677-2262, e.g. a mistyped 2924) are NaT too."""
    return _parse_date(value)[0]


def _published(row: dict) -> None:
    meta = row["meta"]
    value = meta.get("published", "")
    date, why = _parse_date(value) if value else (pd.NaT, "")
    if why:
        row["problems"].append(("warning", f"manifest date {value!r} {why}; date unknown"))
    basis = meta.get("published_basis") or "manifest"
    if pd.notna(date) and basis not in DATE_BASES:
        row["problems"].append(("warning", f"published_basis {basis!r} is not one of {sorted(DATE_BASES)}"))
    row["published"] = date
    row["published_basis"] = basis if pd.notna(date) else "unknown"
    row["published_evidence"] = meta.get("evidence", "") if pd.notna(date) else ""


def _listing_order(row: dict) -> tuple[int, str]:
    return row["meta"].get("line", UNLISTED), row["file"]


def _mark_duplicates(rows: list[dict]) -> None:
    """Later copies of the same cleaned text are errors naming the first; listed files count as first."""
    first_by_hash: dict[str, str] = {}
    for row in sorted(rows, key=_listing_order):
        if not row["text"] or any(s == "error" for s, _ in row["problems"]):
            continue
        digest = hashlib.sha1(row["text"].encode()).hexdigest()
        if digest in first_by_hash:
            row["problems"].append(("error", f"duplicate content of {first_by_hash[digest]}; not extracted"))
        else:
            first_by_hash[digest] = row["file"]


def _assign_ids(rows: list[dict]) -> None:
    """The manifest's id, else the file stem; a clash gets a numbered suffix and a warning. The row
    listed first in the manifest keeps the id (unlisted files come after, by path)."""
    used: set[str] = set()
    for row in sorted(rows, key=_listing_order):
        wanted = row["meta"].get("article_id") or PurePosixPath(row["file"]).stem or "unnamed"
        article_id, n = wanted, 1
        while article_id in used:
            n += 1
            article_id = f"{wanted}-{n}"
        if article_id != wanted:
            row["problems"].append(("warning", f"article id {wanted!r} is used twice; this one is {article_id!r}"))
        used.add(article_id)
        row["article_id"] = article_id


def _finish(row: dict) -> dict:
    _published(row)
    meta = row.pop("meta")
    first_line = row["text"].split("\n", 1)[0].strip()
    row.update(title=meta.get("title") or first_line, outlet=meta.get("outlet", ""), url=meta.get("url", ""))
    problems = row.pop("problems")
    row["status"] = max((s for s, _ in problems), key=SEVERITY.get, default="ok")
    row["message"] = "; ".join(one_line(m) for _, m in problems)
    if row["status"] == "error":
        row.update(text="")
    row["n_words"] = len(row["text"].split())
    return row


def _manifest_rows(folder: Path, manifest: Manifest, on_disk: set[str]) -> tuple[dict, dict, list[dict], dict]:
    """Metadata by file, the line of any second listing of a file, rows for manifest rows that name no
    file or a missing one, and the problems of unusable rows by the file on disk they name."""
    meta_by_file, relisted, rows, bad_by_file = {}, {}, [], {}
    for meta in manifest.rows:
        name, number = meta["file"], meta["line"]
        if not name:
            row = _new_row(folder, "", meta)
            row["problems"].append(("error", f"{MANIFEST_NAME} line {number} names no file"))
            rows.append(row)
        elif name in meta_by_file:
            relisted.setdefault(name, number)
        elif name not in on_disk and not os.path.lexists(folder / name):
            row = _new_row(folder, name, meta)
            row["problems"].append(("error", f"listed in {MANIFEST_NAME} (line {number}) but the file is missing"))
            rows.append(row)
            meta_by_file[name] = meta
        else:
            meta_by_file[name] = meta
    for number, name, what in manifest.bad:
        name = _clean_file(name)[0] if name else ""
        message = f"{MANIFEST_NAME} line {number} {what}"
        if name and (name in on_disk or name in meta_by_file):
            bad_by_file.setdefault(name, []).append(message)
        else:
            row = _new_row(folder, "", {"line": number})
            row["problems"].append(("error", message))
            rows.append(row)
    return meta_by_file, relisted, rows, bad_by_file


def _hidden_row(row: dict, path: Path) -> None:
    kind = "folder" if path.is_dir() and not path.is_symlink() else "file"
    what = "its files" if kind == "folder" else "it"
    row["problems"].append(("warning", f"hidden {kind}: not read (name {what} in {MANIFEST_NAME} to load {what})"))


def load_articles(folder: Path, rules: Rules = DEFAULT_RULES, max_file_mb: float = MAX_FILE_MB) -> pd.DataFrame:
    """Every file in `folder` (subfolders included) plus every manifest row, as the articles table.

    `rules`: the page-chrome rules, e.g. `cleaning.load_rules("my_rules.csv")` to add a site's own.
    `max_file_mb`: files larger than this are refused unread (status `error`, with their size).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder of articles: {folder}")
    manifest = read_manifest(folder, max_file_mb)
    entries = {p.relative_to(folder).as_posix(): p for p in article_files(folder)}
    meta_by_file, relisted, manifest_rows, bad_by_file = _manifest_rows(folder, manifest, set(entries))
    for name in meta_by_file:  # named files the walk does not reach: in hidden folders, behind links
        if name not in entries and os.path.lexists(folder / name):
            entries[name] = folder / name
    named_dirs = {str(PurePosixPath(name).parent) for name in meta_by_file}
    rows = []
    for name in sorted(entries):
        path = entries[name]
        row = _new_row(folder, name, meta_by_file.get(name, {}))
        if name in meta_by_file:
            if name in relisted:
                row["problems"].append(("warning", f"listed again in {MANIFEST_NAME} on line {relisted[name]}; "
                                                   "the first listing is used"))
        elif is_hidden(name):
            if any(d == name or d.startswith(name + "/") for d in named_dirs):
                continue  # a hidden folder holding files the manifest names: those have their own rows
            _hidden_row(row, path)
            rows.append(row)
            continue
        for message in bad_by_file.get(name, []):
            row["problems"].append(("warning", message))
        _read(row, path, folder, rules, max_file_mb)
        rows.append(row)
    rows += manifest_rows
    if manifest.note:
        rows.append(_new_row(folder, MANIFEST_NAME, {}))
        rows[-1]["problems"].append(manifest.note)
    _mark_duplicates(rows)
    _assign_ids(rows)
    return pd.DataFrame([_finish(row) for row in rows])


def source_names(articles: pd.DataFrame) -> pd.Series:
    """article_id -> the outlet, or the article id where the outlet is not known."""
    outlet = articles["outlet"].astype("string").replace("", pd.NA)
    return outlet.fillna(articles["article_id"].astype("string")).set_axis(articles["article_id"])
