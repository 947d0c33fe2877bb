"""Slots: different numbers or names in the same place count against a pair."""

import pytest

from newsdiff.analysis import align
from newsdiff.analysis.align import align_sentences
from newsdiff.analysis.slots import conflicts, sentence_slots
from newsdiff.analysis.tokens import word_info, word_surfaces
from newsdiff.analysis.types import Sentence


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, "body", i + 1) for i, text in enumerate(texts)]


def slots_of(text: str):
    """The slots of one sentence; its capitalised words after the first are names."""
    infos = [word_info(w) for w in word_surfaces(text)]
    terms = [i.key for i in infos]
    numbers = frozenset(i.key for i in infos if i.number)
    names = frozenset(i.key for i in infos[1:] if i.capitalised and i.key)
    return sentence_slots(terms, numbers, names)


DOW_UP = "The Dow Jones industrial average climbed 164 points, or 1.91 percent, to 8,761.42."
DOW_ALSO_UP = "The Dow Jones industrial average tacked on 97 points, or 1.14 percent, to 8,694.13."


def test_the_same_template_with_other_figures_conflicts():
    up, also_up = slots_of(DOW_UP), slots_of(DOW_ALSO_UP)
    assert up["#point"] == {"164"} and also_up["#point"] == {"97"}
    assert conflicts(up, also_up) == conflicts(also_up, up) == 2  # points and percent


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ten people were killed.", "At least 10 people were killed in the blast."),
        ("The index rose 164 points.", "The index rose sharply on Monday."),
        ("In 2008 the plant closed.", "In 2009 the plant reopened."),  # no unit: no slot
    ],
)
def test_agreeing_or_unplaced_figures_do_not_conflict(a, b):
    assert conflicts(slots_of(a), slots_of(b)) == 0


def test_names_after_the_same_title_conflict_and_attributions_do_not():
    chief = slots_of("The blast injured police chief Scott Russell.")
    other_chief = slots_of("The blast injured police chief Bratton.")
    assert conflicts(chief, other_chief) == 1
    said = slots_of("The host was named, the Academy announced.")
    other_said = slots_of("The host was named, producer Zadan announced.")
    assert conflicts(said, other_said) == 0


MARKETS_LEFT = sentences(
    DOW_UP,
    "Oil prices fell in Asian trading.",
    "Retailers reported weak holiday sales.",
)
MARKETS_RIGHT = sentences(
    DOW_ALSO_UP,
    "Gold rose as the dollar slid.",
    "Analysts expect the central bank to cut rates.",
)


def test_shared_words_do_not_pair_a_template_filled_with_other_facts():
    alignment = align_sentences(MARKETS_LEFT, MARKETS_RIGHT)
    assert alignment.groups == ()
    assert align_sentences(MARKETS_RIGHT, MARKETS_LEFT) == alignment.mirrored()


def test_the_same_template_with_the_same_figures_still_pairs():
    right = sentences(DOW_UP.replace("climbed", "gained"), *[s.text for s in MARKETS_RIGHT[1:]])
    alignment = align_sentences(MARKETS_LEFT, right)
    assert [(g.left, g.right) for g in alignment.groups] == [((0,), (0,))]
    assert align_sentences(right, MARKETS_LEFT) == alignment.mirrored()


def test_a_conflict_is_evidence_not_a_veto():
    # a strong likeness outweighs one slot filled differently (two early death tolls)
    left = sentences(
        "A magnitude 6.1 earthquake struck Yunnan province on Sunday, killing 10 people "
        "and injuring dozens in the mountain town of Ludian.",
        "Rescue teams were sent.",
    )
    right = sentences(
        "A magnitude 6.1 earthquake struck Yunnan province on Sunday, killing 3 people "
        "and injuring dozens in the mountain town of Ludian.",
        "Schools were closed.",
    )
    alignment = align_sentences(left, right)
    assert [(g.left, g.right) for g in alignment.groups] == [((0,), (0,))]
    assert align.SLOT_PENALTY < 1.0 - align.PAIR_MIN
