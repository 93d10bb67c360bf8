"""Estimates: every numeric form in the case table, what is not an estimate, derived figures, seeds."""
import math

import pandas as pd
import pytest

import analysis
from analysis.estimates import extract_estimates
from analysis.paths import PROJECT_DIR
from analysis.sentences import split_sentences

CASES = pd.read_csv(PROJECT_DIR / "tests" / "data" / "estimate_cases.csv", dtype={"qualifier": str}, keep_default_na=False)
NOT_ESTIMATES = pd.read_csv(PROJECT_DIR / "tests" / "data" / "not_estimate_cases.csv")


def estimates_of(text, claims=None):
    from analysis import schemas
    claims = schemas.empty_frame("claims") if claims is None else claims
    return extract_estimates("t", text, split_sentences(text), claims)


def same(actual, expected: str) -> bool:
    if expected == "":
        return actual is None or pd.isna(actual)
    return pd.notna(actual) and math.isclose(float(actual), float(expected))


def test_the_case_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES.to_dict("records"), ids=[c[:40] for c in CASES["sentence"]])
def test_case_table(case):
    rows = estimates_of(case["sentence"])
    first = rows[~rows["derived"]].iloc[0]
    assert first["text"] == case["text"]
    assert same(first["value"], case["value"]), first["value"]
    assert same(first["low"], case["low"]) and same(first["high"], case["high"]), (first["low"], first["high"])
    assert first["category"] == case["category"]
    assert (first["qualifier"] if pd.notna(first["qualifier"]) else "") == case["qualifier"].lower()
    assert bool(first["approximate"]) == bool(case["qualifier"] in ("about", "around", "some", "roughly", "nearly",
                                                                     "an estimated", "approximately", "almost",
                                                                     "close to") or case["value"] == ""
                                              or case["low"] != case["high"] and case["low"] and case["high"])


@pytest.mark.parametrize("case", NOT_ESTIMATES.to_dict("records"), ids=list(NOT_ESTIMATES["why"]))
def test_numbers_that_are_not_estimates(case):
    rows = estimates_of(case["sentence"])
    assert not (rows["category"] == "troops").any()
    assert rows.empty, rows[["text", "unit", "category"]]


@pytest.mark.parametrize("sentence, derived_value, derivation", [
    ("Tripling the estimate it had last week, the agency said 9,000 troops were there.", 3000, "Tripling the estimate it had last week"),
    ("The number of soldiers doubled to 6,000 troops, officials said.", 3000, "doubled to 6,000 troops"),
    ("Officials now count 5,000 soldiers, up from 3,000 in May.", 3000, "up from 3,000"),
])
def test_relative_wording_adds_a_derived_earlier_figure(sentence, derived_value, derivation):
    rows = estimates_of(sentence)
    derived = rows[rows["derived"]]
    assert len(derived) == 1
    assert derived.iloc[0]["value"] == pytest.approx(derived_value)
    assert derived.iloc[0]["derivation"].startswith(derivation)


def test_offsets_reproduce_the_text():
    text = "Officials said 10,000 soldiers had arrived. Some 4,000 workers followed."
    rows = estimates_of(text)
    for r in rows.itertuples():
        assert text[r.start:r.end] == r.text


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_corpus()


def test_seed_us_estimate_of_10000_troops_said_on_monday(seeds):
    us = seeds.estimates.query("claimant == 'United States' and category == 'troops' and not derived")
    assert 10000 in set(us["value"])
    assert (us.loc[us["value"] == 10000, "said_on"] == pd.Timestamp("2024-10-28")).all()
    assert us.loc[us["value"] == 10000, "approximate"].all()


def test_seed_derived_earlier_us_figure_is_a_third_in_the_week_before(seeds):
    derived = seeds.estimates.query("derived")
    assert len(derived) == 1
    row = derived.iloc[0]
    assert row["value"] == pytest.approx(10000 / 3) and row["claimant"] == "United States"
    assert row["said_from"] == pd.Timestamp("2024-10-21") and row["said_to"] == pd.Timestamp("2024-10-27")


def test_seed_workers_are_workers_from_the_lawmakers(seeds):
    workers = seeds.estimates.query("unit == 'workers'")
    assert workers["value"].tolist() == [4000] and workers["category"].tolist() == ["workers"]
    assert "lawmakers" in workers.iloc[0]["claimant"]


def test_seed_thousands_in_both_leads_are_vague_ranges(seeds):
    vague = seeds.estimates.query("text.str.lower() == 'thousands'", engine="python")
    assert sorted(vague["article_id"]) == ["000", "004"]
    assert (vague["low"] == 2000).all() and (vague["high"] == 9999).all() and vague["value"].isna().all()
    assert (vague["category"] == "troops").all()


def test_seed_no_troop_estimates_from_other_numbers(seeds):
    troops = seeds.estimates.query("category == 'troops'")
    for text in ("100", "2024", "304", "02124", "six"):
        assert not troops["text"].str.contains(text).any(), text


def test_seed_denial_is_recorded(seeds):
    denial = seeds.estimates.query("stance == 'denial'")
    assert len(denial) == 1 and denial.iloc[0]["category"] == "troops"
    assert "groundless rumors" in denial.iloc[0]["text"]
