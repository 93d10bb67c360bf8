"""The quotes and claims tables of one article, from its attributions and sentences.

Every attribution is a claim. A quote is the speaker's own words: a direct claim is one quote per
quoted piece (two for a split quotation, "“A,” she said. “B.”"), and a partial claim (reported speech quoting some words) holds one quote per quotation inside it. Ids
are readable and stable for a given text: f"{article_id}-c{n:03d}" and f"{article_id}-q{n:03d}"
numbered in text order. quotes.claim_id names each quote's claim; claims.quote_id its first quote.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schemas
from ..text.doc import Doc

CLAIMANT_COLUMNS = {"speaker": "claimant", "speaker_mention": "claimant_mention", "speaker_start": "claimant_start",
                    "speaker_end": "claimant_end", "speaker_role": "claimant_role"}


def _sentence_ids(sentences: pd.DataFrame, starts: pd.Series) -> pd.Series:
    """The id of the sentence holding each offset; NA for an offset outside every sentence."""
    ids = pd.Series(pd.NA, index=starts.index, dtype="Int64")
    if sentences.empty:
        return ids
    ordered = sentences.sort_values("start")
    offsets = starts.to_numpy(dtype=np.int64)
    row = np.searchsorted(ordered["start"].to_numpy(dtype=np.int64), offsets, side="right") - 1
    inside = (row >= 0) & (offsets < ordered["end"].to_numpy(dtype=np.int64)[row.clip(0)])
    ids[inside] = ordered["sentence_id"].to_numpy()[row[inside]]
    return ids


def quotes_and_claims(article_id: str, text: str, sentences: pd.DataFrame, attributions: pd.DataFrame,
                      quotations: list[tuple[int, int]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(quotes, claims) for one article; extra columns of `attributions` are kept in both. `quotations`
    are the article Doc's (found again from the text when not given)."""
    if attributions.empty:
        return schemas.empty_frame("quotes"), schemas.empty_frame("claims")
    base = (attributions.sort_values(["content_start", "content_end"], kind="stable")
            .reset_index(drop=True)
            .rename(columns={"content_start": "start", "content_end": "end"})
            .assign(article_id=article_id))
    base["text"] = [text[s:e] for s, e in zip(base["start"], base["end"])]
    base["sentence_id"] = _sentence_ids(sentences, base["start"])
    base["claim_id"] = [f"{article_id}-c{n:03d}" for n in range(len(base))]
    quotes = _quotes(text, base, Doc(text).quotations if quotations is None else quotations)
    quotes["quote_id"] = pd.array([f"{article_id}-q{n:03d}" for n in range(len(quotes))], dtype="string")
    quotes["sentence_id"] = _sentence_ids(sentences, quotes["start"])
    first = quotes.drop_duplicates("claim_id").set_index("claim_id")["quote_id"]
    base["quote_id"] = base["claim_id"].map(first).astype("string")
    return quotes, base.rename(columns=CLAIMANT_COLUMNS)


def _quotes(text: str, claims: pd.DataFrame, quotations: list[tuple[int, int]]) -> pd.DataFrame:
    """The quotes of these claims in text order: each piece of a direct claim, each quotation in a partial one."""
    spans = np.array(quotations or [(0, 0)], dtype=np.int64)
    parts = []
    pieces = claims["content_spans"] if "content_spans" in claims else [None] * len(claims)
    for row, (kind, start, end, quoted) in enumerate(zip(claims["kind"], claims["start"], claims["end"], pieces)):
        if kind == "direct":  # a split quotation ("“A,” she said. “B.”"): one quote per quoted piece
            parts.extend((row, a, b) for a, b in (quoted if quoted is not None and len(quoted) else [(start, end)]))
        elif kind == "partial":
            inside = (spans[:, 0] >= start) & (spans[:, 1] <= end + 2)  # a closing mark may follow the clause
            parts.extend((row, a, min(b, end)) for a, b in spans[inside])
    rows, starts, ends = zip(*parts) if parts else ((), (), ())
    quotes = claims.iloc[list(rows)].drop(columns="content_spans", errors="ignore")  # the claim's pieces, not the quote's
    quotes = quotes.assign(start=list(starts), end=list(ends))
    quotes["start"], quotes["end"] = quotes["start"].astype("Int64"), quotes["end"].astype("Int64")
    quotes["text"] = [text[a:b] for a, b in zip(starts, ends)]
    return quotes.sort_values(["start", "end"], kind="stable").reset_index(drop=True)
