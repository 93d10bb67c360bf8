"""What differs between sources inside one story element: numbers, months, dates, speakers, titles.

Long format: one row per (element, field, article) for every field whose values differ between
the element's articles, with the value each article gives and where it says so.
"""
from __future__ import annotations

import re

import pandas as pd

from . import schemas

MONTHS = ("january february march april may june july august september october november december").split()
MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\b")
DAY_MONTH = re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\s+\d{1,2}\b")


def _values(pattern: re.Pattern, text: str, offset: int):
    return [(m.group(), offset + m.start(), offset + m.end()) for m in pattern.finditer(text)]


def _member_facts(coverage: pd.DataFrame, corpus) -> pd.DataFrame:
    """(element_id, article_id, field, value, start, end) for every fact in every member."""
    facts = []
    estimates = corpus.estimates[~corpus.estimates["derived"].fillna(False).astype(bool)]
    by_article = {a: g for a, g in estimates.groupby("article_id")}
    claims = corpus.claims.set_index("claim_id")
    for row in coverage.itertuples():
        text, start = str(row.text), int(row.start)
        facts += [(row.element_id, row.article_id, "month", v, s, e) for v, s, e in _values(MONTH, text, start)
                  if not DAY_MONTH.match(text, s - start)]
        facts += [(row.element_id, row.article_id, "date", v, s, e) for v, s, e in _values(DAY_MONTH, text, start)]
        inside = by_article.get(row.article_id)
        if inside is not None:
            hits = inside[(inside["start"] >= row.start) & (inside["end"] <= row.end) & inside["category"].ne("other")]
            facts += [(row.element_id, row.article_id, f"number ({h.category})", h.text, h.start, h.end)
                      for h in hits.itertuples()]
        if row.member == "quote" and row.claim_id in claims.index:  # the same words, another speaker?
            claim = claims.loc[row.claim_id]
            if pd.notna(claim["claimant"]):
                facts.append((row.element_id, row.article_id, "speaker", claim["claimant"],
                              claim["claimant_start"], claim["claimant_end"]))
    return pd.DataFrame(facts, columns=["element_id", "article_id", "field", "value", "start", "end"])


def find_discrepancies(corpus, coverage: pd.DataFrame) -> pd.DataFrame:
    shared = coverage.groupby("element_id")["article_id"].nunique()
    multi = coverage[coverage["element_id"].map(shared) > 1]
    facts = _member_facts(multi, corpus)
    if facts.empty:
        return schemas.empty_frame("discrepancies")
    per_article = facts.groupby(["element_id", "field", "article_id"])["value"].agg(lambda v: tuple(sorted(set(v))))
    differs = per_article.groupby(level=[0, 1]).agg(lambda s: s.nunique() > 1 and s.size > 1)
    keys = set(differs[differs].index)
    rows = facts[[k in keys for k in zip(facts["element_id"], facts["field"])]].drop_duplicates(
        ["element_id", "field", "article_id", "value"])
    texts = corpus.articles.set_index("article_id")["text"]
    rows = rows.assign(text=[texts[a][int(s):int(e)] for a, s, e in zip(rows["article_id"], rows["start"], rows["end"])],
                       label=rows["element_id"].map(coverage.drop_duplicates("element_id").set_index("element_id")["label"]))
    return schemas.conform("discrepancies", rows.sort_values(["element_id", "field", "article_id", "start"]))
