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
PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
OPENER = r"(?:''|[\"“‘'(\[])?"  # an opening quote mark or bracket; '' is one in some newspapers' text
BOUNDARY = re.compile(r"(?:[.!?]+|…)[\"”’')\]]*(?=\s+" + OPENER + r"[A-Z0-9])")
WORD_BEFORE = re.compile(r"([\w.]+)\.$")
NEXT_WORD = re.compile(r"\s+" + OPENER + r"(\w+)")


def _abbreviation_holds(before: str, after: str) -> bool:
    """True when the period ending `before` belongs to an abbreviation inside the sentence."""
    match = WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower()
    if word not in ABBREVIATIONS and not (len(word) == 1 and word.isalpha()):
        return False
    following = NEXT_WORD.match(after)
    next_word = following.group(1) if following else ""
    if next_word.lower() in SENTENCE_STARTERS:
        return False
    return word not in BEFORE_NUMBERS or next_word[:1].isdigit()


def _sentence_spans(text: str, start: int, end: int):
    """(start, end) of each sentence in text[start:end], trimmed of surrounding spaces."""
    cursor = start
    for match in BOUNDARY.finditer(text, start, end):
        if match.group().startswith(".") and _abbreviation_holds(text[cursor:match.start() + 1],
                                                                  text[match.end():match.end() + 40]):
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
