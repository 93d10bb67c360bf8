"""Time and peak memory of cross-source alignment for 1,000 and 10,000 articles.

The articles are the PolNeAR dev texts (read in place from ../shared/bench) replicated with new
ids and publication dates spread over a year. Per-article extraction is a pure function of the
text, so each distinct text is extracted once and its tables are copied under the new ids; what
is timed is `analysis.link.coverage.align`, the only step that looks across articles. Each size runs
in its own process so the peak memory (max RSS) is that size's alone.

    python benchmarks/coverage.py [--sizes 1000 10000] [--days 365]
    python benchmarks/coverage.py --store STORE    # align (tables loaded) against align_windowed (from the files)

With `--store`, a store written by `python -m analysis build` (e.g. `benchmarks/build.py --keep DIR`) is linked
three times, each in its own process: `align` over its tables read into memory, `analysis.link.windows.
align_windowed`, a month and a date window at a time from its files, and `link_windowed` as a build runs it
(the coverage rows written a month at a time, then put in table order into one file: never one frame); time,
peak memory (max RSS, tables included) and whether the three give identical tables.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TEXTS = Path(os.environ.get("BENCH_DATA") or PROJECT.parent / "shared" / "bench") / "polnear-dev" / "text"
sys.path.insert(0, str(PROJECT))
ID_COLUMNS = {"quote_id", "claim_id", "estimate_id"}


def synthetic_corpus(n: int, days: int):
    import pandas as pd

    from analysis import schemas
    from analysis.corpus import Corpus
    from analysis.extract.pipeline import extract_article

    texts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    extracted = [extract_article(f"t{k}", text) for k, text in enumerate(texts)]
    start = pd.Timestamp("2024-01-01")
    tables = {name: [] for name in ("sentences", "quotes", "claims", "estimates")}
    articles = []
    for i in range(n):
        k, article_id = i % len(texts), f"a{i:05d}"
        articles.append({"article_id": article_id, "outlet": f"outlet{i % 25:02d}", "text": texts[k], "status": "ok",
                         "published": start + pd.Timedelta(days=(i * 7919) % days)})
        for name, frames in tables.items():
            frame = extracted[k][name].assign(article_id=article_id)
            for column in ID_COLUMNS.intersection(frame.columns):
                frame[column] = frame[column].str.replace(f"t{k}-", f"{article_id}-", regex=False)
            frames.append(frame)
    built = {name: schemas.conform(name, pd.concat(frames, ignore_index=True)) for name, frames in tables.items()}
    return Corpus(articles=pd.DataFrame(articles), **built)


def run_one(n: int, days: int) -> None:
    from analysis.link.coverage import align

    corpus = synthetic_corpus(n, days)
    t0 = time.perf_counter()
    coverage, discrepancies = align(corpus)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shared = (coverage.groupby("element_id")["article_id"].nunique() > 1).sum()
    print(f"articles={n:>6,}  members={len(coverage):>8,}  elements={coverage['element_id'].nunique():>8,}  "
          f"shared={shared:>7,}  discrepancies={len(discrepancies):>7,}  align={seconds:7.1f} s  "
          f"peak memory={peak_mb:,.0f} MB")


def run_store(store: str, method: str, out: str) -> None:
    import pickle

    from analysis import open_store
    import tempfile

    from analysis import schemas
    from analysis.link.coverage import align
    from analysis.link.windows import align_windowed, link_windowed
    from analysis.store.dataset import read_table

    corpus = open_store(store)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        if method == "align":
            for name in ("articles", "sentences", "quotes", "claims", "estimates"):
                getattr(corpus, name)
            tables = align(corpus)
        elif method == "windowed":
            tables = align_windowed(corpus)
        else:  # what a build does: the coverage rows a month at a time to files, then one file in table order
            linked = link_windowed(corpus, folder)
            members = linked.write_coverage(f"{folder}/coverage.parquet")
        seconds = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if method == "written":  # read back for the comparison, after the peak was taken
            tables = (schemas.conform("coverage", read_table(Path(folder), "coverage", ["coverage.parquet"])),
                      linked.discrepancies)
            assert len(tables[0]) == members
    print(f"{method:<8}  {corpus.manifest['tables']['articles']:,} articles  members={len(tables[0]):,}  "
          f"discrepancies={len(tables[1]):,}  {seconds:6.1f} s (reading included)  peak memory={peak_mb:,.0f} MB")
    with open(out, "wb") as handle:
        pickle.dump(tables, handle)


def compare_on_store(store: str) -> None:
    import pickle
    import tempfile

    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        found = []
        for method in ("align", "windowed", "written"):
            out = f"{folder}/{method}.pkl"
            subprocess.run([sys.executable, __file__, "--store", store, "--method", method, "--out", out], check=True)
            with open(out, "rb") as handle:
                found.append(pickle.load(handle))
    for tables in found[1:]:
        for a, b in zip(found[0], tables):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
    print("identical coverage and discrepancies tables")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--days", type=int, default=365, help="publication dates spread over this many days")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--store", help="compare align, align_windowed and link_windowed on this store")
    parser.add_argument("--method", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store:
        if args.method:
            run_store(args.store, args.method, args.out)
        else:
            compare_on_store(args.store)
        return 0
    if not TEXTS.is_dir():
        print(f"benchmark texts not found: {TEXTS}", file=sys.stderr)
        return 2
    if args.one:
        run_one(args.one, args.days)
        return 0
    for n in args.sizes:
        subprocess.run([sys.executable, __file__, "--one", str(n), "--days", str(args.days)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
