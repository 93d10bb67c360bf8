"""Speaker mentions: noun phrases next to cues, titles and appositions, relative pronouns, resolution."""
import pytest

from analysis import extract_attributions
from analysis.extract.speakers import (Mention, Resolver, apposition_before, mention_after, mention_before, relative_before,
                               sentence_subject, split_role)


def before(text):
    span = mention_before(text, 0, len(text))
    return text[span[0]:span[1]] if span else None


@pytest.mark.parametrize("text, expected", [
    ("The Russian Embassy in Ghana", "The Russian Embassy in Ghana"),
    ("Yesterday the ministry on Monday", "the ministry"),
    ("She met the envoy", "the envoy"),
    ("The Secretary of the Navy", "The Secretary of the Navy"),
    ("Rep. Jane Doe (D-Ore.)", "Rep. Jane Doe"),
    ("Mr. Kamin", "Mr. Kamin"),
    ("Officials in U.S. Army", "Officials in U.S. Army"),
    ("The mayor said she", "she"),
    ("Jane Doe on May 5", "Jane Doe"),  # every month of the lexicon, May too
    # each kind of trailing adverbial ends with a word of its own, a digit, "," or ")" (the cheap test first)
    ("Jane Doe late Tuesday night", "Jane Doe"),
    ("Jane Doe last week", "Jane Doe"),
    ("Jane Doe three days later", "Jane Doe"),
    ("Jane Doe in 2020", "Jane Doe"),
    ("Jane Doe in March", "Jane Doe"),
    ("Jane Doe, 82,", "Jane Doe"),
    ("Jane Doe on Monday (local time)", "Jane Doe"),
    ("Jane Doe this past week", "Jane Doe"),
    ("Jane Doe over the weekend", "Jane Doe"),
    ("Jane Doe late last year", "Jane Doe"),
])
def test_mention_before_a_cue(text, expected):
    assert before(text) == expected


@pytest.mark.parametrize("text, expected", [
    (" the embassy in a social media post.", "the embassy"),
    (" Mr. Kamin, an economist.", "Mr. Kamin"),
    (" that the road was open.", None),
])
def test_mention_after_an_inverted_cue(text, expected):
    span = mention_after(text, 0, len(text))
    assert (text[span[0]:span[1]] if span else None) == expected


def test_relative_pronoun_points_to_its_antecedent():
    text = "The bill has a sponsor, Senator Ann Lee, who "
    span = relative_before(text, 0, len(text))
    (ante_start, ante_end) = span.antecedent
    assert text[span.start:span.end] == "who" and text[ante_start:ante_end] == "Senator Ann Lee"


@pytest.mark.parametrize("phrase, name, role", [
    ("Finance Minister Maria Lopez", "Maria Lopez", "Finance Minister"),
    ("US Department of Defense Spokesperson Ann Ray", "Ann Ray", "US Department of Defense Spokesperson"),
    ("the city council", "city council", ""),
    ("Mr. King", "King", "Mr."),
    ("Sen. Jane Judge", "Jane Judge", "Sen."),
    ("Lt. Gen. Kim", "Kim", "Lt. Gen."),
])
def test_split_role(phrase, name, role):
    assert split_role(phrase)[:2] == (name, role)


def test_resolver_maps_pronouns_and_surnames_to_the_last_full_name():
    resolver = Resolver()
    full = resolver.resolve(Mention(0, 12, "Tom Baker", "Tom Baker", "", "person"))
    surname = resolver.resolve(Mention(20, 25, "Baker", "Baker", "", "unknown"))
    pronoun = resolver.resolve(Mention(30, 32, "he", "he", "", "pronoun"))
    assert (full.name, surname.name, pronoun.name) == ("Tom Baker", "Tom Baker", "Tom Baker")


def test_pronoun_with_nobody_before_is_unknown():
    row = extract_attributions("He said the road was open.").iloc[0]
    assert row["speaker_mention"] == "He" and row["speaker"] is not None
    assert str(row["speaker"]) == "<NA>"


def test_who_said_gives_the_antecedent_as_speaker():
    frame = extract_attributions("The plan was drafted by Senator Ann Lee, who said it would pass.")
    row = frame.iloc[0]
    assert (row["speaker"], row["speaker_mention"], row["speaker_role"]) == ("Ann Lee", "who", "Senator")


@pytest.mark.parametrize("text, mention, speaker", [
    ("Across the valley, farmers who say the rules will ruin them blocked roads.", "who", "farmers"),
    ("A survey that found most residents want a new bridge came out on Monday.", "that", "survey"),
    ("She thanked the nurses who have repeatedly warned that the ward is short of staff.", "who", "nurses"),
])
def test_a_relative_pronoun_without_a_comma_speaks_for_its_antecedent(text, mention, speaker):
    row = extract_attributions(text).iloc[0]
    assert (row["speaker_mention"], row["speaker"]) == (mention, speaker)


@pytest.mark.parametrize("text", [
    "The crew ignored that shows a leak in the hull.", "The crew knows that shows a leak.",
    "It is unclear who said the vote was rigged.",  # after a copula, "who" opens a question
    "Guards who were told to leave stayed at the gate.",  # a passive: the guards were told, they did not tell
    "All that said, the mayor still backs the plan.",
])
def test_no_relative_pronoun_speaks_where_it_has_no_antecedent_or_does_not_tell(text):
    assert not extract_attributions(text)["speaker_mention"].isin(["that", "who"]).any()


def test_a_relative_pronoun_after_a_cue_noun_speaks_for_it():
    row = extract_attributions("The estimate that said 300 had died was wrong.").iloc[0]
    assert (row["speaker_mention"], row["speaker"]) == ("that", "estimate")


def test_subject_before_a_relative_insertion_speaks():
    text = "The envoy, who arrived on Monday, said the talks had failed."
    row = extract_attributions(text).iloc[0]
    assert row["speaker"] == "envoy" and text[row["content_start"]:row["content_end"]] == "the talks had failed"


def test_inverted_cue_with_an_abbreviated_title():
    text = "“It is a misguided approach,” said Mr. Kamin, an economist."
    row = extract_attributions(text).iloc[0]
    assert row["speaker_mention"] == "Mr. Kamin" and row["speaker_role"] == "an economist"


@pytest.mark.parametrize("text, name, role", [
    ("Ann Roe, the mayor of Salem, one of the largest cities, ", "Ann Roe",
     "the mayor of Salem, one of the largest cities"),
    ("The party’s state chairman, Tom Hale, ", "Tom Hale", "The party’s state chairman"),
    ("Senate Majority Leader Ann Ray, R-Ky., ", "Senate Majority Leader Ann Ray", "R-Ky."),
])
def test_appositions_before_a_cue(text, name, role):
    span = apposition_before(text, 0, len(text))
    assert text[span.start:span.end] == name and span.role == role


def test_a_slash_joins_a_token_in_a_mention():
    assert before("9/11 widow Ann Roe") == "9/11 widow Ann Roe"


@pytest.mark.parametrize("text, expected", [
    ("the farmers often say", "the farmers"),
    ("the family often says", "the family"),
    ("The Democratic senator also forced", "The Democratic senator"),
    ("the senator left the hall", "the senator"),
    ("Jane Doe spoke", "Jane Doe"),
    ("One of the officials", "One of the officials"),
    ("the union members voted", "the union members"),
    ("the singer sings to the crowd", "the singer"),
    ("the senator wasn’t keen", "the senator"),
    ("Jane Doe’s campaign manager John Roe attacked", "Jane Doe’s campaign manager John Roe"),
    ("Acme’s John Roe hit back", "Acme’s John Roe"),
    ("He’s long opposed the deal", "He"),  # the pronoun, without the contracted "has"
    # openers before the subject: a quotation, a quantifier's modifier, a conditional clause
    ("“Stay with me,” the singer sings to the crowd", "the singer"),
    ("At least one senator wasn’t keen", "one senator"),
    ("If the mayor wins, the city could", "the city"),
    ("But Lopez went further", "Lopez"),  # a conjunction before a one-word name or a determiner
    ("And the mayor went further", "the mayor"),
    ("On Friday the mayor doubled down", "the mayor"),  # a day without a comma
    ("On Friday night the mayor doubled down", "the mayor"),
])
def test_sentence_subject_stops_at_its_verb(text, expected):
    span = sentence_subject(text, 0, len(text))
    assert text[span[0]:span[1]] == expected


@pytest.mark.parametrize("text, speaker, role", [
    ("“We will appeal,” Rosa Klein, executive director of the tenants' union, said.", "Rosa Klein",
     "executive director of the tenants' union"),
    ("Tom Ashby, the mayor’s chief of staff, said the vote would be close.", "Tom Ashby", "the mayor’s chief of staff"),
    ("Tom Ashby, Klein’s campaign manager, said the vote would be close.", "Tom Ashby", "Klein’s campaign manager"),
])
def test_appositions_without_an_article_give_name_and_role(text, speaker, role):
    row = extract_attributions(text).iloc[0]
    assert (row["speaker"], row["speaker_role"]) == (speaker, role)


@pytest.mark.parametrize("text, speaker, rule", [
    ("“The talks are over,” said one diplomat familiar with the negotiations.", "one diplomat familiar with the negotiations",
     "inverted"),
    ("“The talks are over,” according to Rosa Klein.", "Rosa Klein", "according-to-before"),
    ("“Are the talks over?” Rosa Klein told the radio station.", "Rosa Klein", "trailing"),
])
def test_reporting_clauses_after_a_quotation(text, speaker, rule):
    frame = extract_attributions(text)
    assert frame[["speaker", "rule", "kind"]].values.tolist() == [[speaker, rule, "direct"]]


def test_an_apposition_may_end_with_a_place_and_its_state():
    row = extract_attributions("Ana Ruiz, a nurse from Tulsa, Oklahoma, said the clinic had closed.").iloc[0]
    assert (row["speaker"], row["speaker_role"]) == ("Ana Ruiz", "a nurse from Tulsa, Oklahoma")


@pytest.mark.parametrize("text, speaker", [
    ("Facing questions from reporters, the harbour master released a statement, saying the pier was safe.",
     "the harbour master"),
    ("Even in the old town, the mayor said, the damage was slight.", "the mayor"),
    ("Ana Ruiz, the club's treasurer, on Tuesday said the accounts were in order.", "Ana Ruiz"),
    ("The council has not yet said whether the pier will reopen.", "The council"),
])
def test_speaker_past_openers_adjuncts_and_adverbs(text, speaker):
    frame = extract_attributions(text)
    assert frame["speaker_mention"].tolist()[-1] == speaker


@pytest.mark.parametrize("text, speaker, content", [
    ("Hours later, the mayor wrote to the council, telling members the pier was safe.", "the mayor",
     "the pier was safe"),
    ("The vote split the town, with the head of the fishermen's association calling it a betrayal.",
     "the head of the fishermen's association", "it a betrayal"),
    ("The mayor told reporters she would not resign.", "The mayor", "she would not resign"),
])
def test_participle_and_listener_boundaries(text, speaker, content):
    frame = extract_attributions(text)
    assert frame[["speaker_mention", "text"]].values.tolist()[-1] == [speaker, content]


@pytest.mark.parametrize("text, speaker, content", [
    ("The mayor is joining the council in calling for a new pier.", "The mayor", "a new pier"),
    ("The mayor, whose term ends in May, did not name the firm but argued firmly that the pier was safe.",
     "The mayor", "the pier was safe"),
    ("HARBOURTON, Maine (Coast News) - The mayor met the fishermen on Monday and said the pier would reopen.",
     "The mayor", "the pier would reopen"),
    ("The mayor met the fishermen but on Tuesday warned that the pier would stay shut.",  # a time between
     "The mayor", "the pier would stay shut"),
])
def test_speakers_of_gerund_cues_coordinated_cues_and_cues_after_a_dateline(text, speaker, content):
    frame = extract_attributions(text)
    assert frame[["speaker_mention", "text"]].values.tolist()[-1] == [speaker, content]


@pytest.mark.parametrize("text, speaker", [
    ("Among the farmers polled, 38% said the rain came too late.", "38%"),
    ("In the survey, 2,150 members said they would strike.", "2,150 members"),
])
def test_a_percentage_or_a_figure_with_separators_opens_a_speaker(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist() == [speaker]


def test_a_figure_alone_after_a_conjunction_is_still_no_speaker():
    text = "The hall seats 900, and 12,000 were expected."
    assert mention_before(text, 0, text.index(" were")) is None


@pytest.mark.parametrize("text, expected", [
    ("At a fair in Dorrance, Kansas, on Friday, Mayor Ada Pell praised the pies, saying", "Mayor Ada Pell"),
    ("Speaking at a diner in Keene, New Hampshire, Gov. Tim Marsh mocked the plan, calling", "Gov. Tim Marsh"),
    ("At a picnic near Bend, Ore., she teased the chef, saying", "she"),
    ("Tuesday, the harbor master closed the pier, warning", "the harbor master"),
    ("Lisbon (Reuters) – The fishing union rejected the quota, saying", "The fishing union"),
    ("In Dorrance, Ada Pell, a baker, spoke up, saying", "Ada Pell"),  # a name and its role: no state
])
def test_a_subject_after_an_opener_with_a_place_state_or_dateline(text, expected):
    span = sentence_subject(text, 0, len(text))
    assert text[span[0]:span[1]] == expected


@pytest.mark.parametrize("text, speaker", [
    ("Doe at the time said the bridge would hold.", "Doe"),
    ("The port authority less than two weeks ago said the dock was safe.", "The port authority"),
    ("The guild more than 10 days ago warned that rents would rise.", "The guild"),
])
def test_a_time_adverbial_between_subject_and_cue_is_skipped(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # a subordinator opening the sentence is capitalised; its clause's subject does what the infinitive says
    ("After the curator seemed to confirm rumours of the sale, the museum closed.", "the curator"),
    # "before" here is a preposition (no verb follows its words): the clause opened by "When" is read instead
    ("When the coach appeared before reporters on Friday to discuss his lineup, nobody listened.", "the coach"),
    # the opening clause closed at its comma: the main clause's subject
    ("When the tide turned, the captain failed to mention that the hull was cracked.", "the captain"),
])
def test_an_infinitive_in_an_opening_subordinate_clause_has_that_clauses_subject(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # a prepositional phrase or an infinitive of purpose opens the sentence before its subject's comma
    ("Over the holidays, the baker paused for a moment and said that prices would rise.", "the baker"),
    ("Beyond that, the pilot used the briefing to try to refute rumours of a strike.", "the pilot"),
    ("To win the vote, she will have to continue to emphasize that the ferry is safe.", "she"),
    ("Throughout the hearing, the witness kept calm, insisting that the ledger was forged.", "the witness"),
])
def test_a_prepositional_opener_is_read_past_to_the_subject(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # after a statement in the same sentence, an infinitive's own clause subject or controller speaks
    ("Critics say the ferry is costly, though sailors are generally more likely to say the ferry is worth it.",
     ["Critics", "sailors"]),
    ("The senator asked the clerk to turn over the file, which would allow auditors to compare what the mayor said.",
     ["The senator", "auditors"]),
    # without one, the statement before lends its speaker
    ("The senator said the file was lost and continued to insist that nobody had read it.",
     ["The senator", "The senator"]),
])
def test_an_infinitive_after_a_statement_in_its_sentence_keeps_its_own_subject(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist() == speaker


@pytest.mark.parametrize("text, speaker", [
    # the object of "require", "leave", "drive" does what the infinitive after it says
    ("That would require the regents in Salem to admit that tuition is too high.", "the regents in Salem"),
    ("The delay has left the port unused, leaving many sailors to wonder whether the dock will open.", "many sailors"),
    ("Pressure from the union drives the minister to say the pay deal is fair.", "the minister"),
])
def test_more_control_verbs_lend_their_object_to_an_infinitive(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist()[-1] == speaker


@pytest.mark.parametrize("text, speaker", [
    # a quoted word closing with its comma inside the mark ends one verb of a list: the next verb shares the subject
    ("The mayor called the budget “reckless,” blamed the council for the delay and said the pool would close.",
     ["The mayor", "The mayor"]),
    ('The union backed "fair wages," opposed "sudden pay cuts" and recalled that the last freeze ran three years.',
     ["The union", "The union"]),
])
def test_a_verb_after_a_quoted_word_and_its_comma_shares_the_subject(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist()[-2:] == speaker


@pytest.mark.parametrize("text, speaker", [
    # an opening clause closed by its comma: the coordinated cue's subject is the main clause's
    ("When shown the photos, the mayor paused for a moment and said that the pier would be rebuilt.", "the mayor"),
    # a cue in the sentence before it that names no speaker lends none
    ("When told the pier had burned, the mayor paused and said that it would be rebuilt.", "the mayor"),
    # a subordinate clause with no comma yet: its own subject
    ("Because the mayor visited the pier and said it would be rebuilt, the crowd cheered.", "the mayor"),
])
def test_a_coordinated_cue_finds_the_subject_past_an_opening_clause(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist()[-1] == speaker


@pytest.mark.parametrize("text, speaker", [
    # a clause after a semicolon that has a subject of its own lends that subject to its coordinated cue
    ("The port reopened in a hurry; she thanked the crews that week and declared that the docks were safe.", "she"),
    ("He wants to sell the ferry; she backs a new lease but insists that the fares stay low.", "she"),
    # an opening clause closed by a comma, then a subject pronoun
    ("When told of the fire, she paused for a moment and said that the pier would be rebuilt.", "she"),
])
def test_a_coordinated_cue_after_a_semicolon_takes_that_clauses_subject(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist()[-1] == speaker


@pytest.mark.parametrize("text, speaker", [
    # the noun a postmodifier follows heads the speaker's phrase, before the cue, after it, or ending a sentence
    ("A diplomat familiar with the ferry talks said the harbour deal was close.", "A diplomat familiar with the ferry talks"),
    ("The harbour deal was close, said an engineer briefed on the survey.", "an engineer briefed on the survey"),
    ("The pier will reopen in May, two people close to the mayor said.", "two people close to the mayor"),
    ("The pier will reopen in May, a clerk close to him said.", "a clerk close to him"),
    # a postmodifier opening with a preposition, and "those" alone as its head
    ("A clerk with knowledge of the survey said the pier would reopen.", "A clerk with knowledge of the survey"),
    ("Those familiar with the survey said the pier would reopen.", "Those familiar with the survey"),
    # a comma ends the speaker's phrase: what follows it is no part of it
    ("“The pier is safe,” said one inspector, close to tears.", "one inspector"),
])
def test_a_postmodifier_and_the_phrase_it_governs_belong_to_the_speaker(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # a share of those asked is one phrase: "in" and "out of" between two counts
    ("One in four said the ferry was too slow.", "One in four"),
    ("Nearly nine out of 10 riders say the ferry is too slow.", "Nearly nine out of 10 riders"),
    # not between counts: a place after a noun stays outside ("in" is no part of a name before a lower-case word)
    ("The lead in two states said the count was wrong.", "two states"),
])
def test_a_share_of_those_asked_is_the_speaker(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # a demonstrative before a noun opens the speaker's phrase
    ("The ferry will not run. “It is too old,” this engineer told the council.", "this engineer"),
    ("Those surveyed said the ferry was too slow.", "Those surveyed"),
    # but not a time before the subject, nor a demonstrative after a preposition
    ("After this week officials said the ferry was too slow.", "officials"),
    ("Because of this officials said the ferry was too slow.", "officials"),
])
def test_a_demonstrative_opens_the_speakers_phrase(text, speaker):
    assert extract_attributions(text)["speaker_mention"].tolist()[-1:] == [speaker]


def test_a_passive_cue_borrows_no_speaker_from_its_sentence():
    text = "The ferry race ended.\nCORRECTION: Due to an editing error, an earlier version of this story, premised " \
           "on a Klein victory, was inadvertently published early Wednesday."
    frame = extract_attributions(text)
    assert frame["cue"].tolist() == ["was inadvertently published"] and frame["speaker_mention"].isna().all()
