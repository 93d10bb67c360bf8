"""Shared by `pytest tests` and the notebooks under nbval: both run on the project's own copy of the
seed articles (tests/data/seeds), so articles a user adds to seeds/ never change what the tests and
the committed notebook outputs expect. Set before `analysis` is imported; notebook kernels inherit it."""
import os
from pathlib import Path

os.environ["CLAIM_LEDGER_SEEDS"] = str(Path(__file__).resolve().parent / "tests" / "data" / "seeds")
