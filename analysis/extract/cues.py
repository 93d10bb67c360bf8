"""Reporting cues: the words that introduce what someone said, believed or reported.

The forms are the Lexicon's cues (`data/cues.csv`: lemma, forms, kind, takes_object); a user extends them
with `Lexicon.default().extended(cues="my_cues.csv")` and passes that lexicon in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

from ..text.lexicon import (Lexicon, PhraseScan, alternation, role_pattern, role_words, speaker_pronouns,
                            trie_pattern)
from .numbers import NUMBER_WORDS

HEADLINE_CHARS = 200     # a headline is a short line
TITLE_CASE_SHARE = 0.8   # of its words of four letters or more, capitalised
TITLE_WORD = re.compile(r"\b[^\W\d_]{4,}")


class CueWords(NamedTuple):
    """The words around a cue form that find_cues reads, from one lexicon's attribution_words (`cue_words`)."""
    auxiliaries: frozenset[str]   # auxiliaries and adverbs that belong to the cue: "has also said", "had previously
                                  # warned" (any lowercase adverb in -ly too: "has sharply criticized")
    not_adverbs: frozenset[str]   # ... but not these nouns and adjectives in -ly ("family", "daily")
    determiners: frozenset[str]   # a determiner or a possessive makes the form a noun: "the estimate", "its report"
    quantifiers: frozenset[str]   # ... but a quantifier before a past form stands for people ("many believed"),
    singular_quantifiers: frozenset[str]  # ... and one not of these before a plain form ("many believe", not "each
    mass_quantifiers: frozenset[str]      # report"); one of these only before a clause ("Some say the …")
    noun_modifiers: frozenset[str]  # a present or plural form after one heads a compound noun ("roll call")
    before_participle: frozenset[str]  # a past form after one is a participle ("the man who was arrested says")
    contracted_subjects: frozenset[str]  # "he’s said", "it's claimed": there ’s is "has" or "is", no possessive
    copulas: frozenset[str]       # before an adjective cue ("remain confident that")
    prepositions: frozenset[str]  # a past form after one is an adjective ("in pledged delegates") ...
    clause_openers: frozenset[str]  # ... unless "that", a determiner or a pronoun opens a clause after it
    reflexive_after: re.Pattern   # "he found himself on the street": no finding
    particle_after: re.Pattern    # "show up", "claim off": no reporting verb


@lru_cache(maxsize=8)
def cue_words(lexicon: Lexicon) -> CueWords:
    role = partial(role_words, lexicon)
    return CueWords(role("cue_auxiliary"), role("not_adverb"), role("cue_determiner"), role("quantifier"),
                    role("singular_quantifier"), role("mass_quantifier"), role("noun_modifier"),
                    role("before_participle"), role("contracted_subject"), role("copula"),
                    role("preposition") - {"as"},  # "as expected": "as" opens a clause
                    frozenset({"that"}) | lexicon.determiners | frozenset(lexicon.pronouns),
                    re.compile(rf"\s+(?:{role_pattern(lexicon, 'reflexive')})\b"),
                    re.compile(rf"\s+(?:{role_pattern(lexicon, 'particle')})\b", re.IGNORECASE))


def word_before(text: str, pos: int) -> tuple[int, str] | None:
    """(start, word) of the word ending right before the spaces before `pos`, if any."""
    end = pos
    while end > 0 and text[end - 1] in " \t\xa0":
        end -= 1
    if end == pos:
        return None
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "’'"):
        start -= 1
    return (start, text[start:end]) if start < end else None


def is_auxiliary(word: str, lexicon: Lexicon | None = None) -> bool:
    """Does the word belong to a cue after it ("has", "also", "isn’t", "sharply")?"""
    return _is_auxiliary(word, cue_words(lexicon or Lexicon.default()))


def _is_auxiliary(word: str, words: CueWords) -> bool:
    low = word.lower()
    return (low in words.auxiliaries or low.endswith(("n’t", "n't"))
            or (word.islower() and len(word) > 3 and word.endswith("ly") and word not in words.not_adverbs))


def _opens_with_verb(text: str, start: int, lexicon: Lexicon) -> bool:
    """Does the cue open with an auxiliary or modal verb ("was confirmed", "may recall")? A determiner before it
    is then a pronoun subject ("This was confirmed by …", "Some may recall"), not a noun's ("this report")."""
    first = text[start:start + 12].split(None, 1)[0].lower()
    return first in lexicon.auxiliaries or first in lexicon.modals


def _is_determiner(word: str, words: CueWords) -> bool:
    low = word.lower()
    if low.endswith(("’s", "'s")):
        return low[:-2] not in words.contracted_subjects
    return low in words.determiners


LABEL_COLON = re.compile(r"[ \t]*:")
NEXT_WORD = re.compile(r"[ \t]*(?:(?P<mark>[“\":])|(?P<word>[\w’']+))")  # what opens the words after a form
SOURCE_BEFORE = re.compile(r"\baccording\s+to\s+\Z", re.IGNORECASE)


# Not frozen: a frozen dataclass is four times slower to create. Hashed as a frozen one (rows are grouped
# by cue); never changed after it is made.
@dataclass(slots=True, unsafe_hash=True)
class Cue:
    start: int
    end: int
    text: str
    lemma: str
    kind: str            # speech, belief or source
    takes_object: bool   # "told reporters that": skip the listener before the content


@lru_cache(maxsize=8)
def cue_pattern(lexicon: Lexicon | None = None) -> re.Pattern:
    """One compiled alternation over every cue form of the lexicon (`lexicon.cues`: form -> lemma, kind,
    takes_object) in its usual cases, factored as a trie."""
    lexicon = lexicon or Lexicon.default()
    # The written cases of each form instead of re.IGNORECASE, which makes Python's re read the trie
    # twice as slowly: "said", "Said", "SAID", "According To".
    cases = {variant for form in lexicon.cues for variant in (form, form[:1].upper() + form[1:], form.upper(),
                                                               form.title())}
    return re.compile(rf"\b(?P<form>{trie_pattern(cases)})\b")


@lru_cache(maxsize=8)
def _lowered_cues(lexicon: Lexicon) -> PhraseScan:
    """The cue forms in lower case, for a first scan of the `lowered` text (a trie a quarter the size)."""
    return PhraseScan(lexicon.cues)


def _speech_forms(lexicon: Lexicon | None) -> list[str]:
    return [form for form, cue in (lexicon or Lexicon.default()).cues.items() if cue.kind == "speech"]


def _cue_start(text: str, start: int, words: CueWords, copulas=()) -> tuple[int, tuple[int, str] | None]:
    """Where the cue starts once its auxiliaries and adverbs are included ("has also said"), and with
    `copulas` an adjective cue's copula ("remain confident that"); and the word before that start."""
    word = word_before(text, start)
    while word and (_is_auxiliary(word[1], words) or word[1].lower() in copulas):
        start = word[0]
        word = word_before(text, start)
    return start, word


def _headline_verb(text: str, form_match: re.Match, lexicon: Lexicon) -> bool:
    """ "Senator Says Talks Failed": a speech verb in -s or the past in a line written in title case."""
    form = form_match.group("form").lower()
    cue = lexicon.cues.get(" ".join(form.split()))
    if cue is None or cue.kind != "speech" or not form.endswith(("s", "ed", "said", "told")):
        return False
    word = word_before(text, form_match.start())
    if word and word[1].lower() in lexicon.attribution_words.get("preposition", ()):
        return False  # "Minister Heads to Moscow Amid Claims of …": a noun
    line_start = text.rfind("\n", max(0, form_match.start() - HEADLINE_CHARS), form_match.start()) + 1
    line_end = text.find("\n", form_match.end(), form_match.end() + HEADLINE_CHARS)
    line = text[line_start:line_end if line_end != -1 else form_match.end() + HEADLINE_CHARS]
    words = TITLE_WORD.findall(line)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _sentence_initial(text: str, i: int) -> bool:
    before = text[max(0, i - 20):i].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:;—–-"


def _follows_determiner(text: str, word: tuple[int, str] | None, form: str, end: int, words: CueWords) -> bool:
    """Is the form (ending at `end`) a noun after a determiner or a number (`word` is the word before it)? Not a
    past form after a quantifier standing for people ("One in three said", "many believed", "two told
    reporters"), nor a plain form after one that is plural ("Some say the …", "Many believe") or a share ("nine
    out of 10 say")."""
    if word and word[1].isdigit():  # "the 10 judges", "10 judges" (but "320 said", "in 2010 said")
        if form.endswith("s") and form.lower() != "says" and not text[word[0] - 1:word[0]].strip():
            return True  # not after a hyphen: "Covid-19 shows"
        word = word_before(text, word[0])
        if word and word[1] == "of" and (out := word_before(text, word[0])) and out[1].lower() == "out":
            return False  # a share: "nine out of 10 say"
    quantifier = word[1].lower() if word and word[1].lower() in words.quantifiers else None
    if quantifier and (form.endswith("ed") or form.lower() in ("said", "told") or
                       (not form.endswith("s") and _plain_verb_after(text, word, end, quantifier, words))):
        return False
    return bool(word) and _is_determiner(word[1], words)


def _plain_verb_after(text: str, quantifier: tuple[int, str], end: int, low: str, words: CueWords) -> bool:
    """Is a plain form after this quantifier a verb ("many believe")? Not after a singular one ("each report");
    after "some", "all" or "most" only before a clause and with no preposition before ("Some say the …", not
    "By some estimate the …", "Some report cards")."""
    if low in words.singular_quantifiers:
        return False
    if low not in words.mass_quantifiers:
        return True
    before = word_before(text, quantifier[0])
    return (before is None or before[1].lower() not in words.prepositions) and _clause_follows(text, end, words)


def _compound_head(text: str, word: tuple[int, str] | None, form: str, lemma: str, words: CueWords) -> bool:
    """ "a roll call", "conference calls", "the TV show", "News reports said": a present or plural form right after
    a noun modifier (in lower case, in capitals or opening a sentence: "Associated Press reports" is a verb) heads
    a compound noun."""
    if not word or word[1].lower() not in words.noun_modifiers or not (
            word[1].islower() or word[1].isupper() or _sentence_initial(text, word[0])):
        return False
    low = form.lower()
    return low == lemma or (low.endswith("s") and low.startswith(lemma[:-1]))


def _adjective_after_preposition(word: tuple[int, str] | None, form: str, words: CueWords) -> bool:
    """ "a lead in pledged delegates", "lied about alleged fraud": a past form right after a preposition is an
    adjective, no verb."""
    return bool(word) and form.endswith("ed") and word[1] in words.prepositions


def _clause_follows(text: str, end: int, words: CueWords) -> bool:
    """Does a clause follow the form ("media report that …", "he spoke to warned the …", "radio says “…”")? Then
    it is the verb, not a compound's head or an adjective."""
    following = NEXT_WORD.match(text, end)
    return following is not None and (following.group("mark") is not None or
                                      following.group("word").lower() in words.clause_openers)


def _object_of_past_verb(text: str, word: tuple[int, str] | None, form: str, words: CueWords) -> bool:
    """ "renewed fears", "dismissed reports": a noun in -s right after a past-tense verb (`word`) is its
    object (not after a participle: "the man who was arrested says", "everyone involved claims")."""
    if form.lower() == "says" or not form.endswith("s") or not word or not word[1].islower() or \
            not word[1].endswith("ed") or _is_auxiliary(word[1], words):
        return False
    before = word_before(text, word[0])
    return not before or before[1].lower() not in words.before_participle


def find_cues(text: str, lexicon: Lexicon | None = None) -> list[Cue]:
    """Every reporting cue in the text, with its auxiliaries, in text order."""
    lexicon = lexicon or Lexicon.default()
    forms, words = lexicon.cues, cue_words(lexicon)
    cues, written = [], cue_pattern(lexicon)
    for found in _lowered_cues(lexicon).finditer(text):
        form_match = written.match(text, found.start())  # in one of its usual cases: not "sAid"
        if form_match is None:
            continue
        start, word = _cue_start(text, form_match.start(), words)
        if text[start].isupper() and not _sentence_initial(text, start) and \
                not _headline_verb(text, form_match, lexicon):
            continue  # "United States", "Washington Post": a capitalised form mid-sentence is a name
        end, matched = form_match.end(), form_match.group()
        if LABEL_COLON.match(text, end) and text[start - 1:start] in ("", "\n"):
            continue  # "Published: Nov. 25", "Updated :": a page label opening a line, not a reporting verb
        if (text[end:end + 1] == "-" or text[start - 1:start] == "-" or words.particle_after.match(text, end)
                or (_follows_determiner(text, word, matched, end, words) and not _opens_with_verb(text, start, lexicon))
                or _object_of_past_verb(text, word, matched, words)):
            continue  # "state-run", "so-called", "show up", "the estimate", "its report": not reporting verbs
        form = " ".join(form_match.group("form").lower().split())
        lemma, kind, takes_object = forms[form]
        if start == form_match.start() and (_compound_head(text, word, matched, lemma, words) or
                                            _adjective_after_preposition(word, matched, words)) and \
                not (" " not in matched and _clause_follows(text, end, words)):  # "a roll call on the bill" stays
            continue  # "the roll call", "a TV show": a noun; "in pledged delegates": an adjective
        if lemma.startswith("be "):
            start = _cue_start(text, start, words, words.copulas)[0]
        if (kind != "source" and SOURCE_BEFORE.search(text, max(0, start - 16), start)) or \
                (kind == "finding" and words.reflexive_after.match(text, end)):
            continue  # "according to reports", "he found himself on the street": no reporting verbs
        cues.append(Cue(start, form_match.end(), text[start:form_match.end()], lemma, kind, takes_object))
    return cues


@dataclass(frozen=True)
class TagPatterns:
    """Where a verb outside the cue lexicon reports a quotation by its place, right beside it."""
    after: re.Pattern     # “…,” the man shouted. / “…,” the statement read.
    inverted: re.Pattern  # “…,” quipped the senator. / “…,” reads the sign.
    before: re.Pattern    # The banner read: “…” (searched in the few characters before a quotation)


WORD = r"[A-Za-z][\w’'.-]*"
MAX_BEFORE_QUOTE = 20  # characters: "read: “", "shot back, “" before a quotation


@lru_cache(maxsize=8)
def tag_patterns(lexicon: Lexicon) -> TagPatterns:
    """Any past-tense verb in -ed, or one of the lexicon's `tag_verbs` ("read", "states"), in the short
    reporting clause after a quotation closed by a comma, "?" or "!": a subject (a pronoun, or at most four
    words) then the verb, or the verb then a subject. Right before a quotation: a tag verb ("read: “…”"), or
    a past verb and a comma when the quotation opens a sentence ("she cracked, “I …”"). A tag verb may have a
    colon or a comma ("The sign read: “…”", "the permit states, “…”")."""
    verb = r"(?P<verb>[a-z]{2,}ed|" + alternation(lexicon.tag_verbs) + r")\b"
    subject = rf"(?P<subject>{speaker_pronouns(lexicon)}|(?:{WORD}[ \t]+){{0,3}}{WORD})"
    determiner = role_pattern(lexicon, "tag_determiner")
    inverted_subject = rf"(?P<subject>(?:{determiner})[ \t]+(?:{WORD}[ \t]+){{0,3}}{WORD}" \
                       rf"|[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){{0,3}})"
    end = rf"(?=[ \t]*(?:[.,;]|(?:{role_pattern(lexicon, 'tag_adjunct')})[ \t]))"  # the clause ends, or an adjunct
    return TagPatterns(
        after=re.compile(rf"(?:[”\"]|'')?[ \t]+{subject}[ \t]+{verb}{end}"),
        inverted=re.compile(rf"(?:[”\"]|'')?[ \t]+{verb}[ \t]+{inverted_subject}{end}"),
        before=re.compile(r"\b(?:(?P<verb>" + alternation(lexicon.tag_verbs) + r")[ \t]*[:,]?"
                          r"|(?P<past>[a-z]{3,}ed(?:[ \t]+(?:back|up|out|in))?),)[ \t]*\Z"),
    )


def tag_cues(text: str, quotations: list[tuple[int, int]], cues: list[Cue], lexicon: Lexicon) -> list[Cue]:
    """Cues found by their place, not the lexicon: the verb of a short reporting clause right after a
    quotation (“…,” she quipped.), or a tag verb right before one (The sign read: “…”), reports it.
    Kind `tag`; none where a lexicon cue is."""
    found, listed, patterns = [], {c.start for c in cues}, tag_patterns(lexicon)
    for start, end in quotations:
        mark = start - 2 if text[start - 2:start] == "''" else start - 1
        tags = [patterns.before.search(text, max(0, mark - MAX_BEFORE_QUOTE), max(0, mark))]
        if tags[0] and tags[0].group("past") and not text[start:start + 1].isupper():
            tags = []  # "she cracked, “I'm …”": after a past verb and a comma, a quotation opening a sentence
        if text[end - 1:end] in (",", "?", "!"):
            tags += [patterns.after.match(text, end), patterns.inverted.match(text, end)]
        for tag in tags:
            group = "verb" if tag and tag.group("verb") else "past"
            if not tag or tag.start(group) in listed or \
                    ("subject" in tag.groupdict() and tag.group("subject").lower() in lexicon.auxiliaries):
                continue
            verb = tag.group(group)
            listed.add(tag.start(group))
            found.append(Cue(tag.start(group), tag.end(group), verb, verb.lower(), "tag", False))
    return found


@lru_cache(maxsize=8)
def coordinated_cue_pattern(lexicon: Lexicon | None = None) -> re.Pattern:
    """ "…, and said", "… but (also) noted": where the content of the first of two coordinated cues ends.
    Only a speech cue starts a statement of its own: after "and knows", "and wants" the clause goes on."""
    adverb = rf"(?:(?:{role_pattern(lexicon or Lexicon.default(), 'coordinated_adverb')}|[a-z]+ly)\s+)?"
    speech = trie_pattern(_speech_forms(lexicon))
    # ",?\s+" as one character class first ([,\s]), so that re scans for it at C speed
    return re.compile(r"[,\s]\s*(?<=\s)(?:and|but)\s+(?=" + adverb + r"(?:" + speech + r")\b)", re.IGNORECASE)


@lru_cache(maxsize=8)
def new_predicate_pattern(lexicon: Lexicon | None = None, finite: bool = False) -> re.Pattern:
    """ "…, adding that": a participle cue after a comma starts a new predicate of the sentence's subject.
    With `finite`, a one-word speech verb that is no participle does ("…, told his advisers"), or a past form
    before "that" ("…, recalled that …"; not "…, approved by", which may open an apposition)."""
    adverb = rf"(?:(?:{role_pattern(lexicon or Lexicon.default(), 'predicate_adverb')}|[a-z]+ly)\s+)?"
    if finite:
        one_word = [form for form in _speech_forms(lexicon) if " " not in form]
        chosen = [form for form in one_word if not form.endswith(("ing", "ed"))]
        past = [form for form in one_word if form.endswith("ed")]  # "…, recalled that": not "…, approved by"
        verbs = rf"(?:{trie_pattern(chosen)})\b|(?:{trie_pattern(past)})\s+that\b"
    else:
        verbs = rf"(?:{trie_pattern([form for form in (lexicon or Lexicon.default()).cues if form.endswith('ing')])})\b"
    return re.compile(r",\s+(?=" + adverb + r"(?:" + verbs + r"))", re.IGNORECASE)


@lru_cache(maxsize=8)
def new_clause_pattern(lexicon: Lexicon | None = None) -> re.Pattern:
    """ "…, and Hillary Clinton is promising …", "…, and the civil rights group strongly denounced …": a second
    clause, with its own subject (a name, a pronoun or a noun phrase opened by a determiner) and cue, ends the
    content of the first."""
    lexicon = lexicon or Lexicon.default()
    verbs = trie_pattern(_speech_forms(lexicon))
    auxiliary = role_pattern(lexicon, "clause_auxiliary")
    name = r"[A-Z][\w.-]*(?<![’'])\s+"  # not a possessive: "and Smith's claims"
    determiner = alternation(lexicon.determiners)
    count = r"\d[\d.,]*|" + alternation(NUMBER_WORDS)
    return re.compile(r"""
        ,\s+and\s+(?=
            (?:(?:""" + name + r"""){1,4}                                            # and Hillary Clinton
               |(?:""" + speaker_pronouns(lexicon) + r""")\s+                          # and she
               |(?:""" + determiner + r""")\s+(?:[\w.-]+(?<![’'])\s+){1,5}?        # and the rights group
               |(?:[a-z]+\s+){0,2}(?:""" + count + r""")\s+(?:in|out\s+of)\s+    # and (nearly) one in four
                (?:""" + count + r""")\s+
               |(?:[a-z]+\s+){0,2}\d[\d.,]*\s*(?:%|percent)\s+)                        # and 40 percent
            (?:(?:""" + auxiliary + r"""|[a-z]+ly)\s+){0,2}                           # is
            (?:""" + verbs + r""")\b)                                               # promising""", re.VERBOSE)
