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


# --- what is counted: casualties and their measure, nouns left out, nouns before the figure -------------

def one(rows, text):
    """The row whose words are `text`."""
    found = rows[rows["text"] == text]
    assert len(found) == 1, rows[["text", "category"]]
    return found.iloc[0]


@pytest.mark.parametrize("sentence, text, unit, measure", [
    ("More than 60 soldiers posted at the airbase were killed in the raid.", "More than 60", "soldiers", "killed"),
    ("The blast at the depot killed about 80 soldiers on Friday.", "about 80", "soldiers", "killed"),
    ("Rebels say they have captured 14 soldiers near the dam.", "14", "soldiers", "captured"),
    ("The militia took a handful of soldiers prisoner.", "a handful", "soldiers", "captured"),
    ("Around 2,000 soldiers were killed or wounded in the spring.", "Around 2,000", "soldiers", "killed_or_wounded"),
    ("The hospital counted 35 injuries among the fighters.", "35", "injuries", "wounded"),
    ("Militia leaders named several hundred victims of the siege.", "several hundred", "victims", "killed_or_wounded"),
])
def test_casualty_words_make_the_category_casualties_with_a_measure(sentence, text, unit, measure):
    row = one(estimates_of(sentence), text)
    assert (row["category"], row["unit"], row["measure"]) == ("casualties", unit, measure)


def test_troop_counts_have_no_measure():
    row = estimates_of("Some 5,000 soldiers guard the pass.").iloc[0]
    assert row["category"] == "troops" and pd.isna(row["measure"])


def test_a_figure_whose_noun_is_left_out_takes_the_noun_it_is_coordinated_with():
    rows = estimates_of("The shelling killed roughly 40 soldiers and hurt seven, the governor said.")
    assert rows["text"].tolist() == ["roughly 40", "seven"]
    assert rows["category"].tolist() == ["casualties", "casualties"]
    assert rows["measure"].tolist() == ["killed", "wounded"] and rows["unit"].tolist() == ["soldiers", "soldiers"]
    rows = estimates_of("The army moved 4,000 soldiers to the coast, and 6,000 were due by spring.")
    assert rows["text"].tolist() == ["4,000", "6,000"] and rows["category"].tolist() == ["troops", "troops"]


def test_a_bare_number_after_people_is_no_estimate_without_a_coordinating_word():
    rows = estimates_of("The 4,000 soldiers arrived at 9 and left at 11.")
    assert rows["text"].tolist() == ["4,000"]


@pytest.mark.parametrize("sentence, text, unit, category, low, high", [
    ("Losses among the rebel fighters have surpassed 1,200, the ministry said.", "surpassed 1,200", "losses",
     "casualties", 1200, None),
    ("The rebels' casualties in the valley have exceeded 150 fighters.", "exceeded 150", "fighters", "casualties",
     150, None),
    ("The agency put the number of troops on the island at more than 7,500 in May.", "more than 7,500", "troops",
     "troops", 7500, None),
    ("The wounded are approaching 900, a medic said.", "approaching 900", "wounded", "casualties", 900, 900),
])
def test_a_count_noun_before_the_figure_gives_its_unit(sentence, text, unit, category, low, high):
    row = one(estimates_of(sentence), text)
    assert (row["unit"], row["category"]) == (unit, category)
    assert row["low"] == low and (pd.isna(row["high"]) if high is None else row["high"] == high)


def test_one_person_in_the_story_is_no_estimate():
    assert estimates_of("One soldier who tried to flee was caught by the guards.").empty


def test_a_qualified_figure_after_a_month_that_ends_a_sentence_counts():
    rows = estimates_of("The unit moved in November. Roughly 700 soldiers stayed behind.")
    assert rows["text"].tolist() == ["Roughly 700"]


# --- shares of a figure --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, base, share, value, category, measure", [
    ("A third of the 9,000 troops are in the south.", "9,000", "A third", 3000, "troops", None),
    ("The militia lost 600 fighters, two-thirds of whom were killed by drones.", "600", "two-thirds", 400,
     "casualties", "killed"),
    ("Officials said 800 soldiers were hurt, and roughly half of them were flown home.", "800", "roughly half", 400,
     "casualties", "wounded"),
    ("Medics said about half of the 1,300 wounded soldiers had gone back to the front.", "1,300", "about half", 650,
     "casualties", "wounded"),
])
def test_a_share_of_a_figure_is_a_derived_row(sentence, base, share, value, category, measure):
    rows = estimates_of(sentence)
    row, source = one(rows, share), one(rows, base)
    assert row["derived"] and not source["derived"] and row["derived_from"] == source["estimate_id"]
    assert row["value"] == value and row["approximate"] and row["derivation"] == share
    assert row["category"] == category and (pd.isna(row["measure"]) if measure is None else row["measure"] == measure)
    assert not (rows["text"] == "two").any()  # the "two" of "two-thirds" counts nothing


# --- who gave a figure ---------------------------------------------------------------------------------

def test_a_trailing_citing_names_the_source_and_the_speaker_relays_it():
    text = "At least 45 soldiers died in the ambush, the newspaper reported, citing military sources."
    claims = claims_frame(claim(text, "At least 45 soldiers died in the ambush", "reported", "newspaper"))
    row = estimates_of(text, claims).iloc[0]
    assert (row["claimant"], row["reported_by"], row["voice"]) == ("military sources", "newspaper", "claim")


def test_according_to_after_the_figure_names_its_source():
    text = "Some 900 fighters crossed the river on Sunday, according to information from border guards."
    row = estimates_of(text).iloc[0]
    assert row["claimant"] == "border guards" and pd.isna(row["reported_by"])


def test_a_statement_inside_another_keeps_both_sources():
    text = "The senator said the agency estimated that 3,500 troops were stationed there."
    outer = claim(text, "the agency estimated that 3,500 troops were stationed there", "said", "senator", n=0)
    inner = claim(text, "3,500 troops were stationed there", "estimated", "agency", n=1)
    row = estimates_of(text, claims_frame(outer, inner)).iloc[0]
    assert (row["claimant"], row["reported_by"]) == ("agency", "senator")


@pytest.mark.parametrize("bad", ["March", "000", "2023 Twelve", "Reuters they", "footage purporting"])
def test_a_claimant_that_is_no_speaker_gives_way_to_the_claim_around_it(bad):
    text = "The envoy said 1,200 workers had left the port."
    outer = claim(text, "1,200 workers had left the port", "said", "envoy", n=0)
    inner = {**claim(text, "1,200 workers had left", "left", bad, n=1)}
    row = estimates_of(text, claims_frame(outer, inner)).iloc[0]
    assert row["claimant"] == "envoy"
    alone = estimates_of(text, claims_frame(inner)).iloc[0]
    assert pd.isna(alone["claimant"]) and alone["voice"] == "article"


def test_he_resolved_to_a_country_is_the_last_person_quoted():
    text = "Defence analyst Mira Holt said the front had moved. “About 300 soldiers were lost,” he said."
    first = claim(text, "the front had moved", "said", "Mira Holt", n=0)
    second = {**claim(text, "About 300 soldiers were lost,", "he said", "Russia", n=1), "claimant_mention": "he"}
    row = estimates_of(text, claims_frame(first, second)).iloc[0]
    assert row["claimant"] == "Mira Holt" and row["claimant_mention"] == "he"


def test_the_mention_of_the_claimant_is_kept_beside_its_canonical_name():
    text = "The Defense Ministry said 2,500 troops had arrived."
    row = estimates_of(text, claims_frame({**claim(text, "2,500 troops had arrived", "said", "Ministry of Defence"),
                                           "claimant_mention": "The Defense Ministry"})).iloc[0]
    assert (row["claimant"], row["claimant_mention"]) == ("Ministry of Defence", "The Defense Ministry")


def test_a_line_that_ends_with_a_source_names_it():
    text = "Twelve thousand workers to strike at the port — union\n\nThe strike starts on Monday."
    row = estimates_of(text).iloc[0]
    assert row["claimant"] == "union" and row["category"] == "workers"


def test_which_said_names_the_source_and_a_date_before_it_the_day():
    text = "That is far above a March 3 report from the monitoring group which said 250 soldiers had died."
    row = estimates_of(text, published=pd.Timestamp("2023-04-01")).iloc[0]
    assert row["claimant"] == "the monitoring group" and row["said_on"] == pd.Timestamp("2023-03-03")


def test_this_was_confirmed_by_names_the_source_of_the_sentence_before():
    text = "Nearly 700 soldiers were wounded in the offensive. This was confirmed by the regional governor."
    row = estimates_of(text).iloc[0]
    assert row["claimant"] == "the regional governor"


def test_a_figure_repeated_with_the_keeps_its_first_source():
    text = "The union said 12,000 workers had walked out. A professor called the 12,000-worker figure inflated."
    claims = claims_frame(claim(text, "12,000 workers had walked out", "said", "union", n=0),
                          claim(text, "the 12,000-worker figure inflated", "called", "professor", n=1))
    rows = estimates_of(text, claims)
    assert rows["claimant"].tolist() == ["union", "union"]


def test_a_figure_after_the_cue_and_outside_the_content_is_the_articles():
    text = "The sales will grow, she said of the firm, whose 3,000 workers are on strike."
    row = estimates_of(text, claims_frame(claim(text, "The sales will grow", "said", "Dana Ruiz"))).iloc[0]
    assert pd.isna(row["claimant"]) and row["voice"] == "article"


def test_a_denial_of_a_negative_is_no_denial_row():
    text = "The general denied reports that his soldiers had not been paid."
    claims = claims_frame(claim(text, "reports that his soldiers had not been paid", "denied", "general"))
    assert estimates_of(text, claims).empty


def test_a_claim_made_last_month_puts_its_figure_in_that_month():
    text = "The ministry said last month that 5,000 workers had been hired."
    claims = claims_frame(claim(text, "5,000 workers had been hired", "said", "ministry"))
    row = estimates_of(text, claims, published=pd.Timestamp("2024-03-12")).iloc[0]
    assert pd.isna(row["said_on"])
    assert (row["said_from"], row["said_to"]) == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29"))


def test_a_participle_after_the_main_clause_speaks_for_its_subject():
    text = ("In March, the premier opened the bridge; in May, her deputy Lars Moen toured the port, "
            "announcing plans to hire 2,000 dock workers.")
    bad = claim(text, "plans to hire 2,000 dock workers", "announcing", "May")
    row = estimates_of(text, claims_frame(bad)).iloc[0]
    assert row["claimant"] == "her deputy Lars Moen"


def test_who_put_the_number_at_a_figure_is_its_source_and_the_day_after_it_counts():
    text = "Analyst Tom Berg earlier put the number of soldiers at the base at about 2,400 on March 4, citing photos."
    row = one(estimates_of(text, published=pd.Timestamp("2023-03-20")), "about 2,400")
    assert row["category"] == "troops" and row["claimant"] == "Analyst Tom Berg"
    assert row["said_on"] == pd.Timestamp("2023-03-04")


def test_a_content_that_stops_inside_the_figure_still_holds_it():
    text = "Citing the report, the mayor spoke of 25,000 workers leaving the city."
    cut = {**claim(text, "the mayor spoke of 25", "Citing", "mayor"), "end": text.index("25,000") + 2}
    row = estimates_of(text, claims_frame(cut)).iloc[0]
    assert row["text"] == "25,000" and row["claimant"] == "mayor"


def test_a_claim_whose_speaker_is_a_fragment_gives_way_to_a_speaker_cued_in_the_sentence():
    text = "Border officials told AFP they expect up to 3,000 more workers to arrive."
    fragment = claim(text, "up to 3,000 more workers to arrive", "expect", "AFP they", n=0)
    officials = claim(text, "AFP they expect up", "told", "Border officials", n=1)
    row = estimates_of(text, claims_frame(fragment, officials)).iloc[0]
    assert row["claimant"] == "Border officials"


# --- the chart: one mark per statement, every source beside it -------------------------------------------

def test_a_statement_carried_by_several_outlets_is_one_mark_with_every_source():
    from analysis.present import plots

    def row(article, n, value, claimant, relay=None):
        return {"estimate_id": f"{article}-e{n:03d}", "article_id": article, "sentence_id": 0, "start": 0, "end": 5,
                "text": "5,000", "value": value, "low": value, "high": value, "approximate": False,
                "category": "troops", "claimant": claimant, "reported_by": relay, "stance": "assertion",
                "derived": False, "said_on": pd.Timestamp("2024-05-02")}
    estimates = schemas.conform("estimates", pd.DataFrame([
        row("w1", 0, 5000, "Army"), row("w2", 0, 5000, "Army"), row("w3", 0, 5000, "Army"),
        row("w3", 1, 700, "Agency", relay="Senator Vance")]))
    articles = pd.DataFrame({"article_id": ["w1", "w2", "w3"], "outlet": ["Post", "Herald", "Ledger"],
                             "published": pd.to_datetime(["2024-05-03"] * 3)})
    ax = plots.estimates_over_time(plots.dated_estimates(estimates, articles), "troops").axes[0]
    assert sum(len(a.get_offsets()) for a in ax.get_children() if a.get_gid() == "exact") == 2
    labels = sorted(a.get_text() for a in ax.get_children() if a.get_gid() == "source")
    assert labels == ["Herald, Ledger, Post", "Ledger (via Senator Vance)"]


def test_estimate_records_read_the_claims_as_plain_lists_as_they_read_the_claims_frame():
    """The pipeline hands `estimate_records` the claims' lists as `claim_records` makes them (no frame per
    article); the rows must be those of the typed claims frame, figure by figure."""
    from analysis.extract.attributions import extract_attributions
    from analysis.extract.claims import claim_records
    from analysis.extract.columns import frame, lists_of
    from analysis.extract.estimates import estimate_records

    published = pd.Timestamp("2024-10-25")
    for path in sorted((PROJECT_DIR / "tests" / "data" / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = Doc(text)
        spans = [(k, s.start, s.end) for k, s in enumerate(doc.sentences)]
        _, claims = claim_records("s", text, spans, lists_of(extract_attributions(text, published, doc=doc)),
                                  doc.quotations)
        from_lists = estimate_records("s", text, spans, claims, published)
        assert from_lists and len(from_lists["start"]) >= 3
        expected = extract_estimates("s", text, doc.sentence_table(), frame("claims", claims), published)
        pd.testing.assert_frame_equal(frame("estimates", from_lists), expected)
    assert estimate_records("s", "No figures here.", [(0, 0, 16)], {}) == {}


def test_figures_in_text_without_sentences_are_thinned_like_cues():
    from analysis.text.doc import LONG_SENTENCE, MIN_CUE_GAP
    text = "officials counted 40 soldiers and 12 tanks near the river " * 100  # 5,800 chars, no sentence end
    assert len(text) > LONG_SENTENCE
    assert 0 < len(estimates_of(text)) <= len(text) // MIN_CUE_GAP + 1 < 200
    prose = "Officials counted 40 soldiers and 12 tanks near the river. " * 10
    assert len(estimates_of(prose)) == 20  # in sentences, every figure is read


def test_a_figures_claims_are_found_by_offset_as_a_pass_over_all_claims_finds_them():
    from analysis.extract.estimates import Claim, _Article
    from analysis.text.lexicon import Lexicon

    spans = [(0, 0, 40), (1, 40, 90)]
    claims = [Claim("c0", 5, 30, 2, "A", pd.NaT, False), Claim("c1", 10, 60, 62, "B", pd.NaT, False),
              Claim("c2", 10, 20, pd.NA, "C", pd.NaT, False), Claim("c3", 45, 88, 41, "D", pd.NaT, False)]
    article = _Article("x" * 90, spans, claims, None, Lexicon.default())
    for offset in range(90):
        assert article._holding(offset) == [c for c in claims if c.start <= offset < c.end]
    for lo, hi in [(0, 40), (40, 90), (0, 90), (41, 62)]:
        assert article._cued_between(lo, hi) == [c for c in claims if not pd.isna(c.cue_start) and lo <= c.cue_start < hi]
