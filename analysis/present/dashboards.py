"""Widget dashboards for the notebooks: each factory returns a Dashboard whose controls tests can set.

A Dashboard holds its `controls` (name -> widget), the `table` it currently shows, further
`tables` by name, the `figure` (when it draws one), the `html` it shows (when it shows some) and
`widget`, the box to display. Changing any control calls `update()`, which redraws `output`.
"""
from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from typing import Callable

import ipywidgets as w
import pandas as pd
from IPython import get_ipython
from IPython.display import HTML, Image
from matplotlib.figure import Figure

from . import plots
from ..link.coverage import DEFAULT_THRESHOLD, align
from .viewer import article_html
from ..store.query import (ALL, CLAIM_COLUMNS, LINKED, MEMBER_RANK, TYPES,  # noqa: F401 - CLAIM_COLUMNS: shown
                           ClaimsQuery, CoverageQuery, EstimatesQuery, linked_again)
from ..link.wording import diff_html

SHOWN = 1_000  # claims the explorer shows, estimates the estimates dashboard draws, at most (each says how many match)
ESTIMATE_COLUMNS = ["estimate_id", "date", "date_basis", "source", "who", "text", "value", "low", "high", "qualifier",
                    "unit", "stance", "derived", "derivation", "sentence"]
DRAWN_ELEMENTS = 60  # story elements the coverage heatmap draws at most: those carried by the most sources
WORDED_ELEMENTS = 100  # shared elements whose wordings the coverage dashboard sets side by side at most


@dataclass
class Dashboard:
    controls: dict[str, w.Widget]
    render: Callable[["Dashboard"], None]
    output: w.Output = field(default_factory=w.Output)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figure: Figure | None = None
    html: str = ""

    def __post_init__(self):
        for control in self.controls.values():
            control.observe(lambda _change: self.update(), names="value")
        controls = w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox([controls, self.output])
        self.update()

    def value(self, name):
        return self.controls[name].value

    def update(self) -> None:
        self.output.outputs = ()
        self.render(self)

    def show(self, *shown) -> None:
        """Put objects into `output` as widget state (not display messages), so what a dashboard shows
        never leaks into the cell's own outputs when it runs headless (nbval, nbconvert)."""
        for item in shown:
            self.output.append_display_data(as_image(item) if isinstance(item, Figure) and _in_kernel() else item)


def _in_kernel() -> bool:
    """Whether a front end can show what a dashboard draws (JupyterLab, Voila, nbconvert, nbval); plain
    Python (unit tests) skips drawing charts to PNG, which it would never show."""
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def as_image(figure: Figure) -> Image:
    """A Figure as a PNG, as `%matplotlib inline` would draw it: a dashboard's chart renders as an image
    whatever the kernel's backend (Voila does not run `%matplotlib inline`), never as "<Figure size …>"."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return Image(data=buffer.getvalue(), format="png")


def claims_explorer(corpus, shown: int = SHOWN) -> Dashboard:
    """Claims filtered by source, speaker, affiliation, kind, type, date range and words in the claim.

    The filter is one DuckDB query (`analysis.store.query.ClaimsQuery`): over the Parquet files when the corpus
    is a store, so a million claims are never loaded into pandas; the first `shown` matching claims are shown
    (`table`), with how many match."""
    query = ClaimsQuery(corpus)
    total = query.total()
    controls = {
        "source": w.Dropdown(options=[ALL, *query.sources()], description="source"),
        "speaker": w.Text(description="speaker", placeholder="part of a name"),
        "affiliation": w.Dropdown(options=[ALL, *query.affiliations()], description="affiliation"),
        "kind": w.Dropdown(options=[ALL, "direct", "partial", "indirect"], description="kind"),
        "type": w.Dropdown(options=[ALL, *TYPES], description="type", tooltip="what the cue reports: speech, "
                           "belief, finding (what a study or evidence showed) or intention"),
        "start": w.DatePicker(description="from", tooltip="said on (else published) from this day"),
        "end": w.DatePicker(description="until", tooltip="said on (else published) until this day"),
        "search": w.Text(description="search", placeholder="words in the claim"),
    }

    def render(d: Dashboard):
        found, d.table = query.filter(limit=shown, **{name: d.value(name) for name in controls})
        more = f" (the first {len(d.table):,} shown)" if found > len(d.table) else ""
        d.show(HTML(f"<p>{found:,} of {total:,} claims{more}</p>"), d.table)

    return Dashboard(controls, render)


def article_viewer(corpus) -> Dashboard:
    """One article at a time, its quotes, claims and estimates highlighted."""
    usable = corpus.articles[corpus.articles["status"] != "error"]
    options = [(f"{a} · {str(t)[:70]}", a) for a, t in zip(usable["article_id"], usable["title"].fillna(""))]

    def render(d: Dashboard):
        d.html = article_html(corpus, d.value("article"))
        d.show(HTML(d.html))

    return Dashboard({"article": w.Dropdown(options=options, description="article")}, render)


def estimates_dashboard(corpus, shown: int = SHOWN, query: EstimatesQuery | None = None) -> Dashboard:
    """Estimates over time by claimant: category, claimants, date range, derived figures on or off.

    The filter is one DuckDB query (`analysis.store.query.EstimatesQuery`, or the `query` given): over the Parquet
    files when the corpus is a store, so its estimates and sentences are never loaded into pandas; the chart and
    table hold the first `shown` matching estimates by date, and say how many match."""
    query = query or EstimatesQuery(corpus)
    categories = query.categories() or ["troops"]
    claimants = query.claimants()
    controls = {
        "category": w.Dropdown(options=categories, value="troops" if "troops" in categories else categories[0],
                               description="category"),
        "claimants": w.SelectMultiple(options=claimants, description="claimants", rows=min(6, max(2, len(claimants))),
                                      tooltip="none selected: every claimant"),
        "start": w.DatePicker(description="from"),
        "end": w.DatePicker(description="until"),
        "show_derived": w.Checkbox(value=True, description="show derived figures"),
    }

    def render(d: Dashboard):
        found, rows = query.filter(limit=shown, **{name: d.value(name) for name in controls})
        d.figure = plots.estimates_over_time(rows, d.value("category"))
        d.table = rows[ESTIMATE_COLUMNS]
        shown_how = f"{found:,} estimates match; the first {len(rows):,} by date are shown" if found > len(rows) \
            else f"{len(rows):,} estimates shown"
        d.show(d.figure, HTML(f"<p>{shown_how}</p>"), d.table)

    return Dashboard(controls, render)


def element_wordings(coverage: pd.DataFrame) -> pd.DataFrame:
    """For each element carried by several sources, one wording per source: its quotation if it has one,
    else its claim, else its sentence; the best-matched member first."""
    spread = coverage.groupby("element_id")["outlet"].transform("nunique")
    shared = coverage[spread > 1].assign(rank=lambda f: f["member"].map(MEMBER_RANK),
                                         match=lambda f: f["similarity"].fillna(0))
    best = shared.sort_values(["element_id", "outlet", "rank", "match"], ascending=[True, True, True, False])
    return best.drop_duplicates(["element_id", "outlet"])[["element_id", "label", "outlet", "member", "text"]] \
        .reset_index(drop=True)


def wordings_html(wordings: pd.DataFrame, quotes_only: bool = False, limit: int | None = None,
                  shared: int | None = None) -> str:
    """Side by side, each source's wording against the first source's, words only one side has marked; the
    first `limit` elements (in element order), then how many more there are: `shared` of them in all when
    `wordings` holds only the first ones (`CoverageQuery.wordings`)."""
    parts, elements = [], 0
    for element, group in wordings.groupby("element_id", sort=True):
        if quotes_only and not group["member"].eq("quote").any():
            continue
        elements += 1
        if limit is not None and elements > limit:
            continue
        first = group.iloc[0]
        parts.append(f"<h4>{html.escape(element)}: {html.escape(str(first['label']))}</h4>")
        parts += [diff_html(first["text"], other["text"], f"{first['outlet']} ({first['member']})",
                            f"{other['outlet']} ({other['member']})") for _, other in group.iloc[1:].iterrows()]
    elements = max(elements, shared or 0)
    if limit is not None and elements > limit:
        parts.append(f"<p>… and {elements - limit:,} more shared elements</p>")
    return "".join(parts) or "<p>no element is carried by two of these sources</p>"


def widest_elements(matrix: pd.DataFrame, limit: int = DRAWN_ELEMENTS) -> pd.DataFrame:
    """The `limit` rows of a `coverage_matrix` carried by the most sources, then with the most members, in
    element order: a heatmap of tens of thousands of elements can be neither drawn nor read."""
    if len(matrix) <= limit:
        return matrix
    spread = pd.DataFrame({"sources": (matrix > 0).sum(axis=1), "members": matrix.sum(axis=1)})
    widest = spread.sort_values(["sources", "members"], ascending=False, kind="stable").index[:limit]
    return matrix.loc[widest].sort_index()


def alignment(corpus, threshold: float) -> tuple[CoverageQuery, str]:
    """The coverage and discrepancies at a similarity threshold as a `CoverageQuery`, and on a store a note saying
    where they come from. At the default threshold they are the corpus' own (a linked store's files, read as they
    are; a store its build did not link is linked once); at another threshold a store is linked again from its
    files a month and a date window at a time (`linked_again`: minutes on a large store), a corpus in memory
    aligned again (`align`)."""
    store = hasattr(corpus, "manifest")
    if threshold == DEFAULT_THRESHOLD:
        stored = store and corpus.manifest.get("linked")
        note = f"as the store's build linked them (similarity ≥ {threshold:.2f})" if stored else \
            "linked from the store's files (its build did not link them)" if store else ""
        return CoverageQuery(corpus), note
    if store:
        note = (f"linked again from the store's files at similarity ≥ {threshold:.2f} (its build linked them at "
                f"{DEFAULT_THRESHOLD:.2f}; on a large store this takes minutes)")
        return linked_again(corpus, threshold), note
    return CoverageQuery(corpus, dict(zip(LINKED, align(corpus, threshold=threshold)))), ""


def coverage_dashboard(corpus, threshold: float = DEFAULT_THRESHOLD, shown: int = SHOWN) -> Dashboard:
    """Coverage of the chosen sources at a similarity threshold: heatmap, counts, wordings, discrepancies.

    What it shows is computed by DuckDB queries (`analysis.store.query.CoverageQuery`): over a linked store's
    files at the default threshold, so its coverage is never read into pandas; another threshold links again
    (see `alignment`), once per value the slider visits. `table` holds the first `shown` coverage rows of the
    chosen sources, `tables["discrepancies"]` their first `shown` discrepancies (each says how many there are)."""
    first = round(threshold, 2)
    alignments = {first: alignment(corpus, first)}  # aligning is the slow part; a slider revisits the same values
    names = alignments[first][0].sources()
    controls = {
        "sources": w.SelectMultiple(options=names, value=tuple(names), description="sources"),
        # on a store, a value is linked only once the slider is let go (each one links the store again)
        "threshold": w.FloatSlider(value=threshold, min=0.1, max=0.9, step=0.05, description="similarity ≥",
                                   continuous_update=not hasattr(corpus, "manifest"),
                                   tooltip=f"{DEFAULT_THRESHOLD:.2f}: as the corpus was linked; another value links "
                                   "it again (minutes on a large store)"),
    }

    def render(d: Dashboard):
        key = round(d.value("threshold"), 2)
        if key not in alignments:
            alignments[key] = alignment(corpus, key)
        query, note = alignments[key]
        chosen = list(d.value("sources"))
        _, d.table = query.rows(chosen, shown)
        found, discrepancies = query.discrepancies(chosen, shown)
        d.tables = {"counts": query.counts(chosen), "discrepancies": discrepancies}
        drawn, elements = query.widest(chosen, DRAWN_ELEMENTS)
        d.figure = plots.coverage_heatmap(drawn)
        wordings, shared = query.wordings(chosen, WORDED_ELEMENTS)
        d.html = wordings_html(wordings, limit=WORDED_ELEMENTS, shared=shared)
        listed = [HTML(f"<p>The first {len(discrepancies):,} of {found:,}.</p>")] if found > len(discrepancies) else []
        d.show(*_coverage_notes(note, len(drawn), elements), d.figure, d.tables["counts"],
               HTML("<h4>Wordings of shared elements</h4>" + d.html), HTML("<h4>Discrepancies</h4>"), *listed,
               d.tables["discrepancies"])

    return Dashboard(controls, render)


def _coverage_notes(note: str, drawn: int, elements: int) -> list[HTML]:
    """What the coverage dashboard says above its heatmap: where coverage comes from, what the heatmap leaves out."""
    notes = [f"Coverage and discrepancies {note}."] if note else []
    if drawn < elements:
        notes.append(f"The heatmap draws the {drawn} elements carried by the most sources, of {elements:,}.")
    return [HTML(f"<p><i>{html.escape(' '.join(notes), quote=False)}</i></p>")] if notes else []


def table_counts(corpus) -> dict[str, int]:
    """Rows per table and the articles read without problems (`ok`): from a store's manifest and one DuckDB
    count, without loading its tables; else from the frames."""
    if hasattr(corpus, "manifest"):
        counts = {name: int(corpus.manifest["tables"].get(name, 0)) for name in ("articles", "claims", "estimates")}
        counts["ok"] = int(corpus.sql("select count(*) from articles where status = 'ok'").iloc[0, 0])
        return counts
    return {"articles": len(corpus.articles), "claims": len(corpus.claims), "estimates": len(corpus.estimates),
            "ok": int(corpus.articles["status"].eq("ok").sum())}


def corpus_summary(corpus, name: str | None = None):
    """The line a dashboard opens with: which corpus, how many articles, claims and estimates."""
    from IPython.display import Markdown

    n = table_counts(corpus)
    return Markdown(f"**Corpus:** `{name or 'seeds (the project’s example articles)'}` · {n['articles']:,} articles "
                    f"({n['ok']:,} read without problems) · {n['claims']:,} claims · {n['estimates']:,} estimates")
