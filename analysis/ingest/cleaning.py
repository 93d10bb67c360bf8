"""Strip page chrome from article text, keeping every removed line and the reason it went.

Two kinds of rules:
- Whole-line patterns from `data/chrome.csv` (kind, pattern, why), matched case-insensitively
  against a stripped line. Users extend the list with `load_rules(extra_csv)`.
- Heuristics that need the shape of a line or its context:
  * address: a short line shaped like a street address ("12 Main St.", "221B Baker Street"),
    a US city/state/ZIP line ("Springfield, IL 62701"), a UK postcode line ("London, SW1A 1AA")
    or a PO box. Such lines sit under an address heading of a site template; the heading itself
    is a chrome.csv rule. Prose that mentions an address is longer than MAX_ADDRESS_WORDS or
    does not end at the address, so it stays.
  * teaser: a line just before a teaser marker ("read more") is a link to a story. When a later
    paragraph rewords it (rapidfuzz token-sort similarity >= TEASER_SIMILARITY), the lead appears
    twice: the marker and the reworded repeat go, the first wording stays, so the lead appears once.
  * repeat: a later exact copy of a paragraph of MIN_REPEAT_CHARS or more.
Line structure is kept: paragraphs stay separated by the newlines they had.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz, process

from ..paths import DATA_DIR

TEASER_SIMILARITY = 70  # token-sort ratio; rewordings of one lead score 80-90, unrelated paragraphs < 55
MIN_TEASER_WORDS = 5    # shorter lines are labels, too short to judge a repeat by
TEASER_LOOKAHEAD = 20   # paragraphs after a teaser marker in which its lead's rewording is looked for
MAX_ADDRESS_WORDS = 8
MIN_REPEAT_CHARS = 40
STREET_TYPES = (r"st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place|"
                r"sq|square|hwy|highway|pkwy|parkway|ter|terrace|cir|circle")
ADDRESS_LINE = re.compile(rf"""
    ^(  \d{{1,6}}[A-Za-z]?\s+([A-Z0-9][\w.'-]*\s+){{0,5}}({STREET_TYPES})\.?        # 12 Main St.
        (,?\s+(suite|ste|apt|unit|floor)\.?\s*\w+)?                                  # , Suite 4
      | [A-Z][\w\ .'-]+,\s+[A-Z]{{2}}\s+\d{{5}}(-\d{{4}})?                           # US city, ST 12345
      | ([A-Z][\w\ .'-]+,\s+)?[A-Z]{{1,2}}\d[A-Z\d]?\s+\d[A-Z]{{2}}                  # UK postcode
      | p\.?\s?o\.?\s+box\s+\d+                                                      # PO box
    )$""", re.IGNORECASE | re.VERBOSE)
BLANK_LINES = re.compile(r"\n\n\n+")  # a run of blank lines: as \n{3,}, but its literal start is found 4x faster


class Cleaned(NamedTuple):
    text: str           # the cleaned text every table's offsets refer to
    removed: list[str]  # removed lines, in document order
    why: list[str]      # the rule kind that removed each line (parallel to `removed`)


@dataclass(frozen=True)
class Rules:
    line: re.Pattern      # every whole-line pattern, one named group per rule row
    kinds: pd.DataFrame   # kind, pattern, why (for documentation and notebooks)

    @cached_property
    def _kind_by_group(self) -> dict[str, str]:
        """The kind of each named group: a dict look-up per line, not a DataFrame one."""
        return {f"r{i}": kind for i, kind in enumerate(self.kinds["kind"])}

    def kind_of(self, line: str) -> str | None:
        match = self.line.match(line)
        return self._kind_by_group[match.lastgroup] if match else None


def load_rules(extra: str | Path | None = None) -> Rules:
    """The packaged rules, plus a user's CSV with the same columns when given."""
    tables = [pd.read_csv(DATA_DIR / "chrome.csv")]
    if extra is not None:
        tables.append(pd.read_csv(extra))
    kinds = pd.concat(tables, ignore_index=True)[["kind", "pattern", "why"]]
    union = "|".join(f"(?P<r{i}>{pattern})" for i, pattern in enumerate(kinds["pattern"]))
    return Rules(line=re.compile(rf"(?:{union})\Z", re.IGNORECASE), kinds=kinds)


DEFAULT_RULES = load_rules()


def normalize(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces: the canonical form all offsets refer to."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _line_kind(line: str, rules: Rules) -> str | None:
    kind = rules.kind_of(line)
    # split at most MAX_ADDRESS_WORDS times: a paragraph is not cut into all its words to be counted
    if kind is None and len(line.split(None, MAX_ADDRESS_WORDS)) <= MAX_ADDRESS_WORDS and ADDRESS_LINE.match(line):
        kind = "address"
    return kind


def _teasers(lines: list[str], kinds: dict[int, str]) -> dict[int, str]:
    """Later paragraphs that reword the line just before a teaser marker.

    "Lead / read more / the same lead reworded": the first wording is what the page shows as the
    lead (and may carry facts the rewording drops), so it stays; the reworded repeat goes. The
    rewording is looked for in the TEASER_LOOKAHEAD paragraphs after the marker (the lead follows
    the teaser block), so a page of many markers costs the same per marker.
    """
    content = [i for i, line in enumerate(lines) if line and i not in kinds]
    found = {}
    for marker in (i for i, kind in kinds.items() if kind == "teaser"):
        k = bisect_left(content, marker)  # content[:k] is before the marker, content[k:] after it
        if not k or len(lines[content[k - 1]].split()) < MIN_TEASER_WORDS:
            continue
        later = content[k:k + TEASER_LOOKAHEAD]
        match = process.extractOne(lines[content[k - 1]], [lines[i] for i in later], scorer=fuzz.token_sort_ratio,
                                   score_cutoff=TEASER_SIMILARITY)
        if match:
            found[later[match[2]]] = "teaser"
    return found


def _repeats(lines: list[str], kinds: dict[int, str]) -> dict[int, str]:
    seen, found = set(), {}
    for i, line in enumerate(lines):
        if len(line) >= MIN_REPEAT_CHARS and i not in kinds:
            if line in seen:
                found[i] = "repeat"
            seen.add(line)
    return found


def strip_chrome(text: str, rules: Rules = DEFAULT_RULES) -> Cleaned:
    """The cleaned text and every removed line with its reason. Lines are compared stripped."""
    raw = normalize(text).split("\n")
    lines = [line.strip() for line in raw]
    kinds = {i: kind for i, line in enumerate(lines) if line and (kind := _line_kind(line, rules))}
    kinds |= _teasers(lines, kinds)
    kinds |= _repeats(lines, kinds)
    order = sorted(kinds)
    kept = "\n".join(line for i, line in enumerate(raw) if i not in kinds)
    cleaned = (BLANK_LINES.sub("\n\n", kept) if "\n\n\n" in kept else kept).strip("\n")  # `in`: at C speed
    return Cleaned(cleaned, [lines[i] for i in order], [kinds[i] for i in order])
