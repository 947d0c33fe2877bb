"""Pairing by meaning: one decision from the lexical evidence and the sentence vectors.

The aligner first pairs what shares words (align.py). What is left over on both
sides is then judged pair by pair by a small logistic model whose weights are
data, ``meaning_model.json``, fitted by ``bench/fit_meaning.py`` on the tuning
part of the hand gold and never on its test part. Its evidence for a pair of
leftover sentences:

- ``cosine``: how close the two sentence vectors are (encode.py), -1 to 1;
- ``above_usual``: how far the cosine stands above the median cosine of all
  leftover pairs of the two reports (two reports of one event are all
  somewhat alike);
- ``gap``: how far this pair's cosine stands above each sentence's next-best
  leftover partner (positive only when each is the other's best);
- ``dice``: the weighted share of content terms in common (align.py's score);
- ``shared_strong``: names and numbers in common (at most 3 counted);
- ``role_mismatch``: a headline or standfirst against a body sentence.

Pairs under ``MIN_COSINE`` are not considered, nor pairs that fill a slot
with different numbers or names ("climbed 164 points, or 1.91 percent" /
"tacked on 97 points, or 1.14 percent", slots.py): the encoder barely sees
figures and names (those two score a cosine of 0.82), so the vectors
cannot outweigh that evidence against the pair; only many shared words can, in
the lexical passes (align.SLOT_PENALTY). A pair is made when its
probability reaches the model's ``threshold``, best first, each sentence once.
The result says such a pair was found by meaning, with its cosine, so the
reader can judge it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("meaning_model.json")
FEATURES = (
    "cosine",
    "above_usual",
    "gap",
    "dice",
    "shared_strong",
    "role_mismatch",
)
MAX_SHARED_STRONG = 3
# Below this cosine two sentences are never paired by meaning, whatever else the
# model sees: in a short report the relative features (above_usual, gap) can make
# the best of a few unrelated sentences look good ("Oil prices fell." / "Gold
# rose.": 0.10). Tuning part: the sure pairs the lexical passes leave over have
# cosines from 0.12 to 0.80; those under 0.40 got a probability under 0.1 anyway.
MIN_COSINE = 0.4


@dataclass(frozen=True, slots=True)
class MeaningModel:
    weights: tuple[float, ...]  # one per FEATURES entry
    bias: float
    threshold: float  # the least probability for a pair

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.bias + math.fsum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


def load_model(path: Path = MODEL_FILE) -> MeaningModel:
    data = json.loads(path.read_text())
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path} was fitted on other features: refit with bench/fit_meaning.py")
    weights = tuple(float(data["weights"][name]) for name in FEATURES)
    return MeaningModel(weights, float(data["bias"]), float(data["threshold"]))


def features(
    cosine: float,
    usual: float,
    gap: float,
    dice: float,
    shared_strong: int,
    role_mismatch: bool,
) -> tuple[float, ...]:
    """The model's inputs for one candidate pair, in FEATURES order."""
    return (
        cosine,
        cosine - usual,
        gap,
        dice,
        float(min(shared_strong, MAX_SHARED_STRONG)),
        float(role_mismatch),
    )
