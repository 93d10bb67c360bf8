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


FACT_COLUMNS = ["element_id", "article_id", "field", "value", "start", "end"]


def _calendar_facts(coverage: pd.DataFrame) -> pd.DataFrame:
    """Month names and day-month dates written in each member."""
    facts = []
    for element, article, text, start in zip(coverage["element_id"], coverage["article_id"], coverage["text"],
                                              coverage["start"]):
        text, start = str(text), int(start)
        for value, s, e in _values(DAY_MONTH, text, start):
            facts.append((element, article, "date", value, s, e))
        for value, s, e in _values(MONTH, text, start):
            if not DAY_MONTH.match(text, s - start):
                facts.append((element, article, "month", value, s, e))
    return pd.DataFrame(facts, columns=FACT_COLUMNS)


def _number_facts(coverage: pd.DataFrame, estimates: pd.DataFrame) -> pd.DataFrame:
    """Estimates (not derived, not `other`) that lie inside a member."""
    counted = estimates[~estimates["derived"].fillna(False).astype(bool) & estimates["category"].ne("other")]
    pairs = coverage[["element_id", "article_id", "start", "end"]].merge(
        counted[["article_id", "category", "text", "start", "end"]], on="article_id", suffixes=("", "_e"))
    inside = pairs[(pairs["start_e"] >= pairs["start"]) & (pairs["end_e"] <= pairs["end"])]
    return pd.DataFrame({"element_id": inside["element_id"], "article_id": inside["article_id"],
                         "field": "number (" + inside["category"].astype(str) + ")", "value": inside["text"],
                         "start": inside["start_e"], "end": inside["end_e"]})


def _speaker_facts(coverage: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Who each source credits a quotation to."""
    quoted = coverage[coverage["member"] == "quote"][["element_id", "article_id", "claim_id"]].merge(
        claims[["claim_id", "claimant", "claimant_start", "claimant_end"]].dropna(subset=["claimant"]), on="claim_id")
    return pd.DataFrame({"element_id": quoted["element_id"], "article_id": quoted["article_id"], "field": "speaker",
                         "value": quoted["claimant"], "start": quoted["claimant_start"], "end": quoted["claimant_end"]})


def _member_facts(coverage: pd.DataFrame, corpus) -> pd.DataFrame:
    """(element_id, article_id, field, value, start, end) for every fact in every member."""
    parts = [_calendar_facts(coverage), _number_facts(coverage, corpus.estimates), _speaker_facts(coverage, corpus.claims)]
    return pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) \
        else pd.DataFrame(columns=FACT_COLUMNS)


def find_discrepancies(corpus, coverage: pd.DataFrame) -> pd.DataFrame:
    shared = coverage.groupby("element_id")["article_id"].nunique()
    multi = coverage[coverage["element_id"].map(shared) > 1]
    facts = _member_facts(multi, corpus)
    if facts.empty:
        return schemas.empty_frame("discrepancies")
    per_article = facts.groupby(["element_id", "field", "article_id"])["value"].agg(lambda v: "; ".join(sorted(set(map(str, v)))))
    differs = per_article.groupby(level=[0, 1]).agg(lambda s: s.nunique() > 1 and s.size > 1)
    keys = set(differs[differs].index)
    rows = facts[[k in keys for k in zip(facts["element_id"], facts["field"])]].drop_duplicates(
        ["element_id", "field", "article_id", "value"])
    texts = corpus.articles.set_index("article_id")["text"]
    rows = rows.assign(text=[texts[a][int(s):int(e)] for a, s, e in zip(rows["article_id"], rows["start"], rows["end"])],
                       label=rows["element_id"].map(coverage.drop_duplicates("element_id").set_index("element_id")["label"]))
    return schemas.conform("discrepancies", rows.sort_values(["element_id", "field", "article_id", "start"]))
