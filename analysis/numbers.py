"""Numeric amounts in text: value, low/high bounds, hedges and vague amounts, with offsets.

Digits ("10,000", "10 000", "1.5 million", "12K") are read directly; number words ("ten
thousand", "a dozen") through text2num; vague amounts ("thousands of") become the ranges in
`data/vague_amounts.csv`. Bounds ("at least", "up to") set low or high; hedges ("around",
"some") set `approximate`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from text_to_num import text2num

from .paths import DATA_DIR

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}
NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
                "hundred thousand million billion").split()
DIGITS = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORDS = rf"(?:(?:{'|'.join(NUMBER_WORDS)})(?:[\s-]+(?:and\s+)?(?={'|'.join(NUMBER_WORDS)}))?)+"
AMOUNT = rf"(?:(?P<digits>{DIGITS})(?:\s*(?P<scale>thousand|million|billion|bn|mn)\b|(?P<suffix>[kKmM])\b)?|(?P<words>{WORDS})\b|(?P<dozen>a\s+dozen|a\s+hundred|a\s+thousand))"
BOUNDS = {  # qualifier -> (sets low, sets high, approximate)
    "at least": ("low", None), "more than": ("low", None), "over": ("low", None), "upwards of": ("low", None),
    "as many as": (None, "high"), "up to": (None, "high"), "fewer than": (None, "high"),
    "less than": (None, "high"), "under": (None, "high"), "no more than": (None, "high"),
}
PREPOSITIONS = {"over", "under", "about"}  # read as prepositions before a vague amount
HEDGES = ["around", "about", "some", "roughly", "approximately", "nearly", "almost", "an estimated",
          "estimated", "close to", "just over", "just under", "an approximate", "upward of"]
QUALIFIER = "|".join(sorted(map(re.escape, list(BOUNDS) + HEDGES), key=len, reverse=True)).replace(r"\ ", r"\s+")


def _vague() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "vague_amounts.csv", comment="#")


VAGUE = _vague()
VAGUE_RANGES = {p: (lo, hi) for p, lo, hi in VAGUE.itertuples(index=False)}
VAGUE_PATTERN = "|".join(sorted(map(re.escape, VAGUE_RANGES), key=len, reverse=True)).replace(r"\ ", r"\s+")
EXPRESSION = re.compile(
    rf"\b(?:(?P<qualifier>{QUALIFIER})\s+)?(?:"
    rf"between\s+(?P<between_a>{AMOUNT.replace('?P<', '?P<a_')})\s+and\s+(?P<between_b>{AMOUNT.replace('?P<', '?P<b_')})"
    rf"|(?P<vague>{VAGUE_PATTERN})(?=\s+of\b|\s+[a-z])"
    rf"|(?P<first>{AMOUNT.replace('?P<', '?P<f_')})(?:\s*(?:-|–|to)\s*(?P<second>{AMOUNT.replace('?P<', '?P<s_')}))?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    qualifier: str
    approximate: bool
    vague: bool


@lru_cache(maxsize=4096)
def words_to_number(words: str) -> float:
    return float(text2num(" ".join(words.lower().replace("-", " ").split()), "en"))


def _amount(m: re.Match, prefix: str) -> float | None:
    g = lambda name: m.group(prefix + name)  # noqa: E731 - group of this amount's prefix
    if g("digits"):
        number = float(re.sub(r"[,\u00a0\u202f ]", "", g("digits")))
        scale = (g("scale") or g("suffix") or "").lower()
        return number * SCALES.get(scale, 1)
    if g("dozen"):
        return {"dozen": 12.0, "hundred": 100.0, "thousand": 1000.0}[g("dozen").split()[-1].lower()]
    if g("words"):
        try:
            return words_to_number(g("words").strip())
        except ValueError:
            return None
    return None


def _shared_scale(low, high, high_text: str):
    """ "two and three thousand", "10 to 12 million": the scale word of the second number counts for both."""
    scale = next((SCALES[w] for w in re.findall(r"[a-z]+", high_text.lower()) if w in SCALES and SCALES[w] > 1), None)
    if low is not None and high is not None and scale and low * scale <= high:
        low *= scale
    return low, high


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Every amount in text[start:end]."""
    found = []
    for m in EXPRESSION.finditer(text, start, len(text) if end is None else end):
        qualifier = " ".join((m.group("qualifier") or "").lower().split())
        vague = bool(m.group("vague"))
        start = m.start()
        if vague and qualifier in PREPOSITIONS:  # "concerns over thousands of soldiers": no bound
            qualifier, start = "", m.start("vague")
        if vague:
            low, high = VAGUE_RANGES[" ".join(m.group("vague").lower().split())]
            value = math.nan  # a vague amount has a range, not a figure
        elif m.group("between_a"):
            low, high = _shared_scale(_amount(m, "a_"), _amount(m, "b_"), m.group("between_b"))
            value = (low + high) / 2 if low is not None and high is not None else None
        else:
            value = _amount(m, "f_")
            second = _amount(m, "s_") if m.group("second") else None
            if second is not None:
                value, second = _shared_scale(value, second, m.group("second"))
            low, high = (value, second) if second is not None else (value, value)
            value = (low + high) / 2 if second is not None and value is not None else value
        if value is None or low is None or high is None:  # number words text2num could not read
            continue
        sets_low, sets_high = BOUNDS.get(qualifier, (None, None))
        low = low if not sets_high else math.nan
        high = high if not sets_low else math.nan
        approximate = vague or qualifier in HEDGES or bool(m.group("between_a") or m.group("second"))
        found.append(Amount(start, m.end(), text[start:m.end()], float(value), low, high, qualifier, approximate, vague))
    return found
