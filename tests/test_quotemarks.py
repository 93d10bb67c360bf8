"""Quotation spans: marks, nesting, apostrophes, paragraphs."""
import pytest

from analysis.text.quotemarks import is_title, quote_spans


def quoted(text):
    return [text[a:b] for a, b in quote_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("He said “we are ready” today.", ["we are ready"]),
    ('He said "we are ready" today.', ["we are ready"]),
    ("“It is ‘final’,” she said.", ["It is ‘final’,"]),
    ("Russia’s soldiers’ boots and the ’90s era.", []),
    ("“One. Two. Three,” he said.", ["One. Two. Three,"]),
    ("“First part,” he said, “second part.”", ["First part,", "second part."]),
    ("She called it “a mistake” and “a disgrace.”", ["a mistake", "a disgrace."]),
    ('The "no" vote won.', ["no"]),
    ('<tweet author="jdoe" id="123">Vote “yes” today</tweet>', ["yes"]),  # markup values are no quotations
])
def test_quote_spans(text, expected):
    assert quoted(text) == expected


def test_quote_continues_over_paragraphs_that_open_with_a_mark():
    text = "“We will stay.\n\n“We will not leave,” the mayor said."
    assert quoted(text) == ["We will stay.\n\n“We will not leave,"]


def test_a_straight_mark_opening_the_next_paragraph_continues_the_quotation():
    # wire copy in straight marks: the paragraph's quotation is left open, the next paragraph reopens it
    text = 'The mayor said: "We will stay. It is our town.\n\n  "We will not leave," she said. "Never."'
    assert quoted(text) == ['We will stay. It is our town.\n\n  "We will not leave,', "Never."]


def test_a_reopened_quotation_still_ends_at_a_paragraph_that_does_not_continue_it():
    text = 'Here they are:\n\n"Is he firm?\n\n"Has he fought?\n\nHe said "yes" then.'
    assert quoted(text) == ["yes"]
    assert quoted(text.replace('"Is', "“Is").replace('"Has', "“Has")) == ["yes"]


def test_unclosed_quote_without_continuation_is_dropped():
    text = "“We will stay.\n\nThe mayor left. Later he said “yes” again."
    assert quoted(text) == ["yes"]


@pytest.mark.parametrize("quotation, title", [
    ("Fox News Sunday,", True), ("Make Your Kid a Millionaire,", True), ("The 411", True),
    ("Yes,", False), ("WE WIN", False), ("a significant escalation", False), ("We will win,", False),
])
def test_short_title_case_quotations_are_titles(quotation, title):
    assert is_title(quotation) is title


def test_an_opening_mark_glued_to_a_comma_closes_the_quotation():
    text = "“The result is odd,“ said the analyst. “Nobody expected it.”"
    assert [text[a:b] for a, b in quote_spans(text)] == ["The result is odd,", "Nobody expected it."]
