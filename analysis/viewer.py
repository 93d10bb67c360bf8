"""An article's text as HTML with its quotes, claims and estimates highlighted (text escaped)."""
from __future__ import annotations

import html

import pandas as pd

STYLES = {"quote": "background:#fde68a", "claim": "background:#bfdbfe", "estimate": "outline:2px solid #dc2626"}


def spans_of(corpus, article_id: str) -> pd.DataFrame:
    """(start, end, layer, title) of everything to highlight in one article."""
    layers = [
        corpus.claims.query("article_id == @article_id and kind == 'indirect'")
        .assign(layer="claim", title=lambda f: f["claimant"].fillna("?").astype(str) + " — " + f["cue"].astype(str)),
        corpus.quotes.query("article_id == @article_id")
        .assign(layer="quote", title=lambda f: f["speaker"].fillna("?").astype(str) + " — " + f["kind"].astype(str)),
        corpus.estimates.query("article_id == @article_id")
        .assign(layer="estimate", title=lambda f: f["category"].astype(str) + " " + f["unit"].astype(str)),
    ]
    cols = ["start", "end", "layer", "title"]
    return pd.concat([f[cols] for f in layers], ignore_index=True).astype({"start": int, "end": int})


def highlight(text: str, spans: pd.DataFrame) -> str:
    """HTML of `text` with each span's layer styled; overlapping spans combine their styles."""
    cuts = sorted({0, len(text), *spans["start"], *spans["end"]})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        inside = spans[(spans["start"] <= a) & (spans["end"] >= b)]
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        if len(inside):
            style = ";".join(STYLES[l] for l in sorted(set(inside["layer"])))
            title = html.escape(" | ".join(inside["title"]), quote=True)
            piece = f'<span style="{style}" title="{title}">{piece}</span>'
        parts.append(piece)
    legend = " ".join(f'<span style="{s}">{name}</span>' for name, s in STYLES.items())
    return f"<div style='line-height:1.6'><p>{legend}</p>{''.join(parts)}</div>"


def article_html(corpus, article_id: str) -> str:
    text = corpus.articles.set_index("article_id").loc[article_id, "text"]
    return highlight(text, spans_of(corpus, article_id))
