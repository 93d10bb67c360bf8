"""Per-article extraction: a pure function of (text, metadata), so it runs in parallel."""
from __future__ import annotations

import multiprocessing
import os
import signal
from functools import partial

import pandas as pd
from tqdm.auto import tqdm

from .attributions import extract_attributions
from .claims import quotes_and_claims
from .estimates import extract_estimates
from ..text.doc import Doc
from ..text.lexicon import Lexicon

TABLES = ("sentences", "quotes", "claims", "estimates")
PARALLEL_FROM = 200  # below this many articles, process start-up costs more than it saves


def extract_article(article_id: str, text: str, published=None,
                    lexicon: Lexicon | None = None) -> dict[str, pd.DataFrame]:
    """Every per-article table for one cleaned text; nothing here looks at other articles. The text is
    read once into a Doc that every extractor shares, with one Lexicon (default: the package's)."""
    lexicon = lexicon or Lexicon.default()
    doc = Doc(text)
    sentences = doc.sentence_table()
    attributions = extract_attributions(text, published=published, lexicon=lexicon, doc=doc)
    quotes, claims = quotes_and_claims(article_id, text, sentences, attributions, doc.quotations)
    estimates = extract_estimates(article_id, text, sentences, claims, published=published, lexicon=lexicon)
    sentences = sentences.assign(article_id=article_id)
    return {"sentences": sentences, "quotes": quotes, "claims": claims, "estimates": estimates}


def _extract_row(args, lexicon: Lexicon | None = None):
    return extract_article(*args, lexicon=lexicon)


def _worker_start() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which terminates them when it is stopped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def extract_all(jobs: list[tuple[str, str, object]], progress: bool = False, workers: int | None = None,
                lexicon: Lexicon | None = None) -> dict[str, list[pd.DataFrame]]:
    """Run `extract_article` over (article_id, text, published) jobs, in processes when it pays."""
    workers = workers or (os.cpu_count() or 1)
    bar = dict(total=len(jobs), desc="extracting", unit="article", disable=not progress)
    if len(jobs) >= PARALLEL_FROM and workers > 1:
        # leaving the block terminates the workers, also when the parent is stopped (KeyboardInterrupt)
        with multiprocessing.Pool(workers, initializer=_worker_start) as pool:
            results = list(tqdm(pool.imap(partial(_extract_row, lexicon=lexicon), jobs, chunksize=16), **bar))
    else:
        results = [extract_article(*job, lexicon=lexicon) for job in tqdm(jobs, **bar)]
    return {name: [r[name] for r in results] for name in TABLES}
