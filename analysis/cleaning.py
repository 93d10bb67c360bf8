"""Strip page chrome from article text, keeping every removed line for `articles.removed`.

Two kinds of rules:
- Whole-line patterns from `data/chrome.csv` (kind, pattern, why), matched case-insensitively
  against a stripped line. Users extend the list with `load_rules(extra_csv)`.
- Heuristics that need context:
  * address block: short lines shaped like a street address ("12 Main St."), a city/state/ZIP
    line ("Springfield, IL 62701") or a UK postcode, usually under an address heading;
  * teaser: a bare teaser marker ("read more") between a lead and its reworded repeat: the marker
    and the repeat go (fuzzy token-set similarity >= TEASER_SIMILARITY), the first wording stays;
  * repeated paragraph: a later exact copy of a paragraph of 40+ characters.
Line structure is kept: paragraphs stay separated by the newlines they had.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from .paths import DATA_DIR

TEASER_SIMILARITY = 70
TEASER_LOOKAHEAD = 3
MAX_ADDRESS_WORDS = 8
MIN_REPEAT_CHARS = 40
STREET_TYPES = (r"st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place|"
                r"sq|square|hwy|highway|pkwy|parkway|ter|terrace|cir|circle")
ADDRESS_LINE = re.compile(
    rf"^(\d{{1,6}}[A-Za-z]?\s+([A-Z0-9][\w.'-]*\s+){{0,5}}({STREET_TYPES})\.?(,?\s+(suite|ste|apt|unit|floor)\.?\s*\w+)?"
    r"|[A-Z][\w .'-]+,\s+[A-Z]{2}\s+\d{5}(-\d{4})?"            # US city, ST 12345
    r"|([A-Z][\w .'-]+,\s+)?[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}"  # UK postcode
    r"|p\.?\s?o\.?\s+box\s+\d+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rules:
    line: re.Pattern      # any whole-line chrome pattern
    kinds: pd.DataFrame   # kind, pattern, why (for documentation and notebooks)
    teaser: re.Pattern


def load_rules(extra: str | Path | None = None) -> Rules:
    """The packaged rules, plus a user's CSV with the same columns when given."""
    tables = [pd.read_csv(DATA_DIR / "chrome.csv")]
    if extra is not None:
        tables.append(pd.read_csv(extra))
    kinds = pd.concat(tables, ignore_index=True)

    def union(patterns) -> re.Pattern:
        return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\Z", re.IGNORECASE)

    return Rules(line=union(kinds["pattern"]), kinds=kinds,
                 teaser=union(kinds.loc[kinds["kind"] == "teaser", "pattern"]))


DEFAULT_RULES = load_rules()


def normalize(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces: the canonical form all offsets refer to."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _is_chrome(line: str, rules: Rules) -> bool:
    words = line.split()
    return bool(rules.line.match(line)) or (len(words) <= MAX_ADDRESS_WORDS and bool(ADDRESS_LINE.match(line)))


def _teased_repeats(lines: list[str], rules: Rules) -> set[int]:
    """Teaser markers, and the paragraph after one that repeats the teaser line before it.

    "Headline-like lead / read more / the same lead reworded": the first wording is kept (it is
    what the page shows as the lead), the marker and the reworded repeat are removed.
    """
    content = [i for i, line in enumerate(lines) if line.strip()]
    found = set()
    for pos, i in enumerate(content):
        if not rules.teaser.match(lines[i].strip()) or pos == 0:
            continue
        before = content[pos - 1]
        following = content[pos + 1: pos + 1 + TEASER_LOOKAHEAD]
        found |= {j for j in following if fuzz.token_set_ratio(lines[before], lines[j]) >= TEASER_SIMILARITY}
    return found


def _repeated_lines(lines: list[str]) -> set[int]:
    seen, found = set(), set()
    for i, line in enumerate(lines):
        key = line.strip()
        if len(key) >= MIN_REPEAT_CHARS:
            if key in seen:
                found.add(i)
            seen.add(key)
    return found


def strip_chrome(text: str, rules: Rules = DEFAULT_RULES) -> tuple[str, list[str]]:
    """(cleaned text, removed lines in order). Offsets of all tables refer to the cleaned text."""
    lines = normalize(text).split("\n")
    drop = {i for i, line in enumerate(lines) if line.strip() and _is_chrome(line.strip(), rules)}
    drop |= _teased_repeats(lines, rules) | _repeated_lines(lines)
    removed = [lines[i].strip() for i in sorted(drop)]
    kept = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    return re.sub(r"\n{3,}", "\n\n", kept).strip("\n"), removed
