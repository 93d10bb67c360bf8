"""Files to text: find the article files in a folder and decode each one without guessing blindly.

Order of decoding: a byte-order mark (UTF-8, UTF-16, UTF-32) is trusted; then strict UTF-8;
then UTF-8 with a few damaged bytes (valid multi-byte characters outnumber invalid bytes
DAMAGED_UTF8_RATIO to one: a legacy encoding almost never forms valid UTF-8 sequences), the
damaged bytes replaced by U+FFFD; then charset-normalizer's detection for legacy single-byte
encodings, accepted only when its "chaos" (mess) ratio is low. Among the candidates about as
tidy as its best (CHAOS_MARGIN), one that reads clearly more like a language (coherence higher
by COHERENCE_GAIN) wins: on short texts the tidiest guess is often a sibling code page that
garbles a few letters (Latin-1 French read as Baltic cp1257 turns "à" into "ą").
NUL bytes mean UTF-16/32 without a mark (when detection says so) or a binary file; so does a
text with more than MAX_CONTROL_SHARE control characters. Anything short of a BOM or clean
UTF-8 comes with a warning for `articles.message`.
HTML goes through trafilatura (imported only when an HTML file is read) to keep the main text.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import CharsetMatch, CharsetMatches, from_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
MANIFEST_NAME = "articles.csv"
BOMS = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
MAX_DETECTION_CHAOS = 0.2  # charset-normalizer's "mess" ratio above which we call it undecodable
CHAOS_MARGIN = 0.02        # candidates this much messier than the best are still as plausible...
COHERENCE_GAIN = 0.05      # ...and one of them wins when its language fit is this much better
DAMAGED_UTF8_RATIO = 3     # valid non-ASCII characters per invalid byte for "UTF-8 with damage"
MAX_CONTROL_SHARE = 0.05   # text has almost no control characters besides tab and newlines
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class ReadError(Exception):
    """A file that cannot become article text; the message says why, for `articles.message`."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str = ""  # why the decoding needs a look (detected encoding, replaced bytes); "" when certain


def article_files(folder: Path) -> list[Path]:
    """Every entry of the folder except the manifest and hidden files, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.name != MANIFEST_NAME and not p.name.startswith("."))


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
    best = _most_plausible(from_bytes(data))
    if b"\x00" in data and (best is None or not best.encoding.startswith("utf_")):
        raise ReadError("binary file (contains NUL bytes), not text")
    if best is None or best.chaos > MAX_DETECTION_CHAOS:
        raise ReadError("undecodable: not UTF-8 and no single-byte encoding fits")
    return Decoded(str(best), best.encoding, f"not UTF-8: decoded as {best.encoding} (detected)")


def decode(data: bytes) -> Decoded:
    """Bytes to text; raises ReadError saying why when they are not text."""
    decoded = _with_bom(data)
    if decoded is None and b"\x00" not in data:
        decoded = _utf8(data)
    decoded = decoded or _detected(data)
    if len(CONTROL.findall(decoded.text)) > MAX_CONTROL_SHARE * len(decoded.text):
        raise ReadError("binary file (control characters), not text")
    return decoded


def html_main_text(html: str) -> str:
    import trafilatura  # imported here: slow to import and only needed for HTML

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise ReadError("HTML page with no main text that could be extracted")
    return text


def read_text(path: Path) -> Decoded:
    """The raw article text of one file; raises ReadError with a readable reason."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ReadError("unreadable: is a directory, not a file")
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; use .txt or .html")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(f"unreadable: {err.strerror or err}") from err
    if not data.strip():
        raise ReadError("empty file")
    decoded = decode(data)
    if suffix in HTML_SUFFIXES:
        return Decoded(html_main_text(decoded.text), decoded.encoding, decoded.warning)
    return decoded
