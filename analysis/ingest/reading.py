"""Files to text: find the article files in a folder and decode each one without guessing blindly.

What is read: only regular files. A symbolic link is followed only when its target lies inside the
corpus folder ("points outside the corpus" otherwise: a link to /etc/passwd or /dev/zero is never
opened); FIFOs, devices and sockets are refused from their `lstat`/`stat` without being opened (a
FIFO would block for ever); a file over the size limit (MAX_FILE_MB, 20 MB by default, the
`max_file_mb` option) is refused from its size, and a file that grows past it while being read is
read no further than the limit plus one byte.

Order of decoding: a byte-order mark (UTF-8, UTF-16, UTF-32) is trusted; then strict UTF-8;
then UTF-8 with a few damaged bytes (valid multi-byte characters outnumber invalid bytes
DAMAGED_UTF8_RATIO to one: a legacy encoding almost never forms valid UTF-8 sequences), the
damaged bytes replaced by U+FFFD; then charset-normalizer's detection for legacy single-byte
encodings, accepted only when its "chaos" (mess) ratio is low. Among the candidates about as
tidy as its best (CHAOS_MARGIN), one that reads clearly more like a language (coherence higher
by COHERENCE_GAIN) wins: on short texts the tidiest guess is often a sibling code page that
garbles a few letters (Latin-1 French read as Baltic cp1257 turns "à" into "ą").
Many NUL bytes mean UTF-16/32 without a mark (when detection says so) or a binary file; a few
stray NUL bytes in a text are removed (and said so); a text with more than MAX_CONTROL_SHARE
control characters is binary. Anything short of a BOM or clean UTF-8 comes with a warning for
`articles.message`.
HTML goes through trafilatura (imported only when an HTML file is read) to keep the main text;
the page's other lines (navigation, footer, ...) are returned as `removed`.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch, CharsetMatches

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
MANIFEST_NAME = "articles.csv"
BOMS = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
MAX_FILE_MB = 20           # files larger than this many megabytes (10^6 bytes) are refused unread
MAX_DETECTION_CHAOS = 0.2  # charset-normalizer's "mess" ratio above which we call it undecodable
CHAOS_MARGIN = 0.02        # candidates this much messier than the best are still as plausible...
COHERENCE_GAIN = 0.05      # ...and one of them wins when its language fit is this much better
DAMAGED_UTF8_RATIO = 3     # valid non-ASCII characters per invalid byte for "UTF-8 with damage"
MAX_CONTROL_SHARE = 0.05   # text has almost no control characters besides tab and newlines
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
NOT_REGULAR = [(stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]
HTML_TEMPLATE_WHY = "HTML page template (navigation, footer, sidebars): not part of the main text"


class ReadError(Exception):
    """A file that cannot become article text; the message says why, for `articles.message`."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str = ""  # why the decoding needs a look (detected encoding, replaced bytes); "" when certain
    removed: tuple[str, ...] = ()  # lines of an HTML page left out of the main text


def is_hidden(relative: str) -> bool:
    """A path (relative to the corpus folder) with a part starting with a dot: `.DS_Store`, `.cache/a.txt`."""
    return any(part.startswith(".") for part in Path(relative).parts)


def article_files(folder: Path) -> list[Path]:
    """Every entry of the folder except the top-level manifest, sorted by relative path.

    Subfolders are walked (links to folders are entries, not walked); hidden folders are entries
    themselves, not walked: the manifest decides whether files inside them are read. Hidden files
    are listed like any other (the caller decides what to do with them)."""
    found: list[Path] = []

    def walk(directory: Path) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                path = Path(entry.path)
                if directory == folder and entry.name == MANIFEST_NAME:
                    continue
                if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                    walk(path)
                else:
                    found.append(path)

    walk(Path(folder))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _inside(target: str, root: str) -> bool:
    return target == root or os.path.commonpath([target, root]) == root


def check_entry(path: Path, root: Path | None = None, max_bytes: int | None = None) -> os.stat_result:
    """Refuse, from `lstat`/`stat` alone and without opening it, anything but a regular file inside
    `root` (default: the file's own folder) no larger than `max_bytes`; returns the file's stat."""
    try:
        info = os.lstat(path)
    except OSError as err:
        raise ReadError(f"unreadable: {err.strerror or err}") from err
    real, root = os.path.realpath(path), os.path.realpath(root if root is not None else Path(path).parent)
    if not _inside(real, root):
        if stat.S_ISLNK(info.st_mode):
            raise ReadError(f"a link that points outside the corpus (to {os.readlink(path)}); not read")
        raise ReadError(f"reached through a link that points outside the corpus (to {real}); not read")
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError as err:
            raise ReadError(f"unreadable: {err.strerror or err} (a link to {os.readlink(path)})") from err
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("unreadable: is a directory, not a file")
    for test, kind in NOT_REGULAR:
        if test(info.st_mode):
            raise ReadError(f"not a regular file ({kind}); not read")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file; not read")
    if max_bytes is not None and info.st_size > max_bytes:
        raise ReadError(_too_large(info.st_size, max_bytes))
    return info


def _too_large(size: int, max_bytes: int) -> str:
    return (f"too large: {size / 1e6:,.1f} MB, over the {max_bytes / 1e6:g} MB limit; not read "
            "(raise it with load_corpus(max_file_mb=...) or --max-file-mb)")


def open_file(path: Path) -> int:
    """A read-only descriptor that never blocks on open (a FIFO swapped in after the check)."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))


def read_bytes(path: Path, root: Path | None = None, max_bytes: int = MAX_FILE_MB * 1_000_000) -> bytes:
    """The bytes of a regular file inside `root`, never more than `max_bytes` of them read."""
    check_entry(path, root, max_bytes)
    try:
        fd = open_file(path)
    except OSError as err:
        raise ReadError(f"unreadable: {err.strerror or err}") from err
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the check and the open
            raise ReadError("not a regular file; not read")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as err:
            raise ReadError(f"unreadable: {err.strerror or err}") from err
    if len(data) > max_bytes:
        raise ReadError(_too_large(len(data), max_bytes))
    return data


def _with_bom(data: bytes) -> Decoded | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as err:
                raise ReadError(f"has a {encoding} byte-order mark but does not decode: {err.reason}") from err
    return None


def _utf8(data: bytes) -> Decoded | None:
    """Clean UTF-8, or UTF-8 with a few damaged bytes replaced; None when it is not UTF-8."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    valid = sum(1 for char in text if ord(char) > 127) - damaged
    if valid < DAMAGED_UTF8_RATIO * damaged:
        return None
    return Decoded(text, "utf-8", f"UTF-8 with {damaged} invalid byte sequence(s), each replaced by U+FFFD (\ufffd)")


def _most_plausible(matches: CharsetMatches) -> CharsetMatch | None:
    best = matches.best()
    if best is None:
        return None
    close = [m for m in matches if m.chaos <= best.chaos + CHAOS_MARGIN]
    fluent = max(close, key=lambda m: m.coherence)
    return fluent if fluent.coherence >= best.coherence + COHERENCE_GAIN else best


def _detected(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # imported here: only text that is not UTF-8 needs it

    best = _most_plausible(from_bytes(data))
    if b"\x00" in data and (best is None or not best.encoding.startswith("utf_")):
        raise ReadError("binary file (contains NUL bytes), not text")
    if best is None or best.chaos > MAX_DETECTION_CHAOS:
        raise ReadError("undecodable: not UTF-8 and no single-byte encoding fits")
    return Decoded(str(best), best.encoding, f"not UTF-8: decoded as {best.encoding} (detected)")


def _join(*warnings: str) -> str:
    return "; ".join(w for w in warnings if w)


def decode(data: bytes) -> Decoded:
    """Bytes to text; raises ReadError saying why when they are not text."""
    decoded = _with_bom(data)
    nuls = data.count(b"\x00") if decoded is None else 0
    if nuls and nuls <= MAX_CONTROL_SHARE * len(data):
        # a few stray NULs in a text (UTF-16/32 without a mark has one in every two or four bytes)
        if len(CONTROL_BYTES.findall(data)) > MAX_CONTROL_SHARE * len(data):
            raise ReadError("binary file (contains NUL bytes), not text")
        inner = decode(data.replace(b"\x00", b""))
        return Decoded(inner.text, inner.encoding, _join(f"{nuls} NUL byte(s) removed", inner.warning))
    if decoded is None and not nuls:
        decoded = _utf8(data)
    decoded = decoded or _detected(data)
    if len(CONTROL.findall(decoded.text)) > MAX_CONTROL_SHARE * len(decoded.text):
        raise ReadError("binary file (control characters), not text")
    return decoded


BLOCK_TAGS = {"p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "header", "footer",
              "aside", "section", "article", "main", "td", "th", "tr", "blockquote", "pre", "figcaption",
              "caption", "br", "ul", "ol", "table", "form", "address", "button", "label", "option"}
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg")
MAX_TEMPLATE_LINES = 2000  # lines checked against the main text word for word; the rest by whole line


def page_lines(html: str) -> list[str]:
    """The visible text of a page, one line per block element (whitespace collapsed)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on broken markup; no lines then
        return []
    for element in list(root.iter(*INVISIBLE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.text is not None or len(element):
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return [line for line in lines if line]


def template_lines(html: str, main_text: str) -> list[str]:
    """The page's lines that are not in its main text: what trafilatura left out, for `articles.removed`."""
    kept = {" ".join(line.split()) for line in main_text.split("\n")}
    flat = " ".join(main_text.split())
    out = []
    for n, line in enumerate(page_lines(html)):
        if line in kept or (n < MAX_TEMPLATE_LINES and line in flat) or line in out:
            continue
        out.append(line)
    return out


def html_main_text(html: str) -> tuple[str, list[str]]:
    """The page's main text, and the lines of the page left out of it."""
    import trafilatura  # imported here: slow to import and only needed for HTML

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise ReadError("HTML page with no main text that could be extracted")
    return text, template_lines(html, text)


def read_text(path: Path, root: Path | None = None, max_file_mb: float = MAX_FILE_MB) -> Decoded:
    """The raw article text of one file inside `root` (default: its own folder); raises ReadError with a
    readable reason. Only regular files are opened, and no more than `max_file_mb` megabytes are read."""
    max_bytes = int(max_file_mb * 1_000_000)
    check_entry(path, root, max_bytes)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; use .txt or .html")
    data = read_bytes(path, root, max_bytes)
    if not data.strip():
        raise ReadError("empty file")
    decoded = decode(data)
    if suffix in HTML_SUFFIXES:
        text, removed = html_main_text(decoded.text)
        return Decoded(text, decoded.encoding, decoded.warning, tuple(removed))
    return decoded
