"""Command line: `python -m analysis build [FOLDER] [--out DIR] [--strict] [--max-file-mb MB] [--debug]`.

Mistakes print one line on stderr, no traceback (`--debug` shows it). Exit status: 0 when every file
is `ok` or `warning`, 1 when any file is `error` (the line gives the count), 2 for usage errors (a
missing folder, a file instead of a folder, a folder with no articles, an output folder that is not
a store), 130/143 when stopped by Ctrl-C/SIGTERM (the previous tables are left as they were).
"""
from __future__ import annotations

import argparse
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from .ingest.articles import one_line
from .ingest.reading import MAX_FILE_MB
from .paths import SEEDS_DIR
from .store.parquet import DEFAULT_DIR, StoreError, _is_store, build_info, save_tables

EXAMPLES = f"""\
examples:
  python -m analysis build                              # the project's seeds/ into build/tables/
  python -m analysis build ~/articles --out ~/store     # any folder of .txt/.html (+ articles.csv)
  python -m analysis build ~/articles --strict          # stop on any file with a warning or error
  python -m analysis build ~/articles --max-file-mb 50  # allow larger files (default {MAX_FILE_MB} MB)

exit status: 0 every file ok or warning; 1 some file in error (the others are built);
             2 usage error (no such folder, not a folder, no articles); 130/143 stopped
"""


class UsageError(Exception):
    """A mistake in what the user asked for: one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0],
                                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="build")
    build = sub.add_parser("build", help="load a folder of articles and write its tables as Parquet",
                           description="Load a folder of articles and write its tables as Parquet (atomically: "
                                       "an interrupted build leaves the previous tables as they were).",
                           epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("folder", nargs="?", help="folder of articles (default: the project's seeds/)")
    build.add_argument("--out", default=str(DEFAULT_DIR), help="output folder (default: %(default)s)")
    build.add_argument("--strict", action="store_true", help="fail on any file with a warning or error")
    build.add_argument("--max-file-mb", type=float, default=MAX_FILE_MB, metavar="MB",
                       help="refuse files larger than this (default: %(default)g)")
    build.add_argument("--debug", action="store_true", help="show the Python traceback of an error")
    return parser


@contextmanager
def _stopped_by_signals():
    """SIGTERM stops the build like Ctrl-C does: workers terminated, nothing half-written left behind."""
    received = {}

    def stop(signum, frame):
        received["signal"] = signum
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def _check_paths(folder: Path, out: Path) -> None:
    if not folder.exists():
        raise UsageError(f"no such folder: {folder}")
    if not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder of articles (give the folder that holds it)")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    if out.is_dir() and not out.is_symlink() and not _is_store(out):
        raise UsageError(f"--out {out} holds other files than tables; give a new or empty folder")


def _report(articles, written: bool, out: Path) -> int:
    """One line per file with a warning; the files in error with their count. Returns the exit status."""
    for row in articles[articles["status"] == "warning"].itertuples():
        print(f"warning: {row.file or row.article_id}: {row.message}", file=sys.stderr)
    errors = articles[articles["status"] == "error"]
    if not len(errors):
        return 0
    where = f"the other files' tables are in {out}" if written else "nothing written"
    lines = [f"{row.file or row.article_id}: {row.message}" for row in errors.itertuples()]
    if len(lines) == 1:
        print(f"error: 1 of {len(articles)} file(s) could not be used ({where}): {lines[0]}", file=sys.stderr)
    else:
        print(f"error: {len(lines)} of {len(articles)} files could not be used ({where}):", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
    return 1


def build(args: argparse.Namespace) -> int:
    from . import load_corpus  # imported here: --help and usage errors stay fast
    from .corpus import CorpusError

    folder = Path(args.folder) if args.folder else SEEDS_DIR
    out = Path(args.out)
    _check_paths(folder, out)
    try:
        corpus = load_corpus(folder, strict=args.strict, progress=sys.stderr.isatty(), max_file_mb=args.max_file_mb)
    except CorpusError as err:
        print(f"error: --strict: {err}", file=sys.stderr)
        return 1
    articles = corpus.articles
    if not len(articles):
        raise UsageError(f"{folder} holds no articles (no .txt or .html files, no articles.csv); nothing written")
    usable = (articles["status"] != "error") & (articles["text"] != "")
    written = bool(usable.any())
    if written:
        save_tables(corpus, out)
        print(f"wrote {len(corpus.articles)} articles' tables to {out} (build {build_info(out)['build_id']})")
        print(corpus)
    elif not (articles["status"] == "error").any():
        _report(articles, False, out)
        raise UsageError(f"{folder} holds no article that can be read; nothing written")
    return _report(articles, written, out)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help (0) or a usage error argparse has printed (2)
        return int(exit.code or 0)
    with _stopped_by_signals() as received:
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
    sys.exit(main())
