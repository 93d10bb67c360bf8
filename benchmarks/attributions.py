"""Accuracy and speed of `analysis.extract_attributions` on PolNeAR dev, with the shared scorer.

Run from anywhere: `python benchmarks/attributions.py [--corpus DIR]`. Prints the scorer's figures for
the whole corpus and for its two halves (even and odd files in sorted order). Rules and the cue
lexicon are tuned on the even half only; the odd half is held out, so a large gap between the
halves would flag overfitting.
The corpus is read in place (../shared/bench); the halves are symlinked into a temporary folder.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BENCH = PROJECT.parent / "shared" / "bench"
sys.path.insert(0, str(PROJECT))

from analysis import extract_attributions  # noqa: E402


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_attributions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half(corpus: Path, parity: int, into: Path) -> Path:
    """A folder holding every other article of `corpus` (links, not copies)."""
    for sub in ("text", "attributions"):
        (into / sub).mkdir(parents=True)
    texts = sorted((corpus / "text").glob("*.txt"))[parity::2]
    for txt in texts:
        (into / "text" / txt.name).symlink_to(txt)
        for ann in (corpus / "attributions").glob(f"{txt.stem}_*.ann"):
            (into / "attributions" / ann.name).symlink_to(ann)
    return into


def line(name: str, out: dict) -> str:
    a, b = out["overlap_0.3"], out["overlap_0.8"]
    return (f"{name:<10} articles={out['articles']:>3} gold={out['gold']:>5} predicted={out['predicted']:>5}  "
            f"F1@0.3={a['f1']:.3f} P={a['precision']:.3f} R={a['recall']:.3f}  F1@0.8={b['f1']:.3f}  "
            f"speaker={out['speaker_accuracy']:.3f}  words/s={out['words_per_second']:,}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BENCH / "polnear-dev")
    parser.add_argument("--scorer", type=Path, default=BENCH / "score_attributions.py")
    args = parser.parse_args()
    if not args.corpus.is_dir() or not args.scorer.exists():
        print(f"benchmark data not found: {args.corpus} / {args.scorer}", file=sys.stderr)
        return 2
    scorer = load_scorer(args.scorer)
    print(line("all", scorer.score(args.corpus, extract_attributions)))
    with tempfile.TemporaryDirectory() as tmp:
        for parity, name in ((0, "even half"), (1, "odd half")):
            folder = half(args.corpus, parity, Path(tmp) / name.replace(" ", "-"))
            print(line(name, scorer.score(folder, extract_attributions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
