"""Attribution rules: each recognises one construction of English news writing and says who speaks and what.

A cue rule is a small function of a `CueContext` (the Doc, the cue, and the clause window around it)
that returns a `Found` (speaker span and content) when its construction is there, else None. A
document rule scans the Doc itself and yields whole `Candidate`s. Every candidate carries the name
of the rule that made it, which becomes the `rule` column of the attributions and claims tables;
`selection.CUE_RULES` orders the cue rules (the first that recognises a cue decides it).

Cue rules, by name:
- according-to-before  "…, according to X": the clause before.
- according-to-after   "According to X, …": the clause (or quotation) after the comma.
- as-clause            "As X noted, …", "…, as X reported.", "as first reported by X": the main clause.
- passive-agent        "The issue was first reported by the AP": the passive's subject, by its agent.
- passive-unattributed "The vote is expected to pass": no source named (the subject is not one).
- apposition-trailing  "“…,” Jane Doe, a professor, said.": the quotation or clause before.
- quote-tag            "“…,” Jane Doe, 45, of Ohio, who was polled, said.": a speaker phrase of several parts,
                       or one too long to read as a subject ("“…,” the senator and candidate said.").
- apposition-forward   "Jane Doe, a professor, said …", "The party's chairman, Jane Doe, said …".
- insertion-subject    "The envoy, who arrived on Monday, said …": the subject before the insertion.
- participle-opener    "In a statement announcing …", "Citing a poll, X …": an opening participle.
- participle           "X attacked Y, saying that …": the sentence's (or clause's) subject speaks.
- inverted             "“…,” said X." / "…, said the envoy.": the speaker after the cue.
- relative-pronoun     "Jane Doe, who said …": the antecedent speaks.
- trailing             "“…,” X said." / "The talks failed, X said.": the speaker before the cue.
- tag-verb             "“…,” the man shouted.", "The sign read: “…”": a verb outside the lexicon, by its place.
- named-quotation      "what lawmakers called “fraud”": the quotation alone.
- colon-quotation      "The minister said:" ending a paragraph, a quotation paragraph after it.
- forward              "X said (that) …", "X told Y …": the clause after the cue.
Document rules: signature-dash (“…” ― Name; a quotation paragraph and "- Name" on the line under it),
headline-colon ("Poll: Wealthy voters abandon …"), headline-source ("Troops expected in Russia by December —
report", "Soldiers killed in the war: NIS": a title line that names its source last), colon-lead ("The senator
went further: “…”": the sentence's subject, whatever the verb before the colon), poll-opener ("In a CBS News
poll released Monday, Clinton led …": the survey reports the main clause).
A quotation with no cue that continues a speaker's statement in a new paragraph is a row of rule
quote-continuation (made in `selection.continue_quotations`); a quotation of whole sentences that no
statement holds is a row of rule standalone-quotation when a speaker is in reach: the subject of the words
leading to it in its sentence, else the speaker of the statement just before it in the same or the previous
paragraph (`selection.standalone_quotations`); a source cited in a statement's reporting clause
("…, the agency said, citing officials") speaks it too, a row of rule cited-source (`selection.cited_sources`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Callable, Iterator, NamedTuple

from ..text.doc import HEADLINE_MAX_WORDS, SENTENCE_END, Doc
from ..text.lexicon import Lexicon, alternation, phrase_key, role_pattern, role_words, speaker_pronouns
from ..text.quotemarks import is_title
from .content import (CLOSING, COLON_LEAD, CONJUNCTION, OPENING_MARK, PASSIVE, Content, after_naming_as, backward_content,
                      content_after_comma, content_words, ends_reporting_clause, forward_content, insertion_end,
                      quote_starting_at, trim)
from .cues import Cue, cue_pattern, is_auxiliary, word_before
from .speakers import (SINGULAR_NOUN, Mention, SpeakerSpan, adverbials_start, apposition_before, clause_subject,
                       main_subject, mention_after, mention_before, relative_before, sentence_subject,
                       speaker_words, split_role)

RELATIVE_REACH = 80  # characters: "…, who" and a time adverbial before the cue ("who late last year threatened")
CLAUSE_CLOSERS = (",", "”", '"', "''")  # what ends the quotation or clause a trailing cue reports
# The dash may be a hyphen or an en dash when it opens the line under a quotation paragraph ("“…”⏎⏎- Jane Roe.")
LINE_OPENS = re.compile(r"(?:^|\n)[ \t]*(?:[“\"]|'')\Z")
SIGNATURE_ENDS = re.compile(r"[ \t]*(?:[.,]|\n|\Z)")
SIGNATURE = re.compile(r"[”\"]\s*(?P<dash>[―—]|(?<=\n)[-–])[ \t]*(?P<name>[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3})")
HEADLINE = re.compile(r"""
    ^[“"]?(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})   # up to four capitalised words opening a line
    (?P<colon>:)\s+(?=[A-Z“"‘'])[^\n]+                         # a colon, then what they say (‘…’ in a headline)""",
    re.M | re.VERBOSE)
HEAD_PARAGRAPHS = 6  # a page's head: headline, subhead, byline, date lines, before the story
# "… by December — report", "…: NIS": a line ending in its source after a dash or a colon (up to three words)
SOURCE_LAST = re.compile(r"(?P<content>[^\n]{12,}?)[ \t]*(?P<mark>(?<=[ \t])(?:[—–]|--?)|:)[ \t]+"
                         r"(?P<name>[A-Za-z][\w’'.&-]*(?:[ \t]+[A-Za-z][\w’'.&-]*){0,2})[ \t]*$", re.M)
# "The film ― which weaves … together ― explains": an insertion between dashes, commas allowed.
DASH_INSERTION = re.compile(r"""
    \s*(?P<subject>[^,;“”"―—–]{1,80}?)       # the subject
    \s+(?P<dash>―|—|–|--)\s+[^―—–;“”"]{1,250}?\s+(?P=dash)\s*\Z   # the insertion between two equal dashes
    """, re.VERBOSE)
INSERTION_CLOSERS = (",", "―", "—", "–", "--")  # what closes an insertion right before its cue (RuleWords.insertion too)
# "One of the doctors who signed the letter called …": the object of a restrictive relative is not the subject.
RESTRICTIVE_RELATIVE = re.compile(r"\s+who\s+(?:\w+ly\s+)?[a-z]+\s+\Z")
# ", who has proposed repealing it," in a speaker phrase: its verbs are the relative clause's, not the tag's
RELATIVE_INSERTION = re.compile(r",[ \t]*(?:who|which)\b[^,]*,")
AGE_APPOSITION = re.compile(r"[A-Z][\w’'.-]*,\s*\d{1,3},\Z")  # "Jane Doe, 45, said": the name before speaks
# "…,” said a former aide, Jane Roe, who …": the name after an inverted speaker's role
NAME_AFTER_ROLE = re.compile(r",[ \t]+(?P<name>(?P<first>[A-Z][\w.’'-]*)(?:[ \t]+[A-Z][\w.’'-]*){1,3})")
WORD_AFTER = re.compile(r"[ \t]+(?P<word>[a-z]+)\b")
WITH_WORD = r"(?!and\b|or\b)[A-Za-z0-9][\w’'.%-]*(?<!ing)"  # "with three justices", not "with X dissenting and"
# "footage of X saying": the person shown speaks; so does the subject of "…, with allies calling it …", however
# many its coordinated nouns ("with Jane Doe, John Roe and the mayor all calling …").
SHOWN_NAME = re.compile(r"""
    (?: \bof\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)                # "footage of Jane Doe"
      | (?:,\s+|\s)with\s+(?P<subject>""" + WITH_WORD + r"(?:,?\s+(?:(?:and|or)\s+)?" + WITH_WORD + r"""){0,9}))   # ", with his allies"
    \s+\Z""", re.VERBOSE)
PASSIVE_AGENT = re.compile(r"\s+by\s+(?=\S)")
PASSIVE_NOT_SUBJECT = re.compile(r"(?:\b(?:which|who|that)|,)\Z")
YEAR = re.compile(r"(?:1[89]|20)\d\d")  # "expected by 2030" ("by 64 percent of voters" is an agent)
AGENT_GOES_ON = re.compile(r"\s*,?\s*(?:that|as|whether)\b")
WHAT_BEFORE = re.compile(r"\bwhat\s+\Z")
NAME_LIST = re.compile(r"\s*(?:[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3},[ \t]+){3}")  # four names at least
COLON_AT_LINE_END = re.compile(r"[ \t]*:[ \t]*\n\s{0,20}")
COLON_BEFORE_QUOTE = re.compile(COLON_LEAD + OPENING_MARK + r"\Z")
NAMED_APPOSITION = re.compile(r",\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){1,4}[A-Z][\w’'.-]*)(?=,)")  # ", General Jane Doe,"
# "The vote is expected to …", "He is said to …": a passive belief or speech verb (of the raising lemmas) before
# an infinitive has no source in the sentence (others expect it); its subject is what the belief is about.
RAISING_TO = re.compile(r"\s+to\s+(?=[a-z])")
# A word "as": a literal first (re skips to it at C speed), the rest looked back at; searched from lo + 1.
AS_WORD = re.compile(r"s\s(?<=\b[Aa]s\s)")
AS_CLAUSE_OPENERS = ",;:“”\"(—–"  # what the clause holding "as" opens after (or its sentence's start)
# After an as-clause's cue: adjuncts, a listener or an agent only, up to the comma or the end of the sentence.
AS_CLAUSE_REST = re.compile(r"[^,;:.!?“”\"]{0,80}")
MAX_AS_REST_WORDS = 8
MIN_CONTENT_WORDS = 2
MAX_TAG_PHRASE_WORDS = 25
# "…,“ said X": an opening mark glued to the comma closes the quotation (typed for ”), see text.quotemarks
WRONG_CLOSES = (",“", "?“", "!“")
QUOTE_CLOSERS = CLAUSE_CLOSERS[1:] + WRONG_CLOSES  # a quotation's closing mark, a mistyped one too
CLOSERS = CLAUSE_CLOSERS + WRONG_CLOSES
QUOTE_CLOSED = re.compile(r"[,?!](?:[”\"“]|'')\Z")  # right after a quotation closed by a comma, "?" or "!"
# After "said" right after such a quotation: the speaker's phrase, up to a comma, a bracket, a mark or the
# sentence's end ("said former Gov. and party chairman Jane Doe. “…”": "Gov. and" goes on)
INVERTED_PHRASE = re.compile(r"""[ \t\xa0]+(?P<phrase>[^,;:()“”"\n]{1,120}?)
    (?=[ \t]*(?:[,;:()“”"\n]|\.[ \t]*(?:[A-Z“"']|\n|\Z)|\Z))""", re.VERBOSE)
MAX_INVERTED_WORDS = 12
PHRASE_WORD = re.compile(r"\S+")  # a word of that phrase, as str.split() cuts it


class RuleWords(NamedTuple):
    """What the rules read from one lexicon, compiled once per lexicon (`rule_words`)."""
    subject_pronoun: re.Pattern  # "…, said he would": a new clause, not an inversion
    possessive: re.Pattern       # "…, denounced her record": an object, not an inverted speaker
    speaker_end: re.Pattern      # after an inverted speaker the clause ends ("…, said the envoy in a statement.")
    trailing_apposition: re.Pattern  # "…,” said Jane Doe, a professor."
    insertion: re.Pattern        # "The envoy, who arrived on Monday, said", "It, however, said"
    introductory: re.Pattern     # "In a statement, Jane Doe, a spokeswoman, said"
    participle_adjunct: re.Pattern  # "In defending himself, X …": a participle cue in an opening adjunct
    as_clause: re.Pattern        # "…, as the mayor said", "just as X predicted" (not "such as", "even as")
    as_passive_lead: re.Pattern  # "as first reported by …"
    inverting: frozenset         # a bare noun after these lemmas speaks ("…, said police")
    quotative: frozenset         # lemmas whose speaker may follow them ("…, said the mayor")
    speaker_ends: frozenset      # the words of `speaker_end`: an inverted speaker's phrase stops before them
    raising: frozenset           # passive before an infinitive, they name no source ("is expected to")
    placeholders: frozenset      # subjects pointing forward ("Here is the statement:")
    anaphoric: frozenset         # subjects standing for the sentence before ("This was confirmed by X.")
    fillers: frozenset           # a subject and a cue that report nothing ("…, you know, …")
    times: frozenset             # "by the end of the week", "by then" name no agent (nor "by December")
    relative_end: re.Pattern     # "X, who said …, will leave": the main clause's predicate ends the relative clause
    asked_topic: re.Pattern      # after an opening "Asked": the asker ("by a reporter"), adjuncts, then the question


@lru_cache(maxsize=8)
def rule_words(lexicon: Lexicon) -> RuleWords:
    role, capital = partial(role_pattern, lexicon), partial(role_pattern, lexicon, case=str.capitalize)
    return RuleWords(
        re.compile(rf"(?:{speaker_pronouns(lexicon)})\b"), re.compile(rf"(?:{alternation(lexicon.possessives)})\b"),
        speaker_end=re.compile(rf"\s*(?:[,.;:!?\"”()]|$|(?:{role('speaker_end')}|\w+day)\b)"),
        trailing_apposition=re.compile(rf",\s+(?P<role>(?:{alternation(lexicon.articles)})\s+[^,;.“”\"]{{3,120}})"),
        insertion=re.compile(rf"""
            \s*(?P<subject>[^,;“”"]{{1,80}}?),\s+          # the subject and the comma opening the insertion
            (?:{role('insertion')}|[a-z]+ing)\b
            [^,;“”"]{{0,150}},\s*\Z                         # the insertion, closed by a comma right before the cue
            """, re.VERBOSE),
        introductory=re.compile(rf"\s*(?!At\s+(?:least|most)\b)(?:{capital('introductory')}|[A-Z][a-z]+ly)\b"),
        participle_adjunct=re.compile(rf"\s*(?:(?:(?:{capital('bare_conjunction')})\s+(?:{role('participle_adjunct')})|"
                                      rf"{capital('participle_adjunct')})\b[^,;:“”\"]{{0,60}})?\Z"),
        as_clause=re.compile(rf"\s*(?:(?P<joined>{role('as_conjunction')})\s+|(?:{role('as_focus')})\s+)?"
                             rf"[Aa]s\s+(?P<lead>[^,;:“”\"]*)\Z"),
        as_passive_lead=re.compile(rf"(?:(?:{role('as_passive_adverb')}|\w+ly)\s+)?\Z"),
        inverting=role_words(lexicon, "inverting"), quotative=role_words(lexicon, "quotative"),
        speaker_ends=role_words(lexicon, "speaker_end"),
        raising=role_words(lexicon, "raising"),
        placeholders=role_words(lexicon, "placeholder"), anaphoric=role_words(lexicon, "anaphoric_subject"),
        fillers=role_words(lexicon, "filler"),
        times=role_words(lexicon, "time") | role_words(lexicon, "time_after_by"),
        relative_end=re.compile(rf",\s+(?:[a-z]+ly\s+)?(?:{alternation(lexicon.auxiliaries | lexicon.modals)}|"
                                rf"[a-z]+ed)\b"),
        asked_topic=re.compile(rf"""
            (?:\s+by\s+(?P<agent>[^,;:“”"]{{1,60}}?)                # asked by a reporter (on Monday)
             |(?:\s+[^\s,;:“”"]+){{0,6}}?)                          # or at a briefing on Monday
            \s+(?P<topic>(?:{role('topic')}|{role('clause_word')})\s)  # about …, whether …""", re.VERBOSE))


@dataclass
class Found:
    """What a cue rule recognised: who speaks (if named) and what (None: the construction, but no content).
    `unattributed`: the construction names no source, so none is borrowed from the sentence either."""
    speaker: SpeakerSpan | None
    content: Content | None
    unattributed: bool = False


@dataclass
class Candidate:
    """One attribution on its way to a row: the rule that made it, its cue, content and speaker."""
    rule: str
    cue: Cue
    content: Content
    mention: Mention | None
    sentence: int  # where the cue's clause window starts: cues of one sentence share a subject

    @property
    def start(self) -> int:
        return self.content.start

    @property
    def end(self) -> int:
        return self.content.end

    @property
    def kind(self) -> str:
        return self.content.kind


def _span(found: tuple[int, int] | None) -> SpeakerSpan | None:
    return SpeakerSpan(*found) if found else None


def mention_of(doc: Doc, span: SpeakerSpan) -> Mention:
    phrase = doc.text[span.start:span.end]
    if span.antecedent:  # a relative pronoun speaks for its antecedent: "Jane Doe, who said …"
        antecedent = mention_of(doc, SpeakerSpan(*span.antecedent))
        return Mention(span.start, span.end, phrase, antecedent.name, antecedent.role, antecedent.kind)
    name, role, kind = split_role(phrase, doc.lexicon)
    if span.role is not None:  # an apposition gives the role
        role, kind = span.role, "person" if kind == "unknown" and name[:1].isupper() else kind
    return Mention(span.start, span.end, phrase, name, role, kind, span.aside)


class _once:  # noqa: N801 - a decorator, like functools.cached_property
    """functools.cached_property without the lock Python 3.11 takes at every first read (3.12 dropped it):
    a CueContext, read once per cue by one thread, computes several of these for each of tens of cues."""

    def __init__(self, compute):
        self.compute, self.__doc__ = compute, compute.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)  # later reads find it there
        return value


@lru_cache(maxsize=8)
def relative_subject(lexicon: Lexicon) -> re.Pattern:
    """ "lawmakers who said", "a poll that showed": a relative pronoun of the lexicon right before the cue."""
    pronouns = alternation(lexicon.estimate_words.get("relative", ()))
    return re.compile(rf"(?<=\w)[ \t]+(?P<who>{pronouns})[ \t]+\Z")


@lru_cache(maxsize=4096)
def _participle_form(words: str, kind: str, lexicon: Lexicon) -> tuple[bool, bool]:
    """Are a cue's words an -ing participle ("saying", "specifically highlighting", "calling for"; not "is
    saying"), and else one word that may open a participle clause ("Asked", with a subordinator before it)?
    Cached: the same few cue words recur in every article."""
    split = words.lower().split()
    verb = next((w for w in split if not is_auxiliary(w, lexicon)), "")
    if kind != "source" and verb.endswith("ing") and verb != "being" and \
            not any(w in lexicon.auxiliaries or w in lexicon.modals for w in split):
        return True, False
    opener = content_words(lexicon).participle_opener.fullmatch(words[:1].upper() + words[1:])
    return False, " " not in words and opener is not None


@dataclass
class CueContext:
    """A cue and the clause window around it; what several rules look at is computed once."""
    doc: Doc
    cue: Cue
    lo: int
    hi: int
    # read some ten times by each rule: plain attributes, set once
    text: str = field(init=False)
    lexicon: Lexicon = field(init=False)
    words: RuleWords = field(init=False)

    def __post_init__(self) -> None:
        self.text, self.lexicon = self.doc.text, self.doc.lexicon
        self.words = rule_words(self.lexicon)

    @_once
    def before(self) -> str:
        return self.text[self.lo:self.cue.start].rstrip()

    @_once
    def apposition(self) -> SpeakerSpan | None:
        """ "Jane Doe, a professor, said"; not "…, a lawmaker said on Monday, citing": a role holds no cue."""
        found = apposition_before(self.text, self.lo, self.cue.start, self.lexicon)
        return None if found and _holds_verb_cue(self.doc, found.role) else found

    @_once
    def is_participle(self) -> bool:
        """ "saying", or an opening "Asked about it, X said …"."""
        ing, opener = _participle_form(self.cue.text, self.cue.kind, self.doc.lexicon)
        return ing or opener and (not self.before or content_words(self.doc.lexicon).subordinate_opener.fullmatch(
            self.before.rstrip()) is not None)

    @_once
    def subject(self) -> SpeakerSpan | None:
        """The noun phrase right before the cue, past a restrictive relative ("One of the doctors who
        signed the letter called …"); or a restrictive relative pronoun for its antecedent ("voters who
        said", "a poll that found")."""
        speaker = mention_before(self.text, self.lo, self.cue.start, self.lexicon)
        if speaker is None:
            return self._relative_subject()
        restrictive = RESTRICTIVE_RELATIVE.search(self.text, self.lo, speaker[0]) if speaker else None
        if restrictive:
            speaker = mention_before(self.text, self.lo, restrictive.start(), self.lexicon) or speaker
        return _span(speaker)

    def _relative_subject(self) -> SpeakerSpan | None:
        """A restrictive relative pronoun right before the cue, for the noun phrase before it ("voters who said").
        None for a passive cue ("soldiers who were told"), a fixed "that said," and where the phrase is no
        antecedent: after a verb "that" is a demonstrative subject ("the crew ignored that shows …"), after a
        copula "who" opens a question ("It is unclear who said …")."""
        text, cue = self.text, self.cue
        relative = relative_subject(self.lexicon).search(text, max(self.lo, cue.start - 12), cue.start)
        if relative is None or PASSIVE.search(cue.text) or text[cue.end:cue.end + 1] == ",":
            return None
        antecedent = mention_before(text, self.lo, relative.start(), self.lexicon)
        if antecedent is None:
            return None
        *head, last = text[antecedent[0]:antecedent[1]].split()
        verb = last in self.lexicon.cues and not (head and head[-1].lower() in self.lexicon.determiners)  # "a report"
        before = word_before(text, antecedent[0])
        if last.islower() and (verb or last.endswith("ed") or last in self.lexicon.auxiliaries) \
                or (before and before[1].lower() in self.lexicon.auxiliaries | role_words(self.lexicon, "copula")):
            return None
        return SpeakerSpan(*relative.span("who"), antecedent=antecedent)

    def forward(self, hi: int | None = None) -> Content | None:
        return forward_content(self.doc, self.cue, self.hi if hi is None else hi, self.lo)

    def backward(self, pos: int, resume: int | None = None) -> Content:
        return backward_content(self.doc, self.lo, pos, resume, self.hi)


# --- cue rules ---

def according_to_before(ctx: CueContext) -> Found | None:
    """ "…, according to X" reports what came before; an insertion ("The delay, according to X, was caused by …")
    also what follows its comma, when that goes on with the clause's predicate, not a new clause ("…, and Kyiv
    said …", "…, which tracks them")."""
    before = ctx.before
    closed = before.rstrip("”\"'")  # "“…,” according to X"
    if ctx.cue.kind == "source" and _stands_for_sentence_before(ctx, before):  # "That's according to X."
        speaker = _source_after(ctx)[0]
        return Found(speaker, _sentence_before(ctx)) if speaker else None
    if ctx.cue.kind != "source" or not closed.endswith((",", "—", "–", "--")) or before.endswith("that,"):
        return None
    speaker, end = _source_after(ctx)
    resume = insertion_end(ctx.doc, end, ctx.hi) if closed.endswith(",") and not before.endswith(("”,", '",')) else None
    if resume is not None and _opens_clause(ctx, resume):
        resume = None
    return Found(speaker, ctx.backward(ctx.lo + len(before.rstrip(",—–-").rstrip()), resume))


def _opens_clause(ctx: CueContext, pos: int) -> bool:
    """Do the words at `pos` open a clause of their own: a conjunction, a contrast or a relative pronoun?"""
    word = WORD_AFTER.match(ctx.text, pos - 1)
    return CONJUNCTION.match(ctx.text, pos) is not None or (
        word is not None and word.group("word") in role_words(ctx.lexicon, "contrast"))


def according_to_after(ctx: CueContext) -> Found | None:
    """ "According to X, …" reports what follows the comma."""
    if ctx.cue.kind != "source":
        return None
    speaker, end = _source_after(ctx)
    return Found(speaker, content_after_comma(ctx.doc, end, ctx.hi))


def _source_after(ctx: CueContext) -> tuple[SpeakerSpan | None, int]:
    """The source named after "according to", and where its phrase ends. A person's title or office
    followed by their name between commas names the person ("according to the chief of defence,
    General Jane Doe, …": Jane Doe, in the role of chief of defence)."""
    found = mention_after(ctx.text, ctx.cue.end, ctx.hi, whole_phrase=True, lexicon=ctx.lexicon)
    if not found:
        return None, ctx.cue.end
    described = ctx.text[found[0]:found[1]]
    named = NAMED_APPOSITION.match(ctx.text, found[1], ctx.hi)
    if named and any(ctx.doc.lexicon.titles.get(w.lower().strip(",")) == "person" for w in described.split()):
        return SpeakerSpan(*named.span("name"), described), named.end("name")
    return SpeakerSpan(*found), found[1]


def as_clause(ctx: CueContext) -> Found | None:
    """ "As X noted, …" reports the main clause after it; "…, as X reported." the clause before; "The law, as X
    noted, is clear." both parts. The reporting clause has no object: "As X attacked Y, …" is a time clause."""
    text, cue = ctx.text, ctx.cue
    if cue.kind == "source" or not AS_WORD.search(text, ctx.lo + 1, cue.start):
        return None  # most cues have no "as" before them: no clause marks are looked for
    clause = max(ctx.lo, max(text.rfind(mark, ctx.lo, cue.start) for mark in AS_CLAUSE_OPENERS) + 1)
    opener = ctx.words.as_clause.match(text, clause, cue.start)
    if not opener:
        return None
    rest = AS_CLAUSE_REST.match(text, cue.end, ctx.hi)
    speaker = _as_clause_speaker(ctx, opener, rest)
    if speaker is None:
        return None
    stop = rest.end()
    if text[stop:stop + 1] == ":":  # "As the senator put it: “…”": the quotation the colon introduces, if any
        quote = quote_starting_at(ctx.doc, stop + 1, ctx.hi)
        return Found(speaker, Content("direct", [quote])) if quote else None
    as_start = text.rindex("s", opener.start(), opener.start("lead")) - 1
    before = text[ctx.lo:as_start].rstrip(" ,;(—–")
    after = stop + 1 if text[stop:stop + 1] and text[stop:stop + 1] in ",;" else None
    if not before.strip() or opener.group("joined"):  # the as-clause opens its clause: what follows its comma
        return Found(speaker, content_after_comma(ctx.doc, stop, ctx.hi) if after else None)
    return Found(speaker, ctx.backward(ctx.lo + len(before), after))  # "X, as Y noted, is clear": two pieces


def _as_clause_speaker(ctx: CueContext, opener: re.Match, rest: re.Match) -> SpeakerSpan | None:
    """Who speaks in an as-clause: its subject ("as Jane Doe said"), or the agent of a passive ("as first
    reported by the AP") with nothing else after the cue but adjuncts or a listener."""
    text, cue = ctx.text, ctx.cue
    words = text[rest.start():rest.end()].split()
    if len(words) > MAX_AS_REST_WORDS:
        return None
    agent = PASSIVE_AGENT.match(text, cue.end, rest.end())
    if ctx.words.as_passive_lead.fullmatch(opener.group("lead")):
        found = mention_after(text, agent.end(), rest.end(), lexicon=ctx.lexicon) if agent else None
        after = text[found[1]:rest.end()].split() if found else None
        adjunct = not after or content_words(ctx.lexicon).adjunct_start.match(after[0])
        return _span(found) if found and adjunct else None
    speaker = ctx.subject
    if speaker is None:
        return None
    if speaker.start != opener.start("lead"):  # "another study from 2011": the whole phrase up to the cue
        whole = mention_after(text, opener.start("lead"), cue.start, whole_phrase=True, lexicon=ctx.lexicon)
        if not whole or whole[1] != speaker.end:
            return None
        speaker = _span(whole)
    if cue.takes_object:
        listener = mention_after(text, cue.end, rest.end(), lexicon=ctx.lexicon)
        words = text[listener[1]:rest.end()].split() if listener else words
    return speaker if not words or content_words(ctx.lexicon).adjunct_start.match(words[0]) else None


def passive_agent(ctx: CueContext) -> Found | None:
    """ "The issue was first reported by the AP". Not "It was announced by X that …", "X was described by
    Y as …", nor a subject inside a relative or an opening subordinate clause ("The bill, which was approved
    by …", "After the leak was reported by …")."""
    text, cue = ctx.text, ctx.cue
    agent = PASSIVE_AGENT.match(text, cue.end, ctx.hi) if PASSIVE.search(cue.text) else None
    if not agent:
        return None
    lead = text[ctx.lo:cue.start].strip()
    if not lead or lead.lower() == "it" or PASSIVE_NOT_SUBJECT.search(lead) or \
            content_words(ctx.lexicon).subordinate_opener.match(lead):
        return None
    speaker = mention_after(text, agent.end(), ctx.hi, lexicon=ctx.lexicon)
    if speaker is None or AGENT_GOES_ON.match(text, speaker[1], ctx.hi) or _is_time(ctx, *speaker):
        return None
    if _stands_for_sentence_before(ctx, lead):  # "This was confirmed by X."
        return Found(_span(speaker), _sentence_before(ctx))
    return Found(_span(speaker), Content("indirect", [trim(text, ctx.lo, cue.start)]))


def _stands_for_sentence_before(ctx: CueContext, subject: str) -> bool:
    """Is the subject a demonstrative standing for the sentence before ("This was confirmed by X.", "That's" or
    "That is" before "according to X", whose cue takes in the "is")?"""
    word = subject.strip().lower()
    return word.removesuffix("’s").removesuffix("'s") in ctx.words.anaphoric


def _sentence_before(ctx: CueContext) -> Content | None:
    """What the sentence before says, for a subject standing for it ("This was confirmed by X.", "That's
    according to X."); None when it reports a statement itself ("Russia said …. This was …")."""
    before = ctx.doc.sentence_before(ctx.lo)
    if before is None or _holds_verb_cue(ctx.doc, ctx.text[before[0]:before[1]]):
        return None
    return Content("indirect", [trim(ctx.text, *before)])


def _is_time(ctx: CueContext, start: int, end: int) -> bool:
    """Is the phrase after "by" a time, no agent: a year or a date alone ("by 2030", "by December", "by Dec. 15"),
    or a time noun in lower case ("by then", "by the end of the week"; not "by Spring Valley police")?"""
    words = [w.strip(".,") for w in ctx.text[start:end].split()]
    first, rest = words[0], words[1:]
    if YEAR.fullmatch(first) or first.lower() in speaker_words(ctx.lexicon).calendar:
        return all(w.isdigit() for w in rest)
    if first.lower() in ctx.lexicon.articles and rest:
        first = rest[0]
    return first.islower() and first in ctx.words.times


def passive_unattributed(ctx: CueContext) -> Found | None:
    """ "The government is expected to put the plan to parliament": no one is named as believing it."""
    if ctx.cue.lemma not in ctx.words.raising or not PASSIVE.search(ctx.cue.text) or \
            not RAISING_TO.match(ctx.text, ctx.cue.end, ctx.hi):
        return None
    return Found(None, ctx.forward(), unattributed=True)


def _apposition_lead(ctx: CueContext) -> tuple[str, bool] | None:
    """The words before an apposition speaker, and whether they close a clause the speaker said."""
    if not ctx.apposition:
        return None
    lead = ctx.text[ctx.lo:ctx.apposition.start].rstrip()
    role = ctx.apposition.role.strip()
    if lead.strip(" ,").endswith(role) and lead.strip(" ,") != role:  # "…, a spokeswoman, Jane Roe, said"
        lead = lead.rstrip(" ,")[:-len(role)].rstrip()
    reversed_order = lead.strip(" ,") == role  # "The party’s chairman, Jane Doe, said"
    # "In a statement, Jane Doe, a spokeswoman, said" (but "Despite …, X remains …, his aide, Jane Doe, said")
    adjunct = lead.endswith(",") and ctx.words.introductory.match(lead) and lead.count(",") == 1
    return lead, lead.endswith(CLAUSE_CLOSERS) and not reversed_order and not adjunct


def apposition_trailing(ctx: CueContext) -> Found | None:
    lead = _apposition_lead(ctx)
    if not lead or not lead[1] or _words_after_quotation(ctx, ctx.apposition.start) or \
            not ends_reporting_clause(ctx.doc, ctx.cue, ctx.hi, lead[0].endswith(CLAUSE_CLOSERS[1:])):
        return None  # a speaker phrase (quote-tag); "Last week, the director, Jane Roe, said that …" (forward)
    return Found(ctx.apposition, ctx.backward(ctx.lo + len(lead[0])))


def quote_tag(ctx: CueContext) -> Found | None:
    """ "“…,” Jane Roe, 30, of Salem, Ore., who was polled, said." / "“…,” the city council's spokesman, Jane
    Doe, said on Thursday.": a quotation closed by a comma, then a speaker phrase of several parts (ages,
    places, roles, a relative clause), or of one part that `trailing` could not read whole ("“…,” the
    state's senator and presidential candidate said."), and a cue ending the reporting clause. The speaker
    is the phrase's first name, or the name after its opening role."""
    text, cue = ctx.text, ctx.cue
    quote, phrase = _quotation_closing_before(ctx, cue.start)
    if quote is None or text[quote[0]:quote[1]].rstrip("’'")[-1:] != ",":  # also “… ‘…,’” closing a quotation in it
        return None
    gap = text[phrase:cue.start]
    if "\n" in gap or any(mark in gap for mark in "“”\"") or not _is_speaker_phrase(ctx.doc, gap) or \
            not ends_reporting_clause(ctx.doc, cue, ctx.hi, True):
        return None
    speaker = mention_after(text, phrase, cue.start, lexicon=ctx.lexicon)
    if speaker is None:
        return None
    named = NAMED_APPOSITION.match(text, speaker[1], cue.start)
    first, space, _ = text[phrase:cue.start].partition(" ")
    if named and space and first.lower() in ctx.lexicon.determiners:
        speaker = named.span("name")  # "the council's spokesman, Jane Doe,"
    return Found(_span(speaker), Content("direct", [quote]))


def _quotation_closing_before(ctx: CueContext, pos: int) -> tuple[tuple[int, int] | None, int]:
    """The last quotation of the clause window ending before `pos`, and where the text after its closing
    mark starts; (None, pos) when there is none."""
    quote = ctx.doc.quotation_ending_by(pos)
    closing = CLOSING.match(ctx.text, quote[1]) if quote and quote[1] >= ctx.lo else None
    return (quote, closing.end()) if closing else (None, pos)


def _words_after_quotation(ctx: CueContext, pos: int) -> bool:
    """Do words stand between the quotation closing before `pos` in the clause and `pos`?"""
    quote, after = _quotation_closing_before(ctx, pos)
    return quote is not None and bool(ctx.text[after:pos].strip(" ,"))


def _holds_verb_cue(doc: Doc, words: str) -> bool:
    """Does a phrase hold a reporting verb ("a lawmaker said on Monday")? Capitalised forms are names
    ("Office for Fighting Fraud"); a form in a hyphenated word is none ("a talk-show host")."""
    return any(verb.group()[:1].islower() and "-" not in (words[verb.start() - 1:verb.start()],
                                                          words[verb.end():verb.end() + 1])
               for verb in cue_pattern(doc.lexicon).finditer(words))


def apposition_forward(ctx: CueContext) -> Found | None:
    if not ctx.apposition or (_words_after_quotation(ctx, ctx.apposition.start) and
                              ends_reporting_clause(ctx.doc, ctx.cue, ctx.hi, True)):
        return None
    return Found(ctx.apposition, ctx.forward())


def insertion_subject(ctx: CueContext) -> Found | None:
    if not ctx.before.endswith(INSERTION_CLOSERS):
        return None  # most cues: a cheap test before the two patterns, which both end there
    insertion = ctx.words.insertion.match(ctx.text, ctx.lo, ctx.cue.start) or \
        DASH_INSERTION.match(ctx.text, ctx.lo, ctx.cue.start)
    if not insertion:
        return None
    return Found(_span(mention_before(ctx.text, ctx.lo, insertion.end("subject"), ctx.lexicon)), ctx.forward())


def participle_opener(ctx: CueContext) -> Found | None:
    """ "In a statement announcing …" names its source; "Citing a poll, X …" has the main clause's subject."""
    if not ctx.is_participle or not ctx.words.participle_adjunct.match(ctx.text, ctx.lo, ctx.cue.start):
        return None
    comma = ctx.text.find(",", ctx.cue.end, ctx.hi)
    end = comma if comma != -1 else ctx.hi
    speaker = _span(mention_before(ctx.text, ctx.lo, ctx.cue.start, ctx.lexicon) or _main_clause_subject(ctx))
    asked = ctx.words.asked_topic.match(ctx.text, ctx.cue.end, end) if ctx.cue.text.endswith("ed") else None
    if asked:  # "(When) asked by a reporter on Monday whether …, X said": the asker, if named, asks the question
        agent = mention_after(ctx.text, asked.start("agent"), asked.end("agent"), lexicon=ctx.lexicon) \
            if asked.group("agent") else None
        return Found(SpeakerSpan(*agent, aside=True) if agent else speaker,
                     Content("indirect", [trim(ctx.text, asked.start("topic"), end)]))
    return Found(speaker, ctx.forward(end))


def _main_clause_subject(ctx: CueContext) -> tuple[int, int] | None:
    """The subject after the comma that closes an opening adjunct: "Citing a poll, the senator …"."""
    comma = ctx.text.find(",", ctx.cue.end, ctx.hi)
    return sentence_subject(ctx.text, comma + 1, ctx.hi, ctx.lexicon) if comma != -1 else None


def participle(ctx: CueContext) -> Found | None:
    """ "X attacked Y(,) saying that …"."""
    if not ctx.is_participle or not ctx.before:
        return None
    return Found(_span(_participle_subject(ctx.text, ctx.lo, ctx.cue.start, ctx.lexicon)), ctx.forward())


def _participle_subject(text: str, lo: int, pos: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """Who speaks in a participle ending at `pos`: after a comma the sentence's subject ("X attacked Y,
    saying …"); right after a noun, footage of X or the nearest clause's subject ("after X sent tweets
    criticizing …")."""
    if not text[lo:pos].rstrip(" ”\"'").endswith(","):  # “…,” adding: the comma ends the quotation
        shown = SHOWN_NAME.search(text, max(lo, pos - 200), pos)
        if shown:
            return shown.span("name" if shown.group("name") else "subject")
        subject = clause_subject(text, lo, pos, lexicon)
        if subject:
            return subject
    return main_subject(text, lo, pos, lexicon)


def inverted(ctx: CueContext) -> Found | None:
    """ "“…,” said X." / "…, said the envoy in a statement."."""
    text, before = ctx.text, ctx.before
    if not before or not before.endswith(CLOSERS) or \
            AGE_APPOSITION.search(before) or ctx.is_participle or (
                not before.endswith(QUOTE_CLOSERS) and (
                    _has_auxiliary(ctx) or (ctx.cue.lemma not in ctx.words.quotative and ctx.cue.kind != "tag"))):
        return None  # "…, highlighting Arizona.": a participle takes an object, it is never inverted; nor,
        # but after a quotation ("“…,” also said X"), is a verb after an auxiliary or an adverb ("X, the fund's
        # lawyer, has rejected the label") or one that takes an object ("…, praised the plan")
    if before.endswith(",") and _speaker_phrase_after_quotation(ctx):
        return None  # "“…,” the spokesman, Jane Roe, told CNN": that comma closes an apposition (quote-tag)
    speaker = mention_after(text, ctx.cue.end, ctx.hi, lexicon=ctx.lexicon)
    if not speaker or not (ctx.words.speaker_end.match(text, speaker[1]) or _speaks_for(ctx, speaker[1])) or \
            ctx.words.subject_pronoun.match(text, speaker[0]) or _bare_object(ctx, speaker) or \
            _holds_predicate(ctx, *speaker) or \
            (ctx.words.possessive.match(text, speaker[0]) and ctx.cue.lemma not in ctx.words.inverting):
        speaker = _phrase_after_quotation(ctx, before)
        if speaker is None:
            return None  # "…, denounced her record as …": an object (but "…,” said his brother.)
    apposition = ctx.words.trailing_apposition.match(text, speaker[1], ctx.hi)  # "…,” said Jane Doe, a professor."
    role = apposition.group("role") if apposition else None
    name = NAME_AFTER_ROLE.match(text, speaker[1], ctx.hi) if text[speaker[0]].islower() else None
    if name and name.group("first").lower() not in ctx.lexicon.articles and \
            ctx.words.speaker_end.match(text, name.end()):  # "…,” said a former aide, Jane Roe, who …"
        role, speaker = text[speaker[0]:speaker[1]], name.span("name")
    return Found(SpeakerSpan(*speaker, role),
                 ctx.backward(ctx.lo + len(before), insertion_end(ctx.doc, speaker[1], ctx.hi)))


def _has_auxiliary(ctx: CueContext) -> bool:
    """Do words stand before the cue's form in the cue ("has rejected", "also said"; not "according to")?"""
    words = ctx.cue.text.lower().split()
    return len(words) > 1 and " ".join(words) not in ctx.lexicon.cues


def _speaker_phrase_after_quotation(ctx: CueContext) -> bool:
    """Do a few words without a verb stand between the cue and a quotation that opens the clause, closed by a comma?"""
    quote, after = _quotation_closing_before(ctx, ctx.cue.start)
    if quote is None or ctx.text[quote[1] - 1:quote[1]] != "," or ctx.text[ctx.lo:quote[0]].strip(" “\"'`"):
        return False  # no quotation closed by a comma, or words before it: "The so-called “peace dividend,” …"
    phrase = ctx.text[after:ctx.cue.start]
    return bool(phrase.strip(" ,")) and _is_speaker_phrase(ctx.doc, phrase)


def _is_speaker_phrase(doc: Doc, phrase: str) -> bool:
    """Can the words between a quotation and its cue be its speaker's phrase: at most MAX_TAG_PHRASE_WORDS words
    and no reporting verb (but in a relative clause: "Jane Roe, who has said …,")?"""
    return len(phrase.split(None, MAX_TAG_PHRASE_WORDS)) <= MAX_TAG_PHRASE_WORDS and \
        not _holds_verb_cue(doc, RELATIVE_INSERTION.sub(",", phrase))


def _holds_predicate(ctx: CueContext, start: int, end: int) -> bool:
    """Does the phrase after a cue go on with a verb after a noun ("…, said the family deserved better"): a clause,
    the cue's content, not an inverted speaker ("said the elected official": after a determiner, an adjective;
    "said an official briefed on the talks": a postmodifier)?"""
    speakers = speaker_words(ctx.lexicon)
    words = speakers.postmodifier_after.sub(" ", ctx.text[start:end]).split()
    verb, determiners = speakers.verb, ctx.lexicon.determiners
    return any(word.islower() and verb.fullmatch(word) and before.lower() not in determiners
               for before, word in zip(words, words[1:]))


def _phrase_after_quotation(ctx: CueContext, before: str) -> tuple[int, int] | None:
    """ "“…,” said former Gov. and party chairman Jane Doe.", "“…,” said Will Roe, a professor.": right after a
    quotation closed by a comma, "?" or "!", "said" ("added", "wrote", "asked") is followed by its speaker
    whatever words the phrase holds (a modal "Will", "Gov. and"): it runs to a comma, a bracket, a mark, the
    sentence's end or a word that ends an inverted speaker ("in", "who"), and names someone (a capital)."""
    if ctx.cue.lemma not in ctx.words.inverting or not QUOTE_CLOSED.search(before):
        return None
    found = INVERTED_PHRASE.match(ctx.text, ctx.cue.end, ctx.hi)
    if not found:
        return None
    tokens = list(PHRASE_WORD.finditer(ctx.text, found.start("phrase"), found.end("phrase")))
    kept = next((k for k, t in enumerate(tokens) if k and t.group().lower() in ctx.words.speaker_ends), len(tokens))
    words = [t.group() for t in tokens[:kept]]
    if len(words) > MAX_INVERTED_WORDS or not any(word[:1].isupper() for word in words) or \
            _holds_verb_cue(ctx.doc, " ".join(words)):
        return None
    return tokens[0].start(), tokens[kept - 1].end()


def _speaks_for(ctx: CueContext, end: int) -> bool:
    """ "…,” said a spokesman for the company.": after "said", "added", "wrote" or "asked" the phrase goes on
    over a preposition of names (not "…, attacked Rubio for …", an object)."""
    word = WORD_AFTER.match(ctx.text, end) if ctx.cue.lemma in ctx.words.inverting else None
    return bool(word) and word.group("word") in speaker_words(ctx.lexicon).name_prepositions


def _bare_object(ctx: CueContext, phrase) -> bool:
    """ "…, declared bankruptcy.": a bare singular noun after the cue is its object, not an inverted
    speaker; after "said", "added", "wrote" or "asked" it speaks ("…, said police")."""
    return ctx.cue.lemma not in ctx.words.inverting and SINGULAR_NOUN.fullmatch(ctx.text, *phrase[:2]) is not None


def relative_pronoun(ctx: CueContext) -> Found | None:
    """ "Jane Doe, who said …", also past a time adverbial ("…, who last year threatened …")."""
    text, cue = ctx.text, ctx.cue
    if text.find("wh", max(ctx.lo, cue.start - RELATIVE_REACH), cue.start) == -1:
        return None  # no "who", "whom" or "which" in reach: most cues
    relative = relative_before(text, ctx.lo, cue.start, ctx.lexicon)
    if relative is None:
        adverbials = adverbials_start(text, ctx.lo, cue.start, ctx.lexicon)
        if text[adverbials:cue.start].strip():  # the adverbial, not just the spaces before the cue
            relative = relative_before(text, ctx.lo, adverbials, ctx.lexicon)
    return Found(relative, _within_relative_clause(ctx, ctx.forward())) if relative else None


def _within_relative_clause(ctx: CueContext, content: Content | None) -> Content | None:
    """ "Jane Doe, who said the plan failed, will leave": the reported clause ends where the main clause goes on."""
    if content is None or content.kind == "direct":
        return content
    resumes = None  # the last one: earlier ones may be the reported clause's own ("…, closed plants, …")
    for resumes in ctx.words.relative_end.finditer(ctx.text, content.start + 1, content.end):
        pass
    if resumes is None or ctx.doc.quotation_holding(resumes.start()) is not None:
        return content
    return Content(content.kind, [trim(ctx.text, content.start, resumes.start())])


def trailing(ctx: CueContext) -> Found | None:
    """ "“…,” X said." / "The talks failed, X said." when the reporting clause ends the sentence."""
    speaker, cue = ctx.subject, ctx.cue
    if not speaker or quote_starting_at(ctx.doc, cue.end, ctx.hi) or cue.kind == "intention":
        return None  # an intention has its object after it ("a group aimed at …")
    lead = ctx.text[ctx.lo:speaker.start].rstrip()
    if not lead.endswith(CLOSERS):
        return None  # no quotation or clause closes before the speaker (most cues): nothing it reports
    title = _ends_in_title(lead)
    if title is not None and lead[:title].strip():
        return None  # "Later on “Meet the Press,” X questioned …": the title closes an adjunct, not a clause
    after_quote = lead.endswith(QUOTE_CLOSERS) and title is None
    if not (after_quote or _ends_in_clause(ctx, lead)) or \
            not ends_reporting_clause(ctx.doc, ctx.cue, ctx.hi, after_quote):
        return None
    return Found(speaker, ctx.backward(ctx.lo + len(lead), insertion_end(ctx.doc, ctx.cue.end, ctx.hi)))


def _ends_in_title(lead: str) -> int | None:
    """Where the quoted title the text ends with opens (… of “Fox News Sunday,”, … on ''Meet the Press,''), else
    None (a quotation). The opening mark is looked for before the closing one, which may be the same (")."""
    closing = 2 if lead.endswith("''") else 1  # the closing mark: ”, " or ''
    end = len(lead) - closing
    opening, mark = max((lead.rfind("“", 0, end), "“"), (lead.rfind('"', 0, end), '"'),
                        (lead.rfind("''", 0, end), "''"))
    return opening if opening != -1 and is_title(lead[opening + len(mark):-closing]) else None


def _ends_in_clause(ctx: CueContext, lead: str) -> bool:
    """ "The talks failed, X said": a clause before the comma is reported; an opening adjunct ("On Monday,",
    "In a broadcast of “Fox News Sunday,”") is not."""
    if not lead.endswith(CLAUSE_CLOSERS):
        return False
    return not (ctx.words.introductory.match(lead) and lead.count(",") == 1)


def tag_verb(ctx: CueContext) -> Found | None:
    """ "“…,” the man shouted.", "“…,” reads the sign.", "The banner read: “…”": a verb outside the lexicon,
    found by its place beside a quotation (`cues.tag_cues`), reports that quotation and nothing else."""
    if ctx.cue.kind != "tag":
        return None
    found = trailing(ctx) or inverted(ctx)
    if found is None and quote_starting_at(ctx.doc, ctx.cue.end, ctx.hi):
        found = forward(ctx)
    return found if found and found.content and found.content.kind == "direct" else Found(None, None)


def named_quotation(ctx: CueContext) -> Found | None:
    """ "what X called (as) “…”", "what X described as “…”": the quotation alone is their words."""
    speaker, cue = ctx.subject, ctx.cue
    if not speaker or cue.lemma not in content_words(ctx.lexicon).naming or \
            not WHAT_BEFORE.search(ctx.text, ctx.lo, speaker.start):
        return None
    quote = quote_starting_at(ctx.doc, after_naming_as(ctx.doc, cue, cue.end, ctx.hi), ctx.hi)
    return Found(speaker, Content("direct", [quote])) if quote else None


def colon_quotation(ctx: CueContext) -> Found | None:
    """ "The minister said:" ending a paragraph that the next one answers with a quotation, or with a block
    quotation (a paragraph of sentences a web page set off without marks): it is hers."""
    pos = ctx.cue.end
    if ctx.cue.takes_object:
        listener = mention_after(ctx.text, pos, ctx.hi, lexicon=ctx.lexicon)
        pos = listener[1] if listener else pos
    colon = COLON_AT_LINE_END.match(ctx.text, pos)
    if colon is None:
        return None
    quote = quote_starting_at(ctx.doc, colon.end(), colon.end() + 3) or \
        (_block_quotation(ctx.doc, colon.end()) if ctx.subject else None)
    return Found(ctx.subject, Content("direct", [quote])) if quote else None


# A paragraph of whole sentences: a capital (or an ellipsis) first, no label's colon in its first words (a
# list's "Voter turnout: …"), a sentence end last.
BLOCK_QUOTATION = re.compile(r"(?:[A-Z]|…)(?![^\n:]{0,40}:)[^\n]*[.?!…][”\"’']?[ \t]*(?=\n|\Z)")


def _block_quotation(doc: Doc, start: int) -> tuple[int, int] | None:
    block = BLOCK_QUOTATION.match(doc.text, start)
    if block is None or doc.in_markup(start) or len(block.group().split(None, MIN_BLOCK_WORDS)) <= MIN_BLOCK_WORDS:
        return None
    return start, start + len(block.group().rstrip())  # its closing stop kept, as a quotation's


MIN_BLOCK_WORDS = 6  # a block quotation is sentences, not a list's heading


def forward(ctx: CueContext) -> Found | None:
    """ "X said (that) …", "X told Y …": the clause after the cue; the speaker before it, if any, or right after
    a cue opening its sentence ("Said the mayor, “…”")."""
    content = ctx.forward()
    return Found(ctx.subject or (_speaker_after_opening_cue(ctx) if content and content.kind == "direct" else None),
                 content)


def _speaker_after_opening_cue(ctx: CueContext) -> SpeakerSpan | None:
    """ "Said Jane Roe, who grew up there, “…”", "Continued the mayor: “…”": a cue opening its sentence before a
    quotation names its speaker right after it, closed by a comma or a colon."""
    if ctx.text[ctx.lo:ctx.cue.start].strip(" “\"'") or not ctx.cue.text[:1].isupper():
        return None
    speaker = mention_after(ctx.text, ctx.cue.end, ctx.hi, lexicon=ctx.lexicon)
    return _span(speaker) if speaker and ctx.text[speaker[1]:speaker[1] + 1] in (",", ":") else None


CUE_RULE_FUNCTIONS: dict[str, Callable[[CueContext], Found | None]] = {
    "according-to-before": according_to_before, "according-to-after": according_to_after,
    "as-clause": as_clause, "passive-agent": passive_agent, "passive-unattributed": passive_unattributed,
    "apposition-trailing": apposition_trailing, "quote-tag": quote_tag,
    "apposition-forward": apposition_forward, "insertion-subject": insertion_subject,
    "participle-opener": participle_opener, "participle": participle, "inverted": inverted,
    "relative-pronoun": relative_pronoun, "trailing": trailing, "tag-verb": tag_verb,
    "named-quotation": named_quotation,
    "colon-quotation": colon_quotation,
    "forward": forward,
}


# --- document rules ---

def signed_quotes(doc: Doc) -> Iterator[Candidate]:
    """“…” ― Name: a quotation signed with a dash and a name, as in readers' comments and epigraphs."""
    text = doc.text
    for quote in doc.quotations:  # its closing mark opens the match: quotations, not every mark of the text
        match = SIGNATURE.match(text, quote[1])
        if match and match.group("dash") in "-–" and not (
                LINE_OPENS.search(text, max(0, quote[0] - 4), quote[0]) and SIGNATURE_ENDS.match(text, match.end())):
            continue  # a hyphen signs only a quotation paragraph, on a line of its own ("- Jane Roe, Ohio.")
        if match:
            cue = Cue(match.start("dash"), match.end("dash"), match.group("dash"), "sign", "speech", False)
            start, end = match.span("name")
            if text[end - 1] == "." and text[end - 2].islower():
                end -= 1  # "- Jane Roe.": the line's full stop, not an initial's ("- Jane Q.")
            yield Candidate("signature-dash", cue, Content("direct", [quote]),
                            mention_of(doc, SpeakerSpan(start, end)), quote[0])


def headline_claims(doc: Doc) -> Iterator[Candidate]:
    """ "Poll: Wealthy voters abandon …": a short name and a colon opening a line attribute the rest."""
    text, read_to = doc.text, 0
    for start, _ in doc.paragraphs:  # a match opens a line with a mark or a capital: a paragraph's start, where it
        match = HEADLINE.match(text, start) if start >= read_to else None  # is tried (not at every character)
        if match is None:
            continue
        read_to = match.end()  # as finditer, no match inside another (its spaces may reach over a line end)
        if phrase_key(match.group("name")) in doc.lexicon.editorial_labels or len(match.group("name")) < 2:
            continue  # "WATCH: …" is the page's; "Q: …", "A: …" label an interview's turns
        if doc.zone_at(match.start("name")) == "dateline":
            continue  # "SEOUL: …" opens the story, it says nothing
        if NAME_LIST.match(text, match.end("colon")):
            continue  # "Iowa: Jane Doe, John Roe, …": a list of names, not a statement
        cue = Cue(match.start("colon"), match.end("colon"), ":", "colon", "speech", False)
        start, end = trim(text, match.end("colon"), match.end())
        if len(text[start:end].split(None, MIN_CONTENT_WORDS)) >= MIN_CONTENT_WORDS:
            yield Candidate("headline-colon", cue, Content("indirect", [(start, end)]),
                            mention_of(doc, SpeakerSpan(*match.span("name"))), match.start())


def headline_sources(doc: Doc) -> Iterator[Candidate]:
    """ "Ten thousand troops expected in Russia by December — report", "Soldiers killed in the war: NIS": a line
    of the page's head (its first HEAD_PARAGRAPHS paragraphs, before the story's first long one) with no sentence
    end, whose last one to three words, after a dash or a colon, name where the rest comes from."""
    text = doc.text
    for start, end in doc.paragraphs[:HEAD_PARAGRAPHS]:
        if len(text[start:end].split(None, HEADLINE_MAX_WORDS)) > HEADLINE_MAX_WORDS:
            return  # the story has begun
        match = SOURCE_LAST.match(text, start, end)
        if match is None or SENTENCE_END.search(text, start, end) or not _names_a_source(doc, match["name"]):
            continue
        content = trim(text, *match.span("content"))
        if len(text[content[0]:content[1]].split(None, MIN_CONTENT_WORDS)) >= MIN_CONTENT_WORDS:
            cue = Cue(*match.span("mark"), match["mark"], "headline", "speech", False)
            yield Candidate("headline-source", cue, Content("indirect", [content]),
                            mention_of(doc, SpeakerSpan(*match.span("name"))), start)


def _names_a_source(doc: Doc, name: str) -> bool:
    """A source's words: letters, no date or figure ("— Oct. 25", ": Day 500"), no label of the page's own."""
    calendar = speaker_words(doc.lexicon).calendar
    words = name.lower().replace(".", " ").split()
    return not any(w in calendar or any(c.isdigit() for c in w) for w in words) and \
        phrase_key(name) not in doc.lexicon.editorial_labels


def colon_lead_quotes(doc: Doc) -> Iterator[Candidate]:
    """ "The senator went further: “…”": a quotation after a colon (in its sentence, or opening the paragraph
    after one) holds the words of the sentence's subject, whatever the verb before the colon. (Where a cue
    rule reports the same quotation, its row is kept: `selection.one_per_content`.)"""
    text = doc.text
    for start, end in doc.quotations:
        colon = COLON_BEFORE_QUOTE.search(text, max(0, start - 12), start)
        if not colon:
            continue
        lo = doc.sentence_at(colon.start())[0]
        subject = sentence_subject(text, lo, colon.start(), doc.lexicon) if lo < colon.start() else None
        if subject is None or subject[1] >= colon.start() - 2 or \
                text[subject[0]:subject[1]].lower() in rule_words(doc.lexicon).placeholders:
            continue  # no clause before the colon, only a label ("WATCH: “…”"), or "Here is the statement:"
        mark = text.index(":", colon.start())
        cue = Cue(mark, mark + 1, ":", "colon", "speech", False)
        yield Candidate("colon-lead", cue, Content("direct", [(start, end)]),
                        mention_of(doc, SpeakerSpan(*subject)), lo)


@lru_cache(maxsize=8)
def poll_opener(lexicon: Lexicon) -> re.Pattern:
    """ "In a CBS News poll released Monday, …": a sentence opening with "In", a survey noun of the lexicon heading
    the adjunct (after a determiner or a name and modifiers, no preposition: not "In the days after the poll
    closed,"), and the comma that closes the adjunct (not one inside a figure: "In a poll of 1,000 voters,")."""
    modifier = rf"(?!(?:{role_pattern(lexicon, 'preposition')})\b)[\w.&/%’'-]+"
    # "In" first, then where it stands (a line's or a sentence's start): re scans for a literal prefix at C speed
    return re.compile(rf"""In(?:(?<=^In)|(?<=[.!?”"]\ In))\s+
        (?P<source>(?:(?:{alternation(lexicon.determiners)})\s+|(?=[A-Z]))(?:{modifier}\s+){{0,6}}?
                   (?:{role_pattern(lexicon, "survey")})\b)(?![’']s)
        (?:[^,;:\n“”"]|,(?=\d)){{0,60}}?,\s""", re.M | re.VERBOSE)


def poll_openers(doc: Doc) -> Iterator[Candidate]:
    """ "In a CBS News poll released Monday, Clinton led Sanders 56 percent to 32 percent.": an opening adjunct
    naming a survey (the lexicon's `survey` nouns) reports the sentence's main clause, unless a reporting cue in
    that clause reports it itself ("…, 79 percent said they were satisfied")."""
    text = doc.text
    for match in poll_opener(doc.lexicon).finditer(text):
        lo, hi = doc.sentence_at(match.start())
        start, end = trim(text, match.end(), hi)
        if cue_pattern(doc.lexicon).search(text, start, end) or \
                len(text[start:end].split(None, MIN_CONTENT_WORDS)) < MIN_CONTENT_WORDS:
            continue
        cue = Cue(match.start(), match.start() + 2, "In", "in", "finding", False)
        yield Candidate("poll-opener", cue, Content("indirect", [(start, end)]),
                        mention_of(doc, SpeakerSpan(*match.span("source"))), lo)


DOCUMENT_RULES: dict[str, Callable[[Doc], Iterator[Candidate]]] = {
    "signature-dash": signed_quotes, "headline-colon": headline_claims, "headline-source": headline_sources,
    "colon-lead": colon_lead_quotes, "poll-opener": poll_openers,
}
