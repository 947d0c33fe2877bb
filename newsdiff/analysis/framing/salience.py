"""Salience: how much a finding matters to a reader of the two reports, from 0
to 100. The page leads with the most salient findings; the JSON and CSV carry
the same number, so all three rank alike.

Three things make a difference matter, multiplied:

- **how loaded** its kind is (a label or a loaded word for the same thing counts
  more than a hedge), and for a word choice or a loaded term how strongly its
  words judge (VADER's valence of the words that differ);
- **how prominent** the text it rests on is: the headline most, then the lede,
  then the body from top to bottom (the best place on either side counts);
- **how much text** it rests on: one sentence, or a passage or pattern of many.

The weights are a stated judgement, not fitted to any gold: there is none yet of
what journalists find most important.
"""

from __future__ import annotations

import math
from dataclasses import replace

from .choice import _valence
from .report import ReadReport
from .results import Finding, Part, Side
from .words import _words

# How loaded each kind of difference is (kind, subkind; "" for any subkind), first match wins
_LOADED: tuple[tuple[str, str, float], ...] = (
    ("naming", "", 1.0),
    ("weighted_term", "", 1.0),
    ("word_choice", "", 0.9),
    ("attribution", "source", 0.75),
    ("only_one_side", "passage", 0.7),
    ("attribution", "", 0.55),
    ("emphasis", "", 0.5),
    ("hedging", "", 0.45),
    ("only_one_side", "", 0.4),
)
# How prominent each part of a report is
_PROMINENCE: dict[Part, float] = {
    "headline": 1.0,
    "lede": 0.85,
    "first third": 0.6,
    "middle third": 0.4,
    "last third": 0.3,
}
# A finding that rests on no sentence (a rate of hedges over the whole text)
_NO_PLACE = 0.4
# Sentences at which "how much text" is full (a passage of 8 sentences or more)
_FULL_AMOUNT = 8


def with_salience(findings: list[Finding], reports: dict[Side, ReadReport]) -> list[Finding]:
    """The findings, each with its ``salience`` set."""
    return [replace(f, salience=salience(f, reports)) for f in findings]


def salience(f: Finding, reports: dict[Side, ReadReport]) -> int:
    loaded = next(w for kind, sub, w in _LOADED if kind == f.kind and sub in ("", f.subkind))
    if f.kind in ("word_choice", "weighted_term"):
        # up to a fifth more for words that judge strongly (a valence of 4 or -4)
        loaded = min(1.0, loaded + 0.2 * _judging_strength(f.left_terms, f.right_terms))
    # a report's parts run from its top down: its first sentence here is its best place
    places = [
        _PROMINENCE[reports[side].part(min(indexes))]
        for side, indexes in (("left", f.left_sentences), ("right", f.right_sentences))
        if indexes and min(indexes) in reports[side].sentences
    ]
    prominence = max(places, default=_NO_PLACE)
    n = len(f.left_sentences) + len(f.right_sentences)
    amount = min(1.0, math.log2(1 + n) / math.log2(1 + _FULL_AMOUNT))
    return round(100 * loaded * (0.5 + 0.5 * prominence) * (0.7 + 0.3 * amount))


def _judging_strength(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """How strongly the words of one side's terms that the other lacks judge,
    from 0 to 1 (the largest VADER valence among them, over 4)."""
    left_norms = {n for t in left for n in _norms(t)}
    right_norms = {n for t in right for n in _norms(t)}
    differing = left_norms ^ right_norms
    return min(1.0, max((abs(_valence(n)) for n in differing), default=0.0) / 4)


def _norms(term: str) -> frozenset[str]:
    return frozenset(w.norm for w in _words(term) if w.kind == "word")
