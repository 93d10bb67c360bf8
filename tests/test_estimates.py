"""Estimates: every numeric form in the case table, what is not an estimate, claimants, denials,
derived figures, and the seeds."""
import math

import pandas as pd
import pytest

import analysis
from analysis import schemas
from analysis.extract.estimates import extract_estimates
from analysis.paths import PROJECT_DIR
from analysis.text.doc import Doc

CASES = pd.read_csv(PROJECT_DIR / "tests" / "data" / "estimate_cases.csv", dtype=str, keep_default_na=False)
NOT_ESTIMATES = pd.read_csv(PROJECT_DIR / "tests" / "data" / "not_estimate_cases.csv")
HEDGES = {"about", "around", "some", "roughly", "nearly", "an estimated", "approximately", "almost", "close to"}


def estimates_of(text, claims=None, published=None):
    claims = schemas.empty_frame("claims") if claims is None else claims
    return extract_estimates("t", text, Doc(text).sentence_table(), claims, published=published)


def claim(text, content, cue, claimant, said_on=None, n=0):
    """A claims row as analysis.extract.claims builds it: content span and cue span located in `text`."""
    start, cue_start = text.index(content), text.index(cue)
    return {"claim_id": f"t-c{n:03d}", "article_id": "t", "sentence_id": 0, "start": start, "end": start + len(content),
            "text": content, "kind": "indirect", "claimant": claimant, "claimant_mention": claimant, "cue": cue,
            "cue_start": cue_start, "cue_end": cue_start + len(cue), "said_on": pd.Timestamp(said_on or pd.NaT)}


def claims_frame(*rows):
    return schemas.conform("claims", pd.DataFrame(list(rows)))


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
    assert case["sentence"][first["start"]:first["end"]] == first["text"]
    assert same(first["value"], case["value"]), first["value"]
    assert same(first["low"], case["low"]) and same(first["high"], case["high"]), (first["low"], first["high"])
    assert (first["category"], first["unit"]) == (case["category"], case["unit"])
    assert (first["qualifier"] if pd.notna(first["qualifier"]) else "") == case["qualifier"].lower()
    assert (first["location"] if pd.notna(first["location"]) else "") == case["location"]
    ranged = case["value"] == "" or (case["low"] != case["high"] and case["low"] != "" and case["high"] != "")
    assert bool(first["approximate"]) == (case["qualifier"].lower() in HEDGES or ranged)
    assert first["voice"] == "article" and pd.isna(first["claimant"])


@pytest.mark.parametrize("case", NOT_ESTIMATES.to_dict("records"), ids=list(NOT_ESTIMATES["why"]))
def test_numbers_that_are_not_estimates(case):
    rows = estimates_of(case["sentence"])
    assert rows.empty, rows[["text", "unit", "category"]]


def test_every_figure_of_a_sentence_is_a_row():
    rows = estimates_of("North Korea sent 3,000 soldiers and some 4,000 workers, and 12 were killed.")
    assert rows["text"].tolist() == ["3,000", "some 4,000", "12"]
    assert rows["category"].tolist() == ["troops", "workers", "casualties"]


@pytest.mark.parametrize("sentence, value, said_from, said_to, derivation", [
    ("Tripling the estimate it had last week, the agency on Monday said 9,000 troops were there.",
     3000, "2024-10-21", "2024-10-27", "Tripling the estimate it had last week"),
    ("The number of soldiers doubled to 6,000 troops, officials said.", 3000, "", "2024-10-28", "doubled"),
    ("Officials now count 5,000 soldiers, up from 3,000 last month.", 3000, "2024-09-01", "2024-09-30",
     "up from 3,000 last month"),
    ("The Pentagon said 12,000 troops were in place, three times the number it gave a week ago.",
     4000, "2024-10-21", "2024-10-27", "three times the number it gave a week ago"),
    ("Officials said 9,000 troops are there; the first estimate was about a third of that.",
     3000, "", "2024-10-28", "about a third of that"),
    ("Some 8,000 troops are there, twice the number reported in August.", 4000, "2024-08-01", "2024-08-31",
     "twice the number reported in August"),
])
def test_relative_wording_adds_a_derived_earlier_figure(sentence, value, said_from, said_to, derivation):
    rows = estimates_of(sentence, published=pd.Timestamp("2024-10-29"))
    derived, figures = rows[rows["derived"]], rows[~rows["derived"]]
    assert len(derived) == 1 and len(figures) == 1
    row = derived.iloc[0]
    assert row["value"] == pytest.approx(value) and row["approximate"]
    assert row["derivation"] == derivation == row["text"] == sentence[row["start"]:row["end"]]
    assert row["derived_from"] == figures.iloc[0]["estimate_id"]
    assert row["category"] == figures.iloc[0]["category"]
    assert same(row["said_from"], "") if said_from == "" else row["said_from"] == pd.Timestamp(said_from)
    assert row["said_to"] == pd.Timestamp(said_to)


def test_up_from_takes_the_earlier_figure_out_of_the_plain_rows():
    rows = estimates_of("The army now has 5,000 soldiers there, up from 3,000 soldiers in May.")
    assert rows["text"].tolist() == ["5,000", "up from 3,000 soldiers in May"]
    assert rows["derived"].tolist() == [False, True] and rows["value"].tolist() == [5000, 3000]


@pytest.mark.parametrize("sentence", [
    "A third of the 9,000 troops are in the south.",
    "A double strike killed 12 soldiers.",
    "Some 3,000 soldiers arrived in October, and the number has since doubled.",
    "Up to 8,000 soldiers could follow.",
])
def test_fractions_and_adjectives_are_no_earlier_figure(sentence):
    rows = estimates_of(sentence)
    assert len(rows) == 1 and not rows["derived"].any()


def test_offsets_reproduce_the_text():
    text = "Officials said 10,000 soldiers had arrived. Doubling the number, some 4,000 workers followed."
    rows = estimates_of(text)
    assert len(rows) == 3
    for r in rows.itertuples():
        assert text[r.start:r.end] == r.text


TEXT = ("The ministry on Monday said that 2,000 soldiers had crossed the border. "
        "About 500 workers followed, the governor said. "
        "Around 3,000 troops remain in the north.")


def test_claimant_and_date_come_from_the_enclosing_claim_or_a_claim_cued_in_the_sentence():
    claims = claims_frame(
        claim(TEXT, "2,000 soldiers had crossed the border", "said", "ministry", "2024-10-28", 0),
        claim(TEXT, "About 500 workers followed", "the governor said", "governor", None, 1))
    rows = estimates_of(TEXT, claims).set_index("text")
    assert rows.loc["2,000", ["claimant", "claim_id", "voice"]].tolist() == ["ministry", "t-c000", "claim"]
    assert rows.loc["2,000", "said_on"] == pd.Timestamp("2024-10-28")
    assert rows.loc["About 500", "claimant"] == "governor"
    assert pd.isna(rows.loc["Around 3,000", "claimant"]) and rows.loc["Around 3,000", "voice"] == "article"
    assert pd.isna(rows.loc["Around 3,000", "said_on"])


def test_claim_cued_in_the_sentence_counts_when_the_content_span_misses_the_figure():
    text = "Some 1,000 fighters, the agency said, were sent north."
    cue_only = claim(text, "were sent north", "said", "agency")
    rows = estimates_of(text, claims_frame(cue_only))
    assert rows.iloc[0]["claimant"] == "agency"


def test_the_innermost_claim_gives_the_figure():
    text = "The minister said the general had said that 7,000 troops were ready."
    outer = claim(text, "the general had said that 7,000 troops were ready", "said", "minister", n=0)
    inner = claim(text, "7,000 troops were ready", "had said", "general", n=1)
    rows = estimates_of(text, claims_frame(outer, inner))
    assert rows.iloc[0]["claimant"] == "general"


def test_a_denied_figure_has_stance_denial():
    text = "Moscow denied that 10,000 soldiers were in the country."
    rows = estimates_of(text, claims_frame(claim(text, "10,000 soldiers were in the country", "denied", "Moscow")))
    assert rows["stance"].tolist() == ["denial"] and rows.iloc[0]["value"] == 10000


def test_a_denial_without_a_figure_is_a_row_without_a_value():
    text = "The envoy said that reports of troops sent to the front were baseless rumors."
    rows = estimates_of(text, claims_frame(claim(text, "reports of troops sent to the front were baseless rumors",
                                                 "said", "envoy", "2024-10-22")))
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["stance"], row["category"], row["unit"], row["claimant"]) == ("denial", "troops", "troops", "envoy")
    assert pd.isna(row["value"]) and pd.isna(row["low"]) and pd.isna(row["high"])
    assert text[row["start"]:row["end"]] == row["text"] and row["said_on"] == pd.Timestamp("2024-10-22")


def test_no_denial_row_for_claims_that_deny_nothing_about_people():
    text = "The envoy said that the report was false."
    assert estimates_of(text, claims_frame(claim(text, "the report was false", "said", "envoy"))).empty


def test_empty_inputs_give_the_declared_columns():
    rows = estimates_of("")
    assert rows.empty and list(schemas.COLUMNS["estimates"]) == list(rows.columns)[:len(schemas.COLUMNS["estimates"])]
    schemas.conform("estimates", estimates_of("About 500 soldiers arrived."))


# --- seeds: run through the whole pipeline --------------------------------------------------------

@pytest.fixture(scope="module")
def seeds():
    return analysis.load_corpus()


def test_seed_us_estimate_of_10000_troops_said_on_monday(seeds):
    us = seeds.estimates.query("claimant == 'United States' and category == 'troops' and not derived")
    # The lead and the body both report it ("The United States on Monday said that North Korea has said
    # around 10,000 soldiers to Russia": the garbled inner "has said" is part of what the US said).
    assert us["value"].tolist() == [10000, 10000] and us["said_on"].eq(pd.Timestamp("2024-10-28")).all()
    assert us["approximate"].all() and us["qualifier"].eq("around").all()
    assert "in Russia" in us["location"].tolist()


def test_seed_derived_earlier_us_figure_is_a_third_in_the_week_before(seeds):
    derived = seeds.estimates.query("derived")
    assert len(derived) == 1
    row = derived.iloc[0]
    assert row["value"] == 3333 and row["claimant"] == "United States"  # a whole number of people
    assert row["derivation"] == "Tripling the estimate it had last week"
    assert row["said_from"] == pd.Timestamp("2024-10-21") and row["said_to"] == pd.Timestamp("2024-10-27")
    source = seeds.estimates.set_index("estimate_id").loc[row["derived_from"]]
    assert source["value"] == 10000 and source["said_on"] == pd.Timestamp("2024-10-28")


def test_seed_workers_are_workers_from_the_lawmakers(seeds):
    workers = seeds.estimates.query("unit == 'workers'")
    assert workers["value"].tolist() == [4000] and workers["category"].tolist() == ["workers"]
    assert "lawmakers" in workers.iloc[0]["claimant"] and workers.iloc[0]["location"] == "to Russia"


def test_seed_thousands_in_both_leads_are_vague_ranges(seeds):
    vague = seeds.estimates.query("text.str.lower() == 'thousands'", engine="python")
    assert sorted(vague["article_id"]) == ["000", "004"]
    assert (vague["low"] == 2000).all() and (vague["high"] == 9999).all() and vague["value"].isna().all()
    assert (vague["category"] == "troops").all() and (vague["qualifier"] == "thousands of").all()
    assert (vague["sentence_id"] <= 1).all()  # the lead, not further down


def test_seed_no_troop_estimates_from_other_numbers(seeds):
    troops = seeds.estimates.query("category == 'troops'")
    for text in ("100", "2024", "304", "02124", "six", "28", "22"):
        assert not troops["text"].str.contains(text).any(), text
    assert seeds.estimates.query("text == 'some 100'")["category"].tolist() in ([], ["other"])


def test_seed_denial_is_recorded(seeds):
    denial = seeds.estimates.query("stance == 'denial'")
    assert len(denial) == 1
    row = denial.iloc[0]
    assert row["category"] == "troops" and pd.isna(row["value"]) and "groundless rumors" in row["text"]
    assert row["said_on"] == pd.Timestamp("2024-10-22") and row["location"] == "to Russia"


def test_seed_offsets(seeds):
    texts = seeds.articles.set_index("article_id")["text"]
    for r in seeds.estimates.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.text
