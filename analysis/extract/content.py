"""Where a reported content begins and ends, around a cue: the boundary logic the attribution rules share.

Backward content ends at the comma or closing quotation mark before a trailing reporting clause
("…, X said"); forward content is the clause after a cue ("X said (that) …"), cut where the sentence
moves on: a second predicate ("…, adding that"), a new clause with its own subject ("…, and Jane Doe
said"), a contrast or an aside ("…, but …", "…, which …"), or, for a stance verb's object, an
adverbial clause or a participle. Every search is bounded by the `hi` the rule passes in (the cue's
sentence clipped to `Doc.clause_window`), so a cue costs the same whatever the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from ..text.doc import Doc
from ..text.lexicon import Lexicon, alternation, as_written, lowered, role_pattern, speaker_pronouns
from .cues import Cue, coordinated_cue_pattern, cue_pattern, new_clause_pattern, new_predicate_pattern
from .numbers import NUMBER_WORDS
from .speakers import SPACES, mention_after


CLOSING = re.compile(r"(?:[”\"»“]|'')\s*")  # after a quotation's words: “ there is a mistyped ” (text.quotemarks)
BEFORE_QUOTE = re.compile(r"[ ,:—–-]*")
OPENING_MARKS = "“\"'«„`"  # what may stand before a quotation's words
THAT = re.compile(r"that\b(?<=\bthat)")  # the word first, its start looked back at: re scans for it at C speed
# Any short phrase and a comma or colon between a cue and its quotation: "wrote to his followers, “…”",
# "called them on it:⏎⏎“…”".
OPENING_MARK = r"(?:[“\"]|'')"  # '' opens quotations in some archives ("said: ''We …''")
SHORT_LEAD = re.compile(r"(?:[^.;:!?“”\"\n]|(?<=\d)\.(?=\d)){1,60}[,:]\s*(?=" + OPENING_MARK + ")")  # "20,000 followers"
COLON_LEAD = r"[ \t]*:\s{0,8}"  # a colon leading to a quotation, in its paragraph or opening the next one
COLON_THEN_QUOTE = re.compile(COLON_LEAD + r"(?=" + OPENING_MARK + ")")
# A quotation the clause goes on after is part of that clause (a partial quote); after “…,” a new clause
# starts (“…,” adding that …).
CLAUSE_AFTER_QUOTE = re.compile(r"(?<![,.!?])(?:[”\"»]|'')[ \t]+[a-z]")
ADVERBS = re.compile(r"(?:[a-z]+ly\s*){1,2}")
# "said about half of …", "said about 300 troops": "about" is a number's hedge there, not a topic.
APPROXIMATE_AMOUNT = r"(?:\d|(?:half|a\s+(?:third|quarter|dozen|hundred|thousand)|" + "|".join(NUMBER_WORDS) + r")\b)"
OF_TOPIC = re.compile(r"\s*of\s+")  # "warned of a long winter" (but "said of the vote" is an adjunct)
INFINITIVE = re.compile(r"\bto\s+(?=[“\"]?[a-z])")
PASSIVE = re.compile(r"""\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?         # "was first", "is"
                         (?:\w+(?:ed|en|wn)|said|thought|told|found|heard|felt|meant)\Z  # a participle""",
                     re.IGNORECASE | re.VERBOSE)
NAMING_AS = re.compile(r"\s+as\b")
NAME_LIST_END = re.compile(r",\s*(?:[A-Z][\w’'.-]*\s*){1,3}\Z")
INSERTION_END = re.compile(r"[^,.;:!?“”\"]{0,40}?,\s+(?=(?:[“\"]|'')?[a-z])")  # "…,” she said, “goes on …”"
CONJUNCTION = re.compile(r"(?:and|but|or)\b", re.IGNORECASE)  # "reported from Kyiv, and …": no content here
PAST_FORM = re.compile(r"\b[a-z]+ed\b")
# A short insertion a contrast word opens and a comma closes before the clause goes on ("…, even as a senator,
# voted …", "X, though it existed, was …"); not after "but" ("…, but if he did, he …") or a relative pronoun, nor
# before a participle.
SHORT_INSERTION = re.compile(r"(?<!but)(?<!which)(?<!who)(?:\s+[^\s,.;:!?“”\"]+){0,3},\s+(?![a-z]+ing\b)[a-z]")
MAX_LISTENER_WORDS = 10   # "told his supporters at a rally to …"
MAX_TRAILING_WORDS = 10   # "…, X said in a statement posted on its channel." is still trailing
MAX_ADJUNCT_WORDS = 20    # … when they are adjuncts with no finite verb
MAX_THAT_DISTANCE = 12    # words between the cue and "that" ("said during a press briefing that")
END_TRIM = " \t\n.,;:!?”\"'’—–-"


class ContentWords(NamedTuple):
    """What the content rules read from one lexicon (attribution_words' roles, pronouns, weekday and month
    names), compiled once per lexicon (`content_words`)."""
    adjunct_start: re.Pattern      # an adjunct between a cue and its "that" ("said in a statement that")
    adjunct_comma: re.Pattern      # a short adjunct and a comma before the content ("says of the plan, …")
    adjunct_then_quote: re.Pattern  # adjuncts, no comma, then the quotation ("… in an interview Monday “…”")
    contrast: re.Pattern           # the writer's aside or contrast after a comma ("…, but …")
    dash_contrast: re.Pattern      # … or after a dash ("… — but …"), unless a second dash closes it
    relative_insertion_end: re.Pattern  # a relative clause closed before its clause's verb ("X, who …, of lying")
    subordinate_opener: re.Pattern  # a sentence opening with a subordinate clause ("Though X said Y, Z …")
    inner_subordinate: re.Pattern  # one inside the sentence that holds the cue ("…, and while he said …")
    participle_opener: re.Pattern  # "Asked to describe it, X said": a non-finite opening clause
    adverbial_opener: re.Pattern   # a sentence opening with an adverbial: "And while X said Y, Z …" (group
                                   # `clause`), "After announcing X, Z …", "Continuing to explain X, Z …"
    main_clause_start: re.Pattern  # a comma or dash, then a word that can open a main clause's subject
    adjunct_then_subject: re.Pattern  # a short adjunct, then a subject pronoun ("has said for weeks he is …")
    topic: re.Pattern              # "complained about the noise" (not "said about 300 troops")
    stranded: re.Pattern           # a topic's preposition stranded ("the change they warned about in …")
    prepositions: frozenset[str]   # the last word of a cue that may be stranded ("talk about", "call for")
    adjunct_of: frozenset[str]     # cue lemmas after which "of" opens an adjunct ("said of the vote")
    clausal: frozenset[str]        # cue lemmas whose object is a clause
    demonstrative: re.Pattern      # "rejected that argument in a ruling": "that" is a determiner here
    naming: frozenset[str]         # cue lemmas naming their object with "as" ("described it as …")
    object_end: re.Pattern         # an adverbial clause or a participle ending a stance verb's object
    finite: re.Pattern             # a modal or auxiliary: the words after the cue are a clause
    participle_after_tag: re.Pattern  # a participle after "…, X said Monday," ("…, citing …")
    source_after_tag: re.Pattern   # ... or a source ("…, X said, according to state media."): no second part
    new_participle: re.Pattern     # ... after a comma
    not_content_start: re.Pattern  # a preposition or conjunction no content opens with
    lead_in: re.Pattern            # the writer's words leading into a quotation in the same clause
    clause_after_cue: re.Pattern   # a clause of its own after a cue: a subject, then an auxiliary or modal
    subject_pronoun: re.Pattern    # a clause in a listener's gap ("told CNN they expect …")
    occasion: re.Pattern           # the medium or occasion of the saying ("… in a tweet", "… at a rally Friday")
    occasion_tail: re.Pattern      # what may follow it to the content's end ("… with the Post on Monday")


@lru_cache(maxsize=8)
def content_words(lexicon: Lexicon) -> ContentWords:
    role, capital = partial(role_pattern, lexicon), partial(role_pattern, lexicon, case=str.capitalize)
    # Pronouns: "it" and "you" may be objects; a subject pronoun unlike its object form opens a clause.
    speakers = speaker_pronouns(lexicon)
    subjects = alternation(as_written(w for w, p in lexicon.pronouns.items() if p.object != w))
    clause_subject = alternation(as_written({w for w, p in lexicon.pronouns.items() if p.refers != "addressee"}
                                            | set(lexicon.attribution_words.get("clause_determiner", ()))))
    reader_too = alternation(as_written(w for w, p in lexicon.pronouns.items()
                                        if p.object != w or p.refers == "addressee"))
    finite = role("finite")
    not_noun_phrase = rf"(?:{role('clause_word')}|{subjects}|{finite}|that|and|but|or)\b"
    # A month's name or abbreviation (not "Mar" in "Marco Rubio").
    month = rf"(?:{alternation(m.capitalize() for m in lexicon.month_forms)})\.?"
    weekday = alternation(d.capitalize() for d in lexicon.weekdays)
    adjunct_start = re.compile(rf"(?:{role('adjunct_start')}|\w+day|{month})\b")
    participle_after_tag = re.compile(r"(?:(?:\w+ly|" + role("participle_adverb") + r")\s+)?(?!(?:"
                                      + role("not_participle") + r")\b)[a-z]+ing\b")
    return ContentWords(
        adjunct_start,
        adjunct_comma=re.compile(rf"\s*(?:{role('adjunct_comma')}|{weekday})\b[^,.;:“”\"]{{0,60}}[,:]\s*"),
        # Its words hold no verb, clause word or pronoun ("reported on Monday the agency had “…”").
        adjunct_then_quote=re.compile(
            r"\s*(?=" + adjunct_start.pattern + r")(?:(?!(?:" + role("clause_word") + "|" + speakers + "|" + finite
            + r")\b|[a-z]+(?:ing|ed)\b)[^\s,.;:!?“”\"’']+[ \t]+){1,8}(?=" + OPENING_MARK + ")"),
        contrast=re.compile(rf"[,;](?:(?:[”\"]|'')?\s+(?:{role('contrast')})\b|(?<=;)\s)"),  # one mark first: fast
        # the dash first, the space before it looked back at: re scans for the dash at C speed
        dash_contrast=re.compile(rf"[—–-](?<=\s[—–-])(?:(?<=-)-)?\s*(?:{role('dash_contrast')})\b"
                                 r"(?![^—–]*?\s(?:[—–]|--?)\s*[a-z])"),  # not an aside a second dash closes
        relative_insertion_end=re.compile(r"""
            (?:(?<=which)|(?<=who))\b [^,;.“”"]{1,80} ,\s+       # the relative clause and its closing comma
            (?:\w+ly\s+)?                                          # an adverb
            (?:""" + finite + "|" + role("insertion_verb") + r"""|[a-z]+ed|[a-z]+s)\b
            """, re.VERBOSE),
        subordinate_opener=re.compile(rf"\s*[“\"]?(?:{capital('subordinate_opener')})\b"),
        # each alternative opens with a literal, the word's start looked back at: re scans for [,ab] at C speed
        inner_subordinate=re.compile(rf"(?:,|and(?<=\band)|but(?<=\bbut))\s+(?:{role('inner_subordinate')})\s"
                                     r"[^,;:“”\"]*\Z"),
        participle_opener=re.compile(rf"\s*(?:{capital('participle_opener')})\b"),
        adverbial_opener=re.compile(
            rf"\s*[“\"]?(?:(?:{capital('bare_conjunction')})\s+)?(?:(?P<clause>{role('subordinate_opener')}|"
            rf"{capital('subordinate_opener')})|{capital('introductory')}|{capital('preposition')}"
            rf"|(?!(?:{capital('not_participle')})\b)[A-Z][a-z]+ing)\b"),
        main_clause_start=re.compile(rf"(?:,|\s[―—–]|\s--)\s+(?!(?:{role('not_main_clause')})\b)"
                                     r"(?=[A-Za-z][\w’']*\s|\d[\d.%]*\s+[a-z])"),  # "…, 27 percent said"
        adjunct_then_subject=re.compile(rf"\s*(?:{role('subject_adjunct')})\b[^,.;:“”\"\n]{{1,50}}?\s"
                                        rf"(?=(?:{speakers})(?:\s+[a-z]|[’']\w))"),
        topic=re.compile(rf"\s*(?:{role('topic')})\s+(?!{APPROXIMATE_AMOUNT})"),
        stranded=re.compile(rf"(?:{role('stranded')})(?=\s)|[,.;:!?]"),  # "in May", not "in-person"
        prepositions=frozenset(lexicon.attribution_words.get("preposition", ())),
        adjunct_of=frozenset(lexicon.attribution_words.get("adjunct_of", ())),
        clausal=frozenset(lexicon.attribution_words.get("clausal", ())),
        demonstrative=re.compile(rf"that\s+[a-z]+[^s\W]\s*(?:[,.;]|\b(?:{role('demonstrative_end')})\b)"),
        naming=frozenset(lexicon.attribution_words.get("naming", ())),
        object_end=_object_end_pattern(lexicon, subjects, finite),
        finite=re.compile(rf"\b(?:{finite})\b"),
        participle_after_tag=participle_after_tag,
        source_after_tag=re.compile(rf"(?:{alternation(f for f, c in lexicon.cues.items() if c.kind == 'source')})\b",
                                    re.IGNORECASE),
        new_participle=re.compile(r",\s*" + participle_after_tag.pattern),
        # A content does not open with a preposition ("what we know of …"; "about 300 …", "at least 300 …" are
        # amounts) or a conjunction ("in favor, but …"), but an infinitive is one ("vowed to act": "to" and a
        # verb, not "to the").
        # (not "in-person …": a hyphen after the word makes it another).
        not_content_start=re.compile(
            rf"(?!at\s+(?:least|most)\s+{APPROXIMATE_AMOUNT}(?![\w,.]*\s+times\b))"
            rf"(?:{role('not_content_start')}|about(?!\s+{APPROXIMATE_AMOUNT})"
            rf"|to(?!\s+(?!(?:{role('infinitive_not')})\b)[“\"]?[a-z]+\b))(?![\w-])", re.IGNORECASE),
        # The writer's words leading into a quotation in the same clause: no colon, not a lone connective, not
        # ending in a comma, a dash or another quotation ("But “…”", "In a statement, “…”" are no lead-in).
        lead_in=re.compile(r"""
            \s*(?!(?:""" + capital("lone_connective") + r""")
                 \s+(?:[“"]|``|''))               # not a lone connective before the quotation
            [^\s“”"'`:] [^:]* [^\s:,―—–“”"'`.!?]    # the writer's words: no colon, not ending in , — or a quotation
            \s*(?:[“"]|``|'')?                     # the opening mark
            """, re.S | re.VERBOSE),
        clause_after_cue=re.compile(rf"(?:{clause_subject})\s+(?:[\w’'-]+\s+){{0,4}}?(?:{finite})\b"),
        subject_pronoun=re.compile(rf"\b(?:{reader_too})\b"),
        # A preposition, then a noun of the medium or occasion opening a noun phrase of up to five words (no
        # clause word, pronoun or auxiliary) with a determiner, a name or a possessive ("in a recent interview",
        # "during Sunday's debate", "at his news conference"), or a bare plural ("in interviews").
        occasion=re.compile(rf"\s(?:{role('occasion_preposition')})\s+"
                            rf"(?:(?:{alternation(lexicon.determiners)}|[A-Z][\w.&-]*|[\w.-]+[’']s?)\s+"
                            rf"(?:(?!{not_noun_phrase})[^\s,.;:!?“”\"]+\s+){{0,4}}?(?:{role('occasion')})(?:e?s)?"
                            rf"|(?:{role('occasion')})e?s)\b"),
        # … and what may follow it to the content's end: its time, place or listener, no verb or clause.
        occasion_tail=re.compile(rf"(?:[\s,]+(?:{role('occasion_preposition')}|{role('adjunct_start')}|"
                                 rf"{role('preposition')}|ahead|next|tonight|{weekday}|{month}|\d)\b"
                                 rf"(?:[\s,]+(?!{not_noun_phrase})[^\s,;:!?“”\"]+(?<!ed)(?<!ing)){{0,12}})?[\s.]*"),
    )


@dataclass
class Content:
    """What a statement says: its kind and its pieces, (start, end) each, in text order; `start` and `end`
    are the outer bounds."""
    kind: str                       # direct, partial or indirect
    pieces: list[tuple[int, int]]
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self) -> None:
        self.start, self.end = self.pieces[0][0], self.pieces[-1][1]

    def add_before(self, piece: tuple[int, int]) -> None:
        self.pieces.insert(0, piece)
        self.start = piece[0]

    def add_after(self, piece: tuple[int, int]) -> None:
        self.pieces.append(piece)
        self.end = piece[1]

    def pair_marks(self, doc: Doc) -> None:
        """Pieces of reported words that open or close a quotation inside them take its mark too, so that their
        marks pair ('“phased measures” could be taken', 'The plan is “a disaster”'); a direct piece is the
        quoted words alone."""
        if self.kind != "direct":
            self.pieces = [_with_marks(doc, start, end) for start, end in self.pieces]
            self.__post_init__()


def _with_marks(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The piece with the opening mark of a quotation it opens and the closing mark (and the stop or comma
    inside it: 'it “a disaster,”') of one it closes."""
    text = doc.text
    opening = doc.quotation_holding(start)
    if opening and opening[0] == start and opening[1] < end and start and text[start - 1] in OPENING_MARKS:
        start -= 2 if text[start - 2:start] in ("''", "``") else 1
    closing = doc.quotation_holding(end - 1)
    mark = CLOSING.match(text, closing[1]) if closing and closing[0] > start and \
        text[end:closing[1]] in ("", ",", ".", "?", "!") else None
    return start, (closing[1] + len(mark.group().rstrip()) if mark else end)


def _object_end_pattern(lexicon: Lexicon, subjects: str, finite: str) -> re.Pattern:
    """Where a stance verb's object ends: an adverbial clause, the subject's next predicate, a new clause after
    "and", a participle or "with" after a comma (each alternative below)."""
    role = partial(role_pattern, lexicon)
    comma_and = r'(?:,(?:[”"]|\'\')?)?\s+and\s+'
    verb = rf"(?:{finite}|{role('emphatic_auxiliary')}|[a-z]+ed|[a-z]+s)"
    alternatives = [
        rf"\s(?P<conjunction>{role('object_conjunction')})\s",  # an adverbial clause
        # the subject's next predicate: ", backed by", "and stopped it", "and has warned", "and vowed to"
        rf'(?P<predicate>(?:,(?:[”"]|\'\')?\s+|{comma_and})[a-z]+ed\s+(?:{role("object_word")})\b'
        rf"|{comma_and}(?:{role('verb')}|(?:{role('predicate_auxiliary')})\s+[a-z]+(?:ed|en)|[a-z]+ed\s+to)\b)",
        # a new clause: ", and his administration has made", ", and most voters were"
        rf'(?P<clause>,(?:[”"]|\'\')?\s+and\s+(?:{subjects}|{role("clause_determiner")})\s+(?:[a-z]+\s+)?'
        rf"(?:{finite}|[a-z]+ed)(?:n[’']t)?\b"
        rf'|,(?:[”"]|\'\')?\s+and\s+(?:there\s+|(?:(?!(?:{role("clause_word")}|{role("question_word")})\b)'
        rf"[\w’'.-]+\s+){{1,4}}?)(?:{finite}|{role('emphatic_auxiliary')})(?:n[’']t)?\b)",
        # "as he stopped"
        rf"\s(?:{role('clause_conjunction')})\s+(?:{subjects}|it)\s+(?:[a-z]+ly\s+)?(?:{finite}|[a-z]+ed|[a-z]+s)\b",
        rf"(?P<subject>\s+and\s+(?:{subjects})\s+(?:[a-z]+ly\s+)?{verb}(?:n[’']t)?\b)",  # "and he says", "didn’t"
        # ", rooted in …", ", called her …"; not a list: "delays, rushed inspections and …"
        rf",\s+(?:[a-z]+ly\s+)?(?!(?:{role('not_past_form')})\b)[a-z]+ed\s+"
        rf"(?:{role('object_word')}|{role('preposition')})\b",
        # ", with …", a participle then its object
        rf",\s+(?:with\b|(?!including\b)[a-z]+ing\s+(?:{role('participle_object')}|\d+|[A-Z][\w.]*)\b)",
    ]
    # every alternative's first character, a cheap test before trying them: most positions fail at once
    return re.compile(r"(?=[\s,])(?:" + "|".join(alternatives) + ")")



def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,:;“\"'`—–-":
        start += 1
    while end > start and text[end - 1] in END_TRIM:
        end -= 1
    return start, end


def quote_ending_at(doc: Doc, pos: int) -> tuple[int, int] | None:
    """The quotation whose closing mark ends right before `pos`."""
    quote = doc.quotation_ending_by(pos)
    return quote if quote and CLOSING.fullmatch(doc.text, quote[1], pos) else None


def quote_starting_at(doc: Doc, pos: int, limit: int) -> tuple[int, int] | None:
    """The quotation opening right after `pos` (past commas, colons and dashes)."""
    stripped = BEFORE_QUOTE.match(doc.text, pos, max(pos, limit)).end()
    if doc.text[stripped:stripped + 1] not in OPENING_MARKS:
        return None  # most words after a cue: no mark, no quotation to look up
    for quote in doc.quotations_starting_in(stripped + 1, stripped + 3):
        if not doc.text[stripped:quote[0]].strip(OPENING_MARKS):
            return quote
    return None


def backward_content(doc: Doc, lo: int, pos: int, resume: int | None = None, hi: int | None = None) -> Content:
    """Content before a comma or closing quote that ends at `pos`.

    When the reporting clause is an insertion ("Acts of protest, he said, are acts of patriotism")
    the content goes on after it, from `resume` to `hi`: two pieces.
    """
    text = doc.text
    quote = quote_ending_at(doc, pos)
    if quote and lead_in(doc, lo, quote):  # 'The plan is “a disaster,” she said': the whole clause
        return Content("partial", [(trim(text, lo, quote[0])[0], quote[1])])
    if quote:  # "“The plan,” she said, “is dead.”": the quotation goes on after the insertion
        rest = quote_starting_at(doc, resume, resume + 1) if resume is not None else None
        return Content("direct", [quote] + ([rest] if rest and rest[1] <= (hi or rest[1]) else []))
    pieces = [trim(text, lo, pos)] + ([trim(text, resume, hi)] if resume is not None else [])
    return Content("indirect", [p for p in pieces if p[0] < p[1]] or pieces[:1])


def lead_in(doc: Doc, lo: int, quote: tuple[int, int]) -> bool:
    """Do the writer's words open the clause a trailing tag's quotation ends ('The plan is “a disaster,”')?
    Not when they hold a reporting word of their own (verb or noun: "The report is “flawed,”" stays direct)."""
    text = doc.text
    if text[quote[1] - 1] not in ",?!":
        return False
    return content_words(doc.lexicon).lead_in.fullmatch(text, lo, quote[0]) is not None and \
        cue_pattern(doc.lexicon).search(text, lo, quote[0]) is None


def that_clause(doc: Doc, cue: Cue, pos: int, hi: int) -> int | None:
    """Where the content starts after a complementiser "that" reached over adjuncts only, else None."""
    text, words = doc.text, content_words(doc.lexicon)
    that = THAT.search(text, pos, hi)
    if not that:
        return None
    gap = text[pos:that.start()]
    if len(gap.split()) > MAX_THAT_DISTANCE:
        return None
    gap = gap.strip(" ,—–-")  # "said — on Twitter, as it happens — that"
    if words.new_participle.search(gap):
        return None  # "said on Friday, adding that …": the "that" is the participle's
    if cue.lemma not in words.clausal and words.demonstrative.match(text, that.start(), hi):
        return None  # "rejected that argument in …" (but "said that crime in the city …")
    if not gap or words.adjunct_start.match(gap) or ADVERBS.fullmatch(gap) or _rest_of_listener(cue, gap, words):
        return that.end()  # "argued insistently that", "told the Post and Courier of Charleston that"
    return None


def _rest_of_listener(cue: Cue, gap: str, words: ContentWords) -> bool:
    """Can the words between a listener's first words and "that" be the rest of that listener and adjuncts
    (no clause: no comma, pronoun, auxiliary or past form)?"""
    return cue.takes_object and "," not in gap and not (words.finite.search(gap) or words.subject_pronoun.search(gap)
                                                         or PAST_FORM.search(gap))


def _content_start(doc: Doc, cue: Cue, pos: int, hi: int):
    """(start, how) of what a forward cue reports: how is "quote" (start is the quotation), "clause"
    (after "that", an adjunct or a listener) or "rest" (the words right after the cue); None when the cue
    reports nothing after it (a stranded preposition)."""
    text, words = doc.text, content_words(doc.lexicon)
    quote = quote_starting_at(doc, pos, hi)
    if quote:
        return quote, "quote"
    if _stranded_after_cue(doc, cue, pos, hi):
        return None  # "what she talked about, this is …": the cue's own preposition is stranded
    that = that_clause(doc, cue, pos, hi)
    if that is not None:
        return that, "clause"
    adjunct = words.adjunct_comma.match(text, pos, hi)
    quote = _quotation_after_lead(doc, pos, hi, adjunct)
    if quote:
        return quote, "quote"
    speech_of = cue.kind == "speech" and cue.lemma not in words.adjunct_of  # not "what we know of …"
    topic = words.topic.match(text, pos, hi) or (OF_TOPIC.match(text, pos, hi) if speech_of else None)
    if topic and words.stranded.match(text, topic.end(), hi):
        return None  # "the change the party warned about in its report": the topic is the noun before
    if topic:  # "complained about the noise", "warned against haste": the topic is the content
        return topic.end(), "clause"
    if adjunct:  # "said in a statement, the talks …" (not "… by December, citing …": a participle's own)
        return None if words.participle_after_tag.match(text, adjunct.end(), hi) else (adjunct.end(), "clause")
    when = time_adjunct_pattern(doc.lexicon).match(text, pos, hi) or words.adjunct_then_subject.match(text, pos, hi)
    if when and not words.not_content_start.match(text, when.end()):
        return when.end(), "rest"  # "said on Tuesday the country would …", "has said for weeks he is …"
    infinitive = _infinitive_after_listener_or_adjunct(text, cue, pos, hi, words)
    if infinitive is not None:
        return infinitive, "clause"  # "told his supporters at a rally to go", "vowed on Sunday at a rally to end"
    return (when.end() if when else pos), "rest"


def _quotation_after_lead(doc: Doc, pos: int, hi: int, adjunct: re.Match | None) -> tuple[int, int] | None:
    """The quotation a short lead after the cue opens onto: "says of Clinton, “If …”", "wrote to his followers,
    “…”", "said on Monday “…”"."""
    if not doc.quotations_starting_in(pos, hi + 3):
        return None  # most clauses have no quotation to lead to: a binary search spares the lead patterns
    lead = adjunct or SHORT_LEAD.match(doc.text, pos, hi) or _adjunct_then_quote(doc, pos, hi)
    return quote_starting_at(doc, lead.end(), hi) if lead else None


def _stranded_after_cue(doc: Doc, cue: Cue, pos: int, hi: int) -> bool:
    """Does a cue ending in a preposition ("talk about", "point to", "call for") leave it stranded: a
    punctuation mark or an adjunct right after it ("the problem they pointed to in May", "all he talked
    about, …")? Its object is then the noun before, not the words after."""
    words = content_words(doc.lexicon)
    if " " not in cue.lemma or cue.lemma.rsplit(None, 1)[-1] not in words.prepositions:
        return False
    return words.stranded.match(doc.text, SPACES.match(doc.text, pos, hi).end(), hi) is not None


def _adjunct_then_quote(doc: Doc, pos: int, hi: int) -> re.Match | None:
    """Adjuncts right before a quotation ("in a radio interview Monday night “…”"), not a noun phrase the
    quotation goes on ("in Boston the “plan” …": a determiner or preposition before the mark)."""
    words = content_words(doc.lexicon)
    found = words.adjunct_then_quote.match(doc.text, pos, hi)
    if found is None:
        return None
    last = doc.text[found.start():found.end()].split()[-1].lower()
    preposition = words.adjunct_start.fullmatch(last) or words.not_content_start.fullmatch(last)
    return None if last in doc.lexicon.determiners or preposition else found


def _infinitive_after_listener_or_adjunct(text: str, cue: Cue, pos: int, hi: int, words: ContentWords) -> int | None:
    """Where an infinitive starts after a listener or adjuncts only, within a few words of the cue."""
    rest = text[pos:hi].lstrip()
    if not (cue.takes_object or words.adjunct_start.match(rest)):
        return None
    infinitive = INFINITIVE.search(text, pos, hi)
    if infinitive is None:
        return None
    gap = text[pos:infinitive.start()]
    if len(gap.split()) > MAX_LISTENER_WORDS or (not cue.takes_object and words.finite.search(gap)) or \
            words.subject_pronoun.search(gap):
        return None  # "told CNN they expect 5,000 troops to arrive": a clause, whose infinitive is its own
    return infinitive.start()


@lru_cache(maxsize=8)
def time_adjunct_pattern(lexicon: Lexicon) -> re.Pattern:
    """A day right after a cue and before the words it reports ("said on Tuesday the …", "said yesterday
    it …"), in the lexicon's weekday and month names."""
    day = rf"(?:on\s+)?(?:{alternation(lexicon.weekdays)}|(?:{alternation(lexicon.month_forms)})\.?\s+\d{{1,2}})"
    return re.compile(rf"\s*(?:{day}|yesterday|today|last\s+(?:week|month|night))\s+(?=[“\"]?\w)", re.IGNORECASE)


NON_FINITE_BEFORE = re.compile(r"\bto\s+\Z")


def _in_adverbial_opener(doc: Doc, cue: Cue, lo: int) -> bool:
    """Is the cue in an adverbial opening the sentence, before its main clause? A subordinate clause after a
    conjunction ("And while she called for …, she …"), or a phrase opened by a preposition or a participle
    whose cue is no finite verb ("After announcing his support for …, the senator …", "Continuing to explain
    his plan, the coach …"; not "In Iowa the senator said …")."""
    opener = content_words(doc.lexicon).adverbial_opener.match(doc.text, lo, cue.start)
    if not opener:
        return False
    if opener.group("clause"):
        return True
    return cue.text.split(None, 1)[0].lower().endswith("ing") or \
        NON_FINITE_BEFORE.search(doc.text, max(lo, cue.start - 8), cue.start) is not None


def _forward_limit(doc: Doc, cue: Cue, lo: int, hi: int) -> int:
    """Where the sentence stops being what a forward cue reports, before any content rule looks."""
    text, words = doc.text, content_words(doc.lexicon)
    inside = doc.quotation_holding(cue.start)
    hi = min(hi, inside[1]) if inside else hi  # a cue inside a quotation reports only up to its end
    if words.participle_opener.match(text, lo) and "," not in text[lo:cue.start]:  # "Asked to describe it, X said …"
        comma = text.find(",", cue.end, hi)
        hi = comma if comma != -1 else hi
    # the cue is in that clause: no comma before it but those around an apposition ("When the director, Jane
    # Roe, said …, aides cheered"); after an odd one the main clause has begun ("When asked, X said …")
    opener = words.subordinate_opener.match(text, lo) or _in_adverbial_opener(doc, cue, lo)
    opener = opener and text.count(",", lo, cue.start) % 2 == 0
    if opener or words.inner_subordinate.search(text, max(lo, cue.start - 120), cue.start):
        # "Though she said …, the rival …", "…, and while he said …, it is unlikely …"
        main_clause = words.main_clause_start.search(text, cue.end, hi)
        hi = main_clause.start() if main_clause else hi
    return _coordinated_cue_start(doc, cue, hi)


def _coordinated_cue_start(doc: Doc, cue: Cue, hi: int) -> int:
    """ "confirmed the visit and said that ...": where a second cue's content begins, else `hi`. Most
    clauses hold no "and" or "but" (in any case): a find in the lowered text spares the search."""
    low = lowered(doc.text)
    if low.find("and", cue.end, hi) == -1 and low.find("but", cue.end, hi) == -1:
        return hi
    joined = search_outside_quotations(doc, coordinated_cue_pattern(doc.lexicon), cue, cue.end, hi)
    return joined.start() if joined else hi


def search_outside_quotations(doc: Doc, pattern: re.Pattern, cue: Cue, pos: int, end: int) -> re.Match | None:
    """The first match in [pos, end) that does not end inside a quotation (other than the one holding the
    cue): a reporting word or a clause break in quoted words belongs to the quoted speaker ("saying it was
    “rushed and poorly explained”" is one content)."""
    for match in pattern.finditer(doc.text, pos, end):  # most find nothing: the cue's quotation is looked up after
        if doc.quotation_holding(match.end() - 1) in (None, doc.quotation_holding(cue.start)):
            return match
    return None


def forward_content(doc: Doc, cue: Cue, hi: int, lo: int) -> Content | None:
    """The clause a forward cue reports ("X said (that) …", "X told Y …"), else None."""
    text = doc.text
    hi = _forward_limit(doc, cue, lo, hi)
    pos = cue.end
    if cue.takes_object:
        listener = mention_after(text, pos, hi, lexicon=doc.lexicon)
        pos = listener[1] if listener else pos
    pos = after_naming_as(doc, cue, pos, hi)  # "described it as “…”"
    found = _content_start(doc, cue, pos, hi)
    if found is None:
        return None
    pos, how = found
    if how == "quote":
        if not CLAUSE_AFTER_QUOTE.match(text, pos[1], hi):
            return Content("direct", [pos])
        pos = pos[0]  # "said that “…” against all odds": the quotation is part of the clause
    start, end = trim(text, pos, hi)
    introduced = _quotation_after_colon(doc, end)
    if introduced:  # "called them on it:⏎⏎“…”": the words before the colon lead to the quotation
        return Content("direct", [introduced])
    end = _through_closing_mark(doc, start, _clause_end(doc, cue, start, end, how))
    not_content = how == "rest" and content_words(doc.lexicon).not_content_start.match(text, start)
    if not_content or CONJUNCTION.match(text, start):
        return None  # "what we know of ...": not a reported clause
    return Content("indirect", [(start, end)])


def _quotation_after_colon(doc: Doc, end: int) -> tuple[int, int] | None:
    """The quotation a colon right after `end` introduces, in the paragraph or opening the next one."""
    colon = COLON_THEN_QUOTE.match(doc.text, end)
    return quote_starting_at(doc, colon.end(), colon.end() + 1) if colon else None


def _through_closing_mark(doc: Doc, start: int, end: int) -> int:
    """A content that ends inside a quotation it opened ends after the quotation's closing mark: 'saying it
    was “rushed.”', not at the full stop trimmed before the mark; 'argues that “A. B.”', not at the first
    sentence end inside the quotation. A comma before the mark is no end: "“jobs, jobs,” but …"."""
    quote = doc.quotation_holding(end - 1) if end > start else None
    if quote and quote[0] >= start and doc.text[quote[1] - 1:quote[1]] != ",":
        return quote[1] + (doc.text[quote[1]:quote[1] + 1] in "”\"»")
    return end


def _clause_end(doc: Doc, cue: Cue, start: int, end: int, how: str) -> int:
    """Where the sentence moves on from the reported clause [start, end)."""
    text, words = doc.text, content_words(doc.lexicon)
    stance = how == "rest" and cue.lemma not in words.clausal
    # A new predicate or clause and a contrast each open with a comma or a semicolon: most clauses hold neither
    marked = text.find(",", start + 1, end) != -1 or text.find(";", start + 1, end) != -1
    end = _next_predicate_end(doc, cue, start, end) if marked else end
    if stance:
        end = _object_end(doc, start, end)
    end = _contrast_end(doc, cue, start, end) if marked else end
    contrast = search_outside_quotations(doc, words.dash_contrast, cue, start + 1, end)
    end = trim(text, start, contrast.start())[1] if contrast else end  # "… — but the rival said …"
    return _occasion_end(doc, start, end) if stance else end


def _next_predicate_end(doc: Doc, cue: Cue, start: int, end: int) -> int:
    """Where the subject's next predicate or a new clause with its own subject ends the clause [start, end)."""
    text = doc.text
    predicate = search_outside_quotations(doc, new_predicate_pattern(doc.lexicon), cue, start + 1, end)
    end = trim(text, start, predicate.start())[1] if predicate else end  # "…, adding that …" starts anew
    predicate = search_outside_quotations(doc, new_predicate_pattern(doc.lexicon, finite=True), cue, start + 1, end)
    if predicate and "," not in text[start:predicate.start()]:  # not "the memo, dated May 3, said"
        end = trim(text, start, predicate.start())[1]  # "…, told his advisers": the subject's next predicate
    clause = search_outside_quotations(doc, new_clause_pattern(doc.lexicon), cue, start + 1, end)
    if clause and not NAME_LIST_END.search(text, start, clause.start()):  # "Israel, Egypt, and Hamas agreed"
        end = trim(text, start, clause.start())[1]  # "…, and Jane Doe said …": a new clause
    return end


def _contrast_end(doc: Doc, cue: Cue, start: int, end: int) -> int:
    """Where the writer's aside or contrast after a comma or a semicolon ends the clause [start, end)."""
    text, words = doc.text, content_words(doc.lexicon)
    contrast = search_outside_quotations(doc, words.contrast, cue, start + 1, end)
    while contrast and (words.relative_insertion_end.match(text, contrast.end(), end)  # "X, which rose, will ease"
                        or SHORT_INSERTION.match(text, contrast.end(), end)):  # "X, even as a child, had …"
        contrast = search_outside_quotations(doc, words.contrast, cue, contrast.end(), end)
    return trim(text, start, contrast.start())[1] if contrast else end  # "…, but the rival said …"


def _occasion_end(doc: Doc, start: int, end: int) -> int:
    """A content ending in the medium or occasion of the saying ("criticized the plan in a tweet Tuesday",
    "said … during a rally in Ohio") ends before it: that adjunct is the reporting act's, not what was said.
    Not when words other than its time, place or listener follow ("the numbers in the tweet are wrong")."""
    text, words = doc.text, content_words(doc.lexicon)
    for occasion in words.occasion.finditer(text, start + 1, end):
        if doc.quotation_holding(occasion.start()) is None and words.occasion_tail.fullmatch(text, occasion.end(), end):
            clause = words.finite.search(text, start, occasion.start())  # "… and worry she might vote in a session"
            return end if clause else trim(text, start, occasion.start())[1]
    return end


def _object_end(doc: Doc, start: int, end: int) -> int:
    """Where a stance verb's object ends: before a participle or an adverbial clause outside quotations;
    words that are a clause of their own go on over a conjunction."""
    text, words = doc.text, content_words(doc.lexicon)
    adverbial = next((m for m in words.object_end.finditer(text, start + 1, end)
                      if doc.quotation_holding(m.end() - 1) is None), None)
    joins = adverbial and (adverbial.group("conjunction") or adverbial.group("clause") or adverbial.group("predicate"))
    if adverbial is None or (joins and words.finite.search(text, start, adverbial.start())):
        return end
    if adverbial.group("conjunction") and INFINITIVE.match(text, start):
        return end  # "vowed to support them until the war is won": the clause is part of the intention
    return trim(text, start, adverbial.start())[1]


def insertion_end(doc: Doc, pos: int, hi: int) -> int | None:
    """After "…, X said," the sentence goes on: where its second part starts, else None."""
    match, words = INSERTION_END.match(doc.text, pos, hi), content_words(doc.lexicon)
    if not match or match.end() >= hi - 1 or words.participle_after_tag.match(doc.text, match.end(), hi) or \
            words.source_after_tag.match(doc.text, match.end(), hi):
        return None
    return match.end()


def ends_reporting_clause(doc: Doc, cue: Cue, hi: int, after_quote: bool) -> bool:
    """Does the reporting clause end the sentence, so that its content is before it?

    After a trailing cue come punctuation ("…, X said, adding …"), a listener ("…, X told reporters.") or
    adjuncts ("…, X said on Monday in a statement."). After a comma that is not a quotation's, a clause
    after the cue ("Speaking in Ohio, X says he …") is its content instead.
    """
    text, words = doc.text, content_words(doc.lexicon)
    pos = cue.end
    if cue.takes_object:
        listener = mention_after(text, pos, hi, lexicon=doc.lexicon)
        pos = listener[1] if listener else pos
    rest = text[pos:hi].lstrip()
    if rest[:1] == ":" and (not after_quote or quote_starting_at(doc, pos, hi)):
        return False  # "X told reporters: …" introduces what follows; after a quotation, a quotation after it
    if after_quote and words.clause_after_cue.match(rest):
        return False  # the quotation before is not theirs: “Marco!” the senator said his campaign was …
    if not rest or rest[0] in ".,;:!?)—–" or (after_quote and not THAT.match(rest)):
        return True  # a quotation right before the speaker and cue is their content
    if that_clause(doc, cue, pos, hi) is not None:
        return False
    adjunct = words.adjunct_comma.match(text, pos, hi)
    if adjunct:  # "…, the agency said in a June report, and …": the sentence goes on after the insertion;
        return not quote_starting_at(doc, adjunct.end(), hi)  # "said in a statement: “…”" leads to its words
    count = len(rest.split(None, MAX_ADJUNCT_WORDS))
    if count > MAX_ADJUNCT_WORDS or (count > MAX_TRAILING_WORDS and not (
            words.adjunct_start.match(rest) and not words.finite.search(rest))):
        return False  # "…, X said in an interview with a weekly magazine published on May 4." is trailing
    return after_quote or bool(words.adjunct_start.match(rest))


def content_after_comma(doc: Doc, pos: int, hi: int) -> Content | None:
    """What follows the comma after "According to X": a quotation (even over several sentences) or the clause."""
    comma = doc.text.find(",", pos, hi)
    if comma == -1:
        return None
    quote = quote_starting_at(doc, comma + 1, len(doc.text))
    return Content("direct", [quote]) if quote else Content("indirect", [trim(doc.text, comma + 1, hi)])


def after_naming_as(doc: Doc, cue: Cue, pos: int, hi: int) -> int:
    """Past the "as" of an active naming cue ("described it as …"); a passive one ("was described as a
    quiet student") names its subject instead."""
    if cue.lemma not in content_words(doc.lexicon).naming or PASSIVE.search(cue.text):
        return pos
    naming_as = NAMING_AS.match(doc.text, pos, hi)
    return naming_as.end() if naming_as else pos
