"""Fast checks of the coverage benchmark's inputs and scores (bench/coverage_data.py):
the hand gold is well-formed and split, the scores count what coverage_gold.md says,
and the synthetic stories are deterministic. No database."""

import pytest

from bench.alignment_data import ECB_FOLDER
from bench.coverage_data import GoldStory, gold_problems, load_gold, score, synthetic_story

needs_ecbplus = pytest.mark.skipif(
    not (ECB_FOLDER / "ecbplus_docs.jsonl").exists(), reason="ECB+ data not beside the repo"
)


@needs_ecbplus
def test_coverage_gold_is_well_formed():
    assert gold_problems() == []


@needs_ecbplus
def test_coverage_gold_has_five_or_more_stories_of_four_articles_and_a_held_out_part():
    stories = load_gold()
    assert len(stories) >= 5
    assert all(len(s.docs) >= 4 for s in stories)
    tuning = {s.story.rstrip("abcdefghijklmnopqrstuvwxyz") for s in stories if s.part == "tuning"}
    test = {s.story.rstrip("abcdefghijklmnopqrstuvwxyz") for s in stories if s.part == "test"}
    assert tuning and test and not tuning & test


def _gold():
    # articles a, b, c; fact 1 told by a0, b0, c0; a1 / b1 partial; the rest one-article
    return GoldStory(
        "t",
        "test",
        ("a", "b", "c"),
        (
            frozenset({("a", 0), ("b", 0), ("c", 0)}),
            frozenset({("a", 1)}),
            frozenset({("b", 1)}),
            frozenset({("c", 1)}),
        ),
        frozenset({frozenset({("a", 1), ("b", 1)})}),
    )


def test_a_perfect_coverage_scores_one():
    gold = _gold()
    figures = score(gold, list(gold.clusters)).figures()
    assert figures["pair P"] == figures["pair R"] == figures["B3 F1"] == 1.0
    assert figures["not reported right"] == 1.0


def test_a_fact_split_in_two_loses_recall_and_says_not_reported_wrongly():
    gold = _gold()
    predicted = [
        frozenset({("a", 0), ("b", 0)}),
        frozenset({("c", 0)}),
        frozenset({("a", 1), ("b", 1)}),  # partial: right for pairwise precision
        frozenset({("c", 1)}),
    ]
    s = score(gold, predicted)
    assert (s.pair_found, s.pair_gold) == (1, 3)
    assert (s.pair_right, s.pair_predicted) == (2, 2)
    # the row {a0, b0} says c does not report it, but c0 tells it
    assert s.absent_multi == 2 and s.absent_multi_right == 1
    assert s.figures()["B3 R"] < 1.0 and s.figures()["B3 P"] < 1.0


@needs_ecbplus
def test_synthetic_stories_are_deterministic():
    first = synthetic_story(3, 20)
    assert [r.sentences for r in first] == [r.sentences for r in synthetic_story(3, 20)]
    assert len(first) == 3 and all(15 <= len(r.sentences) <= 30 for r in first)
