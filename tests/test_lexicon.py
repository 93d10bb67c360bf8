"""The Lexicon: calendar names, user extensions through files, clear errors, pickling."""
import calendar
import pickle
import weakref

import pandas as pd
import pytest

from analysis import extract_attributions, schemas
from analysis.extract.attributions import attribution_records
from analysis.extract.claims import claim_records
from analysis.extract.cues import find_cues
from analysis.extract.dates import date_range
from analysis.extract.estimates import estimate_records, extract_estimates
from analysis.extract.numbers import find_amounts
from analysis.text import lexicon as lexicon_module
from analysis.text.lexicon import TABLES, CueWord, Lexicon, Pronoun, for_lowered
from analysis.text.doc import Doc

DEFAULT = Lexicon.default()


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def estimates(text, lexicon=None):
    return extract_estimates("t", text, Doc(text).sentence_table(), schemas.empty_frame("claims"), lexicon=lexicon)


def test_month_and_weekday_names_come_from_calendar():
    assert DEFAULT.months == tuple(m.lower() for m in calendar.month_name[1:])
    assert "may" in DEFAULT.months and len(DEFAULT.months) == 12
    assert DEFAULT.weekdays[0] == "monday" and DEFAULT.weekday_abbreviations[-1] == "sun"
    assert DEFAULT.month_forms["may"] == 5
    assert DEFAULT.month_forms["sept"] == DEFAULT.month_forms["sep"] == DEFAULT.month_forms["september"] == 9


def test_may_resolves_in_every_date_form():
    published = pd.Timestamp("2024-10-29")
    assert date_range("in May", published) == (pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-31"))
    assert date_range("on May 5", published)[0] == pd.Timestamp("2024-05-05")


def test_default_is_loaded_once_and_holds_every_table():
    assert Lexicon.default() is DEFAULT
    assert DEFAULT.cues["said"] == CueWord("say", "speech", False)
    assert DEFAULT.cues["according to"].kind == "source"
    assert DEFAULT.titles["minister"] == "person"
    assert {"will", "must"} <= DEFAULT.modals and {"was", "has"} <= DEFAULT.auxiliaries
    assert {"the", "their"} <= DEFAULT.determiners and DEFAULT.articles | DEFAULT.possessives < DEFAULT.determiners
    assert DEFAULT.pronouns["he"] == Pronoun("person", "him")
    assert "u.s" in DEFAULT.abbreviations and "oct" in DEFAULT.abbreviations_before_numbers
    assert {"u.s", "oct"} <= DEFAULT.all_abbreviations and "however" in DEFAULT.sentence_starters


def test_a_users_cue_row_makes_a_new_verb_a_cue(tmp_path):
    path = write(tmp_path, "my_cues.csv", "lemma,forms,kind,takes_object\nbrag,brag|brags|bragged,speech,no\n")
    extended = DEFAULT.extended(cues=path)
    assert extended.cues["bragged"] == CueWord("brag", "speech", False)
    assert extended.cues["said"] == DEFAULT.cues["said"]  # added to, not replacing, the package's cues
    assert "bragged" not in DEFAULT.cues                   # the default is left as it was


def test_a_users_unit_changes_an_estimates_category(tmp_path):
    text = "Pyongyang sent 500 cadets to Russia."
    assert estimates(text)["category"].tolist() == ["other"]
    extended = DEFAULT.extended(units=write(tmp_path, "units.csv", "noun,category\ncadets,troops\n"))
    assert estimates(text, extended)["category"].tolist() == ["troops"]


def test_a_users_pronoun_is_resolved_to_the_person_named_before(tmp_path):
    text = "Jane Doe said the talks failed. Ze said the envoy had left."
    assert extract_attributions(text)["speaker"].tolist() == ["Jane Doe", "Ze"]
    extended = DEFAULT.extended(pronouns=write(tmp_path, "pronouns.csv", "word,refers,object\nze,person,zir\n"))
    assert extract_attributions(text, lexicon=extended)["speaker"].tolist() == ["Jane Doe", "Jane Doe"]


def test_a_users_attribution_words_reach_the_rules(tmp_path):
    text = "The road will stay closed, insisted police."  # after "insisted" a bare noun is its object ...
    assert extract_attributions(text).empty
    rows = write(tmp_path, "attribution_words.csv", "phrase,role\ninsist,inverting\n")  # ... unless it inverts
    found = extract_attributions(text, lexicon=DEFAULT.extended(attribution_words=rows))
    assert found[["speaker", "text", "rule"]].values.tolist() == [["police", "The road will stay closed", "inverted"]]
    assert DEFAULT.attribution_words["inverting"] == ("add", "ask", "say", "write")


def test_a_users_attribution_words_reach_the_content_rules(tmp_path):
    text = "Jane Doe said the plan would work, albeit slowly."
    assert extract_attributions(text)["text"].tolist() == ["the plan would work, albeit slowly"]
    rows = write(tmp_path, "attribution_words.csv", "phrase,role\nalbeit,contrast\n")  # the writer's aside
    found = extract_attributions(text, lexicon=DEFAULT.extended(attribution_words=rows))
    assert found[["speaker", "text"]].values.tolist() == [["Jane Doe", "the plan would work"]]


def test_a_users_determiner_makes_a_cue_form_a_noun(tmp_path):
    text = "Fresh claims emerged on Monday."
    assert [cue.text for cue in find_cues(text)] == ["claims"]
    rows = write(tmp_path, "attribution_words.csv", "phrase,role\nfresh,cue_determiner\n")
    assert find_cues(text, DEFAULT.extended(attribution_words=rows)) == []


def test_a_users_place_noun_is_part_of_an_estimates_location(tmp_path):
    text = "Pyongyang sent 500 troops to the Kursk governorate."
    assert estimates(text)["location"].tolist() == ["to the Kursk"]
    rows = write(tmp_path, "estimate_words.csv", "phrase,role\ngovernorate,place_noun\n")
    assert estimates(text, DEFAULT.extended(estimate_words=rows))["location"].tolist() == ["to the Kursk governorate"]


def test_a_folder_of_files_extends_or_replaces_the_tables(tmp_path):
    write(tmp_path, "vague_amounts.csv", "phrase,low,high\nscads,100,999\n")
    amounts = find_amounts("scads of soldiers", lexicon=Lexicon.load(tmp_path))
    assert [(a.text, a.low, a.high) for a in amounts] == [("scads", 100.0, 999.0)]
    assert find_amounts("scads of soldiers") == []
    replaced = Lexicon.load(tmp_path, replace=True)
    assert list(replaced.vague_amounts) == ["scads"] and replaced.units == DEFAULT.units


@pytest.mark.parametrize("name, text, message", [
    ("units.csv", "word,category\ncadets,troops\n", "expected columns noun, category"),
    ("cues.csv", "lemma,forms,kind,takes_object\nbrag,brags,shouting,no\n", "column kind holds 'shouting'"),
    ("vague_amounts.csv", "phrase,low,high\nscads,many,999\n", "could not convert"),
    ("denial_words.csv", "pattern\nfals(e\n", "missing \\)"),
    ("units.csv", "noun,category\n", "no rows"),
])
def test_a_bad_file_names_itself_and_what_it_should_hold(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(ValueError, match=message) as error:
        DEFAULT.extended(**{name.split(".")[0]: path})
    assert str(path) in str(error.value)


def test_a_missing_file_or_folder_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"my_units\.csv: no such file .*columns noun, category"):
        DEFAULT.extended(units=tmp_path / "my_units.csv")
    with pytest.raises(ValueError, match="no such folder"):
        Lexicon.load(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="holds none of the lexicon's files"):
        Lexicon.load(tmp_path)
    with pytest.raises(TypeError, match="no lexicon table named unit"):
        DEFAULT.extended(unit=tmp_path / "units.csv")
    assert set(TABLES) >= {"cues", "titles", "units", "abbreviations", "sentence_starters"}


def test_a_lexicon_pickles_and_its_copies_share_their_patterns(tmp_path):
    extended = DEFAULT.extended(units=write(tmp_path, "units.csv", "noun,category\ncadets,troops\n"))
    copy = pickle.loads(pickle.dumps(extended))
    assert copy is extended and copy != DEFAULT and pickle.loads(pickle.dumps(DEFAULT)) is DEFAULT  # interned
    assert DEFAULT.extended(units=write(tmp_path, "units.csv", "noun,category\ncadets,troops\n")) is extended
    assert estimates("Pyongyang sent 500 cadets to Russia.", copy)["category"].tolist() == ["troops"]


def test_names_are_refused_when_the_time_locale_is_not_english(monkeypatch):
    monkeypatch.setattr(lexicon_module.locale, "getlocale", lambda category: ("fr_FR", "UTF-8"))
    with pytest.raises(RuntimeError, match="fr_FR"):
        lexicon_module._calendar_names()


def test_lowered_text_keeps_every_offset_so_scans_of_it_point_into_the_text():
    text = "İSTANBUL (Agency) - Two Hundred troops arrived, OFFICIALS SAID."
    low = lexicon_module.lowered(text)
    assert len(low) == len(text) and low.startswith("İstanbul") and "two hundred" in low
    amount = find_amounts(text)[0]
    assert (text[amount.start:amount.end], amount.value) == ("Two Hundred", 200.0)


def test_an_alternation_prefers_the_longer_phrase_and_reads_any_spacing():
    import re
    pattern = re.compile(rf"\b(?:{lexicon_module.alternation(['at least', 'at', 'at least some'])})\b")
    assert [m.group() for m in pattern.finditer("at least  some, at least, at")] == ["at least  some", "at least", "at"]


@pytest.mark.parametrize("phrases", [["said", "say", "according to", "u.s. said", "über", "łgać", "ox"],
                                     ["’s said", "said"]])  # one opening with no word character
def test_a_phrase_scan_finds_what_the_exact_pattern_finds(phrases):
    import re
    text = ("Said it, unsaid. éSaid “said” İSaid ДSaid (ACCORDING\n TO) according-to according to-day "
            "U.S. said u.s.\tsaid Über łgać xłgać box ox_ ox’s said")
    exact = re.compile(rf"\b(?:{lexicon_module.trie_pattern(phrases)})\b")
    expected = [m.span() for m in exact.finditer(lexicon_module.lowered(text))]
    assert [m.span() for m in lexicon_module.PhraseScan(phrases).finditer(text)] == expected and len(expected) >= 5


def test_a_users_denial_pattern_ignores_case_whether_written_in_capitals_or_not(tmp_path):
    # denial and relative wordings are searched in the lowered text; a pattern with capitals keeps its case-blindness
    text = "The ministry said claims that 3,000 soldiers crossed were a HOAX."
    for pattern in ("hoax", "Hoax", r"HOA\w"):
        extended = DEFAULT.extended(denial_words=write(tmp_path, "denial_words.csv", f"pattern\n{pattern}\n"))
        doc = Doc(text, extended)
        spans = [(k, s.start, s.end) for k, s in enumerate(doc.sentences)]
        _, claims = claim_records("t", text, spans, attribution_records(text, lexicon=extended, doc=doc), doc.quotations)
        assert estimate_records("t", text, spans, claims, lexicon=extended)["stance"] == ["denial"], pattern
    assert for_lowered("den(?:y|ied)") == "den(?:y|ied)" and for_lowered(r"\W?Fake") == r"(?i:\W?Fake)"


def test_a_lexicon_unpickled_in_another_process_is_interned_there(monkeypatch):
    data = pickle.dumps(DEFAULT)
    monkeypatch.setattr(lexicon_module, "_INTERNED", weakref.WeakValueDictionary())  # a worker's fresh process
    first = pickle.loads(data)
    assert first is not DEFAULT and first._fingerprint == DEFAULT._fingerprint and pickle.loads(data) is first
    assert first.cues == DEFAULT.cues and find_cues("She said so.", first) == find_cues("She said so.", DEFAULT)
