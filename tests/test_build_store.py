"""The store that grows (issue 14): incremental builds, the Dask engine's tables equal the local engine's,
a killed build leaves the previous store intact, and the store is read lazily and through DuckDB."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.__main__ import main as cli
from analysis.paths import PROJECT_DIR
from analysis.store import build_info, build_store, load_tables, open_store
from analysis.store import dataset

SEEDS = PROJECT_DIR / "tests" / "data" / "seeds"
PER_ARTICLE = ("articles", "sentences", "quotes", "claims", "estimates")
KEYS = {"articles": ["article_id"], "sentences": ["article_id", "sentence_id"], "quotes": ["quote_id"],
        "claims": ["claim_id"], "estimates": ["estimate_id"]}
OUTLETS = ["Agence", "Herald", "Courier", "Gazette"]


def generated_rows(n: int, start: int = 0, note: str = ""):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(start, start + n):
        text = (f"{texts[i % len(texts)]}\n\nUpdate {i}{note}: the ministry said {100 * (i + 1):,} troops had "
                f"arrived, and a spokesman told reporters on Monday that “about {i + 2},000 workers” followed.")
        yield {"id": f"g{i:04d}", "text": text, "outlet": OUTLETS[i % len(OUTLETS)], "url": f"https://example.org/{i}",
               "published": str(pd.Timestamp("2024-08-20") + pd.Timedelta(days=7 * i))[:10]}


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def build(source, store, size: int = 4, **options):
    return build_store(batches(source, size), store, link=options.pop("link", "no"), **options)


def batches(path: Path, size: int = 4):
    from analysis.ingest.dumps import read_dump
    return read_dump(path, batch_size=size)


def sorted_tables(store: Path) -> dict[str, pd.DataFrame]:
    corpus = open_store(store)
    return {name: getattr(corpus, name).sort_values(KEYS[name]).reset_index(drop=True).drop(columns=["path", "file"], errors="ignore")
            for name in PER_ARTICLE}


def assert_same(a: dict, b: dict):
    for name in PER_ARTICLE:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_an_unchanged_article_is_not_extracted_again_and_changes_are_applied(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", generated_rows(12))
    store = tmp_path / "store"
    first = build(source, store)
    assert (first.extracted, first.reused) == (12, 0)
    months = {p.name for p in (store / "data" / "claims").iterdir()}
    assert len(months) >= 3 and all(m.startswith("month=2024-") for m in months)
    before = sorted_tables(store)
    again = build(source, store)
    assert (again.extracted, again.reused, again.removed) == (0, 12, 0)
    assert_same(sorted_tables(store), before)
    # two new articles, one changed, one gone: two plus one extracted; the rest kept
    rows = list(generated_rows(14))
    rows[3] = next(generated_rows(1, start=3, note=" (corrected)"))
    del rows[5]
    source = write_jsonl(tmp_path / "b.jsonl", rows)
    third = build(source, store)
    assert (third.extracted, third.reused, third.removed) == (3, 10, 1)
    fresh = build(source, tmp_path / "fresh")
    assert fresh.extracted == 13
    assert_same(sorted_tables(store), sorted_tables(tmp_path / "fresh"))
    corpus = open_store(store)
    assert "g0005" not in set(corpus.articles["article_id"]) and "(corrected)" in corpus.articles.set_index(
        "article_id").loc["g0003", "text"]
    # files no longer named by the manifest are gone
    named = {f["path"] for files in corpus.manifest["files"].values() for f in files} | {corpus.manifest["index"]}
    on_disk = {p.relative_to(store).as_posix() for p in (store / "data").rglob("*.parquet")}
    assert on_disk == named


def test_a_dump_row_the_store_holds_unchanged_is_not_cleaned_again(tmp_path, monkeypatch):
    from analysis.ingest import dumps

    rows = list(generated_rows(8))
    rows[2]["id"] = ""  # a warning row ("no id"): kept unchanged, its warning still reported
    store = tmp_path / "store"
    first = build_store(dumps.DumpReader(write_jsonl(tmp_path / "a.jsonl", rows), batch_size=3), store, link="no")
    assert first.extracted == 8
    cleaned = []
    strip_chrome = dumps.strip_chrome
    monkeypatch.setattr(dumps, "strip_chrome", lambda text, rules: cleaned.append(text) or strip_chrome(text, rules))
    # the same rows again, one corrected, one added, and row 6's text given to row 1: 6 a duplicate of 1 now
    rows[4] = next(generated_rows(1, start=4, note=" (corrected)"))
    rows[1] = {**rows[1], "text": rows[6]["text"]}
    rows.append(next(generated_rows(1, start=8)))
    source = write_jsonl(tmp_path / "a.jsonl", rows)  # the same file: the row with no id keeps the id it got
    again = build_store(dumps.DumpReader(source, batch_size=3), store, link="no")
    assert len(cleaned) == 4 and all(rows[k]["text"] in cleaned for k in (1, 4, 6, 8))
    assert (again.articles, again.extracted, again.reused) == (9, 3, 5)
    assert again.statuses == {"ok": 7, "warning": 1, "error": 1}
    problems = again.problems.set_index("article_id")
    assert problems.loc["a-3", "status"] == "warning" and problems.loc["g0006", "message"].startswith("duplicate")
    monkeypatch.setattr(dumps, "strip_chrome", strip_chrome)
    fresh = build_store(dumps.DumpReader(source, batch_size=3), tmp_path / "fresh", link="no")
    assert fresh.extracted == 8
    assert_same(sorted_tables(store), sorted_tables(tmp_path / "fresh"))
    # nothing cleaned when nothing changed, also with other batch sizes
    cleaned.clear()
    monkeypatch.setattr(dumps, "strip_chrome", lambda text, rules: cleaned.append(text) or strip_chrome(text, rules))
    third = build_store(dumps.DumpReader(source, batch_size=4), store, link="no")
    assert (third.extracted, third.reused) == (0, 9) and cleaned == [rows[6]["text"]]  # the duplicate is read again
    monkeypatch.setattr(dataset, "extractor_version", lambda: "another")  # another extractor: all cleaned again
    fourth = build_store(dumps.DumpReader(source, batch_size=4), store, link="no")
    assert (fourth.extracted, fourth.reused) == (8, 0) and len(cleaned) == 10


def test_append_adds_and_another_extractor_version_re_extracts(tmp_path, monkeypatch):
    store = tmp_path / "store"
    build(write_jsonl(tmp_path / "a.jsonl", generated_rows(6)), store, 1)  # six batches of one article ...
    for month in (store / "data" / "sentences").iterdir():  # ... a file per month, not per batch and month
        assert len(list(month.iterdir())) < dataset.COMPACT_AT
    more = build_store(batches(write_jsonl(tmp_path / "b.jsonl", generated_rows(2, start=6))), store, append=True,
                       link="no")
    assert more.extracted == 2 and len(open_store(store).articles) == 8
    monkeypatch.setattr(dataset, "extractor_version", lambda: "another")
    rebuilt = build_store(batches(write_jsonl(tmp_path / "c.jsonl", generated_rows(8))), store, link="no")
    assert (rebuilt.extracted, rebuilt.reused) == (8, 0) and open_store(store).manifest["extractor_version"] == "another"


def test_the_store_reads_lazily_and_through_duckdb(tmp_path, capsys):
    assert cli(["build", str(SEEDS), "--out", str(tmp_path / "store")]) == 0
    corpus = analysis.open_store(tmp_path / "store")
    assert "claims" not in vars(corpus)  # nothing read yet
    seeds = analysis.load_corpus(SEEDS)
    assert len(corpus.claims) == len(seeds.claims) and "claims" in vars(corpus)
    counted = corpus.sql("select claimant, count(*) as n from claims where claimant is not null group by 1")
    assert counted["n"].sum() == seeds.claims["claimant"].notna().sum()
    assert len(analysis.load_corpus(tmp_path / "store").estimates) == len(seeds.estimates)  # a store opens too
    pd.testing.assert_frame_equal(corpus.coverage, seeds.coverage, check_dtype=False)


def test_the_dask_engine_writes_the_local_engines_tables(tmp_path, capsys):
    # the seeds through the command line on a LocalCluster (one worker process)
    from analysis.ingest.articles import load_articles
    build_store([load_articles(SEEDS)], tmp_path / "local")
    assert cli(["build", str(SEEDS), "--out", str(tmp_path / "dask"), "--engine", "dask", "--workers", "1"]) == 0
    assert_same(sorted_tables(tmp_path / "local"), sorted_tables(tmp_path / "dask"))
    a, b = load_tables(tmp_path / "local"), load_tables(tmp_path / "dask")
    for name in a:  # in the same order, not only the same rows
        pd.testing.assert_frame_equal(a[name].drop(columns=["path"], errors="ignore"),
                                      b[name].drop(columns=["path"], errors="ignore"), obj=name)
    # a generated corpus on two threaded workers, several batches
    source = write_jsonl(tmp_path / "g.jsonl", generated_rows(24))
    build(source, tmp_path / "g-local", 8, workers=2)
    build(source, tmp_path / "g-dask", 8, engine="dask", workers=2, engine_options={"processes": False})
    assert_same(sorted_tables(tmp_path / "g-local"), sorted_tables(tmp_path / "g-dask"))


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
def test_a_killed_build_leaves_the_previous_store_intact(tmp_path, capsys):
    store = tmp_path / "store"
    assert cli(["build", str(SEEDS), "--out", str(store)]) == 0
    before_id, before = build_info(store)["build_id"], sorted_tables(store)
    source = write_jsonl(tmp_path / "many.jsonl", generated_rows(400))
    process = subprocess.Popen([sys.executable, "-m", "analysis", "build", str(source), "--out", str(store),
                                "--batch-size", "20", "--workers", "2"], cwd=PROJECT_DIR,
                               stdout=subprocess.DEVNULL, stderr=open(tmp_path / "err.txt", "w"),
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if len(list((store / "data" / "sentences").rglob("part-*.parquet"))) > 2:  # new files are being written
            break
        time.sleep(0.02)
    assert process.poll() is None, f"the build ended before it could be killed: {(tmp_path / 'err.txt').read_text()}"
    os.killpg(process.pid, signal.SIGKILL)  # no chance to clean up: the build and its workers
    process.wait(timeout=30)
    assert build_info(store)["build_id"] == before_id
    assert_same(sorted_tables(store), before)  # whole, and readable
    assert len(list((store / "data").rglob("part-*.parquet"))) > len(open_store(store).manifest["files"]["sentences"])
    stray = store / "data" / "_linking" / "killed-build" / "members-00000.parquet"  # as a build killed while linking
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"PAR1")
    assert cli(["build", str(SEEDS), "--out", str(store)]) == 0  # the next build clears what the killed one left
    assert not (store / "data" / "_linking").exists()
    corpus = open_store(store)
    named = {f["path"] for files in corpus.manifest["files"].values() for f in files} | {corpus.manifest["index"]}
    assert {p.relative_to(store).as_posix() for p in (store / "data").rglob("*.parquet")} == named


def test_month_files_keep_every_row_whatever_is_written_when(tmp_path, monkeypatch):
    """A build's month files: rows wait for a row group, the largest waiting file is written when too much
    waits, the least recently used file is closed when too many are open, and a month whose first rows have
    only empty lists (list<null>) still takes later rows with words in them."""
    def batch(k: int, words: bool) -> tuple[pd.DataFrame, pd.Series]:
        frame = pd.DataFrame({"article_id": [f"a{k}-{i}" for i in range(3)],
                              "pieces": [[f"w{k}"] if words else [] for _ in range(3)]})
        return frame, pd.Series(["2024-01", f"2024-0{2 + k % 3}", "2024-01"])

    written = {}
    for rows, budget, most in ((100_000, 2**30, 120), (4, 2**30, 120), (100_000, 1, 120), (100_000, 2**30, 1)):
        monkeypatch.setattr(dataset, "ROW_GROUP_ROWS", rows)
        monkeypatch.setattr(dataset, "WAITING_BYTES", budget)
        monkeypatch.setattr(dataset, "MAX_OPEN_FILES", most)
        root = tmp_path / f"{rows}-{budget}-{most}"
        files = dataset._MonthFiles(dataset._Writer(root, "b"))
        for k in range(6):
            files.write("t", *batch(k, words=k > 0))
        entries = files.close()["t"]
        assert [e["month"] for e in entries] == sorted(e["month"] for e in entries)
        assert sum(e["rows"] for e in entries) == 18
        frame = pd.concat([pd.read_parquet(root / e["path"]) for e in entries], ignore_index=True)
        frame["pieces"] = frame["pieces"].map(list)
        written[(rows, budget, most)] = frame.sort_values("article_id", kind="stable").reset_index(drop=True)
    first, *others = written.values()
    assert sorted(first["article_id"]) == sorted(f"a{k}-{i}" for k in range(6) for i in range(3))
    assert first.set_index("article_id").loc["a3-0", "pieces"] == ["w3"]
    for other in others:
        pd.testing.assert_frame_equal(first, other)


def test_month_files_put_rows_of_other_columns_or_types_in_files_of_their_own(tmp_path):
    # frames a caller passes may carry columns of their own, which change from batch to batch
    files = dataset._MonthFiles(dataset._Writer(tmp_path, "b"))
    month = pd.Series(["2024-01"])
    files.write("t", pd.DataFrame({"article_id": ["a1"], "code": [7]}), month)
    files.write("t", pd.DataFrame({"article_id": ["a2"], "code": ["007"], "section": ["world"]}), month)
    files.write("t", pd.DataFrame({"article_id": ["a3"], "code": [8]}), month)
    entries = files.close()["t"]
    read = [pd.read_parquet(tmp_path / e["path"]).to_dict("records") for e in entries]
    assert read == [[{"article_id": "a1", "code": 7}], [{"article_id": "a2", "code": "007", "section": "world"}],
                    [{"article_id": "a3", "code": 8}]]  # in the order they came, none cast to another type
