"""The Doc: one reading of an article that every extractor shares."""
from analysis.text.doc import WINDOW_AFTER, WINDOW_BEFORE, Doc

STORY = ("Ferry service resumes after storm\n"
         "HALIFAX, May 4 (Harbour Wire) - The ferry will run again on Monday, the operator said. "
         "“We are ready,” a captain said.\n"
         "Photo: The ferry at the pier on Sunday\n"
         "Passengers were told to arrive early.")


def test_sentences_and_quotations_are_found_once_with_offsets():
    doc = Doc(STORY)
    assert [STORY[s.start:s.end] for s in doc.sentences][2] == "“We are ready,” a captain said."
    assert [STORY[a:b] for a, b in doc.quotations] == ["We are ready,"]
    assert doc.sentence_table()["text"].tolist() == [STORY[s.start:s.end] for s in doc.sentences]


def test_headline_dateline_and_caption_zones():
    doc = Doc(STORY)
    zones = {z.kind: STORY[z.start:z.end] for z in doc.zones}
    assert zones["headline"] == "Ferry service resumes after storm"
    assert zones["dateline"] == "HALIFAX, May 4 (Harbour Wire) - "
    assert zones["caption"] == "Photo: The ferry at the pier on Sunday"
    assert doc.zone_at(STORY.index("Passengers")) == "body"


def test_a_single_paragraph_has_no_headline():
    assert not [z for z in Doc("Markets fell sharply").zones if z.kind == "headline"]


def test_lookups_by_offset():
    doc = Doc(STORY)
    start, end = doc.quotations[0]
    assert doc.quotation_holding(start + 3) == (start, end)
    assert doc.quotation_holding(end + 1) is None
    assert doc.quotation_ending_by(len(STORY)) == (start, end)
    assert doc.quotations_starting_in(start - 1, start + 1) == [(start, end)]
    lo, hi = doc.sentence_at(start)
    assert STORY[lo:hi].startswith("“We are ready")


def test_work_around_a_cue_is_clipped_to_a_window_in_a_long_sentence():
    text = "word " * 300
    lo, hi = Doc(text).clause_window(750)
    assert (lo, hi) == (750 - WINDOW_BEFORE, 750 + WINDOW_AFTER)


def test_a_sentence_longer_than_any_news_sentence_gets_a_narrow_window():
    from analysis.text.doc import LONG_SENTENCE, NARROW_WINDOW
    text = "Smith said, " * (LONG_SENTENCE // 4)
    doc = Doc(text)
    middle = len(text) // 2
    assert doc.in_long_sentence(middle)
    assert doc.clause_window(middle) == (middle - NARROW_WINDOW, middle + NARROW_WINDOW)


def test_claims_and_estimates_say_which_zone_of_the_page_holds_them():
    from analysis.extract.pipeline import extract_article
    text = ("Officials say 500 workers were sent\n"
            "The ministry said on Monday that 2,000 workers had arrived in the port.")
    tables = extract_article("a1", text)
    assert tables["estimates"].set_index("text")["zone"].to_dict() == {"500": "headline", "2,000": "body"}
    assert set(tables["claims"]["zone"]) == {"headline", "body"}


def test_markup_tags_left_in_a_text_are_found_by_offset():
    text = 'Before <tweet author="@a">inside</tweet> after, 3 < 4 and 5 > 2.'
    doc = Doc(text)
    assert doc.in_markup(text.index("author")) and doc.in_markup(text.index("/tweet"))
    assert not doc.in_markup(text.index("inside")) and not doc.in_markup(text.index("3 <"))


def test_a_dateline_after_a_headline_sentence_and_a_subhead_is_found():
    text = ("Voters doubt the plan.\n\nAmid anger at the system, she is seen as part of it.\n\n"
            "BUENA PARK, Calif. - Rallying hundreds of workers, the senator promised change.")
    zones = {z.kind: text[z.start:z.end] for z in Doc(text).zones}
    assert zones["dateline"] == "BUENA PARK, Calif. - "
    # past the story's first long paragraph a capitalised label is no dateline, and a colon needs the top
    story = "A long first paragraph " * 8 + "that opens the story.\n\nNEW YORK - Later lines are no datelines."
    assert "dateline" not in {z.kind for z in Doc("Headline\n\n" + story).zones}
    assert "dateline" not in {z.kind for z in Doc("One.\n\nTwo.\n\nThree.\n\nTAPPER: And the vote?").zones}
