"""The Lexicon: every word list and rule table the extractors read, in one immutable object.

The tables are the files of `analysis/data/` named in `TABLES` (each file's header comment says what its
columns mean); month and weekday names come from the standard library's `calendar`. The extractors
take `lexicon=None`, meaning `Lexicon.default()`, the package's own, loaded once.

To extend it without editing the package, write files with the columns of the tables they extend:

    lexicon = Lexicon.default().extended(cues="my_cues.csv", units="my_units.csv")
    lexicon = Lexicon.load("my_lexicon/")                # every file of TABLES found there, by name
    lexicon = Lexicon.load("my_lexicon/", replace=True)  # those files' rows instead of the package's
    analysis.extract.estimates.extract_estimates(..., lexicon=lexicon)

The keywords are the table names: cues, titles, qualifiers, units, vague_amounts, relative_figures,
denial_words, measures, fractions, estimate_words and attribution_words (the words the estimates and the
attribution rules read, by role), function_words (modals, auxiliaries, articles, possessives, determiners),
pronouns, and the word lists (one word a line) abbreviations, abbreviations_before_numbers,
sentence_starters, editorial_labels, tag_verbs. The user's rows are added to the package's; a row for a
word the package has replaces it. A missing file or wrong columns raise a ValueError naming the file and the expected
columns.

A Lexicon pickles (worker processes get it with their jobs) and hashes and compares by content, so
the patterns a module compiles from it can be cached per lexicon (`functools.lru_cache`) and a copy
unpickled in a worker finds the patterns compiled for an earlier copy.
"""
from __future__ import annotations

import calendar
import dataclasses
import hashlib
import locale
import math
import re
import weakref
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..paths import DATA_DIR


@dataclass(frozen=True)
class Table:
    """A file of language data: its name (in analysis/data and in a user's folder), columns and allowed values."""
    file: str
    columns: tuple[str, ...] = ()              # none for a word list (.txt): one word a line
    choices: tuple[tuple[str, frozenset], ...] = ()  # (column, allowed values)


YES_NO = frozenset({"yes", "no"})
TABLES = {
    "cues": Table("cues.csv", ("lemma", "forms", "kind", "takes_object"),
                  (("kind", frozenset({"speech", "belief", "finding", "intention", "source"})),
                   ("takes_object", YES_NO))),
    "titles": Table("titles.csv", ("word", "kind"), (("kind", frozenset({"person", "organisation"})),)),
    "qualifiers": Table("qualifiers.csv", ("phrase", "effect", "ambiguous"),
                        (("effect", frozenset({"low", "high", "hedge"})), ("ambiguous", YES_NO))),
    "units": Table("units.csv", ("noun", "category")),
    "vague_amounts": Table("vague_amounts.csv", ("phrase", "low", "high")),
    "relative_figures": Table("relative_figures.csv", ("wording", "factor", "position"),
                              (("position", frozenset({"before", "any"})),)),
    "denial_words": Table("denial_words.csv", ("pattern",)),
    "measures": Table("measures.csv", ("word", "measure")),
    "fractions": Table("fractions.csv", ("phrase", "share")),
    "estimate_words": Table("estimate_words.csv", ("phrase", "role"),
                            (("role", frozenset({"citing", "lead", "aggregate", "link", "anaphor", "relative", "referring",
                                                   "coordination", "boundary", "negation", "estimating", "not_plural",
                                                   "year_preposition", "place_preposition", "place_noun",
                                                   "verb_adverb"})),)),
    "attribution_words": Table("attribution_words.csv", ("phrase", "role"),
                               (("role", frozenset({
                                   "boundary", "demonstrative", "name_preposition", "postmodifier", "phrase_determiner",
                                   "opener", "filler", "quotative", "time_after_by",
                                   "verb", "adverb",
                                   "subordinator", "control_verb", "trailing_adverb", "time", "day_part",
                                   "time_count", "time_direction", "bare_conjunction", "copula", "preposition",
                                   "relative_quantifier", "speaker_end", "insertion",
                                   "inverting", "introductory", "participle_adjunct", "placeholder", "raising",
                                   "as_conjunction", "as_focus", "as_passive_adverb", "tag_continuation",
                                   "adjunct_start", "adjunct_comma", "contrast", "subordinate_opener",
                                   "inner_subordinate", "participle_opener", "not_main_clause", "subject_adjunct",
                                   "topic", "stranded", "adjunct_of", "clausal", "naming", "object_conjunction",
                                   "object_word", "participle_object", "clause_determiner", "not_participle",
                                   "not_content_start", "infinitive_not", "lone_connective", "finite",
                                   "clause_word", "insertion_verb", "cue_auxiliary", "not_adverb", "cue_determiner",
                                   "noun_modifier", "quantifier", "survey", "before_participle", "contracted_subject",
                                   "reflexive", "particle", "tag_determiner", "tag_adjunct", "coordinated_adverb",
                                   "predicate_adverb", "clause_auxiliary", "demonstrative_end",
                                   "participle_adverb", "source_noun", "occasion",
                                   "occasion_preposition", "dash_contrast", "predicate_auxiliary",
                                   "emphatic_auxiliary", "clause_conjunction", "question_word",
                                   "not_past_form", "anaphoric_subject", "singular_quantifier", "mass_quantifier",
                                   "cited_origin"})),)),
    "function_words": Table("function_words.csv", ("word", "kind"),
                            (("kind", frozenset({"modal", "auxiliary", "article", "possessive", "determiner"})),)),
    "pronouns": Table("pronouns.csv", ("word", "refers", "object"),
                      (("refers", frozenset({"person", "self", "group", "addressee"})),)),
    "abbreviations": Table("abbreviations.txt"),
    "abbreviations_before_numbers": Table("abbreviations_before_numbers.txt"),
    "sentence_starters": Table("sentence_starters.txt"),
    "editorial_labels": Table("editorial_labels.txt"),
    "tag_verbs": Table("tag_verbs.txt"),
}


class CueWord(NamedTuple):
    lemma: str
    kind: str            # speech, belief or source
    takes_object: bool   # "told reporters that": a listener comes before the content


class Qualifier(NamedTuple):
    effect: str          # low (a lower bound), high (an upper bound) or hedge (approximate)
    ambiguous: bool      # also a preposition: qualifies a figure, not a vague amount


class Pronoun(NamedTuple):
    refers: str          # person, self, group or addressee
    object: str          # its object form: "him" for "he"


class RelativeFigure(NamedTuple):
    wording: str         # a regular expression
    factor: float        # NaN: the amount right after the wording is the earlier figure
    only_before: bool    # relates only to a figure that follows the wording


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """`text` in lower case with the same offsets, for scans for lexicon words without re.IGNORECASE (which
    makes Python's re read twice as slowly); cached, since several extractors scan each article. The few
    characters that lengthen when lowered ("İ") stay as they are: no lexicon word holds them."""
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(c if len(c.lower()) > 1 else c.lower() for c in text)


# Each Latin-1 byte that stands for a word character (\w) as it is, any other as a space.
WORD_BYTES = bytes(b if chr(b).isalnum() or chr(b) == "_" else ord(" ") for b in range(256))


def word_bytes(text: str) -> bytes:
    """`text` one byte a character: its Latin-1 word characters, a space for any other character (one out of
    Latin-1 becomes "?" first)."""
    return text.encode("latin-1", "replace").translate(WORD_BYTES)


@lru_cache(maxsize=4)
def _spaced_words(text: str) -> bytes:
    """`word_bytes` of the `lowered` text after a space (which the first word too then follows); cached, as
    `lowered`: several scans read each article."""
    return b" " + word_bytes(lowered(text))


class PhraseScan:
    """The whole lexicon phrases in a text's `lowered` copy: what `\\b(?:phrases)\\b` finds there, faster.

    Python's re tries a pattern opening with \\b at every character; this scan reads `_spaced_words`, where
    every word follows a space, for the phrases' `word_bytes` after a space: a pattern opening with a literal,
    which re skips to at C speed. Each place found is then matched by the exact pattern, in text order and
    not inside the previous match, as finditer would: every place where the exact pattern matches is found
    (a character maps to the same byte in the phrase as in the text), and most others fail in the scan."""

    def __init__(self, phrases):
        phrases = list(phrases)
        self.exact = re.compile(rf"\b(?:{trie_pattern(phrases)})\b")
        words = {word_bytes(phrase).decode("latin-1") for phrase in phrases}
        # a phrase opening with no word character may follow one: only the exact pattern finds it
        self.first = re.compile(b" (?=" + trie_pattern(words).encode("latin-1") + b")") \
            if phrases and all(re.match(r"\w", phrase) for phrase in phrases) else None

    def finditer(self, text: str):
        lower = lowered(text)
        if self.first is None:
            yield from self.exact.finditer(lower)
            return
        end = 0
        for place in self.first.finditer(_spaced_words(text)):
            found = place.start() >= end and self.exact.match(lower, place.start())
            if found:
                end = found.end()
                yield found


def for_lowered(pattern: str) -> str:
    """A user's case-ignoring regular expression, to search the `lowered` text with instead of re.IGNORECASE:
    one written with capitals (or an escape such as \\W) ignores case in its own group."""
    return pattern if pattern == pattern.lower() else f"(?i:{pattern})"


def phrase_key(phrase: str | None) -> str:
    """Lower case, single spaces: the form phrases are stored and looked up in."""
    return " ".join((phrase or "").lower().split())


def alternation(phrases) -> str:
    """A regex matching any phrase, longest first, any whitespace between words: a trie, which Python's re
    tries far faster than a flat alternation, with the same preference (greedy, so a longer phrase first)."""
    return trie_pattern(phrases)


def role_words(lexicon: Lexicon, role: str) -> frozenset[str]:
    """The phrases of one role of the lexicon's attribution words (`data/attribution_words.csv`)."""
    return frozenset(lexicon.attribution_words.get(role, ()))


def as_written(pronouns) -> list[str]:
    """Pronouns as they are written: "I" in capitals, the rest in lower case."""
    return ["I" if word == "i" else word for word in pronouns]


def speaker_pronouns(lexicon: Lexicon) -> str:
    """An alternation of the pronouns that can name a speaker, as written ("you" speaks to the reader)."""
    return alternation(as_written(w for w, p in lexicon.pronouns.items() if p.refers != "addressee"))


def role_pattern(lexicon: Lexicon, role: str, case=str.lower) -> str:
    """A role's phrases as a regex alternation, written by `case` (`str.capitalize` for the words opening a
    sentence); one matching nothing when the role has none (an empty alternation would match everywhere)."""
    phrases = lexicon.attribution_words.get(role, ())
    return alternation(case(p) for p in phrases) if phrases else "(?!)"


def trie_pattern(words) -> str:
    """An alternation factored by common prefixes: Python's re tries a flat one word by word, far slower."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(r"\s+" if c == " " else re.escape(c)) + pattern(child) for c, child in sorted(node.items()) if c]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        return body + ("?" if optional else "")

    return pattern(trie)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All language data; mappings are keyed by `phrase_key`. Treat them as read-only: use `extended`.

    Lexicons are interned: `default`, `load`, `extended` and unpickling return the one Lexicon of this
    process with the same contents when there is one, so equality is identity, and the patterns each
    module compiles from a lexicon (cached per lexicon) are looked up by the object's C-level hash."""
    cues: dict[str, CueWord]                  # form ("said", "according to") -> its cue
    titles: dict[str, str]                    # title word -> person or organisation
    qualifiers: dict[str, Qualifier]          # "at least" -> Qualifier("low", False)
    units: dict[str, str]                     # counted noun -> category (troops, workers, ..., skip)
    vague_amounts: dict[str, tuple[float, float]]  # "thousands" -> (2000.0, 9999.0)
    relative_figures: tuple[RelativeFigure, ...]
    denial_words: tuple[str, ...]             # regular expressions
    measures: dict[str, str]                  # casualty word -> what it counts ("injured" -> wounded)
    fractions: dict[str, float]               # "two thirds" -> 0.666667 (keys with spaces, not hyphens)
    estimate_words: dict[str, tuple[str, ...]]  # role -> its phrases, sorted: "citing" -> ("according to", ...)
    attribution_words: dict[str, tuple[str, ...]]  # role -> its phrases, sorted: "inverting" -> ("add", "ask", ...)
    modals: frozenset[str]
    auxiliaries: frozenset[str]               # forms of be, have, do
    articles: frozenset[str]                  # the, a, an
    possessives: frozenset[str]               # my, your, his, ...
    determiners: frozenset[str]               # the articles, the possessives and the others ("this", "some")
    pronouns: dict[str, Pronoun]              # subject pronoun -> Pronoun("person", "him") for "he"
    abbreviations: frozenset[str]             # whose period does not end a sentence
    abbreviations_before_numbers: frozenset[str]  # ... when a number follows ("Oct. 22", "No. 2")
    sentence_starters: frozenset[str]
    editorial_labels: frozenset[str]          # "read more", "watch": a label before a colon, not a speaker
    tag_verbs: frozenset[str]                 # "read", "states": report a quotation only right beside it
    months: tuple[str, ...]                   # "january", ... from calendar
    month_abbreviations: tuple[str, ...]      # "jan", ...
    weekdays: tuple[str, ...]                 # "monday", ... (Monday first, as datetime's weekday())
    weekday_abbreviations: tuple[str, ...]    # "mon", ...

    @classmethod
    @cache
    def default(cls) -> Lexicon:
        """The package's lexicon, read on first use and shared."""
        values = {}
        for name, table in TABLES.items():
            values |= _read(name, DATA_DIR / table.file)
        return _interned(cls(**values, **_calendar_names()))

    @classmethod
    def load(cls, folder: str | Path, replace: bool = False) -> Lexicon:
        """The default lexicon extended with every file of `TABLES` in `folder` (see `extended`)."""
        folder = Path(folder)
        if not folder.is_dir():
            raise ValueError(f"{folder}: no such folder")
        found = {name: folder / t.file for name, t in TABLES.items() if (folder / t.file).is_file()}
        if not found:
            files = ", ".join(t.file for t in TABLES.values())
            raise ValueError(f"{folder} holds none of the lexicon's files ({files})")
        return cls.default().extended(replace=replace, **found)

    def extended(self, replace: bool = False, **files: str | Path) -> Lexicon:
        """A copy with the rows of each file added to the table its keyword names (`TABLES`), a row for a
        word already there replacing it; with `replace`, the file's rows instead of the table's."""
        unknown = sorted(files.keys() - TABLES.keys())
        if unknown:
            raise TypeError(f"no lexicon table named {', '.join(unknown)}; the tables: {', '.join(TABLES)}")
        changes = {}
        for name, path in files.items():
            for field, value in _read(name, Path(path)).items():
                changes[field] = value if replace else _merged(getattr(self, field), value)
        return _interned(dataclasses.replace(self, **changes))

    @cached_property
    def all_abbreviations(self) -> frozenset[str]:
        """Every word whose period may be inside a sentence."""
        return self.abbreviations | self.abbreviations_before_numbers

    @cached_property
    def month_forms(self) -> dict[str, int]:
        """Every way a month is written, lower case, to its number: "october", "oct", and the abbreviations
        before numbers that begin a month's name ("sept")."""
        named = {a: n for n, m in enumerate(self.months, 1) for a in self.abbreviations_before_numbers
                 if len(a) >= 3 and m.startswith(a)}
        return named | dict(zip(self.month_abbreviations, range(1, 13))) | dict(zip(self.months, range(1, 13)))

    @cached_property
    def _fingerprint(self) -> str:
        # Sets sorted: their order varies between processes, and copies in workers must compare equal.
        values = [getattr(self, f.name) for f in dataclasses.fields(self)]
        values = [sorted(v) if isinstance(v, frozenset) else v for v in values]
        return hashlib.sha256(repr(values).encode()).hexdigest()

    def __reduce__(self):
        return _unpickled, (self._fingerprint, {f.name: getattr(self, f.name) for f in dataclasses.fields(self)})


# fingerprint -> the Lexicon with those contents in this process (dropped when no longer used)
_INTERNED: weakref.WeakValueDictionary[str, Lexicon] = weakref.WeakValueDictionary()


def _interned(lexicon: Lexicon) -> Lexicon:
    return _INTERNED.setdefault(lexicon._fingerprint, lexicon)


def _unpickled(fingerprint: str, fields: dict) -> Lexicon:
    """A pickled Lexicon in this process: the equal one already here, else a new one with its fingerprint."""
    found = _INTERNED.get(fingerprint)
    if found is None:
        found = Lexicon(**fields)
        found.__dict__["_fingerprint"] = fingerprint  # what cached_property would store: not hashed again
        found = _interned(found)
    return found


def _calendar_names() -> dict[str, tuple[str, ...]]:
    """Month and weekday names from `calendar`, which follows LC_TIME: Python leaves it at the C locale,
    which is English, unless the program calls locale.setlocale (this package never does)."""
    language = locale.getlocale(locale.LC_TIME)[0]  # a query: nothing is set
    if language not in (None, "C", "POSIX") and not language.lower().startswith("en"):
        raise RuntimeError(f"LC_TIME is {language}, so calendar's month names are not English: "
                           "use the Lexicon before calling locale.setlocale")
    names = {"months": calendar.month_name, "month_abbreviations": calendar.month_abbr,
             "weekdays": calendar.day_name, "weekday_abbreviations": calendar.day_abbr}
    return {field: tuple(n.lower() for n in found if n) for field, found in names.items()}  # months start with ""


def _merged(old, new):
    if isinstance(old, dict) and any(type(v) is tuple for v in new.values()):  # role -> phrases: add phrases
        return {k: tuple(sorted(set(old.get(k, ())) | set(new.get(k, ())))) for k in old.keys() | new.keys()}
    if isinstance(old, (dict, frozenset)):
        return old | new
    return old + tuple(v for v in new if v not in old)


def _read(name: str, path: Path) -> dict:
    """The Lexicon fields that table `name` gives, read from `path`; a ValueError naming the file on a fault."""
    table = TABLES[name]
    if not path.is_file():
        raise ValueError(f"{path}: no such file (a {name} table{_expected(table)})")
    if not table.columns:
        return {name: _word_list(path)}
    rows = _rows(path, table)
    try:
        return PARSERS[name](rows)
    except (ValueError, re.error) as error:
        raise ValueError(f"{path}: {error}") from error


def _expected(table: Table) -> str:
    return f" with columns {', '.join(table.columns)}" if table.columns else ", one word a line"


def _word_list(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _rows(path: Path, table: Table) -> pd.DataFrame:
    try:
        rows = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not a CSV file{_expected(table)} ({error})") from error
    if set(rows.columns) != set(table.columns):
        raise ValueError(f"{path}: expected columns {', '.join(table.columns)}; found {', '.join(rows.columns)}")
    if rows.empty:  # an empty alternation would match everywhere
        raise ValueError(f"{path}: no rows under the columns {', '.join(table.columns)}")
    for column, allowed in table.choices:
        wrong = sorted(set(rows[column]) - allowed)
        if wrong:
            raise ValueError(f"{path}: column {column} holds {', '.join(map(repr, wrong))}; "
                             f"allowed: {', '.join(sorted(allowed))}")
    return rows


def _regex(pattern: str) -> str:
    re.compile(pattern)  # a bad one fails here, naming its file, not later inside a module's pattern
    return pattern


def _roles(rows: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    return {role: tuple(sorted(set(group["phrase"].map(phrase_key)))) for role, group in rows.groupby("role")}


def _function_words(rows: pd.DataFrame) -> dict:
    fields = {"modals": ("modal",), "auxiliaries": ("auxiliary",), "articles": ("article",),
              "possessives": ("possessive",), "determiners": ("article", "possessive", "determiner")}
    return {field: frozenset(rows.loc[rows["kind"].isin(kinds), "word"].str.lower()) for field, kinds in fields.items()}


PARSERS = {
    "cues": lambda rows: {"cues": {phrase_key(form): CueWord(r.lemma, r.kind, r.takes_object == "yes")
                                   for r in rows.itertuples() for form in r.forms.split("|")}},
    "titles": lambda rows: {"titles": dict(zip(rows["word"].map(phrase_key), rows["kind"]))},
    "qualifiers": lambda rows: {"qualifiers": {phrase_key(r.phrase): Qualifier(r.effect, r.ambiguous == "yes")
                                               for r in rows.itertuples()}},
    "units": lambda rows: {"units": dict(zip(rows["noun"].map(phrase_key), rows["category"]))},
    "vague_amounts": lambda rows: {"vague_amounts": {phrase_key(r.phrase): (float(r.low), float(r.high))
                                                     for r in rows.itertuples()}},
    "relative_figures": lambda rows: {"relative_figures": tuple(
        RelativeFigure(_regex(r.wording), float(r.factor) if r.factor else math.nan, r.position == "before")
        for r in rows.itertuples())},
    "denial_words": lambda rows: {"denial_words": tuple(map(_regex, rows["pattern"]))},
    "measures": lambda rows: {"measures": dict(zip(rows["word"].map(phrase_key), rows["measure"]))},
    "fractions": lambda rows: {"fractions": {phrase_key(r.phrase.replace("-", " ")): float(r.share)
                                             for r in rows.itertuples()}},
    "estimate_words": lambda rows: {"estimate_words": _roles(rows)},
    "attribution_words": lambda rows: {"attribution_words": _roles(rows)},
    "function_words": _function_words,
    "pronouns": lambda rows: {"pronouns": {phrase_key(r.word): Pronoun(r.refers, phrase_key(r.object))
                                           for r in rows.itertuples()}},
}
