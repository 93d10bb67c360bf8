"""Widgets drive tables and charts: each control, when changed, changes what is shown."""
import datetime as dt

import matplotlib
import pytest

matplotlib.use("Agg")

import analysis  # noqa: E402
from analysis import dashboards, plots  # noqa: E402
from analysis.viewer import highlight  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    return analysis.load_corpus()


def points_on(fig):
    """Number of plotted markers (scatter collections) on the first axes."""
    return sum(len(c.get_offsets()) for c in fig.axes[0].collections if hasattr(c, "get_offsets")
               and c.get_offsets().ndim == 2)


def test_claims_explorer_filters(corpus):
    board = dashboards.claims_explorer(corpus)
    total = len(board.table)
    assert total == len(corpus.claims)
    board.controls["kind"].value = "direct"
    assert 0 < len(board.table) < total and (board.table["kind"] == "direct").all()
    board.controls["kind"].value = dashboards.ALL
    board.controls["speaker"].value = "rutte"
    assert set(board.table["claimant"]) == {"Mark Rutte"}
    board.controls["speaker"].value = ""
    board.controls["source"].value = "004"
    assert set(board.table["source"]) == {"004"}
    board.controls["source"].value = dashboards.ALL
    board.controls["affiliation"].value = "NATO"
    assert set(board.table["affiliation"]) == {"NATO"}
    board.controls["affiliation"].value = dashboards.ALL
    board.controls["search"].value = "airport"
    assert board.table["text"].str.contains("airport", case=False).all() and len(board.table) >= 1
    board.controls["search"].value = ""
    board.controls["start"].value = dt.date(2024, 10, 28)
    board.controls["end"].value = dt.date(2024, 10, 28)
    assert len(board.table) >= 1 and (board.table["said_on"] == "2024-10-28").all()


def test_estimates_dashboard_categories_and_derived(corpus):
    board = dashboards.estimates_dashboard(corpus)
    assert board.controls["category"].value == "troops"
    troops = board.table
    assert "United States" in set(troops["who"]) and not (troops["unit"] == "workers").any()
    n_points = points_on(board.figure)
    board.controls["show_derived"].value = False
    assert not board.table["derived"].any() and points_on(board.figure) == n_points - 1
    board.controls["show_derived"].value = True
    board.controls["category"].value = "workers"
    assert board.table["value"].tolist() == [4000] and "workers" in board.figure.axes[0].get_title()
    board.controls["category"].value = "troops"
    board.controls["claimants"].value = ("United States",)
    assert set(board.table["who"]) == {"United States"}
    board.controls["claimants"].value = ()
    board.controls["end"].value = dt.date(2024, 10, 25)
    assert (board.table["date"] <= "2024-10-25").all() and len(board.table) < len(troops)


def test_estimates_chart_is_readable(corpus):
    rows = plots.dated_estimates(corpus.estimates, corpus.articles).query("category == 'troops'")
    ax = plots.estimates_over_time(rows).axes[0]
    assert "troops" in ax.get_title() and "count" in ax.get_ylabel() and "date" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("United States" in t for t in labels) and any("denial" in t for t in labels)
    assert any(line.get_linestyle() == "--" for line in ax.get_lines())  # derived figure dashed to its source


def test_coverage_dashboard_threshold_and_sources(corpus):
    board = dashboards.coverage_dashboard(corpus)
    shared = lambda t: (t.groupby("element_id")["outlet"].nunique() > 1).sum()  # noqa: E731
    before = shared(board.table)
    board.controls["threshold"].value = 0.9
    assert shared(board.table) < before
    board.controls["sources"].value = ("000",)
    assert set(board.table["outlet"]) == {"000"}
    assert len(board.figure.axes[0].get_xticklabels()) == 1


def test_article_viewer_switches_article_and_escapes(corpus):
    board = dashboards.article_viewer(corpus)
    first = board.html
    board.controls["article"].value = "004"
    assert board.html != first and "Matsegora" in board.html
    html = highlight("<script>x</script> said “hi”", __import__("pandas").DataFrame(
        {"start": [0], "end": [17], "layer": ["quote"], "title": ["<t>"]}))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;t&gt;" in html


def test_shared_quote_wordings_show_differences(corpus):
    parts = dashboards.shared_quote_wordings(corpus.coverage)
    assert parts and any("<ins>" in p or "<del>" in p for p in parts)
