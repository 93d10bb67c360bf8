"""Charts for the notebooks. Each function returns a matplotlib Figure; none shows or saves it.

Figures are made without pyplot, so a notebook shows each one once (where it is displayed) and
widgets that redraw do not pile up open figures.

One mark stands for one statement: the same figure from the same claimant on the same day, however
many articles carry it (a wire story copied by four outlets), with every source written beside it; a
figure relayed by someone else ("Lee said the agency estimated ...") is drawn for its original
claimant, with "via" the one who relayed it.

Every artist carries a `gid` naming what it draws ("range", "exact", "approximate", "at-least",
"at-most", "derivation", "derived-dates", "denial", "source", "undated"), so tests can read the
chart's data without looking at pixels. Notebooks need `%matplotlib inline` (or another backend)
for a displayed Figure to render as an image.
"""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from ..ingest.articles import source_names
from ..store.query import UNATTRIBUTED  # noqa: F401 - `who` of an estimate nobody is credited with
DODGE_SHARE = 30                  # marks of the same day sit side by side, 1/30 of the time shown apart,
MIN_DODGE = pd.Timedelta(hours=6)  # and at least a quarter of a day, so they never hide each other
LABEL_CHARS = 48   # story element labels on the heatmap
LEGEND_CHARS = 32  # claimant names wrap in the legend
LEGEND_CLAIMANTS = 20  # claimants named in the legend at most (the rest counted)


def _as_bool(column: pd.Series) -> pd.Series:
    return column.fillna(False).astype(bool)


def dated_estimates(estimates: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Estimates ready to plot: `date` (the statement's, else the middle of a stated period such as
    "last week", else publication), `date_basis`, `who` (claimant), `source` and `relayed_by`."""
    empty = pd.Series(pd.NaT, index=estimates.index, dtype="datetime64[ns]")
    date_from = pd.to_datetime(estimates.get("said_from", empty))
    date_to = pd.to_datetime(estimates.get("said_to", empty))
    middle = date_from + (date_to - date_from) / 2
    published = estimates["article_id"].map(articles.set_index("article_id")["published"])
    said_on = pd.to_datetime(estimates["said_on"])
    basis = np.select([said_on.notna(), middle.notna(), published.notna()], ["statement", "period", "publication"],
                      "unknown")
    return estimates.assign(date=pd.to_datetime(said_on.fillna(middle).fillna(published)), date_basis=basis,
                            date_from=date_from, date_to=date_to,
                            who=estimates["claimant"].astype("string").fillna(UNATTRIBUTED),
                            source=estimates["article_id"].map(source_names(articles)),
                            relayed_by=estimates.get("reported_by", pd.Series(pd.NA, index=estimates.index))
                            .astype("string"))


STATEMENT = ["who", "date", "value", "low", "high", "stance", "derived", "approximate"]  # what makes one mark


def statements(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per statement (claimant, figure, day, ...) from `dated_estimates` rows: `sources` lists every
    source that carries it, `relayed_by` everyone who relayed it; the first row of each (by estimate_id)
    stands for it."""
    if rows.empty:
        return rows.assign(sources=pd.Series(dtype=object), n_sources=pd.Series(dtype="int64"))
    rows = rows.sort_values("estimate_id")
    keys = rows[STATEMENT].astype("string").fillna("")
    group = pd.Series(list(zip(*(keys[column] for column in STATEMENT))), index=keys.index)
    joined = lambda values: sorted({str(v) for v in values if pd.notna(v)})  # noqa: E731
    sources = rows.groupby(group, sort=False)["source"].agg(joined)
    relayed = rows.groupby(group, sort=False)["relayed_by"].agg(lambda v: ", ".join(joined(v)) or pd.NA)
    members = rows.groupby(group, sort=False)["estimate_id"].agg(list)
    first = rows[~group.duplicated()].copy()
    first["members"] = group[first.index].map(members).tolist()
    first["sources"] = group[first.index].map(sources).tolist()
    first["n_sources"] = first["sources"].map(len)
    first["relayed_by"] = group[first.index].map(relayed).astype("string").tolist()
    return first


def _dodged(rows: pd.DataFrame) -> pd.Series:
    """Where to draw each row: marks of the same day side by side, spaced by a share of the time shown."""
    span = rows["date"].max() - rows["date"].min() if len(rows) else pd.Timedelta(0)
    step = max(span / DODGE_SHARE, MIN_DODGE)
    rank = rows.sort_values(["who", "estimate_id"]).groupby("date").cumcount()
    offset = rank - rows.groupby("date")["date"].transform("size").sub(1) / 2
    return rows["date"] + offset.reindex(rows.index).fillna(0) * step


def _kinds(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Split rows by how they are drawn."""
    denial = rows["stance"].eq("denial")
    bounded = rows["low"].notna() & rows["high"].notna()
    ranged = ~denial & bounded & (rows["value"].isna() | rows["low"].ne(rows["high"]))
    point = ~denial & ~ranged & rows["value"].notna()
    at_least = point & rows["low"].notna() & rows["high"].isna()   # "at least", "more than"
    at_most = point & rows["high"].notna() & rows["low"].isna()    # "up to", "fewer than"
    plain = point & ~at_least & ~at_most
    approximate = _as_bool(rows["approximate"])
    return {"range": rows[ranged], "exact": rows[plain & ~approximate], "approximate": rows[plain & approximate],
            "at-least": rows[at_least], "at-most": rows[at_most], "denial": rows[denial]}


def derivation_links(rows: pd.DataFrame) -> pd.DataFrame:
    """Each derived figure with the figure it was computed from: its `derived_from` (or the mark that stands
    for it, after `statements`), else the nearest figure of its sentence."""
    derived = _as_bool(rows["derived"]) & rows["value"].notna()
    linked = rows.iloc[0:0]
    if "derived_from" in rows and "members" in rows:
        mark = {member: i for i, members in rows["members"].items() for member in members}
        by_id = derived & rows["derived_from"].map(lambda d: d in mark)
        linked = rows[by_id]
        if len(linked):
            source = rows.loc[linked["derived_from"].map(mark)].add_suffix("_source")
            linked = pd.concat([linked, source.set_axis(linked.index)], axis=1)
        derived &= ~by_id
    sources = rows[~_as_bool(rows["derived"]) & rows["value"].notna()]
    pairs = rows[derived].reset_index().merge(sources, on=["article_id", "sentence_id"], suffixes=("", "_source"))
    if pairs.empty:
        return linked if len(linked) else pairs
    pairs = pairs.assign(distance=(pairs["start"] - pairs["start_source"]).abs())
    pairs = pairs.sort_values("distance").drop_duplicates("index").set_index("index")
    return pd.concat([linked, pairs]) if len(linked) else pairs


def _draw_marks(ax, rows: pd.DataFrame, colours: dict) -> None:
    """Every mark, one artist per kind of mark (each mark in its claimant's colour): a chart of a thousand
    figures from hundreds of claimants is drawn as fast as one of ten."""
    kinds = _kinds(rows.sort_values("who", kind="stable"))
    colour = {kind: [colours[who] for who in frame["who"]] for kind, frame in kinds.items()}
    ranges = kinds["range"]
    if len(ranges):
        ax.vlines(ranges["x"], ranges["low"].fillna(0).astype(float), ranges["high"].astype(float),
                  colors=colour["range"], linewidth=7, alpha=0.5, gid="range")
    for kind, hollow in (("exact", False), ("approximate", True)):
        points = kinds[kind]
        if len(points):
            ax.scatter(points["x"], points["value"].astype(float), s=64, edgecolors=colour[kind], linewidths=2,
                       facecolors="white" if hollow else colour[kind], zorder=3, gid=kind)
    for kind, marker in (("at-least", "^"), ("at-most", "v")):
        bounds = kinds[kind]
        if len(bounds):
            ax.scatter(bounds["x"], bounds["value"].astype(float), marker=marker, s=80, color=colour[kind], zorder=3,
                       gid=kind)
    denials = kinds["denial"]
    if len(denials):
        ax.scatter(denials["x"], np.zeros(len(denials)), marker="X", s=110, color=colour["denial"], zorder=4,
                   clip_on=False, gid="denial")


def _draw_derivations(ax, rows: pd.DataFrame, colours: dict) -> None:
    """Dashed line from each derived figure back to its source; a bar over the period it refers to."""
    for r in derivation_links(rows).itertuples():
        colour = colours[r.who]
        ax.plot([r.x, r.x_source], [r.value, r.value_source], linestyle="--", color=colour, linewidth=1.2,
                gid="derivation")
        if pd.notna(r.date_from) and pd.notna(r.date_to):
            ax.hlines(r.value, r.date_from, r.date_to, colors=colour, linewidth=1.5, linestyles=":",
                      gid="derived-dates")


def _label_sources(ax, rows: pd.DataFrame) -> None:
    """Every source (outlet or article id) of each mark written beside it, and who relayed it ("via Lee")."""
    marks = rows.assign(y=rows["high"].where(rows["value"].isna(), rows["value"]).fillna(0).astype(float))
    for x, top, sources, relayed in zip(marks["x"], marks["y"], marks["sources"], marks["relayed_by"]):
        label = ", ".join(sources) + (f" (via {relayed})" if pd.notna(relayed) else "")
        ax.annotate(label, (x, top), xytext=(5, 4), textcoords="offset points", fontsize=7,
                    color="dimgray", gid="source")


def claimant_colours(who: pd.Series) -> dict:
    """A colour per claimant, in name order; the ten colours come round again when there are more claimants."""
    palette = colormaps["tab10"].colors
    return {name: palette[i % len(palette)] for i, name in enumerate(sorted(who.unique()))}


def _legends(ax, colours: dict) -> None:
    claimants = [Patch(color=c, label=textwrap.fill(who, LEGEND_CHARS)) for who, c in colours.items()]
    if len(claimants) > LEGEND_CLAIMANTS:  # a legend taller than the chart helps nobody
        more = len(claimants) - LEGEND_CLAIMANTS + 1
        claimants = claimants[:LEGEND_CLAIMANTS - 1] + [Patch(color="white", label=f"… and {more:,} more")]
    first = ax.legend(handles=claimants, title="claimant", fontsize=8, title_fontsize=8,
                      loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.add_artist(first)
    grey = "dimgray"
    key = [Line2D([], [], marker="o", ls="", color=grey, label="exact figure"),
           Line2D([], [], marker="o", ls="", mfc="white", color=grey, label="approximate figure"),
           Line2D([], [], marker="^", ls="", color=grey, label="at least (lower bound)"),
           Line2D([], [], marker="v", ls="", color=grey, label="at most (upper bound)"),
           Line2D([], [], lw=7, alpha=0.5, color=grey, label="range or vague amount (low–high)"),
           Line2D([], [], ls="--", color=grey, label="derived figure ← its source"),
           Line2D([], [], ls=":", color=grey, label="period a derived figure refers to"),
           Line2D([], [], marker="X", ls="", color=grey, label="denial (no figure)")]
    ax.legend(handles=key, title="marks (small text: every source; via: who relayed it)", fontsize=8,
              title_fontsize=8,
              loc="lower left", bbox_to_anchor=(1.01, 0))


def _date_axis(ax, first: pd.Timestamp, last: pd.Timestamp) -> None:
    """Whole days on the axis (statements are dated by the day), padded so no mark sits on the edge."""
    pad = max((last - first) / 20, pd.Timedelta(days=1))
    ax.set_xlim(first - pad, last + pad)
    days = (last - first + 2 * pad).days
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, days // 10)) if days <= 120
                               else mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))


def estimates_over_time(rows: pd.DataFrame, category: str = "troops") -> Figure:
    """Estimates (rows from `dated_estimates`) over time, one colour per claimant."""
    fig = Figure(figsize=(11, 5), layout="constrained")
    ax = fig.subplots()
    undated = int(rows["date"].isna().sum())  # no statement or publication date: no place on a time axis
    if "relayed_by" not in rows:
        rows = rows.assign(relayed_by=pd.Series(pd.NA, index=rows.index, dtype="string"))
    rows = statements(rows[rows["date"].notna()])
    rows = rows.assign(x=_dodged(rows))
    colours = claimant_colours(rows["who"])
    _draw_marks(ax, rows, colours)
    _draw_derivations(ax, rows, colours)
    _label_sources(ax, rows)
    ax.set_title(f"Estimates of {category} over time, by claimant")
    ax.set_xlabel("date of the statement (publication date when the text gives none)")
    ax.set_ylabel(f"{category} (number)")
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_ylim(bottom=0)
    if len(rows):
        _date_axis(ax, rows["x"].min(), rows["x"].max())
        _legends(ax, colours)
    else:
        ax.text(0.5, 0.5, "no estimates match the filters", transform=ax.transAxes, ha="center")
    if undated:
        ax.text(0.01, 0.98, f"{undated} undated estimate(s) not shown", transform=ax.transAxes, va="top",
                fontsize=8, color="dimgray", gid="undated")
    ax.grid(alpha=0.3)
    ax.xaxis.set_tick_params(rotation=30)
    return fig


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def coverage_heatmap(matrix: pd.DataFrame) -> Figure:
    """Element × source (from `coverage_matrix`): which source carries which story element."""
    height = max(2.5, 0.3 * len(matrix) + 1.6)
    fig = Figure(figsize=(6 + 0.9 * max(1, matrix.shape[1]), height), layout="constrained")
    ax = fig.subplots()
    counts = matrix.to_numpy()
    ax.set_xlabel("source (outlet, or article id)")
    ax.set_ylabel("story element")
    ax.set_title("Story elements by source\n(blue: the source carries it; number: its members there)", fontsize=10)
    if matrix.empty:
        ax.text(0.5, 0.5, "no story elements for these sources", transform=ax.transAxes, ha="center")
        return fig
    ax.imshow((counts > 0).astype(float), cmap="Blues", vmin=0, vmax=1.25, aspect="auto")
    ax.set_yticks(range(len(matrix)), [f"{e}  {_short(str(lab))}" for e, lab in matrix.index], fontsize=7)
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=30, ha="right")
    for (i, j), n in np.ndenumerate(counts):
        if n:
            ax.text(j, i, int(n), ha="center", va="center", fontsize=7, color="white")
    return fig


def shared_unique_bars(counts: pd.DataFrame) -> Figure:
    """Per source (from `source_counts`): elements shared with another source, and elements only it carries."""
    fig = Figure(figsize=(7, 1.2 + 0.5 * max(1, len(counts))), layout="constrained")
    ax = fig.subplots()
    ax.barh(counts.index, counts["shared"], label="shared with another source", color="#4c72b0", gid="shared")
    ax.barh(counts.index, counts["unique"], left=counts["shared"], label="only this source", color="#dd8452",
            gid="unique")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("story elements (count)")
    ax.set_ylabel("source")
    ax.set_title("Shared and unique story elements per source")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def speaker_share_bars(share: pd.DataFrame) -> Figure:
    """Per source (from `speaker_share`): the share of its quotations by speaker affiliation, stacked."""
    table = share.pivot_table(index="outlet", columns="affiliation", values="share", fill_value=0).sort_index()
    fig = Figure(figsize=(7, 1.2 + 0.5 * max(1, len(table))), layout="constrained")
    ax = fig.subplots()
    left = np.zeros(len(table))
    for affiliation, colour in zip(table.columns, colormaps["tab20"].colors * 3):
        ax.barh(table.index, table[affiliation] * 100, left=left, label=affiliation, color=colour, gid="share")
        left += table[affiliation].to_numpy() * 100
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the source's quotations (%)")
    ax.set_ylabel("source")
    ax.set_title("Who each source quotes, by affiliation")
    ax.legend(title="affiliation", fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig
