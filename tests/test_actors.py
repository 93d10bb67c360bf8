"""Actors: aliases to canonical names, affiliation; the extractor works without the file."""
import pandas as pd

import analysis
from analysis.link.actors import ActorIndex


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


def test_empty_actors_file_leaves_speakers_as_written_and_affiliations_from_the_text(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("name,alias,kind,affiliation\n")
    corpus = analysis.load_corpus(actors=ActorIndex.load(empty))
    claims = corpus.claims
    # without the table an affiliation comes only from the text: a role's possessive ("North Korea’s …")
    told = claims["affiliation"].notna()
    owners = claims["claimant_role"].str.extract(r"^(?:the )?(.+?)(?:'s|’s) ", expand=False)
    by_person = claims.groupby(["article_id", "claimant"])["affiliation"].transform("first")
    assert (claims.loc[told, "affiliation"] == by_person[told]).all()
    assert set(claims.loc[told, "affiliation"]) <= set(owners.dropna())
    assert "Mark Rutte" in set(corpus.quotes["speaker"])
    assert corpus.claims["claimant"].str.contains("embassy", case=False).any()


def test_possessive_and_leading_article_are_ignored():
    frame = pd.DataFrame({"speaker": ["North Korea’s", "the Associated Press", "Russia's"]})
    assert ActorIndex.load().canonicalize(frame, "speaker")["speaker"].tolist() == ["North Korea", "Associated Press", "Russia"]


def test_fuzzy_matching_never_swaps_a_word():
    frame = pd.DataFrame({"speaker": ["Russian Embassy in South Korea", "North Korean National Intelligence Service", "Inis"]})
    out = ActorIndex.load().canonicalize(frame, "speaker")
    assert out["speaker"].tolist() == frame["speaker"].tolist()
    assert out["affiliation"].isna().all()


def test_index_and_missing_values_are_kept():
    frame = pd.DataFrame({"speaker": [None, "DPRK", "Nobody Known"], "n": [1, 2, 3]}, index=[10, 20, 30])
    out = ActorIndex.load().canonicalize(frame, "speaker")
    assert out.index.tolist() == [10, 20, 30] and out["n"].tolist() == [1, 2, 3]
    assert pd.isna(out.loc[10, "speaker"]) and pd.isna(out.loc[10, "affiliation"])
    assert out.loc[20, "speaker"] == "North Korea" and out.loc[30, "affiliation"] is pd.NA


def test_an_empty_frame_gets_the_affiliation_column():
    out = ActorIndex.load().canonicalize(pd.DataFrame({"speaker": pd.Series([], dtype="string")}), "speaker")
    assert list(out.columns) == ["speaker", "affiliation"] and out.empty


def test_a_file_with_nothing_in_it_is_no_actors(tmp_path):
    nothing = tmp_path / "nothing.csv"
    nothing.write_text("")
    out = ActorIndex.load(nothing).canonicalize(pd.DataFrame({"speaker": ["DPRK"]}), "speaker")
    assert out["speaker"].tolist() == ["DPRK"] and out["affiliation"].isna().all()


def test_every_alias_names_one_actor():
    table = ActorIndex.load().table
    assert not table["alias"].str.lower().duplicated().any()
    assert set(table["kind"]) <= {"person", "organisation", "government", "country", "media"}


def test_a_possessive_role_gives_the_affiliation_to_the_persons_rows_in_the_article():
    frame = pd.DataFrame({"article_id": ["a", "a", "a", "b"],
                          "claimant": ["Mari Tamm", "Mari Tamm", "Ann Roe", "Mari Tamm"],
                          "claimant_role": ["Estonia's interior minister", None, "a farmer", None]})
    out = ActorIndex(pd.DataFrame(columns=["name", "alias", "kind", "affiliation"])).canonicalize(
        frame, "claimant", "claimant_role")
    assert out["affiliation"].tolist()[:2] == ["Estonia", "Estonia"]
    assert out["affiliation"].isna().tolist()[2:] == [True, True]  # no possessive; another article
