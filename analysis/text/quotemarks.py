"""Direct quotation spans: the text between quotation marks, with offsets.

Handles curly and straight double marks, single marks nested inside double ones (ignored at
the top level), apostrophes (Russia’s, soldiers’, ’90s: a ’ or ' between or after letters is not
a mark), and quotations over several paragraphs: an unclosed quotation at a paragraph's end
continues when the next paragraph opens with a quotation mark (the news convention).
Straight marks after "=" are markup values, not quotations. An opening “ glued to the word or
comma before it (“It's unusual,“ she said) is a closing mark typed wrong. `is_title` tells a quoted title
(“Fox News Sunday”) from quoted speech.
"""
from __future__ import annotations

import re

OPEN, CLOSE, STRAIGHT = "“„«", "”»", '"'
# '' and `` stand for double marks in some wire copy; a character class first lets re skip to a mark
MARK = re.compile(r"[“”„«»\"'`](?:(?<=')'|(?<=`)`|(?<=[“”„«»\"]))")
MIN_CHARS = 2
MIN_TITLE_WORDS, MAX_TITLE_WORDS = 2, 5
TITLE_SMALL_WORDS = frozenset("a an the of and or to in on for at by with".split())
DOUBLED = {"''": STRAIGHT, "``": "“"}


def _opens(text: str, i: int) -> bool:
    """A straight mark opens when it is not glued to a word on its left, nor a markup value (author="…")."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,;:!?%’')=")


def is_title(quotation: str) -> bool:
    """A short quotation in title case (“Fox News Sunday,” “The 411”) names a work, not what was said."""
    words = quotation.strip(" ,.;:!?'’\"").split(None, MAX_TITLE_WORDS)  # a word past the most is one too many
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS or quotation.isupper():  # “Yes,” “WE WIN” are speech
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in words if w.lower() not in TITLE_SMALL_WORDS)


NOT_SPACE = re.compile(r"\S")


class _Newlines:
    """The first newline at or after a position, for positions that only grow: each character is read once."""

    def __init__(self, text: str):
        self.text, self.found = text, text.find("\n")  # the first newline at or after the last position asked

    def first_after(self, pos: int) -> int:
        if self.found != -1 and self.found < pos:
            self.found = self.text.find("\n", pos)
        return self.found


def _paragraph_continues(text: str, newline: int) -> bool:
    """Does the paragraph after this newline open with a quotation mark?"""
    first = NOT_SPACE.search(text, newline)  # the rest's first character, without copying the rest
    return first is not None and first.group() in OPEN + STRAIGHT


def _opens_line(text: str, i: int) -> bool:
    """Is text[i] the first character of its line but for spaces?"""
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content, marks excluded, in text order.

    A quotation interrupted only by a paragraph break (continued by an opening mark) is one span.
    Linear in the text: the first newline after the open mark and whether its paragraph continues
    are found once per open mark, not once per later mark (many unclosed marks make many later ones).
    """
    spans, start = [], None
    newline = continues = -1  # the first newline after `start` (-1: none), and whether its paragraph continues
    lines = _Newlines(text)
    for match in MARK.finditer(text):
        i, mark = match.start(), DOUBLED.get(match.group(), match.group())
        if start is not None and newline != -1 and newline < i:
            if continues == -1:
                continues = _paragraph_continues(text, newline)
            if not continues:
                start = None  # unclosed and not continued: drop, and read this mark afresh
        if start is None:
            if mark in OPEN or (mark == STRAIGHT and _opens(text, i)):
                start = match.end()
                newline, continues = lines.first_after(start), -1
            continue
        if newline != -1 and newline < i and (mark in OPEN or (mark == STRAIGHT and _opens_line(text, i))):
            # the opening mark of a continued paragraph (a straight mark opening a line closes nothing); the
            # quotation must close in this paragraph or be continued after it again
            newline, continues = lines.first_after(match.end()), -1
            continue
        if mark in CLOSE or mark == STRAIGHT or (mark == "“" and not _opens(text, i)):  # “…,“ typed for ”
            if i - start >= MIN_CHARS:
                spans.append((start, i))
            start = None
    return spans


def quotations(text: str) -> list[tuple[int, int]]:
    """The quotation spans that hold someone's words: `quote_spans` less quoted titles."""
    return [q for q in quote_spans(text) if not is_title(text[q[0]:q[1]])]
