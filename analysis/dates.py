"""When a statement was made: the date words next to a cue, resolved against the publication date.

dateparser reads calendar dates ("Oct. 22", "October 28, 2024"); the tense logic is ours:
a weekday in a past-tense report is the latest such day on or before publication ("on Monday"
in an article of Tuesday is the day before), after "will" it is the next one. "Last week" and
"this week" are ranges: `resolve_said_on_range` returns them, `resolve_said_on` gives NaT.
Only the reporting clause is read: date words right after the cue, or after a speaker that
follows it ("said the agency on Tuesday"), or the few words right before it ("The ministry on
Monday said"); a date further on belongs to what was said, not to the saying.
"""
from __future__ import annotations

import re
from functools import lru_cache

import dateparser
import pandas as pd

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_WORDS = re.compile(
    rf"\b(?:(?P<weekday>{'|'.join(WEEKDAYS)})"
    rf"|(?P<calendar>{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)"
    r"|(?P<relative>yesterday|today|last\s+week|this\s+week|last\s+month))\b",
    re.IGNORECASE,
)
FUTURE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|is\s+due\s+to|next)\b", re.IGNORECASE)
CLAUSE_END = re.compile(r",(?!\s*\d{4})|[;:!?\n]|\.(?=\s+[A-Z“\"]|\s*$)|\bthat\b")
LOOK_BEFORE = 24  # characters before the cue: "on Monday said"
ADJOINING = re.compile(r"\s*(?:(?:on|late|early|in|at|by|last|this)\s+)*", re.IGNORECASE)  # "said late on Monday"


@lru_cache(maxsize=4096)
def _calendar(expression: str, base: pd.Timestamp | None, future: bool):
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base.to_pydatetime()
    elif not re.search(r"\d{4}", expression):
        return pd.NaT  # no year and nothing to take it from
    parsed = dateparser.parse(expression.replace(".", ""), languages=["en"], settings=settings)
    return pd.Timestamp(parsed).normalize() if parsed else pd.NaT


def _date_words(text: str, cue_start: int, cue_end: int, after: int | None = None) -> re.Match | None:
    clause_end = after if after and after > cue_end else cue_end  # "said the agency Orbe on Tuesday"
    stop = CLAUSE_END.search(text, clause_end)
    found = DATE_WORDS.search(text, clause_end, stop.start() if stop else len(text))
    if found and ADJOINING.fullmatch(text, clause_end, found.start()):
        return found
    lo = max(0, cue_start - LOOK_BEFORE, *(text.rfind(p, 0, cue_start) + 1 for p in ",;:\n"))
    before = list(DATE_WORDS.finditer(text, lo, cue_start))
    return before[-1] if before else None


def _range(match: re.Match, text: str, published) -> tuple[pd.Timestamp, pd.Timestamp]:
    if published is None or pd.isna(published):
        return pd.NaT, pd.NaT
    base = pd.Timestamp(published).normalize()
    future = bool(FUTURE.search(text, max(0, match.start() - 40), match.start()))
    if match["weekday"]:
        target = WEEKDAYS.index(match["weekday"].lower())
        shift = (target - base.weekday()) % 7 if future else -((base.weekday() - target) % 7)
        day = base + pd.Timedelta(days=shift)
        return day, day
    if match["calendar"]:
        day = _calendar(match["calendar"], base, future)
        return day, day
    words = " ".join(match["relative"].lower().split())
    monday = base - pd.Timedelta(days=base.weekday())
    return {
        "yesterday": (base - pd.Timedelta(days=1),) * 2,
        "today": (base, base),
        "this week": (monday, base),
        "last week": (monday - pd.Timedelta(days=7), monday - pd.Timedelta(days=1)),
        "last month": ((base - pd.DateOffset(months=1)).replace(day=1), base.replace(day=1) - pd.Timedelta(days=1)),
    }[words]


def resolve_said_on_range(text: str, cue_start: int, cue_end: int, published=None, after: int | None = None) -> tuple:
    """(first, last) day the statement at this cue can have been made; (NaT, NaT) when unknown.

    `after`: where a speaker that follows the cue ends ("said the agency on Tuesday").
    """
    match = _date_words(text, cue_start, cue_end, after)
    if match is None:
        return pd.NaT, pd.NaT
    if match["calendar"] and (published is None or pd.isna(published)):
        day = _calendar(match["calendar"], None, False)
        return day, day
    return _range(match, text, published)


def resolve_said_on(text: str, cue_start: int, cue_end: int, published=None, after: int | None = None) -> pd.Timestamp:
    """The day the statement at this cue was made, or NaT when the text does not fix one day."""
    first, last = resolve_said_on_range(text, cue_start, cue_end, published, after)
    return first if pd.notna(first) and first == last else pd.NaT
