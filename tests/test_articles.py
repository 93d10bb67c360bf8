"""Corpus loading: the seeds come out clean, every bad file is reported, nothing is lost."""
import pandas as pd
import pytest

from analysis.articles import load_articles
from analysis.paths import PROJECT_DIR, SEEDS_DIR

BAD = PROJECT_DIR / "tests" / "data" / "bad_corpus"
CHROME = ["Advertisement", "read more", "Physical Address", "304 North Cardinal St.", "Dorchester Center",
          "en_USEnglish"]


@pytest.fixture(scope="module")
def seeds():
    return load_articles(SEEDS_DIR).set_index("article_id")


@pytest.fixture(scope="module")
def bad():
    return load_articles(BAD).set_index("file")


def test_seeds_load_ok_with_manifest_dates(seeds):
    assert list(seeds.index) == ["000", "004"]
    assert (seeds["status"] == "ok").all(), seeds["message"].tolist()
    assert (seeds["published"] == pd.Timestamp("2024-10-29")).all()
    assert (seeds["published_basis"] == "inferred").all()
    assert seeds["published_evidence"].str.contains("October 28").all()


def test_seeds_outlets_are_left_empty_not_guessed(seeds):
    assert (seeds["outlet"] == "").all()


@pytest.mark.parametrize("chrome", CHROME)
def test_page_chrome_is_gone_from_the_seeds(seeds, chrome):
    for text in seeds["text"]:
        assert chrome.lower() not in text.lower()


def test_removed_lines_are_kept(seeds):
    removed = [line for lines in seeds["removed"] for line in lines]
    for chrome in ["Advertisement", "read more", "Physical Address", "304 North Cardinal St.", "en_USEnglish"]:
        assert chrome in removed


def test_lead_paragraph_appears_once(seeds):
    text = seeds.loc["000", "text"]
    assert text.count("Foreign Minister Choe Son Hui is visiting Moscow for the second time in six weeks") == 1
    assert text.startswith("Amid rising concerns over thousands of North Korean soldiers")
    assert "As concerns are mounting" in " ".join(seeds.loc["000", "removed"])


@pytest.mark.parametrize("file, status, message", [
    ("good.txt", "ok", ""),
    ("utf8-bom.txt", "ok", ""),
    ("utf16.txt", "ok", ""),
    ("page.html", "ok", ""),
    ("legacy-cp1252.txt", "warning", "cp1252"),
    ("bad-date.txt", "warning", "does not parse"),
    ("not-in-manifest.txt", "warning", "not in articles.csv"),
    ("empty.txt", "error", "empty"),
    ("blank.txt", "error", "empty"),
    ("binary.txt", "error", "binary"),
    ("undecodable.txt", "error", "undecodable"),
    ("a-directory.txt", "error", "unreadable"),
    ("notes.pdf", "error", "unsupported"),
    ("good-copy.txt", "error", "duplicate content of good.txt"),
    ("chrome-only.txt", "error", "no article text left"),
    ("missing-file.txt", "error", "file is missing"),
])
def test_each_bad_case_has_its_status_and_message(bad, file, status, message):
    row = bad.loc[file]
    assert row["status"] == status, row["message"]
    assert message in row["message"]


def test_every_input_file_has_a_row(bad):
    on_disk = {p.name for p in BAD.iterdir() if p.name != "articles.csv" and not p.name.startswith(".")}
    assert on_disk <= set(bad.index)
    assert bad.index.is_unique


def test_decoded_texts_are_right(bad):
    assert "The café owners’ association" in bad.loc["legacy-cp1252.txt", "text"]
    assert bad.loc["utf16.txt", "text"].startswith("UTF-16 headline")
    assert not bad.loc["utf8-bom.txt", "text"].startswith("\ufeff")


def test_html_keeps_the_article_and_drops_the_template(bad):
    text = bad.loc["page.html", "text"]
    assert "“This visit opens a new chapter,” the envoy told reporters" in text
    assert "Home | World" not in text and "Copyright" not in text


def test_unlisted_file_takes_its_title_from_the_first_line(bad):
    row = bad.loc["not-in-manifest.txt"]
    assert row["title"] == "Unlisted headline"
    assert row["published_basis"] == "unknown" and pd.isna(row["published"])


def test_error_rows_carry_no_text(bad):
    assert (bad.loc[bad["status"] == "error", "text"] == "").all()


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        load_articles(tmp_path / "nowhere")


def test_unreadable_file_is_reported(tmp_path):
    (tmp_path / "ok.txt").write_text("Headline\n\nThe mayor said the road was open.\n")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nothing-here.txt")
    rows = load_articles(tmp_path).set_index("file")
    assert rows.loc["gone.txt", "status"] == "error"
    assert "unreadable" in rows.loc["gone.txt", "message"]
    assert rows.loc["ok.txt", "status"] == "warning"
