"""Word-level differences between the wordings sources give for one quotation."""
from __future__ import annotations

import difflib
import html
import re

import pandas as pd

TOKEN = re.compile(r"\w[\w’'-]*|[^\w\s]")


def word_diff(a: str, b: str) -> pd.DataFrame:
    """Aligned words of two wordings: op (equal, delete, insert, replace), words in a, words in b."""
    wa, wb = TOKEN.findall(a), TOKEN.findall(b)
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in wa], b=[w.lower() for w in wb], autojunk=False)
    rows = [(op, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    return pd.DataFrame(rows, columns=["op", "a", "b"])


def diff_html(a: str, b: str, label_a: str = "A", label_b: str = "B") -> str:
    """Two columns, words only one side has highlighted; all text HTML-escaped."""
    diff = word_diff(a, b)
    left, right = [], []
    for op, wa, wb in diff.itertuples(index=False):
        left.append(html.escape(wa) if op == "equal" else f"<del>{html.escape(wa)}</del>" if wa else "")
        right.append(html.escape(wb) if op == "equal" else f"<ins>{html.escape(wb)}</ins>" if wb else "")
    cell = "<td style='vertical-align:top;padding:4px 8px'>{}</td>"
    return ("<table><tr>" + "".join(f"<th>{html.escape(x)}</th>" for x in (label_a, label_b)) + "</tr><tr>"
            + cell.format(" ".join(w for w in left if w)) + cell.format(" ".join(w for w in right if w))
            + "</tr></table>")


def shared_share(a: str, b: str) -> float:
    """Share of the shorter wording's words that the other wording carries too."""
    diff = word_diff(a, b)
    equal = diff.loc[diff["op"] == "equal", "a"].str.split().str.len().sum()
    shorter = min(len(TOKEN.findall(a)), len(TOKEN.findall(b))) or 1
    return float(equal) / shorter
