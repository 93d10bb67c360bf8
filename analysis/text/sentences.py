"""Paragraphs and sentences with offsets into the cleaned text.

A compiled-regex splitter, not a parser (it runs at millions of words a second): a sentence ends
at `.`, `!`, `?` or `…` (with any closing quote marks or brackets that follow, so `escalation.”`
keeps its ”) before whitespace and a capital, digit or opening quote. A comma never ends one, so
`,” he said.` stays with its quotation; a quotation of several sentences is split like any text.
A period after a known abbreviation (data/abbreviations.txt: U.S., Oct., Sen., St., ...) or a
single initial (J. Smith) does not end a sentence, with two exceptions that mark the end of a
sentence after all: the next word is a sentence starter (data/sentence_starters.txt: "in the
U.S. The ..."), or the abbreviation is one that only holds before a number and no number follows
(data/abbreviations_before_numbers.txt: "on Oct. 22" and "No. 2" hold, "in Sept. Analysts" ends).
Every non-empty line is a paragraph.
"""
from __future__ import annotations

import re

import pandas as pd

from ..paths import DATA_DIR


def _word_list(name: str) -> frozenset[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


BEFORE_NUMBERS = _word_list("abbreviations_before_numbers.txt")
ABBREVIATIONS = _word_list("abbreviations.txt") | BEFORE_NUMBERS  # every word whose period may be inside a sentence
SENTENCE_STARTERS = _word_list("sentence_starters.txt")
# A line holding a non-space character, whole. Anchored at the line's start, and possessive, so a
# line of spaces is read once, not once per space.
PARAGRAPH = re.compile(r"^[^\S\n]*+\S[^\n]*+", re.MULTILINE)
OPENER = r"(?:''|[\"“‘'(\[])?"  # an opening quote mark or bracket; '' is one in some newspapers' text
# Possessive runs, and a run of . ! ? is only tried from its first character: a long run of them (or of
# closing marks) not followed by a capital is read once, not once per character.
BOUNDARY = re.compile(r"""
    (?: (?<![.!?])[.!?]++ | … )     # the end mark(s): a run of . ! ? from its start, or an ellipsis
    [\"”’')\]]*+                     # closing quote marks and brackets
    (?=\s++""" + OPENER + r"""[A-Z0-9])   # then a space and a capital, digit or opening mark
    """, re.VERBOSE)
NEXT_WORD = re.compile(r"\s+" + OPENER + r"(\w+)")
LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
NEXT_WORD_CHARS = 40  # how far the word after a period is looked for


WORD_TAIL = re.compile(r"[\w.]++\Z")  # used with an end position: the run of word characters and periods ending there


def _word_before(text: str, lo: int, dot: int) -> str:
    """The run of word characters and periods ending right before the period at `dot`, not before `lo`,
    lowercased; "" when there is none, and when it is longer than any abbreviation (none can hold then)."""
    start = max(lo, dot - LONGEST_ABBREVIATION - 1)
    tail = WORD_TAIL.search(text, start, dot)
    if tail is None or (tail.start() == start > lo):
        return ""  # no run, or one longer than LONGEST_ABBREVIATION
    return tail.group().lower()


def _abbreviation_holds(text: str, lo: int, dot: int, after: int) -> bool:
    """True when the period at `dot` belongs to an abbreviation inside the sentence that starts at `lo`;
    `after` is where the boundary's marks end."""
    word = _word_before(text, lo, dot)
    if not word:
        return False
    if word not in ABBREVIATIONS and not (len(word) == 1 and word.isalpha()):
        return False
    following = NEXT_WORD.match(text[after:after + NEXT_WORD_CHARS])
    next_word = following.group(1) if following else ""
    if next_word.lower() in SENTENCE_STARTERS:
        return False
    return word not in BEFORE_NUMBERS or next_word[:1].isdigit()


def _sentence_spans(text: str, start: int, end: int):
    """(start, end) of each sentence in text[start:end], trimmed of surrounding spaces."""
    cursor = start
    for match in BOUNDARY.finditer(text, start, end):
        if match.group().startswith(".") and _abbreviation_holds(text, cursor, match.start(), match.end()):
            continue
        yield cursor, match.end()
        cursor = match.end()
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        yield cursor, end


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of every sentence: the fast path for extractors."""
    spans = []
    for paragraph, par in enumerate(PARAGRAPH.finditer(text)):
        s, e = par.start(), par.end()
        while text[s].isspace():
            s += 1
        spans += [(paragraph, a, b) for a, b in _sentence_spans(text, s, e)]
    return spans


def split_sentences(text: str) -> pd.DataFrame:
    """One row per sentence: sentence_id, paragraph, start, end, text (text == source[start:end])."""
    rows = [(k, p, a, b, text[a:b]) for k, (p, a, b) in enumerate(sentence_spans(text))]
    frame = pd.DataFrame(rows, columns=["sentence_id", "paragraph", "start", "end", "text"])
    return frame.astype({"sentence_id": "Int64", "paragraph": "Int64", "start": "Int64", "end": "Int64",
                         "text": "string"})
