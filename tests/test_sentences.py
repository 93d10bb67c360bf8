"""Sentence splitting for news: abbreviations, quotes, paragraphs, offsets."""
import pytest

from analysis.sentences import split_sentences


def sentences(text):
    return split_sentences(text)["text"].tolist()


@pytest.mark.parametrize("text, expected", [
    ("U.S. officials met U.N. envoys. They agreed.", ["U.S. officials met U.N. envoys.", "They agreed."]),
    ("Sen. Warren and Rep. Lee spoke. Gen. Milley did not.", ["Sen. Warren and Rep. Lee spoke.", "Gen. Milley did not."]),
    ("It happened on Oct. 22 in Washington. Then it rained.", ["It happened on Oct. 22 in Washington.", "Then it rained."]),
    ("They met at 304 Main St. in Boston. Nobody came.", ["They met at 304 Main St. in Boston.", "Nobody came."]),
    ("Mr. J. Smith arrived. Dr. Jones left.", ["Mr. J. Smith arrived.", "Dr. Jones left."]),
    ("“We are ready,” he said. “We will go.”", ["“We are ready,” he said.", "“We will go.”"]),
    ("It was “a significant escalation.” Others disagreed.", ["It was “a significant escalation.”", "Others disagreed."]),
    ("“Is it true?” she asked. No one answered.", ["“Is it true?” she asked.", "No one answered."]),
    ("“If we go, we fight. This is a choice,” said the envoy.", ["“If we go, we fight.", "This is a choice,” said the envoy."]),
    ("The figure rose 3.5 percent. Prices fell.", ["The figure rose 3.5 percent.", "Prices fell."]),
    ("He said: \"No.\" Then he left!", ["He said: \"No.\"", "Then he left!"]),
    ("What now? Nobody knows.", ["What now?", "Nobody knows."]),
    ("The troops (about 3,000.) left. Others stayed.", ["The troops (about 3,000.) left.", "Others stayed."]),
    ("Talks resumed at 10 a.m. on Monday. They ended late.", ["Talks resumed at 10 a.m. on Monday.", "They ended late."]),
    ("The E.U. and the U.K. signed. It was done.", ["The E.U. and the U.K. signed.", "It was done."]),
    ("He said it was over. 2024 was hard.", ["He said it was over.", "2024 was hard."]),
])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_each_line_is_a_paragraph_and_offsets_reproduce_the_text():
    text = "First paragraph. Two sentences.\nSecond paragraph.\n\n  Third after a blank line."
    frame = split_sentences(text)
    assert frame["paragraph"].tolist() == [0, 0, 1, 2]
    assert frame["sentence_id"].tolist() == [0, 1, 2, 3]
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.text


def test_empty_text_gives_an_empty_table_with_columns():
    frame = split_sentences("")
    assert frame.empty and list(frame.columns) == ["sentence_id", "paragraph", "start", "end", "text"]
