"""The articles table: one row per input file (and per manifest row without a file), never fewer.

Status rules: `error` rows are not extracted and carry no text (unreadable, empty, binary,
undecodable, unsupported type, duplicate content, nothing left after cleaning, a manifest row
whose file is missing or has no file name, a manifest that cannot be read); `warning` rows are
extracted but need a look (not in the manifest, a manifest date that does not parse, an
encoding that had to be detected, invalid UTF-8 bytes replaced, a file listed twice, an article
id used twice); `ok` otherwise.
Messages say what happened in words a user can act on; several problems are joined with "; ".

Metadata: article_id is the manifest's, else the file stem; the title is the manifest's, else the
first line of the cleaned text. A headline line stays in `text` even when it is the title, so
every table's offsets refer to the one cleaned text stored in `text`.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from .cleaning import DEFAULT_RULES, Rules, strip_chrome
from .reading import MANIFEST_NAME, ReadError, article_files, read_text

MANIFEST_COLUMNS = ["article_id", "file", "title", "outlet", "url", "published", "published_basis", "evidence"]
DATE_BASES = {"manifest", "inferred"}  # what a manifest may say; `unknown` is ours when there is no date
SEVERITY = {"ok": 0, "warning": 1, "error": 2}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")
FULL_DATES_ONLY = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                   "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}  # no relative dates


def read_manifest(folder: Path) -> tuple[pd.DataFrame, str]:
    """`articles.csv` as strings ('' where empty), and a problem message when it cannot be used."""
    path = folder / MANIFEST_NAME
    empty = pd.DataFrame(columns=MANIFEST_COLUMNS)
    if not path.exists():
        return empty, ""
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        return empty, f"{MANIFEST_NAME} cannot be read ({err}); every file loads as unlisted"
    if "file" not in manifest.columns:
        return empty, f"{MANIFEST_NAME} has no 'file' column (expected: {', '.join(MANIFEST_COLUMNS)})"
    return manifest.reindex(columns=MANIFEST_COLUMNS, fill_value="").apply(lambda c: c.str.strip()), ""


def _new_row(path: Path, meta: dict) -> dict:
    return {"path": str(path), "file": path.name, "meta": meta, "text": "", "removed": [], "removed_why": [],
            "problems": []}


def _read(row: dict, path: Path, rules: Rules) -> None:
    """Read, decode and clean one file into the row; collect its problems."""
    try:
        decoded = read_text(path)
    except ReadError as err:
        row["problems"].append(("error", str(err)))
        return
    row["encoding"] = decoded.encoding
    if decoded.warning:
        row["problems"].append(("warning", decoded.warning))
    cleaned = strip_chrome(decoded.text, rules)
    row.update(text=cleaned.text, removed=cleaned.removed, removed_why=cleaned.why)
    if not cleaned.text:
        row["problems"].append(("error", "no article text left after removing page chrome"))
    if not row["meta"]:
        row["problems"].append(("warning", f"not in {MANIFEST_NAME}: title from the first line, date unknown"))


def parse_manifest_date(value: str) -> pd.Timestamp:
    """A full calendar date (day, month, year; a time is kept), naive in the local time it was
    written in; NaT for anything less: "2024" or "Oct 2024" would put the article on a made-up day,
    and "yesterday" has no fixed meaning in a manifest. ISO dates skip dateparser (slow to load)."""
    if ISO_DATE.fullmatch(value):
        try:
            date = pd.Timestamp(value)
        except ValueError:
            return pd.NaT
    else:
        import dateparser  # imported here: only manifests with non-ISO dates need it

        parsed = dateparser.parse(value, settings=FULL_DATES_ONLY)
        date = pd.Timestamp(parsed) if parsed else pd.NaT
    return date.tz_localize(None) if pd.notna(date) and date.tzinfo is not None else date


def _published(row: dict) -> None:
    meta = row["meta"]
    value = meta.get("published", "")
    date = parse_manifest_date(value) if value else pd.NaT
    if value and pd.isna(date):
        row["problems"].append(("warning", f"manifest date {value!r} does not parse as a full date "
                                           "(day, month and year); date unknown"))
    basis = meta.get("published_basis") or "manifest"
    if pd.notna(date) and basis not in DATE_BASES:
        row["problems"].append(("warning", f"published_basis {basis!r} is not one of {sorted(DATE_BASES)}"))
    row["published"] = date
    row["published_basis"] = basis if pd.notna(date) else "unknown"
    row["published_evidence"] = meta.get("evidence", "") if pd.notna(date) else ""


def _mark_duplicates(rows: list[dict]) -> None:
    """Later copies of the same cleaned text are errors naming the first; listed files count as first."""
    first_by_hash: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (not r["meta"], r["file"])):
        if not row["text"] or any(s == "error" for s, _ in row["problems"]):
            continue
        digest = hashlib.sha1(row["text"].encode()).hexdigest()
        if digest in first_by_hash:
            row["problems"].append(("error", f"duplicate content of {first_by_hash[digest]}; not extracted"))
        else:
            first_by_hash[digest] = row["file"]


def _assign_ids(rows: list[dict]) -> None:
    """The manifest's id, else the file stem; a clash gets a numbered suffix and a warning."""
    used: set[str] = set()
    for row in rows:
        wanted = row["meta"].get("article_id") or Path(row["file"]).stem or "unnamed"
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
    row["message"] = "; ".join(m for _, m in problems)
    if row["status"] == "error":
        row.update(text="")
    row["n_words"] = len(row["text"].split())
    return row


def _manifest_rows(folder: Path, manifest: pd.DataFrame, on_disk: set[str]) -> tuple[dict, dict, list[dict]]:
    """Metadata by file name, the line of any second listing of a file, and error rows for
    manifest rows that name no file or a missing one."""
    meta_by_file, relisted, rows = {}, {}, []
    for number, meta in enumerate(manifest.to_dict("records"), start=2):  # line 1 is the header
        name = meta["file"]
        if not name:
            row = _new_row(folder / MANIFEST_NAME, meta)
            row["file"] = ""
            row["problems"].append(("error", f"{MANIFEST_NAME} line {number} names no file"))
            rows.append(row)
        elif name in meta_by_file:
            relisted.setdefault(name, number)
        elif name not in on_disk:
            row = _new_row(folder / name, meta)
            row["problems"].append(("error", f"listed in {MANIFEST_NAME} (line {number}) but the file is missing"))
            rows.append(row)
            meta_by_file[name] = meta
        else:
            meta_by_file[name] = meta
    return meta_by_file, relisted, rows


def load_articles(folder: Path, rules: Rules = DEFAULT_RULES) -> pd.DataFrame:
    """Every file in `folder` plus every manifest row, as the articles table.

    `rules`: the page-chrome rules, e.g. `cleaning.load_rules("my_rules.csv")` to add a site's own.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder of articles: {folder}")
    manifest, manifest_problem = read_manifest(folder)
    paths = article_files(folder)
    meta_by_file, relisted, manifest_rows = _manifest_rows(folder, manifest, {p.name for p in paths})
    rows = []
    for path in paths:
        row = _new_row(path, meta_by_file.get(path.name, {}))
        if path.name in relisted:
            row["problems"].append(("warning", f"listed again in {MANIFEST_NAME} on line {relisted[path.name]}; "
                                               "the first listing is used"))
        _read(row, path, rules)
        rows.append(row)
    rows += manifest_rows
    if manifest_problem:
        rows.append(_new_row(folder / MANIFEST_NAME, {}))
        rows[-1]["problems"].append(("error", manifest_problem))
    _mark_duplicates(rows)
    _assign_ids(rows)
    return pd.DataFrame([_finish(row) for row in rows])


def source_names(articles: pd.DataFrame) -> pd.Series:
    """article_id -> the outlet, or the article id where the outlet is not known."""
    outlet = articles["outlet"].astype("string").replace("", pd.NA)
    return outlet.fillna(articles["article_id"].astype("string")).set_axis(articles["article_id"])
