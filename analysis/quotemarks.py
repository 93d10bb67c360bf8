"""Direct quotation spans: the text between quotation marks, with offsets.

Handles curly and straight double marks, single marks nested inside double ones (ignored at
the top level), apostrophes (Russia’s, soldiers’, ’90s: a ’ or ' between or after letters is not
a mark), and quotations over several paragraphs: an unclosed quotation at a paragraph's end
continues when the next paragraph opens with a quotation mark (the news convention).
"""
from __future__ import annotations

import re

OPEN, CLOSE, STRAIGHT = "“„«", "”»", '"'
MARK = re.compile(r"[“”„«»\"]|''|``")  # '' and `` stand for double marks in some wire copy
MIN_CHARS = 2
DOUBLED = {"''": STRAIGHT, "``": "“"}


def _opens(text: str, i: int) -> bool:
    """A straight mark opens when it is not glued to a word on its left."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,;:!?%’')")


def _paragraph_continues(text: str, newline: int) -> bool:
    """Does the paragraph after this newline open with a quotation mark?"""
    rest = text[newline:].lstrip()
    return bool(rest) and rest[0] in OPEN + STRAIGHT


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content, marks excluded, in text order.

    A quotation interrupted only by a paragraph break (continued by an opening mark) is one span.
    """
    spans, start = [], None
    for match in MARK.finditer(text):
        i, mark = match.start(), DOUBLED.get(match.group(), match.group())
        if start is not None:
            newline = text.find("\n", start, i)
            if newline != -1 and not _paragraph_continues(text, newline):
                start = None  # unclosed and not continued: drop, and read this mark afresh
        if start is None:
            if mark in OPEN or (mark == STRAIGHT and _opens(text, i)):
                start = match.end()
            continue
        if mark in OPEN and text.rfind("\n", start, i) != -1:
            continue  # the opening mark of a continued paragraph
        if mark in CLOSE or mark == STRAIGHT:
            if i - start >= MIN_CHARS:
                spans.append((start, i))
            start = None
    return spans
