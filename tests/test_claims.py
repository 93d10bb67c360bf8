"""quotes_and_claims: ids, links, sentence ids and offsets from an attributions frame."""
import pandas as pd

from analysis import extract_attributions, schemas
from analysis.extract.claims import quotes_and_claims
from analysis.text.doc import Doc

TEXT = "The mayor said the road was open. “It is safe,” she said. Officials called it “a relief” for drivers."


def test_ids_links_and_offsets():
    quotes, claims = quotes_and_claims("a1", TEXT, Doc(TEXT).sentence_table(), extract_attributions(TEXT))
    assert claims["claim_id"].tolist() == [f"a1-c{n:03d}" for n in range(len(claims))]
    assert quotes["quote_id"].tolist() == [f"a1-q{n:03d}" for n in range(len(quotes))]
    assert set(claims["quote_id"].dropna()) == set(quotes["quote_id"])
    for frame in (quotes, claims):
        for r in frame.itertuples():
            assert TEXT[r.start:r.end] == r.text
    assert claims.set_index("text").loc["It is safe,", "sentence_id"] == 1
    assert claims.set_index("text").loc["It is safe,", "claimant"] == "mayor"


def test_no_attributions_gives_empty_tables_with_columns():
    empty = extract_attributions("Nothing here.")
    quotes, claims = quotes_and_claims("a1", "Nothing here.", Doc("Nothing here.").sentence_table(), empty)
    assert quotes.empty and claims.empty and "claim_id" in claims and "quote_id" in quotes
    assert isinstance(claims, pd.DataFrame)


def test_claims_without_quotes_give_string_id_columns():
    text = "The mayor said the road was open."
    quotes, claims = quotes_and_claims("a1", text, Doc(text).sentence_table(), extract_attributions(text))
    assert quotes.empty and len(claims) == 1
    assert quotes["quote_id"].dtype == "string" and claims["quote_id"].dtype == "string"


# A hand-built extractor frame, deliberately out of text order, for the conversion alone.
HAND_TEXT = "Officials said the bridge was shut. “We will reopen it soon,” the mayor said. Critics called it “a fiasco”."
HAND_SENTENCES = pd.DataFrame({"sentence_id": [0, 1, 2], "paragraph": [0, 0, 0],
                               "start": [0, 36, 78], "end": [35, 77, 106]})
HAND_SENTENCES["text"] = [HAND_TEXT[s:e] for s, e in zip(HAND_SENTENCES["start"], HAND_SENTENCES["end"])]


def _span(words):
    start = HAND_TEXT.index(words)
    return start, start + len(words)


def _row(kind, content, speaker, mention, role, cue, said_on=pd.NaT):
    (cs, ce), (ss, se) = _span(content), _span(mention) if mention else (pd.NA, pd.NA)
    cue_start = HAND_TEXT.index(cue, ce if kind == "direct" else 0)
    return {"kind": kind, "content_start": cs, "content_end": ce, "speaker": speaker, "speaker_mention": mention,
            "speaker_start": ss, "speaker_end": se, "speaker_role": role, "cue": cue, "cue_start": cue_start,
            "cue_end": cue_start + len(cue), "said_on": said_on}


HAND = pd.DataFrame([
    _row("partial", "a fiasco", "Critics", "Critics", pd.NA, "called"),
    _row("direct", "We will reopen it soon,", "Ann Lee", "the mayor", "mayor", "said", pd.Timestamp("2024-10-28")),
    _row("indirect", "the bridge was shut", "Officials", "Officials", pd.NA, "said"),
]).assign(confidence=[0.5, 0.9, 0.8])


def test_hand_built_frame_ids_follow_text_order():
    quotes, claims = quotes_and_claims("x9", HAND_TEXT, HAND_SENTENCES, HAND)
    assert claims["claim_id"].tolist() == ["x9-c000", "x9-c001", "x9-c002"]
    assert claims["text"].tolist() == ["the bridge was shut", "We will reopen it soon,", "a fiasco"]
    assert quotes["quote_id"].tolist() == ["x9-q000", "x9-q001"]
    assert quotes["text"].tolist() == ["We will reopen it soon,", "a fiasco"]
    assert quotes["kind"].tolist() == ["direct", "partial"]


def test_hand_built_frame_links_sentences_and_renames_speakers():
    quotes, claims = quotes_and_claims("x9", HAND_TEXT, HAND_SENTENCES, HAND)
    assert claims["sentence_id"].tolist() == [0, 1, 2] and quotes["sentence_id"].tolist() == [1, 2]
    assert claims["quote_id"].tolist()[0] is pd.NA and claims["quote_id"].tolist()[1:] == ["x9-q000", "x9-q001"]
    mayor = claims.iloc[1]
    assert (mayor["claimant"], mayor["claimant_mention"], mayor["claimant_role"]) == ("Ann Lee", "the mayor", "mayor")
    assert HAND_TEXT[mayor["claimant_start"]:mayor["claimant_end"]] == "the mayor"
    assert quotes.iloc[0]["speaker"] == "Ann Lee" and quotes.iloc[0]["said_on"] == pd.Timestamp("2024-10-28")
    assert (claims["article_id"] == "x9").all() and (quotes["article_id"] == "x9").all()


def test_hand_built_frame_offsets_reproduce_the_text_and_extras_are_kept():
    quotes, claims = quotes_and_claims("x9", HAND_TEXT, HAND_SENTENCES, HAND)
    for frame in (quotes, claims):
        assert [HAND_TEXT[s:e] for s, e in zip(frame["start"], frame["end"])] == frame["text"].tolist()
    assert claims["confidence"].tolist() == [0.8, 0.9, 0.5]


def test_hand_built_tables_pass_their_schemas():
    quotes, claims = quotes_and_claims("x9", HAND_TEXT, HAND_SENTENCES, HAND)
    quotes, claims = schemas.conform("quotes", quotes), schemas.conform("claims", claims)
    assert claims["claim_id"].is_unique and quotes["quote_id"].is_unique
    assert str(claims["said_on"].dtype) == "datetime64[ns]"


def test_a_claim_before_the_first_sentence_has_no_sentence():
    sentences = HAND_SENTENCES.iloc[1:]
    quotes, claims = quotes_and_claims("x9", HAND_TEXT, sentences, HAND)
    assert pd.isna(claims["sentence_id"].iloc[0]) and claims["sentence_id"].tolist()[1:] == [1, 2]


def test_quotes_carry_their_claim_id():
    quotes, claims = quotes_and_claims("x9", HAND_TEXT, HAND_SENTENCES, HAND)
    joined = quotes.merge(claims, on="claim_id", suffixes=("", "_claim"))
    assert joined["quote_id"].tolist() == joined["quote_id_claim"].tolist() == ["x9-q000", "x9-q001"]


def test_a_split_quotation_is_one_claim_with_a_quote_per_quoted_piece():
    text = "“The bridge is safe,” the engineer said. “We tested every cable.”"
    quotes, claims = quotes_and_claims("s1", text, Doc(text).sentence_table(), extract_attributions(text))
    assert len(claims) == 1 and claims["kind"].tolist() == ["direct"]
    assert quotes["text"].tolist() == ["The bridge is safe,", "We tested every cable."]
    assert quotes["claim_id"].tolist() == ["s1-c000", "s1-c000"]
    assert claims["quote_id"].tolist() == ["s1-q000"]


# --- the per-article path: plain lists, one frame per table and chunk -----------------------------

def test_a_batch_holds_the_rows_of_its_articles_one_by_one():
    from analysis.extract.pipeline import TABLES, extract_article, extract_records, frames
    from analysis.paths import PROJECT_DIR

    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_DIR / "tests" / "data" / "seeds").glob("*.txt"))]
    jobs = [("s0", texts[0], pd.Timestamp("2024-10-29")), ("empty", "Nothing here.", None), ("s1", texts[1], None),
            ("split", "“The bridge is safe,” the engineer said. “We tested every cable.”", None)]
    batch = frames(extract_records(jobs[:2]) + extract_records(jobs[2:]))  # two chunks' records, one frame a table
    for name in TABLES:
        one_by_one = [extract_article(*job)[name] for job in jobs]
        expected = schemas.conform(name, pd.concat([f for f in one_by_one if len(f)], ignore_index=True))
        pd.testing.assert_frame_equal(schemas.conform(name, batch[name]), expected, obj=name)
        assert len(expected) > 0, name
    assert set(batch["claims"]["article_id"]) == {"s0", "s1", "split"}  # "Nothing here." has no claim


def test_columns_are_built_in_their_declared_dtypes():
    from analysis.extract.columns import frame, lists_of

    built = frame("claims", {"claim_id": ["a-c000", "a-c001"], "start": [3, pd.NA], "said_on": [pd.Timestamp("2024-10-28"), pd.NaT],
                             "claimant": ["Jane Doe", None], "content_spans": [[(3, 9)], []], "extra": ["x", pd.NA]})
    assert built["start"].dtype == "Int64" and built["start"].isna().tolist() == [False, True]
    assert built["said_on"].dtype == "datetime64[ns]" and built["said_on"].isna().tolist() == [False, True]
    assert built["claimant"].dtype == "string" and built["claimant"].isna().tolist() == [False, True]
    assert built["content_spans"].tolist() == [[(3, 9)], []] and built["extra"].dtype == "string"
    assert lists_of(built)["start"] == [3, pd.NA] and lists_of(built)["claim_id"] == ["a-c000", "a-c001"]
    assert list(frame("claims", {}).columns) == list(schemas.COLUMNS["claims"])  # no row: the declared columns
    complete = frame("claims", {"start": [3, 4], "end": [5, float("nan")]})  # numpy at once, then value by value
    assert complete["start"].dtype == "Int64" and complete["start"].tolist() == [3, 4]
    assert complete["end"].dtype == "Int64" and complete["end"].isna().tolist() == [False, True]


def test_a_frame_of_arrays_is_the_frame_a_dict_of_them_makes(monkeypatch):
    from analysis.extract.columns import frame_of, integers, strings

    arrays, labels = [integers([1, None]), strings(["a", None])], pd.Index(["n", "s"], dtype=object)
    fast = frame_of(arrays, labels)
    assert fast["n"].dtype == "Int64" and fast["s"].dtype == "string" and fast.columns.dtype == object
    assert fast["n"].tolist() == [1, pd.NA] and fast["s"].tolist() == ["a", pd.NA] and fast.index.equals(pd.RangeIndex(2))
    assert frame_of([], pd.Index([], dtype=object)).shape == (0, 0)
    def changed(*args, **kwargs):
        raise TypeError("another signature")

    monkeypatch.setattr(pd.DataFrame, "_from_arrays", changed)
    pd.testing.assert_frame_equal(frame_of(arrays, labels), fast)  # another signature: the public way, same frame
    monkeypatch.delattr(pd.DataFrame, "_from_arrays")
    pd.testing.assert_frame_equal(frame_of(arrays, labels), fast)  # none at all: the same


def test_a_quotation_no_statement_holds_is_a_quote_without_a_claim():
    text = "The road reopened on Monday. “Nobody warned us about the closure.” Drivers called it a “fiasco”."
    quotes, claims = quotes_and_claims("u1", text, Doc(text).sentence_table(), extract_attributions(text))
    unclaimed = quotes[quotes["claim_id"].isna()]
    assert unclaimed["text"].tolist() == ["Nobody warned us about the closure."]
    assert unclaimed["rule"].tolist() == ["unclaimed-quotation"] and unclaimed["speaker"].isna().all()
    assert "fiasco" in quotes["text"].tolist()  # a scare quote inside a statement stays that statement's
    assert quotes["quote_id"].is_unique and claims["quote_id"].dropna().isin(quotes["quote_id"]).all()


def test_an_article_whose_only_quotation_is_unclaimed_has_quotes_and_no_claims():
    text = "“nobody warned us about the closure”"
    quotes, claims = quotes_and_claims("u2", text, Doc(text).sentence_table(), extract_attributions(text))
    assert len(quotes) == 1 and claims.empty and "claim_id" in claims


def test_a_short_unclaimed_quotation_is_a_scare_quote_not_a_quote():
    text = "The bridge, long “the white elephant” of the town, opens in May."
    quotes, _claims = quotes_and_claims("u3", text, Doc(text).sentence_table(), extract_attributions(text))
    assert quotes.empty
