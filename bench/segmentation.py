"""Compare our sentence segmenter with pySBD.

    python bench/segmentation.py

Prints one table: exact accuracy on both Golden Rules sets, throughput on the
ECB+ article bodies (characters per second, best of three runs over all
bodies, timed with time.perf_counter around the whole corpus) and how often
both tools find the corpus's own sentence boundaries when its sentences are
joined back with single spaces. pySBD is a dev dependency measured here only;
the app never imports it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsdiff.analysis.ecbplus import read_documents  # noqa: E402
from newsdiff.analysis.scoring import (  # noqa: E402
    GOLDEN_RULES_SETS,
    load_golden_rules,
    score_golden_rules,
)
from newsdiff.analysis.segment import split_sentences  # noqa: E402

DATA = REPO.parent / "shared" / "data"
GOLDEN_RULES = REPO / "bench" / "data" / "golden-rules"  # copies, with their licences
ECBPLUS = DATA / "ecbplus"
RUNS = 3

Split = Callable[[str], list[str]]


def ours(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text)]


def pysbd_splitter() -> Split:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return segmenter.segment


def chars_per_second(split: Split, texts: list[str], runs: int = RUNS) -> float:
    """Best of ``runs`` passes over all ``texts``."""
    total = sum(map(len, texts))
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for text in texts:
            split(text)
        best = min(best, time.perf_counter() - started)
    return total / best


def boundary_scores(split: Split, documents: list[list[str]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the sentence ends found in each document's
    sentences joined with single spaces (the last end does not count)."""
    found = expected = agreed = 0
    for sentences in documents:
        text = " ".join(sentences)
        gold, pos = set(), 0
        for sentence in sentences[:-1]:
            pos += len(sentence)
            gold.add(pos)
            pos += 1
        ends, pos = set(), 0
        for piece in split(text)[:-1]:
            pos = text.index(piece.strip(), pos) + len(piece.strip())
            ends.add(pos)
        found += len(ends)
        expected += len(gold)
        agreed += len(ends & gold)
    precision = agreed / found if found else 0.0
    recall = agreed / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    tools = {"newsdiff": ours, "pySBD 0.3.4": pysbd_splitter()}
    docs = list(read_documents(ECBPLUS))
    bodies = [doc.body for doc in docs]
    sentence_lists = [[s.text for s in doc.sentences] for doc in docs if len(doc.sentences) > 1]

    rows: list[tuple[str, list[str]]] = []
    failures: dict[str, dict[str, list[int]]] = {}
    for name in GOLDEN_RULES_SETS:
        rules = load_golden_rules(GOLDEN_RULES, name)
        cells = []
        for tool, split in tools.items():
            score = score_golden_rules(split, rules)
            failures.setdefault(tool, {})[name] = [rule["id"] for rule in score["failed"]]
            cells.append(f"{score['passed']}/{score['total']} = {score['accuracy']:.2%}")
        rows.append((f"Golden Rules, {name} set (exact)", cells))

    speeds = [chars_per_second(split, bodies) for split in tools.values()]
    rows.append(
        (
            f"ECB+ bodies, chars/s (best of {RUNS})",
            [f"{speed / 1000:,.0f} k" for speed in speeds],
        )
    )
    rows.append(("speed ratio", [f"{speeds[0] / speeds[1]:.1f}x", "1.0x"]))

    scores = [boundary_scores(split, sentence_lists) for split in tools.values()]
    rows.append(
        (
            "ECB+ sentences joined, boundary P/R/F1",
            [f"{p:.3f} / {r:.3f} / {f:.3f}" for p, r, f in scores],
        )
    )

    label_width = max(len(label) for label, _ in rows)
    cell_width = max(len(cell) for _, cells in rows for cell in cells)
    names = list(tools)
    print(f"{'':{label_width}}  " + "  ".join(f"{n:>{cell_width}}" for n in names))
    for label, cells in rows:
        print(f"{label:{label_width}}  " + "  ".join(f"{c:>{cell_width}}" for c in cells))
    print()
    print(
        f"ECB+: {len(bodies)} bodies, {sum(map(len, bodies)):,} characters "
        "(one corpus sentence per paragraph); time.perf_counter around a pass over all bodies."
    )
    for tool, by_set in failures.items():
        missed = "; ".join(f"{name}: {ids or 'none'}" for name, ids in by_set.items())
        print(f"{tool} misses rules {missed}")


if __name__ == "__main__":
    main()
