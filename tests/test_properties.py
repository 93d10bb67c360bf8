"""Property tests: for any text, extraction does not raise, offsets stay inside the text, and the same
input gives the same output (sentences, quotation spans, attributions)."""
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.text.quotemarks import quote_spans
from analysis.text.doc import Doc

PIECES = st.sampled_from([
    "said", "says", "told", "according to", "added", "claimed", "he", "she", "the", "a", "that", "who",
    "Smith", "Jane Doe", "U.S.", "Sen.", "Gov.", "Oct. 22", "on Monday", "last week", "Mr.", "J.",
    "officials", "NATO", "Kyiv", "10,000", "2024", "“", "”", '"', "'", "‘", "’", "''", "``",
    ".", ",", "!", "?", ";", ":", "—", "–", "-", "…", "(", ")", "😀", "\x00", "Привет",
])
WORDS = st.text(alphabet=st.sampled_from("abcXYZ .,!?;:—“”\"'‘’\n0123456789"), max_size=12)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". ", "", "  "])
TEXTS = st.lists(st.tuples(st.one_of(PIECES, WORDS), SEPARATORS), max_size=40).map(
    lambda parts: "".join(piece + sep for piece, sep in parts))
SETTINGS = settings(max_examples=200, deadline=None, database=None,  # no .hypothesis folder in the tree
                    suppress_health_check=[HealthCheck.too_slow])
OFFSETS = [("content_start", "content_end"), ("speaker_start", "speaker_end"), ("cue_start", "cue_end")]


@SETTINGS
@given(TEXTS)
def test_attributions_stay_inside_the_text_and_repeat(text):
    table = analysis.extract_attributions(text)
    assert isinstance(table, pd.DataFrame)
    for start, end in OFFSETS:
        spans = table[[start, end]].dropna()
        assert ((spans[start] >= 0) & (spans[start] <= spans[end]) & (spans[end] <= len(text))).all()
    pd.testing.assert_frame_equal(table, analysis.extract_attributions(text))


@SETTINGS
@given(TEXTS)
def test_sentences_stay_inside_the_text_and_repeat(text):
    table = Doc(text).sentence_table()
    assert ((table["start"] >= 0) & (table["start"] <= table["end"]) & (table["end"] <= len(text))).all()
    assert all(row.text == text[row.start:row.end] for row in table.itertuples())
    pd.testing.assert_frame_equal(table, Doc(text).sentence_table())


@SETTINGS
@given(TEXTS)
def test_quote_spans_stay_inside_the_text_and_repeat(text):
    spans = quote_spans(text)
    assert all(0 <= a <= b <= len(text) for a, b in spans)
    assert spans == sorted(spans) and spans == quote_spans(text)
