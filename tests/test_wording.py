"""Word-level differences between two wordings of one quotation."""
from analysis.link.wording import diff_html, shared_share, word_diff

FULL = ("The deployment represents: one, a significant escalation in [the country’s] ongoing involvement in the war. "
        "Two, a breach of resolutions. And three, a dangerous expansion of the war,")
SHORT = "a significant escalation in the country’s involvement"


def test_full_statement_against_two_of_its_phrases():
    diff = word_diff(SHORT, FULL)
    assert set(diff["op"]) <= {"equal", "insert", "delete", "replace"}
    inserted = " ".join(diff.loc[diff["op"] == "insert", "b"])
    assert "ongoing" in inserted and "three" in inserted
    assert diff.loc[diff["op"] == "equal", "a"].str.cat(sep=" ").startswith("a significant escalation")


def in_order(pieces, text):
    at = 0
    for piece in pieces:
        at = text.index(piece, at) + len(piece)
    return True


def test_pieces_are_the_original_words_in_order():
    diff = word_diff(SHORT, FULL)
    assert in_order([p for p in diff["a"] if p], SHORT) and in_order([p for p in diff["b"] if p], FULL)
    assert diff["b"].iloc[0].startswith("The deployment represents:")


def test_case_does_not_count_as_a_difference():
    diff = word_diff("The Move represents", "the move represents")
    assert diff["op"].tolist() == ["equal"]


def test_changed_word_is_a_replacement():
    diff = word_diff("some 4,000 workers were sent", "some 5,000 workers were sent")
    changed = diff[diff["op"] == "replace"]
    assert changed[["a", "b"]].values.tolist() == [["4,000", "5,000"]]


def test_shared_share_is_the_shorter_wordings_share():
    assert shared_share(SHORT, FULL) == 1.0
    assert shared_share("one two three four", "one two five six") == 0.5
    assert shared_share("", "anything") == 0.0


def test_html_escapes_text_and_marks_only_differences():
    page = diff_html("<script>x</script> said yes", "<script>x</script> said no", "A & B", "C")
    assert "<script>" not in page and "&lt;script&gt;" in page and "A &amp; B" in page
    assert "<del>yes</del>" in page and "<ins>no</ins>" in page
    assert "<del>said" not in page and "<ins>said" not in page


def test_html_keeps_original_spacing():
    page = diff_html("a  b", "a  c")
    assert "a  " in page
