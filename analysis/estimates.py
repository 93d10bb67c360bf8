"""Numeric estimates: amounts of counted things, with who gave them, when, and where.

An amount becomes an estimate row when a counted noun follows it (`data/units.csv`: soldiers ->
troops, workers -> workers, killed -> casualties, anything else -> other). Amounts followed by
a time or measure word ("six weeks"), calendar numbers (years, "Oct. 22"), and amounts with no
counted noun (list markers "one, ... two, ...", addresses, postal codes) give no row.
The claimant and date come from the claim whose content holds the amount, or from a claim cued in
the same sentence; otherwise the article speaks in its own voice (`voice` = "article").
Relative wording ("tripling the estimate it had last week", "up from 3,000") adds a `derived`
row for the earlier figure. Denials of a deployment give a row with stance "denial" and no value.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from . import schemas
from .numbers import Amount, find_amounts
from .paths import DATA_DIR

CALENDAR_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\Z|\b(?:in|since|of|by)\s+\Z", re.I)
YEAR = re.compile(r"(?:1[89]|20)\d\d")
LOCATION = re.compile(r"\b(?:in|to|into|inside|at|near)\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?:\s+(?:region|province|oblast|area|border))?)")
FACTORS = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0, "halv": 0.5}
RELATIVE = re.compile(r"\b(?P<verb>doubl|tripl|quadrupl|halv)(?:e|ed|es|ing)\b(?:[^,.;]|[,.](?=\d))*", re.I)
UP_FROM = re.compile(r"\b(?:up|down|rising|falling|increasing|compared)\s+(?:from|with)\s+", re.I)
DENIAL = re.compile(r"\b(?:groundless|baseless|unfounded|false|fake|fabricat\w*|rumou?rs?|den(?:y|ied|ies|ial)|no\s+(?:truth|evidence))\b", re.I)
UNIT_WINDOW = 6  # words between the amount and its counted noun ("10,000 North Korean soldiers")
WORD = re.compile(r"[A-Za-z%][\w’'-]*|%")
NEXT_WORD = re.compile(r"\s+(?:of\s+)?([a-z][a-z-]+)\b")
FUNCTION_WORDS = frozenset("this is was has as its yes plus less unless thus perhaps always whereas".split())


@lru_cache(maxsize=1)
def unit_table() -> dict[str, str]:
    table = pd.read_csv(DATA_DIR / "units.csv", comment="#", dtype=str)
    return dict(zip(table["noun"].str.lower(), table["category"]))


def counted_noun(text: str, pos: int, limit: int) -> tuple[str, str] | None:
    """(noun, category) of the first known counted noun in the next few words, else the next noun as 'other'."""
    words = [w.group().lower() for w in WORD.finditer(text, pos, limit)][:UNIT_WINDOW]
    if text[pos:pos + 1] == "%":
        words = ["%"] + words
    if words and words[0] == "of":  # "thousands of soldiers"
        words = words[1:]
    units = unit_table()
    for k in range(len(words)):
        for size in (3, 2, 1):
            phrase = " ".join(words[k:k + size])
            if phrase in units:
                return phrase, units[phrase]
    first = NEXT_WORD.match(text, pos)  # no counted noun: only a plural right after the amount counts
    if first and first.group(1).endswith("s") and first.group(1).lower() not in FUNCTION_WORDS:
        return first.group(1).lower(), "other"
    return None


def _is_calendar(text: str, amount: Amount) -> bool:
    number = amount.text.split()[-1]  # a year is written without separators: "2024", never "2,024"
    return bool(YEAR.fullmatch(number)) or bool(CALENDAR_BEFORE.search(text, max(0, amount.start - 12), amount.start))


def _claim_for(claims: pd.DataFrame, start: int, end: int, sent_start: int, sent_end: int):
    if claims.empty:
        return None
    inside = claims[(claims["start"] <= start) & (claims["end"] >= end)]
    if len(inside):
        return inside.sort_values("end").iloc[0]  # the innermost claim
    same = claims[(claims["cue_start"] >= sent_start) & (claims["cue_start"] < sent_end)]
    return same.iloc[0] if len(same) else None


def _derived(text: str, row: dict, sent_start: int, sent_end: int) -> dict | None:
    """The earlier figure implied by "tripling the estimate it had last week" and the like."""
    relative = RELATIVE.search(text, sent_start, sent_end)
    if not relative or np.isnan(row["value"]):
        return None
    factor = FACTORS[relative.group("verb").lower()]
    earlier = {**row, "value": row["value"] / factor, "low": row["low"] / factor, "high": row["high"] / factor,
               "derived": True, "derivation": relative.group().strip(), "approximate": True,
               "qualifier": f"1/{factor:g} of {row['text']}", "start": relative.start(), "end": relative.end(),
               "text": relative.group()}
    earlier["end"] = earlier["start"] + len(earlier["text"].rstrip())
    earlier["text"] = text[earlier["start"]:earlier["end"]]
    if "last week" in relative.group().lower() and pd.notna(row["said_on"]):
        monday = row["said_on"] - pd.Timedelta(days=row["said_on"].weekday())
        earlier.update(said_from=monday - pd.Timedelta(days=7), said_to=monday - pd.Timedelta(days=1), said_on=pd.NaT)
    return earlier


def _rows_in_sentence(text, sentence, claims):
    s, e = int(sentence.start), int(sentence.end)
    rows = []
    for amount in find_amounts(text, s, e):
        if _is_calendar(text, amount):
            continue
        unit = counted_noun(text, amount.end, e)
        if unit is None or unit[1] == "skip":
            continue
        claim = _claim_for(claims, amount.start, amount.end, s, e)
        place = LOCATION.search(text, amount.end, e)
        row = {"sentence_id": sentence.sentence_id, "start": amount.start, "end": amount.end, "text": amount.text,
               "value": amount.value, "low": amount.low, "high": amount.high, "qualifier": amount.qualifier or pd.NA,
               "approximate": amount.approximate, "unit": unit[0], "category": unit[1],
               "location": place.group("place") if place else pd.NA,
               "claim_id": claim["claim_id"] if claim is not None else pd.NA,
               "claimant": claim["claimant"] if claim is not None else pd.NA,
               "said_on": claim["said_on"] if claim is not None else pd.NaT,
               "voice": "claim" if claim is not None else "article",
               "stance": "denial" if claim is not None and DENIAL.search(str(claim["text"])) else "assertion",
               "derived": False, "derivation": pd.NA}
        rows.append(row)
        earlier = _derived(text, row, s, e)
        up_from = UP_FROM.search(text, amount.end, e)
        if earlier:
            rows.append(earlier)
        elif up_from:
            previous = find_amounts(text, up_from.end(), e)
            if previous:
                p = previous[0]
                rows.append({**row, "start": p.start, "end": p.end, "text": p.text, "value": p.value, "low": p.low,
                             "high": p.high, "derived": True, "derivation": text[up_from.start():p.end],
                             "said_on": pd.NaT})
    return rows


def _denials(text: str, claims: pd.DataFrame, covered: set) -> list[dict]:
    """Claims that deny a deployment of counted people, with no figure of their own."""
    rows = []
    units = unit_table()
    for claim in claims.itertuples():
        if claim.claim_id in covered or not DENIAL.search(f"{claim.text} {claim.cue}"):
            continue
        nouns = [w.lower() for w in WORD.findall(claim.text) if units.get(w.lower()) in ("troops", "workers")]
        if nouns:
            rows.append({"sentence_id": claim.sentence_id, "start": claim.start, "end": claim.end, "text": claim.text,
                         "value": np.nan, "low": np.nan, "high": np.nan, "qualifier": pd.NA, "approximate": False,
                         "unit": nouns[0], "category": units[nouns[0]], "location": pd.NA, "claim_id": claim.claim_id,
                         "claimant": claim.claimant, "said_on": claim.said_on, "voice": "claim", "stance": "denial",
                         "derived": False, "derivation": pd.NA})
    return rows


def extract_estimates(article_id: str, text: str, sentences: pd.DataFrame, claims: pd.DataFrame,
                      published=None) -> pd.DataFrame:
    """The estimates table of one article."""
    rows = [r for sentence in sentences.itertuples() for r in _rows_in_sentence(text, sentence, claims)]
    covered = {r["claim_id"] for r in rows if pd.notna(r["claim_id"])}
    rows += _denials(text, claims, covered)
    if not rows:
        return schemas.empty_frame("estimates")
    frame = pd.DataFrame(rows).sort_values(["start", "derived"], kind="stable").reset_index(drop=True)
    frame.insert(0, "estimate_id", [f"{article_id}-e{n:03d}" for n in range(len(frame))])
    frame.insert(1, "article_id", article_id)
    for column in ("said_from", "said_to"):
        if column not in frame:
            frame[column] = pd.NaT
    return frame
