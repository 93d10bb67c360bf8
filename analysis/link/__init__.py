"""Link, across articles: actor canonical names, coverage alignment, discrepancies, wording."""
import pandas as pd


class LinkedTables:
    """`coverage` and `discrepancies` of a corpus, from its `_alignment` (computed, or read, on first use)."""

    @property
    def coverage(self) -> pd.DataFrame:
        return self._alignment[0]

    @property
    def discrepancies(self) -> pd.DataFrame:
        return self._alignment[1]
