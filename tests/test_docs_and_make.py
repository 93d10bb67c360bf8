"""What the README and the Makefile promise for issue 16: extract_attributions' documented schema,
--allow-root as root whatever LAB_ARGS holds, `make bench` naming where PolNeAR comes from."""
import os
import re
import shutil
import subprocess

import pytest

import analysis
from analysis.extract.attributions import COLUMNS
from analysis.paths import PROJECT_DIR

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def test_extract_attributions_has_a_text_column_and_every_column_is_documented():
    frame = analysis.extract_attributions("“We are ready,” the mayor said on Monday.")
    assert "text" in frame.columns and list(frame.columns) == list(COLUMNS)
    assert frame.loc[0, "text"] == "We are ready,"
    table = README[README.index("| `extract_attributions` | meaning | `claims` |"):]
    table = table[:table.index("\n\n")]
    documented = {name for cell in re.findall(r"^\| ([^|]+) \|", table, re.M) for name in cell.split(", ")}
    assert set(COLUMNS) <= documented, set(COLUMNS) - documented
    doc = analysis.extract_attributions.__doc__
    for column in COLUMNS:
        assert column.replace("speaker_start", "_start").replace("speaker_end", "_end") in doc, column


def test_readme_says_what_the_first_make_downloads():
    assert "about 1 GB" in README and "nothing is downloaded at run time" in README


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_lab_adds_allow_root_as_root_whatever_lab_args_holds():
    out = subprocess.run(["make", "-n", "-o", ".venv/.installed", "-o", ".venv/bin/python", "lab",
                          "LAB_ARGS=--no-browser --port 8911"], cwd=PROJECT_DIR, capture_output=True, text=True).stdout
    line = next(l for l in out.splitlines() if "jupyter lab" in l)
    assert "--no-browser --port 8911" in line
    assert ("--allow-root" in line) == (os.geteuid() == 0)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_bench_without_data_says_where_polnear_comes_from(tmp_path):
    run = subprocess.run(["make", "-s", "-o", ".venv/.installed", "-o", ".venv/bin/python", "bench",
                          f"BENCH_DATA={tmp_path / 'none'}"], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert run.returncode != 0
    assert "https://github.com/networkdynamics/PolNeAR" in run.stderr and "BENCH_DATA=path" in run.stderr
