"""The store is written atomically and read back only whole (issue 16); the command line says what
went wrong in one line with an exit status; a stopped build leaves no workers and the old tables."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import analysis
from analysis.__main__ import main as cli
from analysis.paths import PROJECT_DIR, SEEDS_DIR
from analysis.store import StoreError, build_info, load_tables, save_tables
from analysis.store import parquet

BAD_CORPUS = PROJECT_DIR / "tests" / "data" / "bad_corpus"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_corpus(SEEDS_DIR)


@pytest.fixture(scope="module")
def one_article(tmp_path_factory):
    folder = tmp_path_factory.mktemp("one")
    shutil.copy(SEEDS_DIR / "004_e3c5f2dc3c9ba6ec.txt", folder / "only.txt")
    return analysis.load_corpus(folder)


def leftovers(parent: Path, out: Path) -> list[str]:
    """Entries beside the store other than the store and the build folder it shows."""
    return [p.name for p in parent.iterdir() if p.name.startswith(".") and p.resolve() != out.resolve()]


# --- the store ----------------------------------------------------------------------------------

def test_an_interrupted_rebuild_leaves_the_previous_store_whole(seeds, one_article, tmp_path, monkeypatch):
    out = tmp_path / "store"
    save_tables(one_article, out)
    before = build_info(out)["build_id"]
    write = parquet._write
    calls = []

    def stopped_halfway(frame, path, build_id):
        calls.append(path.name)
        if len(calls) == 4:  # three new tables written, then Ctrl-C
            raise KeyboardInterrupt
        write(frame, path, build_id)

    monkeypatch.setattr(parquet, "_write", stopped_halfway)
    with pytest.raises(KeyboardInterrupt):
        save_tables(seeds, out)
    tables = load_tables(out)  # whole, and the old build's
    assert build_info(out)["build_id"] == before
    assert len(tables["articles"]) == 1 and len(tables["claims"]) == len(one_article.claims)
    assert leftovers(tmp_path, out) == []  # the half-written build is gone


def test_a_rebuild_replaces_the_store_in_one_step(seeds, one_article, tmp_path):
    out = tmp_path / "store"
    save_tables(one_article, out)
    save_tables(seeds, out)
    assert len(load_tables(out)["articles"]) == len(seeds.articles)
    assert leftovers(tmp_path, out) == []  # the old build is removed


def test_load_tables_refuses_tables_from_different_builds(seeds, one_article, tmp_path):
    save_tables(seeds, tmp_path / "a")
    save_tables(one_article, tmp_path / "b")
    shutil.copy(tmp_path / "b" / "coverage.parquet", tmp_path / "a" / "coverage.parquet")
    with pytest.raises(StoreError, match="mixes tables from different builds"):
        load_tables(tmp_path / "a")


def test_load_tables_refuses_a_store_without_its_build_record(seeds, tmp_path):
    save_tables(seeds, tmp_path / "a")
    legacy = tmp_path / "legacy"
    shutil.copytree(tmp_path / "a", legacy)
    (legacy / "_build.json").unlink()
    with pytest.raises(StoreError, match="no _build.json"):
        load_tables(legacy)
    record = json.loads((tmp_path / "a" / "_build.json").read_text())
    record["tables"]["claims"] += 1
    (tmp_path / "a" / "_build.json").write_text(json.dumps(record))
    with pytest.raises(StoreError, match="claims"):
        load_tables(tmp_path / "a")


def test_a_legacy_store_folder_is_replaced_and_a_foreign_folder_refused(seeds, tmp_path):
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "claims.parquet").write_bytes(b"old")
    save_tables(seeds, legacy)
    assert len(load_tables(legacy)["claims"]) == len(seeds.claims)
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("keep me")
    with pytest.raises(StoreError, match="holds other files"):
        save_tables(seeds, foreign)
    assert (foreign / "thesis.docx").read_text() == "keep me"


# --- the command line ---------------------------------------------------------------------------

def run(args, capsys):
    status = cli(args)
    out, err = capsys.readouterr()
    return status, out, err.strip().splitlines()


def test_a_missing_folder_is_one_line_and_status_2(tmp_path, capsys):
    status, out, err = run(["build", str(tmp_path / "missing-folder"), "--out", str(tmp_path / "o")], capsys)
    assert status == 2 and err == [f"error: no such folder: {tmp_path / 'missing-folder'}"]


def test_a_file_instead_of_a_folder_is_one_line_and_status_2(tmp_path, capsys):
    (tmp_path / "story.txt").write_text("Headline\n\nThe mayor said so.\n")
    status, out, err = run(["build", str(tmp_path / "story.txt"), "--out", str(tmp_path / "o")], capsys)
    assert status == 2 and len(err) == 1 and "is a file, not a folder" in err[0]


def test_an_empty_folder_says_so(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    status, out, err = run(["build", str(tmp_path / "empty"), "--out", str(tmp_path / "o")], capsys)
    assert status == 2 and len(err) == 1 and "holds no articles" in err[0]
    assert not (tmp_path / "o").exists()


def test_a_folder_with_one_binary_file_exits_1_with_one_line_naming_it(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blob.txt").write_bytes(BINARY)
    status, out, err = run(["build", str(tmp_path / "in"), "--out", str(tmp_path / "o")], capsys)
    assert status == 1 and len(err) == 1
    assert "blob.txt" in err[0] and "binary" in err[0] and "1 of 1" in err[0]
    assert not (tmp_path / "o").exists()


def test_files_in_error_give_status_1_with_their_count_and_the_rest_is_built(tmp_path, capsys):
    status, out, err = run(["build", str(BAD_CORPUS), "--out", str(tmp_path / "o")], capsys)
    errors = analysis.load_corpus(BAD_CORPUS).articles.query("status == 'error'")
    assert status == 1
    assert any(line.startswith(f"error: {len(errors)} of ") for line in err)
    assert len(load_tables(tmp_path / "o")["articles"]) == len(errors) + len(
        analysis.load_corpus(BAD_CORPUS).articles.query("status != 'error'"))


def test_ok_and_warnings_give_status_0(tmp_path, capsys):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS_DIR, folder)
    (folder / "extra.txt").write_text("Unlisted headline\n\nThe mayor said the road was open.\n")
    status, out, err = run(["build", str(folder), "--out", str(tmp_path / "o")], capsys)
    assert status == 0 and "Corpus(" in out
    assert err == ["warning: extra.txt: not in articles.csv: title from the first line, date unknown"]


def test_no_traceback_unless_debug(tmp_path, capsys, monkeypatch):

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("analysis.store.dataset.build_store", broken)
    args = ["build", str(SEEDS_DIR), "--out", str(tmp_path / "o")]
    status, out, err = run(args, capsys)
    assert status == 1 and len(err) == 1 and "No space left on device" in err[0] and "--debug" in err[0]
    with pytest.raises(OSError, match="No space left"):
        cli(args + ["--debug"])


def test_help_shows_examples(capsys):
    assert cli(["build", "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "python -m analysis build ~/articles --out ~/store" in out
    assert "exit status" in out


def test_usage_errors_exit_2(capsys):
    assert cli([]) == 2 and cli(["frobnicate"]) == 2


# --- stopping a build ---------------------------------------------------------------------------

def children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists() or (os.cpu_count() or 1) < 2,
                    reason="needs Linux /proc and two cores (workers)")
@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_build_leaves_no_workers_and_the_previous_store(tmp_path, signum, status, one_article):
    out = tmp_path / "store"
    save_tables(one_article, out)
    before = build_info(out)["build_id"]
    folder = tmp_path / "many"
    folder.mkdir()
    seed = (SEEDS_DIR / "004_e3c5f2dc3c9ba6ec.txt").read_text(encoding="utf-8")
    for n in range(1500):
        (folder / f"{n:04d}.txt").write_text(f"{seed}\n\nCopy number {n}.", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "analysis", "build", str(folder), "--out", str(out)],
                               cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers |= children(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never started its workers"
    time.sleep(0.5)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert "the tables in" in err and "as they were" in err and "Traceback" not in err
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)], "workers still running after the build stopped"
    assert build_info(out)["build_id"] == before and len(load_tables(out)["articles"]) == 1
    assert leftovers(tmp_path, out) == []
