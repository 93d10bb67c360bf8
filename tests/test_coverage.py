"""Coverage alignment on the seeds (issue acceptance), the helpers, and blocking by date."""
import pandas as pd
import pytest

import analysis
from analysis.coverage import align, coverage_matrix, quote_variants, source_counts, speaker_share
from analysis.wording import diff_html, shared_share, word_diff


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


def test_quote_variants_lists_each_sources_wording(corpus):
    cov = corpus.coverage
    element = cov.loc[cov["text"].str.contains("Ambassador Matsegora met", regex=False), "element_id"].iloc[0]
    variants = quote_variants(cov, element)
    assert variants["text"].str.contains("Pyongyang International Airport").any()


def test_word_diff_shows_what_one_source_left_out():
    full = "one, a significant escalation in North Korea’s ongoing involvement in Russia’s illegal war"
    short = "a significant escalation in North Korea’s involvement"
    diff = word_diff(short, full)
    assert "ongoing" in " ".join(diff.loc[diff["op"] == "insert", "b"])
    assert shared_share(short, full) == 1.0
    assert "<ins>" in diff_html(short, full) and "&lt;" in diff_html("<b>", "x")


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
