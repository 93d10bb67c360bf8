"""The articles table: one row per input file (and per manifest row without a file), never fewer.

Status rules: `error` rows are not extracted (unreadable, empty, binary, undecodable, unsupported,
duplicate content, manifest row whose file is missing); `warning` rows are extracted but something
needs a look (not in the manifest, a manifest date that does not parse, an encoding that had to be
detected); `ok` otherwise. Messages say what happened in words a user can act on.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .cleaning import strip_chrome
from .reading import MANIFEST_NAME, ReadError, article_files, read_text

MANIFEST_COLUMNS = ["article_id", "file", "title", "outlet", "url", "published", "published_basis", "evidence"]
SEVERITY = {"ok": 0, "warning": 1, "error": 2}


def read_manifest(folder: Path) -> pd.DataFrame:
    """`articles.csv` as strings ('' where empty); an empty frame when there is none."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = set(["file"]) - set(manifest.columns)
    if missing:
        raise ValueError(f"{path}: the manifest needs a 'file' column (columns: {', '.join(MANIFEST_COLUMNS)})")
    return manifest.reindex(columns=MANIFEST_COLUMNS, fill_value="")


def _row(path: Path, meta: dict) -> dict:
    """Read, decode and clean one file; collect its problems."""
    row = {"path": str(path), "file": path.name, "text": "", "removed": [], "problems": []}
    try:
        decoded = read_text(path)
    except ReadError as err:
        row["problems"].append(("error", str(err)))
        return row
    row["encoding"] = decoded.encoding
    if decoded.detected:
        row["problems"].append(("warning", f"not UTF-8: decoded as {decoded.encoding} (detected)"))
    text, removed = strip_chrome(decoded.text)
    row.update(text=text, removed=removed, n_words=len(text.split()))
    if not text:
        row["problems"].append(("error", "no article text left after removing page chrome"))
    if not meta:
        row["problems"].append(("warning", f"not in {MANIFEST_NAME}: title from the first line, date unknown"))
    return row


def _published(row: dict, meta: dict) -> None:
    value = meta.get("published", "")
    date = pd.to_datetime(value, errors="coerce") if value else pd.NaT
    if value and pd.isna(date):
        row["problems"].append(("warning", f"manifest date {value!r} does not parse; date unknown"))
    row["published"] = date
    row["published_basis"] = (meta.get("published_basis") or "manifest") if pd.notna(date) else "unknown"
    row["published_evidence"] = meta.get("evidence", "") if pd.notna(date) else ""


def _finish(row: dict, meta: dict, article_id: str) -> dict:
    _published(row, meta)
    first_line = row["text"].split("\n", 1)[0].strip()
    row.update(article_id=article_id, title=meta.get("title") or first_line, outlet=meta.get("outlet", ""),
               url=meta.get("url", ""))
    problems = row.pop("problems")
    row["status"] = max((s for s, _ in problems), key=SEVERITY.get, default="ok")
    row["message"] = "; ".join(m for _, m in problems)
    if row["status"] == "error":
        row["text"] = ""
    return row


def _mark_duplicates(rows: list[dict], listed: set[str]) -> None:
    """Later copies of the same cleaned text are errors; a file in the manifest is kept over one that is not."""
    first_by_hash: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (r["file"] not in listed, r["file"])):
        if row["status"] == "error" or not row["text"]:
            continue
        digest = hashlib.sha1(row["text"].encode()).hexdigest()
        if digest in first_by_hash:
            row.update(status="error", text="", message=f"duplicate content of {first_by_hash[digest]}; not extracted")
        else:
            first_by_hash[digest] = row["file"]


def load_articles(folder: Path) -> pd.DataFrame:
    """Every file in `folder` plus every manifest row, as the articles table."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder of articles: {folder}")
    manifest = read_manifest(folder)
    meta_by_file = {m["file"]: m for m in manifest.to_dict("records")}
    rows, used_ids = [], set()
    for path in article_files(folder):
        meta = meta_by_file.get(path.name, {})
        article_id = meta.get("article_id") or path.stem
        if article_id in used_ids:
            article_id = f"{article_id}{path.suffix}"
        used_ids.add(article_id)
        rows.append(_finish(_row(path, meta), meta, article_id))
    for name, meta in meta_by_file.items():
        if not (folder / name).exists():
            row = {"path": str(folder / name), "file": name, "text": "", "removed": [],
                   "problems": [("error", f"listed in {MANIFEST_NAME} but the file is missing")]}
            rows.append(_finish(row, meta, meta.get("article_id") or Path(name).stem))
    _mark_duplicates(rows, set(meta_by_file))
    return pd.DataFrame(rows)


def source_names(articles: pd.DataFrame) -> pd.Series:
    """article_id -> the outlet, or the article id where the outlet is not known."""
    outlet = articles["outlet"].astype("string").replace("", pd.NA)
    return outlet.fillna(articles["article_id"].astype("string")).set_axis(articles["article_id"])
