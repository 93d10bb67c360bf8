"""Rules as named data: every row says which rule made it, and every rule name is a function."""
import re

import pandas as pd
import pytest

from analysis import extract_attributions
from analysis.extract import rules, selection


@pytest.mark.parametrize("text, rule", [
    ("The minister said the plan would go ahead.", "forward"),
    ("“The plan will go ahead,” the minister said.", "trailing"),
    ("“The plan will go ahead,” said the minister.", "inverted"),
    ("The plan will go ahead, according to the ministry.", "according-to-before"),
    ("According to the ministry, the plan will go ahead.", "according-to-after"),
    ("The minister, who spoke in Oslo, said the plan would go ahead.", "insertion-subject"),
    ("The plan drew fire, with critics calling it rushed and unfair.", "participle"),
    ("Poll: Voters back the plan by a wide margin\nMore text follows here.", "headline-colon"),
])
def test_each_construction_names_its_rule(text, rule):
    frame = extract_attributions(text)
    assert rule in frame["rule"].tolist()


def test_every_rule_in_the_priority_table_is_a_function_and_back():
    assert set(selection.CUE_RULES) == set(rules.CUE_RULE_FUNCTIONS)
    for name, function in rules.CUE_RULE_FUNCTIONS.items():
        assert function.__name__ == name.replace("-", "_")


def test_rule_names_in_the_module_docstring_match_the_table():
    documented = set(re.findall(r"^- ([a-z-]+) ", rules.__doc__, re.M))
    assert documented == set(rules.CUE_RULE_FUNCTIONS)


def test_split_quotation_is_one_statement_of_two_pieces_without_the_tag():
    text = "“We will rebuild,” the mayor said. “It will take a year.”"
    frame = extract_attributions(text)
    assert len(frame) == 1
    pieces = frame.loc[0, "content_spans"]
    assert [text[a:b] for a, b in pieces] == ["We will rebuild,", "It will take a year."]
    assert (frame.loc[0, "content_start"], frame.loc[0, "content_end"]) == (pieces[0][0], pieces[-1][1])
    assert "the mayor said" not in frame.loc[0, "text"]


def test_reporting_clause_inside_a_sentence_splits_its_content():
    text = "Acts of protest, the senator said, are acts of patriotism."
    frame = extract_attributions(text)
    assert [text[a:b] for a, b in frame.loc[0, "content_spans"]] == ["Acts of protest", "are acts of patriotism"]


def test_quotation_paragraph_continuing_a_speaker_is_its_own_rule():
    text = "“The dam held,” the engineer said.\n“Nobody expected it to.”"
    frame = extract_attributions(text)
    assert frame["rule"].tolist() == ["trailing", "quote-continuation"]
    assert frame["speaker_mention"].tolist() == ["the engineer", "the engineer"]


def test_type_follows_the_cue():
    frame = extract_attributions("Analysts believe the talks will fail. The envoy said the talks went well.")
    assert frame["type"].tolist() == ["belief", "speech"]


def test_clause_breaks_inside_a_quotation_do_not_cut_the_content():
    text = 'The senator attacked the bill, saying it was "rushed and poorly explained."'
    frame = extract_attributions(text)
    saying = frame[frame["cue"] == "saying"].iloc[0]
    assert text[saying["content_start"]:saying["content_end"]].endswith('poorly explained."')
    assert saying["kind"] == "partial"


def test_a_name_after_an_office_in_according_to_is_the_source():
    text = "According to the port's chief inspector, Dana Whitfield, the cranes were never tested."
    row = extract_attributions(text).iloc[0]
    assert row["speaker_mention"] == "Dana Whitfield"
    assert row["speaker_role"] == "the port's chief inspector"
    assert row["text"] == "the cranes were never tested"


def test_a_name_after_a_thing_in_according_to_is_not_the_source():
    text = "According to the survey, Dana Whitfield, the mayor, leads by five points."
    assert extract_attributions(text).iloc[0]["speaker_mention"] == "the survey"


@pytest.mark.parametrize("text", ["The council is expected to approve the budget on Friday.",
                                  "The striker is said to be unhappy at the club."])
def test_a_passive_belief_before_an_infinitive_names_no_source(text):
    row = extract_attributions(text).iloc[0]
    assert row["rule"] == "passive-unattributed"
    assert row["speaker"] is pd.NA and row["speaker_mention"] is pd.NA


def test_an_intention_in_the_passive_keeps_its_subject():
    row = extract_attributions("The mayor is determined to reopen the bridge by May.")
    assert row.empty or row.iloc[0]["speaker_mention"] == "The mayor"


def test_a_dateline_is_never_the_speaker():
    text = "OSLO, June 2 (Fjord Wire) - The harbour authority said on Monday that two ferries had collided."
    row = extract_attributions(text).iloc[0]
    assert row["speaker_mention"] == "The harbour authority"


def test_a_quotation_tag_may_go_on_with_an_adjunct_or_a_clause():
    text = "“Who do they think they are?” the governor said of the utility in June."
    row = extract_attributions(text).iloc[0]
    assert row["speaker_mention"] == "the governor" and row["kind"] == "direct"


def test_an_inverted_speaker_may_carry_a_party_label_in_brackets():
    text = "“We will vote no,” said Rep. Jane Roe (D-Ore.). “The bill is a giveaway.”"
    row = extract_attributions(text).iloc[0]
    assert row["speaker_mention"] == "Rep. Jane Roe" and len(row["content_spans"]) == 2


def test_think_reports_a_belief():
    row = extract_attributions("Most economists think the rate cut came too late.").iloc[0]
    assert (row["type"], row["speaker_mention"], row["text"]) == ("belief", "Most economists",
                                                                  "the rate cut came too late")


@pytest.mark.parametrize("label", ["WATCH", "READ MORE", "Contributing", "Source"])
def test_page_headings_before_a_colon_are_not_speakers(label):
    text = f"{label}: Floodwaters Rise In The Valley Towns\nThe river crested on Sunday."
    assert label not in extract_attributions(text)["speaker_mention"].dropna().tolist()


def test_a_colon_after_the_reporting_clause_introduces_the_quotation():
    text = 'Later, the mayor told reporters: "Nobody will be left behind."'
    row = extract_attributions(text).iloc[0]
    assert (row["speaker_mention"], row["kind"], row["text"]) == ("the mayor", "direct", "Nobody will be left behind.")


def test_a_paragraph_ending_in_said_colon_owns_the_quotation_paragraph_after_it():
    text = "The mayor said:\n“Nobody will be left behind. The money is there.”"
    row = extract_attributions(text).iloc[0]
    assert (row["rule"], row["speaker_mention"]) == ("colon-quotation", "The mayor")
    assert row["text"] == "Nobody will be left behind. The money is there."


def test_a_paragraph_ending_in_said_colon_owns_the_block_quotation_after_it():
    text = ("The harbour master spoke at length. In a speech last July, she said:\n\n"
            "Let no one be mistaken, the old pier is unsafe, and it must be closed before the storms.\n\nIt was.")
    frame = extract_attributions(text)
    assert frame[["rule", "kind", "speaker_mention", "text"]].values.tolist() == [
        ["colon-quotation", "direct", "she",
         "Let no one be mistaken, the old pier is unsafe, and it must be closed before the storms."]]
    # a list after the colon is no block quotation: its items have labels
    listed = extract_attributions("The plan includes:\n\nFerry fares: the mayor said they would fall by half.")
    assert "colon-quotation" not in listed["rule"].tolist()


def test_an_adjunct_ending_in_a_colon_leads_to_the_quotation():
    text = "The senator wrote on her blog: “The vote was rigged from the start.”"
    row = extract_attributions(text).iloc[0]
    assert (row["kind"], row["text"]) == ("direct", "The vote was rigged from the start.")


@pytest.mark.parametrize("text, kind", [("The audit found the accounts were sound.", "finding"),
                                        ("The union wants the talks to resume.", "intention"),
                                        ("According to the union, the talks will resume.", "speech")])
def test_type_tells_findings_and_intentions_from_speech(text, kind):
    assert extract_attributions(text).iloc[0]["type"] == kind


def test_cue_dense_text_without_sentences_is_thinned_not_dropped():
    from analysis.text.doc import MIN_CUE_GAP
    text = "Smith said, Jones said, " * 400
    frame = extract_attributions(text)
    assert 0 < len(frame) <= len(text) // MIN_CUE_GAP + 1


def test_lines_of_cues_denser_than_any_prose_are_thinned_but_a_quote_heavy_story_is_read_whole():
    from analysis.text.doc import DENSE_CUES, MIN_CUE_GAP
    lines = "Officials said the plan was bold\n" * 1500  # a cue every 33 characters, for 50,000 characters
    assert 0 < len(extract_attributions(lines)) <= DENSE_CUES + len(lines) // MIN_CUE_GAP + 1 < 1500 / 2
    story = "“We will rebuild,” the mayor said. “It takes time,” her deputy added. " * 40
    assert len(extract_attributions(story)) == 80  # one cue every 35 characters, but only for 2,800


@pytest.mark.parametrize("text, speaker, cue", [
    ("“Give us back our park!” the neighbours hollered, long after midnight.", "neighbours", "hollered"),
    ("“That is the worst idea I have heard all week,” Ana Ruiz scoffed.", "Ana Ruiz", "scoffed"),
])
def test_a_verb_outside_the_lexicon_in_the_tag_of_a_quotation_reports_it(text, speaker, cue):
    frame = extract_attributions(text)
    assert frame[["rule", "speaker", "cue", "kind"]].values.tolist() == [["tag-verb", speaker, cue, "direct"]]


@pytest.mark.parametrize("text, speaker, cue, words", [
    ("“Save the old mill,” read a placard at the gate.", "a placard", "read", "Save the old mill,"),
    ("“Visitors must sign in,” the notice states in bold letters.", "the notice", "states", "Visitors must sign in,"),
    ("“Thank you, volunteers,” reads the banner.", "the banner", "reads", "Thank you, volunteers,"),
    ("The club's note read: “Training resumes on Monday.”", "The club's note", "read", "Training resumes on Monday."),
    ("The permit states, “No fires after dark.”", "The permit", "states", "No fires after dark."),
    ("“Not again,” groaned the goalkeeper.", "the goalkeeper", "groaned", "Not again,"),
    ("At the meeting, the treasurer deadpanned, ''We are broke but happy.''", "the treasurer", "deadpanned",
     "We are broke but happy."),
])
def test_a_document_verb_beside_a_quotation_reports_it(text, speaker, cue, words):
    frame = extract_attributions(text)
    assert frame[["rule", "speaker_mention", "cue", "text"]].values.tolist() == [["tag-verb", speaker, cue, words]]


@pytest.mark.parametrize("text", [
    "She read the minutes aloud before the vote.",
    "The states agreed to share the costs of the bridge.",
    "“Save the mill” was painted on a wall the council read about.",
])
def test_a_document_verb_away_from_a_quotation_is_no_cue(text):
    assert "tag-verb" not in extract_attributions(text)["rule"].tolist()


def test_a_tag_verb_is_only_read_where_the_trailing_construction_is():
    frame = extract_attributions("“We are ready,” the coach, who arrived yesterday and then walked to the bench, nodded.")
    assert "tag-verb" not in frame["rule"].tolist() or frame["speaker"].notna().all()
    assert extract_attributions("The plan, he admitted, failed.")["rule"].tolist() != ["tag-verb"]


def test_a_quotation_after_a_colon_is_the_subjects_whatever_the_verb():
    text = "The coach sent a clear message to the board: “We need two more players before June.”"
    frame = extract_attributions(text)
    assert frame[["rule", "speaker", "kind"]].values.tolist() == [["colon-lead", "coach", "direct"]]
    assert frame["text"].iloc[0] == "We need two more players before June."


@pytest.mark.parametrize("text", ["Here is the full statement: “We regret the error and apologise.”",
                                  "WATCH: “The best goal of the season.”"])
def test_a_colon_after_a_placeholder_or_a_label_names_no_speaker(text):
    assert "colon-lead" not in extract_attributions(text)["rule"].tolist()


def test_a_cue_rule_keeps_its_row_over_a_colon_lead_on_the_same_quotation():
    frame = extract_attributions("The minister told reporters: “We will not back down.”")
    assert frame["rule"].tolist() == ["forward"] and frame["speaker"].tolist() == ["minister"]


@pytest.mark.parametrize("text, speaker, pieces", [
    ("As the harbour master said on Monday, the pier will reopen in spring.", "the harbour master",
     ["the pier will reopen in spring"]),
    ("The pier will reopen in spring, as the harbour master said on Monday.", "the harbour master",
     ["The pier will reopen in spring"]),
    ("The repair, as the engineers have noted, is overdue.", "the engineers", ["The repair", "is overdue"]),
    ("As a survey from 2019 found, most residents walk to the pier.", "a survey from 2019",
     ["most residents walk to the pier"]),
    ("As first reported by the Gazette, the council will sell the pier.", "the Gazette",
     ["the council will sell the pier"]),
    ("As one fisherman told the council, “We cannot wait another winter.”", "one fisherman",
     ["We cannot wait another winter."]),
])
def test_as_clause_reports_the_main_clause(text, speaker, pieces):
    frame = extract_attributions(text)
    assert frame["rule"].tolist() == ["as-clause"]
    assert frame.loc[0, "speaker_mention"] == speaker
    assert [text[a:b] for a, b in frame.loc[0, "content_spans"]] == pieces


@pytest.mark.parametrize("text", [
    "As the mayor attacked the plan, the crowd cheered.",         # a time clause: the cue has an object
    "The town grew, even as its mayor said the harbour was dying.",  # "even as" is concessive
])
def test_as_clause_is_not_a_time_clause(text):
    rules = extract_attributions(text)["rule"].tolist()
    assert rules and "as-clause" not in rules


def test_a_participle_after_a_trailing_reporting_clause_is_not_a_second_piece_and_shares_its_speaker():
    text = "The ferry ran aground twice, the harbour master said on Friday, adding that nobody was hurt."
    frame = extract_attributions(text)
    assert [text[a:b] for a, b in frame.loc[0, "content_spans"]] == ["The ferry ran aground twice"]
    adding = frame[frame["cue"] == "adding"]
    assert adding["speaker_mention"].tolist() == ["the harbour master"]
    assert adding["text"].tolist() == ["nobody was hurt"]


def test_words_inside_markup_left_in_a_text_are_no_cues():
    text = ('Readers answered online.\n\n<tweet tweet-author="@harbourwatch" tweet-date="May 2, 2024">'
            "The pier is closed again</tweet>\n\nThe council said the pier would reopen.")
    frame = extract_attributions(text)
    assert frame["cue"].tolist() == ["said"]


def test_an_opening_adjunct_is_not_what_an_apposition_speaker_said():
    text = "In a letter to members, Ana Ruiz, the club's treasurer, wrote that the accounts were in order."
    frame = extract_attributions(text)
    assert frame[["rule", "speaker", "text"]].values.tolist() == [
        ["apposition-forward", "Ana Ruiz", "the accounts were in order"]]


@pytest.mark.parametrize("text", [
    "Q: Will the pier reopen?\nA: Not this year, I am afraid.",
    "Volunteers: Ana Ruiz, Tom Lee, Jo Park, Sam Fox, Kim Roe.\nThanks to all of them.",
])
def test_interview_labels_and_lists_of_names_are_not_headline_claims(text):
    assert "headline-colon" not in extract_attributions(text)["rule"].tolist()


@pytest.mark.parametrize("text, speaker, content", [
    ("The pier needs a new deck, the engineer said in an interview with the town's weekly paper published on May 4.",
     "the engineer", "The pier needs a new deck"),
    ("The pier will stay shut, the council said Monday, more than doubling the time it had first given.",
     "the council", "The pier will stay shut"),
    ("The council said Monday, the pier would stay shut until May.", "The council", "the pier would stay shut until May"),
])
def test_trailing_and_forward_reporting_clauses_with_adjuncts(text, speaker, content):
    frame = extract_attributions(text)
    assert frame[["speaker_mention", "text"]].values.tolist()[0] == [speaker, content]


def test_a_colon_dateline_is_no_speaker_and_a_role_holding_a_cue_is_no_apposition():
    text = ("HARBOURTON: The pier will stay shut until May, a council member said on Monday (May 3), "
            "citing the engineers' report.")
    frame = extract_attributions(text)
    assert "HARBOURTON" not in frame["speaker_mention"].tolist()
    assert frame["speaker_mention"].tolist() == ["a council member", "the engineers' report"]
    assert frame.loc[0, "text"] == "The pier will stay shut until May"


@pytest.mark.parametrize("text, host, cited, content", [
    ("Some 400 sailors were rescued, the agency reported, citing coast guard officials.",
     "the agency", "coast guard officials", "Some 400 sailors were rescued"),
    ("Ana Ruiz, citing the treasury's figures, said the fund had lost half its value.",
     "Ana Ruiz", "the treasury's figures", "the fund had lost half its value"),
    ("“The talks are over,” the paper reported citing two diplomats.", "the paper", "two diplomats", "The talks are over,"),
    # what is cited comes from the source: "information from the agency"
    ("Some 300 soldiers were killed, a lawmaker said, citing information from the spy agency.", "a lawmaker",
     "the spy agency", "Some 300 soldiers were killed"),
])
def test_a_source_cited_in_the_reporting_clause_is_a_source_of_the_statement_too(text, host, cited, content):
    frame = extract_attributions(text)
    statements = frame[frame["text"] == content]
    assert statements[["rule", "speaker_mention"]].values.tolist()[-1] == ["cited-source", cited]
    # the participle's own row, whose words would only name the source, gives way to the cited source's
    assert host in statements["speaker_mention"].tolist() and (frame["rule"] == "participle").sum() == 0


def test_a_cited_source_speaks_the_quotation_paragraph_that_carries_on_its_statement_too():
    text = ("“Personnel may be sent to monitor the fighting,” the agency reported citing an intelligence source.\n\n"
            "“If deployed, the team would analyze battlefield tactics.”")
    frame = extract_attributions(text)
    second = frame[frame["text"] == "If deployed, the team would analyze battlefield tactics."]
    assert second[["rule", "speaker_mention"]].values.tolist() == [
        ["quote-continuation", "the agency"], ["cited-source", "an intelligence source"]]


@pytest.mark.parametrize("text", [
    "He said he was citing old figures.", "Citing the audit was a mistake, she said.",
    "The mayor, citing health reasons, said she would step down.",  # a reason, not a source
    "“We are leaving,” the coach said, citing his family.",
    "Economists expect growth to slow, citing weak exports.",  # a belief: no source of it
])
def test_citing_outside_a_reporting_clause_names_no_source(text):
    assert "cited-source" not in extract_attributions(text)["rule"].tolist()


def test_a_short_adjunct_between_cue_and_clause_is_skipped():
    frame = extract_attributions("The mayor has said for weeks she’s the only one who can save the pier.")
    assert frame["text"].tolist() == ["she’s the only one who can save the pier"]


@pytest.mark.parametrize("text, speaker", [
    ("“The pier saved my business,” Ana Ruiz, 52, of Harbourton, Maine, who runs the bait shop, said on Friday.",
     "Ana Ruiz"),
    ("''The repairs cannot wait,'' the council's chief engineer, Tom Lee, said by telephone.", "Tom Lee"),
    ("“We will reopen,” Mr. Park, now 70 and retired in Salem, Mass., said this week.", "Mr. Park"),
])
def test_a_quotation_tagged_by_a_speaker_phrase_of_several_parts(text, speaker):
    frame = extract_attributions(text)
    assert frame[["rule", "speaker_mention", "kind"]].values.tolist() == [["quote-tag", speaker, "direct"]]


def test_a_quotation_ending_in_a_quotation_of_its_own_tagged_by_a_phrase_with_a_relative_clause():
    text = "“My answer is ‘yes, but not now,’” Ana Ruiz, who has argued for the toll for years, said."
    tagged = extract_attributions(text).query("rule == 'quote-tag'")
    assert tagged[["speaker_mention", "text"]].values.tolist() == [["Ana Ruiz", "My answer is ‘yes, but not now,’"]]


@pytest.mark.parametrize("text", [
    "The harbour master shot back: ''That would be a good start.''",
    "The mayor said of the plan: ''It is the best we have.''",
])
def test_double_apostrophe_quotations_after_a_colon(text):
    frame = extract_attributions(text)
    assert frame["kind"].tolist() == ["direct"] and frame.loc[0, "text"].endswith(".")


def test_the_topic_after_of_is_what_a_warning_reports():
    frame = extract_attributions("The harbour master on Tuesday night warned of a long winter for the fleet.")
    assert frame[["speaker_mention", "text"]].values.tolist() == [["The harbour master", "a long winter for the fleet"]]


@pytest.mark.parametrize("text, content", [
    ("The mayor promised on Sunday at a town meeting to rebuild the pier.", "to rebuild the pier"),
    ("The mayor said on Tuesday the town would try to rebuild the pier.", "the town would try to rebuild the pier"),
    ("The mayor also told the Gazette he’d rebuild the pier.", "he’d rebuild the pier"),
    ("The mayor said in public it would take a year.", "it would take a year"),
])
def test_adjuncts_and_listeners_before_the_reported_clause(text, content):
    assert extract_attributions(text)["text"].tolist() == [content]


@pytest.mark.parametrize("text", [
    "The council wrote to the state, asking for funds, specifically highlighting Harbourton.",
    "The mayor praised the crew, defended her record on the pier.",
])
def test_no_inverted_speaker_after_a_participle_or_before_a_possessive(text):
    frame = extract_attributions(text)
    assert "inverted" not in frame["rule"].tolist()


@pytest.mark.parametrize("text, speaker, content", [
    # after an auxiliary or an adverb the verb is never inverted: the comma closes the subject's apposition
    ("Rosa Klein, the union's lawyer, treasurer and spokeswoman, has rejected the label.", "Rosa Klein",
     "the label"),
    ("Speaking in Salem, Roe, without naming him, also accused Doe of stalling.", "Roe", "Doe of stalling"),
    # a verb that takes an object is never inverted: the phrase after it is its object (but after a quotation)
    ("Rosa Klein, who will retire soon, praised the ferry service.", "Rosa Klein", "the ferry service"),
    ("The survey, conducted by the port, finds most riders happy.", "The survey", "most riders happy"),
])
def test_no_inverted_speaker_after_an_auxiliary_an_adverb_or_for_a_verb_with_an_object(text, speaker, content):
    frame = extract_attributions(text)
    assert frame[["speaker_mention", "text"]].values.tolist() == [[speaker, content]]
    assert frame["rule"].iloc[0] != "inverted"


def test_no_trailing_reporting_clause_for_an_intention():
    # an intention takes its object after it
    assert "trailing" not in extract_attributions("The ads come from Harbour First, a group aimed at the mayor.")[
        "rule"].tolist()


def test_a_spoken_filler_reports_nothing():
    assert extract_attributions("We tend to look inward and, you know, we are just going to stay here.").empty


def test_an_insertion_tag_after_a_one_word_subject():
    frame = extract_attributions("Commuters, Rosa Klein notes, applaud the new ferry timetable.")
    assert frame[["rule", "speaker_mention", "text"]].values.tolist() == [
        ["trailing", "Rosa Klein", "Commuters … applaud the new ferry timetable"]]


def test_that_is_according_to_a_source_reports_the_sentence_before():
    frame = extract_attributions("Most riders back the new timetable. That’s according to a survey by the port.")
    assert frame[["speaker_mention", "text"]].values.tolist() == [
        ["a survey by the port", "Most riders back the new timetable"]]
    assert extract_attributions("Most riders back the new timetable. That is according to the port.")[
        "speaker_mention"].tolist() == ["the port"]
    # a sentence that reports a statement itself is not lent to the source
    assert extract_attributions("The port said fares would fall. That is according to state media.")[
        "speaker_mention"].tolist() == ["The port"]


@pytest.mark.parametrize("text", ["The agency reported that 900 sailors were expected by December, citing the navy.",
                                  "The port said new ferries would be delivered by 2030."])
def test_a_time_after_by_is_no_passive_agent(text):
    frame = extract_attributions(text)
    assert "passive-agent" not in frame["rule"].tolist() and frame["rule"].iloc[0] == "forward"


@pytest.mark.parametrize("text, agent", [("The claim was disputed by Spring Valley police.", "Spring Valley police"),
                                         ("The figures were confirmed by March of Dimes officials.",
                                          "March of Dimes officials")])
def test_a_name_opening_with_a_time_word_is_an_agent(text, agent):
    assert extract_attributions(text)[["rule", "speaker_mention"]].values.tolist() == [["passive-agent", agent]]


def test_a_stranded_preposition_reports_nothing_after_it():
    frame = extract_attributions("It was the kind of flood the engineers warned about in their 2019 report.")
    assert "in their 2019 report" not in frame["text"].tolist()


def test_a_quotation_ending_in_a_nested_question_is_tagged_after_it():
    text = "“Her answer was, ‘What can we do to help?’” the aide told reporters during a call."
    frame = extract_attributions(text)
    assert frame[["rule", "speaker_mention", "kind"]].values.tolist() == [["trailing", "the aide", "direct"]]


@pytest.mark.parametrize("text, speakers", [
    ("The council wrote to the state, specifically highlighting Harbourton.", ["The council"]),
    ("Mohammed, 34, rejected the report, saying it was false.", ["Mohammed"]),
])
def test_participles_keep_the_subject_and_never_invert(text, speakers):
    frame = extract_attributions(text)
    assert "inverted" not in frame["rule"].tolist()
    assert set(frame["speaker_mention"].dropna()) <= set(speakers)


def test_a_coordinated_as_clause_leaves_the_clause_before_it_alone():
    text = "The mayor said the pier was safe, but as the engineers noted on Monday, the deck is old."
    frame = extract_attributions(text)
    assert frame[["speaker_mention", "text"]].values.tolist() == [
        ["The mayor", "the pier was safe"], ["the engineers", "the deck is old"]]


@pytest.mark.parametrize("text, content", [
    ("The minister told the two senators that the vote had failed.", "the vote had failed"),
    ("The mayor said on Monday, during a briefing at the town hall, that the pier was closed.", "the pier was closed"),
])
def test_listeners_and_adjuncts_before_that(text, content):
    assert extract_attributions(text)["text"].tolist() == [content]


def test_a_lexicon_cue_before_a_quotation_is_not_found_again_by_its_place():
    from analysis.extract.cues import find_cues, tag_cues
    from analysis.text.doc import Doc
    text = "She added, “It is over now.”"
    doc = Doc(text)
    listed = find_cues(text, doc.lexicon)
    assert [c.text for c in listed] == ["added"] and tag_cues(text, doc.quotations, listed, doc.lexicon) == []


def test_what_someone_knows_of_a_thing_is_no_statement():
    assert extract_attributions("Here is what we know of the minister's visit to the port.").empty


def test_an_adjunct_then_a_colon_leads_to_the_quotation_not_back_to_the_opener():
    text = "Regarding the two letters, the council said in a statement: “Neither letter was sent by us.”"
    frame = extract_attributions(text)
    assert frame[["speaker_mention", "kind", "text"]].values.tolist() == [
        ["the council", "direct", "Neither letter was sent by us."]]


@pytest.mark.parametrize("text", [
    "Mayor Ruiz: ‘We Will Rebuild The Bridge By Spring.’\n\nThe mayor spoke to reporters on Monday.",
    "Mayor Ruiz: 'We will rebuild the bridge by spring.'\n\nThe mayor spoke to reporters on Monday.",
])
def test_a_headline_name_and_colon_before_single_quotation_marks_attributes_the_quotation(text):
    frame = extract_attributions(text)
    row = frame[frame["rule"] == "headline-colon"].iloc[0]
    assert row["speaker_mention"] == "Mayor Ruiz"
    assert "We" in text[row["content_start"]:row["content_end"]]


@pytest.mark.parametrize("text, mention, pieces", [
    ("“The bridge will reopen in May,” the county engineer and longtime member of the transit board said in a "
     "statement.", "the county engineer", ["The bridge will reopen in May,"]),
    ('"We will not back down," the union leader and former dock worker told Channel 4 News. "Not this time."',
     "the union leader", ["We will not back down,", "Not this time."]),
])
def test_a_quotation_before_a_long_speaker_phrase_without_commas_is_the_speakers(text, mention, pieces):
    frame = extract_attributions(text)
    assert frame["kind"].tolist() == ["direct"] and frame["speaker_mention"].tolist() == [mention]
    assert [text[a:b] for a, b in frame.loc[0, "content_spans"]] == pieces


@pytest.mark.parametrize("text, mention", [
    ("“We will open the port in May,” said former Gov. and party chairman Ana Ruiz. “Not before.”",
     "former Gov. and party chairman Ana Ruiz"),
    ("“The fees are too high,” said Will Roe, a lecturer at the city college. “Students cannot pay them.”",
     "Will Roe"),
    ("“The fees are too high,” said council member Ana Ruiz (D-Ward 3). “Students cannot pay them.”",
     "council member Ana Ruiz"),
])
def test_said_right_after_a_quotation_is_followed_by_its_speaker_whatever_the_phrase_holds(text, mention):
    frame = extract_attributions(text)
    assert frame[["rule", "kind", "speaker_mention"]].values.tolist() == [["inverted", "direct", mention]]
    assert len(frame.loc[0, "content_spans"]) == 2


@pytest.mark.parametrize("text, speaker", [
    ("The plan failed, said the elected official.", "the elected official"),  # an adjective after "the"
    ("The plan failed, said the harbour master.", "the harbour master"),
])
def test_an_inverted_speaker_is_a_noun_phrase(text, speaker):
    assert extract_attributions(text)[["rule", "speaker_mention"]].values.tolist() == [["inverted", speaker]]


def test_a_clause_after_the_cue_is_no_inverted_speaker():
    text = "The mayor, a lawyer who once sued the port, said the fishermen deserved better."
    frame = extract_attributions(text)
    said = frame[frame["cue"] == "said"].iloc[0]
    assert said["rule"] != "inverted" and said["text"] == "the fishermen deserved better"


@pytest.mark.parametrize("text, rule", [
    ("“It is unusual,“ said Jane Roe, a lawyer in Salem.", "inverted"),
    ("“It is unusual,“ she said. “Nobody does that.”", "trailing"),
])
def test_an_opening_mark_typed_for_the_closing_one_still_closes_the_quotation_of_a_tag(text, rule):
    frame = extract_attributions(text)
    assert frame[["rule", "kind"]].values.tolist() == [[rule, "direct"]]
    assert text[frame.loc[0, "content_start"]:frame.loc[0, "content_end"]].startswith("It is unusual,")


@pytest.mark.parametrize("text, quoted", [
    ("The hearing went on.\n\n“Why did you sign it?” Roe asked the mayor. “Who told you to?”", 2),
    ("The hearing went on.\n\n“Is this the plan?” Roe asked reporters angrily after the hearing.", 1),
    ("The hearing went on.\n\n“Who is in charge here?” Roe asked, turning to the clerk. “Anyone?”", 2),
    ("The hearing went on.\n\n“We will not pay!” Roe declared, a line she repeats at every meeting.", 1),
    ("The hearing went on.\n\n“Who will pay for it?” Roe asked, repeating her question to the board.", 1),
])
def test_the_short_tag_of_a_question_goes_on_over_a_listener_an_adverb_or_a_participle(text, quoted):
    frame = extract_attributions(text)
    assert frame[["rule", "kind", "speaker_mention"]].values.tolist() == [["trailing", "direct", "Roe"]]
    assert len(frame.loc[0, "content_spans"]) == quoted


def test_a_sentence_after_a_statement_quotation_keeps_its_own_clause():
    text = "“The vote is over.” Roe said, twice, that the count would stand."
    frame = extract_attributions(text)
    row = frame[frame["cue"] == "said"].iloc[0]
    assert row["kind"] == "indirect" and text[row["content_start"]:row["content_end"]].endswith("the count would stand")


@pytest.mark.parametrize("text, speakers", [
    ("The debate went on.\n\n“We will not cut the pension fund.”\n\n- Jane Roe.\n\nShe has said so before.",
     ["Jane Roe"]),
    ("The debate went on.\n\n“We will not cut the pension fund.”\n\n– Jane Roe, Salem\n\nShe has said so before.",
     ["Jane Roe"]),
])
def test_a_quotation_paragraph_signed_on_the_next_line_with_a_hyphen_is_the_signers(text, speakers):
    frame = extract_attributions(text)
    signed = frame[frame["rule"] == "signature-dash"]
    assert signed["speaker_mention"].tolist() == speakers and signed["kind"].tolist() == ["direct"]


@pytest.mark.parametrize("text", [
    "The mayor called him “a friend.”\n\n- Reuters.\n\nMore news follows.",
    "The list was long.\n\n“We will not cut the pension fund.”\n\n– Ready for the vote, the council met at noon.",
])
def test_a_hyphen_line_signs_no_quotation_inside_a_sentence_nor_a_line_of_prose(text):
    assert "signature-dash" not in extract_attributions(text)["rule"].tolist()


def test_a_cue_and_colon_after_a_quoted_phrase_introduce_the_quotation_after_them():
    # the phrase before is the judge's words; the colon points the mayor's cue at what follows
    text = ('After the judge said that the port might do better with "fewer cargo berths," the mayor said: '
            '"I do not agree with him at all."')
    frame = extract_attributions(text)
    mayor = frame[frame["speaker_mention"] == "the mayor"]
    assert mayor[["kind", "text"]].values.tolist() == [["direct", "I do not agree with him at all."]]


STORY = "\n\nThe agency said on Monday that the troops had moved towards the border over the weekend, officials said."


@pytest.mark.parametrize("title, speaker, content", [
    ("Thousands of troops expected at the border by December — report", "report",
     "Thousands of troops expected at the border by December"),
    ("Soldiers killed, wounded in the border war: Defence Ministry", "Defence Ministry",
     "Soldiers killed, wounded in the border war"),
])
def test_a_title_line_naming_its_source_last_is_that_sources_statement(title, speaker, content):
    frame = extract_attributions(title + STORY)
    row = frame[frame["rule"] == "headline-source"]
    assert row[["speaker_mention", "text"]].values.tolist() == [[speaker, content]]


@pytest.mark.parametrize("title", [
    "Live updates on the border war: Oct. 25",       # a date, not a source
    "A self-made man and his long road - profile",    # the page's own label
    "The well-known self-made man's long road",       # no source at all
    "Troops moved to the border, officials say: report.",  # a sentence, not a title
])
def test_a_title_line_without_a_source_last_is_no_statement(title):
    assert "headline-source" not in extract_attributions(title + STORY)["rule"].tolist()


def test_a_source_last_is_only_read_in_the_pages_head():
    story = ("The agency said on Monday that the troops had moved towards the border over the weekend, as most of "
             "the analysts it had asked about the deployment had expected since the start of the month.")
    text = story + "\n\nThousands of troops expected at the border by December — report\n\n" + story
    assert "headline-source" not in extract_attributions(text)["rule"].tolist()


def test_a_survey_in_an_opening_adjunct_reports_the_main_clause():
    text = "The race tightened.\n\nIn a county poll taken last week, the mayor led her rival by nine points."
    frame = extract_attributions(text)
    assert frame[["rule", "speaker_mention", "text"]].values.tolist() == [
        ["poll-opener", "a county poll", "the mayor led her rival by nine points"]]
    figure = "In a poll of 1,200 farmers, the mayor led her rival by nine points."  # a comma inside a figure
    assert extract_attributions(figure)["speaker_mention"].tolist() == ["a poll"]


@pytest.mark.parametrize("text", ["In a survey of growers, most said the frost came early.",
                                  "In a long interview, the mayor praised her rival.",
                                  "In the weeks after the poll closed, the mayor left town.",  # no survey heads it
                                  "In the survey's wake, the council fired two aides."])
def test_no_survey_row_where_a_cue_reports_the_clause_or_no_survey_is_named(text):
    assert "poll-opener" not in extract_attributions(text)["rule"].tolist()


@pytest.mark.parametrize("text, speaker", [
    ("The ferry plan has gained ground, with 40 percent of islanders saying it should start in May.",
     "40 percent of islanders"),
    ("The toll is unpopular, with four in 10 saying it costs too much.", "four in 10"),
])
def test_a_figure_after_with_speaks_for_the_participle(text, speaker):
    frame = extract_attributions(text)
    assert frame["speaker_mention"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("When the storm passed, the governor toured the coast, promising that aid would come.", "the governor"),
    ("Two weeks later, the senator reversed course, telling reporters the bill was dead.", "the senator"),
    ("Late last month, the company wrote to regulators, arguing that the rule was unfair.", "the company"),
])
def test_a_participle_takes_the_main_clause_subject_after_an_opening_phrase(text, speaker):
    frame = extract_attributions(text)
    rows = frame[frame["rule"] == "participle"]
    assert rows["speaker_mention"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("But while defending the levy, the minister argued that it was fair.", "the minister"),
    ("And after citing a new poll, the candidate left the stage.", "the candidate"),
])
def test_a_participle_in_an_adjunct_after_a_conjunction_takes_the_main_clause_subject(text, speaker):
    frame = extract_attributions(text)
    rows = frame[frame["rule"] == "participle-opener"]
    assert rows["speaker_mention"].tolist() == [speaker]


def test_with_and_coordinated_nouns_before_a_participle_speak():
    text = "The bill passed on Monday, with Jane Doe, John Roe and the mayor all calling it a victory."
    frame = extract_attributions(text)
    rows = frame[frame["rule"] == "participle"]
    assert rows["speaker_mention"].str.startswith("Jane Doe, John Roe and the mayor").tolist() == [True]


def test_this_was_confirmed_by_reports_the_sentence_before():
    text = "Enemy forces are suffering heavy losses in the region.\n\nThis was confirmed by the ministry's spokesman."
    frame = extract_attributions(text)
    assert frame[["rule", "speaker_mention", "text"]].values.tolist() == [
        ["passive-agent", "the ministry's spokesman", "Enemy forces are suffering heavy losses in the region"]]
    assert extract_attributions("This was confirmed by the ministry.").empty  # nothing before it


def test_a_relative_pronoun_speaks_past_a_time_adverbial_and_its_clause_ends_before_the_main_predicate():
    frame = extract_attributions("Jane Roe, who on Monday said the plan had failed, will leave the council.")
    assert frame[["rule", "speaker_mention", "text"]].values.tolist() == [
        ["relative-pronoun", "who", "the plan had failed"]]
    assert frame.loc[0, "speaker"] == "Jane Roe"


@pytest.mark.parametrize("text, speaker", [
    ("The crowd cheered.\n\nSaid Jane Roe, who grew up with him, “We were all so proud of him.”", "Jane Roe"),
    ("Added the mayor, “We will rebuild the bridge.”", "the mayor"),
])
def test_a_cue_opening_its_sentence_before_a_quotation_names_its_speaker_after_it(text, speaker):
    frame = extract_attributions(text)
    assert frame[["rule", "speaker_mention", "kind"]].values.tolist() == [["forward", speaker, "direct"]]


def test_a_cue_opening_its_sentence_without_a_quotation_names_no_speaker_after_it():
    assert extract_attributions("Said differently, the plan is bold.")["speaker_mention"].isna().all()


def test_this_was_confirmed_by_does_not_swallow_a_statement_of_the_sentence_before():
    frame = extract_attributions("Russia said 300 soldiers were killed. This was confirmed by Ukraine's defense ministry.")
    assert frame[["rule", "speaker_mention", "text"]].values.tolist() == [
        ["forward", "Russia", "300 soldiers were killed"]]


def test_a_relative_clause_reports_up_to_where_the_main_predicate_resumes_last():
    text = "Jane Roe, who said the company had cut jobs, closed plants and moved work overseas, will testify."
    assert extract_attributions(text)["text"].tolist() == [
        "the company had cut jobs, closed plants and moved work overseas"]


def test_a_subject_pronoun_ends_a_speaker_only_right_before_the_cue():
    assert extract_attributions("Many of the voters we interviewed said the plan was bad.")[
        "speaker_mention"].tolist() == ["Many of the voters we interviewed"]
    assert extract_attributions("Some Democrats are hopeful they can even threaten the lead.")[
        "speaker_mention"].tolist() == ["they"]


def test_a_comma_after_a_quoted_phrase_inside_a_clause_still_inverts_the_cue():
    frame = extract_attributions("The so-called “peace dividend,” however, says economist Jane Roe, never arrived.")
    assert frame[["rule", "speaker_mention"]].values.tolist() == [["inverted", "economist Jane Roe"]]


@pytest.mark.parametrize("text", [
    # a sentence with a subject of its own between the statement and the quotation
    "The mayor said the bridge was safe. Her rival, Jane Roe, was not convinced. “We were never told the truth.”",
    "She starred in “The Lord of the Rings: The Return of the King.”",  # a title, no comma or colon leading to it
])
def test_a_quoted_sentence_out_of_a_speakers_reach_is_no_statement(text):
    assert "standalone-quotation" not in extract_attributions(text)["rule"].tolist()


def test_a_cited_noun_that_names_a_source_is_kept_before_where_it_comes_from():
    frame = extract_attributions("Some 300 soldiers were killed, the agency said, citing figures from March.")
    assert frame.query("rule == 'cited-source'")["speaker_mention"].tolist() == ["figures"]


def test_gunfire_is_no_speech():
    assert extract_attributions("The officers fired back, killing the suspect.").empty


def test_a_source_after_a_reporting_clause_is_no_second_part_of_the_content():
    # before: the content ran on over "according to state media" and nesting then dropped every row
    frame = extract_attributions("The plan will fail, the minister said, according to state media.")
    assert frame[["rule", "speaker_mention", "text"]].values.tolist() == [
        ["according-to-before", "state media", "The plan will fail, the minister said"]]


@pytest.mark.parametrize("text, cue", [("“The pier is safe,” confirmed the inspector.", "confirmed"),
                                       ("“The pier is safe,” also said the inspector.", "also said"),
                                       ("“The pier is safe,” asserted the inspector.", "asserted")])
def test_after_a_quotation_any_reporting_verb_stands_before_its_speaker(text, cue):
    frame = extract_attributions(text)
    assert frame[["rule", "cue", "speaker_mention"]].values.tolist() == [["inverted", cue, "the inspector"]]


def test_a_cited_source_whose_words_hold_a_claim_keeps_the_participles_row():
    frame = extract_attributions("The economy shrank, the ministry said, citing data that showed exports fell.")
    assert "data that showed exports fell" in frame["text"].tolist()
