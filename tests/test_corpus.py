"""The assembled corpus: tables present and traceable, strict mode, Parquet round trip, CLI."""
import shutil

import pandas as pd
import pytest

import analysis
from analysis.__main__ import main as cli
from analysis.paths import PROJECT_DIR, SEEDS_DIR
from analysis.store import TABLE_NAMES, load_tables, save_tables

BAD_CORPUS = PROJECT_DIR / "tests" / "data" / "bad_corpus"


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_corpus()


@pytest.mark.parametrize("table", ["sentences", "quotes", "claims", "estimates", "coverage"])
def test_every_row_is_traceable_to_its_article_text(seeds, table):
    frame = getattr(seeds, table)
    assert len(frame), f"{table} is empty for the seeds"
    texts = seeds.articles.set_index("article_id")["text"]
    for row in frame.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text, (table, row)


def test_per_article_ids_are_unique(seeds):
    for table, key in (("quotes", "quote_id"), ("claims", "claim_id"), ("estimates", "estimate_id")):
        assert getattr(seeds, table)[key].is_unique, table


def test_strict_mode_lists_every_problem_in_one_error():
    lenient = analysis.load_corpus(BAD_CORPUS)
    bad = lenient.articles.query("status != 'ok'")
    with pytest.raises(analysis.CorpusError) as err:
        analysis.load_corpus(BAD_CORPUS, strict=True)
    for name in bad["file"].dropna():
        assert name in str(err.value)


def test_parquet_round_trip_keeps_every_table(seeds, tmp_path):
    save_tables(seeds, tmp_path)
    loaded = load_tables(tmp_path)
    for name in TABLE_NAMES:
        assert len(loaded[name]) == len(getattr(seeds, name)), name
    pd.testing.assert_series_equal(loaded["quotes"]["text"], seeds.quotes["text"], check_dtype=False)


def test_load_tables_names_the_missing_step(tmp_path):
    with pytest.raises(FileNotFoundError, match="make tables"):
        load_tables(tmp_path)


def test_cli_builds_tables_from_any_folder(tmp_path, capsys):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS_DIR, folder)
    assert cli(["build", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert len(load_tables(tmp_path / "out")["claims"]) == len(analysis.load_corpus(folder).claims)  # a partitioned store
    assert "Corpus(" in capsys.readouterr().out


def test_cli_strict_fails_with_the_problems(tmp_path, capsys):
    assert cli(["build", str(BAD_CORPUS), "--strict", "--out", str(tmp_path)]) == 1
    assert "problem" in capsys.readouterr().err


def test_parallel_extraction_gives_the_same_tables(monkeypatch):
    from analysis.extract import pipeline

    texts = [(SEEDS_DIR / name).read_text(encoding="utf-8") for name in sorted(p.name for p in SEEDS_DIR.glob("*.txt"))]
    jobs = [(f"a{i}", texts[i % 2], None) for i in range(4)]
    serial = pipeline.extract_all(jobs, workers=1)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    parallel = pipeline.extract_all(jobs, workers=2)
    for name in pipeline.TABLES:
        for a, b in zip(serial[name], parallel[name]):
            pd.testing.assert_frame_equal(a, b)
