"""Command line: `python -m analysis build [FOLDER] [--out DIR] [--strict]`."""
from __future__ import annotations

import argparse
import sys

from . import load_corpus
from .corpus import CorpusError
from .store.parquet import DEFAULT_DIR, save_tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="load a folder of articles and write its tables as Parquet")
    build.add_argument("folder", nargs="?", help="folder of articles (default: the project's seeds/)")
    build.add_argument("--out", default=str(DEFAULT_DIR), help="output folder (default: %(default)s)")
    build.add_argument("--strict", action="store_true", help="fail on any file with a warning or error")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.folder, strict=args.strict, progress=True)
    except CorpusError as err:
        print(err, file=sys.stderr)
        return 1
    for path in save_tables(corpus, args.out):
        print(f"wrote {path}")
    problems = corpus.articles.query("status != 'ok'")
    for row in problems.itertuples():
        print(f"{row.status}: {row.file or row.article_id}: {row.message}", file=sys.stderr)
    print(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
