"""Pairing by meaning: what the sentence vectors add to the lexical aligner."""

import pytest

from newsdiff.analysis import compare_texts, encode
from newsdiff.analysis.align import align_sentences
from newsdiff.analysis.types import Sentence

from .seed_sentences import left_sentences, right_sentences


@pytest.fixture(scope="module")
def encoder():
    return encode.get_encoder()


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, "body", i + 1) for i, text in enumerate(texts)]


def both(encoder, left, right):
    return (
        encoder.encode([s.text for s in left]).vectors,
        encoder.encode([s.text for s in right]).vectors,
    )


REHAB_LEFT = sentences(
    "Tara Reid checked into Promises Treatment Center, her rep told People.",
    "It is unclear what she is being treated for.",
    "She is engaged to Michael Axtmann.",
)
REHAB_RIGHT = sentences(
    "Tara Reid has entered rehab, her representative said.",
    "The rep would not say why she is being treated.",
    "Her reality show Taradise aired in 2005.",
)


def test_a_rewording_without_shared_words_is_paired_and_says_it_was_by_meaning(encoder):
    lexical = align_sentences(REHAB_LEFT, REHAB_RIGHT)
    alignment = align_sentences(REHAB_LEFT, REHAB_RIGHT, both(encoder, REHAB_LEFT, REHAB_RIGHT))
    assert lexical.groups == ()
    by_pair = {(g.left, g.right): g for g in alignment.groups}
    assert set(by_pair) == {((0,), (0,)), ((1,), (1,))}
    assert all(g.evidence == "meaning" and g.cosine > 0.5 for g in by_pair.values())
    assert alignment.only_left == (2,) and alignment.only_right == (2,)


def test_swapping_the_reports_mirrors_the_alignment_by_meaning(encoder):
    vectors = both(encoder, REHAB_LEFT, REHAB_RIGHT)
    forward = align_sentences(REHAB_LEFT, REHAB_RIGHT, vectors)
    backward = align_sentences(REHAB_RIGHT, REHAB_LEFT, (vectors[1], vectors[0]))
    assert backward == forward.mirrored()


def test_the_seed_alignment_is_unchanged_by_meaning_and_mirrors(encoder):
    left, right = left_sentences(), right_sentences()
    vectors = both(encoder, left, right)
    lexical = align_sentences(left, right)
    alignment = align_sentences(left, right, vectors)
    assert [(g.left, g.right) for g in alignment.groups] == [
        (g.left, g.right) for g in lexical.groups
    ]
    assert alignment.restatements == lexical.restatements
    assert all(g.evidence == "words" and g.cosine is not None for g in alignment.groups)
    assert align_sentences(right, left, (vectors[1], vectors[0])) == alignment.mirrored()


def test_the_best_of_a_few_unrelated_sentences_is_not_a_pair(encoder):
    left = sentences("The Dow climbed 164 points on Monday.", "Oil prices fell.")
    right = sentences("The Dow climbed 164 points on Monday.", "Gold rose.")
    alignment = align_sentences(left, right, both(encoder, left, right))
    assert [(g.left, g.right) for g in alignment.groups] == [((0,), (0,))]


MARKET_LEFT = sentences(
    "The Dow Jones industrial average climbed 164 points, or 1.91 percent, on Monday.",
    "Oil prices fell in Asian trading.",
    "Retailers reported weak holiday sales.",
)
MARKET_RIGHT = sentences(
    "The Dow Jones industrial average tacked on 97 points, or 1.14 percent, on Friday.",
    "Gold rose as the dollar slid.",
    "Analysts expect the central bank to cut rates.",
)


def test_one_template_with_other_figures_is_not_paired_by_words_or_meaning(encoder):
    vectors = both(encoder, MARKET_LEFT, MARKET_RIGHT)
    alignment = align_sentences(MARKET_LEFT, MARKET_RIGHT, vectors)
    assert (0, 0) not in {(i, j) for g in alignment.groups for i in g.left for j in g.right}
    assert 0 in alignment.only_left and 0 in alignment.only_right
    backward = align_sentences(MARKET_RIGHT, MARKET_LEFT, (vectors[1], vectors[0]))
    assert backward == alignment.mirrored()


def test_vectors_must_match_the_sentences(encoder):
    vectors = both(encoder, REHAB_LEFT, REHAB_RIGHT)
    with pytest.raises(ValueError, match="vectors for"):
        align_sentences(REHAB_LEFT[:2], REHAB_RIGHT, vectors)


def test_a_text_in_another_language_is_never_paired_by_meaning():
    english = (
        "Police arrested two men on Monday.\n\nThe men were charged with robbery.\n\n"
        "A court will hear the case next week."
    )
    german = (
        "Die Polizei hat am Montag zwei Männer festgenommen.\n\n"
        "Die Männer wurden wegen Raubes angeklagt.\n\n"
        "Ein Gericht wird den Fall nächste Woche verhandeln."
    )
    result = compare_texts(english, german)
    assert result["right"]["language"] != "en"
    assert not [p for p in result["pairs"] if p["evidence"] == "meaning"]
    assert any("does not look like English" in note for note in result["notes"])


def test_a_sentence_too_long_for_the_encoder_is_noted():
    long = "The council said " + ", and ".join(f"item {n} was approved" for n in range(60)) + "."
    result = compare_texts(f"Council meets.\n\n{long}", "Council meets.\n\nThe vote was close.")
    assert any("longer than the sentence encoder reads" in n for n in result["notes"])


def test_pairs_in_the_json_say_how_they_were_found():
    result = compare_texts(
        "Tara Reid checked into Promises Treatment Center, her rep told People.\n\n"
        "It is unclear what she is being treated for.",
        "Tara Reid has entered rehab, her representative said.\n\n"
        "The rep would not say why she is being treated.",
    )
    assert [(p["left"], p["right"], p["evidence"]) for p in result["pairs"]] == [
        ([0], [0], "meaning"),
        ([1], [1], "meaning"),
    ]
    assert all(p["cosine"] > 0.5 for p in result["pairs"])


def test_one_template_with_other_names_is_not_paired_by_meaning(encoder):
    # many capitals in a line give the weights no name evidence; the slots still see them
    left = sentences(*(f"Kal{k}x met Kal{k}y near Kal{k}z." for k in range(6)))
    right = sentences(*(f"Mor{k}x met Mor{k}y near Mor{k}z." for k in range(6)))
    alignment = align_sentences(left, right, both(encoder, left, right))
    assert alignment.groups == ()
