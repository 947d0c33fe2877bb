"""Fit the meaning model (newsdiff/analysis/meaning_model.json) on the tuning part
of the hand gold, and only on it.

Run: .venv/bin/python bench/fit_meaning.py [--write] [--cv]

Every pair of sentences the lexical passes leave over in a tuning document pair
is one example: a sure gold pair is 1, a pair the gold calls one-sided is 0,
a partial pair is left out (it is acceptable either way). A logistic regression
with a small L2 penalty is fitted on them by Newton's method. The threshold is
then the lowest probability (on a grid of 0.05) at which the whole aligner, run
on the tuning part, keeps pair precision >= 0.90 and leaves the seed pair's
alignment unchanged, which is the one that maximises F1 there. The test part is
never read.

``--cv`` says how well this recipe does on pairs it was not fitted on:
leave-one-document-pair-out inside the tuning part (fit and threshold on the
others, score the one left out, pool the tallies). On the 21 tuning pairs the
pair precision of the pair left out is under what the fit was asked for (0.897
for 0.90; 0.932 when 0.95 is asked).

The committed meaning_model.json was fitted on the first 13 tuning pairs, before
the 8 of the fourth batch were added: running this with --write refits it on all
21 and changes results, so check the test part against issue 11's targets
(pair precision and one-sided precision both) before committing a refit.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.alignment_data import hand_gold_cases, seed_case
from bench.alignment_scoring import Tally, alignment_pairs, score
from newsdiff.analysis import align, meaning
from newsdiff.analysis.encode import MODEL_ID, get_encoder

L2 = 0.3  # penalty on the weights (not the bias)
MIN_PRECISION = 0.90
THRESHOLDS = [round(0.05 * k, 2) for k in range(4, 20)]


_VECTORS: dict[str, np.ndarray] = {}  # text -> vector: each text is encoded once per run


def vectors_of(sentences) -> np.ndarray:
    texts = [s.text for s in sentences]
    new = [t for t in dict.fromkeys(texts) if t not in _VECTORS]
    if new:
        _VECTORS.update(zip(new, get_encoder().encode(new).vectors, strict=True))
    return np.stack([_VECTORS[t] for t in texts])


def examples(cases) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for case in cases:
        gold = case.gold
        vectors = (vectors_of(case.left.sentences), vectors_of(case.right.sentences))
        for i, j, _, values in align.meaning_candidates(
            case.left.sentences, case.right.sentences, vectors
        ):
            if i in gold.ignore_left or j in gold.ignore_right or (i, j) in gold.possible:
                continue
            rows.append(values)
            labels.append(1.0 if (i, j) in gold.sure else 0.0)
    return np.array(rows), np.array(labels)


def _newton(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method."""
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], L2)
    penalty[-1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (p - y) + penalty * beta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return beta[:-1], float(beta[-1])


def run(cases, model: meaning.MeaningModel) -> Tally:
    total = Tally()
    for case in cases:
        vectors = (vectors_of(case.left.sentences), vectors_of(case.right.sentences))
        alignment = align.align_sentences(
            case.left.sentences, case.right.sentences, vectors, model=model
        )
        total.add(score(alignment, case.gold, len(case.left.sentences), len(case.right.sentences)))
    return total


def seed_unchanged(model: meaning.MeaningModel) -> bool:
    case = seed_case()
    vectors = (vectors_of(case.left), vectors_of(case.right))
    lexical = alignment_pairs(align.align_sentences(case.left, case.right))
    both = alignment_pairs(align.align_sentences(case.left, case.right, vectors, model=model))
    return lexical == both


def fit(cases, verbose: bool = False) -> tuple[meaning.MeaningModel, int, int]:
    """The weights and threshold fitted on ``cases``, with the number of examples
    and of sure ones among them; ``threshold`` > 1 when no threshold qualifies."""
    x, y = examples(cases)
    weights, bias = _newton(x, y)
    weights, bias = np.round(weights, 4), round(bias, 4)  # as written to the file
    chosen = None
    for threshold in THRESHOLDS:
        model = meaning.MeaningModel(tuple(weights), bias, threshold)
        t = run(cases, model)
        ok = t.precision >= MIN_PRECISION and seed_unchanged(model)
        if verbose:
            print(
                f"threshold {threshold:.2f}   P {t.precision:.3f} R {t.recall:.3f} "
                f"F1 {t.f1:.3f} one-sided P {t.one_sided_precision:.3f} "
                f"R {t.one_sided_recall:.3f}{'' if ok else '   (refused: precision or seed)'}"
            )
        if ok and (chosen is None or t.f1 > chosen[1]):
            chosen = (threshold, t.f1)
    threshold = chosen[0] if chosen else 1.01
    return meaning.MeaningModel(tuple(weights), bias, threshold), len(y), int(y.sum())


def _line(name: str, t: Tally) -> str:
    return (
        f"{name:<17} P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f} "
        f"one-sided P {t.one_sided_precision:.3f} R {t.one_sided_recall:.3f}"
    )


def cross_validate(cases) -> None:
    """Leave one document pair out: fit on the rest, score the one left out."""
    total, thresholds = Tally(), []
    for k, case in enumerate(cases):
        model, _, _ = fit(cases[:k] + cases[k + 1 :])
        thresholds.append(model.threshold)
        total.add(run([case], model))
    print(_line("left out (CV)", total))
    print(f"  thresholds chosen: {', '.join(f'{t:.2f}' for t in thresholds)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write meaning_model.json")
    parser.add_argument("--cv", action="store_true", help="leave-one-pair-out figures too")
    args = parser.parse_args()
    tuning = [c for c in hand_gold_cases() if c.part == "tuning"]
    model, n_examples, n_sure = fit(tuning, verbose=True)
    print(f"tuning part: {len(tuning)} document pairs, {n_examples} leftover pairs, {n_sure} sure")
    for name, w in zip(meaning.FEATURES, model.weights, strict=True):
        print(f"  {name:<16} {w:+.3f}")
    print(f"  {'bias':<16} {model.bias:+.3f}")
    print(_line("lexical only", run(tuning, replace(model, threshold=1.01))))
    if model.threshold > 1:
        raise SystemExit("no threshold keeps precision and the seed: nothing written")
    print(f"chosen threshold: {model.threshold:.2f}")
    print(_line("fitted on all", run(tuning, model)))
    if args.cv:
        cross_validate(tuning)
    if args.write:
        data = {
            "about": (
                "The meaning model of newsdiff/analysis/meaning.py: a logistic regression "
                "written by bench/fit_meaning.py from the tuning part of "
                "bench/data/ecbplus_hand_gold.json (never its test part)."
            ),
            "encoder": MODEL_ID,
            "fitted_on": f"{len(tuning)} tuning document pairs, {n_examples} leftover pairs",
            "features": list(meaning.FEATURES),
            "weights": {
                n: round(float(w), 4) for n, w in zip(meaning.FEATURES, model.weights, strict=True)
            },
            "bias": round(model.bias, 4),
            "threshold": model.threshold,
        }
        meaning.MODEL_FILE.write_text(json.dumps(data, indent=1) + "\n")
        print(f"written: {meaning.MODEL_FILE}")


if __name__ == "__main__":
    main()
