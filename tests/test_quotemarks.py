"""Quotation spans: marks, nesting, apostrophes, paragraphs."""
import pytest

from analysis.quotemarks import quote_spans


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
])
def test_quote_spans(text, expected):
    assert quoted(text) == expected


def test_quote_continues_over_paragraphs_that_open_with_a_mark():
    text = "“We will stay.\n\n“We will not leave,” the mayor said."
    assert quoted(text) == ["We will stay.\n\n“We will not leave,"]


def test_unclosed_quote_without_continuation_is_dropped():
    text = "“We will stay.\n\nThe mayor left. Later he said “yes” again."
    assert quoted(text) == ["yes"]
