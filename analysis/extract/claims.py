"""The quotes and claims tables of one article, from its attributions and sentences.

Every attribution is a claim. A quote is the speaker's own words: a direct claim is one quote per
quoted piece (two for a split quotation, "“A,” she said. “B.”"), and a partial claim (reported speech
quoting some words) holds one quote per quotation inside it. Ids
are readable and stable for a given text: f"{article_id}-c{n:03d}" and f"{article_id}-q{n:03d}"
numbered in text order. quotes.claim_id names each quote's claim; claims.quote_id its first quote. A
quotation of speech that no statement holds is a quote too, with no claim and no speaker (rule
`unclaimed-quotation`): an analyst sees every quoted passage, attributed or not.

`claim_records` works on plain lists (the pipeline's per-article path: one frame per table and batch is built
from them by `columns.frame`); `quotes_and_claims` gives the same rows as two frames.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np
import pandas as pd

from ..text.doc import Doc
from .columns import frame
from .selection import MIN_SPEECH_WORDS

CLAIMANT_COLUMNS = {"speaker": "claimant", "speaker_mention": "claimant_mention", "speaker_start": "claimant_start",
                    "speaker_end": "claimant_end", "speaker_role": "claimant_role"}
RENAMED = {"content_start": "start", "content_end": "end"}
# A quotation no statement holds is still a quote: no claim, no speaker, rule `unclaimed-quotation`.
UNCLAIMED = -1
UNCLAIMED_VALUES = {"kind": "direct", "rule": "unclaimed-quotation", "said_on": pd.NaT}


def sentence_ids(spans: list[tuple[int, int, int]], offsets: list) -> list:
    """The id of the sentence holding each offset; NA for an offset outside every sentence. `spans`:
    (sentence_id, start, end), in any order."""
    ordered = sorted(spans, key=lambda s: s[1])
    starts = [s[1] for s in ordered]
    out = []
    for offset in offsets:
        k = bisect_right(starts, offset) - 1 if offset is not pd.NA else -1
        out.append(ordered[k][0] if k >= 0 and offset < ordered[k][2] else pd.NA)
    return out


def claim_records(article_id: str, text: str, spans: list[tuple[int, int, int]], attributions: dict[str, list],
                  quotations: list[tuple[int, int]]) -> tuple[dict[str, list], dict[str, list]]:
    """(quotes, claims) of one article as columns of plain lists, from the attributions' columns (as lists;
    extra columns are kept in both) and the sentences' (sentence_id, start, end). Empty dicts when there is
    no attribution."""
    n = len(attributions.get("content_start", ()))
    unclaimed = _unclaimed(text, attributions, quotations)
    if not n and not (unclaimed and attributions):
        return {}, {}
    order = sorted(range(n), key=lambda k: (attributions["content_start"][k], attributions["content_end"][k]))
    base = {RENAMED.get(c, c): [values[k] for k in order] for c, values in attributions.items()}
    starts, ends = base["start"], base["end"]
    base["text"] = [text[a:b] for a, b in zip(starts, ends)]
    base["article_id"] = [article_id] * n
    base["sentence_id"] = sentence_ids(spans, starts)
    base["claim_id"] = [f"{article_id}-c{k:03d}" for k in range(n)]
    # the quotes: each piece of a direct claim, each quotation inside a partial one
    parts = []
    pieces = base.get("content_spans", [None] * n)
    quote_starts = [a for a, _ in quotations]  # in text order: a claim's quotations found by binary search
    for row, (kind, start, end, quoted) in enumerate(zip(base["kind"], starts, ends, pieces)):
        if kind == "direct":  # a split quotation ("“A,” she said. “B.”"): one quote per quoted piece
            parts.extend((row, a, b) for a, b in (quoted if quoted is not None and len(quoted) else [(start, end)]))
        elif kind == "partial":  # a closing mark may follow the clause
            inside = quotations[bisect_left(quote_starts, start):bisect_left(quote_starts, end + 2)]
            parts.extend((row, a, min(b, end)) for a, b in inside if b <= end + 2)
    parts.extend((UNCLAIMED, a, b) for a, b in unclaimed)
    parts.sort(key=lambda part: (part[1], part[2]))  # stable: text order, then claim order
    rows = [part[0] for part in parts]
    quotes = {c: [values[r] if r != UNCLAIMED else UNCLAIMED_VALUES.get(c, pd.NA) for r in rows]
              for c, values in base.items() if c != "content_spans"}
    quotes["start"] = [int(part[1]) for part in parts]
    quotes["end"] = [int(part[2]) for part in parts]
    quotes["text"] = [text[a:b] for a, b in zip(quotes["start"], quotes["end"])]
    quotes["quote_id"] = [f"{article_id}-q{k:03d}" for k in range(len(parts))]
    quotes["sentence_id"] = sentence_ids(spans, quotes["start"])
    first: dict[str, str] = {}
    for claim_id, quote_id in zip(quotes["claim_id"], quotes["quote_id"]):
        first.setdefault(claim_id, quote_id)
    base["quote_id"] = [first.get(claim_id, pd.NA) for claim_id in base["claim_id"]]
    return quotes, ({CLAIMANT_COLUMNS.get(c, c): values for c, values in base.items()} if n else {})


def _unclaimed(text: str, attributions: dict[str, list], quotations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted speech no statement holds: quotations of MIN_SPEECH_WORDS words or more (shorter ones are
    scare quotes, nicknames and slogans) outside every statement's outer span. Swept in text order."""
    claimed = sorted(zip(attributions.get("content_start", ()), attributions.get("content_end", ())))
    out, k, reach = [], 0, -1  # reach: the furthest end of the statements starting before the quotation
    for a, b in quotations:
        while k < len(claimed) and claimed[k][0] < b:
            reach = max(reach, claimed[k][1])
            k += 1
        if reach <= a and len(text[a:b].split(None, MIN_SPEECH_WORDS)) >= MIN_SPEECH_WORDS:
            out.append((a, b))
    return out


def quotes_and_claims(article_id: str, text: str, sentences: pd.DataFrame, attributions: pd.DataFrame,
                      quotations: list[tuple[int, int]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(quotes, claims) for one article as frames; extra columns of `attributions` are kept in both.
    `quotations` are the article Doc's (found again from the text when not given)."""
    spans = list(zip(sentences["sentence_id"].tolist(), sentences["start"].tolist(), sentences["end"].tolist()))
    quotes, claims = claim_records(article_id, text, spans, {c: attributions[c].tolist() for c in attributions},
                                   Doc(text).quotations if quotations is None else quotations)
    return frame("quotes", quotes), frame("claims", claims)
