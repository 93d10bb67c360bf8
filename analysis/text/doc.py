"""One `Doc` per article: the text with its paragraphs, sentences, quotations and zones, built once.

Every extractor takes the same Doc, so no module re-splits sentences or re-finds quotations. The
look-ups extractors need per cue (the sentence around an offset, the quotation holding, ending before
or starting after an offset) are binary searches over sorted offsets, so a cue costs the same in a
1 MB text as in a short one. Work around a cue is bounded by its sentence clipped to a fixed window
(`Doc.clause_window`): a text with no sentence end does not make every cue read the whole text.

Zones name the parts of a page that are not running text, when their shape gives them away:
`headline` (a short first line with no sentence end, followed by more text), `dateline` (the
"CITY, Month D (Agency) -", "CITY, State. —" or "CITY:" opening of one of the first two body paragraphs;
a label in capitals there, "BREAKING:", is taken as one too: neither is a speaker) and
`caption` (a line that opens with a photo or video label, or ends with a picture credit). Markup
left in a text (`<tweet author="…">`, `</p>`) is found too: its words are no prose (`Doc.in_markup`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .lexicon import Lexicon
from .quotemarks import is_title, quote_spans
from .sentences import sentence_spans

WINDOW_BEFORE = 500  # chars a rule may read before its cue: 99.9% of news sentences are shorter
WINDOW_AFTER = 500
# A "sentence" longer than any news sentence (the longest of 35,000 benchmark sentences has 979 chars) is
# not prose: a transcript dump, a list, text without punctuation. Rules read a narrower window there, and
# at most one cue per MIN_CUE_GAP chars is read (news has one per 180 chars on average), so cue-dense junk
# costs what prose of its length costs.
# So too where cues are denser than news prose ever keeps up (the densest of the 1,000 benchmark articles
# has 100 cues in 8,000 chars): lines of "X said", quotation marks never closed.
LONG_SENTENCE = 2000
NARROW_WINDOW = 150
MIN_CUE_GAP = 180
DENSE_CUES, DENSE_WINDOW = 160, 8000
HEADLINE_MAX_WORDS = 25
MAX_DATELINE_PARAGRAPH = 4  # a dateline opens one of the first paragraphs after the headline
DATELINE = re.compile(r"""
    (?P<place>[A-Z][A-Z.'’-]{1,30}(?:[ ][A-Z][A-Z.'’-]{1,30}){0,3})   # VILNIUS, NEW YORK, ST. LOUIS
    (?:,[ ][A-Z][a-z]{1,5}\.(?:[ ]?[A-Z][a-z]?\.)?                    # , Calif. / , Ill. / , N.H.
      |,[ ][A-Z][a-z]{2,12}(?:[ ][A-Z][a-z]{2,12})?(?=[ ]?[(,—–―-]))?   # , Maine / , South Korea
    (?:,[ ][A-Z][a-z]{2,8}\.?[ ]\d{1,2})?                            # , March 3
    (?:[ ]?\([^()\n]{1,40}\))?                                        # (Reuters)
    (?:[ ]?(?:--|-|—|–|―)[ ]|:[ ])                                    # the dash (or colon) before the first sentence
    """, re.VERBOSE)
CAPTION_LABEL = re.compile(r"(?:Photo|Image|Picture|Video|Caption|File[ ]photo)s?\b[^\n:|]{0,40}[:|]")
CREDIT = re.compile(r"""
    (?:\((?:Photo|Image|Picture)s?[ ]?(?:by|:|credit)[^()\n]{0,80}\)
    | Getty[ ]Images | AFP | AP[ ]Photo | Reuters | EPA | Shutterstock)
    (?:/[^\n/]{0,40})?[ ]*\Z""", re.VERBOSE)
MAX_CAPTION_CHARS = 300
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]{0,30}(?:\s[^<>\n]{0,500})?/?>")
SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s*$")


@dataclass(slots=True)  # not frozen: a frozen dataclass is four times slower to create
class Sentence:
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Zone:
    kind: str   # headline, dateline or caption
    start: int
    end: int


@dataclass
class Doc:
    """An article's text and everything found in it once: see the module docstring. `lexicon` is the
    language data every extractor reads for this article (default: the package's)."""
    text: str
    lexicon: Lexicon = field(default_factory=Lexicon.default, repr=False)
    sentences: list[Sentence] = field(init=False)
    quotations: list[tuple[int, int]] = field(init=False)  # speech only: quoted titles are left out

    def __post_init__(self) -> None:
        self.sentences = [Sentence(*s) for s in sentence_spans(self.text, self.lexicon)]
        self.quotations = [q for q in quote_spans(self.text) if not is_title(self.text[q[0]:q[1]])]
        self._sentence_starts = [s.start for s in self.sentences]
        self._quote_starts = [q[0] for q in self.quotations]
        self._quote_ends = [q[1] for q in self.quotations]

    def sentence_table(self) -> pd.DataFrame:
        """One row per sentence: sentence_id, paragraph, start, end, text (text == source[start:end])."""
        frame = pd.DataFrame([(k, s.paragraph, s.start, s.end, self.text[s.start:s.end])
                              for k, s in enumerate(self.sentences)],
                             columns=["sentence_id", "paragraph", "start", "end", "text"])
        return frame.astype({"sentence_id": "Int64", "paragraph": "Int64", "start": "Int64", "end": "Int64",
                             "text": "string"})

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of every paragraph that holds a sentence."""
        spans: dict[int, tuple[int, int]] = {}
        for s in self.sentences:
            first = spans.get(s.paragraph, (s.start, s.end))
            spans[s.paragraph] = (first[0], s.end)
        return list(spans.values())

    @cached_property
    def zones(self) -> list[Zone]:
        """The recognised zones in text order; a line is in one zone at most (a headline before a caption)."""
        headline = self._headline()
        zones, seen = [], set()
        for zone in sorted(headline + self._dateline(len(headline)) + self._captions(), key=lambda z: z.start):
            if zone.start not in seen:
                seen.add(zone.start)
                zones.append(zone)
        return zones

    @cached_property
    def _zone_starts(self) -> list[int]:
        return [z.start for z in self.zones]

    @cached_property
    def dateline(self) -> Zone | None:
        """The dateline zone, found alone (the one `zones` holds: it comes before a caption of its line), as the
        rules read it for every cue and most callers need no caption."""
        return next(iter(self._dateline(len(self._headline()))), None)

    def zone_at(self, pos: int) -> str:
        """The zone holding `pos`: headline, dateline, caption, else body."""
        k = bisect_right(self._zone_starts, pos) - 1
        return self.zones[k].kind if k >= 0 and pos < self.zones[k].end else "body"

    def _headline(self) -> list[Zone]:
        paragraphs = self.paragraphs
        if len(paragraphs) < 2:
            return []
        start, end = paragraphs[0]
        line = self.text[start:end]
        if len(line.split()) > HEADLINE_MAX_WORDS or SENTENCE_END.search(line):
            return []
        return [Zone("headline", start, end)]

    def _dateline(self, after: int) -> list[Zone]:
        """The dateline opening the first paragraph after the `after` headline paragraphs, or the one
        after it (a headline written as a sentence, with a full stop, is not recognised as one), or, with
        a dash, one after a few more short lines (a subhead, a byline) before the story's first paragraph."""
        for k, (start, end) in enumerate(self.paragraphs[after:after + MAX_DATELINE_PARAGRAPH]):
            match = DATELINE.match(self.text, start, end)
            if match and (k < 2 or not match.group().endswith(": ")):
                return [Zone("dateline", match.start(), match.end())]
            if len(self.text[start:end].split(None, HEADLINE_MAX_WORDS)) > HEADLINE_MAX_WORDS:
                break  # the story has begun
        return []

    def _captions(self) -> list[Zone]:
        """Short lines that open with a photo label or end with a picture credit."""
        return [Zone("caption", start, end) for start, end in self.paragraphs
                if end - start <= MAX_CAPTION_CHARS and (CAPTION_LABEL.match(self.text, start, end)
                                                          or CREDIT.search(self.text, max(start, end - 100), end))]

    @cached_property
    def _markup(self) -> tuple[list[int], list[int]]:
        tags = list(MARKUP_TAG.finditer(self.text)) if "<" in self.text else []
        return [t.start() for t in tags], [t.end() for t in tags]

    # --- look-ups by offset: binary searches ---

    def in_markup(self, pos: int) -> bool:
        """Is `pos` inside a markup tag left in the text (`<tweet author="…">`)?"""
        starts, ends = self._markup
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `pos` (the last one starting at or before it)."""
        if not self.sentences:
            return 0, len(self.text)
        s = self.sentences[max(bisect_right(self._sentence_starts, pos) - 1, 0)]
        return s.start, s.end

    def sentence_before(self, pos: int) -> tuple[int, int] | None:
        """(start, end) of the sentence before the one holding `pos`, if any."""
        k = bisect_right(self._sentence_starts, pos) - 1
        return (self.sentences[k - 1].start, self.sentences[k - 1].end) if k > 0 else None

    def clause_window(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos`, clipped to a fixed window: what a rule at `pos` may read."""
        lo, hi = self.sentence_at(pos)
        if hi - lo > LONG_SENTENCE:
            return max(lo, pos - NARROW_WINDOW), min(hi, pos + NARROW_WINDOW)
        return max(lo, pos - WINDOW_BEFORE), min(hi, pos + WINDOW_AFTER)

    def in_long_sentence(self, pos: int) -> bool:
        lo, hi = self.sentence_at(pos)
        return hi - lo > LONG_SENTENCE

    def quotation_holding(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose words hold `pos`."""
        k = bisect_right(self._quote_starts, pos) - 1
        return self.quotations[k] if k >= 0 and pos < self._quote_ends[k] else None

    def quotation_ending_by(self, pos: int) -> tuple[int, int] | None:
        """The last quotation that ends at or before `pos`."""
        k = bisect_right(self._quote_ends, pos) - 1
        return self.quotations[k] if k >= 0 else None

    def quotations_starting_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The quotations whose words start in [lo, hi)."""
        return self.quotations[bisect_left(self._quote_starts, lo):bisect_left(self._quote_starts, hi)]
