"""Issue acceptance on the seed articles: every quotation with its speaker, roles, resolution, claims."""
import pandas as pd
import pytest

import analysis
from analysis.actors import ActorIndex

QUOTES = [  # (article, start of the quotation, speaker)
    ("000", "The visit of the head of the DPRK Foreign Ministry", "Russian Embassy in North Korea"),
    ("000", "a significant escalation", "Mark Rutte"),
    ("000", "a dangerous expansion of Russia’s war", "Mark Rutte"),
    ("000", "If we see DPRK troops moving in towards the front lines", "Sabrina Singh"),
    ("004", "On October 28, Ambassador Matsegora met at Pyongyang International Airport", "Russian Embassy in North Korea"),
    ("004", "Today, I can confirm that North Korean troops have been sent to Russia", "Mark Rutte"),
    ("004", "a significant escalation", "Mark Rutte"),
    ("004", "a dangerous expansion of Russia’s war", "Mark Rutte"),
    ("004", "The deployment of North Korean troops represents: one", "Mark Rutte"),
    ("004", "The Russian military was teaching the North Korean military", "Lee Seong-kweun"),
    ("004", "groundless rumors", "North Korean representative to the United Nations in New York"),
]


@pytest.fixture(scope="module", params=["actors", "no actors"])
def corpus(request, tmp_path_factory):
    if request.param == "actors":
        return analysis.load_corpus()
    empty = tmp_path_factory.mktemp("actors") / "empty.csv"
    empty.write_text("name,alias,kind,affiliation\n")
    return analysis.load_corpus(actors=ActorIndex.load(empty))


def _quote(corpus, article, opening):
    found = corpus.quotes[(corpus.quotes["article_id"] == article) & corpus.quotes["text"].str.startswith(opening)]
    assert len(found) == 1, (article, opening, corpus.quotes[["article_id", "text"]])
    return found.iloc[0]


@pytest.mark.parametrize("article, opening, speaker", QUOTES, ids=[f"{a}:{o[:30]}" for a, o, _ in QUOTES])
def test_every_quotation_has_its_speaker(corpus, article, opening, speaker):
    assert _quote(corpus, article, opening)["speaker"].lower() == speaker.lower()


def test_no_other_quotations(corpus):
    assert len(corpus.quotes) == len(QUOTES), corpus.quotes[["article_id", "speaker", "text"]]


def test_he_said_after_the_three_point_statement_is_rutte(corpus):
    row = _quote(corpus, "004", "The deployment of North Korean troops represents")
    assert row["speaker_mention"] == "he" and row["speaker"] == "Mark Rutte"


def test_said_singh_gives_the_full_name_and_role(corpus):
    singh = corpus.claims[corpus.claims["claimant"] == "Sabrina Singh"]
    assert "US Department of Defense Spokesperson" in set(singh["claimant_role"])
    row = _quote(corpus, "000", "If we see DPRK troops")
    assert row["speaker_mention"] == "Singh"


def test_rutte_has_his_role(corpus):
    roles = corpus.claims.loc[corpus.claims["claimant"] == "Mark Rutte", "claimant_role"].dropna()
    assert set(roles) == {"NATO Secretary-General"}


def test_apposition_is_a_role(corpus):
    lee = corpus.claims[corpus.claims["claimant"] == "Lee Seong-kweun"]
    assert lee["claimant_role"].str.contains("member of the South Korea’s parliamentary intelligence committee").any()


@pytest.mark.parametrize("claimant, words", [
    ("KCNA", "Choe left for Moscow on an official visit on Monday"),
    ("Yonhap", "Choe’s agenda could include talks"),
    ("Tass", "North Korean Foreign Minister Choe Son Hui arrived in Russia’s far eastern city"),
    ("Tass", "the visit is part of a strategic dialogue agreement"),
    ("NATO", "North Korean military units had been deployed to Russia"),
    ("United States", "around 10,000 North Korean soldiers are currently in Russia"),
    ("United States", "it would not impose new limits"),
])
def test_reported_claims_have_their_claimants(corpus, claimant, words):
    claims = corpus.claims[corpus.claims["text"].str.contains(words, regex=False)]
    assert claimant in set(claims["claimant"]), claims[["claimant", "text"]]
    assert set(claims["kind"]) == {"indirect"}


def test_us_statement_on_monday_is_dated(corpus):
    us = corpus.claims[corpus.claims["text"].str.startswith("around 10,000 North Korean soldiers")]
    assert us.iloc[0]["said_on"] == pd.Timestamp("2024-10-28")


def test_quotes_link_to_their_claims(corpus):
    linked = corpus.claims.dropna(subset=["quote_id"])
    assert set(linked["quote_id"]) == set(corpus.quotes["quote_id"])
