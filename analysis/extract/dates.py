"""When a statement was made: the date words by a cue, resolved against the publication date.

dateparser reads calendar dates ("Oct. 22", "October 28, 2024"); the tense logic is ours:
a weekday or a calendar date in a past-tense report is the latest such day on or before
publication ("on Monday" in an article of Tuesday is the day before, in an article of Monday
that same day; "last Tuesday" in an article of Tuesday the week before); after "will" it is the
next one. "Last week", "this week", "over the weekend", "earlier this month", "over the past week", "last month",
"this month" and "in August" are ranges: `resolve_said_on_range` returns them, and
`resolve_said_on` gives NaT for them rather than the range's first day, so a said_on is
always a day the text fixes (the range is one call away when a week is good enough).

Only the reporting clause is read: date words right after the cue, after a prepositional
phrase that follows it ("said in a statement on Monday"), after a speaker that follows it
("said the agency on Tuesday"), just before it ("The ministry on Monday said"), or opening
the sentence when the cue's clause follows ("On Monday, the ministry said"). A date elsewhere
belongs to what was said, not to the saying. Inside a quotation only calendar dates resolve:
a quoted "today" counts from the speaker's day, which the text does not give. Without a
publication date only a date with its year resolves. Month and weekday names are the lexicon's
(`analysis.text.lexicon`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property, lru_cache

import dateparser
import pandas as pd

from ..text.lexicon import Lexicon, PhraseScan, alternation
from .columns import missing

FUTURE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|is\s+due\s+to|next)\b", re.IGNORECASE)
CLAUSE_END = re.compile(r",(?!\s*\d{4})|[;:!?\n]|\.(?=\s+[A-Z“\"]|\s*$)|\bthat\b")
# ". ", "?” " or a newline before a capital; opening with a character class lets re skip to the marks
SENTENCE_START = re.compile(r"[.!?\n](?:(?<=\n)|(?<=[.!?])[”\"’]?\s+)(?=[“\"]?[A-Z])")
# Between the cue (or a speaker after it) and its date: a short prepositional phrase, or the
# listener of "told" ("said in a statement late on Monday", "told reporters on Tuesday").
ADJOINING = re.compile(r"""
    (?: \s+(?:in|at|during|via|through|to|with|from|before|after)(?:\s+[\w’'-]+){1,6}?   # in a statement
      | (?<=told)(?:\s+(?:the|a|an))?(?:\s+[\w’'-]+){1,2}?                             # told reporters
    )?
    \s*(?:(?:on|late|early|earlier|later|in|at|by|last|this)\s+)*                     # late on""",
    re.IGNORECASE | re.VERBOSE)
OPENING = re.compile(r"(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?", re.IGNORECASE)  # "Earlier on Monday,"
LOOK_BEFORE = 24  # characters before the cue: "The ministry on Monday said"
LOOK_BEFORE_TENSE = 40  # characters before the date words in which "will" makes them future
LOOK_AFTER = 300  # characters after the cue (or the speaker after it) in which its date words are looked for
RELATIVE_DAY_WORDS = ("yesterday", "today", "week", "weekend", "month")  # one is in every relative date
SENTENCE_WINDOW = 400  # characters read back for the start of the cue's sentence
MAX_DATE_WORDS = 4  # the most words an expression of `_date_pattern` holds ("over the past week")
ADJOINING_CHARS = 120  # a date that adjoins the cue starts within this many characters (ADJOINING's reach)
DAY = pd.Timedelta(days=1)


@lru_cache(maxsize=8)
def _date_pattern(lexicon: Lexicon) -> re.Pattern:
    """Weekdays, calendar dates ("Oct. 22", "28 October 2024"), "in August" and relative days, in the
    lexicon's month and weekday names."""
    month = rf"(?:{alternation(lexicon.month_forms)})\.?"
    return re.compile(rf"""
        \b(?: (?:(?P<last>last)\s+)?(?P<weekday>{alternation(lexicon.weekdays)})       # (last) Tuesday
            | (?P<calendar>{month}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?     # Oct. 22(, 2024)
                         | \d{{1,2}}\s+{month}(?:,?\s+\d{{4}})?)                    # 22 October(, 2024)
            | (?<=\bin\s)(?P<month>{alternation(lexicon.months)})(?:\s+(?P<year>\d{{4}}))?   # in August (2024)
            | (?P<relative>yesterday|today|(?:last|this|earlier\s+this)\s+(?:week|month)
                          | (?:(?:over|in|during)\s+)?the\s+(?:past|last)\s+(?:week|month)    # over the past week
                          | (?:(?:over|at|during)\s+the|last|this)\s+weekend)
        )\b""", re.IGNORECASE | re.VERBOSE)


@lru_cache(maxsize=4096)
def _calendar(expression: str, base: pd.Timestamp | None, future: bool) -> pd.Timestamp:
    """dateparser on the found words only; cached, since the same dates recur across a corpus."""
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base.to_pydatetime()
    elif not re.search(r"\d{4}", expression):
        return pd.NaT  # no year and nothing to take it from
    parsed = dateparser.parse(expression.replace(".", ""), languages=["en"], settings=settings)
    return pd.Timestamp(parsed).normalize() if parsed else pd.NaT


def warm_up() -> None:
    """Load dateparser's language data now (about 0.4 s, once per process), not inside the first article."""
    _calendar("January 1", pd.Timestamp("2000-01-01"), False)


@lru_cache(maxsize=1024)
def _day(published) -> pd.Timestamp | None:
    """The publication day (cached: an article's every cue asks, and pandas' date arithmetic is slow)."""
    if published is None or pd.isna(published):
        return None
    day = pd.Timestamp(published)
    return (day.tz_localize(None) if day.tzinfo else day).normalize()


class _Marks:
    """Sorted offsets of the newlines, commas, double quotation marks and sentence starts of one text, each
    kind found once when first asked for (most texts need few), so the paragraph or sentence start before a
    cue, or the commas and marks between two offsets, cost a binary search, not a scan back (to the start of
    the paragraph, which may be the whole text)."""

    def __init__(self, text: str):
        self.text = text

    def _offsets(self, mark: str) -> list[int]:
        return [m.start() for m in re.finditer(mark, self.text)]

    @cached_property
    def newlines(self) -> list[int]:
        return self._offsets("\n")

    @cached_property
    def commas(self) -> list[int]:
        return self._offsets(",")

    @cached_property
    def quotation_marks(self) -> tuple[list[int], list[int], list[int]]:
        """The opening, closing and straight double marks."""
        return self._offsets("“"), self._offsets("”"), self._offsets('"')

    @cached_property
    def sentence_starts(self) -> tuple[list[int], list[int], list[int]]:
        """For each SENTENCE_START match: where it begins, where the sentence begins, where its capital is."""
        matches = list(SENTENCE_START.finditer(self.text))
        sentences = [match.end() for match in matches]
        return ([match.start() for match in matches], sentences,
                [end + (self.text[end] in "“\"") for end in sentences])

    def paragraph_start(self, position: int) -> int:
        """`text.rfind("\\n", 0, position) + 1`."""
        k = bisect_left(self.newlines, position)
        return self.newlines[k - 1] + 1 if k else 0

    @staticmethod
    def between(offsets: list[int], lo: int, hi: int) -> tuple[int, int]:
        """(index of the first, count) of the offsets in [lo, hi)."""
        first = bisect_left(offsets, lo)
        return first, bisect_left(offsets, hi) - first


@lru_cache(maxsize=4)
def _marks(text: str) -> _Marks:
    return _Marks(text)  # per text: every cue of an article asks


def _after_cue(text: str, clause_end: int, dates: re.Pattern, triggers: list[int]) -> re.Match | None:
    if not _any_between(triggers, clause_end, clause_end + ADJOINING_CHARS):
        return None
    limit = min(len(text), clause_end + LOOK_AFTER)
    stop = CLAUSE_END.search(text, clause_end, limit)
    end = stop.start() if stop else limit
    near = min(end, clause_end + ADJOINING_CHARS)
    found = dates.search(text, clause_end, near)
    if found and found.end() == near < end:  # the date may go on past the bound: read it whole
        found = dates.match(text, found.start(), end)
    return found if found and ADJOINING.fullmatch(text, clause_end, found.start()) else None


def _sentence_start(text: str, position: int, window: int = SENTENCE_WINDOW) -> int:
    """Where the last sentence begun within `window` chars before `position` (its capital before `position`)
    begins, else the paragraph start."""
    marks = _marks(text)
    boundaries, sentences, capitals = marks.sentence_starts
    k = bisect_left(capitals, position) - 1
    return sentences[k] if k >= 0 and boundaries[k] >= position - window else marks.paragraph_start(position)


def _before_cue(text: str, cue_start: int, dates: re.Pattern, triggers: list[int]) -> re.Match | None:
    near = max(0, cue_start - LOOK_BEFORE)  # a mark before this would not raise `lo`
    if not _any_between(triggers, near, cue_start):
        return None
    lo = max(cue_start - LOOK_BEFORE, _sentence_start(text, cue_start, LOOK_BEFORE),
             *(text.rfind(p, near, cue_start) + 1 for p in ",;:"))
    before = list(dates.finditer(text, lo, cue_start))
    return before[-1] if before else None


def _opening(text: str, cue_start: int, dates: re.Pattern, triggers: list[int]) -> re.Match | None:
    """'On Monday, the ministry said': a date opening the sentence, when only the subject follows it."""
    marks = _marks(text)
    if not _any_between(triggers, min(cue_start - SENTENCE_WINDOW, marks.paragraph_start(cue_start)), cue_start):
        return None  # nowhere `_sentence_start` may go back to
    start = _sentence_start(text, cue_start)
    first, count = marks.between(marks.commas, start, cue_start)
    if count != 1:
        return None
    comma = marks.commas[first]
    opener_end = OPENING.match(text, start).end()  # the longest opener: the date starts by here, ends at the comma
    if not _any_between(triggers, start, comma) or \
            len(text[opener_end:comma].split(None, MAX_DATE_WORDS)) > MAX_DATE_WORDS:
        return None  # not a date (a search of the whole clause for one costs more than the rest of the rule)
    found = dates.search(text, start, comma)
    return found if found and OPENING.fullmatch(text, start, found.start()) and found.end() == comma else None


@lru_cache(maxsize=8)
def _date_trigger(lexicon: Lexicon) -> PhraseScan:
    """A word every expression of `_date_pattern` holds: a weekday or month name or a `RELATIVE_DAY_WORDS`
    word (keep the two in step), in the `lowered` text: a scan for these is far cheaper than one for whole
    date expressions."""
    return PhraseScan(w.lower() for w in [*lexicon.weekdays, *lexicon.month_forms, *RELATIVE_DAY_WORDS])


@lru_cache(maxsize=4)
def _trigger_starts(text: str, trigger: PhraseScan) -> list[int]:
    return [m.start() for m in trigger.finditer(text)]  # per text: every cue of an article asks


def _any_between(starts: list[int], lo: int, hi: int) -> bool:
    """Can date words lie in [lo, hi)? Not when no trigger word starts there: most searches have none."""
    return bisect_left(starts, hi) > bisect_left(starts, lo)


def _date_words(text: str, cue_start: int, cue_end: int, after: int | None, lexicon: Lexicon) -> re.Match | None:
    clause_end = after if after and after > cue_end else cue_end
    dates, triggers = _date_pattern(lexicon), _trigger_starts(text, _date_trigger(lexicon))
    reach = min(cue_start - SENTENCE_WINDOW, _marks(text).paragraph_start(cue_start))  # the farthest back a rule reads
    if not _any_between(triggers, reach, clause_end + ADJOINING_CHARS):
        return None  # no trigger word where any of the three rules looks (over half the rows)
    return (_after_cue(text, clause_end, dates, triggers) or _before_cue(text, cue_start, dates, triggers)
            or _opening(text, cue_start, dates, triggers))


def _is_future(text: str, found: re.Match) -> bool:
    lo = max(found.start() - LOOK_BEFORE_TENSE, _sentence_start(text, found.start(), LOOK_BEFORE_TENSE))
    return bool(FUTURE.search(text, lo, found.start()))


@lru_cache(maxsize=4096)
def _weekday(name: str, base: pd.Timestamp, future: bool, lexicon: Lexicon, last: bool = False) -> pd.Timestamp:
    """The weekday on or before `base` (after it when `future`); "last Tuesday" is never `base` itself."""
    target = lexicon.weekdays.index(name.lower())
    if future:
        return base + pd.Timedelta(days=(target - base.weekday()) % 7)
    back = (base.weekday() - target) % 7
    return base - pd.Timedelta(days=back or (7 if last else 0))


def _month(name: str, year: str | None, base: pd.Timestamp | None, lexicon: Lexicon) -> tuple:
    number = lexicon.month_forms[name.lower()]
    if year is None and base is None:
        return pd.NaT, pd.NaT
    first = pd.Timestamp(int(year) if year else base.year - (number > base.month), number, 1)
    return first, first + pd.offsets.MonthEnd(0)


RANGE_WORDS = re.compile(r"^(?:(?:over|in|during)\s+)?the\s+(?:past|last)\s+", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _relative(words: str, base: pd.Timestamp) -> tuple:
    """(first, last) day of a relative date; cached, since an article's cues share its publication day."""
    monday = base - pd.Timedelta(days=base.weekday())
    first_of_month = base.replace(day=1)
    words = RANGE_WORDS.sub("past ", " ".join(words.lower().split())).replace("earlier this", "this")
    if words.endswith("weekend"):  # the last Saturday and Sunday up to the statement
        saturday = base - pd.Timedelta(days=(base.weekday() - 5) % 7)
        return saturday, min(base, saturday + DAY)
    return {
        "past week": (base - 7 * DAY, base),  # "over the past week": the seven days up to the statement
        "past month": (base - pd.DateOffset(months=1), base),
        "yesterday": (base - DAY, base - DAY),
        "today": (base, base),
        "this week": (monday, base),
        "last week": (monday - 7 * DAY, monday - DAY),
        "this month": (first_of_month, base),
        "last month": (first_of_month - pd.DateOffset(months=1), first_of_month - DAY),
    }[words]


def _in_quotation(text: str, position: int) -> bool:
    """Whether `position` is inside a quotation opened earlier in its paragraph."""
    marks = _marks(text)
    start, (opening, closing, straight) = marks.paragraph_start(position), marks.quotation_marks
    return marks.between(opening, start, position)[1] > marks.between(closing, start, position)[1] or \
        marks.between(straight, start, position)[1] % 2 == 1


def _resolve(found: re.Match, base: pd.Timestamp | None, future: bool, lexicon: Lexicon) -> tuple:
    if found["calendar"]:
        day = _calendar(found["calendar"], base, future)
        return day, day
    if found["month"]:
        return _month(found["month"], found["year"], base, lexicon)
    if base is None:
        return pd.NaT, pd.NaT  # weekdays and "yesterday" need the publication date
    if found["weekday"]:
        day = _weekday(found["weekday"], base, future, lexicon, last=bool(found["last"]))
        return day, day
    return _relative(found["relative"], base)


def date_range(expression: str, published=None, future: bool = False, lexicon: Lexicon | None = None) -> tuple:
    """(first, last) day of the first date words in `expression` ("last week", "Oct. 22", "in May")."""
    lexicon = lexicon or Lexicon.default()
    found = _date_pattern(lexicon).search(expression)
    return _resolve(found, _day(published), future, lexicon) if found else (pd.NaT, pd.NaT)


ANTECEDENT_CHARS = 40  # read before "which said" for a day its antecedent names ("a Jan. 13 estimate from X")


def day_in(text: str, start: int, end: int, published=None, lexicon: Lexicon | None = None) -> pd.Timestamp:
    """The one day the first date words of text[start:end] fix ("a Jan. 13 estimate from the agency"), else NaT."""
    first, last = date_range(text[start:end], published, lexicon=lexicon)
    return first if not missing(first) and first == last else pd.NaT


def resolve_said_on_range(text: str, cue_start: int, cue_end: int, published=None, after: int | None = None,
                          lexicon: Lexicon | None = None) -> tuple:
    """(first, last) day the statement at this cue can have been made; (NaT, NaT) when unknown.

    `after`: where a speaker that follows the cue ends ("said the agency on Tuesday").
    """
    lexicon = lexicon or Lexicon.default()
    found = _date_words(text, cue_start, cue_end, after, lexicon)
    if found is None:
        return pd.NaT, pd.NaT
    if _in_quotation(text, cue_start) and not (found["calendar"] or found["month"]):
        return pd.NaT, pd.NaT  # a quoted "today" or "on Monday" counts from the speaker's day, not publication's
    return _resolve(found, _day(published), _is_future(text, found), lexicon)


def resolve_said_on(text: str, cue_start: int, cue_end: int, published=None, after: int | None = None,
                    lexicon: Lexicon | None = None) -> pd.Timestamp:
    """The day the statement at this cue was made, or NaT when the text does not fix one day."""
    first, last = resolve_said_on_range(text, cue_start, cue_end, published, after, lexicon)
    return first if not missing(first) and first == last else pd.NaT
