"""News dumps (issue 14): one article a row, in JSON Lines, CSV or Parquet, into the same tables as a folder."""
import csv
import json

import pandas as pd
import pytest

import analysis
from analysis.__main__ import main as cli
from analysis.ingest.dumps import DumpError, load_dump, parse_columns
from analysis.paths import PROJECT_DIR
from analysis.store import load_tables

SEEDS = PROJECT_DIR / "tests" / "data" / "seeds"
SAME = ["article_id", "outlet", "title", "url", "published", "published_basis", "published_evidence", "text",
        "n_words", "removed", "removed_why", "status", "message"]


def seed_rows():
    with open(SEEDS / "articles.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {"id": row["article_id"], "text": (SEEDS / row["file"]).read_text(encoding="utf-8"),
                   "title": row["title"], "outlet": row["outlet"], "url": row["url"], "published": row["published"],
                   "published_basis": row["published_basis"], "evidence": row["evidence"]}


@pytest.fixture(scope="module")
def folder_corpus():
    return analysis.load_corpus(SEEDS)


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("dump") / "seeds.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in seed_rows()), encoding="utf-8")
    return path


def assert_same_tables(a, b):
    pd.testing.assert_frame_equal(a.articles[SAME], b.articles[SAME])
    for name in ("sentences", "quotes", "claims", "estimates", "coverage", "discrepancies"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_a_json_lines_dump_of_the_seeds_gives_the_seeds_tables(jsonl, folder_corpus):
    dump = analysis.load_corpus(jsonl)
    assert_same_tables(dump, folder_corpus)
    assert set(dump.articles["file"]) == {"seeds.jsonl:1", "seeds.jsonl:2"}


def test_a_json_lines_dump_builds_the_same_store_as_the_folder(jsonl, tmp_path, capsys):
    assert cli(["build", str(SEEDS), "--out", str(tmp_path / "a")]) == 0
    assert cli(["build", str(jsonl), "--out", str(tmp_path / "b")]) == 0
    a, b = load_tables(tmp_path / "a"), load_tables(tmp_path / "b")
    pd.testing.assert_frame_equal(a["articles"][SAME], b["articles"][SAME])
    for name in ("sentences", "quotes", "claims", "estimates", "coverage", "discrepancies"):
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_csv_and_parquet_dumps_with_other_column_names(tmp_path, folder_corpus):
    rows = [{"uid": r["id"], "body": r["text"], "headline": r["title"], "date": r["published"],
             "published_basis": r["published_basis"], "evidence": r["evidence"]} for r in seed_rows()]
    pd.DataFrame(rows).to_csv(tmp_path / "seeds.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "seeds.parquet")
    columns = parse_columns("uid=id,body=text")  # headline and date are recognised without help
    for name in ("seeds.csv", "seeds.parquet"):
        corpus = analysis.load_corpus(tmp_path / name, columns=columns)
        assert_same_tables(corpus, folder_corpus)


HTML = ("<html><head><title>Dam</title></head><body><nav>Home | World | Sport</nav><article><h1>Dam opens</h1>"
        + "".join(f"<p>The mayor said on Monday that the new dam, number {n}, would open next week after years of "
                  "delays, and officials in the regional government confirmed the date to reporters.</p>"
                  for n in range(6)) + "</article><footer>Contact us</footer></body></html>")


def test_every_bad_row_has_a_status_row(tmp_path, capsys):
    good = next(seed_rows())
    lines = [json.dumps(good), "{not json", json.dumps({"id": "empty", "text": "  "}), json.dumps([1, 2]),
             json.dumps({**good, "id": "copy"}), json.dumps({"text": "Headline\n\nThe mayor said it was open."}),
             json.dumps({"id": "html", "html": HTML}),
             json.dumps({**good, "id": "late", "text": "Other story.\n\nShe said so.", "published": "2924-13-45"})]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = load_dump(path).set_index("file")
    assert len(articles) == len(lines)
    status = articles["status"].to_dict()
    assert status["bad.jsonl:2"] == "error" and "not valid JSON" in articles.loc["bad.jsonl:2", "message"]
    assert status["bad.jsonl:3"] == "error" and "has no text" in articles.loc["bad.jsonl:3", "message"]
    assert status["bad.jsonl:4"] == "error" and "not an object" in articles.loc["bad.jsonl:4", "message"]
    assert status["bad.jsonl:5"] == "error" and "duplicate content of 000" in articles.loc["bad.jsonl:5", "message"]
    assert status["bad.jsonl:6"] == "warning" and "no id" in articles.loc["bad.jsonl:6", "message"]
    assert status["bad.jsonl:7"] in ("ok", "warning") and "dam" in articles.loc["bad.jsonl:7", "text"].lower()
    assert status["bad.jsonl:8"] == "warning" and "date" in articles.loc["bad.jsonl:8", "message"]
    status = cli(["build", str(path), "--out", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert status == 1 and "error: 4 of 8 files could not be used" in err
    assert len(load_tables(tmp_path / "store")["articles"]) == len(lines)


def test_a_dump_without_text_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "x.jsonl").write_text(json.dumps({"id": 1, "headline": "no body"}) + "\n")
    with pytest.raises(DumpError, match="no text or html column"):
        load_dump(tmp_path / "x.jsonl")
    assert cli(["build", str(tmp_path / "x.jsonl"), "--out", str(tmp_path / "o")]) == 2
    assert "no text or html column" in capsys.readouterr().err


def test_the_notebooks_corpus_comes_from_CLAIM_LEDGER_CORPUS(jsonl, tmp_path, monkeypatch, capsys):
    assert cli(["build", str(jsonl), "--out", str(tmp_path / "store"), "--link", "no"]) == 0
    monkeypatch.delenv("CLAIM_LEDGER_SEEDS", raising=False)
    for corpus in (jsonl, tmp_path / "store"):
        monkeypatch.setenv("CLAIM_LEDGER_CORPUS", str(corpus))
        assert set(analysis.load_corpus().articles["file"]) == {"seeds.jsonl:1", "seeds.jsonl:2"}
    monkeypatch.setenv("CLAIM_LEDGER_SEEDS", str(SEEDS))  # the tests' pin wins
    assert set(analysis.load_corpus().articles["file"]) == set(pd.read_csv(SEEDS / "articles.csv")["file"])
