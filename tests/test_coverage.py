"""Coverage alignment on the seeds (issue acceptance), on naive sentence-only corpora, and blocking by date."""
from types import SimpleNamespace

import pandas as pd
import pytest

import analysis
from analysis import schemas
from analysis.link.coverage import _blocks, align, coverage_matrix, quote_variants, source_counts, speaker_share


@pytest.fixture(scope="module")
def corpus():
    return analysis.load_corpus()


def sources_of(corpus, words):
    """The articles of the element(s) holding a member with these words."""
    cov = corpus.coverage
    elements = set(cov.loc[cov["text"].str.contains(words, regex=False), "element_id"])
    assert elements, words
    return [sorted(cov.loc[cov["element_id"] == e, "article_id"].unique()) for e in sorted(elements)]


@pytest.mark.parametrize("words", [
    "Matsegora saw off Choe at the airport",
    "Ambassador Matsegora met at Pyongyang International Airport",
    "it represents “a significant escalation”",
    "the move represents “a significant escalation”",
    "no additional restrictions on the usage of weapons",
    "would not impose new limits on Ukraine’s use of American weapons",
])
def test_elements_shared_by_both_articles(corpus, words):
    assert sources_of(corpus, words) == [["000", "004"]]


@pytest.mark.parametrize("words, article", [
    ("co-belligerent", "000"),
    ("Choe’s agenda could include talks", "000"),
    ("around 10,000 North Korean soldiers are currently in Russia", "000"),
    ("was teaching the North Korean military", "004"),
    ("some 4,000 workers", "004"),
    ("groundless rumors", "004"),
])
def test_elements_of_one_article_alone(corpus, words, article):
    assert all(s == [article] for s in sources_of(corpus, words))


def test_month_of_the_visit_is_a_discrepancy(corpus):
    months = corpus.discrepancies.query("field == 'month'")
    by_article = months.groupby("article_id")["value"].agg(set)
    assert "July" in by_article["000"] and by_article["004"] == {"June"}
    element = months["element_id"].iloc[0]
    texts = corpus.coverage.query("element_id == @element")["text"]
    assert texts.str.contains("Putin").all() or texts.str.contains("visit").all()


def test_discrepancy_offsets_point_at_the_value(corpus):
    texts = corpus.articles.set_index("article_id")["text"]
    for row in corpus.discrepancies.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text


def test_matrix_and_counts_agree(corpus):
    matrix = coverage_matrix(corpus.coverage)
    counts = source_counts(corpus.coverage)
    assert list(matrix.columns) == ["000", "004"]
    assert ((matrix > 0).sum() == counts["total"]).all()
    both = ((matrix > 0).sum(axis=1) == 2).sum()
    assert (counts["shared"] == both).all()


def test_higher_threshold_gives_fewer_shared_elements(corpus):
    strict, _ = align(corpus, threshold=0.9)
    loose, _ = align(corpus)
    shared = lambda cov: (cov.groupby("element_id")["article_id"].nunique() > 1).sum()  # noqa: E731
    assert shared(strict) < shared(loose)


def test_speaker_share_sums_to_one_per_source(corpus):
    share = speaker_share(corpus.quotes, corpus.articles)
    assert share.groupby("outlet")["share"].sum().round(6).eq(1).all()
    assert "NATO" in set(share["affiliation"])


def test_quote_variants_set_the_full_statement_beside_its_phrases(corpus):
    cov = corpus.coverage
    element = cov.loc[cov["text"].str.contains("the move represents", regex=False), "element_id"].iloc[0]
    variants = quote_variants(corpus, element)
    phrases = variants[variants["article_id"] == "000"]
    assert set(phrases["kind"]) == {"partial"} and len(phrases) == 2
    full = variants[(variants["article_id"] == "004") & (variants["kind"] == "direct")]
    assert full["text"].str.contains("ongoing involvement").all()
    assert (phrases["shared"] == 1.0).all() and variants["speaker"].eq("Mark Rutte").all()


def test_undated_articles_are_compared_with_every_block(corpus):
    undated = corpus.articles.assign(published=pd.NaT)
    moved = type(corpus)(articles=undated, sentences=corpus.sentences, quotes=corpus.quotes, claims=corpus.claims,
                         estimates=corpus.estimates)
    assert (moved.coverage.groupby("element_id")["article_id"].nunique() > 1).any()


def test_articles_far_apart_in_time_are_not_compared(corpus):
    apart = corpus.articles.assign(published=[pd.Timestamp("2024-01-01"), pd.Timestamp("2024-06-01")])
    moved = type(corpus)(articles=apart, sentences=corpus.sentences, quotes=corpus.quotes, claims=corpus.claims,
                         estimates=corpus.estimates)
    assert (moved.coverage.groupby("element_id")["article_id"].nunique() == 1).all()


def naive_corpus(texts: dict[str, str], published: dict[str, str | None]) -> SimpleNamespace:
    """Articles split at ". " into sentences, with no claims, quotes or estimates."""
    sentences = []
    for article, text in texts.items():
        start = 0
        for n, piece in enumerate(text.split(". ")):
            sentences.append({"article_id": article, "sentence_id": n, "paragraph": 0, "start": start,
                              "end": start + len(piece), "text": piece})
            start += len(piece) + 2
    articles = pd.DataFrame({"article_id": list(texts), "outlet": [f"Outlet {a}" for a in texts],
                             "published": [pd.Timestamp(published[a]) if published[a] else pd.NaT for a in texts],
                             "text": list(texts.values()), "status": "ok"})
    return SimpleNamespace(articles=articles, sentences=schemas.conform("sentences", pd.DataFrame(sentences)),
                           **{name: schemas.empty_frame(name) for name in ("quotes", "claims", "estimates")})


NAIVE = {
    "x": "The harbour bridge reopened to traffic on Friday after repairs. The mayor thanked the engineers. "
         "Tolls will stay at two euros",
    "y": "After months of repairs the harbour bridge has reopened to traffic. Cyclists complained about the new lanes",
}


def test_a_report_two_articles_share_is_one_element_the_rest_their_own():
    cov, _ = align(naive_corpus(NAIVE, {"x": "2024-05-03", "y": "2024-05-04"}))
    bridge = cov[cov["text"].str.contains("reopened")]
    assert bridge["element_id"].nunique() == 1 and set(bridge["article_id"]) == {"x", "y"}
    alone = cov[~cov["text"].str.contains("reopened")]
    assert (alone.groupby("element_id")["article_id"].nunique() == 1).all() and len(alone) == 3
    label = bridge["label"].iloc[0]
    assert any(text.startswith(label.rstrip("…")) for text in bridge["text"]) and len(label) <= 61
    for row in cov.itertuples():
        assert NAIVE[row.article_id][row.start:row.end] == row.text


def test_articles_published_far_apart_do_not_meet():
    cov, _ = align(naive_corpus(NAIVE, {"x": "2024-05-03", "y": "2024-07-04"}))
    assert (cov.groupby("element_id")["article_id"].nunique() == 1).all()


def test_blocks_compare_neighbours_in_time_not_every_pair():
    days = range(0, 120, 2)
    articles = pd.DataFrame({"article_id": [f"a{d}" for d in days] + ["undated"],
                             "published": [pd.Timestamp("2024-01-01") + pd.Timedelta(days=d) for d in days] + [pd.NaT]})
    blocks = _blocks(articles, window_days=4)
    met = {(a, b) for block in blocks for a in block.anchors for b in block.within}
    met |= {(b, a) for a, b in met}
    assert ("a0", "a2") in met and ("a10", "a12") in met          # 2 days apart: always compared
    assert ("a0", "a20") not in met and ("a0", "a100") not in met   # weeks apart: never
    assert all(("undated", a) in met for a in articles["article_id"])
    assert len(met) < len(articles) ** 2 / 4
    assert sorted(a for block in blocks for a in block.anchors) == sorted(articles["article_id"])


# --- linking a month and a date window at a time gives the same tables ---------------------------

@pytest.fixture(scope="module")
def replicated(tmp_path_factory):
    """The seeds copied 24 times by three outlets, a day apart (two undated): elements that chain across
    date windows and months, and discrepancies between copies."""
    import json
    from analysis.paths import PROJECT_DIR

    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_DIR / "tests" / "data" / "seeds").glob("*.txt"))]
    rows = [{"id": f"r{i:03d}", "text": texts[i % 2] + f"\n\nCopy {i}.", "outlet": "ABC"[i % 3],
             "published": None if i % 11 == 5 else str(pd.Timestamp("2024-10-20") + pd.Timedelta(days=i))[:10]}
            for i in range(24)]
    dump = tmp_path_factory.mktemp("replicated") / "copies.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return analysis.load_corpus(dump)


def assert_same_tables(expected, found):
    for a, b in zip(expected, found):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_windowed_linking_gives_the_tables_of_linking_in_memory(corpus, replicated):
    from analysis.link.windows import align_windowed, months

    assert len(months(replicated)) == 3  # October, November and the undated articles
    expected = align(replicated)
    assert expected[0]["element_id"].nunique() < len(expected[0]) and len(expected[1]) > 0  # something to compare
    assert expected[0].groupby("element_id")["article_id"].nunique().max() > 6  # elements span several windows
    assert_same_tables(expected, align_windowed(replicated))
    assert_same_tables(align(corpus), align_windowed(corpus))
    assert_same_tables(align(replicated, threshold=0.6), align_windowed(replicated, threshold=0.6))


def test_windowed_linking_as_dask_tasks(replicated):
    from distributed import Client, LocalCluster
    from analysis.link.windows import align_windowed, dask_runner

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        assert_same_tables(align(replicated), align_windowed(replicated, run=dask_runner(client)))


def test_a_store_is_linked_from_its_files(replicated, tmp_path):
    from analysis.store import build_store, open_store

    build_store([replicated.articles], tmp_path / "store", link="no")
    store = open_store(tmp_path / "store")
    assert not store.manifest["linked"]
    assert_same_tables(align(replicated), (store.coverage, store.discrepancies))
    assert not {"articles", "claims", "sentences"} & set(vars(store))  # read a month at a time, not loaded whole


def test_linking_writes_the_coverage_rows_a_month_at_a_time(replicated, tmp_path):
    """What a build does: each month's coverage rows go to their own file (with their place in the table), and
    one out-of-core sort makes the table `align` gives; this process never holds the coverage as one frame."""
    from analysis.link.windows import link_windowed, months
    from analysis.store.dataset import read_table

    linked = link_windowed(replicated, str(tmp_path))
    assert len(linked.parts) == len(months(replicated)) == 3
    month_of = dict(zip(replicated.articles["article_id"], replicated.articles["published"].dt.strftime("%Y-%m")))
    for part in linked.parts:  # one month's articles per file
        assert len({month_of[a] for a in pd.read_parquet(part)["article_id"]}) == 1
    rows = linked.write_coverage(str(tmp_path / "coverage.parquet"))
    coverage = schemas.conform("coverage", read_table(tmp_path, "coverage", ["coverage.parquet"]))  # a store's read
    expected = align(replicated)
    assert rows == len(expected[0])
    assert_same_tables(expected, (coverage, linked.discrepancies))
