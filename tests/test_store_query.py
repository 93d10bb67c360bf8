"""The claims explorer's search through DuckDB: each text's bits (`text_bits`) only narrow what `contains` reads, so
a search finds what pandas finds, counts it the same and shows the same first claims."""
import random
from types import SimpleNamespace

import pandas as pd
import pyarrow as pa
import pytest

from analysis import schemas
from analysis.store import query

WORDS = ["President", "president's", "Trump", "tariffs", "North Korea", "troops", "said", "Zelensky", "Élysée",
         "naïve", "Kyiv", "%", "100%", "under_score", "a", "to", "the", "—", "déjà vu", "Moscow,", "  "]
NEEDLES = ["president", "PRESIDENT", "resident", "trump", "tariff", "north korea", "h kor", "troops", "élysée",
           "ÉLYSÉE", "naïve", "déjà", "%", "0%", "_", "the", "he", "a", "  ", "—", "moscow,", "w,", "s t", "zzz",
           "kyiv troops", "said president"]


def naive_bits(text: str) -> int:
    """The bits `text_bits` gives a text, one run at a time (without the runs into the next text)."""
    data, bits = text.encode(), 0
    for i in range(len(data) - 2):
        run = data[i:i + 3]
        if b" " not in run:
            bits |= 1 << (int.from_bytes(run, "little") * int(query.HASH) % 2**32 >> 25)
    return bits


def as_int(row) -> int:
    return int(row[0]) | int(row[1]) << 64


def random_texts(count: int, seed: int = 14) -> list[str | None]:
    rng = random.Random(seed)
    texts = [" ".join(rng.choices(WORDS, k=rng.randint(0, 30))) for _ in range(count)]
    return texts + ["", None, "ab", "president", "x" * 5000]


@pytest.mark.parametrize("chunk", [3, query.CHUNK])
def test_text_bits_hold_every_run_of_each_text(monkeypatch, chunk):
    monkeypatch.setattr(query, "CHUNK", chunk)  # chunks of 3 texts: the runs at each chunk's end
    texts = random_texts(400)
    for array in (pa.array(texts), pa.array(texts, pa.large_string()).slice(7)):
        bits = query.text_bits(array)
        assert bits.shape == (len(array), 2)
        for text, row in zip(array.to_pylist(), bits):
            expected = naive_bits(text or "")
            assert as_int(row) & expected == expected
            for needle in NEEDLES:
                if text is not None and needle in text:
                    assert as_int(row) & query.search_bits(needle) == query.search_bits(needle)


def test_search_bits_test_nothing_without_a_run_of_three():
    assert query.search_bits("ab") == query.search_bits("a b c") == query.search_bits("") == 0
    assert query.search_bits("president") == naive_bits("president") > 0
    assert query.search_bits("north korea") == naive_bits("north") | naive_bits("korea")


@pytest.fixture(scope="module")
def corpus():
    """3,000 claims of random words over 30 articles, a few of them with no text."""
    texts = random_texts(3000)
    rng = random.Random(5)
    claims = pd.DataFrame({
        "claim_id": [f"a{i % 30:02d}-c{i:05d}" for i in range(len(texts))],
        "article_id": [f"a{i % 30:02d}" for i in range(len(texts))],
        "kind": rng.choices(["direct", "partial", "indirect"], k=len(texts)),
        "type": rng.choices(["speech", "belief"], k=len(texts)),
        "claimant": rng.choices(["Donald Trump", "the President", None], k=len(texts)),
        "text": texts})
    articles = pd.DataFrame({"article_id": [f"a{i:02d}" for i in range(30)],
                             "outlet": [f"outlet{i % 4}" for i in range(30)],
                             "published": pd.date_range("2024-01-01", periods=30, freq="7D")})
    return SimpleNamespace(claims=schemas.conform("claims", claims), articles=schemas.conform("articles", articles))


def pandas_search(corpus, needle: str, **filters) -> pd.Series:
    """The claim ids whose text holds `needle`, case-blind, as pandas finds them, in claim order."""
    claims = corpus.claims
    keep = claims["text"].fillna("").str.lower().str.contains(needle.lower(), regex=False)
    if "kind" in filters:
        keep &= claims["kind"] == filters["kind"]
    return claims.loc[keep, "claim_id"].sort_values().reset_index(drop=True)


@pytest.mark.parametrize("filters", [{}, {"kind": "direct"}])
def test_search_finds_counts_and_orders_what_pandas_does(corpus, monkeypatch, filters):
    copied = query.ClaimsQuery(corpus)
    monkeypatch.setattr(query, "IN_MEMORY_ROWS", 0)
    read = query.ClaimsQuery(corpus)  # no copy, no bits: `contains` over every text
    assert copied.has_text_bits and not read.has_text_bits
    for needle in NEEDLES:
        expected = pandas_search(corpus, needle, **filters)
        for q in (copied, read):
            found, rows = q.filter(limit=50, search=needle, **filters)
            assert found == len(expected), needle
            assert rows["claim_id"].tolist() == expected.head(50).tolist(), needle
            assert q.filter(search=needle, **filters)[1]["claim_id"].tolist() == expected.tolist(), needle


def test_the_explorer_opens_on_a_corpus_without_claims():
    empty = SimpleNamespace(claims=schemas.empty_frame("claims"), articles=schemas.empty_frame("articles"))
    found, rows = query.ClaimsQuery(empty).filter(search="troops", kind="direct")
    assert found == 0 and rows.empty
