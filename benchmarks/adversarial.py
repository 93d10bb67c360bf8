"""Adversarial inputs: does every construction run in linear time?

Each case repeats one construction (unclosed quotation marks, a text with no sentence end, runs
of capitalised words before a cue, runs of `.`, `!` or apostrophes, …) up to a size, and times
(a) `analysis.extract_attributions(text)` and (b) the whole per-article pipeline: page cleaning
(`analysis.ingest.cleaning.strip_chrome`, as `analysis/ingest/articles.py` calls it) then
`analysis.extract.pipeline.extract_article`. Every measurement runs in a subprocess with a
timeout, so a quadratic case cannot hang the script ("timeout" is printed, and the larger sizes
of that case are skipped). A time is the process's CPU time, the least of `--repeat` rounds (default
REPEAT), each round on the text with one more leading space, so that no cache keyed on the text is warm:
one wall-clock run of a second varies by 10-20% on a shared machine, enough to fake a growth factor.
The table gives the seconds for each size and the growth factor per doubling t(2n)/t(n); a case is
flagged (!) when it is over the targets: at 1 MB under TARGET_SECONDS, and no growth over TARGET_GROWTH
per doubling (growth is only judged from MIN_JUDGED_SECONDS on, below that timer noise dominates).

    python benchmarks/adversarial.py                      # every case at 125 KB, 250 KB, 500 KB, 1 MB
    python benchmarks/adversarial.py --quick              # 16, 32, 64, 128 KB
    python benchmarks/adversarial.py --case dots_run --case news --sizes 100000 200000
    python benchmarks/adversarial.py --list               # the case names
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

KB = 1000
SIZES = [125 * KB, 250 * KB, 500 * KB, 1000 * KB]
QUICK_SIZES = [16 * KB, 32 * KB, 64 * KB, 128 * KB]
TARGET_SECONDS = 2.0      # at 1 MB, one core
TARGET_GROWTH = 2.3       # per doubling of the size
MIN_JUDGED_SECONDS = 0.05  # growth between tiny times is noise
TIMEOUT = 30.0            # per measurement (all rounds of both timings of one case and size)
REPEAT = 3                # rounds per measurement: the least time counts
PUBLISHED = "2024-10-29"


def _repeat(unit: str, size: int) -> str:
    """`unit` repeated to about `size` UTF-8 bytes."""
    return unit * max(1, size // len(unit.encode("utf-8")))


def _run(prefix: str, char: str, suffix: str, size: int) -> str:
    """One long run of `char` between a prefix and a suffix."""
    return prefix + char * max(1, (size - len(prefix) - len(suffix)) // len(char.encode("utf-8"))) + suffix


def _seed_text() -> str:
    texts = sorted((PROJECT / "seeds").glob("*.txt"))
    return "\n\n".join(path.read_text(encoding="utf-8") for path in texts) + "\n\n"


NEWS_CHROME = """Home | World | Politics | Business
Advertisement
Minister visits the border for the third time in a month amid rising tension over the dam
Read more
Share on Facebook
Officials said on Monday that the minister would visit the border again, according to state media.
“We will not back down,” she told reporters. “The dam is ours.”
Related: Minister visits the border
12 Comments
Photo: Reuters
"""

# name -> (what it is, generator of a text of about `size` bytes)
CASES = {
    "unclosed_curly": ("many “ with no ” and no line break",
                       lambda n: _repeat("The minister said “the plan is bold and the troops ", n)),
    "unclosed_curly_lines": ("a “ opening every line, never closed",
                             lambda n: _repeat("“The plan is bold, officials said on Monday\n", n)),
    "unclosed_straight": ('many " after a space, never closed, no line break',
                          lambda n: _repeat('He said "the plan is bold and the troops ', n)),
    "unclosed_straight_lines": ('a " opening every paragraph, never closed',
                                lambda n: _repeat('"The plan is bold, officials said on Monday\n\n', n)),
    "open_then_lines": ("one “ at the start, then many lines without marks",
                        lambda n: "“" + _repeat("Officials said the plan was bold\n", n)),
    "no_sentence_end": ("one long sentence: cues and clauses, no full stop, no line break",
                        lambda n: _repeat("the minister said the plan would work and officials told reporters "
                                          "that troops moved according to sources who said ", n)),
    "said_chain": ('"X said, Y said, …" clauses',
                   lambda n: _repeat("Smith said, Jones said, ", n)),
    "said_chain_quoted": ('“…,” X said, “…,” Y said, …',
                          lambda n: _repeat("“It is fine,” Smith said, “it is bad,” Jones said, ", n)),
    "capitalised_run": ("capitalised words with a cue now and then, no full stop",
                        lambda n: _repeat("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo "
                                          "Lima Mike November Oscar Papa Quebec Romeo Sierra Tango said, ", n)),
    "capitalised_words_before_cue": ("one run of capitalised words, then a cue",
                                     lambda n: _run("", "Alpha ", " said the plan would work.", n)),
    "long_capital_word": ("one long capitalised word before an apposition and a cue",
                          lambda n: _run("Officials met ", "A", ", a member of the committee, said it works.", n)),
    "long_word": ("one long lowercase word before a cue",
                  lambda n: _run("Officials met ", "a", " said it works.", n)),
    "dots_run": ("one run of full stops", lambda n: _run("Officials said ", ".", " The plan works.", n)),
    "dots_spaced": ("runs of '. . .'", lambda n: _repeat("He said . . . . . . . . . . ", n)),
    "bangs_run": ("one run of !", lambda n: _run("Officials said ", "!", " The plan works.", n)),
    "question_run": ("one run of ?", lambda n: _run("Officials asked ", "?", " The plan works.", n)),
    "apostrophes_run": ("one run of apostrophes", lambda n: _run("Officials said ", "'", " The plan works.", n)),
    "curly_apostrophes_run": ("one run of ’", lambda n: _run("Officials said ", "’", " The plan works.", n)),
    "doubled_marks_run": ("'' and `` repeated", lambda n: _repeat("He said '' `` '' `` ", n)),
    "abbreviations": ("repeated abbreviations, no sentence end",
                      lambda n: _repeat("U.S. Sen. Gov. Rep. Dr. Mr. Jan. No. St. Lt. Col. J. ", n)),
    "abbreviations_said": ("abbreviations before names and cues",
                           lambda n: _repeat("U.S. Sen. J. Smith said on Oct. 22 that Gov. Doe told No. 2 ", n)),
    "according_to": ('many "according to" clauses, no full stop',
                     lambda n: _repeat("according to officials, the troops moved, ", n)),
    "according_to_sentences": ('"According to X, …." sentences',
                               lambda n: _repeat("According to the ministry, troops moved on Monday. ", n)),
    "emoji": ("an emoji after each full stop", lambda n: _repeat("He said it was fine. 😀 ", n)),
    "control_mixed": ("control characters and mixed scripts",
                      lambda n: _repeat("Officials\x00 said\x01 “Привет” 你好, said مرحبا\u200b\u202e.\x0b Κόσμος "
                                        "told\x1b ", n)),
    "dashes_commas": ("long runs of dashes and commas",
                      lambda n: _repeat("Smith — who said, — Jones, , , — ", n)),
    "relative_chain": ('", who said" clauses', lambda n: _repeat("Smith, who said it works, ", n)),
    "dates": ("date words around cues",
              lambda n: _repeat("The ministry on Monday said last week on Oct. 22, 2024 in May that ", n)),
    "news": ("the seed articles repeated", lambda n: _repeat(_seed_text(), n)),
    "news_one_paragraph": ("the seed articles as one paragraph", lambda n: _repeat(
        " ".join(_seed_text().split()) + " ", n)),
    "read_more": ('"Read more" lines (page chrome)',
                  lambda n: _repeat("Troops were seen near the border on Monday, officials said\nRead more\n", n)),
    "chrome_mix": ("teasers, menus, share and caption lines", lambda n: _repeat(NEWS_CHROME, n)),
    "menu_bar_spaces": ("a long menu-like line with spaced separators", lambda n: _repeat("a  |  b  •  ", n) + "."),
    "long_line_chrome": ("one long line starting like chrome",
                         lambda n: _run("Read more: ", "x ", "", n)),
}


def worker(case: str, size: int, repeat: int) -> None:
    """Time (a) and (b) for one case and size; print the least time so far as a JSON line after each round."""
    import pandas as pd

    import analysis
    from analysis.extract.pipeline import extract_article
    from analysis.ingest.cleaning import strip_chrome

    text = CASES[case][1](size)
    published = pd.Timestamp(PUBLISHED)
    # Imports and each pattern's first compilation are once per process, not per text: a news article
    # (the seeds, with quotes, dates and figures) runs every step once before the timings.
    extract_article("warm-up", strip_chrome(_seed_text()).text, published)
    best = {"a": float("inf"), "b": float("inf")}

    def done(key: str, started: float) -> None:
        best[key] = min(best[key], time.process_time() - started)
        print(json.dumps({key: best[key]}), flush=True)

    for k in range(repeat):
        variant = " " * k + text
        started = time.process_time()
        analysis.extract_attributions(variant)
        done("a", started)
        started = time.process_time()
        extract_article("adversarial", strip_chrome(variant).text, published)
        done("b", started)


def measure(case: str, size: int, timeout: float, repeat: int) -> dict:
    """{"a": seconds or None, "b": seconds or None}; None means timeout (or a crash, reported)."""
    command = [sys.executable, __file__, "--worker", case, str(size), str(repeat)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        out, failed = done.stdout, done.returncode != 0
        if failed:
            print(f"  {case} {size}: worker failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
    except subprocess.TimeoutExpired as err:
        out = err.stdout.decode() if isinstance(err.stdout, bytes) else (err.stdout or "")
    result = {"a": None, "b": None}
    for line in out.splitlines():
        if line.startswith("{"):
            result.update(json.loads(line))
    return result


def _fmt_time(t) -> str:
    return "timeout" if t is None else f"{t:.3f}"


def _growth(times: list) -> tuple[str, bool]:
    """The worst t(2n)/t(n) over consecutive sizes (judged from MIN_JUDGED_SECONDS), and whether it is over."""
    factors = [b / a for a, b in zip(times, times[1:])
               if a is not None and b is not None and b >= MIN_JUDGED_SECONDS and a > 0]
    if not factors:
        return "-", False
    worst = max(factors)
    return f"{worst:.2f}", worst > TARGET_GROWTH


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", help="text sizes in bytes (doubling is best)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only this case (repeatable)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per measurement")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="rounds per measurement (the least counts)")
    parser.add_argument("--worker", nargs=3, metavar=("CASE", "SIZE", "REPEAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), int(args.worker[2]))
        return 0
    if args.list:
        for name, (what, _make) in CASES.items():
            print(f"{name:<30} {what}")
        return 0
    sizes = sorted(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    cases = args.case or list(CASES)
    head = " ".join(f"{s // KB:>7}K" for s in sizes)
    print(f"{'case':<30} {'':<3} {head}  growth  flag")
    flagged = []
    for case in cases:
        times = {"a": [], "b": []}
        dead = False
        for size in sizes:
            if dead:
                times["a"].append(None), times["b"].append(None)
                continue
            result = measure(case, size, args.timeout, args.repeat)
            times["a"].append(result["a"]), times["b"].append(result["b"])
            dead = result["a"] is None or result["b"] is None
        for which, label in (("a", "ext"), ("b", "all")):
            row = times[which]
            growth, over = _growth(row)
            slow = row[-1] is None or (sizes[-1] >= 1000 * KB and row[-1] > TARGET_SECONDS * sizes[-1] / (1000 * KB))
            flag = "!" if over or slow else ""
            if flag:
                flagged.append(f"{case}/{label}")
            cells = " ".join(f"{_fmt_time(t):>8}" for t in row)
            print(f"{case if which == 'a' else '':<30} {label:<3} {cells}  {growth:>6}  {flag}", flush=True)
    print(f"\next = analysis.extract_attributions; all = strip_chrome + extract_article. "
          f"Targets: < {TARGET_SECONDS} s at 1 MB, growth <= {TARGET_GROWTH} per doubling.")
    print("over target: " + (", ".join(flagged) if flagged else "none"))
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
