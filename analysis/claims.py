"""The quotes and claims tables of one article, from its attributions and sentences.

Every attribution is a claim; direct and partial ones are also quotes. Ids are readable and stable
for a given text: f"{article_id}-c{n:03d}" and f"{article_id}-q{n:03d}" numbered in text order,
and each table carries the other's id (claims.quote_id, quotes.claim_id) so they join both ways.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import schemas

QUOTE_KINDS = ("direct", "partial")
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


def quotes_and_claims(article_id: str, text: str, sentences: pd.DataFrame,
                      attributions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(quotes, claims) for one article; extra columns of `attributions` are kept in both."""
    if attributions.empty:
        return schemas.empty_frame("quotes"), schemas.empty_frame("claims")
    base = (attributions.sort_values(["content_start", "content_end"], kind="stable")
            .reset_index(drop=True)
            .rename(columns={"content_start": "start", "content_end": "end"})
            .assign(article_id=article_id))
    base["text"] = [text[s:e] for s, e in zip(base["start"], base["end"])]
    base["sentence_id"] = _sentence_ids(sentences, base["start"])
    is_quote = base["kind"].isin(QUOTE_KINDS)
    base["quote_id"] = pd.Series(pd.NA, index=base.index, dtype="string")
    base.loc[is_quote, "quote_id"] = [f"{article_id}-q{n:03d}" for n in range(int(is_quote.sum()))]
    base["claim_id"] = [f"{article_id}-c{n:03d}" for n in range(len(base))]
    quotes = base[is_quote].reset_index(drop=True)
    return quotes, base.rename(columns=CLAIMANT_COLUMNS)
