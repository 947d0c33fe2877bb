import itertools
import json
import random
import tracemalloc
from pathlib import Path

import pytest

from newsdiff.analysis import align
from newsdiff.analysis.align import ENGINE_VERSION, align_sentences
from newsdiff.analysis.types import Alignment, Sentence

from .seed_sentences import left_sentences, right_sentences

GOLD = Path(__file__).resolve().parents[2] / "seeds" / "seed-alignment.gold.json"


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, "body", i + 1) for i, text in enumerate(texts)]


def renumbered(items: list[Sentence]) -> list[Sentence]:
    return [Sentence(i, s.text, s.role, s.paragraph) for i, s in enumerate(items)]


def find(items: list[Sentence], fragment: str) -> int:
    """The index of the one sentence holding ``fragment`` (whitespace-insensitive)."""
    wanted = " ".join(fragment.split())
    found = [s.index for s in items if wanted in " ".join(s.text.split())]
    assert len(found) == 1, (fragment, found)
    return found[0]


def pairs_of(alignment: Alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(g.left, g.right) for g in alignment.groups}


def assert_partition(alignment: Alignment, n_left: int, n_right: int) -> None:
    """Every sentence is in exactly one place: a group, one-sided or a restatement."""
    lefts = [i for g in alignment.groups for i in g.left] + list(alignment.only_left)
    rights = [j for g in alignment.groups for j in g.right] + list(alignment.only_right)
    lefts += [r.index for r in alignment.restatements if r.side == "left"]
    rights += [r.index for r in alignment.restatements if r.side == "right"]
    assert sorted(lefts) == list(range(n_left))
    assert sorted(rights) == list(range(n_right))


@pytest.fixture(scope="module")
def gold() -> dict:
    if not GOLD.exists():
        pytest.skip(f"the shared seed gold is not at {GOLD}")
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed() -> tuple[list[Sentence], list[Sentence], Alignment]:
    left, right = left_sentences(), right_sentences()
    return left, right, align_sentences(left, right)


# --- the seed pair ----------------------------------------------------------


def test_seed_finds_every_gold_pair_and_nothing_else(gold, seed):
    left, right, alignment = seed
    expected = {((find(left, p["left"]),), (find(right, p["right"]),)) for p in gold["pairs"]}
    assert len(expected) == 8
    assert pairs_of(alignment) == expected


def test_seed_reports_the_one_sided_sentences(gold, seed):
    left, right, alignment = seed
    assert alignment.only_left == tuple(sorted(find(left, f) for f in gold["only_left"]))
    assert alignment.only_right == tuple(sorted(find(right, f) for f in gold["only_right"]))
    assert len(alignment.only_left) == 4
    assert len(alignment.only_right) == 8


def test_seed_standfirst_restates_the_lede(gold, seed):
    _, right, alignment = seed
    (pair,) = [p for p in gold["pairs"] if "right_restatement" in p]
    standfirst = find(right, pair["right_restatement"])
    lede = find(right, pair["right"])
    assert right[standfirst].role == "standfirst"
    assert [(r.side, r.index, r.restates) for r in alignment.restatements] == [
        ("right", standfirst, lede)
    ]
    assert standfirst not in alignment.only_right
    assert all(standfirst not in g.right for g in alignment.groups)


def test_seed_groups_explain_themselves(seed):
    left, right, alignment = seed
    by_left = {g.left[0]: g for g in alignment.groups}
    specifics = by_left[find(left, "Specifics of their talks")]
    assert specifics.kind == "identical"
    assert specifics.score == 1.0
    ukraine = by_left[find(left, "The conflict in Ukraine")]
    assert ukraine.kind in ("reworded", "partly shared")
    assert {"Ukraine", "Sullivan", "Jake"} <= set(ukraine.terms)
    for group in alignment.groups:
        assert 0.0 < group.score <= 1.0
        assert group.terms
        assert not {"the", "in", ",", ".", "of"} & {t.lower() for t in group.terms}


def test_seed_is_aligned_the_same_from_either_side(seed):
    left, right, alignment = seed
    assert align_sentences(right, left) == alignment.mirrored()
    assert_partition(alignment, len(left), len(right))


def test_seed_pairs_survive_shuffling_the_right_report(seed):
    left, right, alignment = seed
    shuffled = list(right)
    random.Random(7).shuffle(shuffled)
    moved = align_sentences(left, renumbered(shuffled))
    as_text = {(left[g.left[0]].text, right[g.right[0]].text) for g in alignment.groups}
    moved_text = {(left[g.left[0]].text, shuffled[g.right[0]].text) for g in moved.groups}
    assert moved_text == as_text


@pytest.mark.parametrize("seed_value", range(8))
def test_mirror_holds_for_random_subsets_of_the_seed(seed_value):
    rng = random.Random(seed_value)
    left = renumbered(rng.sample(left_sentences(), rng.randint(0, 12)))
    right = renumbered(rng.sample(right_sentences(), rng.randint(0, 17)))
    alignment = align_sentences(left, right)
    assert align_sentences(right, left) == alignment.mirrored()
    assert_partition(alignment, len(left), len(right))


# --- merges and splits ------------------------------------------------------


def test_a_sentence_split_in_two_forms_one_group():
    left = sentences(
        "Wang discussed the situation in Ukraine with Jake Sullivan in Malta, and both sides "
        "described the talks as candid, substantive and constructive.",
        "China has not taken sides in the war.",
    )
    right = sentences(
        "China has refrained from taking sides in the war.",
        "Wang discussed the situation in Ukraine with Jake Sullivan in Malta.",
        "Both sides described the talks as candid, substantive and constructive.",
    )
    alignment = align_sentences(left, right)
    assert pairs_of(alignment) == {((0,), (1, 2)), ((1,), (0,))}
    assert align_sentences(right, left) == alignment.mirrored()


def test_neighbours_that_add_little_stay_apart(seed):
    # the seed's right paragraph 5 holds three sentences that the left keeps apart
    left, right, alignment = seed
    assert all(len(g.left) == 1 and len(g.right) == 1 for g in alignment.groups)


# --- words that matter ------------------------------------------------------


def test_function_words_and_punctuation_never_anchor_a_pair():
    left = sentences("Police arrested the man in the north of Paris on Monday, and he was held.")
    right = sentences("The storm hit the coast of Florida on Tuesday, and it was over.")
    alignment = align_sentences(left, right)
    assert alignment.groups == ()
    assert alignment.only_left == (0,) and alignment.only_right == (0,)


def test_spelling_variants_are_the_same_words():
    left = sentences("U.S. officials met Nato leaders in Biden’s office on Monday.")
    right = sentences("US officials met NATO leaders in Biden's office on Monday")
    (group,) = align_sentences(left, right).groups
    assert group.kind == "identical"
    assert group.score == 1.0


def test_inflections_meet():
    left = sentences("The ministers described the talks as heading nowhere.")
    right = sentences("A minister describes each talk as heads nowhere.")
    (group,) = align_sentences(left, right).groups
    assert group.score == 1.0
    assert group.kind == "reworded"


def test_number_words_pair_with_digits():
    left = sentences("Police arrested three men in Leeds on Friday.")
    right = sentences("Police arrested 3 men in Leeds on Friday.")
    (group,) = align_sentences(left, right).groups
    assert group.score == 1.0
    assert "3" in group.terms


def test_headlines_pair_with_headlines_and_their_neighbours_follow():
    left = [
        Sentence(0, "4.6-Magnitude Earthquake Recorded Near Healdsburg", "headline", 0),
        Sentence(
            1,
            "An earthquake with a preliminary magnitude of 4.6 was recorded in the North Bay "
            "this morning, according to the U.S. Geological Survey.",
            "body",
            1,
        ),
    ]
    right = [
        Sentence(0, "4.6 earthquake shakes Northern California", "headline", 0),
        Sentence(
            1,
            "A magnitude 4.6 earthquake struck Northern California on Thursday morning.",
            "body",
            1,
        ),
    ]
    alignment = align_sentences(left, right)
    # both pairs score under PAIR_MIN: the headlines pair as headlines, and the
    # ledes as the sentences next to them
    assert pairs_of(alignment) == {((0,), (0,)), ((1,), (1,))}
    assert all(g.score < align.PAIR_MIN for g in alignment.groups)
    assert align_sentences(right, left) == alignment.mirrored()


def test_headlines_sharing_only_common_words_stay_apart():
    left = [Sentence(0, "Storm hits the coast", "headline", 0)]
    right = [Sentence(0, "Coast braces for storm", "headline", 0)]
    assert align_sentences(left, right).groups == ()


def test_a_weak_match_between_two_pairs_is_kept_and_alone_is_not():
    left = sentences(
        "Andrew Lopez, 20, was found guilty of second-degree murder in the death of Zurana "
        "Horton in Brownsville.",
        "Horton was struck by a stray bullet as Lopez targeted rival gang members from a rooftop.",
        "Lopez faces 25 years to life in prison when he is sentenced on March 4.",
    )
    right = sentences(
        "A Brooklyn jury found Andrew Lopez guilty of second-degree murder in the death of "
        "Zurana Horton.",
        "Horton, a mother of 12, was shot on a Brownsville street in October 2011 while rival "
        "gangs fought.",
        "He faces 25 years to life in prison at his sentencing on March 4.",
    )
    alignment = align_sentences(left, right)
    assert pairs_of(alignment) == {((0,), (0,)), ((1,), (1,)), ((2,), (2,))}
    assert align_sentences(right, left) == alignment.mirrored()
    assert align_sentences(left[1:2], right[1:2]).groups == ()


# --- bad input --------------------------------------------------------------


def test_empty_documents():
    assert align_sentences([], []) == Alignment((), (), (), ())
    left = left_sentences()
    alignment = align_sentences(left, [])
    assert alignment.groups == ()
    assert alignment.only_left == tuple(range(len(left)))
    assert align_sentences([], left) == alignment.mirrored()


def test_one_sentence_documents():
    one = sentences("Specifics of their talks were not released.")
    other = sentences("The weather was fine in Malta.")
    assert pairs_of(align_sentences(one, one)) == {((0,), (0,))}
    assert align_sentences(one, other).groups == ()


@pytest.mark.parametrize("make", [left_sentences, right_sentences])
def test_a_document_against_itself_is_all_identical(make):
    doc = make()
    alignment = align_sentences(doc, doc)
    assert pairs_of(alignment) == {((i,), (i,)) for i in range(len(doc))}
    assert all(g.kind == "identical" and g.score == 1.0 for g in alignment.groups)
    assert alignment.only_left == alignment.only_right == ()
    assert alignment.restatements == ()


def test_identical_documents_pair_sentences_without_content_words():
    doc = sentences("Yes.", "It is what it is.", "—", "")
    alignment = align_sentences(doc, doc)
    assert pairs_of(alignment) == {((0,), (0,)), ((1,), (1,)), ((2,), (2,))}
    assert alignment.only_left == alignment.only_right == (3,)


def test_unrelated_documents_pair_nothing():
    unrelated = sentences(
        "Arsenal beat Chelsea 3-1 at the Emirates Stadium on Saturday afternoon.",
        "Bukayo Saka scored twice before half-time.",
        "The manager praised the defence after the final whistle.",
        "Tickets for the next home game sold out within an hour.",
    )
    alignment = align_sentences(left_sentences(), unrelated)
    assert alignment.groups == ()
    assert len(alignment.only_right) == 4


@pytest.mark.parametrize(
    "texts",
    [
        ("中国外交部长王毅前往莫斯科。", "他将在俄罗斯停留到周四。"),
        (
            "Министр иностранных дел Китая Ван И отправился в Москву.",
            "Переговоры были откровенными.",
        ),
        ("وزير الخارجية الصيني يتوجه إلى موسكو", "المحادثات كانت صريحة"),
        ("चीन के विदेश मंत्री मास्को गए।", "बातचीत स्पष्ट थी।"),
        ("🙂🙂🙂", "!!!", "\u200b", "   "),
    ],
)
def test_other_scripts_do_not_crash_and_pair_with_themselves(texts):
    doc = sentences(*texts)
    alignment = align_sentences(doc, doc)
    assert align_sentences(doc, doc) == alignment
    assert_partition(alignment, len(doc), len(doc))
    assert all(g.left == g.right for g in alignment.groups)
    mixed = align_sentences(doc, left_sentences())
    assert mixed.groups == ()


def test_restatements_are_found_on_either_side():
    right = right_sentences()
    left = left_sentences()
    alignment = align_sentences(right, left)
    assert [(r.side, r.index, r.restates) for r in alignment.restatements] == [("left", 1, 2)]


def test_repeated_paragraphs_pair_copy_by_copy():
    block = [s.text for s in left_sentences()[1:6]]
    left = sentences(*(block * 3))
    right = sentences(*(block * 2))
    alignment = align_sentences(left, right)
    assert pairs_of(alignment) == {((i,), (i,)) for i in range(10)}
    # the third copy repeats the first: restatements, not news found in one report only
    assert alignment.only_left == ()
    assert {r.index for r in alignment.restatements} == set(range(10, 15))
    assert align_sentences(right, left) == alignment.mirrored()


def test_large_documents_are_aligned():
    rng = random.Random(3)
    vocabulary = [f"w{k}" for k in range(3000)]
    texts = [" ".join(rng.choices(vocabulary, k=18)) + "." for _ in range(2000)]
    left = sentences(*texts)
    right = renumbered(rng.sample(left, len(left)))
    alignment = align_sentences(left, right)
    assert len(alignment.groups) == 2000
    assert all(left[g.left[0]].text == right[g.right[0]].text for g in alignment.groups)


def test_engine_version_is_a_string():
    assert isinstance(ENGINE_VERSION, str) and ENGINE_VERSION


def test_thresholds_are_sane():
    assert 0 < align.PAIR_MIN < align.RESTATE_MIN <= 1
    assert 0 < align.MERGE_GAIN < 1
    assert 0 < align.NEIGHBOUR_MIN < align.PAIR_MIN
    assert align.HEADLINE_SHARED_TERMS >= 2


def test_a_standfirst_that_wins_the_pair_gives_it_to_its_lede():
    left = sentences(
        "China's top foreign policy official is heading to Russia for security talks after "
        "meetings with Joe Biden's national security adviser in Malta."
    )
    right = [
        Sentence(0, "Wang Yi heads to Moscow", "headline", 0),
        Sentence(
            1,
            "China’s top foreign policy official is heading to Russia for security talks after "
            "meetings with Joe Biden’s national security adviser in Malta",
            "standfirst",
            0,
        ),
        Sentence(
            2,
            "China's top foreign policy official is heading to Russia for security talks after "
            "two days of meetings with Joe Biden's national security adviser in Malta.",
            "body",
            1,
        ),
    ]
    alignment = align_sentences(left, right)
    assert pairs_of(alignment) == {((0,), (2,))}
    assert [(r.side, r.index, r.restates) for r in alignment.restatements] == [("right", 1, 2)]
    assert align_sentences(right, left) == alignment.mirrored()


def test_five_thousand_sentences_stay_small():
    rng = random.Random(11)
    # text-like: a few function words everywhere, content words from a long tail
    function_words = ["the", "of", "and", "to", "in", "was", "that", "for", "on", "with"]
    vocabulary = [f"term{k}" for k in range(200, 30000)]
    zipf = list(itertools.accumulate(1.0 / k for k in range(200, 30000)))

    def sentence() -> str:
        words = rng.choices(vocabulary, cum_weights=zipf, k=12) + rng.choices(function_words, k=8)
        rng.shuffle(words)
        return " ".join(words) + "."

    left = sentences(*(sentence() for _ in range(5000)))
    right = sentences(*(sentence() for _ in range(5000)))
    tracemalloc.start()
    try:
        alignment = align_sentences(left, right)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    assert_partition(alignment, 5000, 5000)
