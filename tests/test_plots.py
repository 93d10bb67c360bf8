"""Charts are checked through their data (artists by gid, labels, titles), never their pixels."""
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.present import plots
from analysis.link.coverage import coverage_matrix, source_counts, speaker_share
from fixtures_tables import synthetic_corpus


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_corpus()


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_corpus()


def artists(ax, gid):
    """Every artist of the axes drawn for `gid`."""
    return [a for a in ax.get_children() if a.get_gid() == gid]


def n_marks(ax, gid):
    """How many marks (points, bars or lines) the artists of `gid` hold."""
    total = 0
    for a in artists(ax, gid):
        total += len(a.get_offsets()) if hasattr(a, "get_offsets") else len(a.get_segments()) \
            if hasattr(a, "get_segments") else 1
    return total


def troops_chart(corpus):
    rows = plots.dated_estimates(corpus.estimates, corpus.articles)
    return plots.estimates_over_time(rows[rows["category"] == "troops"], "troops").axes[0]


def test_dated_estimates_date_basis_claimant_and_source(synthetic):
    rows = plots.dated_estimates(synthetic.estimates, synthetic.articles).set_index("estimate_id")
    assert rows.loc["a1-e0", ["date_basis", "date"]].tolist() == ["statement", pd.Timestamp("2024-01-18")]
    assert rows.loc["a1-e1", "date_basis"] == "period" and rows.loc["a1-e1", "date"] == pd.Timestamp("2024-01-11")
    assert rows.loc["a1-e2", ["date_basis", "date"]].tolist() == ["publication", pd.Timestamp("2024-01-20")]
    assert rows.loc["b1-e4", "who"] == plots.UNATTRIBUTED
    assert rows.loc["a1-e0", "source"] == "Wire" and rows.loc["b1-e4", "source"] == "b1"  # no outlet: the id


def test_each_kind_of_estimate_gets_its_mark(synthetic):
    ax = troops_chart(synthetic)
    assert n_marks(ax, "exact") == 1                # 5,000
    assert n_marks(ax, "approximate") == 2          # about 8,000 and the derived earlier figure
    assert n_marks(ax, "range") == 1                # between 2,000 and 4,000
    assert n_marks(ax, "denial") == 1
    [derivation] = artists(ax, "derivation")
    assert derivation.get_linestyle() == "--" and sorted(derivation.get_ydata()) == pytest.approx([2667, 8000])
    [period] = artists(ax, "derived-dates")
    x = period.get_segments()[0][:, 0]
    assert [mdates.num2date(v).date().isoformat() for v in x] == ["2024-01-08", "2024-01-14"]
    [bar] = artists(ax, "range")
    assert sorted(bar.get_segments()[0][:, 1]) == [2000, 4000]


def test_estimates_chart_is_readable_without_the_code(synthetic):
    ax = troops_chart(synthetic)
    assert ax.get_title() == "Estimates of troops over time, by claimant"
    assert "(number)" in ax.get_ylabel() and "date" in ax.get_xlabel()
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.DateFormatter)
    claimants = [t.get_text() for t in ax.artists[0].get_texts()] if ax.artists else []
    assert claimants == sorted(["Analysts", "Officials", "envoy", plots.UNATTRIBUTED])
    assert any("denial" in t.get_text() for t in ax.get_legend().get_texts())
    sources = sorted(a.get_text() for a in artists(ax, "source"))
    assert sources == ["Wire", "Wire", "Wire", "Wire", "b1"]


def test_more_claimants_than_colours_are_drawn_and_the_legend_counts_the_rest(synthetic):
    rows = plots.dated_estimates(synthetic.estimates, synthetic.articles)
    rows = rows[rows["category"] == "troops"].iloc[[2]]  # 5,000, exact
    many = pd.concat([rows.assign(who=f"claimant {n:02d}", estimate_id=f"e{n:02d}") for n in range(45)], ignore_index=True)
    ax = plots.estimates_over_time(many, "troops").axes[0]
    assert n_marks(ax, "exact") == 45
    labels = [t.get_text() for t in ax.artists[0].get_texts()]
    assert len(labels) == plots.LEGEND_CLAIMANTS and labels[-1] == f"… and {45 - plots.LEGEND_CLAIMANTS + 1} more"


def test_workers_are_not_drawn_with_troops(synthetic):
    rows = plots.dated_estimates(synthetic.estimates, synthetic.articles)
    ax = plots.estimates_over_time(rows[rows["category"] == "workers"], "workers").axes[0]
    assert n_marks(ax, "exact") == 1 and n_marks(ax, "range") == 0 and "workers" in ax.get_title()
    assert artists(ax, "exact")[0].get_offsets()[0][1] == 1000


def test_bounds_point_their_way_and_undated_rows_are_counted(synthetic):
    articles = synthetic.articles.assign(published=synthetic.articles["published"].where(
        synthetic.articles["article_id"] != "b1"))
    rows = plots.dated_estimates(synthetic.estimates, articles)
    ax = plots.estimates_over_time(rows[rows["category"] == "casualties"], "casualties").axes[0]
    assert n_marks(ax, "at-least") == 0 and [a.get_text() for a in artists(ax, "undated")] == [
        "1 undated estimate(s) not shown"]
    rows = plots.dated_estimates(synthetic.estimates, synthetic.articles)
    ax = plots.estimates_over_time(rows[rows["category"] == "casualties"], "casualties").axes[0]
    assert n_marks(ax, "at-least") == 1 and n_marks(ax, "exact") == 0 and not artists(ax, "undated")


def test_empty_selection_says_so(synthetic):
    rows = plots.dated_estimates(synthetic.estimates, synthetic.articles)
    ax = plots.estimates_over_time(rows.iloc[0:0], "troops").axes[0]
    assert any("no estimates" in t.get_text() for t in ax.texts)


def test_seed_chart_has_us_figures_and_their_derivation(seeds):
    ax = troops_chart(seeds)
    values = {round(v) for gid in ("exact", "approximate") for a in artists(ax, gid) for _, v in a.get_offsets()}
    assert {10000, 3333} <= values
    assert len(artists(ax, "derivation")) == 1 and n_marks(ax, "denial") >= 1
    assert "United States" in [t.get_text() for t in ax.artists[0].get_texts()]


def test_coverage_heatmap_cells_and_labels(seeds):
    matrix = coverage_matrix(seeds.coverage)
    ax = plots.coverage_heatmap(matrix).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == list(matrix.columns)
    assert len(ax.get_yticklabels()) == len(matrix)
    assert len(ax.texts) == int((matrix.to_numpy() > 0).sum())
    assert np.array_equal(ax.images[0].get_array() > 0, matrix.to_numpy() > 0)
    assert "source" in ax.get_xlabel() and "element" in ax.get_ylabel()


def test_shared_unique_bars_match_counts(seeds):
    counts = source_counts(seeds.coverage)
    ax = plots.shared_unique_bars(counts).axes[0]
    assert [p.get_width() for p in artists(ax, "shared")] == counts["shared"].tolist()
    assert [p.get_width() for p in artists(ax, "unique")] == counts["unique"].tolist()
    assert "count" in ax.get_xlabel()


def test_speaker_share_bars_fill_each_source(seeds):
    share = speaker_share(seeds.quotes, seeds.articles)
    ax = plots.speaker_share_bars(share).axes[0]
    widths = pd.DataFrame([(p.get_y(), p.get_width()) for p in artists(ax, "share")], columns=["y", "w"])
    assert widths.groupby("y")["w"].sum().round(6).eq(100).all()
    assert len(widths) == share["outlet"].nunique() * share["affiliation"].nunique()
    assert "%" in ax.get_xlabel()
