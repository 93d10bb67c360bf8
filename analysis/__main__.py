"""Command line: `python -m analysis build [SRC] [--out STORE] [--engine local|dask] [--scheduler ADDRESS] ...`.

SRC is a folder of articles or a news dump (.jsonl, .csv, .parquet). The store grows: articles already
in it with the same content and extractor version are not extracted again (see analysis.store.dataset).

Mistakes print one line on stderr, no traceback (`--debug` shows it). Exit status: 0 when every file
is `ok` or `warning`, 1 when any file is `error` (the line gives the count), 2 for usage errors (a
missing folder, a file instead of a folder, a folder with no articles, an output folder that is not
a store), 130/143 when stopped by Ctrl-C/SIGTERM (the previous tables are left as they were).
"""
from __future__ import annotations

import argparse
import gc
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from .ingest.articles import one_line
from .ingest.reading import MAX_FILE_MB
from .paths import SEEDS_DIR
from .store.parquet import DEFAULT_DIR, StoreError, _is_store

BATCH_SIZE = 1000

EXAMPLES = f"""\
examples:
  python -m analysis build                              # the project's seeds/ into build/tables/
  python -m analysis build ~/articles --out ~/store     # any folder of .txt/.html (+ articles.csv)
  python -m analysis build news.jsonl --out ~/store     # a dump: one article a row (JSON Lines, CSV, Parquet)
  python -m analysis build news.csv --columns body=text,headline=title --out ~/store   # other column names
  python -m analysis build more.jsonl --out ~/store --append   # add to the store (same ids are replaced)
  python -m analysis build news.jsonl --out ~/store --engine dask --scheduler tcp://host:8786
  python -m analysis build ~/articles --strict          # stop on any file with a warning or error
  python -m analysis build ~/articles --max-file-mb 50  # allow larger files (default {MAX_FILE_MB} MB)

exit status: 0 every file ok or warning; 1 some file in error (the others are built);
             2 usage error (no such folder, not a folder, no articles); 130/143 stopped
             (a stopped build leaves the store as it was)
"""


class UsageError(Exception):
    """A mistake in what the user asked for: one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0],
                                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="build")
    build = sub.add_parser("build", help="extract a folder of articles or a dump into a Parquet store",
                           description="Extract a folder of articles or a news dump into a Parquet store. Articles "
                                       "already in the store, unchanged and extracted by the same extractor "
                                       "version, are not extracted again; an interrupted build leaves the store "
                                       "as it was.",
                           epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("folder", nargs="?", metavar="SRC",
                       help="folder of articles, or a dump file .jsonl/.csv/.parquet (default: the project's seeds/)")
    build.add_argument("--out", default=str(DEFAULT_DIR), help="the store (default: %(default)s)")
    build.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: processes on this machine (default); dask: a Dask cluster")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler (tcp://host:8786); default: a LocalCluster on this machine")
    build.add_argument("--workers", type=int, metavar="N", help="worker processes (default: the number of cores)")
    build.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                       help="articles read, extracted and written at a time (default: %(default)s)")
    build.add_argument("--columns", metavar="NAME=FIELD,...",
                       help="a dump's column names for id, text, html, title, outlet, url, published")
    build.add_argument("--append", action="store_true",
                       help="keep the store's articles that SRC does not hold (default: the store holds SRC)")
    build.add_argument("--link", choices=("auto", "yes", "no"), default="auto",
                       help="coverage and discrepancies across articles (auto: up to 100,000 articles)")
    build.add_argument("--strict", action="store_true", help="fail on any file with a warning or error")
    build.add_argument("--max-file-mb", type=float, default=MAX_FILE_MB, metavar="MB",
                       help="refuse files (dump rows) larger than this (default: %(default)g)")
    build.add_argument("--debug", action="store_true", help="show the Python traceback of an error")
    return parser


@contextmanager
def _stopped_by_signals():
    """SIGTERM stops the build like Ctrl-C does: workers terminated, nothing half-written left behind.
    Both get this handler, also when the build was started with Ctrl-C ignored (a background job of a
    script inherits SIG_IGN for SIGINT, and Python then leaves it ignored)."""
    received = {}

    def stop(signum, frame):
        received["signal"] = signum
        raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _collect_less():
    """Fewer passes of Python's cycle collector while a build runs: a batch's rows are millions of objects
    that live until the batch is written, and the modules', the lexicon's and the actors' live to the end;
    with the default thresholds the collector walks them over and over (3-4% of a build's CPU time). A first
    threshold of 10,000 allocations instead of 700 makes a pass in fourteen (reference cycles wait longer to
    be freed, nothing else), and what `build` freezes after its imports is left out of every pass (forked
    workers inherit both). The previous settings come back after the build."""
    threshold = gc.get_threshold()
    gc.set_threshold(10_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _check_paths(folder: Path, out: Path) -> None:
    from .ingest.dumps import dump_format
    from .store.dataset import is_dataset_store

    if not folder.exists():
        raise UsageError(f"no such folder: {folder}")
    if not folder.is_dir() and not dump_format(folder):
        raise UsageError(f"{folder} is a file, not a folder of articles (give the folder that holds it) "
                         "nor a dump (.jsonl, .ndjson, .csv, .parquet)")
    if folder.is_dir() and is_dataset_store(folder):
        raise UsageError(f"{folder} is a store, not a folder of articles")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    if out.is_dir() and not out.is_symlink() and not _is_store(out) and not is_dataset_store(out):
        raise UsageError(f"--out {out} holds other files than tables; give a new or empty folder")


def _report(problems, total: int, written: bool, out: Path) -> int:
    """One line per file with a warning; the files in error with their count. Returns the exit status."""
    for row in problems[problems["status"] == "warning"].itertuples():
        print(f"warning: {row.file or row.article_id}: {row.message}", file=sys.stderr)
    errors = problems[problems["status"] == "error"]
    if not len(errors):
        return 0
    where = f"the other files' tables are in {out}" if written else "nothing written"
    lines = [f"{row.file or row.article_id}: {row.message}" for row in errors.itertuples()]
    if len(lines) == 1:
        print(f"error: 1 of {total} file(s) could not be used ({where}): {lines[0]}", file=sys.stderr)
    else:
        print(f"error: {len(lines)} of {total} files could not be used ({where}):", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
    return 1


def _in_batches(frame, size: int):
    for start in range(0, len(frame), size):
        yield frame.iloc[start:start + size].reset_index(drop=True)


def build(args: argparse.Namespace) -> int:
    from . import schemas
    from .corpus import CorpusError
    from .ingest.articles import load_articles
    from .ingest.dumps import DumpError, DumpReader, dump_format, load_dump, parse_columns
    from .store.dataset import build_store, open_store

    gc.freeze()  # the modules' objects, here for good (see _collect_less)
    folder = Path(args.folder) if args.folder else SEEDS_DIR
    out = Path(args.out)
    _check_paths(folder, out)
    if args.batch_size < 1 or (args.workers is not None and args.workers < 1):
        raise UsageError("--batch-size and --workers must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler is for --engine dask")
    try:
        columns = parse_columns(args.columns)
        if dump_format(folder) and folder.is_file() and not args.strict:
            batches = DumpReader(folder, columns, max_file_mb=args.max_file_mb, batch_size=args.batch_size)
        else:
            articles = (load_dump(folder, columns, max_file_mb=args.max_file_mb) if folder.is_file()
                        else load_articles(folder, max_file_mb=args.max_file_mb))
            articles = schemas.conform("articles", articles)
            if not len(articles):
                raise UsageError(f"{folder} holds no articles (no .txt or .html files, no articles.csv); nothing written")
            problems = articles[articles["status"] != "ok"]
            if args.strict and len(problems):
                lines = [f"{r.file or r.article_id}: {r.status}: {r.message}" for r in problems.itertuples()]
                raise CorpusError(f"{len(lines)} problem(s) in {folder}:\n" + "\n".join(lines))
            if not ((articles["status"] != "error") & (articles["text"] != "")).any():
                if (articles["status"] == "error").any():
                    return _report(problems, len(articles), False, out)
                _report(problems, len(articles), False, out)
                raise UsageError(f"{folder} holds no article that can be read; nothing written")
            batches = _in_batches(articles, args.batch_size)
        result = build_store(batches, out, engine=args.engine, scheduler=args.scheduler, workers=args.workers,
                             append=args.append, link=args.link, progress=sys.stderr.isatty())
    except CorpusError as err:
        print(f"error: --strict: {err}", file=sys.stderr)
        return 1
    except DumpError as err:
        raise UsageError(str(err)) from err
    print(f"wrote {result.articles} articles' tables to {out} (build {result.build_id}): extracted {result.extracted}, "
          f"unchanged {result.reused}, removed {result.removed}, in {result.seconds:.1f} s with the {args.engine} engine")
    print(open_store(out))
    return _report(result.problems, result.articles, True, out)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help (0) or a usage error argparse has printed (2)
        return int(exit.code or 0)
    with _stopped_by_signals() as received, _collect_less():
        try:
            return build(args)
        except KeyboardInterrupt:
            if args.debug:
                raise
            name = "SIGTERM" if received.get("signal") == signal.SIGTERM else "Ctrl-C"
            print(f"stopped by {name}: the tables in {args.out} are as they were before", file=sys.stderr)
            return 143 if name == "SIGTERM" else 130
        except (UsageError, StoreError) as err:
            if args.debug:
                raise
            print(f"error: {one_line(err)}", file=sys.stderr)
            return 2
        except Exception as err:  # noqa: BLE001 - one line for the user; --debug for the traceback
            if args.debug:
                raise
            print(f"error: {type(err).__name__}: {one_line(err)} (rerun with --debug for the traceback)",
                  file=sys.stderr)
            return 1


if __name__ == "__main__":
    status = main()
    gc.freeze()  # the collector's last pass at exit would walk every object left (0.1-0.2 s of CPU after a build)
    sys.exit(status)
