"""Charts for the notebooks. Each function returns a matplotlib Figure and draws nothing else."""
from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

UNATTRIBUTED = "article's own voice"


def dated_estimates(estimates: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Estimates with a `date` to plot: the statement's date, the middle of a derived range, else publication."""
    published = estimates["article_id"].map(articles.set_index("article_id")["published"])
    middle = estimates["said_from"] + (estimates["said_to"] - estimates["said_from"]) / 2 \
        if "said_from" in estimates else pd.Series(pd.NaT, index=estimates.index)
    date = estimates["said_on"].fillna(middle).fillna(published)
    basis = np.where(estimates["said_on"].notna(), "statement", np.where(middle.notna(), "range", "publication"))
    return estimates.assign(date=pd.to_datetime(date), date_basis=basis,
                            who=estimates["claimant"].fillna(UNATTRIBUTED).astype(str))


def estimates_over_time(rows: pd.DataFrame, category: str = "troops") -> plt.Figure:
    """Points for figures (open when approximate), low–high bars for ranges, dashed lines to derived
    earlier figures, and × on the axis for denials; one colour per claimant."""
    fig, ax = plt.subplots(figsize=(9, 4.8))
    colours = dict(zip(sorted(rows["who"].unique()), plt.cm.tab10.colors * 3))
    for who, group in rows.groupby("who", sort=True):
        colour = colours[who]
        figures = group[group["stance"] != "denial"]
        ranged = figures[figures["low"].ne(figures["high"]) | figures["value"].isna()]
        for k, r in enumerate(ranged.itertuples()):
            low = r.low if pd.notna(r.low) else 0
            high = r.high if pd.notna(r.high) else (r.low * 1.5 if pd.notna(r.low) else np.nan)
            ax.vlines(r.date, low, high, colors=colour, linewidth=6, alpha=0.45,
                      label=None if k else f"{who} (range or vague amount)")
        points = figures[figures["value"].notna()]
        for approx, marker_fill in ((False, colour), (True, "none")):
            sub = points[points["approximate"].fillna(False).astype(bool) == approx]
            if len(sub):
                ax.scatter(sub["date"], sub["value"].astype(float), s=60, facecolors=marker_fill, edgecolors=colour,
                           linewidths=1.8, zorder=3, label=f"{who}{' (approximate)' if approx else ''}")
        for r in points[points["derived"].fillna(False).astype(bool)].itertuples():
            source = points[(points["claim_id"] == r.claim_id) & ~points["derived"].fillna(False).astype(bool)]
            if len(source):
                s = source.iloc[0]
                ax.plot([r.date, s["date"]], [r.value, s["value"]], linestyle="--", color=colour, linewidth=1)
        denials = group[group["stance"] == "denial"]
        if len(denials):
            ax.scatter(denials["date"], np.zeros(len(denials)), marker="x", s=90, color=colour, zorder=3,
                       label=f"{who} (denial)")
    ax.set_title(f"Estimates of {category} over time, by claimant")
    ax.set_xlabel("date of the statement (publication date when the text gives none)")
    ax.set_ylabel(f"{category} (count)")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    if len(rows):
        ax.legend(loc="upper left", fontsize=8, title="claimant (filled: figure, open: approximate)")
    else:
        ax.text(0.5, 0.5, "no estimates match the filters", transform=ax.transAxes, ha="center")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def coverage_heatmap(matrix: pd.DataFrame) -> plt.Figure:
    """Element × source: which source carries which story element."""
    height = max(2.5, 0.32 * len(matrix) + 1.5)
    fig, ax = plt.subplots(figsize=(5.5 + 0.9 * max(1, matrix.shape[1]), height))
    ax.imshow((matrix.to_numpy() > 0).astype(float), cmap="Blues", vmin=0, vmax=1.3, aspect="auto")
    labels = [f"{e}  {lab[:48]}" for e, lab in matrix.index] if len(matrix) else []
    ax.set_yticks(range(len(matrix)), labels, fontsize=7)
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=30, ha="right")
    for (i, j), n in np.ndenumerate(matrix.to_numpy()):
        if n:
            ax.text(j, i, int(n), ha="center", va="center", fontsize=7)
    ax.set_xlabel("source")
    ax.set_ylabel("story element")
    ax.set_title("Story elements by source\n(number in a cell: members the source carries)", fontsize=10)
    fig.tight_layout()
    return fig


def shared_unique_bars(counts: pd.DataFrame) -> plt.Figure:
    """Per source: elements shared with another source, and elements only it carries."""
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.barh(counts.index, counts["shared"], label="shared with another source", color="#4c72b0")
    ax.barh(counts.index, counts["unique"], left=counts["shared"], label="only this source", color="#dd8452")
    ax.set_xlabel("story elements (count)")
    ax.set_ylabel("source")
    ax.set_title("Shared and unique story elements per source")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
