"""quotes_and_claims: ids, links, sentence ids and offsets from an attributions frame."""
import pandas as pd

from analysis import extract_attributions
from analysis.claims import quotes_and_claims
from analysis.sentences import split_sentences

TEXT = "The mayor said the road was open. “It is safe,” she said. Officials called it “a relief” for drivers."


def test_ids_links_and_offsets():
    quotes, claims = quotes_and_claims("a1", TEXT, split_sentences(TEXT), extract_attributions(TEXT))
    assert claims["claim_id"].tolist() == [f"a1-c{n:03d}" for n in range(len(claims))]
    assert quotes["quote_id"].tolist() == [f"a1-q{n:03d}" for n in range(len(quotes))]
    assert set(claims["quote_id"].dropna()) == set(quotes["quote_id"])
    for frame in (quotes, claims):
        for r in frame.itertuples():
            assert TEXT[r.start:r.end] == r.text
    assert claims.set_index("text").loc["It is safe,", "sentence_id"] == 1
    assert claims.set_index("text").loc["It is safe,", "claimant"] == "mayor"


def test_no_attributions_gives_empty_tables_with_columns():
    empty = extract_attributions("Nothing here.")
    quotes, claims = quotes_and_claims("a1", "Nothing here.", split_sentences("Nothing here."), empty)
    assert quotes.empty and claims.empty and "claim_id" in claims and "quote_id" in quotes
    assert isinstance(claims, pd.DataFrame)
