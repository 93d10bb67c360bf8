"""What differs between sources inside one story element: numbers, dates, months, names, titles, speakers.

Facts are read from every member of an element carried by several articles (a claim's span is
widened to its claimant's mention, so "Minister X said ..." gives X's title too):

- month, date: month names and calendar days written ("June", "Oct. 28", "28 October"; the
  lexicon's month names);
- number: the counted figures of `corpus.estimates` inside the member, per category; they agree
  when their ranges agree ("around 10,000" = "some 10,000"; 10,000 ≠ "thousands");
- name, title: titled person mentions ("Deputy Minister Ana Ruiz", "ambassador Ana Ruiz"; title
  words from the lexicon's titles, data/titles.csv), grouped by surname (near spellings meet). Names
  differ when the articles spell them differently ("Ivanov"/"Ivanow"; a short form "Ruiz" agrees
  with "Ana Ruiz"); titles differ when their title-lexicon words differ ("minister"/"envoy"), not
  when one is merely fuller ("ambassador"/"Russian Ambassador to X");
- speaker: who each article credits quoted words to.

A field of an element is a discrepancy when at least two articles give it and their sets of
values differ. Long format: one row per element, field, article and value; `detail` says what the
values are about (the counted category, the person) and start/end point at the words.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from .. import schemas
from ..text.lexicon import trie_pattern
from ..text.lexicon import Lexicon, alternation

FACT_COLUMNS = ["element_id", "article_id", "field", "detail", "value", "key", "start", "end"]
NAME_SIMILARITY = 85   # rapidfuzz ratio at which two surnames are one person spelt two ways
NAME_WORD = r"[A-Z][\w’'-]*"
NAMED_AFTER = re.compile(  # after a title word: an optional "to X", then up to four capitalised words
    rf"(?:\s+(?:of|to|for)\s+{NAME_WORD})?\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})")
ROLE_BEFORE = re.compile(  # capitalised words before a title word, "of" between them: "Department of Defense"
    rf"(?:(?<![\w’'-]){NAME_WORD}\s+(?:(?:of|to|for)\s+(?=[A-Z]))?)+\Z")
ROLE_REACH = 100  # characters looked at before a title word
POSSESSIVE = ("’s", "'s")


class _Patterns(NamedTuple):
    calendar: re.Pattern  # "June", "Oct. 28", "28 October"
    title: re.Pattern     # a title word
    month_of: dict        # written form -> month name ("oct" -> "October")


@lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> _Patterns:
    initials = "".join(sorted({m[0].upper() for m in lexicon.months}))
    month = r"(?P<{g}>(?:" + alternation(lexicon.month_forms) + r")\.?)"
    calendar = re.compile(  # the lookahead rejects most positions at once, before the alternation is tried
        rf"(?=[{initials}\d])\b(?:" + month.format(g="m1") + r"\s+(?P<d1>\d{1,2})(?!\d)(?:st|nd|rd|th)?"  # "Oct. 28"
        r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + month.format(g="m2")        # "28 October"
        + r"|" + month.format(g="m3") + r")(?![\w-])", re.IGNORECASE)
    title = re.compile(rf"(?<![\w’'-])(?:{trie_pattern(lexicon.titles)})(?![\w’'-])", re.IGNORECASE)
    month_of = {form: lexicon.months[n - 1].capitalize() for form, n in lexicon.month_forms.items()}
    return _Patterns(calendar, title, month_of)


def _calendar_facts(members: pd.DataFrame, texts: dict[str, str], lexicon: Lexicon) -> list[tuple]:
    """Month names and calendar days written in each member."""
    patterns, facts = _patterns(lexicon), []
    for element, article, start, end, rank in members[["element_id", "article_id", "start", "end", "_rank"]] \
            .itertuples(index=False):
        for m in patterns.calendar.finditer(texts[article], start, end):
            word = next(m.group(g) for g in ("m1", "m2", "m3") if m.group(g))
            month, day = patterns.month_of[word.lower().rstrip(".")], m.group("d1") or m.group("d2")
            if word[0].islower() and not day:  # "may" the verb, "march" the noun
                continue
            value = f"{month} {int(day)}" if day else month
            facts.append((element, article, "date" if day else "month", "", value, value, m.start(), m.end(), rank))
    return facts


def _name_key(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace("’", "'").split())


def _title_key(role: str, lexicon: Lexicon) -> str:
    return " ".join(sorted({m.group().lower() for m in _patterns(lexicon).title.finditer(role)}))


def titled_mentions(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> list[tuple[int, int, int, int]]:
    """(role_start, role_end, name_start, name_end) of each "Title Name" in text[lo:hi].

    A run of title words ("Secretary General") is one title: only its last word starts a name.
    """
    lexicon = lexicon or Lexicon.default()
    found = []
    for title in _patterns(lexicon).title.finditer(text, lo, hi):
        named = NAMED_AFTER.match(text, title.end(), hi)
        if not named or named.group("name").split()[0].lower() in lexicon.titles:
            continue
        before = ROLE_BEFORE.search(text, max(lo, title.start() - ROLE_REACH), title.start())
        name_end = named.end("name") - (2 if named.group("name").endswith(POSSESSIVE) else 0)
        found.append((before.start() if before else title.start(), named.start("name"), named.start("name"), name_end))
    return found


def _titled_facts(members: pd.DataFrame, texts: dict[str, str], lexicon: Lexicon) -> list[tuple]:
    """Name and title of every titled person mention in each member (and its claimant's mention)."""
    facts = []
    for element, article, lo, hi, rank in members[["element_id", "article_id", "lo", "hi", "_rank"]] \
            .itertuples(index=False):
        text = texts[article]
        for role_start, role_end, name_start, name_end in titled_mentions(text, lo, hi, lexicon):
            name, role = text[name_start:name_end], text[role_start:role_end].rstrip()
            facts.append((element, article, "name", name, name, _name_key(name), name_start, name_end, rank))
            facts.append((element, article, "title", name, role, _title_key(role, lexicon), role_start,
                          role_start + len(role), rank))
    return facts


def _number_facts(members: pd.DataFrame, estimates: pd.DataFrame) -> pd.DataFrame:
    """Counted figures (not derived, not `other`) that lie inside a member, keyed by their range."""
    counted = estimates[~estimates["derived"].fillna(False).astype(bool) & estimates["category"].ne("other")]
    pairs = members[["element_id", "article_id", "start", "end", "_rank"]].merge(
        counted[["article_id", "category", "text", "start", "end", "low", "high", "value"]],
        on="article_id", suffixes=("", "_e"))
    inside = pairs[(pairs["start_e"] >= pairs["start"]) & (pairs["end_e"] <= pairs["end"])]
    low, high = inside["low"].fillna(inside["value"]), inside["high"].fillna(inside["value"])
    return pd.DataFrame({"element_id": inside["element_id"], "article_id": inside["article_id"], "field": "number",
                         "detail": inside["category"].astype(str), "value": inside["text"],
                         "key": low.astype(str) + "-" + high.astype(str), "start": inside["start_e"],
                         "end": inside["end_e"], "_rank": inside["_rank"]})


def _speaker_facts(members: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Who each article credits the quoted words in a member to."""
    pairs = members[["element_id", "article_id", "start", "end", "_rank"]].merge(
        quotes[["article_id", "start", "end", "speaker", "speaker_start", "speaker_end"]].dropna(subset=["speaker"]),
        on="article_id", suffixes=("", "_q"))
    inside = pairs[(pairs["start_q"] < pairs["end"]) & (pairs["end_q"] > pairs["start"])]  # a quote may run past a claim
    return pd.DataFrame({"element_id": inside["element_id"], "article_id": inside["article_id"], "field": "speaker",
                         "detail": "", "value": inside["speaker"], "key": inside["speaker"],
                         "start": inside["speaker_start"].fillna(inside["start_q"]),
                         "end": inside["speaker_end"].fillna(inside["end_q"]), "_rank": inside["_rank"]})


def _widened(members: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Members with lo/hi: their span, widened to the claimant's mention for claims."""
    mention = claims.set_index("claim_id")[["claimant_start", "claimant_end"]]
    spans = members.join(mention, on="claim_id")
    return members.assign(lo=spans["claimant_start"].fillna(spans["start"]).clip(upper=spans["start"]).astype(int),
                          hi=spans["claimant_end"].fillna(spans["end"]).clip(lower=spans["end"]).astype(int))


def _same_person(facts: pd.DataFrame) -> pd.Series:
    """A person key per name/title fact: its surname, near spellings in one element merged."""
    surnames = facts["detail"].str.split().str[-1].str.lower()
    pairs = pd.DataFrame({"element_id": facts["element_id"], "surname": surnames}).drop_duplicates()
    several = pairs[pairs.groupby("element_id")["surname"].transform("size") > 1]
    merged = {}
    for element, group in several.groupby("element_id")["surname"]:
        seen: list[str] = []
        for surname in group:
            match = next((s for s in seen if fuzz.ratio(s, surname) >= NAME_SIMILARITY), None)
            merged[element, surname] = match or surname
            seen += [] if match else [surname]
    return pd.Series([merged.get(pair, pair[1]) for pair in zip(facts["element_id"], surnames)], index=facts.index)


def _drop_short_forms(facts: pd.DataFrame) -> pd.DataFrame:
    """Names that are the tail of a longer name of the same person ("Ruiz" of "Ana Ruiz") agree with it."""
    names = facts[facts["field"] == "name"].drop_duplicates(["element_id", "detail", "key"])
    short = set()
    for (element, person), keys in names.groupby(["element_id", "detail"])["key"]:
        short |= {(element, person, key) for key in keys if any(k.endswith(" " + key) for k in keys)}
    dropped = [(f == "name" and (e, d, k) in short)
               for f, e, d, k in zip(facts["field"], facts["element_id"], facts["detail"], facts["key"])]
    return facts[~np.array(dropped, dtype=bool)]


def part_facts(members: pd.DataFrame, texts: dict[str, str], claims: pd.DataFrame, estimates: pd.DataFrame,
               quotes: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The facts of some members (with `_rank`, their place among all members), before names are merged:
    FACT_COLUMNS + `text` (the fact's words), `_kind` and `_rank`. Everything here looks at one article at a
    time, so the members can come a date window at a time (`analysis.link.windows`); `finish_facts` puts the
    parts together."""
    lexicon = lexicon or Lexicon.default()
    columns = FACT_COLUMNS + ["_rank"]
    parts = [pd.DataFrame(_calendar_facts(members, texts, lexicon), columns=columns),
             pd.DataFrame(_titled_facts(_widened(members, claims), texts, lexicon), columns=columns),
             _number_facts(members, estimates), _speaker_facts(members, quotes)]
    parts = [p.assign(_kind=kind) for kind, p in enumerate(parts) if len(p)]
    if not parts:
        return pd.DataFrame(columns=columns + ["text", "_kind"])
    facts = pd.concat(parts, ignore_index=True)
    return facts.assign(text=[texts[a][int(s):int(e)] for a, s, e in zip(facts["article_id"], facts["start"],
                                                                         facts["end"])])


def finish_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts of all members in the order one pass over them gives (kind, then member), near spellings of a
    name in one element merged and short forms of a longer name dropped."""
    if facts.empty:
        return facts
    facts = facts.sort_values(["_kind", "_rank"], kind="stable").reset_index(drop=True)
    titled = facts["_kind"] == 1
    if titled.any():
        names = facts[titled]
        names = _drop_short_forms(names.assign(detail=_same_person(names)))
        facts = pd.concat([facts[facts["_kind"] < 1], names, facts[facts["_kind"] > 1]], ignore_index=True)
    return facts


def member_facts(members: pd.DataFrame, corpus, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """FACT_COLUMNS (+ text) for every fact in every member."""
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    ranked = members.assign(_rank=np.arange(len(members)))
    return finish_facts(part_facts(ranked, texts, corpus.claims, corpus.estimates, corpus.quotes, lexicon))


def differing(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts of the (element, field, detail) groups whose articles give different sets of values.

    Each article's set of values is summarised by the sum of their hashes, so sets compare as numbers.
    """
    group = ["element_id", "field", "detail"]
    unique = facts.drop_duplicates(group + ["article_id", "key"])
    hashed = unique.assign(h=pd.util.hash_array(unique["key"].astype(str).to_numpy()))
    per_article = hashed.groupby(group + ["article_id"], sort=False)["h"].sum().reset_index()
    spread = per_article.groupby(group, sort=False)["h"].agg(["size", "nunique"])
    differs = spread[(spread["size"] > 1) & (spread["nunique"] > 1)].index
    return unique.set_index(group).loc[lambda f: f.index.isin(differs)].reset_index()


def shared_members(coverage: pd.DataFrame) -> pd.DataFrame:
    """The coverage rows of elements carried by several articles, each with `_rank`, its place among them."""
    sources = coverage.groupby("element_id")["article_id"].nunique()
    shared = coverage[coverage["element_id"].map(sources) > 1]
    return shared.assign(_rank=np.arange(len(shared)))


def discrepancies_from_facts(facts: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """The discrepancies table from the finished facts of the shared members (`finish_facts`)."""
    if facts.empty:
        return schemas.empty_frame("discrepancies")
    rows = differing(facts)
    labels = coverage.drop_duplicates("element_id").set_index("element_id")["label"]
    rows = rows.assign(label=rows["element_id"].map(labels))
    ordered = rows.sort_values(["element_id", "field", "detail", "article_id", "start"]) \
        .drop(columns=["key", "_rank", "_kind"])
    return schemas.conform("discrepancies", ordered)


def find_discrepancies(corpus, coverage: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The discrepancies table for an aligned corpus (see the module docstring)."""
    shared = shared_members(coverage)
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    facts = part_facts(shared, texts, corpus.claims, corpus.estimates, corpus.quotes, lexicon)
    return discrepancies_from_facts(finish_facts(facts), coverage)
