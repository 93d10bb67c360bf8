"""Speaker mentions: the noun phrase next to a cue, its title or apposition, and who it refers to.

No names are built in: a mention is found by its shape (capitalised words, titles from
`data/titles.csv`, an apposition between commas) and resolved within the article only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import islice
from typing import NamedTuple

import pandas as pd

from ..text.lexicon import Lexicon, alternation, role_pattern, role_words, trie_pattern
from .numbers import NUMBER_WORDS

WORD = re.compile(r"\w[\w’'&/-]*|(?:\w+\.)+")  # "9/11 widow Jane Doe"
MAX_NP_TOKENS = 12
MAX_SUBORDINATORS = 3  # subordinators read back from a cue for a clause's subject
# A singular noun and a verb in -s after it: "the singer sings to" (not "the union members voted").
SINGULAR_NOUN = re.compile(r"[a-z]+[^s\W]")
SINGULAR_VERB = re.compile(r"[a-z]+[^s\W]s")
# What may come between a control verb's object and "to": an insertion ("forced Jane Doe, who …, to admit").
OBJECT_TO = re.compile(r"(?:,[^;.:“”\"]{0,150},)?\s+to\s+(?:\w+ly\s+)?\Z")
# Possessive runs inside a name: a word is read once whatever the regex tries after it.
_NAME_WORDS = r"(?:[A-Z][\w’'-]*+\.?\s++){%s}[A-Z][\w’'-]++"
# "The party's state chairman, Jane Doe, said", "Lithuania's defence minister, Jane Doe, said": a descriptive
# phrase opening the sentence (a determiner or a possessive name before it), then the name.
REVERSED_APPOSITION = re.compile(r"""
    \s*(?P<role>(?:[Tt]he|[Aa]n?|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.-]*+(?:’s|'s|’|'))
                 \s+[^,;“”"]{2,80}?),\s+
    (?P<name>""" + _NAME_WORDS % "1,3" + r"""),\s*""", re.VERBOSE)


class SpeakerWords(NamedTuple):
    """What the speaker rules read from one lexicon, compiled once per lexicon (`speaker_words`)."""
    token: re.Pattern        # a word, an abbreviation or initial with its period, or a mark
    trailing: re.Pattern     # the adverbials ending a subject before its cue ("Jane Doe on Monday")
    trailing_last: frozenset  # the last word of any of them (lower case): a cheap test before the search
    leading: re.Pattern      # an opener before a sentence's subject and its comma ("Separately, X said")
    opener_place: re.Pattern  # a place's state after the opener's comma ("At a rally in Ames, Iowa, X said")
    bare_opener: re.Pattern  # ... and without a comma ("BRUSSELS — Last week the mayor …")
    verb: re.Pattern         # a verb form ending a subject ("the senator spoke at …")
    adverb: re.Pattern       # an adverb between a subject and its verb ("farmers often say")
    subordinator: re.Pattern  # a clause whose subject a cue right after it shares ("after she appeared to")
    control_verb: re.Pattern  # its object does what the infinitive says ("forced the banker to admit …")
    relative: re.Pattern     # ", who said", ", many of whom say"
    apposition: re.Pattern   # "Jane Doe, a member of the committee, (on Tuesday) said"
    after_apposition: re.Pattern  # its end: the comma and an adjunct before the cue
    calendar: frozenset      # month and weekday names: no name starts with one ("to Monday")
    titles: dict
    boundaries: frozenset    # words a speaker's phrase does not reach over ("… after Jane Doe said")
    name_prepositions: frozenset  # "Embassy in Ghana"
    phrase_determiners: frozenset  # words opening a noun phrase ("the two senators", "some officials", "his")
    articles: frozenset
    clause_determiners: frozenset  # articles, possessives: they open a clause's subject ("told members the pier …")
    subject_pronouns: frozenset  # ... and so do these ("told reporters he …")
    pronouns: dict           # a speaker's pronoun -> what it refers to (person, self or group)
    not_adverbs: frozenset   # nouns and adjectives in -ly ("family", "daily")
    contracted_subjects: frozenset  # "he’s predicting": "he", then the auxiliary (no possessive)
    demonstratives: frozenset  # boundaries that open the phrase before a noun ("this aide said")
    postmodifier_before: re.Pattern  # "familiar with " ending the text before a noun phrase ("a source familiar
    postmodifier_after: re.Pattern   # with the talks"), and the same opening the text after its head


@lru_cache(maxsize=8)
def speaker_words(lexicon: Lexicon) -> SpeakerWords:
    # A subject pronoun unlike its object form opens a clause ("told reporters he …"); "it" and "you" may
    # be an object. "you" is never a speaker's pronoun: it speaks to the reader or the listener.
    subjects = _subject_pronouns(lexicon)
    pronouns = {word: p.refers for word, p in lexicon.pronouns.items() if p.refers != "addressee"}
    determiners = lexicon.articles | lexicon.possessives
    role = partial(role_pattern, lexicon)
    return SpeakerWords(
        _token_pattern(lexicon), *_trailing_adverbials(lexicon), _leading_pattern(lexicon), _opener_place(lexicon),
        _bare_opener(lexicon),
        verb=re.compile(rf"\w+(?:ed|es)|{role('verb')}|{alternation(lexicon.auxiliaries | lexicon.modals)}"),
        adverb=re.compile(rf"\w{{2,}}ly|{role('adverb')}"),
        subordinator=re.compile(rf"\b(?:{role('subordinator')}|(?P<opening>{role('subordinator', str.capitalize)}))\s+"),
        control_verb=re.compile(rf"\b(?:{role('control_verb')})\s+"),
        relative=re.compile(rf"(?:,|--|—|–)\s+(?P<who>(?:(?:{role('relative_quantifier')})\s+of\s+)?"
                            r"(?:who|whom|which))(?:\s+\w+ly)?\s*\Z"),
        **_apposition_patterns(lexicon),
        calendar=frozenset(lexicon.weekdays) | frozenset(lexicon.month_forms), titles=lexicon.titles,
        boundaries=role_words(lexicon, "boundary"), name_prepositions=role_words(lexicon, "name_preposition"),
        phrase_determiners=role_words(lexicon, "phrase_determiner") | determiners, articles=lexicon.articles,
        clause_determiners=determiners, subject_pronouns=subjects, pronouns=pronouns,
        not_adverbs=role_words(lexicon, "not_adverb"), contracted_subjects=role_words(lexicon, "contracted_subject"),
        demonstratives=role_words(lexicon, "demonstrative"),
        postmodifier_before=re.compile(rf"\s(?:{role('postmodifier')})\s+\Z"),
        postmodifier_after=re.compile(rf"\s+(?:{role('postmodifier')})\s+"))


def _words(lexicon: Lexicon | None) -> SpeakerWords:
    return speaker_words(lexicon or Lexicon.default())


def _subject_pronouns(lexicon: Lexicon) -> frozenset[str]:
    """The pronouns whose subject form differs from their object form ("he", "they"; not "it", "you")."""
    return frozenset(word for word, pronoun in lexicon.pronouns.items() if pronoun.object != word)


def _cases(words) -> set[str]:
    """The written cases of each word ("sen", "Sen", "SEN"): a case-insensitive trie is read twice as slowly."""
    return {case for w in words for case in (w, w[:1].upper() + w[1:], w.upper())}


def _token_pattern(lexicon: Lexicon) -> re.Pattern:
    """Abbreviations ("Mr.", "Gov.", "U.S.") and initials keep their period: they are part of a name or title.
    As a trie (longest first at every letter): one pass per position. Cheap tests open the first alternatives, as
    most tokens are plain words: a capital for "U.S." (a capital and a period, then a repeat: re tests a first
    character before entering an alternative, not before a repeat), a word and a period before the trie. First of
    all a word no period follows, read once (possessively: not a shorter one), which none of those can be."""
    abbreviated = trie_pattern(_cases(a for a in lexicon.all_abbreviations if a.isalpha()))
    return re.compile(rf"\w[\w’'&/-]*+(?!\.)|[A-Z]\.(?:[A-Z]\.)+|\b(?=\w+\.)(?:{abbreviated})\.|\b[A-Z]\.(?=\s)"
                      rf"|\w[\w’'&/-]*|[^\w\s]")


def _trailing_adverbials(lexicon: Lexicon) -> tuple[re.Pattern, frozenset]:
    """Adverbials between a subject and its cue, in the lexicon's weekday and month names, and the words one
    may end with (else it ends with a digit, "," or ")"): most subjects end with none, and the search from
    every space of the subject costs more than the rest of `mention_before`."""
    weekdays, months = (alternation(n.capitalize() for n in names) for names in (lexicon.weekdays, lexicon.months))
    month_forms = alternation(f.capitalize() for f in lexicon.month_forms)
    role = partial(role_pattern, lexicon)
    last = {phrase.split()[-1] for name in ("time", "day_part", "trailing_adverb", "time_direction")
            for phrase in role_words(lexicon, name)} | set(lexicon.weekdays) | set(lexicon.months)
    last |= {f"{word}s" for word in last} | {"minute", "minutes", "hour", "hours", "day", "days"}
    return re.compile(rf"""
    (?=[\s,(])                                                   # every adverbial's first character: a cheap test
    (?: \s+(?:(?:late|early)\s+)?(?:on|last|this|late|early|over\s+the)\s+  # on Monday, last week, late night,
          (?:(?:past|last)\s+)?(?:{weekdays}|{role('time')}|{role('day_part')})  # this past week, over the weekend
          (?:\s+(?:{role('day_part')}))?                             # on Tuesday night
      | \s+(?:on\s+)?(?:{month_forms})[a-z]*\.?\s+\d{{1,2}}          # on Oct. 22
      | \s+(?:{role('trailing_adverb')})
      | \s+(?:(?:less|more)\s+than\s+)?(?:{role('time_count')}|\d+)\s+(?:few\s+)?  # (less than) a month (ago)
          (?:minute|hour|day|{role('time')})s?
          (?:\s+(?:{role('time_direction')}))?                      # ("later" may open the cue)
      | \s+in\s+(?:\d{{4}}|{months})
      | \s*\([^()]{{1,30}}\)                                          # "Rep. Jane Doe (D-Ore.) said": no speaker
      | ,\s*\d{{1,3}},                                                # "Jane Doe, 82, said"
    )+\s*$""", re.VERBOSE), frozenset(last)


IN_NUMBER = re.compile(r"\d[,.]\d")  # a thousands separator or a decimal point
MAX_NUMBER_CHARS = 20  # how far back a figure's start is read ("1,409,000")
LAST_WORD = re.compile(r"\w+(?=\W*\Z)")


def _leading_pattern(lexicon: Lexicon) -> re.Pattern:
    """A sentence opener before the subject: "Separately, X said", "In a statement on Monday, X …", "Two days
    later, …" (not "X, however,")."""
    weekdays = alternation(day.capitalize() for day in lexicon.weekdays)
    return re.compile(rf"""
    \s*(?:[A-Z][a-z]+ly|{role_pattern(lexicon, 'opener', str.capitalize)}|{weekdays}
          |(?:[A-Z][a-z]+\s+){{1,3}}(?:later|earlier|ago|afterward|afterwards)
          |(?:[A-Z][a-z]{{2,}}ing|[A-Z][a-z]{{3,}}ed)(?=\s+[a-z]))\b  # "Facing criticism, X …"; not "Beijing, which"
    [^,.;:“”"]{{0,60}},\s+                                # the rest of the opener, up to its comma
    (?:however,\s+|meanwhile,\s+|though,\s+)?""", re.VERBOSE)


# The opener ends with a place after a preposition ("At a rally in Ames, "): its state or country may follow.
OPENER_ENDS_IN_PLACE = re.compile(r"\b(?:in|at|from|near|outside)\s+(?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*,\s+\Z")


def _opener_place(lexicon: Lexicon) -> re.Pattern:
    """After an opener ending in a place, the place's state between commas, and a day closed by a comma ("At a
    rally in Ames, Iowa, on Sunday, X …", "Speaking in Salem, N.H., he …"); only before a capitalised word, a
    subject pronoun or that day ("In Ames, Jane Doe, a farmer, said" keeps Jane Doe)."""
    weekdays = alternation(day.capitalize() for day in lexicon.weekdays)
    subjects = alternation(_subject_pronouns(lexicon))
    day = rf"(?:on\s+)?(?:{weekdays})(?:\s+(?:{role_pattern(lexicon, 'day_part')}))?,\s+"
    return re.compile(rf"""
    (?:[A-Z][a-z]*\.?(?:\s+[A-Z][a-z]*\.?)?|(?:[A-Z]\.){{2,}}),\s+    # Iowa, / New Hampshire, / N.H.,
    (?:{day})?(?=[A-Z]|(?:{subjects})\b)""", re.VERBOSE)


def _bare_opener(lexicon: Lexicon) -> re.Pattern:
    """What opens a sentence before its subject without a comma: a dateline or a heading in capitals
    ("BRUSSELS — Leaders met …", "CONGRESS HAS ACTED — The bill …"), a quotation ("“…,” Jane Doe sings …"),
    a time ("Last week the mayor …") and a quantifier's modifier ("At least one senator …")."""
    times = rf"(?:{role_pattern(lexicon, 'time')}|{role_pattern(lexicon, 'day_part')}|\w+day)"
    return re.compile(r"""
    \s*(?:(?:[A-Z][A-Z.,'’\ ]+(?:\([^()]{1,20}\)\s*)?                            # BRUSSELS (AP) —
          |[A-Z][\w.,'’\ ]{1,30}?\s*\([A-Z][^()]{0,20}\)\s*)(?:-|--|—|–)\s+)?       # Washington (AFP) –
    (?:[“"][^“”"]{1,400}?[,?!][”"]\s+)?                                          # “…,”
    (?:(?:Last|This|Next|Earlier|Later|On)(?:\s+(?:this|last|next))?\s+""" + times + r"""   # Last week, On Monday
       (?:\s+""" + role_pattern(lexicon, 'day_part') + r""")?\s+(?![,.]))?                 # (night)
    (?:At\s+(?:least|most)\s+)?                                                  # At least
    (?:(?:""" + role_pattern(lexicon, 'bare_conjunction', str.capitalize) + r""")\s+     # And he …, But Mrs. Roe …
       (?=(?:""" + alternation(lexicon.pronouns) + r""")\b|(?:Mr|Mrs|Ms|Dr)\.|(?!\w+day\b)[A-Z]
          |(?:""" + alternation(lexicon.determiners) + r""")\s))?""",
                      re.VERBOSE)


def _apposition_patterns(lexicon: Lexicon) -> dict[str, re.Pattern]:
    """The apposition after a name, and its end: a day or an adverb may stand between its comma and the cue
    ("Jane Doe, a senator, on Tuesday said")."""
    cue_adjunct = rf"(?:on\s+)?[A-Z][a-z]+day\s+|(?:{role_pattern(lexicon, 'trailing_adverb')}|[a-z]+ly)\s+"
    apposition = re.compile(r"""
    (?P<name>""" + _NAME_WORDS % "0,5" + r"""),\s+          # Jane Doe,
    (?P<role>
        (?:a|an|the|who|which|its|his|her|(?:[a-z][\w-]*\s+){1,3}(?:of|at|for)     # a member of the committee,
          |[A-Z][\w.-]*+(?:’s|'s|’|'))\s+[^,;“”"]{3,120}?                         # executive director of, Smith's aide
        (?:,\s+(?:(?:a|an|the|one\s+of)\s+[^,;“”"]{3,80}?     # a second apposition may follow,
                 |[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?              # or a place's state ("from Houston, Texas")
      | [RDI]-[A-Z][\w.]*                                   # D-Ore.
    ),\s*(?:""" + cue_adjunct + r""")?\Z""", re.VERBOSE)
    return {"apposition": apposition, "after_apposition": re.compile(r",\s*(?:" + cue_adjunct + r")?\Z")}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    name: str          # the speaker as resolved (or as written)
    role: str = ""     # title or apposition
    kind: str = "unknown"  # person, organisation, pronoun, group, unknown
    aside: bool = False    # later pronouns and short names do not refer to it (SpeakerSpan.aside)


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _starts_name(tokens: list[re.Match], i: int, words: SpeakerWords) -> bool:
    """Is tokens[i:] a capitalised name, possibly after "the" ("to the United Nations")?"""
    if i < len(tokens) and tokens[i].group() == "the":
        i += 1
    return i < len(tokens) and tokens[i].group()[:1].isupper() and tokens[i].group().lower() not in words.calendar


NAME_CHARS = frozenset("’'-_")  # with the letters and digits: the characters of [\w’'-], a name's word


def _is_name_char(char: str) -> bool:
    return char.isalnum() or char in NAME_CHARS


def _name_start(text: str, lo: int, comma: int) -> int | None:
    """The leftmost start (not before `lo`) of an apposition's name ending at `comma`: up to six words, each
    from its first capital ("eBay" starts at B), read leftwards; None when no name ends there."""
    end, words = comma, 0
    while words < 6:
        if words:  # before a further word: spaces, then an optional period after the word
            k = end
            while k > lo and text[k - 1].isspace():
                k -= 1
            if k == end:
                break
            end = k - 1 if k > lo and text[k - 1] == "." else k
        run = end
        while run > lo and _is_name_char(text[run - 1]):
            run -= 1
        last = end - 1 if words == 0 else end  # the last word has a second character: [A-Z][\w’'-]+
        capital = next((k for k in range(run, last) if "A" <= text[k] <= "Z"), None)
        if capital is None:
            break
        start, words = capital, words + 1
        if capital > run:
            break  # a word char before it: no word can come before this one
        end = capital
    return start if words else None


def _apposition(text: str, lo: int, hi: int, words: SpeakerWords) -> re.Match | None:
    """`words.apposition.search(text, lo, hi)`, tried only where a match can start: the name before the last or
    the second-last comma before the final one (a role holds at most one comma), from its leftmost start.
    A long capitalised word is read once, not once per letter."""
    closing = words.after_apposition.search(text, max(lo, hi - 24), hi)
    if closing is None:
        return None
    commas, k = [], closing.start()
    for _ in range(2):
        k = text.rfind(",", lo, k)
        if k == -1:
            break
        commas.append(k)
    starts = sorted({start for c in commas if (start := _name_start(text, lo, c)) is not None})
    return next((m for start in starts if (m := words.apposition.match(text, start, hi))), None)


@dataclass(slots=True)  # not frozen: a frozen dataclass is four times slower to create
class SpeakerSpan:
    """Where a speaker is named: the words, an apposition giving the role, or the antecedent a relative
    pronoun speaks for ("Jane Doe, who said …")."""
    start: int
    end: int
    role: str | None = None
    antecedent: tuple[int, int] | None = None
    aside: bool = False  # outside the main clause (the asker of "Asked by X whether …, she said"): no antecedent


def apposition_before(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> SpeakerSpan | None:
    """ "Jane Doe, a member of the committee, said", "Jane Doe, director of the centre, said": the name,
    with the apposition as its role."""
    words, end = _words(lexicon), hi
    while end > lo and text[end - 1].isspace():
        end -= 1
    if not words.after_apposition.search(text, max(lo, end - 24), hi):
        return None  # every form below ends in a comma (and an adjunct) before the cue: most cues have none
    match = _apposition(text, lo, hi, words) or REVERSED_APPOSITION.fullmatch(text, lo, hi) or \
        _reversed_after_comma(text, lo, hi)
    if not match:
        return None
    return SpeakerSpan(match.start("name"), match.end("name"), match.group("role"))


def relative_before(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> SpeakerSpan | None:
    """ "Jane Doe, who said …", "…, many of whom say": the relative pronoun, with its antecedent's span."""
    match = _words(lexicon).relative.search(text, lo, hi)
    antecedent = mention_before(text, lo, match.start(), lexicon) if match else None
    return SpeakerSpan(*match.span("who"), antecedent=antecedent) if antecedent else None


def _np_start(tokens: list[re.Match], reach: int, words: SpeakerWords) -> int:
    """Index of the first token of the noun phrase that ends the token list and reaches back to `reach`:
    a noun phrase does not start with a preposition or a stray possessive."""
    i = reach
    while i < len(tokens) and ((low := tokens[i].group().lower()) in words.name_prepositions or low in ("’s", "'s")):
        i += 1
    return i


def _np_reach(tokens: list[re.Match], words: SpeakerWords) -> int:
    """How far back the noun phrase ending the token list reaches. Reading tokens[k] for k >= i - 2 only, and
    testing i only against 1, it gives the same i (shifted) on a longer list when it gives i >= 2."""
    i = len(tokens)
    while i > 0 and len(tokens) - i < MAX_NP_TOKENS:
        word = tokens[i - 1].group()
        low = word.lower()
        # isalnum first: most tokens are plain words, which WORD takes whole
        if not (word.isalnum() or WORD.fullmatch(word)) and word not in ("’s", "'s", "-", ".") and not (
                word == "%" and i > 1 and tokens[i - 2].group()[-1:].isdigit()):
            break  # a mark ends the phrase, but a percentage is one ("42% say")
        if (low in words.name_prepositions and i > 1 and _starts_name(tokens, i, words)) or \
                (low in SHARE_WORDS and _in_share(tokens, i)):
            i -= 1
            continue
        if low in words.demonstratives and i < len(tokens):
            if tokens[i].group().lower() in words.trailing_last:
                return i + 1  # a time before the subject: "after this week officials said"
            if not (i > 1 and ((before := tokens[i - 2].group().lower()) in words.boundaries or
                               before in words.name_prepositions)):  # "because of this officials said": a boundary
                i -= 1
                break  # it opens the phrase: "“…,” this aide said"
        if low in words.boundaries and not (word[0].isupper() and i > 1):
            break
        i -= 1
        if low in words.articles and not (i > 0 and tokens[i - 1].group().lower() in words.name_prepositions):
            break  # an article opens the phrase ("met the envoy"), unless inside a name ("Secretary of the Navy")
        if i == len(tokens) - 1 and low in words.subject_pronouns:
            break  # a subject pronoun right before the cue is the subject: "are hopeful they can", "Monday he said"
    return i


SHARE_WORDS = ("in", "out", "of")  # what `_in_share` asks about: a cheap test before the call


def _in_share(tokens: list[re.Match], i: int) -> bool:
    """Is tokens[i - 1] "in", "out" or "of" in a share between two counts ("one in four", "nine out of 10 say")?
    Reads tokens[i - 2] and tokens[i] only."""
    low, after = tokens[i - 1].group().lower(), tokens[i].group().lower() if i < len(tokens) else ""
    if low == "of":
        return i > 1 and tokens[i - 2].group().lower() == "out" and _is_count(after)
    return i > 1 and low in ("in", "out") and (after == "of" if low == "out" else _is_count(after)) and \
        _is_count(tokens[i - 2].group().lower())


def _is_count(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


SPACE = re.compile(r"\s")
SPACES = re.compile(r"\s*")
TRAILING_TAIL, TRAILING_MARGIN = 400, 200  # chars first read for trailing adverbials; the longest adverbial
NP_TAIL = 120  # chars first read for the last tokens
NP_SHORT_TAIL = 40  # chars read first for a noun phrase: most are a few words after a verb or a comma


def _trailing_adverbials_start(text: str, lo: int, end: int, words: SpeakerWords) -> int:
    """Where the trailing adverbials match text[lo:end] (`end` when it does not; text[end - 1] is no space),
    reading only a tail: a match starting more than TRAILING_MARGIN (longer than any adverbial) after the
    tail's start is the leftmost one of the whole range; else the tail doubles."""
    last = end
    while last > lo and not text[last - 1].isspace():
        last -= 1
    final = text[last:end]
    if not final or not (final[-1] in ",)" or final[-1].isdigit() or final.lower() in words.trailing_last):
        return end
    trailing, size = words.trailing, TRAILING_TAIL
    while True:
        start = max(lo, end - size)
        match = trailing.search(text, start, end)
        if start == lo or (match.start() if match else end) > start + TRAILING_MARGIN:
            return match.start() if match else end
        size *= 2


def adverbials_start(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> int:
    """Where the adverbials of time ending text[lo:hi] begin ("… and on Monday", "… but later"), past the
    spaces before `hi`; where those spaces begin when there are none."""
    end = hi
    while end > lo and text[end - 1].isspace():
        end -= 1
    return _trailing_adverbials_start(text, lo, end, _words(lexicon))


def _last_tokens(text: str, lo: int, end: int, count: int, token: re.Pattern, size: int = NP_TAIL) -> list[re.Match]:
    """The last `count` (or more) tokens of text[lo:end], as `token.finditer(text, lo, end)` finds them:
    no token holds a space, so tokenising from a space gives the same tokens after it."""
    while True:
        start = max(lo, end - size)
        space = SPACE.search(text, start, end) if start > lo else None
        if start > lo and space is None:
            size *= 4
            continue
        tokens = list(token.finditer(text, space.start() if space else lo, end))
        if start == lo or len(tokens) >= count:
            return tokens
        size *= 4


def _reversed_after_comma(text: str, lo: int, hi: int) -> re.Match | None:
    """ "…, a spokeswoman, Jane Roe, said": a role and a name after the clause's comma (the third comma back),
    which follows a lowercase word (not "Jane Roe, the editor of the paper, The Post, said")."""
    k = hi
    for _ in range(3):
        k = text.rfind(",", lo, k)
        if k == -1:
            return None
    word = LAST_WORD.search(text, max(lo, k - 40), k)
    return REVERSED_APPOSITION.fullmatch(text, k + 1, hi) if word and word.group()[0].islower() else None


def mention_before(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> tuple[int, int] | None:
    """The noun phrase ending at `hi` (after dropping trailing adverbials), not reaching before `lo`; with its
    head when it is governed by a postmodifier ("a source familiar with the talks", "people close to him").

    Reads only the end of the range: the adverbials, then the last MAX_NP_TOKENS + 2 tokens.
    """
    words = _words(lexicon)
    phrase = _phrase_before(text, lo, hi, words, lexicon)
    link = _postmodifier_before(text, lo, phrase, words) if phrase else None
    head = (_phrase_before(text, lo, link.start(), words, lexicon) or
            _demonstrative_before(text, lo, link.start(), words)) if link else None
    return (head[0], phrase[1]) if head else phrase


MAX_POSTMODIFIER_CHARS = 30  # "with direct knowledge of "


def _postmodifier_before(text: str, lo: int, phrase: tuple[int, int], words: SpeakerWords) -> re.Match | None:
    """The postmodifier governing the phrase: ending where it starts ("familiar with| the talks"), or, when its
    first word is a boundary, ending inside it ("with knowledge of" before "knowledge of the inquiry")."""
    start = phrase[0]
    link = words.postmodifier_before.search(text, max(lo, start - MAX_POSTMODIFIER_CHARS), start)
    if link is None:
        link = words.postmodifier_after.search(text, max(lo, start - MAX_POSTMODIFIER_CHARS),
                                               min(phrase[1], start + MAX_POSTMODIFIER_CHARS))
        if link is not None and not link.start() < start < link.end():
            link = None
    return link


def _demonstrative_before(text: str, lo: int, end: int, words: SpeakerWords) -> tuple[int, int] | None:
    """ "those" alone heading a postmodified phrase ("those familiar with the talks")."""
    word = LAST_WORD.search(text, max(lo, end - 8), end)
    return word.span() if word and word.group().lower() in words.demonstratives else None


def _phrase_before(text: str, lo: int, hi: int, words: SpeakerWords, lexicon: Lexicon | None) -> tuple[int, int] | None:
    end = adverbials_start(text, lo, hi, lexicon)
    tokens = _last_tokens(text, lo, end, 3, words.token, NP_SHORT_TAIL)
    reach = _np_reach(tokens, words)
    if reach < 2 and end - NP_SHORT_TAIL > lo:  # the phrase may reach further back than these tokens (unless they
        # are all of the range, as before most sentence-opening subjects): read enough of them
        tokens = _last_tokens(text, lo, end, MAX_NP_TOKENS + 2, words.token)
        reach = _np_reach(tokens, words)
    if not tokens:
        return None
    i = _np_start(tokens, reach, words)
    if i >= len(tokens):
        return None
    start = tokens[i].start()
    if IN_NUMBER.match(text, max(0, start - 2)):
        if i == len(tokens) - 1:
            return None  # "… and 10,000 were expected": "000" is the end of a number, not a name
        start = _number_start(text, max(lo, start - MAX_NUMBER_CHARS), start)  # "1,409 teachers said"
    return start, tokens[-1].end()


def _number_start(text: str, lo: int, pos: int) -> int:
    """Where the figure whose last group starts at `pos` begins ("1,409", "2.5"), reading at most back to `lo`."""
    while pos - 2 >= lo and text[pos - 1] in ",." and text[pos - 2].isdigit():
        pos -= 1
        while pos > lo and text[pos - 1].isdigit():
            pos -= 1
    return pos


def mention_after(text: str, lo: int, hi: int, whole_phrase: bool = False,
                  lexicon: Lexicon | None = None) -> tuple[int, int] | None:
    """The noun phrase starting at `lo` (for "said the embassy", "according to X"), with the phrase a postmodifier
    governs ("said a source familiar with the talks").

    With `whole_phrase`, modifiers stay ("according to the lawmakers attending the hearing, ...").
    """
    words = _words(lexicon)
    phrase = _phrase_after(text, lo, hi, words, whole_phrase)
    link = words.postmodifier_after.search(  # the phrase may hold its first word ("a source familiar")
        text, max(phrase[0], phrase[1] - MAX_POSTMODIFIER_CHARS), min(hi, phrase[1] + MAX_POSTMODIFIER_CHARS)) \
        if phrase and not whole_phrase else None
    governed = _phrase_after(text, link.end(), hi, words) if link and link.start() <= phrase[1] else None
    return (phrase[0], max(phrase[1], governed[1])) if governed else phrase


def _phrase_after(text: str, lo: int, hi: int, words: SpeakerWords, whole_phrase: bool = False) -> tuple[int, int] | None:
    tokens = list(islice(words.token.finditer(text, lo, hi), MAX_NP_TOKENS + 2))  # all the loop below reads
    end = None
    for k, tok in enumerate(tokens[:MAX_NP_TOKENS]):
        word, low = tok.group(), tok.group().lower()
        if not (word.isalnum() or WORD.fullmatch(word)) and word not in ("’s", "'s"):
            break
        if k == 0 and (low in words.name_prepositions or low in words.boundaries):
            return None  # "said of the plan", "said that": no speaker follows
        if low in words.name_prepositions and k and _starts_name(tokens, k + 1, words):
            continue
        if whole_phrase and k:
            end = tok.end()
            continue
        if low in words.boundaries or (k and low in words.name_prepositions) or (k and _opens_clause(tokens, k, words)):
            break  # "told reporters he …", "told members the pier …": a new noun phrase opens the reported clause
        if low.endswith("ing") and k and low not in words.titles and _word_follows(tokens, k) and \
                tokens[k - 1].group().lower() not in words.phrase_determiners:
            break  # "the lawmakers attending the hearing": the participle starts a modifier ("the ruling" ends;
            # after a determiner it is an adjective: "a leading advocate")
        end = tok.end()
    return (SPACES.match(text, lo, hi).end(), end) if end else None


def _opens_clause(tokens: list[re.Match], k: int, words: SpeakerWords) -> bool:
    """Does tokens[k] open the subject of a reported clause: a subject pronoun ("he", "he’d"), or an article
    or a possessive not after a preposition or a determiner ("told members the pier …", not "the two senators")?"""
    low = tokens[k].group().lower()
    if _before_apostrophe(low) in words.subject_pronouns:
        return True
    before = tokens[k - 1].group().lower()
    return low in words.clause_determiners and before not in words.name_prepositions and \
        before not in words.phrase_determiners


def _before_apostrophe(word: str) -> str:
    """The word up to its first apostrophe ("he" of "he’d"), the whole word when it has none."""
    return word.partition("’")[0].partition("'")[0]


def _word_follows(tokens: list[re.Match], k: int) -> bool:
    return k + 1 < len(tokens) and WORD.fullmatch(tokens[k + 1].group()) is not None


def _is_verb(word: str, words: SpeakerWords) -> bool:
    """A verb or an adverb before it ("farmers often say")."""
    return word.islower() and (words.verb.fullmatch(word) is not None or word.endswith(("n’t", "n't")) or (
        words.adverb.fullmatch(word) is not None and word not in words.not_adverbs))


def _ends_subject(word: str, low: str, words: SpeakerWords) -> bool:
    return not WORD.fullmatch(word) or low in words.boundaries or _is_verb(word, words)


def _is_singular_verb(tokens: list[re.Match], k: int, words: SpeakerWords) -> bool:
    """ "the singer sings to …": a word in -s after a singular noun and before a function word is a verb."""
    if not (0 < k < len(tokens) - 1 and SINGULAR_VERB.fullmatch(tokens[k].group())):
        return False
    following = tokens[k + 1].group().lower()
    return bool(SINGULAR_NOUN.fullmatch(tokens[k - 1].group())) and (
        following in words.boundaries or following in words.phrase_determiners or
        following in words.name_prepositions)


def sentence_subject(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> tuple[int, int] | None:
    """The noun phrase opening a sentence, up to its verb: the speaker of "…, saying that …"."""
    words = _words(lexicon)
    lo = words.bare_opener.match(text, lo, hi).end()
    opener = words.leading.match(text, lo, hi)  # "Separately, X said …"
    start = opener.end() if opener else lo
    if opener and OPENER_ENDS_IN_PLACE.search(text, opener.start(), start):
        place = words.opener_place.match(text, start, hi)  # "At a rally in Ames, Iowa, on Sunday, X …"
        start = place.end() if place else start
    tokens = list(islice(words.token.finditer(text, start, hi), MAX_NP_TOKENS))
    determiners = words.phrase_determiners
    determined = bool(tokens) and tokens[0].group().lower() in determiners  # "The Democratic senator"
    ends, after_name = [], False
    for k, tok in enumerate(tokens):
        word, low = tok.group(), tok.group().lower()
        if _ends_subject(word, low, words):
            break
        if after_name and word.islower() and low not in words.name_prepositions and not determined and \
                "person" not in (words.titles.get(low), words.titles.get(low.removesuffix("s"))):  # "lawmakers"
            break  # a lowercase word after a name is its verb ("Jane Doe spoke …"), not a title ("Party leader")
        if _is_singular_verb(tokens, k, words):
            break  # "the singer sings to"
        if k > 1 and low in determiners and tokens[k - 1].group().lower() not in words.name_prepositions:
            ends.pop()  # "the senator left the hall": the word before a second determiner is the verb
            break
        contracted = _before_apostrophe(low)
        if contracted != low and contracted in words.contracted_subjects:
            ends.append(tok.start() + len(contracted))  # "he’s predicting": "he", then the auxiliary
            break
        # "Hillary Clinton’s campaign manager Robby Mook": the role nouns after a possessive go on
        possessive = low.endswith(("’s", "'s")) and low[:-2] not in words.contracted_subjects  # not "He’s long …"
        after_name = word[:1].isupper() and low not in determiners and not possessive
        ends.append(tok.end())
    return (tokens[0].start(), ends[-1]) if ends else None


MAX_OPENER_COMMAS = 3  # commas read for the end of an opening phrase or clause


def main_subject(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> tuple[int, int] | None:
    """The subject of a sentence's main clause: its opening noun phrase when a verb follows it, else the
    subject after an opening phrase or clause (`subject_after_opener`: "When the storm hit, the governor
    left …", "The day before, at a rally, Mr. Doe was …"); else the opening phrase as before."""
    opening = sentence_subject(text, lo, hi, lexicon)
    if opening is not None and _verb_follows(text, opening, hi, _words(lexicon)):
        return opening
    return subject_after_opener(text, lo, hi, lexicon) or opening


def _verb_follows(text: str, span: tuple[int, int], hi: int, words: SpeakerWords) -> bool:
    """Is the noun phrase `span` a subject: a pronoun, or a phrase a verb follows?"""
    verb = words.token.match(text, SPACES.match(text, span[1], hi).end())
    return bool(verb) and (text[span[0]:span[1]].lower() in words.pronouns or _is_verb(verb.group(), words))


def clause_subject(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> tuple[int, int] | None:
    """The subject of the last subordinate clause before `hi` that has a verb ("after she appeared to"); a
    subordinator whose words have none is a preposition ("when the mayor appeared before reporters to …")."""
    words = _words(lexicon)
    found = list(words.subordinator.finditer(text, lo, hi))[-MAX_SUBORDINATORS:]
    for last in reversed(found):
        if last.group("opening") and "," in text[last.end():hi]:
            return None  # "When the storm hit, the governor failed to …": the opening clause closed at its comma
        span = sentence_subject(text, last.end(), hi, lexicon)
        if span and _verb_follows(text, span, hi, words):
            return span
    return None


def subject_after_opener(text: str, lo: int, hi: int, lexicon: Lexicon | None = None,
                         commas: int = MAX_OPENER_COMMAS, mark: str = ",") -> tuple[int, int] | None:
    """The main clause's subject after an opening phrase or clause that `sentence_subject` cannot read past
    ("When told of the plan, the mayor paused and said …"): the first noun phrase after one of the first
    `commas` marks that a verb (or, for a pronoun, anything) follows."""
    words, comma = _words(lexicon), lo
    for _ in range(commas):
        comma = text.find(mark, comma, hi)
        if comma == -1:
            return None
        comma += 1
        span = sentence_subject(text, comma, hi, lexicon)
        if not span:
            continue
        first = words.token.match(text, span[0])
        if first and first.group().lower() in words.subject_pronouns:
            return first.span()  # "…, she backs …": a subject pronoun is the whole subject
        if _verb_follows(text, span, hi, words):
            return span
    return None


def infinitive_subject(text: str, lo: int, hi: int, lexicon: Lexicon | None = None,
                       nearest_only: bool = False) -> tuple[int, int] | None:
    """Who does what an infinitive ending at `hi` says: the object of "forced X to", else the nearest subject
    (a subordinate clause's, else the sentence's; with `nearest_only`, never the sentence's)."""
    for control in _words(lexicon).control_verb.finditer(text, lo, hi):
        listener = mention_after(text, control.end(), hi, lexicon=lexicon)
        if listener and OBJECT_TO.match(text, listener[1], hi):
            return listener
    return clause_subject(text, lo, hi, lexicon) or (None if nearest_only else sentence_subject(text, lo, hi, lexicon))


@lru_cache(maxsize=4096)  # a speaker's phrase recurs within an article and across a corpus
def split_role(phrase: str, lexicon: Lexicon | None = None) -> tuple[str, str, str]:
    """(name, role, kind) of a mention: "Finance Minister Ana Ruiz" -> ("Ana Ruiz", "Finance Minister", "person")."""
    speaker = _words(lexicon)
    titles, determiners = speaker.titles, speaker.phrase_determiners
    words = phrase.split()
    low = [w.lower().strip("’'") for w in words]
    if low and low[0] in speaker.pronouns and len(words) == 1:
        return phrase, "", "pronoun"
    positions = [k for k, w in enumerate(low) if w in titles or w.removesuffix("s") in titles]
    if len(positions) > 1 and positions[-1] == len(words) - 1 and low[positions[-2]].endswith(".") and \
            low[-1][-1:] != ".":
        # "Mr. King", "Dr. Jane Judge": after an abbreviated title, the last word is a surname
        positions.pop()
    title_at = max(positions, default=-1)
    if 0 <= title_at < len(words) - 1 and all(_is_capitalised(w) for w in words[title_at + 1:]):
        name = " ".join(words[title_at + 1:])
        role = " ".join(words[:title_at + 1])
        return name, role, titles.get(low[title_at], titles.get(low[title_at].removesuffix("s"), "person"))
    if title_at == len(words) - 1:  # "Chile’s Orbe news agency": the name precedes the descriptor
        k = title_at
        while k > 0 and words[k - 1].islower():
            k -= 1
        first = k
        while first > 0 and words[first - 1][:1].isupper() and not low[first - 1].endswith(("’s", "'s")):
            first -= 1
        if first < k and low[first] not in determiners:
            role = " ".join(words[:first] + words[k:])
            return " ".join(words[first:k]), role, titles.get(low[title_at].removesuffix("s"), "organisation")
    body = words[1:] if low and low[0] in determiners else words
    is_name = 1 < len(body) <= 4 and all(w[:1].isupper() for w in body) and not any(
        w.lower() in titles for w in body)
    is_titled = bool(low) and titles.get(low[-1]) == "person"  # "the mayor", "a spokesman"
    return " ".join(body) if body else phrase, "", "person" if is_name or is_titled else "unknown"


@dataclass
class Resolver:
    """Resolves pronouns and short forms to the full mention introduced earlier in the same article.

    `people` and `others` keep every resolved name in order; the look-ups go through indexes by word
    (the latest name holding it), so an article with many mentions costs the same per mention.
    """
    lexicon: Lexicon | None = None  # whose pronouns say whom a pronoun refers to (default: the package's)
    people: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    _people_names: set = field(default_factory=set, repr=False)
    _person_by_word: dict = field(default_factory=dict, repr=False)      # word -> latest person holding it
    _other_by_word: dict = field(default_factory=dict, repr=False)       # word -> latest other holding it
    _other_by_low_word: dict = field(default_factory=dict, repr=False)   # lowercased word -> latest other
    _person_by_role_word: dict = field(default_factory=dict, repr=False)  # word of a role -> latest person
    _bare_surname: str | None = field(default=None, repr=False)          # latest one-word capitalised other

    def _add(self, name: str, person: bool, role: str | None = None) -> None:
        if person:
            self.people.append(name)
            self._people_names.add(name)
            self._person_by_word.update(dict.fromkeys(name.split(), name))
            self._person_by_role_word.update(dict.fromkeys((role or "").lower().split(), name))
            return
        self.others.append(name)
        self._other_by_word.update(dict.fromkeys(name.split(), name))
        self._other_by_low_word.update(dict.fromkeys(name.lower().split(), name))
        if " " not in name and name[:1].isupper() and not name.isupper():
            self._bare_surname = name

    def resolve(self, mention: Mention) -> Mention:
        low = mention.text.lower()
        if mention.kind == "pronoun":
            person = _words(self.lexicon).pronouns.get(low) == "person"
            pool = self.people if person else self.others
            if person and not pool:  # "Doe said … She added": a bare surname
                mention.name = self._bare_surname if self._bare_surname is not None else pd.NA
            else:
                mention.name = pool[-1] if pool else pd.NA
            return mention
        words = mention.name.split()
        if len(words) == 1 and words[0][:1].isupper():
            # the latest other holding the word, else the latest person
            earlier = self._other_by_word.get(words[0]) or self._person_by_word.get(words[0])
            if earlier:
                mention.name = earlier
                mention.kind = "person" if earlier in self._people_names else mention.kind
        elif low.split()[0] in ("the", "this") and mention.text[4:5].islower():
            # "the minister": the latest person whose role has the word, else the latest other ("the agency")
            head = low.split()[-1]
            earlier = self._person_by_role_word.get(head) or self._other_by_low_word.get(head)
            if earlier:
                mention.name = earlier
                mention.kind = "person" if earlier in self._people_names else mention.kind
        if not mention.aside:
            self._add(mention.name, mention.kind == "person", mention.role)
        return mention
