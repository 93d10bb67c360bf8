"""Paths anchored to the package, so notebooks and tests work from any directory."""
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"          # rule tables shipped with the package
# the default corpus (read-only); CLAIM_LEDGER_SEEDS names another folder (the tests and nbval
# set it to their own copy, tests/data/seeds, so articles added to seeds/ never change them)
SEEDS_DIR = Path(os.environ.get("CLAIM_LEDGER_SEEDS") or PROJECT_DIR / "seeds").resolve()
BUILD_DIR = PROJECT_DIR / "build"        # generated tables and reports
