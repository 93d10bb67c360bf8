"""Numeric amounts in text: value, low/high bounds, hedges and vague amounts, with offsets.

Digits ("10,000", "10 000", "1.5 million", "12K") are read directly. Number words ("ten thousand",
"twenty-five") are read by text2num, called only on the word runs the pattern below finds; "a dozen",
"a hundred" and "a thousand", which text2num does not read, by name. Ranges ("10,000-12,000",
"between 10,000 and 12,000", "two to three thousand") give low and high and their middle as value.
Vague amounts ("thousands of") become the ranges of the lexicon's vague amounts
(`data/vague_amounts.csv`), with no value. The words before an amount ("at least", "up to", "around")
act as its qualifiers (`data/qualifiers.csv`) say.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from ..text.lexicon import Lexicon, alternation, lowered, phrase_key, trie_pattern

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}
# Only to find candidate runs quickly; text2num does the reading.
NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
                "hundred thousand million billion").split()
NAMED_AMOUNTS = {"dozen": 12.0, "hundred": 100.0, "thousand": 1000.0, "million": 1e6, "billion": 1e9}  # after "a"
SEPARATOR = re.compile(r"[,\u00a0\u202f ]")
DIGITS = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
WORDS = rf"(?:(?:{'|'.join(NUMBER_WORDS)})(?:[\s-]+(?:and\s+)?(?={'|'.join(NUMBER_WORDS)}))?)+"
AMOUNT = (rf"(?:(?P<digits>{DIGITS})(?:\s*(?P<scale>thousand|million|billion|bn|mn)\b|(?P<suffix>[kKmM])\b)?"
          rf"|(?P<named>a\s+(?:{'|'.join(NAMED_AMOUNTS)}))\b|(?P<words>{WORDS})\b)")
OF = re.compile(r"\s+of\b", re.IGNORECASE)
LOOK_BACK = 32    # characters before a trigger where an amount can begin: "no fewer than", "between"
LOOK_AHEAD = 120  # characters after a trigger an amount can still run on: "two thousand five hundred"
MONTH_CHARS = 12  # "September. " before a day of the month
SPACED_DASH = re.compile(r"\s[-–]\s+\Z")  # "March 3 - 200": a dateline's dash, where "March 3-5" is a range


def _named(prefix: str) -> str:
    return AMOUNT.replace("?P<", f"?P<{prefix}")


@lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(expression, trigger, month before) for the lexicon's qualifiers, vague amounts and months, all for the
    `lowered` text. The trigger words are cheap to scan for; the full expression only runs around them."""
    expression = re.compile(
        rf"\b(?:(?P<qualifier>{alternation(lexicon.qualifiers)})\s+)?(?:"
        rf"between\s+{_named('a_')}\s+and\s+(?P<b>{_named('b_')})"
        rf"|(?P<vague>{alternation(lexicon.vague_amounts)})(?=\s+[a-z])"
        rf"|{_named('f_')}(?:\s*(?:-|–|to)\s*(?P<s>{_named('s_')}))?)",
    )  # in lower case, read in the `lowered` text (its groups lower case, its offsets the text's)
    vague_words = {w for phrase in lexicon.vague_amounts for w in phrase.split()} - {"a", "of"}
    trigger_words = sorted(set(NUMBER_WORDS) | set(NAMED_AMOUNTS) | vague_words)
    return (expression, re.compile(rf"\d|\b{trie_pattern(w.lower() for w in trigger_words)}\b"),
            re.compile(rf"\b(?:{alternation(lexicon.month_forms)})\.?[ \t\u00a0]+\Z"))


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float        # NaN for a vague amount
    low: float          # NaN when only an upper bound is known ("up to")
    high: float         # NaN when only a lower bound is known ("at least")
    qualifier: str      # "around", "at least", "thousands of", ... or ""
    approximate: bool
    vague: bool


@lru_cache(maxsize=4096)
def words_to_number(words: str) -> float | None:
    """ "Twenty-five" -> 25.0; None when text2num cannot read the run ("one two")."""
    try:
        return float(text2num(" ".join(words.lower().replace("-", " ").split()), "en"))
    except ValueError:
        return None


def _amount(m: re.Match, prefix: str) -> float | None:
    digits, named, words = m[prefix + "digits"], m[prefix + "named"], m[prefix + "words"]
    if digits:
        scale = (m[prefix + "scale"] or m[prefix + "suffix"] or "").lower()
        return float(SEPARATOR.sub("", digits)) * SCALES.get(scale, 1)
    if named:
        return NAMED_AMOUNTS[named.split()[-1].lower()]
    if not words or words.lower() in SCALES:  # a scale word alone ("billion") is no amount; "a billion" is
        return None
    return words_to_number(words)


def _shared_scale(low: float, high: float, high_text: str) -> float:
    """ "two and three thousand", "10 to 12 million": the scale word of the second number counts for both."""
    scale = max((SCALES[w] for w in re.findall(r"[a-z]+", high_text.lower()) if w in SCALES), default=1)
    return low * scale if low * scale <= high else low


def _figures(m: re.Match) -> tuple[float, float, float, bool] | None:
    """(value, low, high, is_range) of a figure or range match; None if a part cannot be read."""
    first_prefix, second_group = ("a_", "b") if m["b"] else ("f_", "s")
    first = _amount(m, first_prefix)
    if not m[second_group]:
        return (first, first, first, False) if first is not None else None
    second = _amount(m, second_group + "_")
    if first is None or second is None:
        return None
    low = _shared_scale(first, second, m[second_group])
    return (low + second) / 2, low, second, True


def _amount_of(text: str, m: re.Match, lexicon: Lexicon) -> Amount | None:
    qualifier = phrase_key(m["qualifier"])
    effect, ambiguous = lexicon.qualifiers.get(qualifier, ("", False))
    start = m.start()
    if m["vague"]:
        if ambiguous:  # "concerns over thousands of soldiers": a preposition, not a bound
            qualifier, effect, start = "", "", m.start("vague")
        low, high = lexicon.vague_amounts[phrase_key(m["vague"])]
        vague_words = phrase_key(m["vague"]) + (" of" if OF.match(text, m.end()) else "")
        qualifier = f"{qualifier} {vague_words}".strip()
        value, ranged = math.nan, True
    else:
        figures = _figures(m)
        if figures is None:
            return None
        value, low, high, ranged = figures
    low = math.nan if effect == "high" else low
    high = math.nan if effect == "low" else high
    approximate = ranged or effect == "hedge"
    return Amount(start, m.end(), text[start:m.end()], value, low, high, qualifier, approximate, bool(m["vague"]))


def find_amounts(text: str, start: int = 0, end: int | None = None, lexicon: Lexicon | None = None, *,
                 sparse: list[tuple[int, int]] = (), gap: int = 0) -> list[Amount]:
    """Every amount in text[start:end], in order. In the `sparse` spans ((start, end) in text order), only
    amounts starting `gap` or more characters after the last one read there are read: text no prose is made
    of (`text.doc.LONG_SENTENCE`) costs no more per character than prose."""
    lexicon = lexicon or Lexicon.default()
    expression, triggers, month_before = _patterns(lexicon)
    end = len(text) if end is None else end
    found, pos, lower = [], start, lowered(text)
    sparse_starts, last_read = [s for s, _ in sparse], -gap

    def in_sparse(position: int) -> bool:
        k = bisect_right(sparse_starts, position) - 1
        return k >= 0 and position < sparse[k][1]

    def too_close(position: int) -> bool:
        return bool(sparse_starts) and position - last_read < gap and in_sparse(position)

    for trigger in triggers.finditer(lower, start, end):
        if trigger.start() < pos or too_close(trigger.start()):
            continue
        bound = min(end, trigger.end() + LOOK_AHEAD)
        match = expression.search(lower, max(pos, trigger.start() - LOOK_BACK), bound)
        if match and match["s"] and SPACED_DASH.search(lower, match.start(), match.start("s")) and \
                month_before.search(lower, max(0, match.start() - MONTH_CHARS), match.start()):
            match = expression.search(lower, match.start("s"), bound)  # "KYIV, March 3 - 200 …": a dateline's day
        if match is None or too_close(match.start()):  # an amount may begin before its trigger
            continue
        pos = match.end()
        amount = _amount_of(text, match, lexicon)
        if amount is not None:
            found.append(amount)
            last_read = amount.start if sparse_starts and in_sparse(amount.start) else last_read
    return found
