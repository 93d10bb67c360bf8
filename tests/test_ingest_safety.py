"""Whatever lands in the corpus folder (issue 16): no hang, no read outside the folder, no unbounded
read, one bad manifest value never stops the rest, every file accounted for."""
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import schemas
from analysis.ingest.articles import load_articles
from analysis.ingest.reading import ReadError, read_bytes, read_text

STORY = "Headline\n\nThe mayor said on Monday that the road was open again.\n"
SECRET = "root:x:0:0:secret-account-line\n"


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: a blocked open() or an endless read is interrupted by SIGALRM."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "articles"
    path.mkdir()
    (path / "story.txt").write_text(STORY, encoding="utf-8")
    return path


def rows(folder, **kwargs):
    with deadline(20):
        return load_articles(folder, **kwargs).set_index("file")


# --- only regular files inside the folder are read ---------------------------------------------

def test_a_fifo_is_refused_without_opening_it(folder):
    os.mkfifo(folder / "pipe.txt")
    table = rows(folder)
    assert table.loc["pipe.txt", "status"] == "error"
    assert "FIFO" in table.loc["pipe.txt", "message"] and table.loc["pipe.txt", "text"] == ""
    assert table.loc["story.txt", "text"].startswith("Headline")


def test_a_link_to_dev_zero_is_refused(folder):
    (folder / "zero.txt").symlink_to("/dev/zero")
    table = rows(folder)
    assert table.loc["zero.txt", "status"] == "error"
    assert "points outside the corpus" in table.loc["zero.txt", "message"]


def test_a_device_is_refused_from_its_stat_even_inside_the_corpus():
    with deadline(10), pytest.raises(ReadError, match="character device"):
        read_text(Path("/dev/zero"), root=Path("/dev"))


def test_a_link_outside_the_folder_is_not_followed(folder, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text(SECRET)
    (folder / "leak.txt").symlink_to(secret)
    (folder / "etc.txt").symlink_to("/etc/passwd")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "inside.txt").write_text(SECRET)
    (folder / "linked").symlink_to(elsewhere)  # a linked folder the manifest reaches into
    (folder / "articles.csv").write_text("file,title\nlinked/inside.txt,Linked\nstory.txt,Story\n")
    table = rows(folder)
    for name in ("leak.txt", "etc.txt", "linked/inside.txt"):
        assert table.loc[name, "status"] == "error", name
        assert "points outside the corpus" in table.loc[name, "message"], name
    assert not table["text"].str.contains("secret-account-line").any()
    assert not table["text"].str.contains("root:").any()


def test_a_link_inside_the_folder_is_followed(folder):
    (folder / "alias.txt").symlink_to(folder / "story.txt")
    table = rows(folder)
    assert "duplicate content of" in " ".join(table["message"])  # read, and found to be the same text
    assert "outside" not in table.loc["alias.txt", "message"]


def test_an_oversize_file_is_refused_from_its_size(folder):
    big = folder / "big.txt"
    with open(big, "wb") as handle:  # 200 MB, sparse: reading it whole would take seconds and 200 MB
        handle.truncate(200_000_000)
    table = rows(folder)
    assert table.loc["big.txt", "status"] == "error"
    assert "too large: 200.0 MB, over the 20 MB limit" in table.loc["big.txt", "message"]


def test_the_size_limit_is_an_option(folder):
    (folder / "long.txt").write_text(STORY * 100)
    table = rows(folder, max_file_mb=0.001)
    assert table.loc["long.txt", "status"] == "error" and "over the 0.001 MB limit" in table.loc["long.txt", "message"]
    assert table.loc["story.txt", "status"] == "warning"  # under the limit: read
    corpus = analysis.load_corpus(folder, max_file_mb=0.001)
    assert corpus.articles.set_index("file").loc["long.txt", "status"] == "error"


def test_a_file_growing_past_the_limit_is_read_no_further(folder, monkeypatch):
    from analysis.ingest import reading

    monkeypatch.setattr(reading, "check_entry", lambda *args, **kwargs: None)  # it was small when checked
    (folder / "grows.txt").write_bytes(b"x" * 5000)
    with pytest.raises(ReadError, match="too large"):
        read_bytes(folder / "grows.txt", folder, max_bytes=1000)


def test_a_stray_nul_byte_is_removed_and_said(folder):
    (folder / "nul.txt").write_bytes(STORY.encode().replace(b"mayor", b"ma\x00yor"))
    row = rows(folder).loc["nul.txt"]
    assert "\x00" not in row["text"] and "The mayor said" in row["text"]
    assert "1 NUL byte(s) removed" in row["message"] and "not UTF-8" not in row["message"]


# --- the manifest: row by row, any encoding, every file accounted for ---------------------------

MANIFEST = ("article_id,file,title,outlet,url,published,published_basis,evidence\n"
            "a,a.txt,Title A,Outlet,,2024-10-28,manifest,\n"
            "b,b.txt,Title B, with a comma,Outlet,,2024-10-29,manifest,\n"
            "c,c.txt,Title C,Outlet,,2024-10-30,manifest,\n")


def write_three(folder):
    for name in "abc":
        (folder / f"{name}.txt").write_text(f"Story {name}\n\nThe mayor said {name} was open.\n")


def test_one_bad_manifest_row_is_reported_with_its_line_and_the_others_apply(folder):
    write_three(folder)
    (folder / "articles.csv").write_text(MANIFEST)
    table = rows(folder)
    assert table.loc["a.txt", "title"] == "Title A" and table.loc["c.txt", "title"] == "Title C"
    assert table.loc["a.txt", "status"] == "ok" and table.loc["c.txt", "published"] == pd.Timestamp("2024-10-30")
    b = table.loc["b.txt"]
    assert b["status"] == "warning" and b["title"] == "Story b"  # loads as unlisted
    assert "articles.csv line 3 has 9 fields where the header has 8" in b["message"]
    assert not table["message"].str.contains("\n").any()


def test_a_bad_row_naming_no_file_on_disk_is_an_error_row(folder):
    (folder / "articles.csv").write_text("file,title\nstory.txt,Story\nnot-here.txt,A,B\n../../etc/passwd,X\n")
    table = load_articles(folder)
    messages = table.loc[table["status"] == "error", "message"].tolist()
    assert any("articles.csv line 3 has 3 fields" in m for m in messages)
    assert any("articles.csv line 4 file path '../../etc/passwd' leaves the corpus folder" in m for m in messages)
    assert table.set_index("file").loc["story.txt", "title"] == "Story"


def test_manifest_line_numbers_count_quoted_line_breaks(folder):
    write_three(folder)
    (folder / "articles.csv").write_text('file,title,evidence\na.txt,A,"two\nlines"\nb.txt,B,x,extra\n')
    assert "articles.csv line 4 has 4 fields" in rows(folder).loc["b.txt", "message"]


@pytest.mark.parametrize("encoding, note", [("cp1252", "(detected)"), ("utf-16", ""), ("utf-8-sig", "")])
def test_a_manifest_in_another_encoding_is_decoded_like_the_articles(folder, encoding, note):
    text = ("file,title,outlet\n"
            "story.txt,Café owners’ protest – “unfair” résumé checks,Le Monde diplomatique\n"
            "other.txt,Zürich’s new façade,Été\n")
    (folder / "other.txt").write_text("Other\n\nThe mayor said it was closed.\n")
    (folder / "articles.csv").write_bytes(text.encode(encoding))
    table = rows(folder)
    assert table.loc["story.txt", "title"] == "Café owners’ protest – “unfair” résumé checks"
    assert table.loc["other.txt", "title"] == "Zürich’s new façade"
    assert (table.loc[["story.txt", "other.txt"], "status"] == "ok").all()
    if note:
        assert table.loc["articles.csv", "status"] == "warning" and note in table.loc["articles.csv", "message"]
    else:
        assert "articles.csv" not in table.index


@pytest.mark.parametrize("value", ["2924-10-29", "0024-10-29", "29 October 2924"])
def test_a_date_out_of_range_is_a_row_warning_not_a_crash(folder, value):
    (folder / "articles.csv").write_text(f'file,published\nstory.txt,"{value}"\n')
    corpus = analysis.load_corpus(folder)  # used to crash in the schema check
    row = corpus.articles.iloc[0]
    assert row["status"] == "warning" and "outside the dates a table can hold" in row["message"]
    assert pd.isna(row["published"]) and row["published_basis"] == "unknown"


def test_hidden_files_and_subfolders_named_by_the_manifest_load(folder):
    (folder / "sub").mkdir()
    (folder / ".drafts").mkdir()
    (folder / ".secret.txt").write_text("Hidden\n\nThe mayor said it was hidden.\n")
    (folder / "sub" / "deep.txt").write_text("Deep\n\nThe mayor said it was deep.\n")
    (folder / "sub" / "unlisted.txt").write_text("Unlisted\n\nThe mayor said it was unlisted.\n")
    (folder / ".drafts" / "draft.txt").write_text("Draft\n\nThe mayor said it was a draft.\n")
    (folder / ".drafts" / "other.txt").write_text("Other\n\nThe mayor said it was another draft.\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / ".cache").mkdir()
    (folder / "articles.csv").write_text("article_id,file,title\nh,.secret.txt,Hidden one\nd,sub/deep.txt,Deep one\n"
                                         "r,./.drafts/draft.txt,A draft\ns,story.txt,Story\n")
    table = rows(folder)
    for name, title in ((".secret.txt", "Hidden one"), ("sub/deep.txt", "Deep one"), (".drafts/draft.txt", "A draft")):
        assert table.loc[name, "status"] == "ok", table.loc[name, "message"]
        assert table.loc[name, "title"] == title
    assert table.loc["sub/deep.txt", "path"].endswith(os.path.join("sub", "deep.txt"))
    assert table.loc["sub/unlisted.txt", "status"] == "warning"
    assert "hidden file: not read" in table.loc[".DS_Store", "message"]
    assert "hidden folder: not read" in table.loc[".cache", "message"]
    assert ".drafts" not in table.index and ".drafts/other.txt" not in table.index  # the folder was opened by name
    schemas.conform("articles", table.reset_index())


def test_the_id_listed_first_in_the_manifest_is_kept(folder):
    write_three(folder)
    (folder / "articles.csv").write_text("article_id,file\nx,c.txt\nx,a.txt\n")
    table = rows(folder)
    assert table.loc["c.txt", "article_id"] == "x" and table.loc["a.txt", "article_id"] == "x-2"
    assert "used twice" in table.loc["a.txt", "message"]


def test_an_html_pages_template_is_kept_in_removed():
    from analysis.paths import PROJECT_DIR

    table = load_articles(PROJECT_DIR / "tests" / "data" / "bad_corpus").set_index("file")
    removed = dict(zip(table.loc["page.html", "removed"], table.loc["page.html", "removed_why"]))
    assert "Home | World" in removed and "Copyright 2024" in removed
    assert "HTML page template" in removed["Home | World"]
    assert "Home | World" not in table.loc["page.html", "text"]
