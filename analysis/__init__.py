"""Claim Ledger: news articles into tables of who claimed what, when, and with which numbers."""
from .attributions import extract_attributions
from .corpus import Corpus, CorpusError, load_corpus

__all__ = ["Corpus", "CorpusError", "extract_attributions", "load_corpus"]
