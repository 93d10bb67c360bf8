"""Numeric estimates: amounts of counted things, with who gave them, when, and where.

An amount (`numbers.find_amounts`) becomes an estimate row when a counted noun of the lexicon's
units (`data/units.csv`) follows it in the same clause (soldiers -> troops, workers -> workers,
killed -> casualties, anything else -> other), or any plural word right after it (`other`). No row
for: amounts followed by a time or measure word ("six weeks"), calendar numbers (years such as 2024,
"Oct. 22"), money ("$3 million"), "one of", and amounts with no counted noun (list markers "one, ...
Two, ...", house numbers, postal codes).

Claimant and date: the innermost claim whose content holds the amount, else the claim cued nearest
to it in the same sentence. With neither, the article speaks in its own voice: `claimant` is empty
and `voice` is "article" (else "claim"). Stance is "denial" when that claim's words or cue deny
(the lexicon's denial words, `data/denial_words.csv`); a denying claim about counted people with no
figure of its own still gives a row (value, low and high empty) so a chart can mark the denial.

The wording of a relative figure (`data/relative_figures.csv`: "tripling last week's estimate",
"doubled", "up from 3,000") adds a `derived` row for the earlier figure: its `text` is the wording,
`derived_from` the estimate it was computed from, and `said_from`/`said_to` the period it was given
in (the week before for "last week", else any day before the figure it is compared with). A factor
("doubled") applies to the nearest figure of troops, workers or casualties in the sentence; counts
of other things get no derived row.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import namedtuple
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from .. import schemas
from ..text.lexicon import Lexicon, alternation
from .numbers import Amount, find_amounts

YEAR = re.compile(r"(?:1[89]|20)\d\d")
YEAR_BEFORE = re.compile(r"\b(?:in|since|by|until|during|early|late|mid)[\s-]*\Z", re.IGNORECASE)
NOUN_RIGHT_AFTER = re.compile(r"\s+([a-z]+)")
CURRENCY_BEFORE = re.compile(r"[$€£¥₩]\s*\Z")
CODE_BEFORE = re.compile(r"(?:[A-Za-z]-?|#)\Z")   # "F-16", "#3": names, not counts
LEADING_ZERO = re.compile(r"0\d")                 # postal codes, phone numbers: codes, not counts
# Where a clause ends for the noun and place search: not at the comma of "10,000"; a number starts a new count.
CLAUSE_BREAK = re.compile(r",(?!\d)|[;:!?()\[\]“”\"—]|\d")
NEXT_WORD = re.compile(r"\s+(?:of\s+)?([a-z][a-z-]+)\b")
WORD = re.compile(r"[A-Za-z%][\w’'-]*|%")
UNIT_WINDOW = 6       # words between an amount and its counted noun: "10,000 well-armed infantry soldiers"
PREDICATE_WINDOW = 3  # words after the noun that can make it a casualty count: "soldiers were killed"
CLAUSE_CHARS = 120    # how far a clause is read for the counted noun and the place
FUNCTION_WORDS = frozenset("was has as its yes perhaps always whereas".split())  # end in s, are no plurals
PLACE = re.compile(r"\b(?:in|to|into|inside|at|near)\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
                   r"(?:\s+(?:region|province|oblast|area|border|district))?")
Claim = namedtuple("Claim", "claim_id start end cue_start claimant said_on denies")


class _Patterns(NamedTuple):
    month_before: re.Pattern  # "Oct." before a day of the month
    month_in: re.Pattern      # "in August" in a relative wording (lower case)
    not_places: frozenset     # month and weekday names: "in May" names no place
    denial: re.Pattern
    relative: re.Pattern      # a group per relative figure of the lexicon: r0, r1, ...


@lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> _Patterns:
    relative = "|".join(f"(?P<r{i}>{r.wording})" for i, r in enumerate(lexicon.relative_figures))
    return _Patterns(
        month_before=re.compile(rf"\b(?:{alternation(lexicon.month_forms)})\.?\s*\Z", re.IGNORECASE),
        month_in=re.compile(rf"\b(?:in|since|from)\s+({alternation(lexicon.months)})\b"),
        not_places=frozenset(lexicon.months + lexicon.weekdays),
        denial=re.compile(rf"\b(?:{'|'.join(lexicon.denial_words)})\b", re.IGNORECASE),
        relative=re.compile(rf"\b(?:{relative})\b", re.IGNORECASE))


def _clause_end(text: str, pos: int, limit: int) -> int:
    stop = CLAUSE_BREAK.search(text, pos, min(limit, pos + CLAUSE_CHARS))
    return stop.start() if stop else min(limit, pos + CLAUSE_CHARS)


def counted_noun(text: str, pos: int, limit: int, lexicon: Lexicon) -> tuple[str, str, int] | None:
    """(noun, category, end of the noun) for the amount ending at `pos`, or None."""
    words = list(WORD.finditer(text, pos, _clause_end(text, pos, limit)))[:UNIT_WINDOW + PREDICATE_WINDOW]
    lowered = [w.group().lower() for w in words]
    units = lexicon.units
    for k in range(min(len(words), UNIT_WINDOW)):
        for size in (3, 2, 1):
            phrase = " ".join(lowered[k:k + size])
            if k + size <= len(words) and phrase in units:
                category = units[phrase]
                after = lowered[k + size:k + size + PREDICATE_WINDOW]
                if category not in ("skip", "casualties") and any(units.get(w) == "casualties" for w in after):
                    category = "casualties"
                return phrase, category, words[k + size - 1].end()
    first = NEXT_WORD.match(text, pos)  # no counted noun: only a plural right after the amount counts
    plural = first and first[1].endswith("s") and not first[1].endswith(("ss", "us", "is"))
    if plural and first[1] not in FUNCTION_WORDS:
        return first[1], "other", first.end()
    return None


def _is_year(text: str, amount: Amount, lexicon: Lexicon) -> bool:
    """ "2024", "in 2000"; but "2000 soldiers" counts (a year is written without separators)."""
    if not YEAR.fullmatch(amount.text.split()[-1]):
        return False
    noun = NOUN_RIGHT_AFTER.match(text, amount.end)
    return (noun is None or lexicon.units.get(noun[1], "skip") == "skip"
            or bool(YEAR_BEFORE.search(text, max(0, amount.start - 8), amount.start)))


def _not_counted(text: str, amount: Amount, lexicon: Lexicon) -> bool:
    """Years, days of a month ("Oct. 22"), money, codes ("F-16", "0199"), and "one of" (a pronoun)."""
    before = max(0, amount.start - 12)
    month_before = _patterns(lexicon).month_before
    return (_is_year(text, amount, lexicon) or bool(LEADING_ZERO.match(amount.text))
            or any(p.search(text, before, amount.start) for p in (month_before, CURRENCY_BEFORE, CODE_BEFORE))
            or (amount.value == 1 and text[amount.end:amount.end + 4].lower() == " of "))


def place_after(text: str, pos: int, limit: int, lexicon: Lexicon):
    """The first place named in the clause from `pos`: "in Spain", "in the Tula region"."""
    end = _clause_end(text, pos, limit)
    not_places = _patterns(lexicon).not_places
    for found in PLACE.finditer(text, pos, end):
        if found["place"].lower() not in not_places:
            return found.group()
    return pd.NA


def _claims(claims: pd.DataFrame, lexicon: Lexicon) -> list[Claim]:
    """Claims as plain tuples (pandas row access per amount costs more than the whole scan)."""
    if claims is None or claims.empty:
        return []
    denial = _patterns(lexicon).denial
    cue_starts = claims["cue_start"].tolist() if "cue_start" in claims else [pd.NA] * len(claims)
    columns = zip(claims["claim_id"].tolist(), claims["start"].tolist(), claims["end"].tolist(), cue_starts,
                  claims["claimant"].tolist(), claims["said_on"].tolist(), claims["text"].fillna("").tolist(),
                  claims["cue"].fillna("").tolist())
    return [Claim(claim_id, int(start), int(end), cue_start, claimant, said_on, bool(denial.search(f"{text} {cue}")))
            for claim_id, start, end, cue_start, claimant, said_on, text, cue in columns
            if pd.notna(start) and pd.notna(end)]


def claim_for(claims: list[Claim], start: int, end: int, sent_start: int, sent_end: int) -> Claim | None:
    """The innermost claim holding [start, end), else the claim cued nearest to it in the sentence."""
    inside = [c for c in claims if c.start <= start and end <= c.end]
    if inside:
        return max(inside, key=lambda c: (c.start, -c.end))
    cued = [c for c in claims if pd.notna(c.cue_start) and sent_start <= c.cue_start < sent_end]
    return min(cued, key=lambda c: abs(c.cue_start - start)) if cued else None


def _attribution(claim: Claim | None) -> dict:
    if claim is None:
        return {"claim_id": pd.NA, "claimant": pd.NA, "said_on": pd.NaT, "voice": "article", "stance": "assertion"}
    return {"claim_id": claim.claim_id, "claimant": claim.claimant, "said_on": claim.said_on, "voice": "claim",
            "stance": "denial" if claim.denies else "assertion"}


def _estimate(text, amount: Amount, sentence, claims, lexicon: Lexicon) -> dict | None:
    sentence_id, s, e = sentence
    if _not_counted(text, amount, lexicon):
        return None
    unit = counted_noun(text, amount.end, e, lexicon)
    if unit is None or unit[1] == "skip":
        return None
    claim = claim_for(claims, amount.start, amount.end, s, e)
    return {"sentence_id": sentence_id, "start": amount.start, "end": amount.end, "text": amount.text,
            "value": amount.value, "low": amount.low, "high": amount.high, "qualifier": amount.qualifier or pd.NA,
            "approximate": amount.approximate, "unit": unit[0], "category": unit[1],
            "location": place_after(text, unit[2], e, lexicon), **_attribution(claim), "derived": False,
            "derivation": pd.NA}


def _earlier_period(wording: str, base, lexicon: Lexicon) -> tuple:
    """(said_from, said_to) of an earlier figure: the week or month before for "last week/month"."""
    if base is None or pd.isna(base):
        return pd.NaT, pd.NaT
    base = pd.Timestamp(base).normalize()
    words = " ".join(wording.lower().split())
    if "last week" in words or "a week ago" in words or "a week earlier" in words:
        monday = base - pd.Timedelta(days=base.weekday())
        return monday - pd.Timedelta(days=7), monday - pd.Timedelta(days=1)
    if "last month" in words:
        first = base.replace(day=1)
        return first - pd.DateOffset(months=1), first - pd.Timedelta(days=1)
    month = _patterns(lexicon).month_in.search(words)
    if month:  # "in August": the latest August before the figure
        number = lexicon.month_forms[month[1]]
        first = pd.Timestamp(base.year - (number > base.month), number, 1)
        return first, first + pd.offsets.MonthEnd(0)
    return pd.NaT, base - pd.Timedelta(days=1)


def _derived_row(text: str, current: dict, start: int, end: int, figures: dict, published,
                 lexicon: Lexicon) -> dict:
    base = current["said_on"] if pd.notna(current["said_on"]) else published
    said_from, said_to = _earlier_period(text[start:end], base, lexicon)
    return {**current, **figures, "start": start, "end": end, "text": text[start:end], "derivation": text[start:end],
            "derived": True, "approximate": True, "said_on": said_from if said_from == said_to else pd.NaT,
            "said_from": said_from, "said_to": said_to, "derived_from": current["start"]}


TRAILING = re.compile(r"(?:\s+(?:to|at|by|from|of))*[\s,;:.]*\Z", re.IGNORECASE)  # "doubled to" -> "doubled"


def _wording_end(text: str, start: int, end: int) -> int:
    """The end of text[start:end] without the trailing preposition or punctuation."""
    return start + len(TRAILING.sub("", text[start:end]))


def _stated_earlier(text: str, wording: re.Match, found: list, sentence_end: int, published, lexicon: Lexicon):
    """ "5,000 soldiers, up from 3,000": the amount right after the wording, for the figure before it."""
    after = [a for a, _ in found if a.start >= wording.end() and not text[wording.end():a.start].strip()]
    before = [r for a, r in found if r and a.end <= wording.start()]
    if not after or not before or before[-1]["category"] == "other":
        return None, None
    earlier, current = after[0], before[-1]
    figures = {"value": earlier.value, "low": earlier.low, "high": earlier.high,
               "qualifier": earlier.qualifier or pd.NA}
    end = _wording_end(text, wording.start(), _clause_end(text, earlier.end, sentence_end))
    return _derived_row(text, current, wording.start(), end, figures, published, lexicon), earlier.start


def _factor_earlier(text: str, wording: re.Match, factor: float, only_before: bool, found: list,
                    sentence_end: int, published, lexicon: Lexicon):
    """ "Tripling last week's estimate, ... 9,000 troops": the nearest counted figure divided by the factor."""
    counted = [(a, r) for a, r in found if r and r["category"] != "other" and not math.isnan(a.value)
               and (a.start >= wording.end() or not only_before)]
    if not counted:
        return None
    distance = lambda pair: min(abs(pair[0].start - wording.end()), abs(wording.start() - pair[0].end))  # noqa: E731
    amount, current = min(counted, key=distance)
    clause_end = _clause_end(text, wording.end(), sentence_end)
    figure_first = wording.end() <= amount.start < clause_end  # "doubled to 6,000": the wording stops at the figure
    end = _wording_end(text, wording.start(), amount.start if figure_first else clause_end)
    figures = {k: current[k] / factor for k in ("value", "low", "high")}
    return _derived_row(text, current, wording.start(), end, figures, published, lexicon)


def _derived_rows(text: str, sentence, found: list[tuple[Amount, dict | None]], published,
                  lexicon: Lexicon) -> tuple[list, set]:
    """Derived rows for the relative wordings of one sentence, and the starts of the amounts they consumed."""
    _, s, e = sentence
    rows, consumed = [], set()
    for wording in _patterns(lexicon).relative.finditer(text, s, e):
        _, factor, only_before = lexicon.relative_figures[int(wording.lastgroup[1:])]
        if math.isnan(factor):
            row, used = _stated_earlier(text, wording, found, e, published, lexicon)
            consumed |= {used} if row else set()
        else:
            row = _factor_earlier(text, wording, factor, only_before, found, e, published, lexicon)
        rows += [row] if row else []
    return rows, consumed


def _sentence_rows(text: str, sentence, amounts: list[Amount], claims: list[Claim], published,
                   lexicon: Lexicon) -> list[dict]:
    found = [(a, _estimate(text, a, sentence, claims, lexicon)) for a in amounts]
    if not any(r for _, r in found):
        return []
    derived, consumed = _derived_rows(text, sentence, found, published, lexicon)
    return [r for a, r in found if r and a.start not in consumed] + derived


def _amounts_by_sentence(text: str, spans: list[tuple], lexicon: Lexicon) -> dict[int, list[Amount]]:
    """One scan of the whole text; amounts that run across a sentence end are dropped."""
    starts = [s for _, s, _ in spans]
    grouped: dict[int, list[Amount]] = {}
    for amount in find_amounts(text, lexicon=lexicon):
        k = bisect_right(starts, amount.start) - 1
        if k >= 0 and amount.end <= spans[k][2]:
            grouped.setdefault(k, []).append(amount)
    return grouped


def _denials(text: str, sentences: list[tuple], claims: list[Claim], figures: list[int],
             lexicon: Lexicon) -> list[dict]:
    """Denying claims about counted people with no figure of their own: one row each, no value."""
    units, rows, seen = lexicon.units, [], set()
    starts = [s for _, s, _ in sentences]
    for claim in _outer_denials(claims):
        if (claim.start, claim.end) in seen or any(claim.start <= f < claim.end for f in figures):
            continue
        seen.add((claim.start, claim.end))
        noun = next((w for w in WORD.finditer(text, claim.start, claim.end)
                     if units.get(w.group().lower()) in ("troops", "workers")), None)
        if noun is None:
            continue
        sentence_id = sentences[max(0, bisect_right(starts, claim.start) - 1)][0] if sentences else pd.NA
        rows.append({"sentence_id": sentence_id, "start": claim.start, "end": claim.end,
                     "text": text[claim.start:claim.end], "value": math.nan, "low": math.nan, "high": math.nan,
                     "qualifier": pd.NA, "approximate": False,
                     "unit": noun.group().lower(), "category": units[noun.group().lower()],
                     "location": place_after(text, noun.end(), claim.end, lexicon), **_attribution(claim),
                     "derived": False, "derivation": pd.NA})
    return rows


def _outer_denials(claims: list[Claim]) -> list[Claim]:
    """Of nested denying claims (a partial quote inside a reported statement) keep the outer one."""
    denying = [c for c in claims if c.denies]
    return [c for c in denying if not any(o is not c and o.start <= c.start and c.end <= o.end
                                          and (o.start, -o.end) < (c.start, -c.end) for o in denying)]


COUNTS = ("value", "low", "high")  # nullable Int64 columns (schemas.COLUMNS["estimates"])


def _whole(number) -> object:
    """A figure rounded to a whole number (half away from zero), pd.NA when there is none."""
    if number is None or pd.isna(number):
        return pd.NA
    return int(math.floor(abs(number) + 0.5)) * (1 if number >= 0 else -1)


def _frame(article_id: str, rows: list[dict]) -> pd.DataFrame:
    rows.sort(key=lambda r: (r["start"], r["derived"]))
    ids = [f"{article_id}-e{n:03d}" for n in range(len(rows))]
    by_start = {r["start"]: i for r, i in zip(rows, ids) if not r["derived"]}  # figures never share a start
    for row, estimate_id in zip(rows, ids):
        row.update(estimate_id=estimate_id, article_id=article_id, derived_from=by_start.get(row.get("derived_from")))
        for key in COUNTS:  # people are counted in whole numbers: a third of 10,000 is 3,333, not 3333.333333
            row[key] = _whole(row.get(key))
        row.setdefault("said_from", pd.NaT)  # NaT, not None: the column stays a date column without a cast
        row.setdefault("said_to", pd.NaT)
    return pd.DataFrame.from_records(rows, columns=list(schemas.COLUMNS["estimates"]))


def extract_estimates(article_id: str, text: str, sentences: pd.DataFrame, claims: pd.DataFrame,
                      published=None, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The estimates table of one article (columns: `schemas.COLUMNS["estimates"]`)."""
    lexicon = lexicon or Lexicon.default()
    spans = list(zip(sentences["sentence_id"].tolist(), sentences["start"].astype(int).tolist(),
                     sentences["end"].astype(int).tolist()))
    claim_list = _claims(claims, lexicon)
    grouped = _amounts_by_sentence(text, spans, lexicon)
    rows = [r for k, amounts in grouped.items()
            for r in _sentence_rows(text, spans[k], amounts, claim_list, published, lexicon)]
    rows += _denials(text, spans, claim_list, [r["start"] for r in rows], lexicon)
    if not rows:
        return schemas.empty_frame("estimates")
    return _frame(article_id, rows)
