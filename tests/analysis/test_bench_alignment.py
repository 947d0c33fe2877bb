"""Fast checks of the alignment benchmark's inputs (bench/alignment_data.py): the
hand-checked ECB+ gold is well-formed and the synthetic builder is deterministic.
No database, no aligner run."""

import copy

import pytest

from bench.alignment_data import (
    ECB_FOLDER,
    Gold,
    build_synthetic,
    hand_gold_cases,
    hand_gold_problems,
    load_articles,
    load_hand_gold_spec,
)
from bench.alignment_scoring import max_one_to_one, score
from newsdiff.analysis.types import AlignedGroup, Alignment

pytestmark = pytest.mark.skipif(
    not (ECB_FOLDER / "ecbplus_docs.jsonl").exists(), reason="ECB+ data not beside the repo"
)


def test_hand_gold_is_well_formed():
    spec = load_hand_gold_spec()
    assert hand_gold_problems(spec, load_articles()) == []


def test_hand_gold_has_ten_pairs_of_modest_length_and_a_test_part_on_its_own_topics():
    cases = hand_gold_cases()
    assert len(cases) >= 10
    docs = [d for c in cases for d in (c.left.doc, c.right.doc)]
    assert len(set(docs)) == len(docs)
    test_topics = [c.left.doc.split("_")[0] for c in cases if c.part == "test"]
    tuning_topics = {c.left.doc.split("_")[0] for c in cases if c.part == "tuning"}
    assert len(set(test_topics)) == len(test_topics)
    assert not tuning_topics & set(test_topics)
    for c in cases:
        assert c.left.story_key == c.right.story_key
        assert 5 <= len(c.left.sentences) <= 15
        assert 5 <= len(c.right.sentences) <= 15


def test_hand_gold_check_catches_a_sentence_in_two_groups_and_an_unknown_sid():
    spec = copy.deepcopy(load_hand_gold_spec())
    first = spec["pairs"][0]
    first["groups"][1]["left"].append(first["groups"][0]["left"][0])
    first["only_right"].append(999)
    problems = hand_gold_problems(spec, load_articles())
    assert any("used 2 times" in p for p in problems)
    assert any("sid 999 is not in" in p for p in problems)


def test_an_alignment_equal_to_the_gold_scores_full_marks():
    case = hand_gold_cases()[0]
    gold: Gold = case.gold
    alignment = Alignment(
        groups=tuple(AlignedGroup((i,), (j,), 1.0, "reworded") for i, j in sorted(gold.sure)),
        only_left=tuple(sorted(gold.only_left)),
        only_right=tuple(sorted(gold.only_right)),
    )
    tally = score(alignment, gold, len(case.left.sentences), len(case.right.sentences))
    assert (tally.precision, tally.recall, tally.one_sided_recall) == (1.0, 1.0, 1.0)


def test_synthetic_builder_is_deterministic():
    assert build_synthetic(200, seed=7) == build_synthetic(200, seed=7)
    assert build_synthetic(200, seed=7) != build_synthetic(200, seed=8)


def test_synthetic_truth_names_real_sentences_and_leaves_inserted_ones_out():
    case = build_synthetic(200, seed=7)
    assert len(case.left) == 200
    assert [s.index for s in case.right] == list(range(len(case.right)))
    assert all(0 <= i < len(case.left) and 0 <= j < len(case.right) for i, j in case.truth)
    ops = dict(case.ops)
    told = {j for _, j in case.truth}
    assert len(case.right) - len(told) == ops["inserted"]
    assert len(case.left) - len({i for i, _ in case.truth}) == ops["dropped"]


def test_max_one_to_one_counts_a_two_by_two_group_as_two():
    assert max_one_to_one({(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)}) == 3
