"""Discrepancies inside aligned elements, on small hand-made elements (no alignment involved)."""
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import schemas
from analysis.link.discrepancies import find_discrepancies


def element(*wordings, claims=(), quotes=(), estimates=()):
    """A corpus of one article per wording and a coverage table making them one element E0000.

    Each wording is one sentence member. `claims`, `quotes`, `estimates`: (article_id, words, extra
    columns) located in that article's text.
    """
    texts = {f"a{k}": text for k, text in enumerate(wordings)}

    def rows(specs, id_column, table):
        out = []
        for n, (article, words, extra) in enumerate(specs):
            start = texts[article].index(words)
            out.append({id_column: f"{article}-{n}", "article_id": article, "start": start,
                        "end": start + len(words), "text": words, **extra})
        return schemas.conform(table, pd.DataFrame(out)) if out else schemas.empty_frame(table)

    articles = pd.DataFrame({"article_id": list(texts), "outlet": [f"Outlet {a}" for a in texts],
                             "published": pd.Timestamp("2024-10-28"), "text": list(texts.values()), "status": "ok"})
    coverage = schemas.conform("coverage", pd.DataFrame({
        "element_id": "E0000", "label": "x", "article_id": list(texts), "outlet": articles["outlet"],
        "member": "sentence", "start": 0, "end": [len(t) for t in texts.values()], "text": list(texts.values())}))
    corpus = SimpleNamespace(articles=articles, claims=rows(claims, "claim_id", "claims"),
                             quotes=rows(quotes, "quote_id", "quotes"), estimates=rows(estimates, "estimate_id", "estimates"))
    return corpus, coverage


def fields(found, field):
    rows = found[found["field"] == field]
    return rows.groupby("article_id")["value"].agg(set).to_dict()


def test_months_that_differ_are_listed_with_their_words():
    corpus, coverage = element("In July, the president had visited the capital.",
                               "The state visit to the capital in June sealed the pact.")
    found = find_discrepancies(corpus, coverage)
    assert fields(found, "month") == {"a0": {"July"}, "a1": {"June"}}
    for row in found.itertuples():
        assert corpus.articles.set_index("article_id")["text"][row.article_id][row.start:row.end] == row.text


def test_same_month_and_the_verb_may_are_not_discrepancies():
    corpus, coverage = element("In June the leaders may meet.", "The leaders met in June, officials said.")
    assert find_discrepancies(corpus, coverage).empty


def test_days_written_differently_agree_and_different_days_do_not():
    same, cov = element("They met on Oct. 28 at the airport.", "They met on 28 October at the airport.")
    assert find_discrepancies(same, cov).empty
    other, cov = element("They met on October 28 at the airport.", "They met on October 27 at the airport.")
    assert fields(find_discrepancies(other, cov), "date") == {"a0": {"October 28"}, "a1": {"October 27"}}


@pytest.mark.parametrize("first, second, differs", [
    (("around 10,000", 10000, 10000, 10000), ("thousands", None, 2000, 9999), True),
    (("around 10,000", 10000, 10000, 10000), ("some 10,000", 10000, 10000, 10000), False),
])
def test_numbers_are_compared_by_their_range(first, second, differs):
    texts = [f"Officials said {first[0]} troops are there.", f"Officials said {second[0]} troops are there."]
    estimates = [(f"a{k}", words, {"value": value, "low": low, "high": high, "category": "troops", "derived": False})
                 for k, (words, value, low, high) in enumerate((first, second))]
    corpus, coverage = element(*texts, estimates=estimates)
    found = fields(find_discrepancies(corpus, coverage), "number")
    assert found == ({"a0": {first[0]}, "a1": {second[0]}} if differs else {})


def test_numbers_of_different_categories_are_not_compared():
    texts = ["About 10,000 troops and 4,000 workers were sent.", "About 10,000 troops were sent."]
    estimates = [("a0", "About 10,000", {"low": 10000, "high": 10000, "category": "troops"}),
                 ("a0", "4,000", {"low": 4000, "high": 4000, "category": "workers"}),
                 ("a1", "About 10,000", {"low": 10000, "high": 10000, "category": "troops"})]
    corpus, coverage = element(*texts, estimates=estimates)
    assert find_discrepancies(corpus, coverage).empty


def test_names_spelt_differently_are_a_discrepancy_short_forms_are_not():
    corpus, coverage = element("President Anton Zelensky spoke. Later Zelensky left.",
                               "President Anton Zelenskiy spoke to reporters.",
                               "Minister Zelensky arrived.")
    found = find_discrepancies(corpus, coverage)
    names = fields(found, "name")
    assert names == {"a0": {"Anton Zelensky"}, "a1": {"Anton Zelenskiy"}}


def test_different_title_words_differ_a_fuller_title_does_not():
    corpus, coverage = element("Foreign Minister Ana Ruiz arrived.", "Ambassador Ana Ruiz arrived.",
                               "Northland Foreign Minister Ana Ruiz arrived.")
    titles = fields(find_discrepancies(corpus, coverage), "title")
    assert titles == {"a0": {"Foreign Minister"}, "a1": {"Ambassador"}, "a2": {"Northland Foreign Minister"}}
    fuller, coverage = element("ambassador Ana Ruiz saw them off.", "Northland Ambassador to Southland Ana Ruiz met them.")
    assert fields(find_discrepancies(fuller, coverage), "title") == {}


def test_claimant_title_outside_the_claim_is_read():
    texts = ["Envoy Ana Ruiz said the talks would go on.", "Minister Ana Ruiz said talks would go on."]
    claims = [(f"a{k}", "the talks would go on" if k == 0 else "talks would go on",
               {"claimant_start": 0, "claimant_end": texts[k].index(" said")}) for k in range(2)]
    corpus, coverage = element(*texts, claims=claims)
    coverage = coverage.assign(member="claim", claim_id=["a0-0", "a1-1"],
                               start=corpus.claims["start"], end=corpus.claims["end"], text=corpus.claims["text"])
    assert fields(find_discrepancies(corpus, coverage), "title") == {"a0": {"Envoy"}, "a1": {"Minister"}}


def test_same_words_credited_to_different_speakers():
    texts = ["“We will not stop,” the minister said.", "“We will not stop,” the general said."]
    quotes = [(f"a{k}", "We will not stop", {"speaker": who, "speaker_start": texts[k].index(who),
                                             "speaker_end": texts[k].index(who) + len(who)})
              for k, who in enumerate(("the minister", "the general"))]
    corpus, coverage = element(*texts, quotes=quotes)
    found = find_discrepancies(corpus, coverage)
    assert fields(found, "speaker") == {"a0": {"the minister"}, "a1": {"the general"}}
    assert set(found.loc[found["field"] == "speaker", "text"]) == {"the minister", "the general"}


def test_elements_of_one_article_have_no_discrepancies():
    corpus, coverage = element("In July they met.", "In June they met.")
    alone = coverage.assign(element_id=["E0000", "E0001"])
    assert find_discrepancies(corpus, alone).empty
    columns = list(schemas.COLUMNS["discrepancies"])
    assert list(find_discrepancies(corpus, alone).columns)[:len(columns)] == columns
