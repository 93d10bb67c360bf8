"""Story elements across sources: which claims, quotes and sentences report the same thing.

Members are the claims of each article (direct, partial and indirect)
and the sentences no claim covers (the outlet's own voice). Each member is linked to its most
similar member in every other article of its block when the cosine similarity of their TF-IDF
vectors reaches the threshold; linked members form one element (connected components). The
TF-IDF terms are content words cut to their first four letters, and their bigrams, so "usage"
and "use", "Russia" and "Russian" meet; a claim's claimant is part of its text.

The default threshold, 0.25, joins paraphrases that share a few distinctive words ("no additional
restrictions on the usage of weapons" / "would not impose new limits on ... use of weapons") and
keeps apart sentences that only share the story's vocabulary; the notebook exposes it as a slider.

Scale: two blockings keep 10,000 articles from making 10,000² comparisons. Articles are matched
only against articles published in the same or the next `window_days` window (undated ones with
all), and terms found in more than 1% of all members (at least 200) are dropped, so a pair is
scored only when it shares a rarer term: a name, a number, a distinctive phrase.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components
from scipy.sparse import coo_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .. import schemas
from ..ingest.articles import source_names

DEFAULT_THRESHOLD = 0.25
STEM_CHARS = 4            # words cut to their first letters: "usage"/"use", "Russian"/"Russia" meet
WORD = re.compile(r"[a-z0-9]+")
MIN_MEMBER_WORDS = 6      # shorter claims ("confirmed the visit") are compared by their sentence
WINDOW_DAYS = 3
COMMON_SHARE = 0.01       # terms in more members than this share (and COMMON_MIN) are dropped: "said" links
COMMON_MIN = 200          # nothing, and pairs that share only such words are never scored
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
    """Sentences that share characters with a claim (a quotation may run over several sentences).

    Articles are laid end to end on one axis, so one sorted pass answers every sentence: a sentence
    overlaps a claim when some claim starting before its end reaches past its start.
    """
    codes, _ = pd.factorize(pd.concat([sentences["article_id"], claims["article_id"]], ignore_index=True))
    width = int(max(sentences["end"].max(), claims["end"].max())) + 1 if len(claims) else 0
    base = codes.astype(np.int64) * width
    s_start = sentences["start"].to_numpy(np.int64) + base[:len(sentences)]
    s_end = sentences["end"].to_numpy(np.int64) + base[:len(sentences)]
    c_start = claims["start"].to_numpy(np.int64) + base[len(sentences):]
    c_end = claims["end"].to_numpy(np.int64) + base[len(sentences):]
    order = np.argsort(c_start, kind="stable")
    reach = np.maximum.accumulate(c_end[order]) if len(order) else np.zeros(1, np.int64)
    before = np.searchsorted(c_start[order], s_end, side="left")
    return (before > 0) & (reach[np.maximum(before - 1, 0)] > s_start)


def members(corpus) -> Members:
    claims = corpus.claims
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


def term_frequencies(compare: list[str]) -> Counter:
    """How many members each term occurs in."""
    frequency: Counter = Counter()
    for text in compare:
        frequency.update(set(stems(text)))
    return frequency


def inverse_frequencies(frequency: Counter, n: int) -> tuple[dict[str, int], np.ndarray]:
    """The vocabulary (terms in at most `common` of the n members, in sorted order) and their idf, as
    `TfidfVectorizer(max_df=common).fit` sets them: common = max(COMMON_MIN, COMMON_SHARE * n), smooth idf
    ln((1 + n) / (1 + df)) + 1 in float32. Counted first, so they can be counted a month at a time
    (`analysis.link.windows`)."""
    common = max(COMMON_MIN, int(COMMON_SHARE * n))
    terms = sorted(t for t, k in frequency.items() if k <= common)
    df = np.array([frequency[t] for t in terms], dtype=np.float32)
    df += 1.0
    idf = np.full_like(df, fill_value=n + 1, dtype=np.float32)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    return {t: i for i, t in enumerate(terms)}, idf


def vectorizer(vocabulary: dict[str, int], idf: np.ndarray) -> TfidfVectorizer:
    """TF-IDF (sublinear tf, l2 norm, float32) with a given vocabulary and idf: a member's vector does not
    depend on which other members are vectorised with it (and its terms come in vocabulary order)."""
    fitted = TfidfVectorizer(analyzer=stems, sublinear_tf=True, dtype=np.float32,
                             vocabulary=vocabulary or {"": 0})
    fitted.idf_ = idf if len(idf) else np.ones(1, np.float32)
    return fitted


@dataclass(frozen=True)
class Block:
    anchors: list[str]  # articles whose members are matched in this block
    within: list[str]   # the articles they are matched against (anchors included)


def _blocks(articles: pd.DataFrame, window_days: int) -> list[Block]:
    """Anchors published in one window, matched against that window and the next (and undated articles).

    Any two articles published less than `window_days` apart meet in exactly one block; articles
    more than two windows apart never meet. Undated articles are matched against every article.
    """
    dated = articles.dropna(subset=["published"]).sort_values("published")
    undated = articles.loc[articles["published"].isna(), "article_id"].tolist()
    days = (dated["published"] - dated["published"].min()).dt.days.to_numpy()
    ids = dated["article_id"].to_numpy()
    blocks = [Block(list(ids[(days >= start) & (days < start + window_days)]),
                    list(ids[(days >= start) & (days < start + 2 * window_days)]) + undated)
              for start in range(0, int(days.max()) + 1 if len(days) else 0, window_days)]
    if undated:
        blocks.append(Block(undated, list(ids) + undated))
    return [b for b in blocks if b.anchors]


def _best_per_article(a: np.ndarray, b: np.ndarray, sim: np.ndarray, article_codes: np.ndarray):
    """Keep, for each member a, only its most similar member b in each other article."""
    order = np.lexsort((-sim, article_codes[b], a))
    a, b, sim = a[order], b[order], sim[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (article_codes[b][1:] != article_codes[b][:-1])
    return a[first], b[first], sim[first]


def _block_links(vectors, article_codes: np.ndarray, anchors: np.ndarray, within: np.ndarray, threshold: float):
    """(a, b, similarity) of members of different articles at or above the threshold, both ways round."""
    sims = (vectors[anchors] @ vectors[within].T).tocoo()
    a, b = anchors[sims.row], within[sims.col]
    keep = (sims.data >= threshold) & (article_codes[a] != article_codes[b])
    a, b, sim = a[keep], b[keep], sims.data[keep]
    return np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([sim, sim])


def _links(vectors, article_codes: np.ndarray, blocks: list[np.ndarray], threshold: float):
    """Every member's best match in each other article of its blocks, when at or above the threshold."""
    found = [_best_per_article(*_block_links(vectors, article_codes, anchors, within, threshold), article_codes)
             for anchors, within in blocks]
    if not found:
        return np.array([], int), np.array([], int), np.array([], np.float32)
    return _best_per_article(*(np.concatenate(part) for part in zip(*found)), article_codes)


def _label(text: str) -> str:
    """The element's most typical member (best matched, then shortest), cut to a readable length."""
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def _rows(row_of: dict, article_ids: list[str]) -> np.ndarray:
    """The member rows of these articles, in order."""
    return np.sort(np.concatenate([row_of[i] for i in article_ids if i in row_of] or [np.array([], int)]))


def align(corpus, threshold: float = DEFAULT_THRESHOLD, window_days: int = WINDOW_DAYS):
    """(coverage, discrepancies) tables for the corpus."""
    from .discrepancies import find_discrepancies

    found = members(corpus)
    frame = found.frame
    if frame.empty:
        return schemas.conform("coverage", frame), schemas.empty_frame("discrepancies")
    vectors = vectorizer(*inverse_frequencies(term_frequencies(found.compare), len(frame))).transform(found.compare)
    codes, _ = pd.factorize(frame["article_id"])
    row_of = frame.groupby("article_id").indices
    blocks = [(_rows(row_of, b.anchors), _rows(row_of, b.within))
              for b in _blocks(corpus.articles[corpus.articles["status"] != "error"], window_days)]
    a, b, sim = _links(vectors, codes, [(anchors, within) for anchors, within in blocks if len(anchors)], threshold)
    n = len(frame)
    _, component = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    best = pd.Series(sim, index=a).groupby(level=0).max() if len(a) else pd.Series(dtype=float)
    frame = frame.assign(component=component, similarity=frame.index.map(best).astype("Float64"))
    frame = _number_elements(frame)
    frame["outlet"] = frame["article_id"].map(source_names(corpus.articles))
    coverage = schemas.conform("coverage", frame.drop(columns=["component", "claimant"], errors="ignore"))
    return coverage, find_discrepancies(corpus, coverage, getattr(corpus, "lexicon", None))


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


def quote_variants(corpus, element_id: str) -> pd.DataFrame:
    """Every quotation inside one element, as each source words it: full statements and quoted phrases.

    One row per quotation (direct or partial) overlapping a member of the element, with its speaker
    and `shared`: the share of its words that the element's fullest quotation carries too.
    """
    from .wording import shared_share

    members = corpus.coverage[corpus.coverage["element_id"] == element_id]
    pairs = members[["article_id", "outlet", "start", "end"]].merge(
        corpus.quotes[["quote_id", "article_id", "kind", "speaker", "start", "end", "text"]],
        on="article_id", suffixes=("_m", ""))
    inside = pairs[(pairs["start"] < pairs["end_m"]) & (pairs["end"] > pairs["start_m"])]
    quoted = inside.drop_duplicates("quote_id").sort_values(["article_id", "start"]).reset_index(drop=True)
    fullest = quoted["text"].loc[quoted["text"].str.len().idxmax()] if len(quoted) else ""
    return quoted.assign(shared=[shared_share(t, fullest) for t in quoted["text"]])[
        ["outlet", "article_id", "quote_id", "kind", "speaker", "start", "end", "text", "shared"]]
