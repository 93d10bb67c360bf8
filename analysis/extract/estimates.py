"""Numeric estimates: amounts of counted things, with who gave them, when, and where.

An amount (`numbers.find_amounts`) becomes an estimate row when a counted noun of the lexicon's
units (`data/units.csv`) follows it in the same clause (soldiers -> troops, workers -> workers,
killed -> casualties, anything else -> other), or any plural word right after it (`other`). No row
for: amounts followed by a time or measure word ("six weeks"), calendar numbers (years such as 2024,
"Oct. 22"), money ("$3 million"), "one of", and amounts with no counted noun (list markers "one, ...
Two, ...", house numbers, postal codes).

Claimant and date: the innermost claim whose content holds the amount, else the claim cued nearest
to it in the same sentence. With neither, the article speaks in its own voice: `claimant` is empty
and `voice` is "article" (else "claim"). Stance is "denial" when that claim's words or cue deny
(the lexicon's denial words, `data/denial_words.csv`); a denying claim about counted people with no
figure of its own still gives a row (value, low and high empty) so a chart can mark the denial.

The wording of a relative figure (`data/relative_figures.csv`: "tripling last week's estimate",
"doubled", "up from 3,000") adds a `derived` row for the earlier figure: its `text` is the wording,
`derived_from` the estimate it was computed from, and `said_from`/`said_to` the period it was given
in (the week before for "last week", else any day before the figure it is compared with). A factor
("doubled") applies to the nearest figure of troops, workers or casualties in the sentence; counts
of other things get no derived row.

What a figure counts: a counted noun after it, else a noun it is coordinated with ("3,000 troops
... and that 10,000 were expected", "killed about 500 soldiers and hurt three"), else a count noun
before it that it is linked to ("the number of troops at more than 3,000", "casualties have surpassed
3,000"). Casualty words around the figure ("500 soldiers stationed there were killed", "captured two
soldiers", "losses have exceeded 200 troops") make the category `casualties`, and `measure` says
what was counted (`data/measures.csv`: killed, wounded, killed_or_wounded, captured, missing). A
share of a figure ("two-thirds of whom", "about half of the 4,100 wounded", `data/fractions.csv`)
is a derived row whose value is that share of the figure.

Who gave it: the innermost claim holding the figure whose claimant is a speaker (a claimant written
with digits, a month, a fragment such as "CNN they" or "video purporting" is no speaker, and the
next claim out is tried); a "he" or "she" the claims resolved to a country or an organisation of the
actors table is read as the last person quoted before. A trailing "..., citing X" or "..., according
to X" makes X the `claimant` and the claim's speaker `reported_by`; so does a claim inside another's
("Lee said the agency estimated ..."). With no claim: a headline or a line that ends "— X" or ": X"
names X; "X, which said ..." names X (and a date before X, "a Jan. 13 estimate from X", the day); a
next sentence "This was confirmed by X" names X; a figure repeated as "the N" takes the source of the
same figure stated before in the article. `claimant_mention` is the words naming the claimant here.
Words of `data/estimate_words.csv` drive these rules.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

import pandas as pd

from .. import schemas
from ..text.doc import LONG_SENTENCE, MIN_CUE_GAP
from ..text.lexicon import Lexicon, alternation, for_lowered, lowered, phrase_key
from .columns import frame, lists_of, missing
from .dates import ANTECEDENT_CHARS, date_range, day_in, resolve_said_on_range
from .numbers import Amount, find_amounts

YEAR = re.compile(r"(?:1[89]|20)\d\d")
NOUN_RIGHT_AFTER = re.compile(r"\s+([a-z]+)")
CURRENCY_BEFORE = re.compile(r"[$€£¥₩]\s*\Z")
CODE_BEFORE = re.compile(r"(?:[A-Za-z]-?|#)\Z")   # "F-16", "#3": names, not counts
LEADING_ZERO = re.compile(r"0\d")                 # postal codes, phone numbers: codes, not counts
# Where a clause ends for the noun and place search: not at the comma of "10,000"; a number starts a new count.
CLAUSE_BREAK = re.compile(r",(?!\d)|[;:!?()\[\]“”\"—]|\d")
CLAUSE_MARK = re.compile(r",(?!\d)|[;:!?()\[\]“”\"—]")  # reading back from a figure: its own digits end nothing
NEXT_WORD = re.compile(r"\s+(?:of\s+)?([a-z][a-z-]+)\b")
WORD = re.compile(r"[A-Za-z%][\w’'-]*|%")
TOKEN = re.compile(r"[\w’'.&-]+|[^\w\s]")          # words (with "U.S.", "Jan.") and single marks
DIGIT = re.compile(r"\d")
SENTENCE_END_MARK = re.compile(r"[.!?…][”\"’')\]]*\s*\Z")
AFTER_FIGURE = re.compile(r"\s*(?:[,.;:)!?]|\Z)|\s+(?:[a-z]+ly\s+)?([a-z]+)\b")  # the mark or word after a figure
UNIT_WINDOW = 6       # words between an amount and its counted noun: "10,000 well-armed infantry soldiers"
PREDICATE_WINDOW = 3  # words after the noun that can make it a casualty count: "soldiers were killed"
MODIFIER_WINDOW = 8   # ... with a verb group after modifiers: "soldiers stationed in Russia were killed"
LOOK_BACK_CHARS = 100  # how far before a figure a count noun it is linked to is read ("the number of troops at")
CLAUSE_CHARS = 120    # how far a clause is read for the counted noun and the place
SOURCE_WORDS = 8      # the longest source name read after "citing" or before "which said"
LINE_SOURCE_WORDS = 4  # "... by December — report": the source that ends a headline is short
NOT_PERSONS = frozenset({"country", "government", "organisation", "media"})  # actor kinds no "he" names
PEOPLE = ("troops", "workers", "casualties")


class Claim(NamedTuple):
    claim_id: object
    start: int
    end: int
    cue_start: object
    claimant: object
    said_on: object
    denies: bool
    mention: object = pd.NA
    cue_end: object = pd.NA
    after: object = None     # where a speaker after the cue ends ("said the agency last week")
    speaker: bool = True     # the claimant is a speaker, not a date, a number or a fragment


class _Patterns(NamedTuple):
    month_before: re.Pattern  # "Oct." before a day of the month
    month_in: re.Pattern      # "in August" in a relative wording (lower case)
    not_places: frozenset     # month and weekday names: "in May" names no place
    calendar_words: frozenset  # month and weekday names: a claimant made of them is a date
    personal_pronouns: frozenset  # he, she, him, her: a "he" resolved to a country is the last person quoted
    year_before: re.Pattern   # "in 2024", "mid-2023": the figure is a year
    place: re.Pattern         # "in the Tula region", "to Russia"
    denial: re.Pattern        # a claim's words and cue, lowered
    negation: re.Pattern
    relative: re.Pattern      # a group per relative figure of the lexicon: r0, r1, ... (in the `lowered` text)
    citing: re.Pattern        # ", citing" / ", according to" after a figure
    lead: re.Pattern          # "information from" before a source's name
    line_source: re.Pattern   # "— report" ending a line with no sentence end
    confirmed: re.Pattern     # "This was confirmed by X" (a whole sentence)
    which_said: re.Pattern    # "which said", "who estimated"
    fraction: re.Pattern      # "about half of", "two-thirds of", in the `lowered` text
    fraction_ends: tuple      # the last word of every share ("half", "thirds"): none in a sentence, no share
    verb_before: re.Pattern   # the word before a figure, past auxiliaries and adverbs ("had captured two")
    words: dict               # role -> frozenset of phrases (estimate_words)


def _phrases(phrases) -> str:
    """An alternation whose words may be joined by hyphens too ("two-thirds")."""
    return alternation(phrases).replace(r"\s+", r"[\s-]+")


@lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> _Patterns:
    relative = "|".join(f"(?P<r{i}>{for_lowered(r.wording)})" for i, r in enumerate(lexicon.relative_figures))
    words = {role: frozenset(phrases) for role, phrases in lexicon.estimate_words.items()}
    role = lambda name: alternation(words.get(name, ()) or ("\0",))  # noqa: E731
    skipped = alternation(lexicon.auxiliaries | words.get("verb_adverb", frozenset()))
    determiners = alternation(lexicon.articles | lexicon.possessives)  # "the latest update from", "its report from"
    return _Patterns(
        month_before=re.compile(rf"\b(?:{alternation(lexicon.month_forms)})\.?[ \t\u00a0]*\Z", re.IGNORECASE),
        month_in=re.compile(rf"\b(?:in|since|from)\s+({alternation(lexicon.months)})\b"),
        not_places=frozenset(lexicon.months + lexicon.weekdays),
        calendar_words=frozenset(lexicon.months + lexicon.weekdays + lexicon.month_abbreviations),
        personal_pronouns=frozenset(form for word, pronoun in lexicon.pronouns.items() if pronoun.refers == "person"
                                    for form in (word, pronoun.object)),
        year_before=re.compile(rf"\b(?:{role('year_preposition')})[\s-]*\Z", re.IGNORECASE),
        place=re.compile(rf"\b(?:{role('place_preposition')})\s+(?:the\s+)?"
                         rf"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)(?:\s+(?:{role('place_noun')}))?"),
        denial=re.compile(rf"\b(?:{'|'.join(map(for_lowered, lexicon.denial_words))})\b"),
        negation=re.compile(rf"\b(?:{role('negation')})\b|n[’']t\b", re.IGNORECASE),
        relative=re.compile(rf"\b(?:{relative})\b"),
        citing=re.compile(rf",\s*(?:{role('citing')})\s+", re.IGNORECASE),
        lead=re.compile(rf"(?:(?:{determiners})\s+)?(?:[a-z]+\s+)?(?:{role('lead')})\s+", re.IGNORECASE),
        line_source=re.compile(r"(?:\s[—–-]{1,2}|:)\s*(?P<source>[^\s—–:][^—–:\n]{0,60}?)\s*\Z"),
        confirmed=re.compile(rf"\s*(?:{role('anaphor')})\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)"
                             rf"\s+(?:(?:also|later|since|[a-z]+ly)\s+)?(?P<cue>[a-z]+)\s+by\s+", re.IGNORECASE),
        which_said=re.compile(rf"\b(?:{role('relative')})\s+(?P<cue>[a-z]+)\b"),
        fraction=re.compile(rf"\b(?:(?P<qualifier>{alternation(lexicon.qualifiers)})\s+)?"
                            rf"(?P<fraction>{_phrases(lexicon.fractions)})\s+of\b"),  # in the `lowered` text
        fraction_ends=tuple(sorted({phrase.split()[-1] for phrase in lexicon.fractions})),
        verb_before=re.compile(rf"(?P<verb>[A-Za-z]+)(?:\s+(?:{skipped}))*\s+\Z", re.IGNORECASE),
        words=words)


def _clause_end(text: str, pos: int, limit: int) -> int:
    stop = CLAUSE_BREAK.search(text, pos, min(limit, pos + CLAUSE_CHARS))
    return stop.start() if stop else min(limit, pos + CLAUSE_CHARS)


def _clause_start(text: str, pos: int, limit: int) -> int:
    """Where the clause holding `pos` starts, reading back at most LOOK_BACK_CHARS (and not before `limit`)."""
    lo = max(limit, pos - LOOK_BACK_CHARS)
    marks = [m.end() for m in CLAUSE_MARK.finditer(text, lo, pos)]
    return marks[-1] if marks else lo


def _units_in(lowered: list[str], units: dict) -> list[tuple[int, int, str]]:
    """(index, size, phrase) of each counted noun in a list of lower-case words, longest phrase first."""
    found, k = [], 0
    while k < len(lowered):
        for size in (3, 2, 1):
            phrase = " ".join(lowered[k:k + size])
            if k + size <= len(lowered) and phrase in units:
                found.append((k, size, phrase))
                k += size - 1
                break
        k += 1
    return found


def _casualty_run(lowered: list[str], k: int, units: dict) -> list[str]:
    """The casualty words from lowered[k] on, joined by "or"/"and": "killed or wounded" -> killed, wounded."""
    run = []
    while k < len(lowered) and (units.get(lowered[k]) == "casualties" or (run and lowered[k] in ("or", "and"))):
        run += [lowered[k]] if units.get(lowered[k]) == "casualties" else []
        k += 1
    return run


def _predicate(lowered: list[str], units: dict, auxiliaries: frozenset) -> list[str]:
    """The casualty words of the first verb group in these words: "stationed in Russia were killed or
    wounded" -> killed, wounded; "who were sent there" -> none."""
    for k, word in enumerate(lowered):
        if word in auxiliaries:
            j = k + 1
            while j < min(len(lowered), k + 4) and (lowered[j] in auxiliaries or lowered[j].endswith("ly")):
                j += 1
            return _casualty_run(lowered, j, units)
    return []


def counted_noun(text: str, pos: int, limit: int, lexicon: Lexicon) -> tuple[str, str, int] | None:
    """(noun, category, end of the noun) for the amount ending at `pos`, or None."""
    found = _noun_after(text, pos, limit, lexicon)
    return found[:3] if found else None


def _noun_after(text: str, pos: int, limit: int, lexicon: Lexicon):
    """(noun, category, end of the noun, casualty words) of the counted noun after an amount, or None."""
    words = list(islice(WORD.finditer(text, pos, _clause_end(text, pos, limit)), UNIT_WINDOW + MODIFIER_WINDOW))
    lowered = [w.group().lower() for w in words]
    units = lexicon.units
    for k in range(min(len(words), UNIT_WINDOW)):
        for size in (3, 2, 1):
            phrase = " ".join(lowered[k:k + size])
            if k + size <= len(words) and phrase in units:
                category, casualties = units[phrase], []
                if category == "casualties":
                    casualties = [phrase]
                elif category != "skip":
                    after = lowered[k + size:k + size + PREDICATE_WINDOW]
                    first = next((j for j, w in enumerate(after) if units.get(w) == "casualties"), None)
                    casualties = (_casualty_run(lowered, k + size + first, units) if first is not None else
                                  _predicate(lowered[k + size:k + size + MODIFIER_WINDOW], units, lexicon.auxiliaries))
                    category = "casualties" if casualties else category
                return phrase, category, words[k + size - 1].end(), casualties
    first = NEXT_WORD.match(text, pos)  # no counted noun: only a plural right after the amount counts
    plural = first and first[1].endswith("s") and not first[1].endswith(("ss", "us", "is"))
    if plural and first[1] not in _patterns(lexicon).words.get("not_plural", ()):
        return first[1], "other", first.end(), []
    return None


def _is_year(text: str, amount: Amount, lexicon: Lexicon) -> bool:
    """ "2024", "in 2000"; but "2000 soldiers" counts (a year is written without separators)."""
    if not YEAR.fullmatch(amount.text.split()[-1]):
        return False
    noun = NOUN_RIGHT_AFTER.match(text, amount.end)
    return (noun is None or lexicon.units.get(noun[1], "skip") == "skip"
            or bool(_patterns(lexicon).year_before.search(text, max(0, amount.start - 8), amount.start)))


def _not_counted(text: str, amount: Amount, lexicon: Lexicon) -> bool:
    """Years, days of a month ("Oct. 22"), money, codes ("F-16", "0199"), and "one of" (a pronoun)."""
    before = max(0, amount.start - 12)
    month_before = _patterns(lexicon).month_before
    day_of_month = amount.text[:1].isdigit() and month_before.search(text, before, amount.start)
    return (_is_year(text, amount, lexicon) or bool(LEADING_ZERO.match(amount.text)) or bool(day_of_month)
            or any(p.search(text, before, amount.start) for p in (CURRENCY_BEFORE, CODE_BEFORE))
            or (amount.value == 1 and text[amount.end:amount.end + 4].lower() == " of "))


def place_after(text: str, pos: int, limit: int, lexicon: Lexicon):
    """The first place named in the clause from `pos`: "in Spain", "in the Tula region"."""
    end = _clause_end(text, pos, limit)
    patterns = _patterns(lexicon)
    for found in patterns.place.finditer(text, pos, end):
        if found["place"].lower() not in patterns.not_places:
            return found.group()
    return pd.NA


def _measure(words, lexicon: Lexicon):
    """What casualty words count: killed, wounded, killed_or_wounded (both named), captured, missing."""
    measures = []
    for word in words:
        measure = lexicon.measures.get(phrase_key(word))
        if measure and measure not in measures:
            measures.append(measure)
    if {"killed", "wounded"} <= set(measures):
        return "killed_or_wounded"
    return measures[0] if measures else pd.NA


# --- who gave a figure -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _actor_kinds() -> dict[str, str]:
    """Normalised actor name or alias -> kind (person, country, ...), from the package's actors table."""
    from ..link.actors import ActorIndex, normalise

    table = ActorIndex.load().table.fillna("")
    kinds = dict(zip(table["alias"].map(normalise), table["kind"]))
    return kinds | dict(zip(table["name"].map(normalise), table["kind"]))


@lru_cache(maxsize=4096)
def _kind(name) -> str:
    from ..link.actors import normalise

    return _actor_kinds().get(normalise(name), "") if not missing(name) else ""


@lru_cache(maxsize=4096)
def is_speaker(mention, claimant, lexicon: Lexicon) -> bool:
    """Whether a claim's claimant names a speaker: not a date ("June"), a number ("000", "2024 Ten
    thousand troops"), nor a fragment ("CNN they", "video purporting")."""
    if missing(claimant):
        return False
    written = str(mention) if not missing(mention) else str(claimant)
    words = WORD.findall(written)
    if not words or DIGIT.search(written) or DIGIT.search(str(claimant)):
        return False
    lowered = [w.lower().rstrip(".") for w in words]
    if all(w in _patterns(lexicon).calendar_words for w in lowered):
        return False
    if len(words) > 1 and lowered[-1] in lexicon.pronouns:
        return False
    return not (len(words) == 2 and words[-1].islower() and lowered[-1].endswith("ing"))


def _claims(claims: dict[str, list], text: str, published, lexicon: Lexicon) -> list[Claim]:
    """Claims (columns of lists) as plain tuples (pandas row access per amount costs more than the whole
    scan), with their speakers checked, a "he" resolved to a country read as the last person quoted, and a
    claim whose cue is a noun with no speaker ("Earlier reports suggested") given that noun."""
    n = len(claims.get("start", ()))
    if not n:
        return []
    patterns = _patterns(lexicon)
    column = lambda name: claims.get(name) or [pd.NA] * n  # noqa: E731
    words = lambda name: [v if isinstance(v, str) else "" for v in column(name)]  # noqa: E731 - missing: ""
    columns = zip(column("claim_id"), column("start"), column("end"), column("cue_start"), column("cue_end"),
                  column("claimant"), column("claimant_mention"), column("claimant_start"), column("claimant_end"),
                  column("said_on"), words("text"), words("cue"))
    found = []
    for claim_id, start, end, cue_start, cue_end, claimant, mention, who_start, who_end, said_on, words, cue in columns:
        if missing(start) or missing(end):
            continue
        if missing(claimant) and " " in cue.strip():  # "Earlier reports suggested ...": the cue names the source
            claimant = mention = cue.strip()
        after = int(who_end) if not (missing(who_start) or missing(who_end) or missing(cue_start)) \
            and who_start > cue_start else None
        denies = bool(patterns.denial.search(f"{words} {cue}".lower())) and not patterns.negation.search(words)
        found.append(Claim(claim_id, int(start), int(end), cue_start, claimant, said_on, denies,
                           mention, cue_end, after, is_speaker(mention, claimant, lexicon)))
    return _pronouns_to_persons(found, patterns.personal_pronouns)


def _pronouns_to_persons(claims: list[Claim], personal_pronouns: frozenset) -> list[Claim]:
    """A "he" or "she" resolved to a country or an organisation names the last person quoted before it."""
    order = sorted(range(len(claims)), key=lambda i: claims[i].start if missing(claims[i].cue_start)
                   else claims[i].cue_start)
    last_person = None
    for i in order:
        claim = claims[i]
        pronoun = str(claim.mention).lower() in personal_pronouns
        if pronoun and last_person is not None and _kind(claim.claimant) in NOT_PERSONS:
            claims[i] = claim._replace(claimant=last_person)
        elif claim.speaker and not pronoun and _kind(claim.claimant) not in NOT_PERSONS:
            last_person = claim.claimant
    return claims


class _Article:
    """One article's text, sentences, claims and lexicon: what the rows of its figures are read from."""

    def __init__(self, text: str, spans: list[tuple], claims: list[Claim], published, lexicon: Lexicon):
        self.text, self.spans, self.claims, self.published, self.lexicon = text, spans, claims, published, lexicon
        self.patterns = _patterns(lexicon)
        self.words = self.patterns.words
        # claims sorted by where their content starts and where their cue starts (each with its place in
        # `claims`, which breaks ties as before): a figure's claims are binary searches, not a pass over all
        self._by_start = sorted(enumerate(claims), key=lambda ic: ic[1].start)
        self._starts = [c.start for _, c in self._by_start]
        self._longest = max((c.end - c.start for c in claims), default=0)
        self._by_cue = sorted(((k, c) for k, c in enumerate(claims) if not missing(c.cue_start)),
                              key=lambda ic: ic[1].cue_start)
        self._cue_starts = [c.cue_start for _, c in self._by_cue]

    def _holding(self, start: int) -> list[Claim]:
        """The claims whose content holds offset `start`, in their order."""
        lo, hi = bisect_left(self._starts, start - self._longest), bisect_right(self._starts, start)
        return [c for _, c in sorted(self._by_start[lo:hi]) if c.start <= start < c.end]

    def _cued_between(self, lo: int, hi: int) -> list[Claim]:
        """The claims whose cue starts in [lo, hi), in their order."""
        first, last = bisect_left(self._cue_starts, lo), bisect_left(self._cue_starts, hi)
        return [c for _, c in sorted(self._by_cue[first:last])]

    # -- names --
    def name_after(self, pos: int, limit: int) -> str | None:
        """The source named from `pos`: "the country's intelligence service" in "... service with the data"."""
        lead = self.patterns.lead.match(self.text, pos, limit)
        pos = lead.end() if lead else pos
        taken = []
        for token in TOKEN.finditer(self.text, pos, min(limit, pos + 200)):
            word = token.group()
            if not (word[0].isalnum() or word[0] in "’'") or (taken and word.lower() in self.words["boundary"]):
                break
            taken.append(token)
            if len(taken) == SOURCE_WORDS:
                break
        if not taken:
            return None
        name = self.text[taken[0].start():taken[-1].end()]
        return name[:-1] if name.endswith(".") and name.count(".") == 1 else name

    def name_before(self, pos: int, limit: int) -> tuple[str, int] | None:
        """(name, start) of the noun phrase ending at `pos`: "the agency" in "an estimate from the agency"."""
        tokens = list(TOKEN.finditer(self.text, max(limit, pos - 120), pos))
        taken = []
        for token in reversed(tokens):
            word = token.group()
            if word == "," and not taken:
                continue
            if not (word[0].isalnum() or word[0] in "’'") or word.lower() in self.words["boundary"]:
                break
            taken.insert(0, token)
            if word.lower() in self.lexicon.determiners or len(taken) == SOURCE_WORDS:
                break
        return (self.text[taken[0].start():taken[-1].end()], taken[0].start()) if taken else None

    # -- sources --
    def attribution(self, start: int, end: int, k: int) -> dict:
        """claim_id, claimant (+ mention), reported_by, said_on/from/to, voice and stance of a figure."""
        _, s, e = self.spans[k]
        # a content that stops inside the figure ("... deployment of 100" of "100,000") still holds it
        holding = sorted(self._holding(start), key=lambda c: (-c.start, c.end))
        speakers = [c for c in holding if c.speaker]
        claim = speakers[0] if speakers else None
        estimated = None if claim else self.estimated_by(start, end, k)
        if estimated:
            return estimated
        if claim is None and holding:
            subject = self.participle_subject(holding[0], s)
            if subject:
                return {**_claim_fields(holding[0], self), "claimant": subject, "claimant_mention": subject}
        if claim is None:  # a figure before a cue whose content missed it: "Some 1,000 fighters, the agency said";
            # with only claims whose speaker is no speaker around it, any speaker cued in the sentence
            cued = [c for c in self._cued_between(s, e) if c.speaker and (holding or c.cue_start >= end)]
            claim = min(cued, key=lambda c: abs(c.cue_start - start)) if cued else None
        row = _claim_fields(claim, self)
        if claim is not None:
            relay = next((c for c in speakers[1:] if c.claimant != claim.claimant), None)
            row["reported_by"] = relay.claimant if relay else pd.NA
        cited = self.cited(end, e)
        if cited and (claim is None or phrase_key(cited) not in phrase_key(f"{claim.claimant} {claim.mention}")):
            row.update(reported_by=row["claimant"], claimant=cited, claimant_mention=cited, voice="claim")
        if missing(row["claimant"]):
            row.update(self.unclaimed(start, k))
        return row

    def subject(self, pos: int, stop: int) -> str | None:
        """The subject that opens a clause at `pos`: the words up to the last capitalised one before a verb
        ("his envoy Sergei Shoigu" in "his envoy Sergei Shoigu visited ...") or before `stop`."""
        last = None
        for n, token in enumerate(TOKEN.finditer(self.text, pos, stop)):
            word = token.group()
            if n >= SOURCE_WORDS + 2 or not (word[0].isalnum() or word[0] in "’'"):
                break
            lowered = word.lower()
            if last is not None and (lowered in self.lexicon.auxiliaries or lowered.endswith("ed")):
                break
            if word[0].isupper():
                last = token.end()
        return self.text[pos:last] if last else None

    def participle_subject(self, claim: Claim, s: int) -> str | None:
        """ "In June, his envoy X visited Y, announcing plans ...": a claim cued by a participle after a comma,
        whose speaker is no speaker, is the main clause's subject's."""
        if missing(claim.cue_start) or not self.text[max(s, int(claim.cue_start) - 2):int(claim.cue_start)].endswith(", "):
            return None
        cue = int(claim.cue_start)
        start = max(s, self.text.rfind(";", s, cue) + 1)  # the clause of the participle's main verb
        comma = self.text.find(",", start, cue)
        opening = self.text[start:comma].split() if comma > 0 else []
        if opening and len(opening) <= 3 and opening[0].lower() in self.words["boundary"]:  # "In June,"
            start = comma + 1
        start += len(self.text[start:cue]) - len(self.text[start:cue].lstrip())
        return self.subject(start, cue)

    def estimated_by(self, start: int, end: int, k: int) -> dict | None:
        """ "X previously put the number of troops in Russia at more than 3,000 on October 23": X, and the day
        after the figure."""
        _, s, e = self.spans[k]
        clause = _clause_start(self.text, start, s)
        verbs = [m for m in WORD.finditer(self.text, clause, start) if m.group().lower() in self.words["estimating"]]
        if not verbs:
            return None
        after = WORD.findall(self.text[verbs[-1].end():start])
        if not after or after[0].lower() not in self.lexicon.determiners or len(after) < 2 \
                or after[1].lower() not in self.words["aggregate"]:
            return None
        clause += len(self.text[clause:start]) - len(self.text[clause:start].lstrip())
        name = self.subject(clause, verbs[-1].start())
        if not name:
            return None
        stop = CLAUSE_MARK.search(self.text, end, e)
        first, last = date_range(self.text[end:stop.start() if stop else e], self.published, lexicon=self.lexicon)
        said_on = first if not missing(first) and first == last else pd.NaT
        return {**_claim_fields(None), "claimant": name, "claimant_mention": name, "voice": "claim", "said_on": said_on}

    def cited(self, pos: int, limit: int) -> str | None:
        """ "..., citing the spy agency": the source named after the figure at `pos` in its sentence."""
        found = self.patterns.citing.search(self.text, pos, limit)
        return self.name_after(found.end(), limit) if found else None

    def unclaimed(self, start: int, k: int) -> dict:
        """A source for a figure no claim holds: "— report" ending its line, "X, which said", or a next
        sentence "This was confirmed by X"."""
        _, s, e = self.spans[k]
        line = self.text[s:e]
        if not SENTENCE_END_MARK.search(line):
            found = self.patterns.line_source.search(line)
            if found and found.start() > 0 and len(found["source"].split()) <= LINE_SOURCE_WORDS:
                return {"claimant": found["source"], "claimant_mention": found["source"], "voice": "claim"}
        which = [m for m in self.patterns.which_said.finditer(self.text, s, start) if m["cue"] in self.lexicon.cues]
        if which:
            named = self.name_before(which[-1].start(), s)
            if named:
                said_on = day_in(self.text, max(s, named[1] - ANTECEDENT_CHARS), named[1], self.published, self.lexicon)
                return {"claimant": named[0], "claimant_mention": named[0], "voice": "claim", "said_on": said_on}
        if k + 1 < len(self.spans):
            _, s1, e1 = self.spans[k + 1]
            found = self.patterns.confirmed.match(self.text, s1, e1)
            if found and found["cue"].lower() in self.lexicon.cues:
                name = self.name_after(found.end(), e1)
                if name:
                    return {"claimant": name, "claimant_mention": name, "voice": "claim"}
        return {}

    # -- what is counted --
    def counted(self, amount: Amount, k: int, people: dict | None):
        """(unit, category, end of the unit, measure) of a figure, or None when it counts nothing."""
        _, s, e = self.spans[k]
        text, units = self.text, self.lexicon.units
        noun = _noun_after(text, amount.end, e, self.lexicon)
        if noun and noun[1] == "skip":
            return None
        unit, category, unit_end, casualties = noun if noun else (None, None, amount.end, [])
        if noun is None or category in ("troops", "workers", "other"):
            linked = self.linked_noun(amount, s)
            if linked and (units[linked] == "casualties" or noun is None):
                unit = unit or linked
                category, casualties = units[linked], ([linked] if units[linked] == "casualties" else [])
        if unit is None:
            shared = self.coordinated(amount, people)
            if shared is None:
                return None
            unit, category, casualties = shared["unit"], shared["category"], []
            if category == "casualties":
                casualties = [shared["measure"]] if not missing(shared["measure"]) else []
        verb = self.patterns.verb_before.search(text, max(s, amount.start - 40), amount.start)
        if verb and units.get(verb["verb"].lower()) == "casualties" and category in ("troops", "workers",
                                                                                      "casualties"):
            category, casualties = "casualties", [verb["verb"]]  # "killed 40 soldiers and hurt seven": killed
        if amount.value == 1 and category in ("troops", "workers") and not unit.endswith("s"):
            return None  # "one soldier who ...": someone in the story, not a count
        return unit, category, unit_end, _measure(casualties, self.lexicon) if category == "casualties" else pd.NA

    def linked_noun(self, amount: Amount, s: int) -> str | None:
        """The count noun before a figure linked to it: "the number of troops at 3,000", "casualties
        have surpassed 3,000", "losses have exceeded 200"."""
        text, units = self.text, self.lexicon.units
        before = text[_clause_start(text, amount.start, s):amount.start]
        words = [w.lower() for w in WORD.findall(before)]
        qualifier = phrase_key(amount.qualifier)
        if not words or not (qualifier in self.words["link"] or words[-1] in self.words["link"]
                             or " ".join(words[-2:]) in self.words["link"]):
            return None
        nouns = [p for _, _, p in _units_in(words, units) if units[p] in PEOPLE]
        casualties = [p for p in nouns if units[p] == "casualties"]
        if casualties:
            return casualties[0]
        return nouns[-1] if nouns and any(w in self.words["aggregate"] for w in words) else None

    def coordinated(self, amount: Amount, people: dict | None) -> dict | None:
        """The row whose noun a figure shares (`people`: the sentence's latest row counting people): "3,000
        troops ... and that 10,000 were expected", "killed about 500 soldiers and hurt three"."""
        if people is None:
            return None
        after = AFTER_FIGURE.match(self.text, amount.end)
        word = after and after[1]
        if after is None or (word and word not in self.lexicon.auxiliaries | self.lexicon.modals
                             and not word.endswith("ed")):
            return None
        before = WORD.findall(self.text[max(0, amount.start - 30):amount.start])
        previous = before[-1].lower() if before else ""
        if previous in self.words["coordination"] or self.lexicon.units.get(previous) == "casualties":
            return people
        return None


@lru_cache(maxsize=4096)
def _period(text: str, claim: Claim, published, lexicon: Lexicon) -> tuple:
    """(said_from, said_to) of a claim with no day whose reporting clause names a period ("said last month")."""
    if not missing(claim.said_on) or missing(claim.cue_start) or missing(claim.cue_end):
        return pd.NaT, pd.NaT
    first, last = resolve_said_on_range(text, int(claim.cue_start), int(claim.cue_end), published, claim.after,
                                        lexicon)
    return (first, last) if not missing(first) and first != last else (pd.NaT, pd.NaT)


def _claim_fields(claim: Claim | None, article: _Article | None = None) -> dict:
    if claim is None:
        return {"claim_id": pd.NA, "claimant": pd.NA, "claimant_mention": pd.NA, "reported_by": pd.NA,
                "said_on": pd.NaT, "said_from": pd.NaT, "said_to": pd.NaT, "voice": "article", "stance": "assertion"}
    said_from, said_to = _period(article.text, claim, article.published, article.lexicon) if article else (pd.NaT,) * 2
    return {"claim_id": claim.claim_id, "claimant": claim.claimant, "claimant_mention": claim.mention,
            "reported_by": pd.NA, "said_on": claim.said_on, "said_from": said_from, "said_to": said_to,
            "voice": "claim", "stance": "denial" if claim.denies else "assertion"}


def claim_for(claims: list[Claim], start: int, end: int, sent_start: int, sent_end: int) -> Claim | None:
    """The innermost claim holding [start, end), else the claim cued nearest to it in the sentence."""
    inside = [c for c in claims if c.start <= start and end <= c.end]
    if inside:
        return max(inside, key=lambda c: (c.start, -c.end))
    cued = [c for c in claims if not missing(c.cue_start) and sent_start <= c.cue_start < sent_end]
    return min(cued, key=lambda c: abs(c.cue_start - start)) if cued else None


def _estimate(article: _Article, amount: Amount, k: int, people: dict | None) -> dict | None:
    text, lexicon = article.text, article.lexicon
    sentence_id, s, e = article.spans[k]
    if _not_counted(text, amount, lexicon):
        return None
    counted = article.counted(amount, k, people)
    if counted is None:
        return None
    unit, category, unit_end, measure = counted
    return {"sentence_id": sentence_id, "start": amount.start, "end": amount.end, "text": amount.text,
            "value": amount.value, "low": amount.low, "high": amount.high, "qualifier": amount.qualifier or pd.NA,
            "approximate": amount.approximate, "unit": unit, "category": category, "measure": measure,
            "location": place_after(text, unit_end, e, lexicon), **article.attribution(amount.start, amount.end, k),
            "derived": False, "derivation": pd.NA, "_unit_end": unit_end}


def _earlier_period(wording: str, base, lexicon: Lexicon) -> tuple:
    """(said_from, said_to) of an earlier figure: the week or month before for "last week/month"."""
    if base is None or pd.isna(base):
        return pd.NaT, pd.NaT
    base = pd.Timestamp(base).normalize()
    words = " ".join(wording.lower().split())
    if "last week" in words or "a week ago" in words or "a week earlier" in words:
        monday = base - pd.Timedelta(days=base.weekday())
        return monday - pd.Timedelta(days=7), monday - pd.Timedelta(days=1)
    if "last month" in words:
        first = base.replace(day=1)
        return first - pd.DateOffset(months=1), first - pd.Timedelta(days=1)
    month = _patterns(lexicon).month_in.search(words)
    if month:  # "in August": the latest August before the figure
        number = lexicon.month_forms[month[1]]
        first = pd.Timestamp(base.year - (number > base.month), number, 1)
        return first, first + pd.offsets.MonthEnd(0)
    return pd.NaT, base - pd.Timedelta(days=1)


def _derived_row(text: str, current: dict, start: int, end: int, figures: dict, published,
                 lexicon: Lexicon) -> dict:
    base = current["said_on"] if not missing(current["said_on"]) else published
    said_from, said_to = _earlier_period(text[start:end], base, lexicon)
    return {**current, **figures, "start": start, "end": end, "text": text[start:end], "derivation": text[start:end],
            "derived": True, "approximate": True, "said_on": said_from if said_from == said_to else pd.NaT,
            "said_from": said_from, "said_to": said_to, "derived_from": current["start"]}


TRAILING = re.compile(r"(?:\s+(?:to|at|by|from|of))*[\s,;:.]*\Z", re.IGNORECASE)  # "doubled to" -> "doubled"


def _wording_end(text: str, start: int, end: int) -> int:
    """The end of text[start:end] without the trailing preposition or punctuation."""
    return start + len(TRAILING.sub("", text[start:end]))


def _stated_earlier(text: str, wording: re.Match, found: list, sentence_end: int, published, lexicon: Lexicon):
    """ "5,000 soldiers, up from 3,000": the amount right after the wording, for the figure before it."""
    after = [a for a, _ in found if a.start >= wording.end() and not text[wording.end():a.start].strip()]
    before = [r for a, r in found if r and a.end <= wording.start()]
    if not after or not before or before[-1]["category"] == "other":
        return None, None
    earlier, current = after[0], before[-1]
    figures = {"value": earlier.value, "low": earlier.low, "high": earlier.high,
               "qualifier": earlier.qualifier or pd.NA}
    end = _wording_end(text, wording.start(), _clause_end(text, earlier.end, sentence_end))
    return _derived_row(text, current, wording.start(), end, figures, published, lexicon), earlier.start


def _factor_earlier(text: str, wording: re.Match, factor: float, only_before: bool, found: list,
                    sentence_end: int, published, lexicon: Lexicon):
    """ "Tripling last week's estimate, ... 9,000 troops": the nearest counted figure divided by the factor."""
    counted = [(a, r) for a, r in found if r and r["category"] != "other" and not math.isnan(a.value)
               and (a.start >= wording.end() or not only_before)]
    if not counted:
        return None
    distance = lambda pair: min(abs(pair[0].start - wording.end()), abs(wording.start() - pair[0].end))  # noqa: E731
    amount, current = min(counted, key=distance)
    clause_end = _clause_end(text, wording.end(), sentence_end)
    figure_first = wording.end() <= amount.start < clause_end  # "doubled to 6,000": the wording stops at the figure
    end = _wording_end(text, wording.start(), amount.start if figure_first else clause_end)
    figures = {k: current[k] / factor for k in ("value", "low", "high")}
    return _derived_row(text, current, wording.start(), end, figures, published, lexicon)


def _derived_rows(text: str, sentence, found: list[tuple[Amount, dict | None]], published,
                  lexicon: Lexicon) -> tuple[list, set]:
    """Derived rows for the relative wordings of one sentence, and the starts of the amounts they consumed."""
    _, s, e = sentence
    rows, consumed = [], set()
    for wording in _patterns(lexicon).relative.finditer(lowered(text), s, e):
        _, factor, only_before = lexicon.relative_figures[int(wording.lastgroup[1:])]
        if math.isnan(factor):
            row, used = _stated_earlier(text, wording, found, e, published, lexicon)
            consumed |= {used} if row else set()
        else:
            row = _factor_earlier(text, wording, factor, only_before, found, e, published, lexicon)
        rows += [row] if row else []
    return rows, consumed


def _share_rows(article: _Article, k: int, shares: list[re.Match], found: list) -> list[dict]:
    """ "two-thirds of whom were killed", "about half of the 4,100 wounded": a derived row per share, the
    figure it is a share of scaled by it."""
    text, lexicon = article.text, article.lexicon
    _, s, e = article.spans[k]
    rows = []
    for share in shares:
        after = NEXT_WORD.match(text, share.end())
        referring = after is not None and after[1].lower() in article.words["referring"]
        if referring:  # "of whom": the figure of people before the share
            bases = [(a, r) for a, r in found if r and r["category"] in PEOPLE and a.end <= share.start()]
            base = bases[-1] if bases else None
            predicate_from = after.end()
        else:          # "of the 4,100 wounded": the figure right after it
            base = next(((a, r) for a, r in found if r and a.start >= share.end()), None)
            between = text[share.end():base[0].start].split() if base else []
            if base is None or base[1]["category"] not in PEOPLE or any(
                    w.lower() not in lexicon.determiners for w in between):
                continue
            predicate_from = base[1]["_unit_end"]
        if base is None or missing(base[1]["value"]) and missing(base[1]["low"]):
            continue
        amount, figure = base
        factor = lexicon.fractions[phrase_key(share["fraction"].replace("-", " "))]
        words = [w.lower() for w in WORD.findall(text[predicate_from:_clause_end(text, predicate_from, e)])]
        casualties = _predicate(words[:MODIFIER_WINDOW], lexicon.units, lexicon.auxiliaries)
        end = share.end("fraction")
        rows.append({**figure, "start": share.start(), "end": end, "text": text[share.start():end],
                     "value": figure["value"] * factor, "low": figure["low"] * factor,
                     "high": figure["high"] * factor, "qualifier": phrase_key(share["qualifier"]) or pd.NA,
                     "approximate": True, "derived": True, "derivation": text[share.start():end],
                     "derived_from": amount.start,
                     **({"category": "casualties", "measure": _measure(casualties, lexicon)} if casualties else {})})
    return rows


def _sentence_rows(article: _Article, k: int, amounts: list[Amount]) -> list[dict]:
    text, lexicon = article.text, article.lexicon
    _, s, e = article.spans[k]
    lower = lowered(text)
    sentence = lower[s:e]
    shares = list(article.patterns.fraction.finditer(lower, s, e)) \
        if any(word in sentence for word in article.patterns.fraction_ends) else []
    found: list[tuple[Amount, dict | None]] = []
    people = None  # the latest row counting people in the sentence: what a figure with no noun may share
    for amount in amounts:
        in_share = any(m.start("fraction") <= amount.start < m.end("fraction") for m in shares)
        row = None if in_share else _estimate(article, amount, k, people)
        found.append((amount, row))
        if row and row["category"] in PEOPLE and not row["derived"]:
            people = row
    if not any(r for _, r in found):
        return []
    derived, consumed = _derived_rows(text, article.spans[k], found, article.published, lexicon)
    derived += _share_rows(article, k, shares, found)
    return [r for a, r in found if r and a.start not in consumed] + derived


def _restated(text: str, rows: list[dict]) -> None:
    """ "the 30,000-troop figure": a figure stated before in the article, repeated with "the", keeps the
    source of that earlier statement (one pass in text order, figures looked up by value)."""
    stated: dict[tuple, dict] = {}
    for row in sorted((r for r in rows if not r["derived"]), key=lambda r: r["start"]):
        if not missing(row["value"]) and RESTATED.search(text, max(0, row["start"] - 5), row["start"]):
            earlier = stated.get((row["category"], row["value"]))
            if earlier is not None:
                row.update({key: earlier[key] for key in SOURCE_FIELDS})
        if not missing(row["claimant"]):
            for key in ("value", "low", "high"):
                if not missing(row[key]):
                    stated[(row["category"], row[key])] = row


RESTATED = re.compile(r"\b[Tt]he\s+\Z")
SOURCE_FIELDS = ("claimant", "claimant_mention", "reported_by", "said_on", "said_from", "said_to", "voice")


def _amounts_by_sentence(text: str, spans: list[tuple], lexicon: Lexicon) -> dict[int, list[Amount]]:
    """One scan of the whole text; amounts that run across a sentence end are dropped, and in a "sentence"
    no prose has (`text.doc.LONG_SENTENCE`) at most one amount per MIN_CUE_GAP chars is read, as are cues."""
    starts = [s for _, s, _ in spans]
    grouped: dict[int, list[Amount]] = {}
    long = [(s, e) for _, s, e in spans if e - s > LONG_SENTENCE]
    for amount in find_amounts(text, lexicon=lexicon, sparse=long, gap=MIN_CUE_GAP):
        k = bisect_right(starts, amount.start) - 1
        if k < 0 or amount.end > spans[k][2]:
            continue
        grouped.setdefault(k, []).append(amount)
    return grouped


def _denials(text: str, sentences: list[tuple], claims: list[Claim], figures: list[int],
             lexicon: Lexicon) -> list[dict]:
    """Denying claims about counted people with no figure of their own: one row each, no value."""
    units, rows, seen = lexicon.units, [], set()
    starts = [s for _, s, _ in sentences]
    for claim in _outer_denials(claims):
        if (claim.start, claim.end) in seen or any(claim.start <= f < claim.end for f in figures):
            continue
        seen.add((claim.start, claim.end))
        noun = next((w for w in WORD.finditer(text, claim.start, claim.end)
                     if units.get(w.group().lower()) in ("troops", "workers")), None)
        if noun is None:
            continue
        sentence_id = sentences[max(0, bisect_right(starts, claim.start) - 1)][0] if sentences else pd.NA
        rows.append({"sentence_id": sentence_id, "start": claim.start, "end": claim.end,
                     "text": text[claim.start:claim.end], "value": math.nan, "low": math.nan, "high": math.nan,
                     "qualifier": pd.NA, "approximate": False,
                     "unit": noun.group().lower(), "category": units[noun.group().lower()], "measure": pd.NA,
                     "location": place_after(text, noun.end(), claim.end, lexicon), **_claim_fields(claim),
                     "derived": False, "derivation": pd.NA})
    return rows


def _outer_denials(claims: list[Claim]) -> list[Claim]:
    """Of nested denying claims (a partial quote inside a reported statement) keep the outer one."""
    denying = [c for c in claims if c.denies]
    return [c for c in denying if not any(o is not c and o.start <= c.start and c.end <= o.end
                                          and (o.start, -o.end) < (c.start, -c.end) for o in denying)]


COUNTS = ("value", "low", "high")  # nullable Int64 columns (schemas.COLUMNS["estimates"])


def _whole(number) -> object:
    """A figure rounded to a whole number (half away from zero), pd.NA when there is none."""
    if missing(number):
        return pd.NA
    return int(math.floor(abs(number) + 0.5)) * (1 if number >= 0 else -1)


def _columns(article_id: str, rows: list[dict]) -> dict[str, list]:
    """The rows in text order with their ids, as the table's columns of lists (a key a row lacks: None)."""
    rows.sort(key=lambda r: (r["start"], r["derived"]))
    ids = [f"{article_id}-e{n:03d}" for n in range(len(rows))]
    by_start = {r["start"]: i for r, i in zip(rows, ids) if not r["derived"]}  # figures never share a start
    for row, estimate_id in zip(rows, ids):
        row.update(estimate_id=estimate_id, article_id=article_id, derived_from=by_start.get(row.get("derived_from")))
        for key in COUNTS:  # people are counted in whole numbers: a third of 10,000 is 3,333, not 3333.333333
            row[key] = _whole(row.get(key))
        for key in ("said_on", "said_from", "said_to"):  # NaT, not None: the column stays a date column
            row[key] = row[key] if pd.notna(row.get(key)) else pd.NaT
    return {column: [row.get(column) for row in rows] for column in schemas.COLUMNS["estimates"]}


def estimate_records(article_id: str, text: str, spans: list[tuple[int, int, int]], claims: dict[str, list],
                     published=None, lexicon: Lexicon | None = None) -> dict[str, list]:
    """The estimates of one article as the table's columns of plain lists ({} when there is none), from its
    sentences' (sentence_id, start, end) and its claims' columns (`claims.claim_records`): no frame per article."""
    lexicon = lexicon or Lexicon.default()
    claim_list = _claims(claims, text, published, lexicon)
    article = _Article(text, spans, claim_list, published, lexicon)
    grouped = _amounts_by_sentence(text, spans, lexicon)
    rows = [r for k, amounts in grouped.items() for r in _sentence_rows(article, k, amounts)]
    _restated(text, rows)
    rows += _denials(text, spans, claim_list, [r["start"] for r in rows], lexicon)
    return _columns(article_id, rows) if rows else {}


def extract_estimates(article_id: str, text: str, sentences: pd.DataFrame, claims: pd.DataFrame | None,
                      published=None, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The estimates table of one article (columns: `schemas.COLUMNS["estimates"]`) from its sentences and
    claims frames: `estimate_records` made a frame."""
    spans = list(zip(sentences["sentence_id"].tolist(), sentences["start"].astype(int).tolist(),
                     sentences["end"].astype(int).tolist()))
    records = estimate_records(article_id, text, spans, lists_of(claims) if claims is not None else {}, published,
                               lexicon)
    return frame("estimates", records)
