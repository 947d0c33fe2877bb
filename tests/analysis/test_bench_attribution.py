"""Fast checks of the attribution benchmark's gold (bench/data/attribution_gold.json):
every cue stands in its sentence, the split holds, and the scoring counts what it
should. No database."""

import re

import pytest

from bench.attribution import (
    ECBPLUS_DOCS,
    GoldCue,
    GoldSentence,
    Score,
    load_gold,
    score_sentence,
    source_is_correct,
)

pytestmark = pytest.mark.skipif(not ECBPLUS_DOCS.exists(), reason="ECB+ data not beside the repo")


@pytest.fixture(scope="module")
def gold():
    return load_gold()


def test_every_gold_cue_and_source_head_stands_in_its_sentence(gold):
    for s in gold:
        for c in s.cues:
            if c.cue == ":":
                assert s.text.count(":") >= c.n, s.where
                continue
            word = re.escape(c.cue.split()[0])
            found = re.findall(rf"(?<![\w-]){word}(?![\w-])", s.text, flags=re.IGNORECASE)
            assert len(found) >= c.n, (s.where, c)
            assert c.heads and all(h.lower() in s.text.lower() for h in c.heads), (s.where, c)


def test_the_gold_has_at_least_300_cues_split_into_tune_and_test(gold):
    per_split = {"tune": 0, "test": 0}
    for s in gold:
        per_split[s.split] += len(s.cues)
    assert sum(per_split.values()) >= 300
    assert min(per_split.values()) >= 150


def test_a_cue_counts_once_and_a_wrong_source_is_scored_as_such():
    sentence = GoldSentence(
        "example",
        "tune",
        "Officials said the road was closed, and police said it would reopen.",
        (
            GoldCue("said", 1, "Officials", ("Officials",)),
            GoldCue("said", 2, "police", ("police",)),
        ),
    )
    score = Score()
    score_sentence(sentence, score)
    assert (score.gold, score.found, score.matched, score.source_correct) == (2, 2, 2, 2)


def test_a_source_is_correct_when_it_holds_a_head_and_is_not_a_whole_clause():
    cue = GoldCue("said", 1, "Chief Superintendent Helen Varga", ("Varga",))
    assert source_is_correct("Superintendent Varga", cue)
    assert not source_is_correct("the crowd", cue)
    assert not source_is_correct("Varga " + "and the rest of them " * 4, cue)
