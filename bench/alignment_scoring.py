"""Scoring for the alignment benchmark: pairs from an Alignment, precision and
recall against a gold, one-sided sentences, timings and growth exponents."""

from __future__ import annotations

import math
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsdiff.analysis.types import Alignment

from .alignment_data import Gold, Pair


def alignment_pairs(alignment: Alignment) -> frozenset[Pair]:
    """Every (left, right) sentence pair the alignment puts in one group: a 2:1
    group counts as two pairs."""
    return frozenset((i, j) for g in alignment.groups for i in g.left for j in g.right)


def mirrored_pairs(pairs: Iterable[Pair]) -> frozenset[Pair]:
    return frozenset((j, i) for i, j in pairs)


def max_one_to_one(pairs: Iterable[Pair]) -> int:
    """The most pairs an aligner that uses each sentence once can take from
    ``pairs`` (a maximum bipartite matching, by augmenting paths)."""
    partners: dict[int, list[int]] = {}
    for i, j in pairs:
        partners.setdefault(i, []).append(j)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in partners[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in partners)


@dataclass(slots=True)
class Tally:
    """Counts summed over documents (micro-averaged figures)."""

    predicted: int = 0  # predicted pairs that gold scores (not touching ignored sentences)
    correct: int = 0  # of those, sure or possible
    sure: int = 0
    found: int = 0  # sure pairs predicted
    gold_one_sided: int = 0
    one_sided_kept: int = 0  # gold one-sided sentences the aligner left one-sided
    reported_one_sided: int = 0  # sentences the aligner left one-sided (not ignored)
    reported_right: int = 0  # of those, one-sided in gold (or only partially paired)

    def add(self, other: Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else math.nan

    @property
    def recall(self) -> float:
        return self.found / self.sure if self.sure else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def one_sided_recall(self) -> float:
        return self.one_sided_kept / self.gold_one_sided if self.gold_one_sided else math.nan

    @property
    def one_sided_precision(self) -> float:
        if not self.reported_one_sided:
            return math.nan
        return self.reported_right / self.reported_one_sided


def one_sided(alignment: Alignment, n_left: int, n_right: int) -> tuple[set[int], set[int]]:
    """The sentences an alignment shows as present in one report only: those it
    says so, or, for a peer that only returns pairs, those in no pair. A
    restating sentence (a standfirst repeating its lede) is not one-sided."""
    paired = alignment_pairs(alignment)
    left = set(range(n_left)) - {i for i, _ in paired}
    right = set(range(n_right)) - {j for _, j in paired}
    left -= {r.index for r in alignment.restatements if r.side == "left"}
    right -= {r.index for r in alignment.restatements if r.side == "right"}
    return left, right


def bookkeeping_problems(alignment: Alignment, n_left: int, n_right: int) -> list[str]:
    """Sentences an alignment files in no place or in two (a group, only_left/
    only_right, a restatement): the page would show them twice or never."""
    problems = []
    for side, n, only in (
        ("left", n_left, alignment.only_left),
        ("right", n_right, alignment.only_right),
    ):
        uses = [0] * n
        for g in alignment.groups:
            for i in g.left if side == "left" else g.right:
                uses[i] += 1
        for i in only:
            uses[i] += 1
        for r in alignment.restatements:
            if r.side == side:
                uses[r.index] += 1
        problems += [f"{side} {i} filed {u} times" for i, u in enumerate(uses) if u != 1]
    return problems


def score(alignment: Alignment, gold: Gold, n_left: int, n_right: int) -> Tally:
    pairs = {
        (i, j)
        for i, j in alignment_pairs(alignment)
        if i not in gold.ignore_left and j not in gold.ignore_right
    }
    acceptable = gold.sure | gold.possible
    left_alone, right_alone = one_sided(alignment, n_left, n_right)
    left_alone -= gold.ignore_left
    right_alone -= gold.ignore_right
    # a gold one-sided sentence that is only partially told by the other side
    # is right whether it is left alone or paired through that partial pair
    loose_left = {i for i, _ in gold.possible} - {i for i, _ in gold.sure}
    loose_right = {j for _, j in gold.possible} - {j for _, j in gold.sure}
    strict_left = gold.only_left - loose_left
    strict_right = gold.only_right - loose_right
    return Tally(
        predicted=len(pairs),
        correct=len(pairs & acceptable),
        sure=len(gold.sure),
        found=len(pairs & gold.sure),
        gold_one_sided=len(strict_left) + len(strict_right),
        one_sided_kept=len(strict_left & left_alone) + len(strict_right & right_alone),
        reported_one_sided=len(left_alone) + len(right_alone),
        reported_right=len(left_alone & gold.only_left) + len(right_alone & gold.only_right),
    )


@dataclass(slots=True)
class SilverTally:
    """Recall of ECB+ silver pairs (sentences sharing an annotated event)."""

    silver: int = 0
    found: int = 0
    predicted_in_selection: int = 0  # predicted pairs whose both sentences were annotated
    predicted_in_selection_silver: int = 0
    sentences: int = 0
    one_sided: int = 0
    silver_sentences: int = 0  # sentences in at least one silver pair
    silver_sentences_hit: int = 0  # ... that got at least one of their silver partners
    seconds: float = 0.0
    documents: int = 0

    def add(self, other: SilverTally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_silver(
    alignment: Alignment,
    silver: frozenset[Pair],
    selected_left: frozenset[int],
    selected_right: frozenset[int],
    n_left: int,
    n_right: int,
) -> SilverTally:
    pairs = alignment_pairs(alignment)
    in_selection = {(i, j) for i, j in pairs if i in selected_left and j in selected_right}
    left_alone, right_alone = one_sided(alignment, n_left, n_right)
    hit = pairs & silver
    silver_left = {i for i, _ in silver}
    silver_right = {j for _, j in silver}
    return SilverTally(
        silver=len(silver),
        found=len(hit),
        predicted_in_selection=len(in_selection),
        predicted_in_selection_silver=len(in_selection & silver),
        sentences=n_left + n_right,
        one_sided=len(left_alone) + len(right_alone),
        silver_sentences=len(silver_left) + len(silver_right),
        silver_sentences_hit=len({i for i, _ in hit}) + len({j for _, j in hit}),
        documents=1,
    )


# --------------------------------------------------------------------------- cost


def median_seconds(
    fn: Callable[[], object],
    repeat: int,
    warmup: int = 1,
    before: Callable[[], object] | None = None,
) -> float:
    """Median wall time of ``repeat`` calls (time.perf_counter), after warm-up
    calls that fill caches and are not counted; ``before`` runs untimed ahead of
    each timed call."""
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def clear_analysis_caches() -> int:
    """Empty every functools cache in newsdiff.analysis (the per-word caches of
    tokens.py, ...) and every other cache with a ``cache_clear`` method, so the
    next call runs cold, as on text never seen before. Returns how many caches
    were cleared."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("newsdiff.analysis") or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, type):
                continue  # a cache class, not a cache
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
                cleared += 1
    return cleared


def peak_bytes(fn: Callable[[], object]) -> int:
    """Peak memory Python allocated during one call (tracemalloc: Python heap
    only, allocations made before the call not counted)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def growth_exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """The k of time ~ n**k: least-squares slope of log(time) on log(n)."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mx) ** 2 for x in xs)
    return num / den if den else math.nan
