"""find_amounts: figures, number words, scales, ranges, bounds, hedges and vague amounts, with offsets."""
import math

import pytest

from analysis.extract.numbers import find_amounts, words_to_number
from analysis.text.lexicon import Lexicon

NAN = math.nan


def only(text):
    amounts = find_amounts(text)
    assert len(amounts) == 1, amounts
    return amounts[0]


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@pytest.mark.parametrize("text, value, low, high", [
    ("10,000", 10000, 10000, 10000),
    ("10 000", 10000, 10000, 10000),
    ("10\u00a0000", 10000, 10000, 10000),
    ("2.5", 2.5, 2.5, 2.5),
    ("1.5 million", 1.5e6, 1.5e6, 1.5e6),
    ("12K", 12000, 12000, 12000),
    ("3bn", 3e9, 3e9, 3e9),
    ("ten thousand", 10000, 10000, 10000),
    ("twenty-five", 25, 25, 25),
    ("one thousand two hundred", 1200, 1200, 1200),
    ("a dozen", 12, 12, 12),
    ("a hundred", 100, 100, 100),
    ("10,000-12,000", 11000, 10000, 12000),
    ("10,000–12,000", 11000, 10000, 12000),
    ("10,000 to 12,000", 11000, 10000, 12000),
    ("between 10,000 and 12,000", 11000, 10000, 12000),
    ("two to three thousand", 2500, 2000, 3000),
    ("10 to 12 million", 11e6, 10e6, 12e6),
    ("between 1 million and 2 million", 1.5e6, 1e6, 2e6),
])
def test_figures_and_ranges(text, value, low, high):
    amount = only(text + " soldiers")
    assert amount.text == text
    assert (amount.value, amount.low, amount.high) == pytest.approx((value, low, high))
    assert amount.approximate == (low != high)


@pytest.mark.parametrize("qualifier, low, high", [
    ("at least", 500, NAN), ("more than", 500, NAN), ("over", 500, NAN), ("upwards of", 500, NAN),
    ("up to", NAN, 500), ("fewer than", NAN, 500), ("less than", NAN, 500), ("as many as", NAN, 500),
])
def test_bounds_leave_the_other_side_open(qualifier, low, high):
    amount = only(f"{qualifier} 500 troops")
    assert amount.qualifier == qualifier and amount.value == 500
    assert same(amount.low, low) and same(amount.high, high)
    assert not amount.approximate


@pytest.mark.parametrize("hedge", ["around", "about", "some", "roughly", "nearly", "an estimated", "approximately"])
def test_hedges_make_an_amount_approximate(hedge):
    amount = only(f"The army sent {hedge} 4,000 workers.")
    assert amount.qualifier == hedge and amount.approximate
    assert amount.text == f"{hedge} 4,000" and (amount.low, amount.high) == (4000, 4000)


@pytest.mark.parametrize("phrase", ["thousands", "hundreds", "tens of thousands", "dozens", "several hundred"])
def test_vague_amounts_are_the_ranges_of_the_data_file(phrase):
    amount = only(f"{phrase} of soldiers" if not phrase.startswith("several") else f"{phrase} soldiers")
    assert amount.vague and amount.approximate and math.isnan(amount.value)
    assert (amount.low, amount.high) == Lexicon.default().vague_amounts[phrase]
    assert amount.qualifier.startswith(phrase)


def test_a_preposition_before_a_vague_amount_is_no_bound():
    text = "concerns over thousands of soldiers"
    amount = only(text)
    assert amount.text == "thousands" and amount.qualifier == "thousands of"
    assert (amount.low, amount.high) == Lexicon.default().vague_amounts["thousands"]
    # a bound before a figure, a preposition before a vague amount
    assert Lexicon.default().qualifiers["over"] == ("low", True)


def test_offsets_reproduce_the_text_and_amounts_come_in_order():
    text = "Officials said about 10,000 soldiers and up to 4,000 workers, and thousands of others."
    amounts = find_amounts(text)
    assert [a.text for a in amounts] == ["about 10,000", "up to 4,000", "thousands"]
    for a in amounts:
        assert text[a.start:a.end] == a.text


def test_search_window():
    text = "12 soldiers. 30 workers. 45 drones."
    start = text.index("30")
    assert [a.text for a in find_amounts(text, start, text.index("45"))] == ["30"]


def test_words_that_are_not_numbers():
    assert find_amounts("Some of these soldiers have already been posted.") == []
    assert find_amounts("Someone, somewhere, often thinks about it.") == []
    assert words_to_number("one two") is None


@pytest.mark.parametrize("text, qualifier, low, high", [
    ("losses have surpassed 3,500", "surpassed", 3500, NAN),
    ("the toll exceeded 40", "exceeded", 40, NAN),
    ("the count topped 1,000", "topped", 1000, NAN),
    ("the wounded are approaching 600", "approaching", 600, 600),
])
def test_verbs_of_passing_a_figure_are_bounds(text, qualifier, low, high):
    amount = only(text)
    assert amount.qualifier == qualifier and same(amount.low, low) and same(amount.high, high)


@pytest.mark.parametrize("text, low, high", [("a handful of guards", 2, 5), ("several dozen guards", 30, 90),
                                             ("a few dozen guards", 24, 60)])
def test_more_vague_amounts(text, low, high):
    amount = only(text)
    assert amount.vague and (amount.low, amount.high) == (low, high)


@pytest.mark.parametrize("text, amounts", [
    ("RIGA, March 3 - 150 sailors were evacuated, the navy said.", [("150", 150.0)]),
    ("RIGA, March 3 – Two hundred sailors were evacuated.", [("Two hundred", 200.0)]),
    ("Talks are set for March 3-5 in Riga.", [("3-5", 4.0)]),           # a range of days stays a range
    ("Between 1,000 - 1,200 sailors were evacuated.", [("1,000 - 1,200", 1100.0)]),
])
def test_a_datelines_day_before_its_dash_is_no_range_with_the_first_figure(text, amounts):
    assert [(a.text, a.value) for a in find_amounts(text)] == amounts


def test_in_sparse_spans_amounts_are_read_at_most_once_per_gap():
    text = "40 soldiers and 12 tanks, " * 40
    everything = find_amounts(text)
    sparse = find_amounts(text, sparse=[(0, len(text) // 2)], gap=100)
    first_half = [a.start for a in sparse if a.start < len(text) // 2]
    assert all(b - a >= 100 for a, b in zip(first_half, first_half[1:])) and len(first_half) < len(everything) // 4
    assert [a for a in sparse if a.start >= len(text) // 2] == [a for a in everything if a.start >= len(text) // 2]
