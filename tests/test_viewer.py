"""The article viewer highlights spans by their offsets and escapes every piece of article text."""
import html
import re

import pandas as pd
import pytest

import analysis
from analysis.present.viewer import STYLES, article_html, highlight, spans_of
from fixtures_tables import TEXTS, synthetic_corpus

SPAN = re.compile(r'<span style="([^"]*)" title="([^"]*)">(.*?)</span>')


def visible_text(page: str) -> str:
    """The article text a reader sees: the body after the legend, tags removed, entities decoded."""
    body = page.split("</p>", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", "", body.replace("<br>", "\n")))


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_corpus()


def test_markup_in_text_and_titles_is_escaped():
    spans = pd.DataFrame({"start": [0], "end": [18], "layer": ["quote"], "title": ['<t> "x"']})
    page = highlight("<script>x</script> said “hi”", spans)
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert 'title="&lt;t&gt; &quot;x&quot;"' in page


def test_overlapping_spans_combine_their_styles():
    spans = pd.DataFrame({"start": [0, 4], "end": [10, 6], "layer": ["claim", "estimate"], "title": ["c", "e"]})
    pieces = SPAN.findall(highlight("abcdefghijkl", spans))
    assert [p[2] for p in pieces] == ["abcd", "ef", "ghij"]
    assert pieces[1][0] == f"{STYLES['claim']};{STYLES['estimate']}" and pieces[1][1] == "c | e"


def test_synthetic_article_layers_and_round_trip(synthetic):
    spans = spans_of(synthetic, "a1")
    assert sorted(spans["layer"].unique()) == ["claim", "estimate", "quote"]
    assert (spans["layer"] == "claim").sum() == 2  # the direct claim is shown as its quote
    page = article_html(synthetic, "a1")
    assert visible_text(page) == TEXTS["a1"]       # nothing lost, nothing added
    assert "<b>deny</b>" not in page and "&lt;b&gt;deny&lt;/b&gt;" in page
    quoted = [html.unescape(text) for style, _, text in SPAN.findall(page) if STYLES["quote"] in style]
    assert "We <b>deny</b> everything" in "".join(quoted)


@pytest.mark.parametrize("article_id", ["000", "004"])
def test_seed_articles_highlight_every_quote(article_id):
    corpus = analysis.load_corpus()
    page = article_html(corpus, article_id)
    text = corpus.articles.set_index("article_id").loc[article_id, "text"]
    assert visible_text(page) == text
    highlighted = "".join(html.unescape(t.replace("<br>", "\n"))
                          for style, _, t in SPAN.findall(page) if STYLES["quote"] in style)
    for quote in corpus.quotes.query("article_id == @article_id")["text"]:
        assert quote in highlighted
