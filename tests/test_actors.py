"""Actors: aliases to canonical names, affiliation; the extractor works without the file."""
import pandas as pd

import analysis
from analysis.actors import ActorIndex


def test_aliases_canonicalise():
    actors = ActorIndex.load()
    frame = pd.DataFrame({"speaker": ["DPRK", "the Pentagon", "Russian embassy in North Korea", "Volodymyr Zelenskiy", "Jane Doe", None]})
    out = actors.canonicalize(frame, "speaker")
    assert out["speaker"].tolist()[:5] == ["North Korea", "US Department of Defense", "Russian Embassy in North Korea",
                                           "Volodymyr Zelensky", "Jane Doe"]
    assert pd.isna(out["speaker"].iloc[5])
    assert out["affiliation"].tolist()[:3] == ["North Korea", "United States", "Russia"]
    assert pd.isna(out["affiliation"].iloc[4])


def test_a_users_file_extends_or_replaces(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("name,alias,kind,affiliation\nAcme Corp,Acme,organisation,Nowhere\n")
    frame = pd.DataFrame({"speaker": ["Acme", "DPRK"]})
    assert ActorIndex.load(extra, extend=True).canonicalize(frame, "speaker")["speaker"].tolist() == ["Acme Corp", "North Korea"]
    assert ActorIndex.load(extra).canonicalize(frame, "speaker")["speaker"].tolist() == ["Acme Corp", "DPRK"]


def test_empty_actors_file_leaves_speakers_as_written(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("name,alias,kind,affiliation\n")
    corpus = analysis.load_corpus(actors=ActorIndex.load(empty))
    assert corpus.claims["affiliation"].isna().all()
    assert "Mark Rutte" in set(corpus.quotes["speaker"])
    assert corpus.claims["claimant"].str.contains("embassy", case=False).any()
