"""Reading a stored comparison the other way round equals comparing the other way round."""

import re
from pathlib import Path

import pytest

from newsdiff.analysis.compare import compare_texts
from newsdiff.analysis.mirror import mirrored, swap_label_side, swap_side_words
from tests.analysis.seed_sentences import LEFT_FILE, RIGHT_FILE

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LEFT = (SEEDS / LEFT_FILE).read_text("utf-8")
RIGHT = (SEEDS / RIGHT_FILE).read_text("utf-8")


def _comparable(result: dict) -> dict:
    """Findings about both reports word their summary left first; compare their quotes.
    The order of pairs and findings carries no meaning."""
    out = dict(result)
    out["pairs"] = sorted(result["pairs"], key=lambda p: (p["left"], p["right"]))
    framing = dict(result["framing"])
    findings = []
    for f in framing["findings"]:
        if f["side"] == "both":
            f = {**f, "summary": sorted(re.findall(r"‘[^’]*’", f["summary"]))}
        findings.append(f)
    framing["findings"] = sorted(findings, key=repr)
    out["framing"] = framing
    return out


@pytest.mark.parametrize(
    "left, right",
    [
        (LEFT, RIGHT),
        (
            "Police said the rioters left the square. Officials said little else.",
            "The protesters left the square, the right-wing mayor said. It rained.",
        ),
    ],
)
def test_the_mirrored_result_is_the_result_of_the_swapped_reports(left, right):
    assert _comparable(mirrored(compare_texts(left, right))) == _comparable(
        compare_texts(right, left)
    )


def test_mirroring_twice_gives_the_result_back():
    result = compare_texts(LEFT, RIGHT)
    assert mirrored(mirrored(result)) == result


def test_report_text_keeps_its_side_words():
    text = "Only the left report adds ‘the right report card’; the right-wing mayor said so."
    assert swap_side_words(text) == (
        "Only the right report adds ‘the right report card’; the right-wing mayor said so."
    )
    assert swap_label_side("only left, in a shared sentence") == "only right, in a shared sentence"
    assert swap_label_side("‘right’, left") == "‘right’, right"
