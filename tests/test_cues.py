"""The reporting-cue lexicon and the cue finder."""
import pytest

from analysis.extract.cues import find_cues, load_lexicon

LEXICON = load_lexicon()


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
