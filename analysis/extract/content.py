"""Where a reported content begins and ends, around a cue: the boundary logic the attribution rules share.

Backward content ends at the comma or closing quotation mark before a trailing reporting clause
("…, X said"); forward content is the clause after a cue ("X said (that) …"), cut where the sentence
moves on: a second predicate ("…, adding that"), a new clause with its own subject ("…, and Jane Doe
said"), a contrast or an aside ("…, but …", "…, which …"), or, for a stance verb's object, an
adverbial clause or a participle. Every search is bounded by the `hi` the rule passes in (the cue's
sentence clipped to `Doc.clause_window`), so a cue costs the same whatever the length of the text.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.doc import Doc
from ..text.lexicon import Lexicon, alternation
from .cues import Cue, coordinated_cue_pattern, cue_pattern, new_clause_pattern, new_predicate_pattern
from .numbers import NUMBER_WORDS
from .speakers import mention_after


def any_word(words: str) -> str:
    """A non-capturing alternation of the space-separated words, in their order."""
    return "(?:" + "|".join(words.split()) + ")"


CLOSING = re.compile(r"(?:[”\"»]|'')\s*")
BEFORE_QUOTE = re.compile(r"[ ,:—–-]*")
THAT = re.compile(r"\bthat\b")
# A month's name or abbreviation, from the standard library (not "Mar" in "Marco Rubio").
MONTH_ABBREVIATION = rf"(?:{alternation({*calendar.month_name[1:], *calendar.month_abbr[1:], 'Sept'})})\.?"
# Words that open an adjunct between a cue and its "that" ("said in a statement that", "said Tuesday that").
ADJUNCT_START = re.compile(any_word(r"""in on at during after before via through from with by over for last this earlier
    later late yesterday today again also repeatedly publicly privately previously \w+day however though too
    meanwhile instead""")[:-1] + "|" + MONTH_ABBREVIATION + r")\b")
# "says of the plan, …", "said in a statement, “…”": a short adjunct and a comma before the content.
ADJUNCT_COMMA = re.compile(r"\s*" + any_word("of in on at during after via through with from later then again also "
                                             "too however yesterday today last earlier (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
                           + r"\b[^,.;:“”\"]{0,60}[,:]\s*")
# Any short phrase and a comma or colon between a cue and its quotation: "wrote to his followers, “…”",
# "called them on it:⏎⏎“…”".
OPENING_MARK = r"(?:[“\"]|'')"  # '' opens quotations in some archives ("said: ''We …''")
SHORT_LEAD = re.compile(r"(?:[^.;:!?“”\"\n]|(?<=\d)\.(?=\d)){1,60}[,:]\s*(?=" + OPENING_MARK + ")")  # "20,000 followers"
COLON_LEAD = r"[ \t]*:\s{0,8}"  # a colon leading to a quotation, in its paragraph or opening the next one
COLON_THEN_QUOTE = re.compile(COLON_LEAD + r"(?=" + OPENING_MARK + ")")
# A contrasting clause or a non-restrictive relative after a comma or semicolon is the writer's aside,
# not the reported content.
CONTRAST = re.compile(r"[,;][”\"]?\s+(?:but|while|whereas|although|though|yet|which|who)\b|;\s")
MODALS_AND_AUXILIARIES = "would will could can may might should must is are was were has have had"
# "acknowledged in a radio interview Monday night “it will be hard”": adjuncts, no comma, then the quotation.
# Its words hold no verb, clause word or possessive ("reported on Monday the agency had “…”", "called
# November's vote “…”").
ADJUNCT_THEN_QUOTE = re.compile(r"\s*(?=" + ADJUNCT_START.pattern + r")(?:(?!" + any_word(
    "to as that if whether he she they it we I who which " + MODALS_AND_AUXILIARIES)
    + r"\b|[a-z]+(?:ing|ed)\b)[^\s,.;:!?“”\"’']+[ \t]+){1,8}(?=" + OPENING_MARK + ")")
# A relative clause closed by a comma before the verb or preposition of the clause it sits in ("accused X,
# who …, of lying"): an insertion, not an aside.
RELATIVE_INSERTION_END = re.compile(r"""
    (?:(?<=which)|(?<=who))\b [^,;.“”"]{1,80} ,\s+       # the relative clause and its closing comma
    (?:\w+ly\s+)?                                          # an adverb
    (?:""" + "|".join(MODALS_AND_AUXILIARIES.split()) + r"""|did|does|do|of|for|[a-z]+ed|[a-z]+s)\b
    """, re.VERBOSE)
# A sentence opening with a subordinate clause ("Though X said Y, Z …") ends the reported content at
# the comma before the main clause's subject.
SUBORDINATE_OPENER = re.compile(r"\s*[“\"]?" + any_word(r"""Though Although While Because If When As After Before
    Since Unless Once Even\s+though Even\s+as""") + r"\b")
# "…, and while he said …, it is unlikely …": a subordinate clause inside the sentence holds the cue.
INNER_SUBORDINATE = re.compile(r"(?:,|\band|\bbut)\s+" + any_word("while although though because whereas unless when if")
                               + r"\s[^,;:“”\"]*\Z")
# "Asked to describe it, X said": a non-finite opening clause ends at its comma.
PARTICIPLE_OPENER = re.compile(r"\s*" + any_word("""Asked Pressed Questioned Speaking Writing Appearing Testifying
    Responding Referring Commenting Reacting""") + r"\b")
# A comma or a dash, then a word that can open a main clause's subject.
MAIN_CLAUSE_START = re.compile(r"(?:,|\s[―—–]|\s--)\s+(?!" + any_word("""and or but nor which who whom whose that
    including such as said says once if when then even though although while because""") + r"\b)(?=[A-Za-z]\w*\s)")
# A quotation the clause goes on after is part of that clause (a partial quote); after “…,” a new clause
# starts (“…,” adding that …).
CLAUSE_AFTER_QUOTE = re.compile(r"(?<![,.!?])(?:[”\"»]|'')[ \t]+[a-z]")
# "has said for weeks he is …", "wrote in an op-ed they were …": a short adjunct, then a subject pronoun.
ADJUNCT_THEN_SUBJECT = re.compile(r"\s*" + any_word("for in on at during after before over since with from")
                                  + r"\b[^,.;:“”\"\n]{1,50}?\s(?=(?:he|she|they|we|I|it)(?:\s+[a-z]|[’']\w))")
ADVERBS = re.compile(r"(?:[a-z]+ly\s*){1,2}")
# "said about half of …", "said about 300 troops": "about" is a number's hedge there, not a topic.
APPROXIMATE_AMOUNT = r"(?:\d|(?:half|a\s+(?:third|quarter|dozen|hundred|thousand)|" + "|".join(NUMBER_WORDS) + r")\b)"
TOPIC = re.compile(r"\s*(?:about\s+(?!" + APPROXIMATE_AMOUNT + r")|against\s+)")
OF_TOPIC = re.compile(r"\s*of\s+")  # "warned of a long winter" (but "said of the vote" is an adjunct)
STRANDED = re.compile(r"(?:in|on|at|during|last|this|when|while|before|after)\b|[,.;:!?]")
ADJUNCT_OF_LEMMAS = frozenset(("say", "tell", "add", "ask", "write", "note"))
INFINITIVE = re.compile(r"\bto\s+(?=[“\"]?[a-z])")
# "rejected that argument in a ruling", "declined that assignment and …": "that" is a determiner here.
CLAUSAL_LEMMAS = frozenset("""say tell add write report note claim warn argue insist believe think find show suggest
state explain announce acknowledge admit confirm conclude estimate predict assert stress know""".split())
DEMONSTRATIVE = re.compile(r"that\s+[a-z]+[^s\W]\s*(?:[,.;]|\b(?:in|and|or|at|on|for|during|with|from|by)\b)")
PASSIVE = re.compile(r"""\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?         # "was first", "is"
                         (?:\w+(?:ed|en|wn)|said|thought|told|found|heard|felt|meant)\Z  # a participle""",
                     re.IGNORECASE | re.VERBOSE)
NAMING_CUES = frozenset(("call", "describe", "label", "term", "dub"))
NAMING_AS = re.compile(r"\s+as\b")
# An adverbial clause or a participle ends a stance verb's object ("deny them permits until the work is done",
# "condemned the launch, dealing a blow to …"); not a list item in -ing ("cuts to pay, training and …").
OBJECT_WORD = "|".join("the a an his her its their our my him them it us me that".split())
OBJECT_END = re.compile(r"""
    \s(?P<conjunction>after|until|because|since|while|when|before|though|although)\s   # an adverbial clause
    | (?P<predicate>(?:,[”"]?\s+|(?:,[”"]?)?\s+and\s+)[a-z]+ed\s+(?:""" + OBJECT_WORD + r""")\b)     # "…, mocked the party", "… and embraced his"
    | (?P<clause>,[”"]?\s+and\s+(?:he|she|they|we|I|his|her|their|its|the)\s+(?:[a-z]+\s+)?   # ", and his administration
         (?:""" + "|".join(MODALS_AND_AUXILIARIES.split()) + r"""|[a-z]+ed)\b)              #  has made …"
    | ,\s+(?:with\b                                                                      # ", with …"
            | (?!including\b)[a-z]+ing\s+                                                # a participle, then
              (?:""" + "|".join("""a an the his her its their our my him them it us me that to up out in on at for
                                 with by from into about against""".split()) + r"""|\d+|[A-Z][\w.]*)\b)  # its object
    """, re.VERBOSE)
# A modal or auxiliary makes the words after the cue a clause, which a conjunction does not end ("promised
# the bridge would reopen before …").
FINITE = re.compile(r"\b" + any_word(MODALS_AND_AUXILIARIES) + r"\b")
NAME_LIST_END = re.compile(r",\s*(?:[A-Z][\w’'.-]*\s*){1,3}\Z")
INSERTION_END = re.compile(r"[^,.;:!?“”\"]{0,40}?,\s+(?=[a-z])")
# After "…, X said Monday," a participle belongs to the reporting clause ("…, citing …", "…, more than tripling …").
PARTICIPLE_AFTER_TAG = re.compile(r"(?:(?:\w+ly|also|more\s+than|even|further)\s+)?(?!" + any_word(
    "during according including regarding concerning following notwithstanding morning evening nothing something "
    "anything everything thing") + r"\b)[a-z]+ing\b")  # not the prepositions and nouns in -ing
NEW_PARTICIPLE = re.compile(r",\s*" + PARTICIPLE_AFTER_TAG.pattern)
# A content does not open with a preposition ("what we know of …"; "about 300 …" is an amount) or a
# conjunction ("in favor, but …"), but an infinitive is one ("vowed to act": "to" and a verb, not "to the").
NOT_CONTENT_START = re.compile(
    any_word("but and or than because of for in on with at by from as into over")[:-1]
    + r"|about(?!\s+" + APPROXIMATE_AMOUNT + r")|to(?!\s+(?!" + "|".join(w + r"\b" for w in "the a an his her their its this that".split())
    + r")[“\"]?[a-z]+\b))\b", re.IGNORECASE)
CONJUNCTION = re.compile(r"(?:and|but|or)\b", re.IGNORECASE)  # "reported from Kyiv, and …": no content here
# The writer's words leading into a quotation in the same clause: no colon, not a lone connective, not ending
# in a comma, a dash or another quotation ("But “…”", "In a statement, “…”" are no lead-in).
LEAD_IN = re.compile(r"""
    \s*(?!""" + any_word("And But Or Nor So Yet Still Now Then Also Instead Indeed However Meanwhile") + r"""
         \s+(?:[“"]|``))                  # not a lone connective before the quotation
    [^\s“”"'`:] [^:]* [^\s:,―—–“”"'`.!?]    # the writer's words: no colon, not ending in , — or a quotation
    \s*(?:[“"]|``)?                        # the opening mark
    """, re.S | re.VERBOSE)
# A clause of its own after a cue: a subject of a few words, then an auxiliary or a modal.
CLAUSE_AFTER_CUE = re.compile(r"(?:he|she|they|we|I|it|his|her|their|its|our|the)\s+(?:[\w’'-]+\s+){0,4}?"
                              + any_word(MODALS_AND_AUXILIARIES) + r"\b")
SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they|we|I|you)\b")
PAST_FORM = re.compile(r"\b[a-z]+ed\b")
MAX_LISTENER_WORDS = 10   # "told his supporters at a rally to …"
MAX_TRAILING_WORDS = 10   # "…, X said in a statement posted on its channel." is still trailing
MAX_ADJUNCT_WORDS = 20    # … when they are adjuncts with no finite verb
MAX_THAT_DISTANCE = 12    # words between the cue and "that" ("said during a press briefing that")
END_TRIM = " \t\n.,;:!?”\"'’—–-"


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
    for quote in doc.quotations_starting_in(stripped + 1, stripped + 3):
        if not doc.text[stripped:quote[0]].strip("“\"'«„`"):
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
    if quote:
        return Content("direct", [quote])
    pieces = [trim(text, lo, pos)] + ([trim(text, resume, hi)] if resume is not None else [])
    return Content("indirect", [p for p in pieces if p[0] < p[1]] or pieces[:1])


def lead_in(doc: Doc, lo: int, quote: tuple[int, int]) -> bool:
    """Do the writer's words open the clause a trailing tag's quotation ends ('The plan is “a disaster,”')?
    Not when they hold a reporting word of their own (verb or noun: "The report is “flawed,”" stays direct)."""
    text = doc.text
    return text[quote[1] - 1] in ",?!" and LEAD_IN.fullmatch(text, lo, quote[0]) is not None and \
        cue_pattern(doc.lexicon).search(text, lo, quote[0]) is None


def that_clause(text: str, cue: Cue, pos: int, hi: int) -> int | None:
    """Where the content starts after a complementiser "that" reached over adjuncts only, else None."""
    that = THAT.search(text, pos, hi)
    if not that:
        return None
    gap = text[pos:that.start()]
    if len(gap.split()) > MAX_THAT_DISTANCE:
        return None
    gap = gap.strip(" ,—–-")  # "said — on Twitter, as it happens — that"
    if NEW_PARTICIPLE.search(gap):
        return None  # "said on Friday, adding that …": the "that" is the participle's
    if cue.lemma not in CLAUSAL_LEMMAS and DEMONSTRATIVE.match(text, that.start(), hi):
        return None  # "rejected that argument in …" (but "said that crime in the city …")
    if not gap or ADJUNCT_START.match(gap) or ADVERBS.fullmatch(gap) or _rest_of_listener(cue, gap):
        return that.end()  # "argued insistently that", "told the Post and Courier of Charleston that"
    return None


def _rest_of_listener(cue: Cue, gap: str) -> bool:
    """Can the words between a listener's first words and "that" be the rest of that listener and adjuncts
    (no clause: no comma, pronoun, auxiliary or past form)?"""
    return cue.takes_object and "," not in gap and not (FINITE.search(gap) or SUBJECT_PRONOUN.search(gap)
                                                         or PAST_FORM.search(gap))


def _content_start(doc: Doc, cue: Cue, pos: int, hi: int):
    """(start, how) of what a forward cue reports: how is "quote" (start is the quotation), "clause"
    (after "that", an adjunct or a listener) or "rest" (the words right after the cue); None when the cue
    reports nothing after it (a stranded preposition)."""
    text = doc.text
    quote = quote_starting_at(doc, pos, hi)
    if quote:
        return quote, "quote"
    that = that_clause(text, cue, pos, hi)
    if that is not None:
        return that, "clause"
    adjunct = ADJUNCT_COMMA.match(text, pos, hi)
    lead = adjunct or SHORT_LEAD.match(text, pos, hi) or _adjunct_then_quote(doc, pos, hi)
    quote = quote_starting_at(doc, lead.end(), hi) if lead else None
    if quote:  # "says of Clinton, “If …”", "wrote to his followers, “…”", "said on Monday “…”"
        return quote, "quote"
    speech_of = cue.kind == "speech" and cue.lemma not in ADJUNCT_OF_LEMMAS  # not "what we know of …"
    topic = TOPIC.match(text, pos, hi) or (OF_TOPIC.match(text, pos, hi) if speech_of else None)
    if topic and STRANDED.match(text, topic.end(), hi):
        return None  # "the change the party warned about in its report": the topic is the noun before
    if topic:  # "complained about the noise", "warned against haste": the topic is the content
        return topic.end(), "clause"
    if adjunct:  # "said in a statement, the talks …" (not "… by December, citing …": a participle's own)
        return None if PARTICIPLE_AFTER_TAG.match(text, adjunct.end(), hi) else (adjunct.end(), "clause")
    when = time_adjunct_pattern(doc.lexicon).match(text, pos, hi) or ADJUNCT_THEN_SUBJECT.match(text, pos, hi)
    if when and not NOT_CONTENT_START.match(text, when.end()):
        return when.end(), "rest"  # "said on Tuesday the country would …", "has said for weeks he is …"
    infinitive = _infinitive_after_listener_or_adjunct(text, cue, pos, hi)
    if infinitive is not None:
        return infinitive, "clause"  # "told his supporters at a rally to go", "vowed on Sunday at a rally to end"
    return (when.end() if when else pos), "rest"


def _adjunct_then_quote(doc: Doc, pos: int, hi: int) -> re.Match | None:
    """Adjuncts right before a quotation ("in a radio interview Monday night “…”"), not a noun phrase the
    quotation goes on ("in Boston the “plan” …": a determiner or preposition before the mark)."""
    found = ADJUNCT_THEN_QUOTE.match(doc.text, pos, hi)
    if found is None:
        return None
    last = doc.text[found.start():found.end()].split()[-1].lower()
    preposition = ADJUNCT_START.fullmatch(last) or NOT_CONTENT_START.fullmatch(last)
    return None if last in doc.lexicon.determiners or preposition else found


def _infinitive_after_listener_or_adjunct(text: str, cue: Cue, pos: int, hi: int) -> int | None:
    """Where an infinitive starts after a listener or adjuncts only, within a few words of the cue."""
    rest = text[pos:hi].lstrip()
    if not (cue.takes_object or ADJUNCT_START.match(rest)):
        return None
    infinitive = INFINITIVE.search(text, pos, hi)
    if infinitive is None:
        return None
    gap = text[pos:infinitive.start()]
    if len(gap.split()) > MAX_LISTENER_WORDS or (not cue.takes_object and FINITE.search(gap)) or \
            SUBJECT_PRONOUN.search(gap):
        return None  # "told CNN they expect 5,000 troops to arrive": a clause, whose infinitive is its own
    return infinitive.start()


@lru_cache(maxsize=8)
def time_adjunct_pattern(lexicon: Lexicon) -> re.Pattern:
    """A day right after a cue and before the words it reports ("said on Tuesday the …", "said yesterday
    it …"), in the lexicon's weekday and month names."""
    day = rf"(?:on\s+)?(?:{alternation(lexicon.weekdays)}|(?:{alternation(lexicon.month_forms)})\.?\s+\d{{1,2}})"
    return re.compile(rf"\s*(?:{day}|yesterday|today|last\s+(?:week|month|night))\s+(?=[“\"]?\w)", re.IGNORECASE)


def _forward_limit(doc: Doc, cue: Cue, lo: int, hi: int) -> int:
    """Where the sentence stops being what a forward cue reports, before any content rule looks."""
    text = doc.text
    inside = doc.quotation_holding(cue.start)
    hi = min(hi, inside[1]) if inside else hi  # a cue inside a quotation reports only up to its end
    if PARTICIPLE_OPENER.match(text, lo) and "," not in text[lo:cue.start]:  # "Asked to describe it, X said …"
        comma = text.find(",", cue.end, hi)
        hi = comma if comma != -1 else hi
    # the cue is in that clause: no comma before it but those around an apposition ("When the director, Jane
    # Roe, said …, aides cheered"); after an odd one the main clause has begun ("When asked, X said …")
    opener = SUBORDINATE_OPENER.match(text, lo) and text.count(",", lo, cue.start) % 2 == 0
    if opener or INNER_SUBORDINATE.search(text, max(lo, cue.start - 120), cue.start):
        # "Though she said …, the rival …", "…, and while he said …, it is unlikely …"
        main_clause = MAIN_CLAUSE_START.search(text, cue.end, hi)
        hi = main_clause.start() if main_clause else hi
    joined = search_outside_quotations(doc, coordinated_cue_pattern(doc.lexicon), cue, cue.end, hi)
    return joined.start() if joined else hi  # "confirmed the visit and said that ...": two contents


def search_outside_quotations(doc: Doc, pattern: re.Pattern, cue: Cue, pos: int, end: int) -> re.Match | None:
    """The first match in [pos, end) that does not end inside a quotation (other than the one holding the
    cue): a reporting word or a clause break in quoted words belongs to the quoted speaker ("saying it was
    “rushed and poorly explained”" is one content)."""
    holding = doc.quotation_holding(cue.start)
    for match in pattern.finditer(doc.text, pos, end):
        if doc.quotation_holding(match.end() - 1) in (None, holding):
            return match
    return None


def forward_content(doc: Doc, cue: Cue, hi: int, lo: int) -> Content | None:
    """The clause a forward cue reports ("X said (that) …", "X told Y …"), else None."""
    text = doc.text
    hi = _forward_limit(doc, cue, lo, hi)
    pos = cue.end
    if cue.takes_object:
        listener = mention_after(text, pos, hi)
        pos = listener[1] if listener else pos
    pos = after_naming_as(text, cue, pos, hi)  # "described it as “…”"
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
    if (how == "rest" and NOT_CONTENT_START.match(text, start)) or CONJUNCTION.match(text, start):
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
    text = doc.text
    predicate = search_outside_quotations(doc, new_predicate_pattern(doc.lexicon), cue, start + 1, end)
    end = trim(text, start, predicate.start())[1] if predicate else end  # "…, adding that …" starts anew
    predicate = search_outside_quotations(doc, new_predicate_pattern(doc.lexicon, finite=True), cue, start + 1, end)
    if predicate and "," not in text[start:predicate.start()]:  # not "the memo, dated May 3, said"
        end = trim(text, start, predicate.start())[1]  # "…, told his advisers": the subject's next predicate
    clause = search_outside_quotations(doc, new_clause_pattern(doc.lexicon), cue, start + 1, end)
    if clause and not NAME_LIST_END.search(text, start, clause.start()):  # "Israel, Egypt, and Hamas agreed"
        end = trim(text, start, clause.start())[1]  # "…, and Jane Doe said …": a new clause
    if how == "rest" and cue.lemma not in CLAUSAL_LEMMAS:
        end = _object_end(doc, start, end)
    contrast = search_outside_quotations(doc, CONTRAST, cue, start + 1, end)
    while contrast and RELATIVE_INSERTION_END.match(text, contrast.end(), end):  # "X, which rose, will ease"
        contrast = search_outside_quotations(doc, CONTRAST, cue, contrast.end(), end)
    return trim(text, start, contrast.start())[1] if contrast else end  # "…, but the rival said …"


def _object_end(doc: Doc, start: int, end: int) -> int:
    """Where a stance verb's object ends: before a participle or an adverbial clause outside quotations;
    words that are a clause of their own go on over a conjunction."""
    text = doc.text
    adverbial = next((m for m in OBJECT_END.finditer(text, start + 1, end)
                      if doc.quotation_holding(m.end() - 1) is None), None)
    joins = adverbial and (adverbial.group("conjunction") or adverbial.group("clause") or adverbial.group("predicate"))
    if adverbial is None or (joins and FINITE.search(text, start, adverbial.start())):
        return end
    if adverbial.group("conjunction") and INFINITIVE.match(text, start):
        return end  # "vowed to support them until the war is won": the clause is part of the intention
    return trim(text, start, adverbial.start())[1]


def insertion_end(text: str, pos: int, hi: int) -> int | None:
    """After "…, X said," the sentence goes on: where its second part starts, else None."""
    match = INSERTION_END.match(text, pos, hi)
    if not match or match.end() >= hi - 1 or PARTICIPLE_AFTER_TAG.match(text, match.end(), hi):
        return None
    return match.end()


def ends_reporting_clause(doc: Doc, cue: Cue, hi: int, after_quote: bool) -> bool:
    """Does the reporting clause end the sentence, so that its content is before it?

    After a trailing cue come punctuation ("…, X said, adding …"), a listener ("…, X told reporters.") or
    adjuncts ("…, X said on Monday in a statement."). After a comma that is not a quotation's, a clause
    after the cue ("Speaking in Ohio, X says he …") is its content instead.
    """
    text = doc.text
    pos = cue.end
    if cue.takes_object:
        listener = mention_after(text, pos, hi)
        pos = listener[1] if listener else pos
    rest = text[pos:hi].lstrip()
    if rest[:1] == ":" and not after_quote:
        return False  # "X told reporters: …" introduces what follows
    if after_quote and CLAUSE_AFTER_CUE.match(rest):
        return False  # the quotation before is not theirs: “Marco!” the senator said his campaign was …
    if not rest or rest[0] in ".,;:!?)—–" or (after_quote and not THAT.match(rest)):
        return True  # a quotation right before the speaker and cue is their content
    if that_clause(text, cue, pos, hi) is not None:
        return False
    adjunct = ADJUNCT_COMMA.match(text, pos, hi)
    if adjunct:  # "…, the agency said in a June report, and …": the sentence goes on after the insertion;
        return not quote_starting_at(doc, adjunct.end(), hi)  # "said in a statement: “…”" leads to its words
    words = len(rest.split(None, MAX_ADJUNCT_WORDS))
    if words > MAX_ADJUNCT_WORDS or (words > MAX_TRAILING_WORDS and not (
            ADJUNCT_START.match(rest) and not FINITE.search(rest))):
        return False  # "…, X said in an interview with a weekly magazine published on May 4." is trailing
    return after_quote or bool(ADJUNCT_START.match(rest))


def content_after_comma(doc: Doc, pos: int, hi: int) -> Content | None:
    """What follows the comma after "According to X": a quotation (even over several sentences) or the clause."""
    comma = doc.text.find(",", pos, hi)
    if comma == -1:
        return None
    quote = quote_starting_at(doc, comma + 1, len(doc.text))
    return Content("direct", [quote]) if quote else Content("indirect", [trim(doc.text, comma + 1, hi)])


def after_naming_as(text: str, cue: Cue, pos: int, hi: int) -> int:
    """Past the "as" of an active naming cue ("described it as …"); a passive one ("was described as a
    quiet student") names its subject instead."""
    if cue.lemma not in NAMING_CUES or PASSIVE.search(cue.text):
        return pos
    naming_as = NAMING_AS.match(text, pos, hi)
    return naming_as.end() if naming_as else pos
