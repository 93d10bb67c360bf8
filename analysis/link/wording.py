"""Word-level differences between the wordings sources give for one quotation."""
from __future__ import annotations

import difflib
import html
import re

import pandas as pd

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w[\w’'-]*|[^\w\s]")  # "4,000" is one word, not "4" "," "000"


def _opcodes(a: str, b: str):
    """Token spans of both wordings and difflib's opcodes over their lower-cased words."""
    ta, tb = list(TOKEN.finditer(a)), list(TOKEN.finditer(b))
    matcher = difflib.SequenceMatcher(a=[t.group().lower() for t in ta], b=[t.group().lower() for t in tb],
                                      autojunk=False)
    return ta, tb, matcher.get_opcodes()


def _span(text: str, tokens, i: int, j: int) -> str:
    """The original text of tokens i..j-1, with its own spacing."""
    return text[tokens[i].start():tokens[j - 1].end()] if j > i else ""


def word_diff(a: str, b: str) -> pd.DataFrame:
    """Aligned pieces of two wordings: op (equal, delete, insert, replace), the words in a, the words in b."""
    ta, tb, ops = _opcodes(a, b)
    rows = [(op, _span(a, ta, i1, i2), _span(b, tb, j1, j2)) for op, i1, i2, j1, j2 in ops]
    return pd.DataFrame(rows, columns=["op", "a", "b"])


def _marked(text: str, tokens, pieces, tag: str) -> str:
    """`text` HTML-escaped, with the pieces not shared by the other wording wrapped in `tag`."""
    out, cursor = [], 0
    for op, i, j in pieces:
        if j <= i:
            continue
        start, end = tokens[i].start(), tokens[j - 1].end()
        out.append(html.escape(text[cursor:start]))
        piece = html.escape(text[start:end])
        out.append(piece if op == "equal" else f"<{tag}>{piece}</{tag}>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def diff_html(a: str, b: str, label_a: str = "A", label_b: str = "B") -> str:
    """Two columns in their original spacing; words only one side has are highlighted; all text escaped."""
    ta, tb, ops = _opcodes(a, b)
    left = _marked(a, ta, [(op, i1, i2) for op, i1, i2, _j1, _j2 in ops], "del")
    right = _marked(b, tb, [(op, j1, j2) for op, _i1, _i2, j1, j2 in ops], "ins")
    cell = "<td style='vertical-align:top;padding:4px 8px'>{}</td>"
    return ("<table><tr>" + "".join(f"<th>{html.escape(x)}</th>" for x in (label_a, label_b)) + "</tr><tr>"
            + cell.format(left) + cell.format(right) + "</tr></table>")


def shared_share(a: str, b: str) -> float:
    """Share of the shorter wording's words that the other wording carries too."""
    ta, tb, ops = _opcodes(a, b)
    equal = sum(i2 - i1 for op, i1, i2, _j1, _j2 in ops if op == "equal")
    return equal / (min(len(ta), len(tb)) or 1)
