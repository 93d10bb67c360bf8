"""Accuracy and speed of `analysis.extract_attributions`, with the shared scorer, on three corpora.

Run from anywhere: `python benchmarks/attributions.py [--corpus NAME ...] [--by-rule] [--errors DIR]`.
Prints the scorer's figures for polnear-train (840 articles: develop and tune on it), polnear-dev
(84 articles: only check that a change generalises) and nk-dev (12 articles on the project's story).
Under each corpus line: the share of gold direct quotations (contents opening with a quotation mark)
matched at 0.3 overlap, precision per kind and per type, and the speakers that look like page furniture
(all capitals, or ending in a colon), the most frequent listed: this broad count also takes in
acronyms that do speak (CNN, AP, US), so the narrower count beside it keeps only those shaped like
furniture, opening a line before a comma, a dash or a colon ("VILNIUS, …", "WASHINGTON —",
"WATCH:"), and not confirmed by the gold (a transcript's "TAPPER: …" that the gold credits to Tapper is
a speaker, not furniture). With `--by-rule`, a table for
polnear-train: for each rule, its rows and its precision (a row is right when it matches a gold
attribution at 0.3 overlap, the scorer's matching); a rule right less than half the time costs more
than it gives. `--errors DIR` writes the scorer's missed/spurious rows per corpus.
The data is read in place from ../shared/bench (never copied into this repository).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("BENCH_DATA") or PROJECT.parent / "shared" / "bench")  # make bench BENCH_DATA=path
CORPORA = ("polnear-train", "polnear-dev", "nk-dev")
QUOTE_MARKS = tuple("“\"'‘«„`")  # one mark a tuple item: an empty slice is no mark
# What follows page furniture that opens a line: a dateline's comma or dash, a label's colon.
FURNITURE_AFTER = re.compile(r"\s*(?:,|:|\(|--|[-—–―]\s)")
sys.path.insert(0, str(PROJECT))

import pandas as pd  # noqa: E402

from analysis import extract_attributions  # noqa: E402


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_attributions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def line(name: str, out: dict) -> str:
    a, b = out["overlap_0.3"], out["overlap_0.8"]
    return (f"{name:<14} articles={out['articles']:>3} gold={out['gold']:>5} predicted={out['predicted']:>5}  "
            f"F1@0.3={a['f1']:.3f} P={a['precision']:.3f} R={a['recall']:.3f}  F1@0.8={b['f1']:.3f}  "
            f"speaker={out['speaker_accuracy']:.3f}  words/s={out['words_per_second']:,}")


@lru_cache(maxsize=None)
def extract(text: str):
    """The extractor, once per text: the scorer's timed pass fills the cache, the detail passes reuse it."""
    return extract_attributions(text)


def tallies(scorer, folder: Path) -> dict[str, Counter]:
    """Rows and right rows per rule, kind and type; gold direct quotations and how many were matched;
    speakers that look like page furniture. Matching is the scorer's, one-to-one at 0.3 overlap."""
    out = {name: Counter() for name in ("rows", "right", "quotes", "furniture", "furniture shaped")}
    for _name, text, gold in scorer.load_corpus(folder):
        frame = extract(text)
        pred = scorer.predictions(lambda _text: frame, text)
        pairs = scorer.match(gold, pred, 0.3)
        matched, found = {p for _g, p in pairs}, {g for g, _p in pairs}
        confirmed = {p for g, p in pairs if gold[g]["source"] and scorer.speaker_ok(text, gold[g], pred[p])}
        for k, (rule, kind, kind_of_cue) in enumerate(zip(frame["rule"], frame["kind"], frame["type"])):
            for key in (f"rule {rule}", f"kind {kind}", f"type {kind_of_cue}"):
                out["rows"][key] += 1
                out["right"][key] += k in matched
        for g, item in enumerate(gold):
            start = item["content"][0][0]
            if text[start:start + 1] in QUOTE_MARKS or text[start - 1:start] in QUOTE_MARKS:
                out["quotes"]["gold"] += 1
                out["quotes"]["matched"] += g in found
        for k, (mention, start) in enumerate(zip(frame["speaker_mention"], frame["speaker_start"])):
            if pd.isna(mention) or not (mention.rstrip().endswith(":") or (mention.isupper() and len(mention) > 1)):
                continue
            out["furniture"][mention] += 1
            if text[start - 1:start] in ("", "\n") and FURNITURE_AFTER.match(text, start + len(mention)) and \
                    k not in confirmed:  # a transcript's "TAPPER: …" the gold also credits is a speaker
                out["furniture shaped"][mention] += 1  # "VILNIUS, …", "WASHINGTON —", "WATCH:" opening a line
    return out


def detail(out: dict[str, Counter]) -> str:
    quotes = out["quotes"]
    share = quotes["matched"] / quotes["gold"] if quotes["gold"] else 0.0
    parts = [f"{key.split()[1]}={out['right'][key] / n:.3f} ({n})" for key, n in sorted(out["rows"].items())
             if not key.startswith("rule")]
    furniture, shaped = out["furniture"], out["furniture shaped"]
    listed = ", ".join(f"{m} {n}" for m, n in furniture.most_common(8))
    return (f"{'':<14} direct quotations matched={share:.3f} ({quotes['matched']}/{quotes['gold']})  "
            f"furniture speakers={sum(furniture.values())} (dateline/label shaped: {sum(shaped.values())})"
            f"{': ' + listed if listed else ''}\n{'':<14} precision: " + "  ".join(parts))


def rule_table(rows: Counter, right: Counter) -> str:
    rows = Counter({key.split()[1]: n for key, n in rows.items() if key.startswith("rule ")})
    right = Counter({key.split()[1]: n for key, n in right.items() if key.startswith("rule ")})
    lines = [f"{'rule':<22}{'rows':>7}{'right':>7}{'precision':>11}"]
    for rule, n in rows.most_common():
        flag = "  < 0.5" if right[rule] / n < 0.5 else ""
        lines.append(f"{rule:<22}{n:>7}{right[rule]:>7}{right[rule] / n:>11.3f}{flag}")
    total = sum(rows.values())
    lines.append(f"{'all':<22}{total:>7}{sum(right.values()):>7}{sum(right.values()) / total:>11.3f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="*", default=list(CORPORA), help="corpora under ../shared/bench")
    parser.add_argument("--scorer", type=Path, default=BENCH / "score_attributions.py")
    parser.add_argument("--by-rule", action="store_true", help="rows and precision of each rule on polnear-train")
    parser.add_argument("--errors", type=Path, help="folder for the scorer's missed/spurious rows, a file a corpus")
    args = parser.parse_args()
    folders = [BENCH / name for name in args.corpus]
    missing = [str(f) for f in folders + [args.scorer] if not f.exists()]
    if missing:
        print(f"benchmark data not found: {', '.join(missing)}\nThe benchmarks read ../shared/bench beside "
              "this repository (PolNeAR and nk-dev with their scorers); it is not part of the repository.",
              file=sys.stderr)
        return 2
    scorer = load_scorer(args.scorer)
    for folder in folders:
        if args.errors:
            args.errors.mkdir(parents=True, exist_ok=True)
            with open(args.errors / f"{folder.name}.jsonl", "w", encoding="utf-8") as errors:
                print(line(folder.name, scorer.score(folder, extract, errors=errors)), flush=True)
        else:
            print(line(folder.name, scorer.score(folder, extract)), flush=True)
        counts = tallies(scorer, folder)
        print(detail(counts), flush=True)
        if args.by_rule and folder.name == "polnear-train":
            print("\nper rule on polnear-train (right = matches a gold attribution at 0.3 overlap)")
            print(rule_table(counts["rows"], counts["right"]) + "\n", flush=True)
        extract.cache_clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
