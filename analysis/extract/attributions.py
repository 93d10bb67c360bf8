"""Who said what: `extract_attributions(text, published=None)`, one row per attribution.

The flow, one module a step: the text becomes one `Doc` (text/doc.py: sentences, quotations);
reporting cues are found (cues.py); for each cue the attribution rules (rules.py, each named) are
tried in the order of the priority table in selection.py, and the first that recognises the
construction gives a candidate; the selection passes then join split quotations, fold reported
speech nested in another statement, and keep one row per content; speakers are resolved across the
article (speakers.py) and statement dates read from the reporting clause (dates.py).

Reported speech that quotes some of the speaker's words ("said it was “a historic step”") is one
statement of kind `partial` (a mixed quotation): its content is the whole reported clause, and the
quoted words are found again inside it as quotes. Each row names the rule that made it (`rule`) and
the pieces of its content (`content_spans`): a statement interrupted by its reporting clause
("“A,” she said. “B.”") is one statement of two pieces, without the reporting words.
"""
from __future__ import annotations

import re
from functools import cache

import pandas as pd

from ..text.doc import Doc
from ..text.lexicon import Lexicon
from .columns import column, frame_of, missing
from .cues import find_cues, tag_cues
from .dates import ANTECEDENT_CHARS, day_in, resolve_said_on
from .rules import Candidate
from .selection import select
from .speakers import Resolver, speaker_words

COLUMNS = {
    "kind": "string", "content_start": "Int64", "content_end": "Int64", "speaker": "string",
    "speaker_mention": "string", "speaker_start": "Int64", "speaker_end": "Int64", "speaker_role": "string",
    "cue": "string", "cue_start": "Int64", "cue_end": "Int64", "said_on": "datetime64[ns]",
    "type": "string", "text": "string", "content_spans": "object", "rule": "string",
}
# plain labels: pandas 3's Arrow-backed ones make each column read a third slower (to_dict: 1.6 -> 0.9 ms)
LABELS = pd.Index(list(COLUMNS), dtype=object)
# The cue's kind gives the statement's type; prepositional sources, signatures and headline colons report speech.
TYPES = {"speech": "speech", "belief": "belief", "finding": "finding", "intention": "intention"}
PIECE_JOINER = " … "
TOKEN = re.compile(r"[\w’'.-]+")


def _resolve(rows: list[Candidate], lexicon: Lexicon) -> None:
    resolver = Resolver(lexicon)
    seen = {}
    for row in sorted(rows, key=lambda r: r.mention.start if r.mention else r.start):
        mention = row.mention
        if mention is None or id(mention) in seen:
            continue
        seen[id(mention)] = resolver.resolve(mention)


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


def extract_attributions(text: str, published=None, lexicon: Lexicon | None = None, *,
                         doc: Doc | None = None) -> pd.DataFrame:
    """Every attribution in one raw text: direct, partial and indirect, with speaker, cue, rule and date.
    `lexicon` is the language data (default: the package's); pass the article's `doc` when one is
    already built for `text`.

    One row per statement, in the order found; offsets are character offsets into `text`. Columns
    (`COLUMNS`), and the `corpus.claims` column each becomes:

    ============================  =========================================================  ================
    column                        meaning                                                    in `claims`
    ============================  =========================================================  ================
    kind                          `direct`, `partial` (quotes some words) or `indirect`      kind
    type                          `speech`, `belief`, `finding` or `intention` (the cue's)   type
    content_start, content_end    outer bounds of what was said                              start, end
    content_spans                 (start, end) pieces: two for "“A,” she said. “B.”"         content_spans
    text                          the pieces' words, joined by " … "                         text (1)
    speaker                       resolved name ("Jane Doe" for a later "she"); NA unknown    claimant (2)
    speaker_mention, _start, _end the words naming the speaker here, and their offsets       claimant_mention, …
    speaker_role                  title or apposition ("Finance Minister")                   claimant_role
    cue, cue_start, cue_end       the reporting word(s) and their offsets                    cue, cue_start, …
    said_on                       day the statement was made when the text says; else NaT    said_on
    rule                          the rule that made the row (analysis/extract/rules.py)     rule
    ============================  =========================================================  ================

    (1) `claims.text` is text[start:end], the outer span. (2) canonicalised by data/actors.csv.
    `claims` adds claim_id, article_id, sentence_id, affiliation (from actors.csv) and quote_id."""
    columns = attribution_records(text, published, lexicon, doc=doc)
    return frame_of([column(columns[c], d) for c, d in COLUMNS.items()], LABELS)


def attribution_records(text: str, published=None, lexicon: Lexicon | None = None, *,
                        doc: Doc | None = None) -> dict[str, list]:
    """`extract_attributions` as columns of plain lists (missing values pd.NA, dates pd.NaT): what the
    per-article pipeline reads, without a frame per article."""
    _warm_up()
    lexicon = lexicon or Lexicon.default()
    doc = doc or Doc(text, lexicon)
    listed = find_cues(text, doc.lexicon)
    rows = select(doc, sorted(listed + tag_cues(text, doc.quotations, listed, doc.lexicon), key=lambda c: c.start))
    _resolve(rows, doc.lexicon)
    for row in rows:
        row.content.pair_marks(doc)
    records = [_record(text, r, published, lexicon) for r in rows]
    return {c: [r[c] for r in records] for c in COLUMNS}


def _record(text: str, row: Candidate, published, lexicon: Lexicon) -> dict:
    m, cue = row.mention, row.cue
    named = m is not None
    return {
        "kind": row.kind, "type": TYPES.get(cue.kind, "speech"), "content_start": row.start, "content_end": row.end,
        "content_spans": [tuple(piece) for piece in row.content.pieces],
        "text": PIECE_JOINER.join(text[a:b] for a, b in row.content.pieces),
        "speaker": m.name if named else pd.NA, "speaker_mention": m.text if named else pd.NA,
        "speaker_start": m.start if named else pd.NA, "speaker_end": m.end if named else pd.NA,
        "speaker_role": (m.role or pd.NA) if named else pd.NA,
        "cue": cue.text, "cue_start": cue.start, "cue_end": cue.end, "rule": row.rule,
        "said_on": _said_on(text, row, published, lexicon),
    }


def _said_on(text: str, row: Candidate, published, lexicon: Lexicon) -> pd.Timestamp:
    """The day read by the cue (dates.resolve_said_on), else, for a relative pronoun speaking for the words
    before it, a day those words name ("a Jan. 13 estimate from the agency which said …"), not one before a
    verb of the main clause ("Kyiv on Friday rejected the ministry, which said …")."""
    m, cue = row.mention, row.cue
    day = resolve_said_on(text, cue.start, cue.end, published, after=m.end if m and m.start > cue.start else None,
                          lexicon=lexicon)
    if not missing(day) or m is None or m.text.lower() not in lexicon.estimate_words.get("relative", ()):
        return day
    start, verb = max(row.sentence, m.start - ANTECEDENT_CHARS), speaker_words(lexicon).verb
    for token in TOKEN.finditer(text, start, m.start):
        if token.group().islower() and verb.fullmatch(token.group()):
            start = token.end()
    return day_in(text, start, m.start, published, lexicon)
