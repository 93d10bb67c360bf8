"""Paths anchored to the package, so notebooks and tests work from any directory."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"          # rule tables shipped with the package
SEEDS_DIR = PROJECT_DIR / "seeds"        # the default corpus (read-only)
BUILD_DIR = PROJECT_DIR / "build"        # generated tables and reports
