"""From rule matches to statements: which rule decides a cue, then the passes over all candidates.

1. `CUE_RULES` is the priority table: for each cue the rules are tried in this order and the first
   that recognises its construction decides the cue (its content may still be too short to keep).
   Adding a rule is adding a function to `rules.CUE_RULE_FUNCTIONS` and its name here.
2. `continue_quotations`: reported speech quoting some words turns `partial`; a quotation that is
   the whole reported clause makes it `direct`; a cue-less quotation continues the statement before
   it (a split quotation gains a piece) or opens the statement tagged after it; in a new paragraph it
   is a statement of its own (rule `quote-continuation`).
3. `drop_nested`: reported speech inside another statement's content is part of that statement.
4. `one_per_content`: two cues over the same words give one row, the later (nearer) cue's; a cue rule's
   row before a document rule's.
5. `standalone_quotations`: a quotation of whole sentences that no statement holds is quoted speech: a row
   (rule `standalone-quotation`) when a speaker is in reach, the subject of the words leading to it in its
   sentence or the speaker of the statement just before it; without one it is left to the quotes table
   (`claims`, rule `unclaimed-quotation`).
6. `cited_sources`: "X said Y, citing Z", "X, citing Z, said Y": Z is a source of Y too, a row of its own
   (rule `cited-source`), beside the participle's row.
Every pass is a sweep over offsets in order, with binary searches and heaps, not all pairs.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from functools import lru_cache

from ..text.doc import DENSE_CUES, DENSE_WINDOW, MIN_CUE_GAP, WINDOW_BEFORE, Doc
from ..text.lexicon import Lexicon, role_pattern, role_words
from ..text.quotemarks import is_title
from .content import PASSIVE, Content, content_words
from .cues import Cue
from .rules import (CUE_RULE_FUNCTIONS, DOCUMENT_RULES, MIN_CONTENT_WORDS, Candidate, CueContext, Found,
                    SpeakerSpan, mention_of, rule_words)
from .speakers import (Mention, adverbials_start, clause_subject, infinitive_subject, mention_after, sentence_subject,
                       subject_after_opener)

CUE_RULES = (
    "tag-verb",
    "according-to-before", "according-to-after",
    "as-clause",
    "passive-agent", "passive-unattributed",
    "apposition-trailing", "apposition-forward",
    "insertion-subject",
    "participle-opener", "participle",
    "inverted",
    "relative-pronoun",
    "trailing",
    "quote-tag",
    "named-quotation",
    "colon-quotation",
    "forward",
)
_RULES_IN_ORDER = tuple((name, CUE_RULE_FUNCTIONS[name]) for name in CUE_RULES)  # decide: no lookup per rule
QUOTE_BEFORE = re.compile(r"[.!?,][’']?(?:[”\"]|'')\s*\Z")  # also a quotation inside it closing: “… ‘…?’”
AFTER_TAG = re.compile(r"[ ,]*")
TAG_ADVERB = re.compile(r"(?:[a-z]+ly[ ,]+)?")  # "asked rhetorically", "said flatly"
# A comma right after a short tag, then a participle or an apposition (not a quotation: “…?” she asked, “…?”)
COMMA_AFTER_TAG = re.compile(r"[ \t]*,[ \t]*(?:[a-z]+ing|an?|the)\b")
PARAGRAPH_END = re.compile(r"[”\"»]?[ \t]*(?:\n|\Z)")  # after a quotation's words: its mark, then the line ends
# The cue follows a coordination, an infinitive or an insertion: its subject is further left.
# "X called it “terrible,” denounced …": a comma inside the closing mark of a quoted word is the list's comma.
SUBJECT_GAP = re.compile(r"""(?:\band|\bbut|\bor|\bto|,(?:[”"’]|'')?)\s*\Z""")
REPORTING_CLAUSE_END = re.compile(r"[^,.;:!?“”\"\n]{0,60},\s*")  # "said on Monday in Seoul, " before a participle
MAX_TAG_WORDS = 6           # “…?” Acting Deputy Mayor Jane Doe asked.
MAX_LISTENER_CHARS = 80     # “…?” she told the committee's chairman.
WHOLE_QUOTE_SHARE = 0.9     # a quotation this share of a reported clause is the clause: one direct row
MAX_CONTINUATION_GAP = 400  # chars between a quotation and a cue-less one that continues it
MAX_LOOKAHEAD_ROWS = 50     # statements read past a quotation for the one it opens
SPOKEN_SENTENCE = re.compile(r"[A-Z][^\n]*[.?!][’']?\Z")  # a quotation that is one or more sentences
MIN_SPEECH_WORDS = 4  # a shorter quotation is a scare quote, a nickname or a slogan, not quoted speech
CLAIM_AFTER_SOURCE = re.compile(r"\s*,?\s*(?:that|which|who)\b")  # "citing data that showed …": a claim too
CONTINUING_RULES = ("quote-continuation", "standalone-quotation")  # rows that carry on an earlier statement


def decide(ctx: CueContext) -> tuple[str, Found] | None:
    """The first rule of `CUE_RULES` that recognises the cue's construction, and what it found."""
    for name, rule in _RULES_IN_ORDER:
        found = rule(ctx)
        if found is not None:
            return name, found
    return None


def select(doc: Doc, cues: list[Cue]) -> list[Candidate]:
    """Every statement of the Doc, in text order."""
    candidates = cue_candidates(doc, cues)
    for rule in DOCUMENT_RULES.values():
        candidates.extend(rule(doc))
    rows = one_per_content(drop_nested(continue_quotations(doc, candidates)))
    return cited_sources(doc, standalone_quotations(doc, rows))


def cue_candidates(doc: Doc, cues: list[Cue]) -> list[Candidate]:
    text, out, last_read, starts = doc.text, [], -MIN_CUE_GAP, [cue.start for cue in cues]
    for k, cue in enumerate(cues):
        if doc.quotation_holding(cue.start) or doc.in_markup(cue.start) or _is_filler(doc, cue):
            continue  # a cue inside a quotation is part of what the quoted speaker says; markup is no prose
        if cue.start - last_read < MIN_CUE_GAP and (
                doc.in_long_sentence(cue.start) or k - bisect_left(starts, cue.start - DENSE_WINDOW) > DENSE_CUES):
            continue  # cue-dense text that is no prose: see text.doc.LONG_SENTENCE
        last_read = cue.start
        lo, hi = _clause_bounds(doc, cue)
        decided = decide(CueContext(doc, cue, lo, hi))
        found = decided[1] if decided else None
        if found is None or found.content is None or _too_short(text, found.content):
            continue
        speaker = mention_of(doc, found.speaker) if found.speaker else None
        if decided[0] == "participle" and out and _tags_reporting_clause(text, out[-1], cue):
            speaker = out[-1].mention  # "…, Lee said on Monday, adding that …": Lee adds
        elif speaker is None and not found.unattributed:
            speaker = _borrowed_speaker(doc, out, cue, lo)
        out.append(Candidate(decided[0], cue, found.content, speaker, lo))
    return out


def _is_filler(doc: Doc, cue: Cue) -> bool:
    """ "…, you know, we are …", "I mean": a spoken filler, no reporting clause (the lexicon's `filler` role)."""
    words = doc.text[max(0, cue.start - FILLER_CHARS):cue.end].lower().split()
    return any(" ".join(words[-len(filler.split()):]) == filler for filler in rule_words(doc.lexicon).fillers)


FILLER_CHARS = 12  # the words before a cue that a filler may hold ("you ")


def _tags_reporting_clause(text: str, previous: Candidate, cue: Cue) -> bool:
    """Does the participle `cue` follow the reporting clause of `previous` ("…, Lee said, adding …", "…, the
    agency said in a statement, citing …"), which ends the statement before it?"""
    if previous.mention is None or not previous.mention.start < previous.cue.start < cue.start or \
            previous.end > previous.cue.start:
        return False
    return REPORTING_CLAUSE_END.fullmatch(text, previous.cue.end, cue.start) is not None


def _too_short(text: str, content: Content) -> bool:
    """A reported clause needs two words; a quotation may be one ("“Absolutely,” she said")."""
    least = 1 if content.kind == "direct" else MIN_CONTENT_WORDS
    return len(text[content.start:content.end].split(None, least)) < least


def _clause_bounds(doc: Doc, cue: Cue) -> tuple[int, int]:
    """What the rules may read around a cue: its clause window, reaching back over a short tag of a
    quotation before it, and never into a dateline ("VILNIUS, March 3 (Agency) - The minister said …")."""
    lo, hi = doc.clause_window(cue.start)
    if _tags_previous_quotation(doc, lo, cue):
        lo = max(doc.sentence_at(lo - 2)[0], cue.start - WINDOW_BEFORE)
    dateline = doc.dateline
    if dateline and lo < dateline.end <= cue.start:  # also when "Fla." ended a sentence inside the dateline
        lo = dateline.end
    return lo, hi


def _borrowed_speaker(doc: Doc, out: list[Candidate], cue: Cue, lo: int) -> Mention | None:
    """The speaker of a cue that names none: the subject shared with the statement before in the same
    sentence ("X confirmed the visit and said that …"), else the subject further left over a coordination,
    an infinitive or an insertion ("X continues to insist", "X beamed and asked"). None for a passive cue:
    its subject is what was said ("An earlier version was inadvertently published")."""
    if PASSIVE.search(cue.text):
        return None
    text = doc.text
    gap = adverbials_start(text, lo, cue.start, doc.lexicon)  # "X met the envoy and on Monday said"
    infinitive = text[lo:gap].rstrip().endswith(" to")
    # "…; she backs the rules but embraces …": a clause after a semicolon with a subject of its own has its own
    semicolon = 0 if infinitive else text.rfind(";", lo, gap) + 1
    own_clause = subject_after_opener(text, semicolon - 1, cue.start, doc.lexicon, 1, ";") if semicolon else None
    if own_clause:
        out, lo = [], semicolon
    if out and out[-1].sentence == lo and (out[-1].mention is not None or infinitive):
        # "…, though voters are more likely to say …", "…, which would allow lawmakers to compare …": the
        # infinitive's own controller or clause subject after the statement before, else that statement's speaker
        own = infinitive_subject(text, out[-1].cue.end, cue.start, doc.lexicon, nearest_only=True) \
            if infinitive else None
        return mention_of(doc, SpeakerSpan(*own)) if own else out[-1].mention
    if not SUBJECT_GAP.search(text, max(lo, gap - 40), gap):
        return None
    subject = own_clause or (infinitive_subject if infinitive else sentence_subject)(text, lo, cue.start, doc.lexicon)
    if subject is None and not infinitive:  # "When told of it, the mayor paused and said": past the opener
        subject = clause_subject(text, lo, cue.start, doc.lexicon) or \
            subject_after_opener(text, lo, cue.start, doc.lexicon)
    return mention_of(doc, SpeakerSpan(*subject)) if subject else None


@lru_cache(maxsize=8)
def _tag_goes_on(lexicon: Lexicon) -> re.Pattern:
    """What may follow the short tag of a quotation: an adjunct or a subordinate clause ("said of Apple in
    February", "said as he launched the vote")."""
    return re.compile(rf"(?:{role_pattern(lexicon, 'tag_continuation')})\b")


def _tags_previous_quotation(doc: Doc, lo: int, cue: Cue) -> bool:
    """“Is it open?” the mayor asked. A quotation ending in ? or ! (or .) closes a sentence of its own,
    and the short reporting clause after it (nothing but a speaker, a cue and adjuncts) belongs to it."""
    text = doc.text
    quote_end = QUOTE_BEFORE.search(text, max(0, lo - 4), lo)
    subject = text[lo:cue.start]
    if not quote_end or "\n" in text[quote_end.start():lo] or len(subject.split(None, MAX_TAG_WORDS)) > MAX_TAG_WORDS:
        return False
    rest = AFTER_TAG.match(text, cue.end).end()
    inverted = text[rest:rest + 1].isupper() and not subject.strip()  # “…?” asked Jane Doe.
    # A question or an exclamation ends a sentence whose tag may go on: “…?” he asked reporters rhetorically.
    asks = text[quote_end.start():quote_end.start() + 1] in "?!"
    # “…?” she told ITV. / “…?” he asked the mayor.: a listener after "told", or after "asked" (an inverting lemma)
    listens = cue.takes_object or (asks and cue.lemma in rule_words(doc.lexicon).inverting)
    listens = listens and not inverted and "," not in text[cue.end:rest]  # no listener after a comma: “…?” he asked, repeating …
    listener = mention_after(text, rest, min(len(text), rest + MAX_LISTENER_CHARS), lexicon=doc.lexicon) if listens else None
    if listener:
        rest = AFTER_TAG.match(text, listener[1]).end()
    if asks:
        rest = TAG_ADVERB.match(text, rest).end()
        if COMMA_AFTER_TAG.match(text, listener[1] if listener else cue.end):
            return True  # “…?” he asked, turning to the crowd. / “…!” she declared, a point she often makes.
    adjunct = content_words(doc.lexicon).adjunct_start.match(text, rest)
    return text[rest:rest + 1] in (".", "") or inverted or bool(adjunct) or \
        bool(_tag_goes_on(doc.lexicon).match(text, rest))


# --- pass 2: quotations ---

class _Hosts:
    """The indirect and partial statements whose content may hold a quotation, swept in text order.
    `active` keeps the statements begun so far in rule order; those ended before the sweep are dropped."""

    def __init__(self, rows: list[Candidate]):
        self.rows = rows
        self.waiting = sorted((k for k, r in enumerate(rows) if r.kind != "direct"), key=lambda k: rows[k].start)
        self.next = 0
        self.active: list[int] = []

    def holding(self, quote: tuple[int, int]) -> Candidate | None:
        """The first statement (in rule order) that is not direct and holds the quotation."""
        rows, (q0, q1) = self.rows, quote
        while self.next < len(self.waiting) and rows[self.waiting[self.next]].start <= q0:
            insort(self.active, self.waiting[self.next])
            self.next += 1
        # a statement that ends before this quotation can only grow by a split quotation's piece, and that
        # piece lies before every later quotation: it can hold none of them
        self.active = [k for k in self.active if rows[k].end + 2 >= q1]
        return next((rows[k] for k in self.active if rows[k].kind != "direct"), None)


def continue_quotations(doc: Doc, rows: list[Candidate]) -> list[Candidate]:
    """Reported speech quoting some words turns `partial`; cue-less quotations continue an earlier speaker."""
    text = doc.text
    covered = {(r.start, r.end): r for r in rows if r.kind == "direct"}
    by_cue = sorted(rows, key=lambda r: r.cue.start)
    cue_starts = [r.cue.start for r in by_cue]
    hosts = _Hosts(rows)
    extra, last_direct = [], None
    for q in doc.quotations:
        if q in covered:
            last_direct = covered[q]
            continue
        host = hosts.holding(q)
        if host and q[1] - q[0] >= WHOLE_QUOTE_SHARE * (host.end - host.start):
            host.content = Content("direct", [q])  # "said that “…”": the quotation is the content
            last_direct = host
            continue
        if host:
            host.content.kind = "partial"
            last_direct = host if q[1] >= host.end else last_direct  # 'X is “…,” she said. “…”' goes on
            continue
        lo, hi = doc.sentence_at(q[0])
        lead = text[max(lo, q[0] - WINDOW_BEFORE):q[0]].rstrip(" “\"'`")
        near = last_direct is not None and q[0] - last_direct.end < MAX_CONTINUATION_GAP
        new_paragraph = near and "\n" in text[last_direct.end:q[0]]
        # “…,” he said, (but) “…”
        resumes = not lead or lead.endswith((".", "!", "?")) or (
            not new_paragraph and lead.endswith((",", " but", " and")))
        following = _next_statement(text, q, by_cue, cue_starts)
        split = following is not None and following.cue.start < hi  # “…,” she said, “…”: tagged here
        if split or not (resumes and near):
            if following:
                following.content.add_before(q)
            elif not near:  # "X said the plan would fail.⏎⏎“We cannot go on.”": the paragraph goes on for X
                extra.extend(_paragraph_after_statement(text, q, by_cue, cue_starts))
            continue
        tag_end = max(doc.sentence_at(last_direct.cue.start)[1], last_direct.end)
        if bisect_left(cue_starts, tag_end) < bisect_left(cue_starts, q[0]):
            continue  # another statement came in between
        if new_paragraph:  # a statement of its own, same speaker
            last_direct = Candidate("quote-continuation", last_direct.cue, Content("direct", [q]),
                                    last_direct.mention, last_direct.sentence)
            extra.append(last_direct)
        else:  # “…,” he said. “…”: one split quotation of two pieces, the reporting clause between them
            last_direct.content.add_after(q)
    return sorted(rows + extra, key=lambda r: (r.start, r.end))


def _paragraph_after_statement(text: str, quote: tuple[int, int], by_cue: list[Candidate],
                               cue_starts: list[int]) -> list[Candidate]:
    """A quotation that is a paragraph of its own, right after a paragraph whose last statement names its
    speaker, is that speaker's (rule quote-continuation); nothing when another paragraph lies between."""
    k = bisect_left(cue_starts, quote[0])
    before = by_cue[k - 1] if k else None
    if before is None or before.mention is None:
        return []
    if quote[0] - before.end > MAX_CONTINUATION_GAP:
        return []
    if "\n" not in text[before.end:quote[0]] or _paragraph_between(text, before.end, quote[0]) or \
            not PARAGRAPH_END.match(text, quote[1]):
        return []  # not the next paragraph, or the quotation is not the whole paragraph
    return [Candidate("quote-continuation", before.cue, Content("direct", [quote]), before.mention, before.sentence)]


def _paragraph_between(text: str, end: int, start: int) -> bool:
    """Does a paragraph lie wholly between `end` and `start` (more than the break from one to the next)?"""
    return any(line.strip(" .\"”'’") for line in text[end:start - 1].split("\n")[1:])


def _next_statement(text: str, quote: tuple[int, int], by_cue: list[Candidate], cue_starts: list[int]):
    """The quoted statement whose reporting clause comes next after a cue-less quotation in its
    paragraph: “First part.” More words. “Second part,” she said. The quotation may open it."""
    first = bisect_right(cue_starts, quote[1])
    nearest = next((r for r in by_cue[first:first + MAX_LOOKAHEAD_ROWS] if r.start > quote[1]), None)
    if nearest and nearest.kind == "direct" and nearest.start - quote[1] < MAX_CONTINUATION_GAP and \
            "\n" not in text[quote[1]:nearest.start]:
        return nearest
    return None


def standalone_quotations(doc: Doc, rows: list[Candidate]) -> list[Candidate]:
    """A quotation of whole sentences that no statement holds is quoted speech all the same: a statement of
    its own (rule `standalone-quotation`) when a speaker is in reach (`_lead_speaker`, `_previous_statement`).
    Without one it is no statement (the quotes table still has it: `claims`, rule `unclaimed-quotation`)."""
    text, covered = doc.text, _coverage(rows)
    spoken = sorted((r for r in rows if r.mention is not None and r.rule != "participle"), key=lambda r: r.end)
    spoken_ends = [r.end for r in spoken]
    extra = []
    for q in doc.quotations:
        if not SPOKEN_SENTENCE.match(text, *q) or len(text[q[0]:q[1]].split(None, MIN_SPEECH_WORDS)) < \
                MIN_SPEECH_WORDS or is_title(text[q[0]:q[1]]) or _overlaps(covered, q):
            continue
        lo = doc.sentence_at(q[0])[0]
        if doc.dateline and lo < doc.dateline.end <= q[0]:
            lo = doc.dateline.end  # "LOS ANGELES -- “…”": the dateline names no speaker
        lead = text[lo:q[0]].rstrip(" “\"'`")
        if lead.strip():
            speaker = _lead_speaker(doc, lo, lead)
            if speaker is not None:
                mark = Cue(q[0] - 1, q[0], text[q[0] - 1:q[0]], "quotation", "speech", False)
                extra.append(Candidate("standalone-quotation", mark, Content("direct", [q]), speaker, lo))
            continue
        before = _previous_statement(doc, q, spoken, spoken_ends)
        if before is not None:
            extra.append(Candidate("standalone-quotation", before.cue, Content("direct", [q]), before.mention,
                                   before.sentence))
    return sorted(rows + extra, key=lambda r: (r.start, r.end)) if extra else rows


def _lead_speaker(doc: Doc, lo: int, lead: str) -> Mention | None:
    """ "Senator Jane Roe then turned to the judge, “…”", "From the report: “…”": words that lead to the quotation
    through a comma or a colon; their sentence's subject speaks (none: "She starred in “…”")."""
    if not lead.endswith((",", ":")):
        return None
    subject = sentence_subject(doc.text, lo, lo + len(lead), doc.lexicon)
    return mention_of(doc, SpeakerSpan(*subject)) if subject else None


def _previous_statement(doc: Doc, quote: tuple[int, int], spoken: list[Candidate],
                        spoken_ends: list[int]) -> Candidate | None:
    """The statement a quotation opening its sentence carries on: the last one, with a speaker, ending in the
    sentence right before (in the same paragraph or the one before), not further back ("X said …. Her rival was
    not convinced. “…”" is no quotation of X's)."""
    k = bisect_right(spoken_ends, quote[0])
    previous = doc.sentence_before(quote[0])
    if not k or previous is None or spoken[k - 1].end <= previous[0]:
        return None
    before = spoken[k - 1]
    return None if _paragraph_between(doc.text, before.end, quote[0]) else before


def _coverage(rows: list[Candidate]) -> list[tuple[int, int]]:
    """The content pieces of all rows, merged, in text order."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(p for r in rows for p in r.content.pieces):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _overlaps(merged: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Does the span overlap one of the merged, sorted pieces (a binary search)?"""
    k = bisect_right(merged, (span[1],))
    return k > 0 and merged[k - 1][1] > span[0]


# --- pass 3: nesting ---

def drop_nested(rows: list[Candidate]) -> list[Candidate]:
    """Reported speech inside another row's content belongs to that statement ("He said the agency
    claimed …"); so does a row that runs on over that statement's trailing tag. A quotation credited to
    someone else by name keeps its row ("… that his opponent had said, “I will never quit.”"); one by
    the same speaker or a pronoun ("…, but she knows that “…”") turns the statement `partial`."""
    keep = [True] * len(rows)
    active: list[int] = []  # rows begun at the current cue, in text order; ended ones are dropped now and then
    following = 0
    for k in sorted(range(len(rows)), key=lambda k: rows[k].cue.start):
        row = rows[k]
        while following < len(rows) and rows[following].start <= row.cue.start:
            active.append(following)
            following += 1
        host, ended = _host(rows, k, active)
        if ended > len(active) // 2:
            active = [h for h in active if rows[h].end > row.cue.start]
        if host is None or (row.kind == "direct" and _named_other(row.mention, host.mention)):
            continue
        keep[k] = False
        if row.kind == "direct" and host.kind == "indirect":
            host.content.kind = "partial"
    return [r for r, kept in zip(rows, keep) if kept]


def _between_pieces(row: Candidate, start: int, end: int) -> bool:
    """Does [start, end) lie between two of the row's content pieces, in its reporting clause ("“A,” said
    X, who said Y. “B.”": X's statement does not hold the relative clause's)?"""
    pieces = row.content.pieces
    return any(before[1] <= start and end <= after[0] for before, after in zip(pieces, pieces[1:]))


def _host(rows: list[Candidate], k: int, active: list[int]) -> tuple[Candidate | None, int]:
    """The first row whose content holds row k's cue and row k (or which row k runs on over the tag of),
    and how many rows of `active` have ended before that cue."""
    row = rows[k]
    cue, start, end = row.cue.start, row.start, row.end
    ended = 0
    for h in active:
        host = rows[h]
        if host.end <= cue:
            ended += 1
            continue
        if h == k or start < host.start or _between_pieces(host, start, end):
            continue
        shorter = end <= host.end + 2 and end - start < host.end - host.start
        if shorter or host.end <= host.cue.start < end:  # or it runs over the host's tag
            return host, ended
    return None, ended


def _named_other(mention, host) -> bool:
    """Is this a speaker named apart from the host's (not missing, not a pronoun, not the same words)?"""
    return mention is not None and mention.kind != "pronoun" and (host is None or mention.name != host.name)


# --- pass 4: one row per content ---

def one_per_content(rows: list[Candidate]) -> list[Candidate]:
    """Two cues reporting the same words ("The transcript, published by the Post, shows that …", "The spot
    concludes with footage of X saying “…”"): the later one is the nearer verb."""
    last: dict[tuple[int, int], Candidate] = {}
    for r in rows:
        key = (r.start, r.end)
        if key not in last or _precedence(r) > _precedence(last[key]):
            last[key] = r
    return [r for r in rows if last[(r.start, r.end)] is r]


def cited_sources(doc: Doc, rows: list[Candidate]) -> list[Candidate]:
    """A participle citing a source in a statement's reporting clause ("…, the agency said, citing officials",
    "Jane Doe, citing the ministry, said …", "X reported citing Y") names a source of that statement: the
    statement again, with the cited noun phrase as its speaker, in place of the participle's own row when its
    words only name the source (no claim; "citing data that showed …" keeps it).
    Only a speech statement, and only a phrase that names a source (a name, a title, a source noun of the
    lexicon: "citing health reasons" gives none). The quotation paragraphs that carry on the statement (rows
    sharing its cue) are the cited source's too."""
    citing = doc.lexicon.estimate_words.get("citing", ())
    by_cue = sorted(rows, key=lambda r: r.cue.start)
    continuing: dict[Cue, list[Candidate]] = {}  # quotations that carry on a statement share its cue
    for row in rows:
        if row.rule in CONTINUING_RULES:
            continuing.setdefault(row.cue, []).append(row)
    extra, replaced = [], set()
    for k, row in enumerate(by_cue):
        if row.rule != "participle" or row.cue.text.lower() not in citing or row.kind != "indirect":
            continue
        host = _cited_host(by_cue, k)
        source = _cited_phrase(doc, row.start, row.end) if host else None
        if source and host.cue.kind == "speech" and _names_a_source(doc, *source):
            mention = mention_of(doc, SpeakerSpan(*source))
            for cited in [host] + continuing.get(host.cue, []):
                content = Content(cited.kind, list(cited.content.pieces))
                extra.append(Candidate("cited-source", row.cue, content, mention, row.sentence))
            if not CLAIM_AFTER_SOURCE.match(doc.text, source[1], row.end):  # not "citing data that showed …"
                replaced.add(id(row))  # its words only name the source: no claim of their own
    return sorted([r for r in rows if id(r) not in replaced] + extra, key=lambda r: r.start) if extra else rows


def _cited_phrase(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase a participle cites, or, when that names no source, where it comes from ("citing
    information from the spy agency"; but "citing figures from March": the figures)."""
    cited = mention_after(doc.text, start, end, lexicon=doc.lexicon)
    if cited is None or _names_a_source(doc, *cited):
        return cited
    origin = _cited_origin(doc.lexicon).match(doc.text, cited[1], end)
    source = mention_after(doc.text, origin.end(), end, lexicon=doc.lexicon) if origin else None
    calendar = source and doc.text[source[0]:source[1]].split()[-1].lower().strip(".") in doc.lexicon.month_forms
    return source if source and not calendar and _names_a_source(doc, *source) else cited


@lru_cache(maxsize=8)
def _cited_origin(lexicon: Lexicon) -> re.Pattern:
    return re.compile(rf"\s+(?:{role_pattern(lexicon, 'cited_origin')})\s+")


def _names_a_source(doc: Doc, start: int, end: int) -> bool:
    """Does the phrase name someone or something that informs: a capitalised word (a name or an outlet), a title,
    or one of the lexicon's source nouns ("officials", "intelligence", "report")?"""
    sources = role_words(doc.lexicon, "source_noun")
    for word in doc.text[start:end].split():
        low = word.lower().removesuffix("’s").removesuffix("'s").strip("’',")
        if word[:1].isupper() or low in sources or low in doc.lexicon.titles:
            return True
    return False


def _cited_host(by_cue: list[Candidate], k: int) -> Candidate | None:
    """The statement whose reporting clause holds the citing participle `by_cue[k]`: the nearest one of its sentence
    cued before it whose content it follows, or the one cued right after it, whose speaker comes before it ("X,
    citing Z, said")."""
    row = by_cue[k]
    for j in range(k - 1, -1, -1):  # back to the sentence's start only: a few rows
        before = by_cue[j]
        if before.cue.start < row.sentence:
            break
        if before.sentence == row.sentence and before.end <= row.cue.start:
            return before
    after = by_cue[k + 1] if k + 1 < len(by_cue) else None
    if after is not None and after.mention is not None and after.mention.start < row.cue.start and \
            row.end <= after.cue.start:
        return after
    return None


def _precedence(row: Candidate) -> tuple[bool, int]:
    """A cue rule's row before a document rule's (a reporting verb says more than a colon), then the later cue."""
    return row.rule not in DOCUMENT_RULES, row.cue.start
