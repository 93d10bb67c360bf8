"""Whole-pipeline build of a store: 1,000 and 10,000 articles with each engine, an incremental build, a query.

The articles are the PolNeAR train texts (read from ../shared/bench, or BENCH_DATA) replicated with new ids,
25 outlets and publication dates spread over a year, written as one JSON Lines dump (a last line names the
copy, so no two articles have the same text). Each build is `python -m analysis build DUMP --out STORE
--link no --engine E` in its own process; the benchmark prints its wall time, articles/s, words/s, the peak
memory of the whole process tree (the sum of the resident sets of the build and its workers, sampled every
0.1 s) and the store's size on disk. Then 100 articles are added (the dump with 100 more rows, the store
keeping the rest) and the incremental build is timed, as is `--append` with a dump of just those 100; then a
claims-explorer filter is timed through DuckDB on the store
(`analysis.store.query.ClaimsQuery`, the function the explorer widgets call), and on the largest store replicated
to a million claims; so are the estimates dashboard's filters (`analysis.store.query.EstimatesQuery`) on the store.

    python benchmarks/build.py [--sizes 1000 10000] [--engines local dask] [--workers 2] [--keep DIR]
    python benchmarks/build.py --scaling 1000     # 1 worker against --workers
    python benchmarks/build.py --query STORE      # only the filters: estimates on STORE, claims on it and replicated to 1M
    python benchmarks/build.py --sizes 100000 --engines local --link   # then link the largest store (--link yes)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TEXTS = Path(os.environ.get("BENCH_DATA") or PROJECT.parent / "shared" / "bench") / "polnear-train" / "text"
sys.path.insert(0, str(PROJECT))
FILTERS = [{"kind": "direct", "speaker": "trump", "start": "2024-03-01", "search": "president"},  # the explorer's controls
           {"search": "president"}, {"source": "outlet07"}, {}]
# the estimates dashboard's controls: its first view, the category of most estimates, a month of it, without
# derived figures; then (added in report_estimates) the claimant with the most troop estimates
ESTIMATE_FILTERS = [{"category": "troops"}, {"category": "other"},
                    {"category": "other", "start": "2024-03-01", "end": "2024-03-31"},
                    {"category": "casualties", "show_derived": False}]


def write_dump(path: Path, n: int, start: int = 0, days: int = 365) -> int:
    """n articles from the PolNeAR texts as a JSON Lines dump; returns the number of words."""
    import datetime as dt

    texts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(start, start + n):
            text = f"{texts[i % len(texts)]}\n\nCopy {i}."
            words += len(text.split())
            day = dt.date(2024, 1, 1) + dt.timedelta(days=(i * 7919) % days)
            out.write(json.dumps({"id": f"a{i:06d}", "text": text, "outlet": f"outlet{i % 25:02d}",
                                  "url": f"https://example.org/{i}", "published": day.isoformat()}) + "\n")
    return words


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def snapshot(work: Path) -> Path:
    """A copy of the package to run the builds from: edits made meanwhile in the working tree cannot change
    the extractor version between the full and the incremental build. It is byte-compiled, as an installed
    package is: with PYTHONDONTWRITEBYTECODE set, each build would otherwise compile its sources again (0.1 s of
    CPU a build)."""
    import compileall

    source = work / "src"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(PROJECT / "analysis", source / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(source / "analysis", quiet=1)
    return source


SOURCE = PROJECT


CPU = {"seconds": 0.0}  # CPU seconds (user + system) of the last build's process tree


def run_build(args: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak memory of the process tree, and the build's summary line; the CPU seconds of the
    whole tree (the build and its workers, which it waits for) go to CPU["seconds"]: unlike the wall time,
    they do not grow when other jobs share the cores."""
    import resource

    command = [sys.executable, "-m", "analysis", "build", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    process = subprocess.Popen(command, cwd=SOURCE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    out, err = process.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0, 1):
        raise SystemExit(f"build failed ({process.returncode}): {' '.join(command)}\n{err[-2000:]}")
    return seconds, peak, out.splitlines()[0] if out else ""


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def time_query(store: Path, filters: dict, repeat: int = 5) -> tuple[float, float, float, float, int, int]:
    """The claims explorer's filter (`analysis.store.query.ClaimsQuery.filter`, what the widgets call) on the
    store: seconds to open the explorer's query (views, the copy into DuckDB, total, the source and affiliation
    menus), of the first filter, the best of `repeat` and the least CPU time (all DuckDB's threads) of these; claims
    matched, claims in the store. The CPU time does not grow when other jobs share the cores, the wall time does."""
    from analysis import open_store
    from analysis.present.dashboards import SHOWN
    from analysis.store.query import ClaimsQuery

    t0 = time.perf_counter()
    query = ClaimsQuery(open_store(store))
    total = query.total()
    query.sources(), query.affiliations()
    opened = time.perf_counter() - t0
    walls, cpus = [], []
    for _ in range(1 + repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found, _ = query.filter(limit=SHOWN, **filters)
        walls.append(time.perf_counter() - t0), cpus.append(time.process_time() - c0)
    return opened, walls[0], min(walls), min(cpus), found, total


def time_estimates(query, filters: dict, repeat: int = 5) -> tuple[float, float, float, int]:
    """The estimates dashboard's filter (`analysis.store.query.EstimatesQuery.filter`, what its widgets call) and
    the chart drawn from what it returns (a Figure, as the dashboard makes it): seconds of the first filter, the
    best of `repeat`, the chart; estimates matched."""
    from analysis.present.dashboards import SHOWN
    from analysis.present.plots import estimates_over_time

    t0 = time.perf_counter()
    found, rows = query.filter(limit=SHOWN, **filters)
    first = best = time.perf_counter() - t0
    for _ in range(repeat):
        t0 = time.perf_counter()
        query.filter(limit=SHOWN, **filters)
        best = min(best, time.perf_counter() - t0)
    t0 = time.perf_counter()
    estimates_over_time(rows, filters.get("category", "troops"))
    return first, best, time.perf_counter() - t0, found


def report_estimates(store: Path) -> None:
    """Print the estimates dashboard's filter times on the store, and the time to open its query (the views, the
    estimates with their dates, sources and sentences computed into DuckDB, the category and claimant menus)."""
    from analysis import open_store
    from analysis.store.query import EstimatesQuery

    t0 = time.perf_counter()
    query = EstimatesQuery(open_store(store))
    query.categories(), query.claimants()
    opened = time.perf_counter() - t0
    troops = query.filter(category="troops")[1]["who"].value_counts()
    claimant = [{"category": "troops", "claimants": (troops.index[0],)}] if len(troops) else []
    for filters in ESTIMATE_FILTERS + claimant:
        first, best, chart, found = time_estimates(query, filters)
        print(f"    estimates filter [{', '.join(f'{k}={v}' for k, v in filters.items())}] through DuckDB on "
              f"{query.total():,} estimates: {1000 * first:.0f} ms first, {1000 * best:.0f} ms best of 5 ({found:,} "
              f"match, first {min(found, 1000)} fetched); chart {1000 * chart:.0f} ms; opening the query "
              f"{1000 * opened:.0f} ms")


def replicate_claims(store: Path, target: Path, at_least: int) -> None:
    """A copy of the store whose claims and articles tables are replicated (new claim and article ids, the
    articles' outlets and dates kept) to at least `at_least` claims, then merged a file per month: only for
    timing the explorer's filter on a store of that size without building it."""
    import pandas as pd

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(store, target, symlinks=True)
    manifest = json.loads((target / "_manifest.json").read_text())
    copies = -(-at_least // max(1, manifest["tables"]["claims"]))
    renamed = {"claims": ("claim_id", "article_id", "quote_id"), "articles": ("article_id",)}
    from analysis.store import dataset  # each month's files merged, as a build that wrote them would

    for name, columns in renamed.items():
        entries = list(manifest["files"][name])
        for k in range(1, copies):
            for i, entry in enumerate(entries):
                frame = pd.read_parquet(target / entry["path"])
                for column in columns:  # copy k's claim ids sort after the whole store (k~id), not each beside its
                    # original (id~k): in a build a text recurs article by article, not claim by claim, and with the
                    # copies side by side the search for words took a third less CPU than on a build's store
                    frame[column] = f"{k:03d}~" + frame[column] if column == "claim_id" else frame[column] + f"~{k}"
                path = Path(entry["path"]).with_name(f"part-copy{k}-{i:05d}.parquet")
                frame.to_parquet(target / path, index=False)
                manifest["files"][name].append({**entry, "path": path.as_posix()})
                manifest["tables"][name] += len(frame)
        manifest["files"][name] = dataset._compact(target, name, manifest["files"][name],
                                                   dataset._Writer(target, f"copies-{name}"))
    dataset._commit(target, manifest)
    dataset._collect_garbage(target, manifest)


def report_query(store: Path, note: str) -> int:
    """Print the explorer filters' times on the store; returns its number of claims."""
    claims = 0
    for filters in FILTERS:
        opened, first, best, cpu, found, claims = time_query(store, filters)
        print(f"    claims explorer filter [{', '.join(f'{k}={v}' for k, v in filters.items()) or 'none'}] through "
              f"DuckDB on {claims:,} claims{note}: {1000 * first:.0f} ms first, {1000 * best:.0f} ms best of 5, "
              f"{1000 * cpu:.0f} ms CPU ({found:,} match, first {min(found, 1000)} fetched); opening the explorer "
              f"{1000 * opened:.0f} ms")
    return claims


def report_link(dump: Path, store: Path, common: list[str]) -> None:
    """Link the store as a build does (`--link yes` on the dump it holds, nothing to extract): the same rebuild
    with `--link no` first, so what linking adds is the difference; time, peak memory and CPU of each."""
    plain = [arg for arg in common if arg not in ("--link", "no")]
    for link in ("no", "yes"):
        seconds, peak, line = run_build([str(dump), "--out", str(store), "--link", link, *plain])
        print(f"    nothing new, --link {link:<3}: {seconds:7.1f} s  peak memory={peak / 2**20:,.0f} MB  "
              f"cpu={CPU['seconds']:,.0f} s: {line.split(': ', 1)[-1]}")
    manifest = json.loads((store / "_manifest.json").read_text())
    print(f"    linked: {manifest['tables'].get('coverage', 0):,} coverage rows, "
          f"{manifest['tables'].get('discrepancies', 0):,} discrepancies, {manifest['tables']['articles']:,} articles")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--added", type=int, default=100, help="articles added for the incremental build")
    parser.add_argument("--scaling", type=int, metavar="N",
                        help="only compare the local engine with 1 worker and with --workers on N articles")
    parser.add_argument("--no-million", dest="million", action="store_false",
                        help="skip the filter on the largest store replicated to a million claims")
    parser.add_argument("--query", type=Path, metavar="STORE",
                        help="only time the estimates dashboard's and the claims explorer's filters on STORE "
                             "(the claims also on STORE replicated to a million claims)")
    parser.add_argument("--link", action="store_true",
                        help="then link the largest store (a rebuild with nothing new, --link no and then --link yes)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the dumps and stores")
    args = parser.parse_args()
    if not TEXTS.is_dir():
        print(f"benchmark texts not found: {TEXTS}", file=sys.stderr)
        return 2
    if args.query:
        report_estimates(args.query)
        report_query(args.query, "")
        target = Path(tempfile.mkdtemp(prefix="claim-ledger-million-"))
        try:
            replicate_claims(args.query, target / "store", 1_000_000)
            report_query(target / "store", " (replicated, merged per month)")
        finally:
            shutil.rmtree(target, ignore_errors=True)
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="claim-ledger-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    global SOURCE
    SOURCE = snapshot(work)
    print(f"{os.cpu_count()} cores, {args.workers} workers; PolNeAR train texts from {TEXTS}")
    try:
        if args.scaling:
            dump = work / f"dump-{args.scaling}.jsonl"
            words = write_dump(dump, args.scaling)
            rates = {}
            for workers in (1, args.workers):
                store = work / f"store-scaling-{workers}"
                shutil.rmtree(store, ignore_errors=True)
                seconds, peak, _ = run_build([str(dump), "--out", str(store), "--link", "no", "--workers", str(workers)])
                rates[workers] = words / seconds
                print(f"articles={args.scaling:,}  local engine, {workers} worker(s): {seconds:6.1f} s  "
                      f"{words / seconds:9,.0f} words/s  peak memory={peak / 2**20:,.0f} MB  "
                      f"cpu={CPU['seconds']:,.0f} s ({words / CPU['seconds']:,.0f} words per CPU second)")
            print(f"{args.workers} workers / 1 worker: {rates[args.workers] / rates[1]:.2f}x")
            return 0
        for n in args.sizes:
            dump = work / f"dump-{n}.jsonl"
            words = write_dump(dump, n)
            for engine in args.engines:
                store = work / f"store-{n}-{engine}"
                shutil.rmtree(store, ignore_errors=True)
                common = ["--link", "no", "--engine", engine, "--workers", str(args.workers)]
                seconds, peak, line = run_build([str(dump), "--out", str(store), *common])
                print(f"articles={n:>7,}  engine={engine:<5}  {seconds:7.1f} s  {n / seconds:7.1f} articles/s  "
                      f"{words / seconds:9,.0f} words/s ({words / seconds / args.workers:,.0f} per worker)  "
                      f"peak memory={peak / 2**20:,.0f} MB  store={size_of(store) / 2**20:,.1f} MB  "
                      f"cpu={CPU['seconds']:,.0f} s ({1000 * CPU['seconds'] / n:.1f} ms an article, "
                      f"{words / CPU['seconds']:,.0f} words per CPU second)")
                if engine != args.engines[0]:
                    continue
                grown = work / f"dump-{n}-plus.jsonl"
                shutil.copy(dump, grown)
                added = work / f"dump-{n}-added.jsonl"
                write_dump(added, args.added, start=n)
                with open(grown, "a", encoding="utf-8") as out:
                    out.write(added.read_text(encoding="utf-8"))
                appended = work / f"store-{n}-append"  # the store before the rebuild: --append extracts the 100 too
                shutil.rmtree(appended, ignore_errors=True)
                shutil.copytree(store, appended, symlinks=True)
                again, _, line = run_build([str(grown), "--out", str(store), *common])
                print(f"    +{args.added} articles, whole dump again: {again:6.1f} s ({100 * again / seconds:.1f}% of the "
                      f"full build): {line.split(': ', 1)[-1]}")
                again, _, line = run_build([str(added), "--out", str(appended), "--append", *common])
                print(f"    +{args.added} articles, --append:          {again:6.1f} s ({100 * again / seconds:.1f}% of the "
                      f"full build): {line.split(': ', 1)[-1]}")
                if args.link and n == max(args.sizes):
                    report_link(grown, store, common)
                report_estimates(store)
                claims = report_query(store, "")
                if n == max(args.sizes) and args.million and claims < 1_000_000:
                    replicate_claims(store, work / "store-million", 1_000_000)
                    report_query(work / "store-million", " (this store's claims and articles replicated, merged per month)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
