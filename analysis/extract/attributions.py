"""Who said what: `extract_attributions(text, published=None)`, one row per attribution.

Composes the small extractors: quotation spans (quotemarks), reporting cues (cues), speaker
mentions and their resolution (speakers), statement dates (dates). For each cue, in order:
1. inverted: "“…,” said X" / "…, said X"       -> content is the quote or clause before;
2. trailing: "“…,” X said" / "…, X said."      -> the same, speaker on the left;
3. forward:  "X said (that) …", "X told Y …"   -> content is the clause after (indirect);
4. source:   "according to X, …" / "…, according to X".
Reported speech that quotes some of the speaker's words ("said it was “a historic step”") is one
statement of kind `partial` (a mixed quotation): its content is the whole reported clause, and the
quoted words are found again inside it by `quotemarks.quotations`. A quotation that opens a sentence
with no cue continues the previous quotation's speaker (split quotes, multi-paragraph statements).
An attribution whose cue and content lie inside another's content ("X said Y claimed Z") is part of
what X said, not a statement the article reports Y made: it gets no row of its own.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

import pandas as pd

from .cues import Cue, coordinated_cue_pattern, cue_pattern, find_cues, new_clause_pattern, new_predicate_pattern
from .dates import resolve_said_on
from ..text.quotemarks import is_title, quotations
from ..text.sentences import sentence_spans
from .speakers import (SINGULAR_NOUN, Mention, Resolver, apposition_before, clause_subject, infinitive_subject,
                       mention_after, mention_before, relative_before, sentence_subject, split_role)

COLUMNS = {
    "kind": "string", "content_start": "Int64", "content_end": "Int64", "speaker": "string",
    "speaker_mention": "string", "speaker_start": "Int64", "speaker_end": "Int64", "speaker_role": "string",
    "cue": "string", "cue_start": "Int64", "cue_end": "Int64", "said_on": "datetime64[ns]",
}
CLOSING = re.compile(r"(?:[”\"»]|'')\s*")
THAT = re.compile(r"\bthat\b")
SIGNATURE = re.compile(r"[”\"]\s*(?P<dash>[―—])[ \t]*(?P<name>[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3})")
HEADLINE = re.compile(r"^[“\"]?(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})(?P<colon>:)\s+(?=[A-Z“\"])[^\n]+", re.M)
# Labels of the paper's own voice, not speakers: "Correction: An earlier version …", "The Latest: …"
EDITORIAL_LABELS = frozenset(("correction", "corrections", "clarification", "update", "updated", "editor’s note",
                              "editor's note", "note", "the latest", "related", "read more", "watch", "video",
                              "photos", "analysis", "opinion", "breaking", "exclusive"))
CLAUSE_CLOSERS = (",", "”", '"', "''")  # what ends the quotation or clause a trailing cue reports
# After an inverted speaker ("…, said the envoy in a statement.") the clause ends; "said it would" is no inversion.
INVERTED_SPEAKER_END = re.compile(r"\s*(?:[,.;:!?\"”)]|$|(?:in|on|at|during|after|before|according|last|this|late|"
                                  r"early|to|of|from|who|whose|when|while|as|yesterday|today|\w+day)\b)")
# "The envoy, who arrived on Monday, said", "Jane Doe, at a later briefing, said", "It, however, said".
RELATIVE_INSERTION = re.compile(
    r"\s*(?P<subject>[^,;“”\"]{1,80}?),\s+(?:who|which|[a-z]+ing|in\s+particular|at|in|on|during|after|before|like|"
    r"unlike|for|with|through|meanwhile|however|too|also|though|in\s+turn|instead)\b[^,;“”\"]{0,150},\s*\Z")
# "The film ― which weaves … together ― explains": an insertion between dashes, commas allowed.
DASH_INSERTION = re.compile(r"\s*(?P<subject>[^,;“”\"―—–]{1,80}?)\s+(?P<dash>―|—|–|--)\s+[^―—–;“”\"]{1,250}?\s+"
                            r"(?P=dash)\s*\Z")
# "One of the doctors who signed the letter called …": the object of a restrictive relative is not the subject.
RESTRICTIVE_RELATIVE = re.compile(r"\s+who\s+(?:\w+ly\s+)?[a-z]+\s+\Z")
TRAILING_APPOSITION = re.compile(r",\s+(?P<role>(?:a|an|the)\s+[^,;.“”\"]{3,120})")
AGE_APPOSITION = re.compile(r"[A-Z][\w’'.-]*,\s*\d{1,3},\Z")  # "Jane Doe, 45, said": the name before speaks
NAME_LIST_END = re.compile(r",\s*(?:[A-Z][\w’'.-]*\s*){1,3}\Z")
INVERTING_LEMMAS = frozenset(("say", "add", "write", "ask"))
SUBJECT_PRONOUN = re.compile(r"(?:he|she|they|it|we|I)\b")  # "…, said he would": a new clause, not an inversion
# The cue follows a coordination, an infinitive or an insertion: its subject is further left.
SUBJECT_GAP = re.compile(r"(?:\band|\bor|\bto|,)\s*\Z")
INSERTION_END = re.compile(r"[^,.;:!?“”\"]{0,40}?,\s+(?=[a-z])")
# Words that open an adjunct between a cue and its "that" ("said in a statement that", "said Tuesday that").
ADJUNCT_START = re.compile(r"(?:in|on|at|during|after|before|via|through|from|with|by|over|last|this|earlier|later|"
                           r"late|yesterday|today|again|also|repeatedly|publicly|privately|previously|\w+day|"
                           r"however|though|too|meanwhile|instead|"
                           r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)\b")
# "says of the plan, …", "said in a statement, “…”": a short adjunct and a comma before the content.
ADJUNCT_COMMA = re.compile(r"\s*(?:of|in|on|at|during|after|via|through|with|from|later|then|again|also|too|"
                           r"however)\b[^,.;:“”\"]{0,60},\s*")
# A contrasting clause or a non-restrictive relative after a comma or semicolon is the writer's aside,
# not the reported content.
CONTRAST = re.compile(r"[,;][”\"]?\s+(?:but|while|whereas|although|though|yet|which|who)\b|;\s")
# A relative clause closed by a comma before the verb or preposition of the clause it sits in ("accused X,
# who …, of lying"): an insertion, not an aside.
RELATIVE_INSERTION_END = re.compile(r"(?:(?<=which)|(?<=who))\b[^,;.“”\"]{1,80},\s+(?:\w+ly\s+)?"
                                    r"(?:would|will|could|can|may|might|should|must|is|are|was|were|has|have|had|"
                                    r"did|does|do|of|for|[a-z]+ed|[a-z]+s)\b")
# A sentence opening with a subordinate clause ("Though X said Y, Z …") ends the reported content at
# the comma before the main clause's subject.
SUBORDINATE_OPENER = re.compile(r"\s*[“\"]?(?:Though|Although|While|Because|If|When|As|After|Before|Since|Unless|"
                                r"Once|Even\s+though|Even\s+as)\b")
# "Asked to describe it, X said": a non-finite opening clause ends at its comma.
PARTICIPLE_OPENER = re.compile(r"\s*(?:Asked|Pressed|Questioned|Speaking|Writing|Appearing|Testifying|Responding|"
                               r"Referring|Commenting|Reacting)\b")
MAIN_CLAUSE_START = re.compile(r"(?:,|\s[―—–]|\s--)\s+"
                               r"(?=(?:[A-Z][\w’'.-]*|he|she|they|it|we|I|the|a|an|his|her|their|its)\s)")
INTRODUCTORY = re.compile(r"\s*(?:On|In|At|During|After|Before|Since|Amid|Despite|Under|From|With|Without|Through|"
                          r"Throughout|Following|Speaking|Asked|Writing|Appearing)\b")
# A quotation the clause goes on after is part of that clause (a partial quote); after “…,” a new clause
# starts (“…,” adding that …).
CLAUSE_AFTER_QUOTE = re.compile(r"(?<![,.!?])(?:[”\"»]|'')[ \t]+[a-z]")
TOPIC = re.compile(r"\s*(?:about|against)\s+")
# "Citing a poll, X …", "In defending himself, X …": a participle in the sentence's opening adjunct.
OPENING_ADJUNCT = re.compile(r"\s*(?:(?:In|By|After|Before|While|When|On|Without|Since)\b[^,;:“”\"]{0,60})?\Z")
WITH_WORD = r"(?!and\b|or\b)[A-Za-z][\w’'.-]*(?<!ing)"  # "with three justices", not "with X dissenting and"
# "footage of X saying": the person shown speaks; so does the subject of "…, with allies calling it …".
SHOWN_NAME = re.compile(r"(?:\bof\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)|"
                        r",\s+with\s+(?P<subject>(?:" + WITH_WORD + r"\s+){0,2}" + WITH_WORD + r"))\s+\Z")
INFINITIVE = re.compile(r"\bto\s+(?=[“\"]?[a-z])")
# "rejected that argument in a ruling", "declined that assignment and …": "that" is a determiner here.
CLAUSAL_LEMMAS = frozenset("""say tell add write report note claim warn argue insist believe think find show suggest
state explain announce acknowledge admit confirm conclude estimate predict assert stress know""".split())
DEMONSTRATIVE = re.compile(r"that\s+[a-z]+[^s\W]\s*(?:[,.;]|\b(?:in|and|or|at|on|for|during|with|from|by)\b)")
# A passive cue with its agent: "was first reported by", "has been endorsed by".
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?\w+(?:ed|en|wn)\Z", re.IGNORECASE)
PASSIVE_AGENT = re.compile(r"\s+by\s+(?=\S)")
PASSIVE_NOT_SUBJECT = re.compile(r"(?:\b(?:which|who|that)|,)\Z")
AGENT_GOES_ON = re.compile(r"\s*,?\s*(?:that|as|whether)\b")
NAMING_CUES = frozenset(("call", "describe", "label", "term", "dub"))
WHAT_BEFORE = re.compile(r"\bwhat\s+\Z")
NAMING_AS = re.compile(r"\s+as\b")
# An adverbial clause or a participle ends a stance verb's object ("deny them permits until the work is done",
# "condemned the launch, dealing a blow to …"); not a list item in -ing ("cuts to pay, training and …").
OBJECT_END = re.compile(r"\s(?P<conjunction>after|until|because|since|while|when|before|though|although)\s|"
                        r",\s+(?:with\b|(?!including\b)[a-z]+ing\s+(?:a|an|the|his|her|its|their|our|my|him|them|"
                        r"it|us|me|that|to|up|out|in|on|at|for|with|by|from|into|about|against|\d+|[A-Z][\w.]*)\b)")
# A modal or auxiliary makes the words after the cue a clause, which a conjunction does not end ("promised
# the bridge would reopen before …").
FINITE = re.compile(r"\b(?:would|will|could|can|may|might|should|must|is|are|was|were|has|have|had)\b")
MAX_LISTENER_WORDS = 10   # "told his supporters at a rally to …"
# A content does not open with a preposition ("what we know of …") or a conjunction ("in favor, but …"),
# but an infinitive is one ("vowed to act").
NOT_CONTENT_START = re.compile(r"(?:but|and|or|than|because|of|about|for|in|on|with|at|by|from|as|into|over|to(?!\s+(?!the\b|a\b|an\b|his\b|"
                               r"her\b|their\b|its\b|this\b|that\b)[“\"]?[a-z]+\b))\b", re.IGNORECASE)
CONJUNCTION = re.compile(r"(?:and|but|or)\b", re.IGNORECASE)  # "reported from Kyiv, and …": no content here
# The writer's words leading into a quotation in the same clause: no colon, not a lone connective, not ending
# in a comma, a dash or another quotation ("But “…”", "In a statement, “…”" are no lead-in).
LEAD_IN = re.compile(r"\s*(?!(?:And|But|Or|Nor|So|Yet|Still|Now|Then|Also|Instead|Indeed|However|Meanwhile)\s+"
                     r"(?:[“\"]|``))[^\s“”\"'`:][^:]*[^\s:,―—–“”\"'`.!?]\s*(?:[“\"]|``)?", re.S)
QUOTE_BEFORE = re.compile(r"[.!?,](?:[”\"]|'')\s*\Z")
MAX_TAG_WORDS = 6         # “…?” Acting Deputy Mayor Jane Doe asked.
MAX_TRAILING_WORDS = 10   # "…, X said in a statement posted on its channel." is still trailing
MAX_THAT_DISTANCE = 12    # words between the cue and "that" ("said during a press briefing that")
MIN_CONTENT_WORDS = 2
WHOLE_QUOTE_SHARE = 0.9     # a quotation this share of a reported clause is the clause: one direct row
MAX_CONTINUATION_GAP = 400  # chars between a quotation and a cue-less one that continues it
END_TRIM = " \t\n.,;:!?”\"'’—–-"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,:;“\"'`—–-":
        start += 1
    while end > start and text[end - 1] in END_TRIM:
        end -= 1
    return start, end


class _Sentences:
    def __init__(self, text: str):
        spans = sentence_spans(text) or [(0, 0, len(text))]
        self.starts = [a for _p, a, _b in spans]
        self.ends = [b for _p, _a, b in spans]

    def around(self, pos: int) -> tuple[int, int]:
        k = max(bisect_right(self.starts, pos) - 1, 0)
        return self.starts[k], self.ends[k]


def _quote_ending_at(quotes, text: str, pos: int):
    """The quotation whose closing mark ends right before `pos`."""
    for q in quotes:
        if q[1] <= pos and CLOSING.fullmatch(text, q[1], pos):
            return q
    return None


def _quote_starting_at(quotes, text: str, pos: int, limit: int):
    stripped = pos + len(text[pos:limit]) - len(text[pos:limit].lstrip(" ,:—–-"))
    for q in quotes:
        if stripped < q[0] <= stripped + 2 and not text[stripped:q[0]].strip("“\"'«„`"):
            return q
    return None


def _mention(text: str, span) -> Mention:
    phrase = text[span[0]:span[1]]
    if len(span) == 4:  # a relative pronoun speaks for its antecedent: "Jane Doe, who said …"
        antecedent = _mention(text, span[2:])
        return Mention(span[0], span[1], phrase, antecedent.name, antecedent.role, antecedent.kind)
    name, role, kind = split_role(phrase)
    if len(span) == 3:  # an apposition gives the role
        role, kind = span[2], "person" if kind == "unknown" and name[:1].isupper() else kind
    return Mention(span[0], span[1], phrase, name, role, kind)


def _backward_content(text, quotes, lo, pos, resume=None, hi=None):
    """Content before a comma or closing quote that ends at `pos`: (start, end, kind).

    When the reporting clause is an insertion ("Acts of protest, he said, are acts of patriotism")
    the content runs on after it, from `resume` to the sentence end `hi`.
    """
    quote = _quote_ending_at(quotes, text, pos)
    if quote and _lead_in(text, lo, quote):  # 'The plan is “a disaster,” she said': the whole clause
        return _trim(text, lo, quote[0])[0], quote[1], "partial"
    if quote:
        return quote[0], quote[1], "direct"
    start, end = _trim(text, lo, hi if resume is not None else pos)
    return start, end, "indirect"


def _lead_in(text: str, lo: int, quote) -> bool:
    """Do the writer's words open the clause a trailing tag's quotation ends ('The plan is “a disaster,”')?
    Not when they hold a reporting word of their own (verb or noun: "The report is “flawed,”" stays direct)."""
    return text[quote[1] - 1] in ",?!" and LEAD_IN.fullmatch(text, lo, quote[0]) is not None and \
        cue_pattern()[0].search(text, lo, quote[0]) is None


def _that_clause(text: str, cue: Cue, pos: int, hi: int) -> int | None:
    """Where the content starts after a complementiser "that" reached over adjuncts only, else None."""
    window = text[pos:hi]
    that = THAT.search(window)
    if not that or len(window[:that.start()].split()) > MAX_THAT_DISTANCE:
        return None
    gap = window[:that.start()].strip(" ,")
    if cue.lemma not in CLAUSAL_LEMMAS and DEMONSTRATIVE.match(window, that.start()):
        return None  # "rejected that argument in …" (but "said that crime in the city …")
    if not gap or ADJUNCT_START.match(gap):
        return pos + that.end()
    return None


def _content_start(text: str, quotes, cue: Cue, pos: int, hi: int):
    """(start, how) of what a forward cue reports: how is "quote" (start is the quotation), "clause"
    (after "that", an adjunct or a listener) or "rest" (the words right after the cue)."""
    quote = _quote_starting_at(quotes, text, pos, hi)
    if quote:
        return quote, "quote"
    that = _that_clause(text, cue, pos, hi)
    if that is not None:
        return that, "clause"
    adjunct = ADJUNCT_COMMA.match(text, pos, hi)
    quote = _quote_starting_at(quotes, text, adjunct.end(), hi) if adjunct else None
    if quote:  # "says of Clinton, “If …”", "said in a statement, “…”"
        return quote, "quote"
    topic = TOPIC.match(text, pos, hi)
    if topic:  # "complained about the noise", "warned against haste": the topic is the content
        return topic.end(), "clause"
    if adjunct:  # "said in a statement, the talks …"
        return adjunct.end(), "clause"
    infinitive = INFINITIVE.search(text, pos, hi) if cue.takes_object else None
    if infinitive and len(text[pos:infinitive.start()].split()) <= MAX_LISTENER_WORDS:
        return infinitive.start(), "clause"  # "told his supporters at a rally to go and vote"
    return pos, "rest"


def _forward_content(text, quotes, cue: Cue, hi, lo):
    inside = next((q for q in quotes if q[0] <= cue.start < q[1]), None)
    hi = min(hi, inside[1]) if inside else hi  # a cue inside a quotation reports only up to its end
    if PARTICIPLE_OPENER.match(text, lo) and "," not in text[lo:cue.start]:  # "Asked to describe it, X said …"
        comma = text.find(",", cue.end, hi)
        hi = comma if comma != -1 else hi
    if SUBORDINATE_OPENER.match(text, lo):  # "Though she said …, the rival …"
        main_clause = MAIN_CLAUSE_START.search(text, cue.end, hi)
        hi = main_clause.start() if main_clause else hi
    pos = cue.end
    joined = coordinated_cue_pattern().search(text, pos, hi)
    hi = joined.start() if joined else hi  # "confirmed the visit and said that ...": two contents
    if cue.takes_object:
        listener = mention_after(text, pos, hi)
        pos = listener[1] if listener else pos
    pos = _after_naming_as(text, cue, pos, hi)  # "described it as “…”"
    pos, how = _content_start(text, quotes, cue, pos, hi)
    if how == "quote":
        if not CLAUSE_AFTER_QUOTE.match(text, pos[1], hi):
            return pos[0], pos[1], "direct"
        pos = pos[0]  # "said that “…” against all odds": the quotation is part of the clause
    start, end = _trim(text, pos, hi)
    predicate = new_predicate_pattern().search(text, start + 1, end)
    end = _trim(text, start, predicate.start())[1] if predicate else end  # "…, adding that …" starts anew
    predicate = new_predicate_pattern(finite=True).search(text, start + 1, end)
    if predicate and "," not in text[start:predicate.start()]:  # not "the memo, dated May 3, said"
        end = _trim(text, start, predicate.start())[1]  # "…, told his advisers": the subject's next predicate
    clause = new_clause_pattern().search(text, start + 1, end)
    if clause and not NAME_LIST_END.search(text, start, clause.start()):  # "Israel, Egypt, and Hamas agreed"
        end = _trim(text, start, clause.start())[1]  # "…, and Jane Doe said …": a new clause
    if how == "rest" and cue.lemma not in CLAUSAL_LEMMAS:
        end = _object_end(text, quotes, start, end)
    contrast = CONTRAST.search(text, start + 1, end)
    while contrast and RELATIVE_INSERTION_END.match(text, contrast.end(), end):  # "X, which rose, will ease"
        contrast = CONTRAST.search(text, contrast.end(), end)
    end = _trim(text, start, contrast.start())[1] if contrast else end  # "…, but the rival said …": a new clause
    if (how == "rest" and NOT_CONTENT_START.match(text, start)) or CONJUNCTION.match(text, start):
        return None  # "what we know of ...": not a reported clause
    return start, end, "indirect"


def _object_end(text: str, quotes, start: int, end: int) -> int:
    """Where a stance verb's object ends: before a participle or an adverbial clause outside quotations;
    words that are a clause of their own go on over a conjunction."""
    adverbial = next((m for m in OBJECT_END.finditer(text, start + 1, end)
                      if not any(q[0] <= m.start() < q[1] for q in quotes)), None)
    if adverbial is None or (adverbial.group("conjunction") and FINITE.search(text, start, adverbial.start())):
        return end
    return _trim(text, start, adverbial.start())[1]


def _insertion_end(text: str, pos: int, hi: int) -> int | None:
    """After "…, X said," the sentence goes on: where its second part starts, else None."""
    match = INSERTION_END.match(text, pos, hi)
    return match.end() if match and match.end() < hi - 1 else None


def _ends_reporting_clause(text: str, quotes, cue: Cue, hi: int, after_quote: bool) -> bool:
    """Does the reporting clause end the sentence, so that its content is before it?

    After a trailing cue come punctuation ("…, X said, adding …"), a listener ("…, X told reporters.") or
    adjuncts ("…, X said on Monday in a statement."). After a comma that is not a quotation's, a clause
    after the cue ("Speaking in Ohio, X says he …") is its content instead.
    """
    pos = cue.end
    if cue.takes_object:
        listener = mention_after(text, pos, hi)
        pos = listener[1] if listener else pos
    rest = text[pos:hi].lstrip()
    if not rest or rest[0] in ".,;:!?)—–" or (after_quote and not THAT.match(rest)):
        return True  # a quotation right before the speaker and cue is their content
    if _that_clause(text, cue, pos, hi) is not None:
        return False
    adjunct = ADJUNCT_COMMA.match(text, pos, hi)
    if adjunct and not _quote_starting_at(quotes, text, adjunct.end(), hi):
        return True  # "…, the agency said in a June report, and …": the sentence goes on after the insertion
    if len(rest.split()) > MAX_TRAILING_WORDS:
        return False
    return after_quote or bool(ADJUNCT_START.match(rest))


def _main_clause_subject(text: str, pos: int, hi: int) -> tuple[int, int] | None:
    """The subject after the comma that closes an opening adjunct: "Citing a poll, the senator …"."""
    comma = text.find(",", pos, hi)
    return sentence_subject(text, comma + 1, hi) if comma != -1 else None


def _participle_subject(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """Who speaks in a participle ending at `pos`: after a comma the sentence's subject ("X attacked Y,
    saying …"); right after a noun, footage of X or the nearest clause's subject ("after X sent tweets
    criticizing …")."""
    if not text[lo:pos].rstrip(" ”\"'").endswith(","):  # “…,” adding: the comma ends the quotation
        shown = SHOWN_NAME.search(text, lo, pos)
        if shown:
            return shown.span("name" if shown.group("name") else "subject")
        subject = clause_subject(text, lo, pos)
        if subject:
            return subject
    return sentence_subject(text, lo, pos)


def _attribution(text: str, cue: Cue, lo: int, hi: int, quotes) -> dict | None:
    before = text[lo:cue.start].rstrip()
    if cue.kind == "source":
        return _according_to(text, cue, lo, hi, quotes)
    passive = _passive(text, cue, lo, hi)
    if passive:
        return passive
    appositive = apposition_before(text, lo, cue.start)
    if appositive:
        lead = text[lo:appositive[0]].rstrip()
        reversed_order = lead.strip(" ,") == appositive[2].strip()  # "The party’s chairman, Jane Doe, said"
        if lead.endswith(CLAUSE_CLOSERS) and not reversed_order:  # "“…,” Jane Doe, a professor, said."
            return {"speaker": appositive, "content": _backward_content(text, quotes, lo, lo + len(lead))}
        return {"speaker": appositive, "content": _forward_content(text, quotes, cue, hi, lo)}
    insertion = RELATIVE_INSERTION.match(text, lo, cue.start) or DASH_INSERTION.match(text, lo, cue.start)
    if insertion:  # "The envoy, who arrived on Monday, said …": the subject speaks
        return {"speaker": mention_before(text, lo, insertion.end("subject")),
                "content": _forward_content(text, quotes, cue, hi, lo)}
    is_participle = " " not in cue.text and (cue.text.endswith("ing") or (
        not before and PARTICIPLE_OPENER.fullmatch(cue.text) is not None))  # "Asked about it, X said …"
    if is_participle and OPENING_ADJUNCT.match(text, lo, cue.start):
        comma = text.find(",", cue.end, hi)
        # "In a statement announcing …" names its source; "Citing a poll, X …" has the main clause's subject
        return {"speaker": mention_before(text, lo, cue.start) or _main_clause_subject(text, cue.end, hi),
                "content": _forward_content(text, quotes, cue, comma if comma != -1 else hi, lo)}
    if is_participle and before:  # "X attacked Y(,) saying that …"
        return {"speaker": _participle_subject(text, lo, cue.start),
                "content": _forward_content(text, quotes, cue, hi, lo)}
    if (before.endswith(CLAUSE_CLOSERS) or not before) and not AGE_APPOSITION.search(before):
        speaker = mention_after(text, cue.end, hi)
        if speaker and before and INVERTED_SPEAKER_END.match(text, speaker[1]) and not SUBJECT_PRONOUN.match(
                text, speaker[0]) and not _bare_object(text, cue, speaker):
            apposition = TRAILING_APPOSITION.match(text, speaker[1], hi)  # "…,” said Jane Doe, a professor."
            speaker = (*speaker, apposition.group("role")) if apposition else speaker
            return {"speaker": speaker, "content": _backward_content(text, quotes, lo, lo + len(before),
                                                                     _insertion_end(text, speaker[1], hi), hi)}
    relative = relative_before(text, lo, cue.start)
    if relative:
        return {"speaker": relative, "content": _forward_content(text, quotes, cue, hi, lo)}
    speaker = mention_before(text, lo, cue.start)
    restrictive = RESTRICTIVE_RELATIVE.search(text, lo, speaker[0]) if speaker else None
    speaker = (mention_before(text, lo, restrictive.start()) or speaker) if restrictive else speaker
    if speaker and not _quote_starting_at(quotes, text, cue.end, hi):
        lead = text[lo:speaker[0]].rstrip()
        after_quote = lead.endswith(CLAUSE_CLOSERS[1:]) and not _ends_in_title(lead)
        trailing = (after_quote or _ends_in_clause(lead)) and _ends_reporting_clause(text, quotes, cue, hi, after_quote)
        if trailing:
            return {"speaker": speaker, "content": _backward_content(text, quotes, lo, lo + len(lead),
                                                                     _insertion_end(text, cue.end, hi), hi)}
    named = _named_quotation(text, quotes, cue, lo, speaker, hi) if speaker else None
    if named:  # "what lawmakers called “fraud”": the quotation alone is their words
        return {"speaker": speaker, "content": (*named, "direct")}
    return {"speaker": speaker, "content": _forward_content(text, quotes, cue, hi, lo)}


def _according_to(text: str, cue: Cue, lo: int, hi: int, quotes) -> dict:
    """ "…, according to X" reports what came before; "According to X, …" what follows the comma."""
    before = text[lo:cue.start].rstrip()
    speaker = mention_after(text, cue.end, hi, whole_phrase=True)
    if before.endswith((",", "—", "–", "--")) and not before.endswith("that,"):
        content = _backward_content(text, quotes, lo, lo + len(before.rstrip(",—–-").rstrip()))
    else:
        content = _content_after_comma(text, quotes, speaker[1] if speaker else cue.end, hi)
    return {"speaker": speaker, "content": content}


def _content_after_comma(text: str, quotes, pos: int, hi: int):
    """What follows the comma after "According to X": a quotation (even over several sentences) or the clause."""
    comma = text.find(",", pos, hi)
    if comma == -1:
        return None
    quote = _quote_starting_at(quotes, text, comma + 1, len(text))
    return (*quote, "direct") if quote else (*_trim(text, comma + 1, hi), "indirect")


def _named_quotation(text: str, quotes, cue: Cue, lo: int, speaker, hi: int):
    """The quotation after "what X called (as)", "what X described as", else None."""
    if cue.lemma not in NAMING_CUES or not WHAT_BEFORE.search(text, lo, speaker[0]):
        return None
    return _quote_starting_at(quotes, text, _after_naming_as(text, cue, cue.end, hi), hi)


def _after_naming_as(text: str, cue: Cue, pos: int, hi: int) -> int:
    """Past the "as" of an active naming cue ("described it as …"); a passive one ("was described as a
    quiet student") names its subject instead."""
    if cue.lemma not in NAMING_CUES or PASSIVE.search(cue.text):
        return pos
    naming_as = NAMING_AS.match(text, pos, hi)
    return naming_as.end() if naming_as else pos


def _passive(text: str, cue: Cue, lo: int, hi: int) -> dict | None:
    """ "The issue was first reported by the AP": a passive cue with its agent reports its subject. Not
    "It was announced by X that …", "X was described by Y as …", nor a subject inside a relative or an
    opening subordinate clause ("The bill, which was approved by …", "After the leak was reported by …")."""
    agent = PASSIVE_AGENT.match(text, cue.end, hi) if PASSIVE.search(cue.text) else None
    lead = text[lo:cue.start].strip()
    if not agent or not lead or lead.lower() == "it" or PASSIVE_NOT_SUBJECT.search(lead) or \
            SUBORDINATE_OPENER.match(lead):
        return None
    speaker = mention_after(text, agent.end(), hi)
    if speaker is None or AGENT_GOES_ON.match(text, speaker[1], hi):
        return None
    return {"speaker": speaker, "content": (*_trim(text, lo, cue.start), "indirect")}


def _bare_object(text: str, cue: Cue, phrase) -> bool:
    """ "…, declared bankruptcy.": a bare singular noun after the cue is its object, not an inverted
    speaker; after "said", "added", "wrote" or "asked" it speaks ("…, said police")."""
    return cue.lemma not in INVERTING_LEMMAS and SINGULAR_NOUN.fullmatch(text, *phrase[:2]) is not None


def _ends_in_title(lead: str) -> bool:
    """Does the text end with a quoted title (… of “Fox News Sunday,”) rather than a quotation?"""
    opening = max(lead.rfind(mark) for mark in "“\"")
    return opening != -1 and is_title(lead[opening + 1:-1])


def _ends_in_clause(lead: str) -> bool:
    """ "The talks failed, X said": a clause before the comma is reported; an opening adjunct ("On Monday,",
    "In a broadcast of “Fox News Sunday,”") is not."""
    if not lead.endswith(CLAUSE_CLOSERS):
        return False
    return not (INTRODUCTORY.match(lead) and lead.count(",") == 1)


def _tags_previous_quotation(text: str, lo: int, cue: Cue) -> bool:
    """“Is it open?” the mayor asked. A quotation ending in ? or ! (or .) closes a sentence of its own,
    and the short reporting clause after it (nothing but a speaker, a cue and adjuncts) belongs to it."""
    quote_end = QUOTE_BEFORE.search(text, max(0, lo - 4), lo)
    subject = text[lo:cue.start]
    if not quote_end or "\n" in text[quote_end.start():lo] or len(subject.split()) > MAX_TAG_WORDS:
        return False
    rest = text[cue.end:].lstrip(" ,")
    inverted = rest[:1].isupper() and not subject.strip()  # “…?” asked Jane Doe.
    return rest[:1] in (".", "") or inverted or bool(ADJUNCT_START.match(rest))


def _rows(text: str, sentences: "_Sentences", quotes) -> list[dict]:
    rows = []
    for cue in find_cues(text):
        if any(q[0] <= cue.start < q[1] for q in quotes):
            continue  # a cue inside a quotation is part of what the quoted speaker says
        lo, hi = sentences.around(cue.start)
        if _tags_previous_quotation(text, lo, cue):
            lo = sentences.around(lo - 2)[0]
        found = _attribution(text, cue, lo, hi, quotes)
        content = found["content"]
        if not content or len(text[content[0]:content[1]].split()) < MIN_CONTENT_WORDS:
            continue
        speaker = _mention(text, found["speaker"]) if found["speaker"] else None
        if speaker is None and rows and rows[-1]["sentence"] == lo:
            speaker = rows[-1]["mention"]  # "X confirmed the visit and said that ...": shared subject
        elif speaker is None and SUBJECT_GAP.search(text, lo, cue.start):
            infinitive = text[lo:cue.start].rstrip().endswith(" to")  # "X continues to insist", "X beamed and asked"
            subject = (infinitive_subject if infinitive else sentence_subject)(text, lo, cue.start)
            speaker = _mention(text, subject) if subject else None
        rows.append({"sentence": lo, "mention": speaker, "cue": cue, "start": content[0], "end": content[1],
                     "kind": content[2]})
    return rows


def _signed_quotes(text: str, quotes) -> list[dict]:
    """“…” ― Name: a quotation signed with a dash and a name, as in readers' comments and epigraphs."""
    rows = []
    for match in SIGNATURE.finditer(text):
        quote = _quote_ending_at(quotes, text, match.start("dash"))
        if quote:
            cue = Cue(match.start("dash"), match.end("dash"), match.group("dash"), "sign", "speech", False)
            rows.append({"sentence": quote[0], "mention": _mention(text, match.span("name")), "cue": cue,
                         "start": quote[0], "end": quote[1], "kind": "direct"})
    return rows


def _headline_claims(text: str) -> list[dict]:
    """ "Poll: Wealthy voters abandon …": a short name and a colon opening a line attribute the rest."""
    rows = []
    for match in HEADLINE.finditer(text):
        if match.group("name").lower() in EDITORIAL_LABELS:
            continue
        cue = Cue(match.start("colon"), match.end("colon"), ":", "colon", "speech", False)
        start, end = _trim(text, match.end("colon"), match.end())
        if len(text[start:end].split()) >= MIN_CONTENT_WORDS:
            rows.append({"sentence": match.start(), "mention": _mention(text, match.span("name")), "cue": cue,
                         "start": start, "end": end, "kind": "indirect"})
    return rows


def _next_statement(text: str, quote, rows: list[dict]) -> dict | None:
    """The quoted statement whose reporting clause comes next after a cue-less quotation in its
    paragraph: “First part.” More words. “Second part,” she said. The quotation may open it."""
    later = [r for r in rows if r["start"] > quote[1] and r["cue"].start > quote[1]]
    nearest = min(later, key=lambda r: r["cue"].start, default=None)
    if nearest and nearest["kind"] == "direct" and "\n" not in text[quote[1]:nearest["start"]] and \
            nearest["start"] - quote[1] < MAX_CONTINUATION_GAP:
        return nearest
    return None


def _add_quote_rows(text: str, rows: list[dict], quotes, sentences: _Sentences) -> list[dict]:
    """Reported speech quoting some words turns `partial`; cue-less quotations continue an earlier speaker."""
    covered = {(r["start"], r["end"]): r for r in rows if r["kind"] == "direct"}
    extra, last_direct = [], None
    for q in quotes:
        if q in covered:
            last_direct = covered[q]
            continue
        host = next((r for r in rows if r["kind"] in ("indirect", "partial") and r["start"] <= q[0] and
                     q[1] <= r["end"] + 2), None)
        if host and q[1] - q[0] >= WHOLE_QUOTE_SHARE * (host["end"] - host["start"]):
            host.update(start=q[0], end=q[1], kind="direct")  # "said that “…”": the quotation is the content
            last_direct = host
            continue
        if host:
            host["kind"] = "partial"
            last_direct = host if q[1] >= host["end"] else last_direct  # 'X is “…,” she said. “…”' goes on
            continue
        lo, hi = sentences.around(q[0])
        lead = text[lo:q[0]].rstrip(" “\"'`")
        opens = not lead or lead.endswith((".", "!", "?"))
        new_paragraph = last_direct is not None and "\n" in text[last_direct["end"]:q[0]]
        # “…,” he said, (but) “…”
        resumes = opens or (not new_paragraph and lead.endswith((",", " but", " and")))
        following = _next_statement(text, q, rows)
        split = following is not None and following["cue"].start < hi  # “…,” she said, “…”: tagged here
        if split or not (resumes and last_direct and q[0] - last_direct["end"] < MAX_CONTINUATION_GAP):
            if following:
                following["start"] = q[0]
            continue
        tag_end = max(sentences.around(last_direct["cue"].start)[1], last_direct["end"])
        if any(tag_end <= r["cue"].start < q[0] for r in rows):
            continue  # another statement came in between
        if new_paragraph:  # a statement of its own, same speaker
            last_direct = {**last_direct, "start": q[0], "end": q[1], "kind": "direct"}
            extra.append(last_direct)
        else:  # “…,” he said. “…”: one split quotation, its span runs over the reporting clause
            last_direct["end"] = q[1]
    return sorted(rows + extra, key=lambda r: (r["start"], r["end"]))


def _drop_nested(rows: list[dict]) -> list[dict]:
    """Reported speech inside another row's content belongs to that statement ("He said the agency
    claimed …"); so does a row that runs on over that statement's trailing tag. A quotation credited to
    someone else by name keeps its row ("… that his opponent had said, “I will never quit.”"); one by
    the same speaker or a pronoun ("…, but she knows that “…”") turns the statement `partial`."""
    def inside(row, host):
        if host is row or not host["start"] <= row["cue"].start < host["end"] or row["start"] < host["start"]:
            return False
        shorter = row["end"] <= host["end"] + 2 and row["end"] - row["start"] < host["end"] - host["start"]
        return shorter or host["end"] <= host["cue"].start < row["end"]  # or it runs over the host's tag

    kept = []
    for row in rows:
        host = next((h for h in rows if inside(row, h)), None)
        if host is None or (row["kind"] == "direct" and _named_other(row["mention"], host["mention"])):
            kept.append(row)
        elif row["kind"] == "direct" and host["kind"] == "indirect":
            host["kind"] = "partial"
    return kept


def _named_other(mention: Mention | None, host: Mention | None) -> bool:
    """Is this a speaker named apart from the host's (not missing, not a pronoun, not the same words)?"""
    return mention is not None and mention.kind != "pronoun" and (host is None or mention.name != host.name)


def _one_row_per_content(rows: list[dict]) -> list[dict]:
    """Two cues reporting the same words ("The transcript, published by the Post, shows that …", "The spot
    concludes with footage of X saying “…”"): the later one is the nearer verb."""
    last = {}
    for r in rows:
        key = (r["start"], r["end"])
        if key not in last or r["cue"].start > last[key]["cue"].start:
            last[key] = r
    return [r for r in rows if last[(r["start"], r["end"])] is r]


def _resolve(rows: list[dict]) -> None:
    resolver = Resolver()
    seen = {}
    for row in sorted(rows, key=lambda r: r["mention"].start if r["mention"] else r["start"]):
        mention = row["mention"]
        if mention is None or id(mention) in seen:
            continue
        seen[id(mention)] = resolver.resolve(mention)


@cache
def _dtypes() -> dict:
    """The column dtypes resolved once: looking a dtype up by name costs more than filling a small column."""
    return {column: pd.api.types.pandas_dtype(name) for column, name in COLUMNS.items()}


WARM_UP_SENTENCES = ("It said on Oct. 1.", "It said on Monday.", "It will say on October 28, 2024.",
                     "It said on 22 October.", "It said last week.", "It said yesterday.")


@cache
def _warm_up() -> None:
    """Load the date parser's language data and compile its patterns once, on the first call, not in the
    middle of an article: with and without a publication date, past and future, each kind of date."""
    for published in (None, pd.Timestamp("2024-10-29")):
        for sentence in WARM_UP_SENTENCES:
            cue = sentence.index("sa")
            resolve_said_on(sentence, cue, cue + 4, published)


def extract_attributions(text: str, published=None) -> pd.DataFrame:
    """Every attribution in one raw text: direct, partial and indirect, with speaker, cue and date."""
    _warm_up()
    sentences = _Sentences(text)
    quotes = quotations(text)
    found = _rows(text, sentences, quotes) + _signed_quotes(text, quotes) + _headline_claims(text)
    rows = _one_row_per_content(_drop_nested(_add_quote_rows(text, found, quotes, sentences)))
    _resolve(rows)
    records = []
    for r in rows:
        m, cue = r["mention"], r["cue"]
        records.append({
            "kind": r["kind"], "content_start": r["start"], "content_end": r["end"],
            "speaker": m.name if m is not None else pd.NA, "speaker_mention": m.text if m is not None else pd.NA,
            "speaker_start": m.start if m is not None else pd.NA, "speaker_end": m.end if m is not None else pd.NA,
            "speaker_role": (m.role or pd.NA) if m is not None else pd.NA,
            "cue": cue.text, "cue_start": cue.start, "cue_end": cue.end,
            "said_on": resolve_said_on(text, cue.start, cue.end, published,
                                       after=m.end if m is not None and m.start > cue.start else None),
        })
    return pd.DataFrame({c: pd.array([r[c] for r in records], dtype=d) for c, d in _dtypes().items()})
