"""Sentence splitting for news: abbreviations, quotes, paragraphs, offsets."""
import pytest

from analysis.text.doc import Doc


def sentences(text):
    return Doc(text).sentence_table()["text"].tolist()


@pytest.mark.parametrize("text, expected", [
    ("U.S. officials met U.N. envoys. They agreed.", ["U.S. officials met U.N. envoys.", "They agreed."]),
    ("Sen. Warren and Rep. Lee spoke. Gen. Milley did not.", ["Sen. Warren and Rep. Lee spoke.", "Gen. Milley did not."]),
    ("It happened on Oct. 22 in Washington. Then it rained.", ["It happened on Oct. 22 in Washington.", "Then it rained."]),
    ("They met at 304 Main St. in Boston. Nobody came.", ["They met at 304 Main St. in Boston.", "Nobody came."]),
    ("Mr. J. Smith arrived. Dr. Jones left.", ["Mr. J. Smith arrived.", "Dr. Jones left."]),
    ("“We are ready,” he said. “We will go.”", ["“We are ready,” he said.", "“We will go.”"]),
    ("It was “a significant escalation.” Others disagreed.", ["It was “a significant escalation.”", "Others disagreed."]),
    ("“Is it true?” she asked. No one answered.", ["“Is it true?” she asked.", "No one answered."]),
    ("“If we go, we fight. This is a choice,” said the envoy.", ["“If we go, we fight.", "This is a choice,” said the envoy."]),
    ("The figure rose 3.5 percent. Prices fell.", ["The figure rose 3.5 percent.", "Prices fell."]),
    ("He said: \"No.\" Then he left!", ["He said: \"No.\"", "Then he left!"]),
    ("What now? Nobody knows.", ["What now?", "Nobody knows."]),
    ("The troops (about 3,000.) left. Others stayed.", ["The troops (about 3,000.) left.", "Others stayed."]),
    ("Talks resumed at 10 a.m. on Monday. They ended late.", ["Talks resumed at 10 a.m. on Monday.", "They ended late."]),
    ("The E.U. and the U.K. signed. It was done.", ["The E.U. and the U.K. signed.", "It was done."]),
    ("He said it was over. 2024 was hard.", ["He said it was over.", "2024 was hard."]),
    ("He moved to the U.S. The family followed.", ["He moved to the U.S.", "The family followed."]),
    ("They met in Washington, D.C. They ended late.", ["They met in Washington, D.C.", "They ended late."]),
    ("Prices rose in Sept. Analysts expected more.", ["Prices rose in Sept.", "Analysts expected more."]),
    ("The vote is on Jan. 5. Sen. Smith will attend.", ["The vote is on Jan. 5.", "Sen. Smith will attend."]),
    ("Lt. Gen. Kim led the unit. They reached St. Petersburg.", ["Lt. Gen. Kim led the unit.", "They reached St. Petersburg."]),
    ("George W. Bush spoke. J. A. Smith did not.", ["George W. Bush spoke.", "J. A. Smith did not."]),
    ("“We will not stop. We will win. Nobody can stop us,” he said. Others left.",
     ["“We will not stop.", "We will win.", "Nobody can stop us,” he said.", "Others left."]),
    ("“It opens a chapter,” he said, “and it will last.” Others doubted it.",
     ["“It opens a chapter,” he said, “and it will last.”", "Others doubted it."]),
    ("It was a “significant escalation”. Others disagreed.", ["It was a “significant escalation”.", "Others disagreed."]),
    ("He said ‘no.’ She left.", ["He said ‘no.’", "She left."]),
    ("Acme Inc., the maker, said it would. Its shares rose.", ["Acme Inc., the maker, said it would.", "Its shares rose."]),
    ("He paused… Then he spoke. Is it true?! Nobody knows.", ["He paused…", "Then he spoke.", "Is it true?!", "Nobody knows."]),
    ("They “groundless rumors.” Officials said.", ["They “groundless rumors.”", "Officials said."]),
    ("The No. 2 official resigned. He was replaced.", ["The No. 2 official resigned.", "He was replaced."]),
    ("He cited Art. 5 of the treaty. Allies agreed.", ["He cited Art. 5 of the treaty.", "Allies agreed."]),
    ("He said no. Then he left.", ["He said no.", "Then he left."]),
    ("Rep. Jane Doe (D-Ore.) said so. Others agreed.", ["Rep. Jane Doe (D-Ore.) said so.", "Others agreed."]),
    ("It ended at 5 p.m. The crowd left.", ["It ended at 5 p.m.", "The crowd left."]),
    ("He said, “We are ready.” Then he left.", ["He said, “We are ready.”", "Then he left."]),
    ("“It is over.” “No, it isn’t,” he replied.", ["“It is over.”", "“No, it isn’t,” he replied."]),
    ("He wants delays. ''We will fight,'' he said.", ["He wants delays.", "''We will fight,'' he said."]),
    ("He agreed. (“We will sign,” she said.) It passed.", ["He agreed.", "(“We will sign,” she said.)", "It passed."]),
    ("Troops were sent to Ft. Bragg and Mt. Hood. Few returned.",
     ["Troops were sent to Ft. Bragg and Mt. Hood.", "Few returned."]),
])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_each_line_is_a_paragraph_and_offsets_reproduce_the_text():
    text = "First paragraph. Two sentences.\nSecond paragraph.\n\n  Third after a blank line."
    frame = Doc(text).sentence_table()
    assert frame["paragraph"].tolist() == [0, 0, 1, 2]
    assert frame["sentence_id"].tolist() == [0, 1, 2, 3]
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.text


def test_offsets_of_a_quotation_over_several_sentences():
    text = "Intro line.\n“First point. Second point,” she said. After."
    frame = Doc(text).sentence_table()
    assert frame["text"].tolist() == ["Intro line.", "“First point.", "Second point,” she said.", "After."]
    assert frame["paragraph"].tolist() == [0, 1, 1, 1]
    assert [(r.start, r.end) for r in frame.itertuples()] == [(0, 11), (12, 25), (26, 50), (51, 57)]


def test_seed_sentences_reproduce_the_text_and_keep_abbreviations_and_quotes():
    from analysis.ingest.articles import load_articles
    from analysis.paths import SEEDS_DIR

    texts = load_articles(SEEDS_DIR).set_index("article_id")["text"]
    for text in texts:
        frame = Doc(text).sentence_table()
        assert all(text[r.start:r.end] == r.text for r in frame.itertuples())
        assert not frame["text"].str.match(r"[a-z]").any()  # no sentence starts mid-sentence
    found = Doc(texts["004"]).sentence_table()["text"]
    assert found.str.startswith("A North Korean representative to the United Nations").sum() == 1
    assert found[found.str.contains("Oct. 22")].iloc[0].endswith("the U.S. and South Korean intelligence "
                                                                 "assertions about sending troops to Russia were "
                                                                 "“groundless rumors.”")
    assert found.str.endswith("a dangerous expansion of Russia’s war.”").sum() == 1


def test_empty_text_gives_an_empty_table_with_columns():
    frame = Doc("").sentence_table()
    assert frame.empty and list(frame.columns) == ["sentence_id", "paragraph", "start", "end", "text"]
