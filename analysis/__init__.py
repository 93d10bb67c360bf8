"""Claim Ledger: news articles into tables of who claimed what, when, and with which numbers.

The public names are imported on first use, so `import analysis.sentences` (or a worker
process) does not pay for the whole package.
"""
from importlib import import_module

_PUBLIC = {
    "Corpus": ".corpus", "CorpusError": ".corpus", "load_corpus": ".corpus",
    "extract_attributions": ".extract.attributions", "open_store": ".store.dataset",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name], __name__), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
