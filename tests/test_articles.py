"""Corpus loading: the seeds come out clean, every bad file is reported, nothing is lost."""
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import schemas
from analysis.ingest.articles import load_articles
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


def test_reworded_lead_after_the_teaser_is_removed_and_the_lead_appears_once(seeds):
    text = seeds.loc["000", "text"]
    assert text.startswith("Amid rising concerns over thousands of North Korean soldiers in Russia, ")
    assert text.count("Foreign Minister Choe Son Hui is visiting Moscow for the second time in six weeks") == 1
    assert "As concerns are mounting" not in text
    removed = dict(zip(seeds.loc["000", "removed"], seeds.loc["000", "removed_why"]))
    assert removed["read more"] == "teaser"
    assert [why for line, why in removed.items() if line.startswith("As concerns are mounting")] == ["teaser"]


def test_titles_come_from_the_manifest(seeds):
    assert seeds.loc["000", "title"].startswith("Amid rising concerns over thousands of North Korean soldiers")
    assert seeds.loc["004", "title"] == ("North Korean Foreign Minister Heads to Moscow Amid Claims of Military "
                                         "Support for Russia in Ukraine War")
    assert seeds.loc["004", "text"].startswith(seeds.loc["004", "title"])  # the headline line stays in the text


def test_each_line_removed_has_a_reason(seeds):
    for removed, why in zip(seeds["removed"], seeds["removed_why"]):
        assert len(removed) == len(why) and set(why) <= {"ad", "teaser", "address", "language"}


def test_seeds_conform_to_the_articles_schema():
    frame = schemas.conform("articles", load_articles(SEEDS_DIR))
    assert str(frame["published"].dtype) == "datetime64[ns]"
    assert frame["n_words"].gt(300).all()


@pytest.mark.parametrize("file, status, message", [
    ("good.txt", "ok", ""),
    ("utf8-bom.txt", "ok", ""),
    ("utf16.txt", "ok", ""),
    ("utf16-no-bom.txt", "warning", "utf_16_le (detected)"),
    ("utf8-damaged.txt", "warning", "UTF-8 with 1 invalid byte sequence(s)"),
    ("legacy-cp1251.txt", "warning", "cp1251"),
    ("page.html", "ok", ""),
    ("legacy-cp1252.txt", "warning", "cp1252"),
    ("bad-date.txt", "warning", "does not parse"),
    ("not-in-manifest.txt", "warning", "not in articles.csv"),
    ("empty.txt", "error", "empty"),
    ("blank.txt", "error", "empty"),
    ("binary.txt", "error", "binary"),
    ("undecodable.txt", "error", "undecodable"),
    ("a-directory.txt/.gitkeep", "warning", "hidden file: not read"),
    ("notes.pdf", "error", "unsupported"),
    ("good-copy.txt", "error", "duplicate content of good.txt"),
    ("chrome-only.txt", "error", "no article text left"),
    ("missing-file.txt", "error", "file is missing"),
    ("", "error", "names no file"),
    ("listed-twice.txt", "warning", "listed again in articles.csv on line 11"),
    ("same-id.txt", "warning", "article id 'good' is used twice"),
    ("odd-basis.txt", "warning", "published_basis 'guessed'"),
])
def test_each_bad_case_has_its_status_and_message(bad, file, status, message):
    row = bad.loc[file]
    assert row["status"] == status, row["message"]
    assert message in row["message"]


def test_every_input_file_and_manifest_row_has_a_row(bad):
    on_disk = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*") if p.is_file() and p.name != "articles.csv"}
    assert on_disk <= set(bad.index)  # subfolders and hidden files included
    assert bad.index.is_unique
    assert len(bad) == len(on_disk) + 2  # + the missing file and the row naming no file
    assert bad["article_id"].is_unique
    schemas.conform("articles", bad.reset_index())


def test_manifest_ids_dates_and_first_listing_are_used(bad):
    assert bad.loc["same-id.txt", "article_id"] == "good-2" and bad.loc["good.txt", "article_id"] == "good"
    assert bad.loc["listed-twice.txt", "title"] == "Listed twice"
    assert bad.loc["good.txt", "published"] == pd.Timestamp("2024-10-28")
    assert bad.loc["good.txt", "published_basis"] == "manifest"
    assert pd.isna(bad.loc["bad-date.txt", "published"]) and bad.loc["bad-date.txt", "published_basis"] == "unknown"


def test_decoded_texts_are_right(bad):
    assert "The café owners’ association" in bad.loc["legacy-cp1252.txt", "text"]
    assert bad.loc["utf16.txt", "text"].startswith("UTF-16 headline")
    assert not bad.loc["utf8-bom.txt", "text"].startswith("\ufeff")
    assert bad.loc["utf16-no-bom.txt", "text"].startswith("Unmarked UTF-16 headline")
    assert "Министр иностранных дел прибыл в Москву" in bad.loc["legacy-cp1251.txt", "text"]
    assert "The café owners’ association said on \ufffdWednesday" in bad.loc["utf8-damaged.txt", "text"]


def test_html_keeps_the_article_and_drops_the_template(bad):
    text = bad.loc["page.html", "text"]
    assert "“This visit opens a new chapter,” the envoy told reporters" in text
    assert "Home | World" not in text and "Copyright" not in text


def test_unlisted_file_takes_its_title_from_the_first_line(bad):
    row = bad.loc["not-in-manifest.txt"]
    assert row["title"] == "Unlisted headline"
    assert row["published_basis"] == "unknown" and pd.isna(row["published"])


def test_error_rows_carry_no_text(bad):
    errors = bad[bad["status"] == "error"]
    assert (errors["text"] == "").all() and (errors["n_words"] == 0).all()


def test_duplicate_is_not_extracted_but_its_original_is(bad):
    assert bad.loc["good-copy.txt", "text"] == "" and bad.loc["good.txt", "text"].startswith("Talks to resume")


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


def test_file_without_read_permission_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Headline\n\nThe mayor said the road was open.\n")
    locked = tmp_path / "locked.txt"
    locked.write_text("Headline\n\nThe mayor said the road was closed.\n")
    locked.chmod(0)
    from analysis.ingest import reading

    open_file = reading.open_file

    def refuse_locked(path):  # root reads a chmod-0 file anyway, so refuse it the way the OS would
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open_file(path)

    monkeypatch.setattr(reading, "open_file", refuse_locked)
    rows = load_articles(tmp_path).set_index("file")
    assert rows.loc["locked.txt", "status"] == "error"
    assert rows.loc["locked.txt", "message"] == "unreadable: Permission denied"
    assert rows.loc["locked.txt", "text"] == "" and rows.loc["ok.txt", "text"].startswith("Headline")


@pytest.mark.parametrize("manifest, message", [
    (b"title,outlet\nA,B\n", "no 'file' column"),
    (b"\xff\xfe\x00broken", "cannot be read"),
])
def test_unusable_manifest_is_an_error_row_and_the_files_still_load(tmp_path, manifest, message):
    (tmp_path / "story.txt").write_text("Headline\n\nThe mayor said the road was open.\n")
    (tmp_path / "articles.csv").write_bytes(manifest)
    rows = load_articles(tmp_path).set_index("file")
    assert rows.loc["articles.csv", "status"] == "error" and message in rows.loc["articles.csv", "message"]
    assert rows.loc["story.txt", "status"] == "warning" and rows.loc["story.txt", "title"] == "Headline"


def test_manifest_dates_with_a_time_zone_become_naive(tmp_path):
    (tmp_path / "story.txt").write_text("Headline\n\nThe mayor said the road was open.\n")
    (tmp_path / "articles.csv").write_text("file,published\nstory.txt,2024-10-29T23:30:00+09:00\n")
    row = schemas.conform("articles", load_articles(tmp_path)).iloc[0]
    assert row["published"] == pd.Timestamp("2024-10-29 23:30") and row["status"] == "ok"


def test_user_chrome_rules_apply_when_loading(tmp_path):
    from analysis.ingest.cleaning import load_rules

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text("Lire la suite\n\nThe mayor said the road was open.\n")
    extra = tmp_path / "rules.csv"  # outside the folder: it is not an article
    extra.write_text("kind,pattern,why\nteaser,lire la suite,French teaser marker\n")
    assert load_articles(folder)["text"][0].startswith("Lire la suite")
    row = load_articles(folder, rules=load_rules(extra)).iloc[0]
    assert row["text"] == "The mayor said the road was open." and row["removed"] == ["Lire la suite"]


def test_a_thousand_files_load_in_seconds(tmp_path):
    seed = (SEEDS_DIR / "004_e3c5f2dc3c9ba6ec.txt").read_text(encoding="utf-8")
    for n in range(1000):
        (tmp_path / f"{n:04d}.txt").write_text(f"{seed}\n\nCopy number {n}.", encoding="utf-8")
    started = time.perf_counter()
    rows = load_articles(tmp_path)
    elapsed = time.perf_counter() - started
    assert len(rows) == 1000 and (rows["status"] == "warning").all()  # unlisted, but all distinct and read
    assert elapsed < 15, f"{elapsed:.1f} s for 1,000 files"


@pytest.mark.parametrize("value, expected", [
    ("2024-10-29", "2024-10-29"),
    ("2024-10-29 10:00", "2024-10-29 10:00"),
    ("October 29, 2024", "2024-10-29"),
    ("Tuesday, 29 October 2024", "2024-10-29"),
    ("29 октября 2024", "2024-10-29"),
    ("2024-13-45", None),
    ("2024", None),          # a year alone would put the article on 1 January
    ("Oct 2024", None),
    ("yesterday", None),     # relative to what?
])
def test_manifest_dates_must_be_full_calendar_dates(tmp_path, value, expected):
    (tmp_path / "story.txt").write_text("Headline\n\nThe mayor said the road was open.\n")
    (tmp_path / "articles.csv").write_text(f'file,published\nstory.txt,"{value}"\n', encoding="utf-8")
    row = schemas.conform("articles", load_articles(tmp_path)).iloc[0]
    if expected is None:
        assert pd.isna(row["published"]) and row["published_basis"] == "unknown"
        assert row["status"] == "warning" and "does not parse as a full date" in row["message"]
    else:
        assert row["published"] == pd.Timestamp(expected) and row["status"] == "ok"
