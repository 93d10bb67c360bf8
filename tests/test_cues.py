"""The reporting-cue lexicon and the cue finder."""
import pandas as pd
import pytest

from analysis import extract_attributions
from analysis.extract.cues import find_cues
from analysis.paths import DATA_DIR
from analysis.text.lexicon import Lexicon

LEXICON = pd.read_csv(DATA_DIR / "cues.csv", comment="#", dtype=str, keep_default_na=False)


def test_lexicon_rows_are_well_formed():
    assert LEXICON["lemma"].is_unique
    assert set(LEXICON["kind"]) <= {"speech", "belief", "finding", "intention", "source"}
    assert set(LEXICON["takes_object"]) <= {"yes", "no"}
    forms = [form for row in LEXICON["forms"] for form in row.split("|")]
    assert len(forms) == len(set(forms)), "a form listed under two lemmas"


def test_every_form_is_found_after_a_subject():
    missed = [(row.lemma, form) for row in LEXICON.itertuples() for form in row.forms.split("|")
              if [c.lemma for c in find_cues(f"The minister {form} the plan.")] != [row.lemma]]
    assert missed == []


@pytest.mark.parametrize("text", ["The report was late.", "Its estimate rose.", "The United States Navy sailed.",
                                  "A state-run paper.", "The team will show up."])
def test_nouns_names_and_particles_are_not_cues(text):
    assert find_cues(text) == []


def test_auxiliaries_and_adverbs_belong_to_the_cue():
    assert [c.text for c in find_cues("She has also repeatedly denied it.")] == ["has also repeatedly denied"]


def test_a_users_cue_is_found_by_the_whole_extractor(tmp_path):
    rows = tmp_path / "my_cues.csv"
    rows.write_text("lemma,forms,kind,takes_object\nbrag,brag|brags|bragged,speech,no\n", encoding="utf-8")
    text = "The mayor bragged that the bridge was finished early."
    assert extract_attributions(text).empty
    found = extract_attributions(text, lexicon=Lexicon.default().extended(cues=rows))
    assert found["cue"].tolist() == ["bragged"] and found["speaker_mention"].tolist() == ["The mayor"]


@pytest.mark.parametrize("text, cue", [("One in four said the bus was late.", "said"),
                                       ("Several believed the count was wrong.", "believed"),
                                       ("Some say the count was wrong.", "say"),
                                       ("Many believe the count was wrong.", "believe"),
                                       ("Nearly eight out of 10 say the bus is late.", "say")])
def test_a_past_form_after_a_quantifier_is_a_verb(text, cue):
    assert [c.text for c in find_cues(text)] == [cue]


@pytest.mark.parametrize("text, cue", [("This was confirmed by the ministry.", "was confirmed"),
                                       ("Some may recall the old bridge.", "may recall")])
def test_a_determiner_before_an_auxiliary_is_a_pronoun_subject(text, cue):
    assert [c.text for c in find_cues(text)] == [cue]
    assert find_cues("This report and these estimates were late.") == []  # no auxiliary: nouns


@pytest.mark.parametrize("text", ["Each report was late.", "By some estimate the cost was $5 billion.",
                                  "Some report cards were released on Monday."])
def test_a_plain_form_after_a_singular_quantifier_or_some_without_a_clause_is_a_noun(text):
    assert find_cues(text) == []


def test_a_participle_after_an_article_stays_an_adjective():
    assert find_cues("An estimated 300 people came.") == []


@pytest.mark.parametrize("text", ["A federal judge blocked the rule.", "The prime suspect fled.",
                                  "Her views on trade are clear.", "The brand grew fast."])
def test_noun_forms_of_stance_verbs_are_not_cues(text):
    assert find_cues(text) == []


def test_their_verb_forms_still_are():
    assert [c.text for c in find_cues("Analysts judged the risk small and suspected a leak.")] == ["judged", "suspected"]


@pytest.mark.parametrize("text", ["Published : Nov. 25, 2024 - 15:27\nThe ministry said the talks failed.",
                                  "Updated: 10:02 GMT\nThe ministry said the talks failed."])
def test_a_page_label_opening_a_line_is_not_a_cue(text):
    assert [c.text for c in find_cues(text)] == ["said"]


@pytest.mark.parametrize("text, absent", [
    ("According to reports in the local press, the pier will close.", "reports"),
    ("After the storm he found himself on the wrong side of the river.", "found"),
])
def test_a_source_noun_after_according_to_and_a_reflexive_finding_are_no_cues(text, absent):
    assert absent not in [c.text for c in find_cues(text)]


def test_an_opening_subordinate_clause_before_the_cue_does_not_end_its_content():
    text = "As the storm passed, the mayor noted that even in the old town, the damage was slight."
    frame = extract_attributions(text)
    assert frame["text"].tolist() == ["even in the old town, the damage was slight"]


@pytest.mark.parametrize("text", ["The roll call lasted an hour.", "She joined a conference call with donors.",
                                  "He once hosted a TV show about boats.", "Radio talk shows ran all night.",
                                  "News reports placed the ferry near the harbour."])
def test_a_present_form_after_a_noun_modifier_heads_a_compound_noun(text):
    assert find_cues(text) == []


@pytest.mark.parametrize("text, cue", [("The Associated Press reports that the ferry sank.", "reports"),
                                       ("Neighbours call the bridge unsafe.", "call"),
                                       ("The conference called for a ceasefire.", "called for"),
                                       # a clause after the form: the modifier is the subject, the form its verb
                                       ("State media report that the ferry sank.", "report"),
                                       ("Local radio says the storm will hit on Friday.", "says"),
                                       ("The press claims “a cover-up” at the port.", "claims"),
                                       ("The divers she spoke to warned that the wreck was moving.", "warned")])
def test_a_verb_after_a_name_or_a_subject_stays_a_cue(text, cue):
    assert [c.text for c in find_cues(text)] == [cue]


@pytest.mark.parametrize("text, cues", [("Her lead in pledged delegates grew.", []),
                                        ("The memo lied about alleged fraud at the port.", []),
                                        ("As expected, the council voted no.", ["expected"])])
def test_a_past_form_after_a_preposition_is_an_adjective(text, cues):
    assert [c.text for c in find_cues(text)] == cues



@pytest.mark.parametrize("text", ["''Boys acting like they've never seen a ferry,'' scoffed Rosa Klein, 22, a pilot.",
                                  "“Boys acting like they've never seen a ferry,” scoffed Rosa Klein, 22, a pilot."])
def test_a_tag_verb_beside_a_quotation_in_any_marks(text):
    frame = extract_attributions(text)
    assert frame[["rule", "cue", "speaker_mention"]].values.tolist() == [["tag-verb", "scoffed", "Rosa Klein"]]
