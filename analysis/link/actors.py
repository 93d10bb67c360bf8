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

from ..paths import DATA_DIR

ACTOR_COLUMNS = ["name", "alias", "kind", "affiliation"]
FUZZY_MIN_SCORE = 92  # whole name: spelling variants only ("Zelenskyy"/"Zelensky")
FUZZY_MIN_WORD = 80   # every word too, so one changed word ("South"/"North") is a different actor
FUZZY_MIN_LENGTH = 5  # short names and acronyms only match exactly
LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s?$")
# A role opened by a possessive name: "Lithuania's defence minister", "the European Union’s envoy".
ROLE_OWNER = re.compile(r"(?:the\s+)?(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})(?:'s|’s|'|’)\s")
# The tables whose speakers are canonicalised: (table, speaker column, role column).
SPEAKER_COLUMNS = (("quotes", "speaker", "speaker_role"), ("claims", "claimant", "claimant_role"),
                   ("estimates", "claimant", None))


def normalise(name: str) -> str:
    """Lower case, no leading article, no possessive ending, straight apostrophes, single spaces."""
    name = LEADING.sub("", str(name).strip())
    name = POSSESSIVE.sub("", name).replace("’", "'").lower()
    return re.sub(r"\s+", " ", name).strip()


def _same_words(a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(fuzz.ratio(x, y) >= FUZZY_MIN_WORD for x, y in zip(words_a, words_b))


def _read(path: Path) -> pd.DataFrame:
    """One actors file; an empty one (not even a header) is a table with no actors."""
    try:
        return pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=ACTOR_COLUMNS)


@dataclass
class ActorIndex:
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ACTOR_COLUMNS))

    @classmethod
    def load(cls, path: str | Path | None = None, extend: bool = False) -> "ActorIndex":
        """The packaged table, a user's file instead (`path`), or both (`extend=True`)."""
        paths = [DATA_DIR / "actors.csv"] if path is None or extend else []
        paths += [Path(path)] if path is not None else []
        frames = [_read(p) for p in paths]
        return cls(pd.concat(frames, ignore_index=True).reindex(columns=ACTOR_COLUMNS))

    def __post_init__(self):
        table = self.table.fillna("")
        keys = table["alias"].map(normalise)
        self._by_alias = dict(zip(keys, table[["name", "affiliation"]].itertuples(index=False, name=None)))
        self._by_alias.pop("", None)
        self._cache: dict[str, tuple | None] = {}

    def lookup(self, name) -> tuple[str, str] | None:
        """(canonical name, affiliation) for a known alias, exact after normalising or a near spelling."""
        if name is None or pd.isna(name):
            return None
        key = normalise(name)
        if key not in self._cache:
            self._cache[key] = self._by_alias.get(key) or self._near(key)
        return self._cache[key]

    def _near(self, key: str) -> tuple[str, str] | None:
        if len(key) < FUZZY_MIN_LENGTH or not self._by_alias:
            return None
        best = process.extractOne(key, self._by_alias.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
        return self._by_alias[best[0]] if best and _same_words(key, best[0]) else None

    def canonicalize(self, frame: pd.DataFrame, column: str, role: str | None = None) -> pd.DataFrame:
        """`column` in canonical names where known (as written otherwise), plus `affiliation`: the actor's, else
        the owner a `role` names with a possessive ("Lithuania's defence minister": Lithuania, or that
        country's affiliation in the table).

        Each distinct name and role is looked up once, so a corpus of many articles costs what its
        vocabulary of speakers costs.
        """
        if column not in frame:
            return frame
        codes, names = pd.factorize(frame[column].astype("string"), use_na_sentinel=True)
        hits = [self.lookup(name) or (name, "") for name in names]
        canonical = pd.array([name for name, _ in hits] + [pd.NA], dtype="string")[codes]  # code -1 -> NA
        affiliation = pd.array([aff or pd.NA for _, aff in hits] + [pd.NA], dtype="string")[codes]
        if role in frame and len(frame):
            affiliation = pd.Series(affiliation, index=frame.index).fillna(
                pd.Series(self._role_owners(frame[role]), index=frame.index))
            if "article_id" in frame:  # the person's later rows in the article ("the minister added")
                same = pd.Series(canonical, index=frame.index)
                affiliation = affiliation.fillna(affiliation.groupby([frame["article_id"], same]).transform("first"))
            affiliation = affiliation.array
        return frame.assign(**{column: canonical, "affiliation": affiliation})

    def _role_owners(self, roles: pd.Series) -> pd.arrays.StringArray:
        """The affiliation a role's possessive owner gives, per row (NA without one)."""
        codes, distinct = pd.factorize(roles.astype("string"), use_na_sentinel=True)
        owners = []
        for text in distinct:
            owner = ROLE_OWNER.match(text)
            hit = self.lookup(owner.group("owner")) if owner else None
            owners.append((hit[1] or hit[0]) if hit else (owner.group("owner") if owner else pd.NA))
        return pd.array(owners + [pd.NA], dtype="string")[codes]
