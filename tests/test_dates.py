"""said_on: date words by the cue, resolved against the publication date with tense."""
import pandas as pd
import pytest

from analysis.extract.dates import date_range, resolve_said_on, resolve_said_on_range

TUESDAY = pd.Timestamp("2024-10-29")


def said_on(text, cue="said", published=TUESDAY):
    i = text.index(cue)  # the first occurrence
    return resolve_said_on(text, i, i + len(cue), published)


@pytest.mark.parametrize("text, cue, expected", [
    ("The ministry on Monday said the border was closed.", "said", "2024-10-28"),
    ("The ministry said on Monday that the border was closed.", "said", "2024-10-28"),
    ("The ministry said on Tuesday that the border was closed.", "said", "2024-10-29"),
    ("The ministry said on Wednesday that the border was closed.", "said", "2024-10-23"),
    ("The ministry said on Sunday that it was closed.", "said", "2024-10-27"),
    ("The minister will say on Wednesday that it is over.", "say", "2024-10-30"),
    ("The minister will say on Monday that it is over.", "say", "2024-11-04"),
    ("A diplomat said on Oct. 22 that it was false.", "said", "2024-10-22"),
    ("A diplomat said on October 28 that it was false.", "said", "2024-10-28"),
    ("A diplomat said on 28 October that it was false.", "said", "2024-10-28"),
    ("A diplomat said on December 30 that it was false.", "said", "2023-12-30"),
    ("A diplomat said on Oct. 22, 2023 that it was false.", "said", "2023-10-22"),
    ("A diplomat said yesterday that it was false.", "said", "2024-10-28"),
    ("A diplomat said today that it was false.", "said", "2024-10-29"),
    ("The minister will visit on Wednesday, the agency reported.", "reported", None),
    ("The agency reported that the minister left.", "reported", None),
    ("He said the talks on Friday went well.", "said", None),
    ("The ministry said last week that the border was closed.", "said", None),
    ("The ministry said in a statement on Monday that the border was closed.", "said", "2024-10-28"),
    ("The minister told reporters on Friday that the border was closed.", "told", "2024-10-25"),
    ("The ministry said late on Sunday that the border was closed.", "said", "2024-10-27"),
    ("On Monday, the ministry said the border was closed.", "said", "2024-10-28"),
    ("Earlier on Monday, the ministry said the border was closed.", "said", "2024-10-28"),
    ("On Monday, troops crossed the border, the ministry said.", "said", None),
    ("Troops crossed the border on Monday, the ministry said.", "said", None),
    ("The ministry said that on Monday troops crossed the border.", "said", None),
    ("He will travel there. The ministry said on Monday that it was closed.", "said", "2024-10-28"),
    ("The agency will report on November 2 that the count is done.", "report", "2024-11-02"),
    ("A diplomat said on October 29 that it was false.", "said", "2024-10-29"),
    ("A diplomat said yesterday that it was false.", "said", "2024-10-28"),
    ("“Today, I can confirm that the troops left,” the minister said.", "confirm", None),
    ("“Today, I can confirm that the troops left,” the minister said.", "said", None),
    ("“We said on Oct. 22 that it was false,” the envoy said.", "said", "2024-10-22"),
    ("Troops arrived on Monday. He said that it was over.", "said", None),
    ("He told reporters the talks on Friday went well.", "told", None),
    ("He told a news conference on Friday that it went well.", "told", "2024-10-25"),
    ("The embassy said in a statement on its Telegram channel on Monday that it was over.", "said", "2024-10-28"),
    ("It was over, the ministry said on Monday.", "said", "2024-10-28"),
])
def test_said_on(text, cue, expected):
    result = said_on(text, cue)
    assert (pd.isna(result) if expected is None else result == pd.Timestamp(expected)), result


def test_a_monday_article_means_that_monday():
    assert said_on("The ministry said on Monday that it was closed.", published=pd.Timestamp("2024-10-28")) == pd.Timestamp("2024-10-28")


def test_publication_time_and_zone_do_not_matter():
    published = pd.Timestamp("2024-10-29 23:30", tz="Asia/Seoul")
    assert said_on("The ministry on Monday said it was closed.", published=published) == pd.Timestamp("2024-10-28")
    assert said_on("The ministry on Monday said it was closed.", published="2024-10-29") == pd.Timestamp("2024-10-28")


def test_without_publication_date_only_absolute_dates_resolve():
    assert pd.isna(said_on("The ministry on Monday said it was closed.", published=None))
    assert said_on("A diplomat said on Oct. 22, 2023 that it was false.", published=None) == pd.Timestamp("2023-10-22")
    assert pd.isna(said_on("A diplomat said on Oct. 22 that it was false.", published=None))


@pytest.mark.parametrize("words, first, last", [
    ("last week", "2024-10-21", "2024-10-27"),
    ("this week", "2024-10-28", "2024-10-29"),
    ("last month", "2024-09-01", "2024-09-30"),
    ("this month", "2024-10-01", "2024-10-29"),
    ("in August", "2024-08-01", "2024-08-31"),
    ("in December", "2023-12-01", "2023-12-31"),
    ("in May 2022", "2022-05-01", "2022-05-31"),
    ("on Monday", "2024-10-28", "2024-10-28"),
])
def test_ranges(words, first, last):
    text = f"The ministry said {words} that the border was closed."
    i = text.index("said")
    assert resolve_said_on_range(text, i, i + 4, TUESDAY) == (pd.Timestamp(first), pd.Timestamp(last))


def test_a_date_after_an_inverted_speaker_belongs_to_the_statement():
    text = "The envoy left on Monday, said the agency Reuters on Tuesday."
    cue, speaker_end = text.index("said"), text.index(" on Tuesday")
    assert resolve_said_on(text, cue, cue + 4, TUESDAY, after=speaker_end) == TUESDAY
    assert pd.isna(resolve_said_on(text, cue, cue + 4, TUESDAY))


def test_a_range_has_no_single_day():
    text = "The ministry said last week that the border was closed."
    assert pd.isna(resolve_said_on(text, 13, 17, TUESDAY))
    assert pd.notna(resolve_said_on_range(text, 13, 17, TUESDAY)[0])


@pytest.mark.parametrize("expression, first, last", [
    ("tripling the estimate it had last week", "2024-10-21", "2024-10-27"),
    ("up from 3,000 in August", "2024-08-01", "2024-08-31"),
    ("Oct. 22", "2024-10-22", "2024-10-22"),
    ("no date here", None, None),
])
def test_date_range_of_an_expression(expression, first, last):
    expected = (pd.Timestamp(first), pd.Timestamp(last)) if first else (pd.NaT, pd.NaT)
    got = date_range(expression, TUESDAY)
    assert all(g == e or (pd.isna(g) and pd.isna(e)) for g, e in zip(got, expected)), got


@pytest.mark.parametrize("text, published, expected", [
    ("Last Tuesday, the ministry said the border was closed.", "2024-10-29", "2024-10-22"),  # a Tuesday
    ("Last Friday, the ministry said the border was closed.", "2024-10-29", "2024-10-25"),
    ("The ministry said last Sunday that the border was closed.", "2024-10-29", "2024-10-27"),
])
def test_last_weekday_is_never_the_publication_day(text, published, expected):
    assert said_on(text, published=pd.Timestamp(published)) == pd.Timestamp(expected)


@pytest.mark.parametrize("text, first, last", [
    ("The ministry said over the past week that the border was closed.", "2024-10-22", "2024-10-29"),
    ("Over the past month, the ministry said the border was closed.", "2024-09-29", "2024-10-29"),
    ("Earlier this month, the ministry said the border was closed.", "2024-10-01", "2024-10-29"),  # opener in date
    ("The ministry said earlier this month that the border was closed.", "2024-10-01", "2024-10-29"),
    ("The ministry said in the last week that the border was closed.", "2024-10-22", "2024-10-29"),
])
def test_periods_up_to_the_statement_are_ranges(text, first, last):
    i = text.index("said")
    assert resolve_said_on_range(text, i, i + 4, TUESDAY) == (pd.Timestamp(first), pd.Timestamp(last))
    assert pd.isna(resolve_said_on(text, i, i + 4, TUESDAY))


@pytest.mark.parametrize("text, published, first, last", [
    ("Over the weekend, the ministry said the border was closed.", "2024-10-28", "2024-10-26", "2024-10-27"),
    ("The ministry said at the weekend that the border was closed.", "2024-10-29", "2024-10-26", "2024-10-27"),
    ("The ministry said over the weekend that the border was closed.", "2024-10-26", "2024-10-26", "2024-10-26"),
])
def test_the_weekend_is_the_last_saturday_and_sunday(text, published, first, last):
    i = text.index("said")
    found = resolve_said_on_range(text, i, i + 4, pd.Timestamp(published))
    assert found == (pd.Timestamp(first), pd.Timestamp(last))


@pytest.mark.parametrize("text", ["The ministry said this weekend that the talks had failed.",
                                  "The ministry said on Tuesday that the talks had failed.",
                                  "The MINISTRY SAID ON TUESDAY that the talks had failed."])
def test_a_date_word_near_the_cue_is_found_after_the_quick_check(text):
    cue = text.lower().index("said")
    first, _last = resolve_said_on_range(text, cue, cue + 4, "2024-10-31")
    assert pd.notna(first)


def test_no_date_word_near_the_cue_gives_no_date():
    text = "The ministry said the talks had failed. " * 20 + "It met on Tuesday."
    assert resolve_said_on(text, 13, 17, "2024-10-31") is pd.NaT
