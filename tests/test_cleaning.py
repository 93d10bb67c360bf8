"""Chrome stripping: general rules, not the seed strings; removed lines are returned."""
import pytest

from analysis.ingest.cleaning import load_rules, strip_chrome

ARTICLE = ("The council voted on Monday to widen the road, officials said.\n\n"
           "“It is a good day,” the mayor said after the vote.")


@pytest.mark.parametrize("chrome, kind", [
    ("Advertisement", "ad"), ("ADVERTISEMENT", "ad"), ("Story continues below advertisement", "ad"),
    ("Read more", "teaser"), ("Continue reading", "teaser"), ("Related stories", "teaser"),
    ("Skip to content", "navigation"), ("Subscribe now", "navigation"), ("Home | World | Politics", "navigation"),
    ("News • Sport · Weather | Travel", "navigation"),
    ("Share on Facebook", "social"), ("Facebook | Twitter | Email", "social"),
    ("fr_FRFrançais", "language"), ("en_GBEnglish de_DEDeutsch", "language"), ("pt-BRPortuguês", "language"),
    ("Mailing Address", "address"), ("1600 Pennsylvania Ave", "address"), ("221B Baker Street", "address"),
    ("77 Harbour Road, Suite 4", "address"), ("Springfield, IL 62701", "address"), ("London, SW1A 1AA", "address"),
    ("P.O. Box 1234", "address"), ("© 2024 Example Media. All rights reserved.", "navigation"),
    ("Advertisement - Scroll to continue", "ad"), ("Click here to read the full report", "navigation"),
    ("Sign up for our free newsletter", "navigation"), ("Listen to this article", "navigation"),
    ("5 min read", "navigation"), ("Most read", "navigation"), ("Trending now", "navigation"),
    ("Editor's picks", "navigation"), ("Subscribe to our newsletter", "navigation"),
    ("Related: Minister visits the border", "teaser"), ("More stories from World", "teaser"),
    ("Print this article", "social"), ("Show comments", "social"), ("12 Comments", "social"),
    ("Photo: Reuters", "caption"), ("Image credit: Jane Roe/AFP via Getty Images", "caption"),
    ("(Photo by Jane Roe/AFP via Getty Images)", "caption"),
])
def test_chrome_lines_are_removed_with_their_reason(chrome, kind):
    text, removed, why = strip_chrome(f"{chrome}\n\n{ARTICLE}\n\n{chrome}")
    assert text == ARTICLE
    assert removed == [chrome, chrome] and why == [kind, kind]


def test_address_block_under_a_heading_is_removed_whole():
    block = "Our Address\n\n12 Station Road\nLeeds, LS1 4DY\n\nContact us"
    text, removed, why = strip_chrome(f"{ARTICLE}\n\n{block}")
    assert text == ARTICLE
    assert removed == ["Our Address", "12 Station Road", "Leeds, LS1 4DY", "Contact us"]
    assert set(why) == {"address"}


@pytest.mark.parametrize("prose", [
    "Share prices fell on Monday, the exchange said.",
    "Home secretaries met in Paris.",
    "He lives at 12 Main Street with his family, neighbours said.",
    "English is spoken by the delegates.",
    "Read more about the plan in the report, the minister told lawmakers.",
    "The embassy at 304 Elm Street was closed on Monday, a spokesman said.",
    "Springfield, Illinois, voted on Tuesday.",
    "Troops moved | officials said | nothing more.",
    "Home | World | " * 400 + "and the rest.",  # a long menu-like line with a full stop: prose, found linearly
    "Sign up to the deal, the minister urged.",
    "Listen to this, he told the crowd.",
    "Comments from the minister were welcomed by the opposition.",
    "Video: the minister said the talks had gone well.",
    "More stories will follow, the editor said.",
    "Trending downward, prices fell for a third month.",
])
def test_prose_that_resembles_chrome_is_kept(prose):
    text, removed, _ = strip_chrome(f"{prose}\n\n{ARTICLE}")
    assert text.startswith(prose) and removed == []


def test_lead_reworded_after_a_teaser_marker_is_removed_and_the_first_wording_stays():
    teaser = "Amid rising tension over the dam, the minister is visiting the border for the third time"
    lead = "As tension rises over the dam, the minister is visiting the border for the third time."
    text, removed, why = strip_chrome(f"{teaser}\n\nread more\n\n{lead}\n\n{ARTICLE}")
    assert text == f"{teaser}\n\n{ARTICLE}"
    assert removed == ["read more", lead] and why == ["teaser", "teaser"]


def test_repeat_is_found_when_it_comes_further_down():
    teaser = "Rail strike halts trains across the north as unions reject the pay offer"
    repeat = "Unions rejected the pay offer and a rail strike halted trains across the north on Friday."
    text, removed, _ = strip_chrome(f"{teaser}\n\nContinue reading\n\n{ARTICLE}\n\n{repeat}")
    assert removed == ["Continue reading", repeat] and text == f"{teaser}\n\n{ARTICLE}"


@pytest.mark.parametrize("before", [
    "Farmers blocked the motorway with tractors on Friday.",   # does not repeat anything later
    "The council voted",                                       # too short to judge
])
def test_line_before_a_teaser_marker_stays_when_it_does_not_repeat_the_lead(before):
    text, removed, _ = strip_chrome(f"{before}\n\nRead more\n\n{ARTICLE}")
    assert text.startswith(before) and removed == ["Read more"]


def test_repeated_paragraph_is_removed_once():
    par = "The minister said the talks would continue next week in Geneva."
    text, removed, why = strip_chrome(f"{par}\n\n{ARTICLE}\n\n{par}")
    assert text.count(par) == 1 and removed == [par] and why == ["repeat"]


def test_user_rules_extend_the_list(tmp_path):
    extra = tmp_path / "more.csv"
    extra.write_text("kind,pattern,why\nnavigation,lire la suite,French teaser\n")
    text, removed, _ = strip_chrome(f"Lire la suite\n\n{ARTICLE}", load_rules(extra))
    assert text == ARTICLE and removed == ["Lire la suite"]
    assert strip_chrome(f"Lire la suite\n\n{ARTICLE}").removed == []


def test_newlines_and_unicode_are_normalised():
    text, _, _ = strip_chrome("Cafe\u0301 owners met.\r\nThey agreed.  \r\n")
    assert text == "Café owners met.\nThey agreed."


def test_every_rule_is_documented():
    kinds = load_rules().kinds
    assert kinds["why"].str.len().gt(20).all()
    assert {"ad", "teaser", "navigation", "social", "language", "address", "caption"} <= set(kinds["kind"])
