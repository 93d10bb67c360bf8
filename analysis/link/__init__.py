"""Link, across articles: actor canonical names, coverage alignment, discrepancies, wording."""
