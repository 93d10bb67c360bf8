"""Widget dashboards for the notebooks: each factory returns a Dashboard whose controls tests can set.

A Dashboard holds its `controls` (name -> widget), the `table` it currently shows, the `figure`
(when it draws one) and `widget`, the box to display. Changing any control calls `update()`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from . import plots
from .coverage import align, coverage_matrix, source_counts
from .viewer import article_html
from .wording import diff_html

ALL = "(all)"


@dataclass
class Dashboard:
    controls: dict[str, w.Widget]
    render: Callable[["Dashboard"], None]
    output: w.Output = field(default_factory=w.Output)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    figure: plt.Figure | None = None
    html: str = ""

    def __post_init__(self):
        for control in self.controls.values():
            control.observe(lambda _change: self.update(), names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap")), self.output])
        self.update()

    def value(self, name):
        return self.controls[name].value

    def update(self) -> None:
        if self.figure is not None:
            plt.close(self.figure)
        self.output.clear_output(wait=True)
        self.render(self)


def _sources(corpus) -> dict[str, str]:
    return {a: (o or a) for a, o in zip(corpus.articles["article_id"], corpus.articles["outlet"].fillna(""))}


def _date_filter(frame: pd.DataFrame, column: str, start, end) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if start:
        keep &= frame[column] >= pd.Timestamp(start)
    if end:
        keep &= frame[column] <= pd.Timestamp(end)
    return keep


def filter_claims(claims: pd.DataFrame, sources: dict, source=ALL, speaker="", affiliation=ALL, kind=ALL,
                  start=None, end=None, search="") -> pd.DataFrame:
    """Claims matching every filter; empty strings and ALL mean no filter."""
    rows = claims.assign(source=claims["article_id"].map(sources))
    keep = _date_filter(rows, "said_on", start, end)
    if source != ALL:
        keep &= rows["source"] == source
    if speaker:
        keep &= rows["claimant"].fillna("").str.contains(speaker, case=False, regex=False)
    if affiliation != ALL:
        keep &= rows["affiliation"].fillna("unknown") == affiliation
    if kind != ALL:
        keep &= rows["kind"] == kind
    if search:
        keep &= rows["text"].str.contains(search, case=False, regex=False)
    columns = ["claim_id", "source", "kind", "claimant", "claimant_role", "affiliation", "cue", "said_on", "text"]
    return rows.loc[keep, columns].sort_values("claim_id").reset_index(drop=True)


def claims_explorer(corpus) -> Dashboard:
    sources = _sources(corpus)
    affiliations = sorted(corpus.claims["affiliation"].fillna("unknown").unique())
    controls = {
        "source": w.Dropdown(options=[ALL, *sorted(set(sources.values()))], description="source"),
        "speaker": w.Text(description="speaker", placeholder="part of a name"),
        "affiliation": w.Dropdown(options=[ALL, *affiliations], description="affiliation"),
        "kind": w.Dropdown(options=[ALL, "direct", "partial", "indirect"], description="kind"),
        "start": w.DatePicker(description="said from"),
        "end": w.DatePicker(description="said until"),
        "search": w.Text(description="search", placeholder="words in the claim"),
    }

    def render(d: Dashboard):
        d.table = filter_claims(corpus.claims, sources, **{k: d.value(k) for k in controls})
        with d.output:
            display(HTML(f"<p>{len(d.table)} of {len(corpus.claims)} claims</p>"), d.table)

    return Dashboard(controls, render)


def article_viewer(corpus) -> Dashboard:
    usable = corpus.articles.query("status != 'error'")
    options = [(f"{a} — {t[:70]}", a) for a, t in zip(usable["article_id"], usable["title"].fillna(""))]

    def render(d: Dashboard):
        d.html = article_html(corpus, d.value("article"))
        with d.output:
            display(HTML(d.html))

    return Dashboard({"article": w.Dropdown(options=options, description="article")}, render)


def estimates_dashboard(corpus) -> Dashboard:
    rows = plots.dated_estimates(corpus.estimates, corpus.articles)
    categories = sorted(rows["category"].dropna().unique()) or ["troops"]
    controls = {
        "category": w.Dropdown(options=categories, value="troops" if "troops" in categories else categories[0],
                               description="category"),
        "claimants": w.SelectMultiple(options=sorted(rows["who"].unique()), description="claimants",
                                      rows=min(6, max(2, rows["who"].nunique()))),
        "start": w.DatePicker(description="from"),
        "end": w.DatePicker(description="until"),
        "show_derived": w.Checkbox(value=True, description="show derived figures"),
    }

    def render(d: Dashboard):
        keep = (rows["category"] == d.value("category")) & _date_filter(rows, "date", d.value("start"), d.value("end"))
        if d.value("claimants"):
            keep &= rows["who"].isin(d.value("claimants"))
        if not d.value("show_derived"):
            keep &= ~rows["derived"].fillna(False).astype(bool)
        shown = rows[keep].sort_values(["date", "estimate_id"])
        d.figure = plots.estimates_over_time(shown, d.value("category"))
        sentences = corpus.sentences.set_index(["article_id", "sentence_id"])["text"]
        d.table = shown.assign(sentence=[sentences.get((a, s), "") for a, s in zip(shown["article_id"], shown["sentence_id"])])[
            ["estimate_id", "date", "who", "text", "value", "low", "high", "qualifier", "unit", "stance", "derived",
             "derivation", "sentence"]].reset_index(drop=True)
        with d.output:
            display(d.figure, d.table)

    return Dashboard(controls, render)


def coverage_dashboard(corpus) -> Dashboard:
    sources = _sources(corpus)
    names = sorted(set(sources.values()))
    cache: dict[float, tuple] = {}
    controls = {
        "sources": w.SelectMultiple(options=names, value=tuple(names), description="sources"),
        "threshold": w.FloatSlider(value=0.25, min=0.1, max=0.9, step=0.01, description="similarity ≥"),
    }

    def render(d: Dashboard):
        threshold = round(d.value("threshold"), 2)
        if threshold not in cache:
            cache[threshold] = align(corpus, threshold=threshold)
        coverage, discrepancies = cache[threshold]
        chosen = set(d.value("sources"))
        d.table = coverage[coverage["outlet"].isin(chosen)]
        matrix = coverage_matrix(d.table) if len(d.table) else pd.DataFrame()
        d.figure = plots.coverage_heatmap(matrix)
        counts = source_counts(d.table) if len(d.table) else pd.DataFrame(columns=["shared", "unique", "total"])
        shown_discrepancies = discrepancies[discrepancies["article_id"].map(sources).isin(chosen)]
        with d.output:
            display(d.figure, counts, shown_discrepancies)

    return Dashboard(controls, render)


def shared_quote_wordings(coverage: pd.DataFrame) -> list[str]:
    """HTML side-by-side word diffs for every element whose quotations or claims two sources carry."""
    spread = coverage.groupby("element_id")["outlet"].nunique()
    out = []
    for element, group in coverage[coverage["element_id"].map(spread) > 1].groupby("element_id"):
        quoted = group[group["member"].isin(["quote", "claim"])].drop_duplicates("outlet")
        if len(quoted) >= 2 and (group["member"] == "quote").any():
            a, b = quoted.iloc[0], quoted.iloc[1]
            out.append(f"<h4>{element}: {group['label'].iloc[0]}</h4>" + diff_html(a["text"], b["text"], a["outlet"], b["outlet"]))
    return out
