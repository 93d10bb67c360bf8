"""Paragraphs and sentences with offsets into the cleaned text.

A compiled-regex splitter, not a parser (it runs at millions of words a second): a sentence ends
at `.`, `!`, `?` or `…` (with any closing quote marks or brackets that follow, so `escalation.”`
keeps its ”) before whitespace and a capital, digit or opening quote. A comma never ends one, so
`,” he said.` stays with its quotation; a quotation of several sentences is split like any text.
A period after a known abbreviation (data/abbreviations.txt: U.S., Oct., Sen., St., ...) or a
name's initials (J. Smith, J.J. Abrams) does not end a sentence, with two exceptions that mark the end of a
sentence after all: the next word is a sentence starter (data/sentence_starters.txt: "in the
U.S. The ..."), or the abbreviation is one that only holds before a number and no number follows
(data/abbreviations_before_numbers.txt: "on Oct. 22" and "No. 2" hold, "in Sept. Analysts" ends).
Every non-empty line is a paragraph.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon

# A line holding a non-space character, whole. Anchored at the line's start, and possessive, so a
# line of spaces is read once, not once per space.
PARAGRAPH = re.compile(r"^[^\S\n]*+\S[^\n]*+", re.MULTILINE)
# an opening quote mark or bracket, or both ("(“…"); '' is one quote mark in some newspapers' text
OPENER = r"(?:[(\[]?(?:''|[\"“‘'])|[(\[])?"
# Possessive runs, and a run of . ! ? is only tried from its first character: a long run of them (or of
# closing marks) not followed by a capital is read once, not once per character.
BOUNDARY = re.compile(r"""
    [.!?…](?: (?<=…) | (?<=[.!?])(?<![.!?][.!?])[.!?]*+ )  # the end mark(s): an ellipsis, or a run of . ! ?
                                     # from its start (a character class first: re skips to a mark at C speed)
    [\"”’')\]]*+                     # closing quote marks and brackets
    (?=\s++""" + OPENER + r"""[A-Z0-9])   # then a space and a capital, digit or opening mark
    """, re.VERBOSE)
INITIALS = re.compile(r"(?:[^\W\d_]\.){0,3}[^\W\d_]")  # "J", "J.J", "J.R.R": a name's initials
NEXT_WORD = re.compile(r"\s+" + OPENER + r"(\w+)")
NEXT_WORD_CHARS = 40  # how far the word after a period is looked for


WORD_TAIL = re.compile(r"[\w.]++\Z")  # used with an end position: the run of word characters and periods ending there


def _word_before(text: str, lo: int, dot: int, longest: int) -> str:
    """The run of word characters and periods ending right before the period at `dot`, not before `lo`,
    lowercased; "" when there is none, and when it is longer than `longest` (no abbreviation can hold then)."""
    start = max(lo, dot - longest - 1)
    tail = WORD_TAIL.search(text, start, dot)
    if tail is None or (tail.start() == start > lo):
        return ""  # no run, or one longer than LONGEST_ABBREVIATION
    return tail.group().lower()


def _abbreviation_holds(text: str, lo: int, dot: int, after: int, lexicon: Lexicon) -> bool:
    """True when the period at `dot` belongs to an abbreviation inside the sentence that starts at `lo`;
    `after` is where the boundary's marks end."""
    abbreviations = lexicon.all_abbreviations
    word = _word_before(text, lo, dot, _longest(abbreviations))
    if not word:
        return False
    if word not in abbreviations and not INITIALS.fullmatch(word):
        return False
    following = NEXT_WORD.match(text[after:after + NEXT_WORD_CHARS])
    next_word = following.group(1) if following else ""
    if next_word.lower() in lexicon.sentence_starters:
        return False
    return word not in lexicon.abbreviations_before_numbers or next_word[:1].isdigit()


@lru_cache(maxsize=8)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


def _sentence_spans(text: str, start: int, end: int, lexicon: Lexicon):
    """(start, end) of each sentence in text[start:end], trimmed of surrounding spaces."""
    cursor = start
    for match in BOUNDARY.finditer(text, start, end):
        if match.group().startswith(".") and _abbreviation_holds(text, cursor, match.start(), match.end(), lexicon):
            continue
        yield cursor, match.end()
        cursor = match.end()
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        yield cursor, end


def sentence_spans(text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of every sentence, with the lexicon's abbreviations and sentence starters."""
    lexicon = lexicon or Lexicon.default()
    spans = []
    for paragraph, par in enumerate(PARAGRAPH.finditer(text)):
        s, e = par.start(), par.end()
        while text[s].isspace():
            s += 1
        spans += [(paragraph, a, b) for a, b in _sentence_spans(text, s, e, lexicon)]
    return spans
