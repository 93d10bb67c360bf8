"""Time and peak memory of the coverage dashboard on a store: opening it, its heatmap drawn as PNG, two sources.

    python benchmarks/coverage_dashboard.py STORE      # under /usr/bin/time -v for the whole process' peak memory

Opening is `analysis.present.dashboards.coverage_dashboard(open_store(STORE))` (at the default threshold: a linked
store's coverage as its build wrote it), which computes what the dashboard first shows; then `as_image` draws its
heatmap as the dashboard puts it in a page; then the first two sources are picked. It prints each time, how much
the dashboard shows, and the process' peak resident memory (`ru_maxrss`).
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(store: str) -> None:
    started = time.perf_counter()
    import analysis
    from analysis.present import dashboards

    corpus = analysis.open_store(store)
    opened = time.perf_counter()
    board = dashboards.coverage_dashboard(corpus)
    shown = time.perf_counter()
    png = dashboards.as_image(board.figure)
    drawn = time.perf_counter()
    board.controls["sources"].value = tuple(board.controls["sources"].options[:2])
    picked = time.perf_counter()
    print(f"imports and open_store {opened - started:.1f} s; dashboard opened in {shown - opened:.1f} s; heatmap as "
          f"PNG {drawn - shown:.1f} s ({len(png.data):,} bytes); two sources picked in {picked - drawn:.1f} s "
          f"({len(board.tables['counts'])} sources counted, {len(board.tables['discrepancies']):,} discrepancies "
          f"and {len(board.table):,} coverage rows listed, the wordings of {board.html.count('<h4>')} elements); "
          f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
