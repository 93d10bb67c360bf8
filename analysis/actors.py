"""Actors and their aliases: one canonical name and an affiliation for the many ways a text names them.

The table is `data/actors.csv` (name, alias, kind, affiliation), replaceable or extendable by
users. Extraction never depends on it: a speaker that matches no alias keeps its words as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from .paths import DATA_DIR

ACTOR_COLUMNS = ["name", "alias", "kind", "affiliation"]
FUZZY_MIN_SCORE = 92  # spelling variants only ("Zelenskyy"/"Zelensky"), never different actors
LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def normalise(name: str) -> str:
    name = LEADING.sub("", str(name).strip()).replace("’", "'").lower()
    return re.sub(r"\s+", " ", name)


@dataclass
class ActorIndex:
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ACTOR_COLUMNS))

    @classmethod
    def load(cls, path: str | Path | None = None, extend: bool = False) -> "ActorIndex":
        """The packaged table, a user's file instead (`path`), or both (`extend=True`)."""
        frames = []
        if path is None or extend:
            frames.append(pd.read_csv(DATA_DIR / "actors.csv", comment="#", dtype=str, keep_default_na=False))
        if path is not None:
            frames.append(pd.read_csv(path, comment="#", dtype=str, keep_default_na=False))
        table = pd.concat(frames, ignore_index=True).reindex(columns=ACTOR_COLUMNS) if frames else None
        return cls(table if table is not None else pd.DataFrame(columns=ACTOR_COLUMNS))

    def __post_init__(self):
        keys = self.table["alias"].map(normalise)
        self._by_alias = dict(zip(keys, self.table[["name", "affiliation"]].itertuples(index=False, name=None)))
        self._cache: dict[str, tuple] = {}

    def lookup(self, name) -> tuple[str, str] | None:
        """(canonical name, affiliation) for a known alias, exact after normalising or a near spelling."""
        if name is None or pd.isna(name):
            return None
        key = normalise(name)
        if key not in self._cache:
            hit = self._by_alias.get(key)
            if hit is None and self._by_alias and len(key) > 4:
                best = process.extractOne(key, self._by_alias.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
                hit = self._by_alias[best[0]] if best else None
            self._cache[key] = hit
        return self._cache[key]

    def canonicalize(self, frame: pd.DataFrame, column: str) -> pd.DataFrame:
        """`column` in canonical names where known (as written otherwise), plus `affiliation`."""
        if column not in frame or frame.empty:
            return frame.assign(affiliation=pd.Series(dtype="string")) if "affiliation" not in frame else frame
        hits = frame[column].map(self.lookup)
        names = [h[0] if h else v for h, v in zip(hits, frame[column])]
        affiliation = [h[1] if h and h[1] else pd.NA for h in hits]
        return frame.assign(**{column: pd.array(names, dtype="string"),
                               "affiliation": pd.array(affiliation, dtype="string")})
