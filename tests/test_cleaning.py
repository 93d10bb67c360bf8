"""Chrome stripping: general rules, not the seed strings; removed lines are returned."""
import pytest

from analysis.cleaning import load_rules, strip_chrome

ARTICLE = ("The council voted on Monday to widen the road, officials said.\n\n"
           "“It is a good day,” the mayor said after the vote.")


@pytest.mark.parametrize("chrome", [
    "Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Read more", "Continue reading",
    "Related stories", "Skip to content", "Subscribe now", "Share on Facebook", "Facebook | Twitter | Email",
    "fr_FRFrançais", "en_GBEnglish de_DEDeutsch", "Mailing Address", "1600 Pennsylvania Ave",
    "221B Baker Street", "Springfield, IL 62701", "London, SW1A 1AA", "© 2024 Example Media. All rights reserved.",
])
def test_chrome_lines_are_removed(chrome):
    text, removed = strip_chrome(f"{chrome}\n\n{ARTICLE}\n\n{chrome}")
    assert text == ARTICLE
    assert removed == [chrome, chrome]


@pytest.mark.parametrize("prose", [
    "Share prices fell on Monday, the exchange said.",
    "Home secretaries met in Paris.",
    "He lives at 12 Main Street with his family, neighbours said.",
    "English is spoken by the delegates.",
    "Read more about the plan in the report, the minister told lawmakers.",
])
def test_prose_that_resembles_chrome_is_kept(prose):
    text, removed = strip_chrome(f"{prose}\n\n{ARTICLE}")
    assert text.startswith(prose) and removed == []


def test_lead_repeated_after_a_teaser_marker_is_removed():
    teaser = "Amid rising tension over the dam, the minister is visiting the border for the third time"
    lead = "As tension rises over the dam, the minister is visiting the border for the third time."
    text, removed = strip_chrome(f"{teaser}\n\nread more\n\n{lead}\n\n{ARTICLE}")
    assert text == f"{teaser}\n\n{ARTICLE}" and removed == ["read more", lead]


def test_line_before_a_teaser_marker_stays_when_it_does_not_repeat_the_lead():
    first = "Farmers blocked the motorway with tractors on Friday."
    text, removed = strip_chrome(f"{first}\n\nRead more\n\n{ARTICLE}")
    assert text.startswith(first) and removed == ["Read more"]


def test_repeated_paragraph_is_removed_once():
    par = "The minister said the talks would continue next week in Geneva."
    text, removed = strip_chrome(f"{par}\n\n{ARTICLE}\n\n{par}")
    assert text.count(par) == 1 and removed == [par]


def test_user_rules_extend_the_list(tmp_path):
    extra = tmp_path / "more.csv"
    extra.write_text("kind,pattern,why\nnavigation,lire la suite,French teaser\n")
    text, removed = strip_chrome(f"Lire la suite\n\n{ARTICLE}", load_rules(extra))
    assert text == ARTICLE and removed == ["Lire la suite"]


def test_newlines_and_unicode_are_normalised():
    text, _ = strip_chrome("Cafe\u0301 owners met.\r\nThey agreed.  \r\n")
    assert text == "Café owners met.\nThey agreed."
