import pytest

from newsdiff.analysis.types import DiffSpan
from newsdiff.analysis.worddiff import diff_words

from .seed_sentences import left_sentences, right_sentences


def rebuilt(spans: list[DiffSpan]) -> tuple[str, str]:
    return "".join(s.left for s in spans), "".join(s.right for s in spans)


def test_a_changed_word_is_marked_alone():
    spans = diff_words("the conflict in Ukraine", "the situation in Ukraine")
    assert spans == [
        DiffSpan("equal", "the ", "the "),
        DiffSpan("replace", "conflict", "situation"),
        DiffSpan("equal", " in Ukraine", " in Ukraine"),
    ]


def test_added_and_dropped_words():
    spans = diff_words("Both sides later described the talks", "Both sides described the talks")
    assert [s.op for s in spans] == ["equal", "delete", "equal"]
    assert spans[1].left == "later"
    spans = diff_words(
        "will be in Russia until Thursday", "will be in Russia from Monday to Thursday"
    )
    changed = [s for s in spans if s.op != "equal"]
    assert [(s.op, s.left, s.right) for s in changed] == [("replace", "until", "from Monday to")]


def test_case_quotes_and_abbreviations_are_no_change():
    spans = diff_words("CHINA’S ties with the U.S. and Nato", "China's ties with the US and NATO")
    assert [s.op for s in spans] == ["equal"]
    assert spans[0].left == "CHINA’S ties with the U.S. and Nato"
    assert spans[0].right == "China's ties with the US and NATO"


def test_punctuation_is_a_token_of_its_own():
    spans = diff_words("Specifics were not released.", "Specifics were not released")
    assert spans[-1] == DiffSpan("delete", ".", "")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("", ""),
        ("", "Added text."),
        ("Removed text.", ""),
        ("   ", "x y"),
        ("  leading and trailing  ", "leading, and trailing"),
        ("a\u00a0b\n\nc", "a b c d"),
        ("same", "same"),
        ("one two three", "three two one"),
        ("中国外交部长", "中国国防部长"),
        ("Привет, мир!", "Привет мир"),
    ],
)
def test_the_spans_give_back_both_texts(left, right):
    assert rebuilt(diff_words(left, right)) == (left, right)


def test_the_spans_give_back_every_seed_sentence_pair():
    for a in left_sentences():
        for b in right_sentences():
            spans = diff_words(a.text, b.text)
            assert rebuilt(spans) == (a.text, b.text)
            assert all(s.op in ("equal", "replace", "insert", "delete") for s in spans)
            assert all(s.right == "" for s in spans if s.op == "delete")
            assert all(s.left == "" for s in spans if s.op == "insert")


def test_identical_texts_are_one_equal_span():
    text = "Specifics of their talks were not released."
    assert diff_words(text, text) == [DiffSpan("equal", text, text)]


def mirrored(spans):
    flip = {"insert": "delete", "delete": "insert"}
    return [DiffSpan(flip.get(s.op, s.op), s.right, s.left) for s in spans]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # difflib breaks ties by position: diffed naively, these two orders disagree
        ("a b a c", "a c a b"),
        ("the talks in Moscow and the talks in Beijing", "the talks in Beijing"),
        ("Both sides later described the talks", "Both sides described the talks"),
    ],
)
def test_swapping_the_texts_mirrors_the_diff(left, right):
    assert diff_words(right, left) == mirrored(diff_words(left, right))
