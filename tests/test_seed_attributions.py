"""Issue acceptance on the seed articles: every quotation with its speaker, roles, resolution, claims.

Each check runs on three sources: `extract_attributions` on the raw seed file (page chrome and
all), `load_corpus()` with the packaged actors file, and `load_corpus()` with an empty actors
file (the extractor must not need it).
"""
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory
from types import SimpleNamespace

import pandas as pd
import pytest

import analysis
from analysis.link.actors import ActorIndex
from analysis.extract.claims import quotes_and_claims
from analysis.paths import SEEDS_DIR
from analysis.text.doc import Doc

SEEDS = {"000": "000_40613c9d9dd8e6a5.txt", "004": "004_e3c5f2dc3c9ba6ec.txt"}
PUBLISHED = pd.Timestamp("2024-10-29")  # seeds/articles.csv: inferred from the wording of both

QUOTES = [  # (article, start of the quotation, speaker): every quotation in the two seeds
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

CLAIMS = [  # (claimant, words inside the claim): reported speech, all of kind `indirect`
    ("KCNA", "Choe left for Moscow on an official visit on Monday"),
    ("Yonhap", "Choe’s agenda could include talks"),
    ("Tass", "North Korean Foreign Minister Choe Son Hui arrived in Russia’s far eastern city"),
    ("Tass", "the visit is part of a strategic dialogue agreement"),
    ("NATO", "North Korean military units had been deployed to Russia"),
    ("United States", "around 10,000 North Korean soldiers are currently in Russia"),
    ("United States", "it would not impose new limits"),
    ("Sabrina Singh", "Some of these soldiers have already been posted in the Kursk region"),
    ("Sabrina Singh", "North Korea would be considered a co-belligerent"),
    ("Lee Seong-kweun", "the Russian military was attempting to teach military terminology"),
]

SAID_ON = [  # (words starting the claim, date): the statement's own date, not a date inside it
    ("around 10,000 North Korean soldiers are currently in Russia", "2024-10-28"),  # "the United States on Monday said"
    ("Choe left for Moscow on an official visit on Monday", "2024-10-29"),  # "said ... KCNA on Tuesday"
    ("the U.S. and South Korean intelligence assertions", "2024-10-22"),  # "said on Oct. 22 that"
    ("North Korean Foreign Minister Choe Son Hui arrived", None),  # "on Tuesday ... on Wednesday" are what Tass said
]


def _raw_tables(article_id: str) -> SimpleNamespace:
    """quotes and claims from `extract_attributions` on the seed file as it is on disk (page chrome and all)."""
    text = (SEEDS_DIR / SEEDS[article_id]).read_text(encoding="utf-8")
    found = analysis.extract_attributions(text, published=PUBLISHED)
    quotes, claims = quotes_and_claims(article_id, text, Doc(text).sentence_table(), found)
    return SimpleNamespace(claims=claims, quotes=quotes, texts={article_id: text})


@cache
def _raw() -> SimpleNamespace:
    parts = [_raw_tables(article_id) for article_id in SEEDS]
    return SimpleNamespace(quotes=pd.concat([p.quotes for p in parts], ignore_index=True),
                           claims=pd.concat([p.claims for p in parts], ignore_index=True),
                           texts={k: v for p in parts for k, v in p.texts.items()})


@cache
def _corpus(empty_actors: bool) -> SimpleNamespace:
    actors = None
    if empty_actors:
        with TemporaryDirectory() as folder:
            empty = Path(folder) / "actors.csv"
            empty.write_text("name,alias,kind,affiliation\n")
            actors = ActorIndex.load(empty)
    corpus = analysis.load_corpus(actors=actors)
    return SimpleNamespace(quotes=corpus.quotes, claims=corpus.claims, sentences=corpus.sentences,
                           texts=dict(zip(corpus.articles["article_id"], corpus.articles["text"])))


SOURCES = {"raw text": _raw, "corpus": lambda: _corpus(False), "corpus, empty actors file": lambda: _corpus(True)}


@pytest.fixture(params=list(SOURCES))
def source(request):
    return SOURCES[request.param]()


@pytest.fixture(params=["corpus", "corpus, empty actors file"])
def corpus(request):
    return SOURCES[request.param]()


def _quote(source, article, opening):
    quotes = source.quotes
    found = quotes[(quotes["article_id"] == article) & quotes["text"].str.startswith(opening)]
    assert len(found) == 1, (article, opening, quotes[["article_id", "text"]])
    return found.iloc[0]


def _claims_with(source, words):
    return source.claims[source.claims["text"].str.contains(words, regex=False)]


@pytest.mark.parametrize("article, opening, speaker", QUOTES, ids=[f"{a}:{o[:30]}" for a, o, _ in QUOTES])
def test_every_quotation_has_its_speaker(source, article, opening, speaker):
    assert _quote(source, article, opening)["speaker"].lower() == speaker.lower()


def test_no_other_quotations(source):
    assert len(source.quotes) == len(QUOTES), source.quotes[["article_id", "speaker", "text"]]


def test_he_said_after_the_three_point_statement_is_rutte(source):
    row = _quote(source, "004", "The deployment of North Korean troops represents")
    assert row["speaker_mention"] == "he" and row["speaker"] == "Mark Rutte"
    assert row["text"].endswith("a dangerous expansion of Russia’s war,")  # all three points, one quotation


def test_said_singh_gives_the_full_name_and_role(source):
    singh = source.claims[source.claims["claimant"] == "Sabrina Singh"]
    assert "US Department of Defense Spokesperson" in set(singh["claimant_role"].dropna())
    row = _quote(source, "000", "If we see DPRK troops")
    assert row["speaker_mention"] == "Singh" and row["kind"] == "direct"


def test_rutte_has_his_role(source):
    roles = source.claims.loc[source.claims["claimant"] == "Mark Rutte", "claimant_role"].dropna()
    assert set(roles) == {"NATO Secretary-General"}


def test_apposition_is_a_role(source):
    lee = source.claims[source.claims["claimant"] == "Lee Seong-kweun"]
    assert lee["claimant_role"].str.contains("member of the South Korea’s parliamentary intelligence committee").any()


def test_the_embassy_is_the_russian_embassy_in_north_korea(source):
    rows = source.claims[source.claims["claimant_mention"].str.lower() == "the embassy"]
    assert len(rows) == 2 and set(rows["claimant"].str.lower()) == {"russian embassy in north korea"}


@pytest.mark.parametrize("claimant, words", CLAIMS, ids=[f"{c}:{w[:25]}" for c, w in CLAIMS])
def test_reported_claims_have_their_claimants(source, claimant, words):
    claims = _claims_with(source, words)
    assert claimant in set(claims["claimant"]), claims[["claimant", "text"]]
    assert set(claims["kind"]) == {"indirect"}


@pytest.mark.parametrize("opening, day", SAID_ON, ids=[o[:30] for o, _ in SAID_ON])
def test_said_on_is_the_day_of_the_statement(source, opening, day):
    rows = source.claims[source.claims["text"].str.startswith(opening)]
    assert len(rows) == 1, rows[["claimant", "text"]]
    said_on = rows.iloc[0]["said_on"]
    assert (pd.isna(said_on) if day is None else said_on == pd.Timestamp(day)), said_on


def test_page_chrome_is_never_a_claim(source):
    assert not source.claims["text"].str.contains("Advertisement|read more|en_US|Cardinal St", regex=True).any()


def test_offsets_reproduce_the_text(source):
    for frame in (source.quotes, source.claims):
        for article_id, start, end, words in zip(frame["article_id"], frame["start"], frame["end"], frame["text"]):
            assert source.texts[article_id][start:end] == words


def test_corpus_quotes_link_to_their_claims_and_sentences(corpus):
    claims = corpus.claims.set_index("claim_id")
    assert set(corpus.quotes["claim_id"]) == set(claims.index[claims["kind"].isin(["direct", "partial"])])
    assert set(claims["quote_id"].dropna()) <= set(corpus.quotes["quote_id"])
    for row in corpus.quotes.itertuples():  # a quote lies inside its claim
        assert claims.at[row.claim_id, "start"] <= row.start < row.end <= claims.at[row.claim_id, "end"]
    sentences = corpus.sentences.set_index(["article_id", "sentence_id"])
    for row in corpus.quotes.itertuples():
        sentence = sentences.loc[(row.article_id, row.sentence_id)]
        assert sentence["start"] <= row.start < sentence["end"]
