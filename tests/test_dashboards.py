"""Widgets drive tables and charts: each control, when changed, changes what is shown."""
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import analysis
from analysis.present import dashboards
from fixtures_tables import synthetic_corpus


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_corpus()


@pytest.fixture()
def synthetic():
    return synthetic_corpus()


def marks(fig, gid):
    """How many points or bars of `gid` the chart holds."""
    ax = fig.axes[0]
    return sum(len(a.get_offsets()) if hasattr(a, "get_offsets") else len(a.get_segments())
               for a in ax.get_children() if a.get_gid() == gid)


def all_marks(fig):
    return sum(marks(fig, gid) for gid in ("exact", "approximate", "range", "denial"))


# --- claims explorer -------------------------------------------------------------------------------

def test_each_claim_filter_narrows_the_table(synthetic):
    board = dashboards.claims_explorer(synthetic)
    assert len(board.table) == 4
    changes = {"kind": "direct", "type": "belief", "speaker": "analy", "source": "b1", "affiliation": "US",
               "search": "DENY"}
    expected = {"kind": ["a1-c2"], "type": ["a1-c1"], "speaker": ["a1-c1"], "source": ["b1-c3"],
                "affiliation": ["a1-c0"], "search": ["a1-c2"]}
    for name, value in changes.items():
        reset = board.controls[name].value
        board.controls[name].value = value
        assert board.table["claim_id"].tolist() == expected[name], name
        board.controls[name].value = reset
        assert len(board.table) == 4


def test_claim_dates_fall_back_to_publication(synthetic):
    board = dashboards.claims_explorer(synthetic)
    board.controls["start"].value = dt.date(2024, 1, 19)
    assert board.table["claim_id"].tolist() == ["a1-c1", "a1-c2"]  # said on the 19th; undated, published the 20th
    board.controls["end"].value = dt.date(2024, 1, 19)
    assert board.table["claim_id"].tolist() == ["a1-c2"]


def test_seed_claims_explorer(seeds):
    board = dashboards.claims_explorer(seeds)
    assert len(board.table) == len(seeds.claims)
    board.controls["speaker"].value = "rutte"
    assert len(board.table) >= 1 and set(board.table["claimant"]) == {"Mark Rutte"}
    board.controls["speaker"].value = ""
    board.controls["search"].value = "airport"
    assert len(board.table) >= 1 and board.table["text"].str.contains("airport", case=False).all()


# --- estimates -------------------------------------------------------------------------------------

def test_estimate_controls_change_chart_and_table(synthetic):
    board = dashboards.estimates_dashboard(synthetic)
    assert board.controls["category"].value == "troops"
    assert len(board.table) == 5 and all_marks(board.figure) == 5
    board.controls["show_derived"].value = False
    assert len(board.table) == 4 and marks(board.figure, "approximate") == 1 and not board.table["derived"].any()
    board.controls["show_derived"].value = True
    board.controls["claimants"].value = ("Officials",)
    assert set(board.table["who"]) == {"Officials"} and all_marks(board.figure) == 2
    board.controls["claimants"].value = ()
    board.controls["start"].value = dt.date(2024, 1, 16)
    assert board.table["estimate_id"].tolist() == ["a1-e0", "a1-e3", "a1-e2"]  # in date order
    board.controls["start"].value = None
    board.controls["category"].value = "workers"
    assert board.table["estimate_id"].tolist() == ["b1-e5"] and marks(board.figure, "exact") == 1
    assert "workers" in board.figure.axes[0].get_title()


def test_estimates_table_lists_each_sentence(synthetic):
    board = dashboards.estimates_dashboard(synthetic)
    row = board.table.set_index("estimate_id").loc["a1-e2"]
    assert row["sentence"] == "Analysts said 5,000 soldiers were there." and row["source"] == "Wire"


def test_seed_us_troop_figures_and_workers_apart(seeds):
    board = dashboards.estimates_dashboard(seeds)
    troops = board.table
    assert 10000 in set(troops.loc[troops["who"] == "United States", "value"])
    assert "workers" not in set(troops["unit"]) and 4000 not in set(troops["value"])
    board.controls["category"].value = "workers"
    assert board.table["value"].tolist() == [4000]
    assert "lawmakers" in board.table["who"].iloc[0]


# --- article viewer --------------------------------------------------------------------------------

def test_article_viewer_switches_article(seeds):
    board = dashboards.article_viewer(seeds)
    first = board.html
    board.controls["article"].value = "004"
    assert board.html != first and board.html.startswith("<h4>004")


# --- coverage --------------------------------------------------------------------------------------

def shared_elements(table):
    return int((table.groupby("element_id")["outlet"].nunique() > 1).sum())


def test_threshold_changes_what_counts_as_shared(seeds):
    board = dashboards.coverage_dashboard(seeds)
    before, wordings = shared_elements(board.table), board.html.count("<table>")
    assert before >= 3 and wordings == before
    board.controls["threshold"].value = 0.9
    assert shared_elements(board.table) < before and board.html.count("<table>") < wordings
    assert board.tables["counts"]["shared"].max() < before


def test_picking_sources_changes_matrix_counts_and_discrepancies(seeds):
    board = dashboards.coverage_dashboard(seeds)
    assert len(board.tables["discrepancies"]) >= 2
    board.controls["sources"].value = ("000",)
    assert set(board.table["outlet"]) == {"000"}
    assert [t.get_text() for t in board.figure.axes[0].get_xticklabels()] == ["000"]
    assert board.tables["counts"]["shared"].tolist() == [0]
    assert board.tables["discrepancies"]["article_id"].eq("000").all()
    assert "no element is carried" in board.html
    board.controls["sources"].value = ()
    assert board.table.empty and board.tables["counts"].empty


def test_shared_wordings_mark_differences(seeds):
    wordings = dashboards.element_wordings(seeds.coverage)
    assert (wordings.groupby("element_id")["outlet"].nunique() > 1).all()
    page = dashboards.wordings_html(wordings)
    assert "<ins>" in page and "<del>" in page and "significant escalation" in page
    assert page.count("<table>") > dashboards.wordings_html(wordings, quotes_only=True).count("<table>") > 0


def test_output_widget_shows_the_current_table(synthetic):
    board = dashboards.claims_explorer(synthetic)
    counts = lambda: board.output.outputs[0]["data"]["text/html"]  # noqa: E731
    assert counts() == "<p>4 of 4 claims</p>" and len(board.output.outputs) == 2
    board.controls["kind"].value = "direct"
    assert counts() == "<p>1 of 4 claims</p>" and "a1-c2" in board.output.outputs[1]["data"]["text/plain"]


# --- the claims explorer on a store: the same DuckDB filter over the Parquet files -----------------

@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    from analysis.ingest.articles import load_articles
    from analysis.paths import PROJECT_DIR
    from analysis.store import build_store

    store = tmp_path_factory.mktemp("explorer") / "store"
    build_store([load_articles(PROJECT_DIR / "tests" / "data" / "seeds")], store, link="no")
    return analysis.open_store(store)


def test_claims_explorer_on_a_store_shows_what_it_shows_in_memory(seeds, seed_store):
    in_memory, on_store = dashboards.claims_explorer(seeds), dashboards.claims_explorer(seed_store)
    assert "claims" not in seed_store.__dict__  # the store's claims were never loaded into pandas
    assert on_store.controls["source"].options == in_memory.controls["source"].options
    assert on_store.controls["affiliation"].options == in_memory.controls["affiliation"].options
    for name, value in [("speaker", "rutte"), ("kind", "indirect"), ("search", "troops"),
                        ("start", dt.date(2024, 10, 29)), ("source", in_memory.controls["source"].options[1])]:
        reset = in_memory.controls[name].value
        for board in (in_memory, on_store):
            board.controls[name].value = value
        assert 1 <= len(on_store.table) < len(seeds.claims), name
        pd.testing.assert_frame_equal(on_store.table, in_memory.table, obj=name)
        for board in (in_memory, on_store):
            board.controls[name].value = reset
    pd.testing.assert_frame_equal(on_store.table, in_memory.table)
    assert len(on_store.table) == len(seeds.claims)
    assert "claims" not in seed_store.__dict__


def test_claims_explorer_shows_the_first_claims_and_counts_them_all(seeds):
    board = dashboards.claims_explorer(seeds, shown=3)
    assert len(board.table) == 3 and board.table["claim_id"].tolist() == sorted(seeds.claims["claim_id"])[:3]
    assert f"{len(seeds.claims)} of {len(seeds.claims)} claims (the first 3 shown)" in str(board.output.outputs[0])


def test_claims_filter_takes_words_literally(seeds):
    from analysis.store.query import ClaimsQuery

    query = ClaimsQuery(seeds)
    assert query.filter(search="%")[0] == seeds.claims["text"].str.contains("%", regex=False).sum()
    assert query.filter(speaker="_")[0] == seeds.claims["claimant"].fillna("").str.contains("_", regex=False).sum()
    assert query.filter(search="TROOPS")[0] == seeds.claims["text"].str.contains("troops", case=False).sum() > 0


CLAIM_FILTERS = [{}, {"kind": "indirect"}, {"kind": "direct", "speaker": "RUTTE"}, {"affiliation": "unknown"},
                 {"source": "nowhere"}, {"type": "speech"}, {"search": "troops", "start": dt.date(2024, 10, 29)}]


@pytest.mark.parametrize("limit", [None, 3, 0])
def test_claims_filter_over_duckdbs_copy_finds_what_it_finds_in_the_files(seed_store, monkeypatch, limit):
    """The copy (menus as ENUMs, the first rows found by position) and the view over the files (by claim id)."""
    from analysis.store import query

    copied = query.ClaimsQuery(seed_store)
    monkeypatch.setattr(query, "IN_MEMORY_ROWS", 0)
    read = query.ClaimsQuery(seed_store)
    assert copied.position[0] == "rowid" and read.position[0] == "claim_id"
    assert copied.sources() == read.sources() and copied.affiliations() == read.affiliations()
    for filters in CLAIM_FILTERS:
        (found, rows), (found_read, rows_read) = copied.filter(limit, **filters), read.filter(limit, **filters)
        everything = read.filter(**filters)[1]
        assert found == found_read == len(everything) and (found > 0) == (filters.get("source") != "nowhere")
        pd.testing.assert_frame_equal(rows, rows_read, obj=str(filters))
        pd.testing.assert_frame_equal(rows, everything.head(limit) if limit is not None else everything)


def test_corpus_summary_counts_a_store_without_loading_it(seeds, seed_store):
    assert dashboards.table_counts(seed_store) == dashboards.table_counts(seeds)
    assert dashboards.table_counts(seeds)["claims"] == len(seeds.claims) > 0
    assert not {"articles", "claims", "estimates"} & set(seed_store.__dict__)
    assert f"{len(seeds.claims)} claims" in dashboards.corpus_summary(seed_store, "store/").data


# --- the estimates dashboard through DuckDB: the same rows as pandas over the whole tables -------------------------

ESTIMATE_SETTINGS = [{}, {"show_derived": False}, {"start": dt.date(2024, 10, 28)}, {"end": dt.date(2024, 10, 28)},
                     {"category": "workers"}, {"category": "other"}]


def pandas_estimates(corpus, category="troops", claimants=(), start=None, end=None, show_derived=True):
    """What the estimates dashboard showed before it filtered through DuckDB: pandas over the whole tables."""
    from analysis.present import plots

    rows = plots.dated_estimates(corpus.estimates, corpus.articles)
    keep = rows["category"] == category
    if start:
        keep &= rows["date"] >= pd.Timestamp(start)
    if end:
        keep &= rows["date"] < pd.Timestamp(end) + pd.Timedelta(days=1)
    if claimants:
        keep &= rows["who"].isin(claimants)
    if not show_derived:
        keep &= ~rows["derived"].fillna(False).astype(bool)
    shown = rows[keep.fillna(False).astype(bool)].sort_values(["date", "estimate_id"])
    sentences = corpus.sentences.set_index(["article_id", "sentence_id"])["text"]
    shown = shown.assign(sentence=[sentences.get(key, "") for key in zip(shown["article_id"], shown["sentence_id"])])
    return shown[dashboards.ESTIMATE_COLUMNS].reset_index(drop=True)


def set_controls(board, settings: dict):
    for name, value in settings.items():
        board.controls[name].value = value


@pytest.mark.parametrize("settings", ESTIMATE_SETTINGS + [{"claimants": ("United States",)}])
def test_estimates_on_a_store_are_the_rows_pandas_finds_in_its_tables(seed_store, settings):
    board = dashboards.estimates_dashboard(seed_store)
    set_controls(board, settings)
    assert not {"estimates", "sentences", "articles"} & set(seed_store.__dict__)  # read through DuckDB only
    expected = pandas_estimates(analysis.open_store(seed_store.folder), **settings)
    assert len(expected) >= 1
    pd.testing.assert_frame_equal(board.table, expected)


@pytest.mark.parametrize("settings", ESTIMATE_SETTINGS)
def test_estimates_in_memory_and_on_a_store_are_the_same(seeds, seed_store, settings):
    in_memory, on_store = dashboards.estimates_dashboard(seeds), dashboards.estimates_dashboard(seed_store)
    for name in ("category", "claimants"):
        assert on_store.controls[name].options == in_memory.controls[name].options
    set_controls(in_memory, settings), set_controls(on_store, settings)
    pd.testing.assert_frame_equal(in_memory.table, pandas_estimates(seeds, **settings))  # the frames' own dtypes
    pd.testing.assert_frame_equal(on_store.table, in_memory.table, check_dtype=False)
    assert all_marks(on_store.figure) == all_marks(in_memory.figure) >= 1


@pytest.mark.parametrize("settings", [{}, {"show_derived": False}, {"claimants": ("Officials", "article's own voice")},
                                      {"start": dt.date(2024, 1, 16), "end": dt.date(2024, 1, 19)},
                                      {"category": "casualties"}, {"category": "workers"}])
def test_estimates_query_dates_claimants_and_sources_as_pandas_does(synthetic, settings):
    """Statement days, the middle of a period, publication days; unattributed estimates; outlets and article ids."""
    board = dashboards.estimates_dashboard(synthetic)
    set_controls(board, settings)
    pd.testing.assert_frame_equal(board.table, pandas_estimates(synthetic, **settings))


def test_estimates_dashboard_draws_the_first_estimates_and_counts_them_all(seeds):
    board = dashboards.estimates_dashboard(seeds, shown=2)
    assert board.table["estimate_id"].tolist() == pandas_estimates(seeds)["estimate_id"].tolist()[:2]
    assert "6 estimates match; the first 2 by date are shown" in str(board.output.outputs[1])


def test_estimates_listing_and_counts_as_the_notebook_shows_them(seeds, seed_store):
    from analysis.store.query import EstimatesQuery

    columns = ["estimate_id", "text", "value", "low", "category", "claimant", "said_on", "derived"]
    for corpus in (seeds, seed_store):
        query = EstimatesQuery(corpus)
        pd.testing.assert_frame_equal(query.first(columns), analysis.open_store(seed_store.folder).estimates
                                      [columns].sort_values("estimate_id").reset_index(drop=True),
                                      check_dtype=corpus is seed_store)
        pd.testing.assert_series_equal(query.count_by("category"), seeds.estimates.groupby("category").size(),
                                       check_index_type=corpus is seeds)
    assert len(EstimatesQuery(seeds).first(columns, limit=3)) == 3
    pd.testing.assert_frame_equal(EstimatesQuery(seeds).first(columns), seeds.estimates[columns])


# --- the coverage dashboard on a store: the build's tables at the default threshold, linked again at another -------

@pytest.fixture(scope="module")
def linked_store(tmp_path_factory):
    from analysis.ingest.articles import load_articles
    from analysis.paths import PROJECT_DIR
    from analysis.store import build_store

    store = tmp_path_factory.mktemp("coverage") / "store"
    build_store([load_articles(PROJECT_DIR / "tests" / "data" / "seeds")], store, link="yes")
    return store


def test_coverage_of_a_linked_store_is_read_at_the_default_threshold_and_linked_again_at_another(
        seeds, linked_store, monkeypatch):
    calls = []
    relink = dashboards.linked_again
    monkeypatch.setattr(dashboards, "linked_again", lambda corpus, threshold: calls.append(threshold) or
                        relink(corpus, threshold))
    store = analysis.open_store(linked_store)
    assert store.manifest["linked"]
    on_store, in_memory = dashboards.coverage_dashboard(store), dashboards.coverage_dashboard(seeds)
    assert calls == [] and "as the store's build linked them" in str(on_store.output.outputs[0])
    assert "_alignment" not in store.__dict__  # its coverage was never read into pandas
    stored = analysis.open_store(linked_store).table("coverage")
    pd.testing.assert_frame_equal(on_store.table, stored[stored["outlet"].isin(on_store.value("sources"))]
                                  .reset_index(drop=True))
    assert not on_store.controls["threshold"].continuous_update and in_memory.controls["threshold"].continuous_update
    for threshold in (0.9, 0.25, 0.9):
        for board in (on_store, in_memory):
            board.controls["threshold"].value = threshold
        pd.testing.assert_frame_equal(on_store.table, in_memory.table, check_dtype=False)
        pd.testing.assert_frame_equal(on_store.tables["discrepancies"], in_memory.tables["discrepancies"],
                                      check_dtype=False)
    assert calls == [0.9]  # once: the slider's values are kept
    assert "linked again from the store's files at similarity ≥ 0.90" in str(on_store.output.outputs[0])
    assert shared_elements(on_store.table) < shared_elements(stored)


def test_coverage_in_memory_says_nothing_of_where_it_comes_from(seeds):
    board = dashboards.coverage_dashboard(seeds)
    assert "Coverage and discrepancies" not in str(board.output.outputs)
    assert board.table.equals(seeds.coverage[seeds.coverage["outlet"].isin(board.value("sources"))]
                              .reset_index(drop=True))


def test_the_heatmap_draws_the_widest_elements_and_the_wordings_are_counted_past_the_limit(seeds, monkeypatch):
    matrix = pd.DataFrame({"a": [1, 0, 2, 1, 0], "b": [0, 1, 1, 1, 3], "c": [0, 0, 0, 1, 1]},
                          index=pd.Index([f"E{n}" for n in range(5)], name="element_id"))
    assert dashboards.widest_elements(matrix, 2).index.tolist() == ["E3", "E4"]  # 3 sources, then 2 with 4 members
    assert dashboards.widest_elements(matrix, 3).index.tolist() == ["E2", "E3", "E4"]  # in element order
    assert dashboards.widest_elements(matrix, 5).equals(matrix)
    monkeypatch.setattr(dashboards, "DRAWN_ELEMENTS", 4)
    monkeypatch.setattr(dashboards, "WORDED_ELEMENTS", 2)
    board = dashboards.coverage_dashboard(seeds)
    elements = board.table["element_id"].nunique()
    assert len(board.figure.axes[0].get_yticklabels()) == 4 < elements
    assert f"draws the 4 elements carried by the most sources, of {elements:,}" in str(board.output.outputs[0])
    shared = shared_elements(board.table)
    assert board.html.count("<h4>") == 2 and f"… and {shared - 2} more shared elements" in board.html


# --- what the coverage dashboard shows, through DuckDB: what the pandas functions find in the whole tables ----------

def pandas_coverage(coverage, discrepancies, articles, sources, drawn=60, worded=100):
    """What the coverage dashboard showed before it queried DuckDB: pandas over the whole tables."""
    from analysis.ingest.articles import source_names
    from analysis.link.coverage import coverage_matrix, source_counts

    chosen = coverage[coverage["outlet"].isin(sources)].reset_index(drop=True)
    matrix = coverage_matrix(chosen)
    wordings = dashboards.element_wordings(chosen)
    first = sorted(wordings["element_id"].unique())[:worded]
    return {"rows": chosen, "counts": source_counts(chosen), "widest": dashboards.widest_elements(matrix, drawn),
            "elements": len(matrix), "wordings": wordings[wordings["element_id"].isin(first)].reset_index(drop=True),
            "shared": wordings["element_id"].nunique(),
            "discrepancies": discrepancies[discrepancies["article_id"].map(source_names(articles)).isin(sources)]
            .reset_index(drop=True)}


def query_coverage(query, sources, drawn=60, worded=100):
    widest, elements = query.widest(sources, drawn)
    wordings, shared = query.wordings(sources, worded)
    return {"rows": query.rows(sources)[1], "counts": query.counts(sources), "widest": widest, "elements": elements,
            "wordings": wordings, "shared": shared, "discrepancies": query.discrepancies(sources)[1]}


def assert_same_coverage(found: dict, expected: dict, check_dtype=True):
    assert found.keys() == expected.keys()
    for name in ("elements", "shared"):
        assert found[name] == expected[name], name
    for name in ("rows", "counts", "widest", "wordings", "discrepancies"):
        pd.testing.assert_frame_equal(found[name], expected[name], check_dtype=check_dtype,
                                      check_index_type=check_dtype, check_column_type=check_dtype, obj=name)


CHOSEN = [("000", "004"), ("004",), ()]


@pytest.mark.parametrize("sources", CHOSEN)
@pytest.mark.parametrize("drawn, worded", [(60, 100), (3, 2)])
def test_coverage_query_on_a_store_finds_what_pandas_finds_in_its_tables(linked_store, sources, drawn, worded):
    from analysis.store.query import CoverageQuery

    store = analysis.open_store(linked_store)
    found = query_coverage(CoverageQuery(store), list(sources), drawn, worded)
    assert not {"_alignment", "articles"} & set(store.__dict__)  # the files were read by DuckDB only
    tables = analysis.open_store(linked_store)
    expected = pandas_coverage(tables.table("coverage"), tables.table("discrepancies"), tables.articles, sources,
                               drawn, worded)
    if sources == ("000", "004"):  # the seeds' two articles share elements (more than 2), and disagree
        assert expected["shared"] > 2 and expected["elements"] > 3 and len(expected["discrepancies"]) >= 2
    assert_same_coverage(found, expected)


@pytest.mark.parametrize("sources", CHOSEN)
def test_coverage_query_in_memory_finds_what_pandas_finds(seeds, sources):
    from analysis.store.query import CoverageQuery

    found = query_coverage(CoverageQuery(seeds), list(sources), 3, 2)
    assert_same_coverage(found, pandas_coverage(seeds.coverage, seeds.discrepancies, seeds.articles, sources, 3, 2))


def test_coverage_query_of_a_store_linked_again_finds_what_align_finds(seeds, linked_store):
    from analysis.link.coverage import align
    from analysis.store.query import linked_again

    query = linked_again(analysis.open_store(linked_store), 0.5)
    coverage, discrepancies = align(seeds, threshold=0.5)
    import pyarrow.parquet as pq  # the folder keeps the coverage rows, not the members the linking compared
    assert sum(pq.read_metadata(p).num_rows for p in Path(query.folder.name).iterdir()) == len(coverage)
    assert_same_coverage(query_coverage(query, ["000", "004"], 3, 2),
                         pandas_coverage(coverage, discrepancies, seeds.articles, ["000", "004"], 3, 2),
                         check_dtype=False)


def test_coverage_query_keeps_table_order_where_pandas_breaks_ties_by_it():
    """Two sentences of one source, equally matched: the wording is the first in the table, not in the file's
    order of outlets or texts; elements as wide and as large are drawn in element order."""
    from analysis.link.coverage import coverage_matrix
    from analysis.store.query import CoverageQuery

    rows = [("E1", "z", "s", "b", 0.5), ("E1", "z", "s", "a", 0.5), ("E1", "y", "claim", "c", 0.3),
            ("E0", "y", "s", "d", None), ("E0", "z", "s", "e", None), ("E2", "y", "s", "f", None),
            ("E2", "z", "s", "g", None), ("E3", "y", "sentence", "h", None)]
    coverage = pd.DataFrame(rows, columns=["element_id", "outlet", "member", "text", "similarity"]).assign(
        label=lambda f: "label " + f["element_id"], article_id=lambda f: f["outlet"],
        start=pd.array(range(len(rows)), dtype="Int64"))  # nullable, as in every coverage table
    coverage["member"] = coverage["member"].replace("s", "sentence")
    corpus = SimpleNamespace(articles=pd.DataFrame({"article_id": ["y", "z"], "outlet": ["y", "z"]}))
    query = CoverageQuery(corpus, {"coverage": coverage, "discrepancies": pd.DataFrame(columns=["article_id"])})
    wordings, _ = query.wordings(["y", "z"])
    pd.testing.assert_frame_equal(wordings, dashboards.element_wordings(coverage))
    assert wordings.loc[wordings["outlet"].eq("z") & wordings["element_id"].eq("E1"), "text"].tolist() == ["b"]
    for limit in (1, 2, 3):
        pd.testing.assert_frame_equal(query.widest(["y", "z"], limit)[0],
                                      dashboards.widest_elements(coverage_matrix(coverage), limit))
    assert query.widest(["y", "z"], 2)[0].index.get_level_values(0).tolist() == ["E0", "E1"]


def test_coverage_dashboard_on_a_store_shows_what_it_shows_in_memory(seeds, linked_store):
    on_store = dashboards.coverage_dashboard(analysis.open_store(linked_store))
    in_memory = dashboards.coverage_dashboard(seeds)
    for sources in CHOSEN:
        for board in (on_store, in_memory):
            board.controls["sources"].value = sources
        assert on_store.html == in_memory.html
        labels = [[t.get_text() for t in b.figure.axes[0].get_yticklabels()] for b in (on_store, in_memory)]
        assert labels[0] == labels[1]
        for name in ("counts", "discrepancies"):
            pd.testing.assert_frame_equal(on_store.tables[name], in_memory.tables[name], check_dtype=False,
                                          check_index_type=False, obj=name)
        pd.testing.assert_frame_equal(on_store.table, in_memory.table, check_dtype=False)


def test_coverage_dashboard_lists_the_first_rows_and_says_how_many_discrepancies(seeds):
    board = dashboards.coverage_dashboard(seeds, shown=1)
    assert len(board.table) == 1 and len(board.tables["discrepancies"]) == 1 < len(seeds.discrepancies)
    pd.testing.assert_frame_equal(board.table, seeds.coverage.iloc[:1])
    assert f"The first 1 of {len(seeds.discrepancies)}." in str(board.output.outputs)
