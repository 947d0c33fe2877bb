"""Loaded words of any part of speech (issue 12): flagged where a report uses
them in its own voice, never inside a quotation, and listed in the shipped
lexicon the database loads."""

import pytest

from newsdiff.analysis import compare_texts
from newsdiff.analysis.framing import Lexicon


def loaded_terms(left: str, right: str) -> dict[str, list[str]]:
    found = compare_texts(left, right)["framing"]["findings"]
    out: dict[str, list[str]] = {"left": [], "right": []}
    for f in found:
        if f["kind"] == "weighted_term" and f["subkind"] == "loaded":
            out[f["side"]] += f["left_terms"] or f["right_terms"]
    return out


@pytest.mark.parametrize(
    ("left", "word"),
    [
        ("Senator Rand Paul blasted the spending bill on Tuesday.", "blasted"),
        ("He called the attacks a smear.", "smear"),
        ("The mercurial senator spoke for an hour.", "mercurial"),
        ("The senator made a bizarre speech on the floor.", "bizarre"),
        ("The bill is a giveaway to fat-cat donors.", "fat-cat"),
        ("The bill is a giveaway to fat cats.", "fat cats"),
        ("Paul was spreading conspiracy theories about the vote.", "conspiracy theories"),
        ("The minister is a useful idiot for Moscow.", "useful idiot"),
    ],
)
def test_a_loaded_word_only_one_report_uses_is_flagged(left, word):
    right = "The senator spoke about the spending bill on Tuesday."
    assert loaded_terms(left, right) == {"left": [word], "right": []}


def test_a_loaded_word_inside_a_quotation_is_the_sources_not_the_reports():
    left = '"He is a useful idiot," the senator said of his rival.'
    assert loaded_terms(left, "The senator criticised his rival.") == {"left": [], "right": []}


def test_a_loaded_word_both_reports_use_is_no_finding():
    text = "Senator Rand Paul blasted the spending bill on Tuesday."
    assert loaded_terms(text, text) == {"left": [], "right": []}


def test_the_issue_12_words_are_in_the_shipped_lexicon_with_a_note():
    rows = {t.term: t for t in Lexicon.default().weighted_terms}
    for term in ("blasted", "smear", "mercurial", "bizarre", "fat-cat", "conspiracy theory"):
        assert rows[term].kind == "judgement" and rows[term].note
    assert rows["useful idiot"].kind == "judgement"
