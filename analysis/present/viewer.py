"""An article's text as HTML with its quotes, claims and estimates highlighted by their offsets.

Every piece of article text and every tooltip goes through `html.escape`, so an article can hold
any markup without it being run or rendered.
"""
from __future__ import annotations

import html

import pandas as pd

STYLES = {"quote": "background:#fde68a", "claim": "background:#bfdbfe", "estimate": "outline:2px solid #dc2626"}
SPAN_COLUMNS = ["start", "end", "layer", "title"]


def _described(frame: pd.DataFrame, layer: str, *parts: str) -> pd.DataFrame:
    """Rows of one layer, with a tooltip made of the named columns ("?" where one is empty)."""
    title = frame[parts[0]].astype("string").fillna("?")
    for part in parts[1:]:
        title = title + " — " + frame[part].astype("string").fillna("?")
    return frame.assign(layer=layer, title=title)[SPAN_COLUMNS]


def spans_of(corpus, article_id: str) -> pd.DataFrame:
    """(start, end, layer, title) of everything to highlight in one article.

    Quotes cover direct and partial claims, so only indirect claims form the claim layer.
    """
    claims = corpus.claims[(corpus.claims["article_id"] == article_id) & (corpus.claims["kind"] == "indirect")]
    quotes = corpus.quotes[corpus.quotes["article_id"] == article_id]
    estimates = corpus.estimates[corpus.estimates["article_id"] == article_id]
    layers = [_described(claims, "claim", "claimant", "cue"), _described(quotes, "quote", "speaker", "kind"),
              _described(estimates, "estimate", "category", "unit", "claimant")]
    spans = pd.concat(layers, ignore_index=True)
    return spans.dropna(subset=["start", "end"]).astype({"start": int, "end": int})


def highlight(text: str, spans: pd.DataFrame) -> str:
    """HTML of `text` with each span styled by its layer; overlapping spans combine their styles."""
    cuts = sorted({0, len(text), *spans["start"], *spans["end"]})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        inside = spans[(spans["start"] <= a) & (spans["end"] >= b)]
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        if len(inside):
            style = ";".join(STYLES[layer] for layer in sorted(set(inside["layer"])))
            title = html.escape(" | ".join(inside["title"]), quote=True)
            piece = f'<span style="{style}" title="{title}">{piece}</span>'
        parts.append(piece)
    legend = " ".join(f'<span style="{style}">{name}</span>' for name, style in STYLES.items())
    return f"<div style='line-height:1.6'><p>{legend} (hover for who and what)</p>{''.join(parts)}</div>"


def article_html(corpus, article_id: str) -> str:
    """The cleaned text of one article with its quotes, claims and estimates highlighted."""
    articles = corpus.articles.set_index("article_id")
    header = html.escape(f"{article_id} · {articles.loc[article_id, 'title']}")
    return f"<h4>{header}</h4>" + highlight(articles.loc[article_id, "text"], spans_of(corpus, article_id))
