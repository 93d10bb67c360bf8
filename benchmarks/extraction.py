"""Speed of the per-article extraction alone, step by step, in one process (no reading, cleaning or store).

`pipeline.article_records` does four steps per article: the Doc (sentences, quotations, zones), the
attributions, the claims and quotes tables, the estimates. This times each (process time, so other jobs on
the machine count less than in wall time) over a corpus's texts, best of --repeat passes, and prints words
per CPU second and milliseconds an article for each step.

    python benchmarks/extraction.py [--corpus polnear-train] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("BENCH_DATA") or PROJECT.parent / "shared" / "bench")
sys.path.insert(0, str(PROJECT))

from analysis.extract.attributions import attribution_records  # noqa: E402
from analysis.extract.claims import claim_records  # noqa: E402
from analysis.extract.estimates import estimate_records  # noqa: E402
from analysis.text.doc import Doc  # noqa: E402
from analysis.text.lexicon import Lexicon  # noqa: E402

PUBLISHED = "2024-01-01"  # a publication day, so dates are resolved as in a build
STEPS = ("doc", "attributions", "claims", "estimates")


def one_pass(texts: list[str], lexicon: Lexicon) -> dict[str, float]:
    """CPU seconds per step over all texts, the steps chained as `pipeline.article_records` chains them."""
    spent = dict.fromkeys(STEPS, 0.0)
    clock = time.process_time
    for i, text in enumerate(texts):
        t0 = clock()
        doc = Doc(text, lexicon)
        spans = [(k, s.start, s.end) for k, s in enumerate(doc.sentences)]
        t1 = clock()
        found = attribution_records(text, published=PUBLISHED, lexicon=lexicon, doc=doc)
        t2 = clock()
        _quotes, claims = claim_records(f"a{i}", text, spans, found, doc.quotations)
        t3 = clock()
        estimate_records(f"a{i}", text, spans, claims, published=PUBLISHED, lexicon=lexicon)
        t4 = clock()
        for step, seconds in zip(STEPS, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            spent[step] += seconds
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="polnear-train")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = BENCH / args.corpus / "text"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        print(f"no texts in {folder} (set BENCH_DATA)", file=sys.stderr)
        return 1
    lexicon = Lexicon.default()
    one_pass(texts[:5], lexicon)  # imports, lazy set-up and the date parser's data: not timed
    best = min((one_pass(texts, lexicon) for _ in range(args.repeat)), key=lambda spent: sum(spent.values()))
    words, total = sum(len(t.split()) for t in texts), sum(best.values())
    print(f"{args.corpus}: {len(texts)} articles, {words:,} words; best of {args.repeat}: {total:.2f} CPU s, "
          f"{words / total:,.0f} words per CPU second, {1000 * total / len(texts):.2f} ms an article")
    for step in STEPS:
        print(f"  {step:<13} {1000 * best[step] / len(texts):6.2f} ms an article  ({best[step] / total:5.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
