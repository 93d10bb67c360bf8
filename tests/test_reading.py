"""Bytes to text: byte-order marks, UTF-8, detected legacy encodings, binary, HTML, file discovery."""
import codecs
import sys

import pytest

from analysis.ingest.reading import ReadError, article_files, decode, read_text

TEXT = "The café owners’ association said on Wednesday that “résumé checks” were unfair."


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 (BOM)"),
    (TEXT.encode("utf-16"), "utf-16 (BOM)"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16 (BOM)"),
    (TEXT.encode("utf-32"), "utf-32 (BOM)"),
])
def test_unicode_is_decoded_exactly_without_detection(data, encoding):
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.warning) == (TEXT, encoding, "")


@pytest.mark.parametrize("text, encoding", [
    (TEXT + " The owners’ lawyer called the plan “a disgrace” and promised to appeal.", "cp1252"),
    ("Министр иностранных дел прибыл в Москву во вторник, сообщило агентство. Визит продлится три дня.",
     "cp1251"),
])
def test_legacy_single_byte_encodings_are_detected_and_flagged(text, encoding):
    decoded = decode(text.encode(encoding))
    assert decoded.text == text and "(detected)" in decoded.warning  # cp1250 or cp1252: the same characters here


FRENCH = ("Le ministre des Affaires étrangères est arrivé mardi à Moscou pour une visite officielle, a annoncé "
          "l'agence d'État. Selon l'ambassade, la délégation doit rencontrer des responsables russes afin de "
          "discuter des relations bilatérales et de questions de politique internationale. Les États-Unis ont "
          "déclaré lundi qu'environ dix mille soldats se trouvaient déjà en Russie.")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_sibling_code_page_that_garbles_letters_loses_to_the_fluent_one(encoding):
    # charset-normalizer's tidiest guess here is Baltic cp1257, which reads "à" as "ą"
    assert decode(FRENCH.encode(encoding)).text == FRENCH


def test_utf8_with_a_few_damaged_bytes_stays_utf8_with_a_warning():
    decoded = decode(TEXT[:20].encode("utf-8") + b"\x92" + TEXT[20:].encode("utf-8"))
    assert decoded.encoding == "utf-8" and "1 invalid byte" in decoded.warning
    assert decoded.text == TEXT[:20] + "\ufffd" + TEXT[20:]


def test_ascii_with_one_legacy_byte_is_not_taken_for_damaged_utf8():
    text = "The minister’s plane landed on Tuesday, the agency said, and talks began at once."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text and "(detected)" in decoded.warning


def test_utf16_without_a_mark_is_detected_not_called_binary():
    decoded = decode("The minister said the talks had been useful.\n".encode("utf-16-le"))
    assert decoded.text.startswith("The minister said") and "(detected)" in decoded.warning


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"text\x01\x02\x03\x04\x05\x06\x07\x08 more\x0e\x0f\x10\x11\x12", "binary"),
    (bytes(range(0x80, 0x100)) * 3, "undecodable"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfa broken", "byte-order mark but does not decode"),
])
def test_non_text_is_refused_with_a_reason(data, message):
    with pytest.raises(ReadError, match=message):
        decode(data)


def test_text_files_do_not_import_the_html_extractor(tmp_path):
    sys.modules.pop("trafilatura", None)
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert read_text(path).text == TEXT
    assert "trafilatura" not in sys.modules


def test_html_keeps_the_main_text_only(tmp_path):
    paragraphs = [f"<p>Paragraph {n}: the envoy said the talks on trade and security went well.</p>" for n in range(4)]
    html = ("<html><head><meta charset='utf-8'><title>T</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>Envoy visits</h1>{''.join(paragraphs)}</article>"
            "<footer>Copyright 2024 Example Media</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    text = read_text(path).text
    assert "Paragraph 0: the envoy said" in text and "Paragraph 3" in text
    assert "Home | World" not in text and "Copyright" not in text


def test_html_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>T</title></head><body><div></div></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="no main text"):
        read_text(path)


@pytest.mark.parametrize("name, message", [("notes.pdf", "unsupported file type .pdf"),
                                           ("README", "unsupported file type (none)")])
def test_unsupported_types_are_refused_before_reading(tmp_path, name, message):
    (tmp_path / name).write_text(TEXT)
    with pytest.raises(ReadError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_text(tmp_path / name)


def test_unreadable_entries_are_refused(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    for name in ("folder.txt", "dangling.txt"):
        with pytest.raises(ReadError, match="unreadable"):
            read_text(tmp_path / name)


def test_article_files_list_every_entry_but_the_manifest_sorted_with_subfolders(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.html", "articles.csv", ".DS_Store", "c.pdf", "sub/d.txt", "sub/articles.csv",
                 ".hidden/e.txt"):
        (tmp_path / name).write_text("x")
    names = [p.relative_to(tmp_path).as_posix() for p in article_files(tmp_path)]
    assert names == [".DS_Store", ".hidden", "a.html", "b.txt", "c.pdf", "sub/articles.csv", "sub/d.txt"]
