"""Story elements across sources: which claims, quotes and sentences report the same thing.

Members are the claims of each article (direct and indirect; partial quotes live inside them)
and the sentences no claim covers (the outlet's own voice). Each member is linked to its most
similar member in every other article of its block when the cosine similarity of their TF-IDF
vectors reaches the threshold; linked members form one element (connected components). The
TF-IDF terms are content words cut to their first four letters, and their bigrams, so "usage"
and "use", "Russia" and "Russian" meet; a claim's claimant is part of its text.

Scale: members are only compared within blocks of articles published close together
(`window_days`), so 10,000 articles never make 10,000² comparisons.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components
from scipy.sparse import coo_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from . import schemas
from .articles import source_names

DEFAULT_THRESHOLD = 0.25
STEM_CHARS = 4            # words cut to their first letters: "usage"/"use", "Russian"/"Russia" meet
WORD = re.compile(r"[a-z0-9]+")
MIN_MEMBER_WORDS = 6      # shorter claims ("confirmed the visit") are compared by their sentence
WINDOW_DAYS = 3
LABEL_CHARS = 60


@dataclass(frozen=True)
class Members:
    frame: pd.DataFrame   # one row per member, coverage columns
    compare: list[str]    # the text each member is compared by


def stems(text: str) -> list[str]:
    """Truncated content words and their bigrams: a fast, language-light stand-in for stemming."""
    words = [w[:STEM_CHARS] for w in WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def _overlaps_claim(sentences: pd.DataFrame, claims: pd.DataFrame) -> np.ndarray:
    """Sentences that share characters with a claim (a quotation may run over several sentences)."""
    hit = np.zeros(len(sentences), dtype=bool)
    spans = claims.groupby("article_id")[["start", "end"]].agg(list)
    for k, (article, start, end) in enumerate(zip(sentences["article_id"], sentences["start"], sentences["end"])):
        if article in spans.index:
            starts, ends = spans.loc[article]
            hit[k] = any(s < end and start < e for s, e in zip(starts, ends))
    return hit


def members(corpus) -> Members:
    claims = corpus.claims[corpus.claims["kind"] != "partial"]
    sentences = corpus.sentences
    text_of = dict(zip(zip(sentences["article_id"], sentences["sentence_id"]), sentences["text"]))
    claim_rows = claims.assign(member=np.where(claims["quote_id"].notna(), "quote", "claim"))
    own_voice = sentences[~_overlaps_claim(sentences, claims)]
    frame = pd.concat([
        claim_rows[["article_id", "member", "claim_id", "quote_id", "sentence_id", "start", "end", "text", "claimant"]],
        own_voice.assign(member="sentence")[["article_id", "member", "sentence_id", "start", "end", "text"]],
    ], ignore_index=True).sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)
    compare = [
        str(t) if len(str(t).split()) >= MIN_MEMBER_WORDS else str(text_of.get((a, s), t))
        for a, s, t in zip(frame["article_id"], frame["sentence_id"], frame["text"])
    ]
    compare = [f"{c} {w}" if isinstance(w, str) else c for c, w in zip(compare, frame.get("claimant", []))]
    return Members(frame, compare)


def _blocks(articles: pd.DataFrame, window_days: int) -> list[list[str]]:
    """Groups of article ids published within overlapping windows; undated articles go with every block."""
    dated = articles.dropna(subset=["published"]).sort_values("published")
    undated = articles.loc[articles["published"].isna(), "article_id"].tolist()
    if dated.empty:
        return [undated]
    days = (dated["published"] - dated["published"].min()).dt.days.to_numpy()
    ids = dated["article_id"].to_numpy()
    blocks = []
    for start in range(0, int(days.max()) + 1, window_days):
        inside = ids[(days >= start) & (days < start + 2 * window_days)]
        if len(inside):
            blocks.append(list(inside) + undated)
    return blocks


def _best_links(vectors, article_codes: np.ndarray, rows: np.ndarray, threshold: float):
    """For each member in `rows`, its most similar member of every other article, when above threshold."""
    sims = (vectors[rows] @ vectors[rows].T).tocoo()
    keep = (sims.data >= threshold) & (article_codes[rows][sims.row] != article_codes[rows][sims.col])
    r, c, v = sims.row[keep], sims.col[keep], sims.data[keep]
    if not len(v):
        return []
    pairs = pd.DataFrame({"a": rows[r], "b": rows[c], "art": article_codes[rows][c], "sim": v})
    best = pairs.sort_values("sim", ascending=False).drop_duplicates(["a", "art"])
    return list(best[["a", "b", "sim"]].itertuples(index=False, name=None))


def _label(text: str) -> str:
    """The element's most typical member (best matched, then shortest), cut to a readable length."""
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def align(corpus, threshold: float = DEFAULT_THRESHOLD, window_days: int = WINDOW_DAYS):
    """(coverage, discrepancies) tables for the corpus."""
    from .discrepancies import find_discrepancies

    found = members(corpus)
    frame = found.frame
    if frame.empty:
        return schemas.conform("coverage", frame), schemas.empty_frame("discrepancies")
    vectors = TfidfVectorizer(analyzer=stems, sublinear_tf=True, dtype=np.float32).fit_transform(found.compare)
    codes, _ = pd.factorize(frame["article_id"])
    row_of = frame.groupby("article_id").indices
    links = []
    for block in _blocks(corpus.articles[corpus.articles["status"] != "error"], window_days):
        rows = np.concatenate([row_of[a] for a in block if a in row_of]) if block else np.array([], int)
        if len(rows):
            links += _best_links(vectors, codes, np.sort(rows), threshold)
    n = len(frame)
    a, b, sim = (np.array(x) for x in zip(*links)) if links else (np.array([], int),) * 2 + (np.array([]),)
    _, component = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    best = pd.Series(sim, index=a).groupby(level=0).max() if len(a) else pd.Series(dtype=float)
    frame = frame.assign(component=component, similarity=frame.index.map(best).astype("Float64"))
    frame = _number_elements(frame)
    frame["outlet"] = frame["article_id"].map(source_names(corpus.articles))
    coverage = schemas.conform("coverage", frame.drop(columns=["component", "claimant"], errors="ignore"))
    return coverage, find_discrepancies(corpus, coverage)


def _number_elements(frame: pd.DataFrame) -> pd.DataFrame:
    """Stable element ids: elements carried by more sources first, then in text order."""
    groups = frame.groupby("component")
    key = pd.DataFrame({"n_sources": groups["article_id"].nunique(), "first": groups["article_id"].min(),
                        "start": groups["start"].min()}).sort_values(["n_sources", "first", "start"],
                                                                      ascending=[False, True, True])
    ids = {c: f"E{n:04d}" for n, c in enumerate(key.index)}
    ranked = frame.assign(_sim=frame["similarity"].fillna(0), _len=frame["text"].str.len())
    best = ranked.sort_values(["component", "_sim", "_len"], ascending=[True, False, True]).drop_duplicates("component")
    labels = best.set_index("component")["text"].map(_label)
    return frame.assign(element_id=frame["component"].map(ids), label=frame["component"].map(labels)) \
        .sort_values(["element_id", "article_id", "start"], kind="stable").reset_index(drop=True)


def coverage_matrix(coverage: pd.DataFrame) -> pd.DataFrame:
    """Element × source: how many members of each element each source carries."""
    return (coverage.pivot_table(index=["element_id", "label"], columns="outlet", values="start", aggfunc="count",
                                 fill_value=0).sort_index())


def source_counts(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per source: elements it shares with another source and elements only it carries."""
    spread = coverage.groupby("element_id")["outlet"].nunique()
    per = coverage.drop_duplicates(["element_id", "outlet"]).assign(shared=lambda f: f["element_id"].map(spread) > 1)
    return (per.groupby("outlet")["shared"].agg(shared="sum", total="size")
            .assign(unique=lambda f: f["total"] - f["shared"]).astype(int)[["shared", "unique", "total"]])


def speaker_share(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per source and affiliation: how many quotations, and their share of the source's quotations."""
    names = source_names(articles)
    counted = (quotes.assign(outlet=quotes["article_id"].map(names),
                             affiliation=quotes["affiliation"].fillna("unknown"))
               .groupby(["outlet", "affiliation"]).size().rename("quotes").reset_index())
    counted["share"] = counted["quotes"] / counted.groupby("outlet")["quotes"].transform("sum")
    return counted.sort_values(["outlet", "quotes", "affiliation"], ascending=[True, False, True]).reset_index(drop=True)


def quote_variants(coverage: pd.DataFrame, element_id: str) -> pd.DataFrame:
    """The wording each source gives for one element's quotations, for side-by-side display."""
    rows = coverage[(coverage["element_id"] == element_id) & (coverage["member"] == "quote")]
    return rows[["outlet", "article_id", "quote_id", "text"]].reset_index(drop=True)
