"""A small synthetic corpus with the documented columns, for chart, dashboard and viewer tests.

Two articles; every row's offsets point at its words in the article text, as in a real corpus.
The figures are chosen so each kind of mark appears once or twice and tests can count them.
"""
from types import SimpleNamespace

import pandas as pd

from analysis import schemas

TEXTS = {
    "a1": ("Officials said about 8,000 soldiers were deployed, tripling the estimate it had last week. "
           "Analysts said 5,000 soldiers were there. "
           "“We <b>deny</b> everything,” the envoy said."),
    "b1": ("The monitor said between 2,000 and 4,000 soldiers crossed. It said 1,000 workers arrived too. "
           "At least 300 soldiers were killed."),
}
PUBLISHED = {"a1": "2024-01-20", "b1": "2024-01-15"}


def _at(article: str, words: str) -> dict:
    start = TEXTS[article].index(words)
    return {"article_id": article, "start": start, "end": start + len(words), "text": words}


def _sentence_id(article: str, offset: int) -> int:
    return TEXTS[article][:offset].count(". ")


ESTIMATES = [  # (article, words, value, low, high, approximate, category, claimant, said_on, extra)
    ("a1", "about 8,000", 8000, 8000, 8000, True, "troops", "Officials", "2024-01-18", {}),
    ("a1", "tripling the estimate it had last week", 2667, 2667, 2667, True, "troops", "Officials", None,
     {"derived": True, "derivation": "tripling the estimate it had last week",
      "said_from": pd.Timestamp("2024-01-08"), "said_to": pd.Timestamp("2024-01-14")}),
    ("a1", "5,000", 5000, 5000, 5000, False, "troops", "Analysts", None, {}),
    ("a1", "“We <b>deny</b> everything,”", None, None, None, False, "troops", "envoy", "2024-01-19",
     {"stance": "denial"}),
    ("b1", "between 2,000 and 4,000", None, 2000, 4000, False, "troops", None, None, {}),
    ("b1", "1,000", 1000, 1000, 1000, False, "workers", "The monitor", None, {}),
    ("b1", "At least 300", 300, 300, None, False, "casualties", None, None, {}),
]


def _estimates() -> pd.DataFrame:
    rows = []
    for n, (article, words, value, low, high, approx, category, claimant, said_on, extra) in enumerate(ESTIMATES):
        row = _at(article, words)
        rows.append({**row, "estimate_id": f"{article}-e{n}", "claim_id": f"{article}-c0",
                     "sentence_id": _sentence_id(article, row["start"]), "value": value, "low": low, "high": high,
                     "approximate": approx, "unit": "workers" if category == "workers" else "soldiers",
                     "category": category, "claimant": claimant,
                     "said_on": pd.Timestamp(said_on) if said_on else pd.NaT,
                     "stance": "assertion", "derived": False, **extra})
    return schemas.conform("estimates", pd.DataFrame(rows))


def _claims() -> pd.DataFrame:
    specs = [("a1", "about 8,000 soldiers were deployed", "indirect", "Officials", "US", "2024-01-18", None),
             ("a1", "5,000 soldiers were there", "indirect", "Analysts", None, None, None),
             ("a1", "We <b>deny</b> everything", "direct", "envoy", "North", "2024-01-19", "a1-q0"),
             ("b1", "between 2,000 and 4,000 soldiers crossed", "indirect", "The monitor", None, None, None)]
    rows = [{**_at(a, words), "claim_id": f"{a}-c{n}", "sentence_id": _sentence_id(a, TEXTS[a].index(words)),
             "kind": kind, "type": "belief" if who == "Analysts" else "speech", "claimant": who, "affiliation": aff,
             "cue": "said",
             "said_on": pd.Timestamp(said) if said else pd.NaT, "quote_id": quote}
            for n, (a, words, kind, who, aff, said, quote) in enumerate(specs)]
    return schemas.conform("claims", pd.DataFrame(rows))


def _quotes() -> pd.DataFrame:
    row = {**_at("a1", "We <b>deny</b> everything"), "quote_id": "a1-q0", "sentence_id": 2, "kind": "direct",
           "speaker": "envoy", "affiliation": "North", "cue": "said", "said_on": pd.Timestamp("2024-01-19")}
    return schemas.conform("quotes", pd.DataFrame([row]))


def _sentences() -> pd.DataFrame:
    rows = []
    for article, text in TEXTS.items():
        start = 0
        for n, piece in enumerate(text.split(". ")):
            end = start + len(piece) + (0 if start + len(piece) == len(text) else 1)
            rows.append({"article_id": article, "sentence_id": n, "paragraph": 0, "start": start, "end": end,
                         "text": text[start:end]})
            start = end + 1
    return schemas.conform("sentences", pd.DataFrame(rows))


def _articles() -> pd.DataFrame:
    rows = [{"article_id": a, "title": f"Title of {a}", "outlet": "Wire" if a == "a1" else "", "text": t,
             "published": pd.Timestamp(PUBLISHED[a]), "status": "ok"} for a, t in TEXTS.items()]
    return schemas.conform("articles", pd.DataFrame(rows))


def synthetic_corpus() -> SimpleNamespace:
    """An object with the corpus tables the dashboards read (no coverage: that needs `align`)."""
    return SimpleNamespace(articles=_articles(), sentences=_sentences(), quotes=_quotes(), claims=_claims(),
                           estimates=_estimates())
