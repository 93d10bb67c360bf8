"""Paragraphs and sentences with offsets into the cleaned text.

A regex splitter, not a parser: sentence ends are `.`, `!` or `?` (with any closing quote marks
or brackets that follow) before whitespace and a capital, digit or opening quote. A period after
a known abbreviation (data/abbreviations.txt: U.S., Oct., Sen., ...) or a single initial does not
end a sentence. Every non-empty line is a paragraph. Quotations that run over several sentences
are split like any other text; the closing mark stays with the sentence it ends.
"""
from __future__ import annotations

import re

import pandas as pd

from .paths import DATA_DIR


def _abbreviations() -> frozenset[str]:
    lines = (DATA_DIR / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


ABBREVIATIONS = _abbreviations()
PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _ends_with_abbreviation(before: str) -> bool:
    match = WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _sentence_spans(text: str, start: int, end: int):
    """(start, end) of each sentence in text[start:end], trimmed of surrounding spaces."""
    cursor = start
    for match in BOUNDARY.finditer(text, start, end):
        if match.group().startswith(".") and _ends_with_abbreviation(text[cursor:match.start() + 1]):
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
