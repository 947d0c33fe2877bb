"""The framing benchmark: what framing finds and what it costs beside the rest
of a comparison.

Run: .venv/bin/python bench/framing.py [--quick] [--sample N --seed S]

1. The seed pair: findings per kind and the time each step takes.
2. Framing's overhead: its time beside the rest of the comparison on the seed
   pair and on synthetic documents of 200 and 2,000 sentences a side
   (bench/alignment_data.py says how they are made), warm and cold: timed
   inside the full comparison a user waits for (compare_texts on the raw texts:
   clean, segment, align, diff, framing), where the target (framing adds under
   20 %) is judged, and against alignment and word diffs alone.
3. Every same-story pair of ECB+ documents (as bench/alignment.py reads them):
   findings per kind, in total and per pair, and the time framing takes.

``--sample N --seed S`` prints N findings drawn from the ECB+ run, spread over
the kinds, each with its evidence sentences, so a person can judge them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `newsdiff` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.alignment import heading, machine, ms, short, table, timed_section
from bench.alignment_data import (
    SEED_GOLD,
    SEEDS_FOLDER,
    EcbArticle,
    build_synthetic,
    load_articles,
    sample_pairs,
    seed_case,
    story_pairs,
)
from bench.alignment_scoring import clear_analysis_caches
from newsdiff.analysis import framing as framing_module
from newsdiff.analysis.align import align_sentences
from newsdiff.analysis.compare import compare_texts, group_diffs
from newsdiff.analysis.framing import (
    FRAMING_VERSION,
    KINDS,
    LEXICON_DIR,
    Finding,
    Framing,
    Lexicon,
    analyse_framing,
    framing_to_dict,
)
from newsdiff.analysis.types import Sentence

SYNTHETIC_SEED = 2026
SIDE_NAMES = ("left", "right")
SIZES = (200, 2000)
TARGET_OVERHEAD = 0.20
QUICK_PAIRS = 400
QUICK_SEED = 20260323
FRAMING_STEPS = ("analyse_framing", "framing_to_dict")  # as compare.py calls them


@dataclass(frozen=True, slots=True)
class Settings:
    quick: bool
    pairs: int | None  # None: every story pair
    repeats: dict[str, int]  # timed runs per overhead case
    cold_repeats: int


FULL = Settings(False, None, {"seed": 31, "200": 9, "2000": 3}, 3)
QUICK = Settings(True, QUICK_PAIRS, {"seed": 11, "200": 3, "2000": 1}, 1)


# --------------------------------------------------------------------------- one comparison


@dataclass(frozen=True, slots=True)
class Run:
    """One comparison split in two: the rest (alignment and word diffs) and framing."""

    framing: Framing
    rest_seconds: float
    framing_seconds: float


def compare(left: Sequence[Sentence], right: Sequence[Sentence], lexicon: Lexicon) -> Run:
    """The steps of compare.compare_sentences that cost time, timed apart
    (framing's time includes turning it into the JSON the result stores)."""
    started = time.perf_counter()
    alignment = align_sentences(left, right)
    diffs = group_diffs(left, right, alignment)
    aligned = time.perf_counter()
    found = analyse_framing(left, right, alignment, lexicon=lexicon, diffs=diffs)
    framing_to_dict(found)  # the result stores it as JSON: part of framing's cost
    done = time.perf_counter()
    return Run(found, aligned - started, done - aligned)


def fresh_lexicon() -> Lexicon:
    """The shipped lexicon built anew, then every analysis cache emptied, so the
    next comparison runs cold (nothing about its words known in advance)."""
    lexicon = Lexicon.from_files(LEXICON_DIR)
    clear_analysis_caches()
    return lexicon


def warm_times(
    left: Sequence[Sentence], right: Sequence[Sentence], lexicon: Lexicon, repeat: int
) -> tuple[float, float]:
    """Median rest and framing times of ``repeat`` comparisons after a warm-up
    one (the caches of tokens.py, worddiff.py and framing.py are warm)."""
    compare(left, right, lexicon)
    runs = [compare(left, right, lexicon) for _ in range(repeat)]
    return (
        statistics.median(r.rest_seconds for r in runs),
        statistics.median(r.framing_seconds for r in runs),
    )


def cold_times(
    left: Sequence[Sentence], right: Sequence[Sentence], repeat: int
) -> tuple[float, float]:
    """The same, each comparison on emptied caches and a fresh lexicon (text
    never seen before); the run with the smallest total counts."""
    runs = []
    for _ in range(repeat):
        lexicon = fresh_lexicon()
        runs.append(compare(left, right, lexicon))
    best = min(runs, key=lambda r: r.rest_seconds + r.framing_seconds)
    return best.rest_seconds, best.framing_seconds


@dataclass(frozen=True, slots=True)
class FullRun:
    """One full comparison (compare_texts on raw texts) and framing's part of it."""

    total: float
    framing: float

    @property
    def rest(self) -> float:
        return self.total - self.framing


@contextlib.contextmanager
def framing_clock() -> Iterator[list[float]]:
    """While open, the framing steps compare.py calls (analyse_framing and
    framing_to_dict) add their time to the list it yields."""
    spent: list[float] = []
    originals = {name: getattr(framing_module, name) for name in FRAMING_STEPS}

    def clocked(step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return step(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - started)

        return run

    for name, step in originals.items():
        setattr(framing_module, name, clocked(step))
    try:
        yield spent
    finally:
        for name, step in originals.items():
            setattr(framing_module, name, step)


def full_run(left_text: str, right_text: str) -> FullRun:
    with framing_clock() as spent:
        started = time.perf_counter()
        compare_texts(left_text, right_text)
        total = time.perf_counter() - started
    return FullRun(total, sum(spent))


def full_times(left_text: str, right_text: str, repeat: int) -> FullRun:
    """The full comparison a user waits for (compare_texts on the raw texts:
    clean, segment, align, diff, framing) after a warm-up one: the run of median
    total time of ``repeat``."""
    full_run(left_text, right_text)
    runs = sorted((full_run(left_text, right_text) for _ in range(repeat)), key=_total)
    return runs[len(runs) // 2]


def full_cold(left_text: str, right_text: str, repeat: int) -> FullRun:
    """The same on text never seen before: every analysis cache emptied and the
    shipped lexicon loaded anew (untimed, as a running app has it) before each
    run; the run of smallest total time."""
    runs = []
    for _ in range(repeat):
        clear_analysis_caches()
        Lexicon.default()
        runs.append(full_run(left_text, right_text))
    return min(runs, key=_total)


def _total(run: FullRun) -> float:
    return run.total


def raw_text(sentences: Sequence[Sentence]) -> str:
    """Segmented sentences as a pasted text: one paragraph each."""
    return "\n\n".join(s.text for s in sentences)


def by_kind(findings: Sequence[Finding]) -> Counter[str]:
    return Counter(f.kind for f in findings)


def overhead(rest: float, framing: float, judged: bool = True) -> str:
    share = framing / rest if rest else math.nan
    if not judged:
        return f"+{100 * share:.0f}%"
    verdict = "ok" if share < TARGET_OVERHEAD else "MISSED"
    return f"+{100 * share:.0f}% ({verdict})"


# --------------------------------------------------------------------------- sections


SeedTimes = tuple[str, tuple[float, float], tuple[float, float]]  # sizes, warm, cold


def seed_texts() -> tuple[str, str]:
    """The two seed reports as pasted (furniture included)."""
    spec = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return tuple((SEEDS_FOLDER / spec[side]).read_text(encoding="utf-8") for side in SIDE_NAMES)


def seed_section(settings: Settings, lexicon: Lexicon) -> SeedTimes | None:
    heading("1. Seed pair: Morning Star vs The Independent (AP)")
    try:
        case = seed_case()
    except (ImportError, OSError) as exc:
        print(f"  skipped: seed pair not readable ({exc})")
        return None
    run = compare(case.left, case.right, lexicon)
    counts = by_kind(run.framing.findings)
    subkinds: dict[str, Counter[str]] = {}
    for f in run.framing.findings:
        subkinds.setdefault(f.kind, Counter())[f.subkind or "-"] += 1
    rows = [
        [
            kind,
            counts[kind],
            ", ".join(f"{s} {n}" for s, n in sorted(subkinds.get(kind, {}).items())),
        ]
        for kind in KINDS
    ]
    rows.append(["all", sum(counts.values()), ""])
    print(f"  {len(case.left)} left and {len(case.right)} right sentences (cleaning + segment.py)")
    table(["kind", "findings", "by subkind"], rows, text_columns=(0, 2))
    stats = run.framing
    print(
        f"  also: {len(stats.naming)} naming rows, {len(stats.left.only_terms)} left-only and "
        f"{len(stats.right.only_terms)} right-only key terms, "
        f"{len(stats.left.attributions)}/{len(stats.right.attributions)} attributions"
    )
    warm = warm_times(case.left, case.right, lexicon, settings.repeats["seed"])
    cold = cold_times(case.left, case.right, settings.cold_repeats * 3)
    table(
        ["", "alignment + word diffs", "framing", "framing adds"],
        [
            ["warm", ms(warm[0]), ms(warm[1]), overhead(*warm)],
            ["cold", ms(cold[0]), ms(cold[1]), overhead(*cold)],
        ],
    )
    return f"{len(case.left)} x {len(case.right)}", warm, cold


@dataclass
class EcbResult:
    pairs: list[tuple[str, str]]
    findings: list[tuple[tuple[str, str], Finding]]
    rest: list[float]
    framing: list[float]


def ecb_section(settings: Settings, lexicon: Lexicon) -> EcbResult | None:
    heading("3. ECB+: every pair of documents of the same story")
    try:
        articles = load_articles()
    except OSError as exc:
        print(f"  skipped: ECB+ not readable ({exc})")
        return None
    pairs = story_pairs(articles)
    if settings.pairs is not None:
        pairs = sample_pairs(pairs, settings.pairs, QUICK_SEED)
        print(f"  --quick: {len(pairs)} pairs drawn with seed {QUICK_SEED}")
    result = EcbResult(pairs, [], [], [])
    per_pair: dict[str, list[int]] = {kind: [] for kind in KINDS}
    sentences = 0
    for a, b in pairs:
        left, right = articles[a].sentences, articles[b].sentences
        sentences += len(left) + len(right)
        run = compare(left, right, lexicon)
        result.rest.append(run.rest_seconds)
        result.framing.append(run.framing_seconds)
        counts = by_kind(run.framing.findings)
        for kind in KINDS:
            per_pair[kind].append(counts[kind])
        result.findings.extend(((a, b), f) for f in run.framing.findings)
    n = len(pairs)
    print(
        f"  {n} pairs ({sentences / (2 * n):.1f} sentences a document on average), run once "
        "each in corpus order (caches shared between pairs, as in one process of the app)"
    )
    rows = []
    for kind in KINDS:
        counts = per_pair[kind]
        rows.append(
            [
                kind,
                sum(counts),
                f"{sum(counts) / n:.2f}",
                statistics.median(counts),
                max(counts),
                f"{100 * sum(1 for c in counts if c) / n:.0f}%",
            ]
        )
    total = [sum(per_pair[k][i] for k in KINDS) for i in range(n)]
    rows.append(
        [
            "all",
            sum(total),
            f"{sum(total) / n:.2f}",
            statistics.median(total),
            max(total),
            f"{100 * sum(1 for c in total if c) / n:.0f}%",
        ]
    )
    table(["kind", "findings", "per pair", "median", "max", "pairs with one"], rows)
    rest, framing = sum(result.rest), sum(result.framing)
    table(
        ["", "total", "median per pair", "max per pair"],
        [
            [
                "alignment + word diffs",
                ms(rest),
                ms(statistics.median(result.rest)),
                ms(max(result.rest)),
            ],
            [
                "framing",
                ms(framing),
                ms(statistics.median(result.framing)),
                ms(max(result.framing)),
            ],
        ],
    )
    print(f"  on ECB+, framing adds {overhead(rest, framing)} to the comparisons' time")
    return result


def overhead_section(settings: Settings, lexicon: Lexicon, seed: SeedTimes | None) -> None:
    heading("2. Framing's overhead: framing time / time of the rest of the comparison")
    print("  full comparison: compare_texts on the raw texts (clean + segment + align + word")
    print("  diffs + framing + JSON), the comparison a user waits for; framing is timed inside")
    print("  it (analyse_framing and framing_to_dict as compare.py calls them) and its share is")
    print("  framing / (total - framing). The target (< 20 %) is judged on it, warm and cold.")
    print("  warm: median of several runs after a warm-up one (per-word and per-sentence caches")
    print("  full, as when one text is compared with several others); cold: every functools")
    print("  cache of newsdiff.analysis emptied and the lexicon loaded anew before each run")
    print("  (text never seen before), best of a few. Synthetic documents are pasted as one")
    print("  paragraph a sentence. align + diffs: the same share against alignment and word")
    print("  diffs alone (sentences given), the part of the comparison framing builds on.")
    cases: list[tuple[str, str, str, str, SeedTimes | None, int]] = []
    if seed is not None:
        left_text, right_text = seed_texts()
        cases.append(("seed pair", seed[0], left_text, right_text, seed, settings.repeats["seed"]))
    synthetic = {}
    for n in SIZES:
        case = build_synthetic(n, SYNTHETIC_SEED)
        synthetic[n] = case
        cases.append(
            (
                f"synthetic {n}",
                f"{len(case.left)} x {len(case.right)}",
                raw_text(case.left),
                raw_text(case.right),
                None,
                settings.repeats[str(n)],
            )
        )
    rows = []
    verdicts = []
    for name, sizes, left_text, right_text, seed_times, repeat in cases:
        if seed_times is not None:
            warm, cold = seed_times[1], seed_times[2]
        else:
            case = synthetic[int(name.split()[-1])]
            warm = warm_times(case.left, case.right, lexicon, repeat)
            cold = cold_times(case.left, case.right, settings.cold_repeats)
        full_warm = full_times(left_text, right_text, repeat)
        cold_full = full_cold(left_text, right_text, max(1, settings.cold_repeats))
        for label, full, parts in (("warm", full_warm, warm), ("cold", cold_full, cold)):
            rows.append(
                [
                    name if label == "warm" else "",
                    sizes if label == "warm" else "",
                    label,
                    ms(full.total),
                    ms(full.framing),
                    overhead(full.rest, full.framing),
                    ms(parts[0]),
                    ms(parts[1]),
                    overhead(*parts, judged=False),
                ]
            )
            verdicts.append(
                f"  {name}, {label}: framing adds {overhead(full.rest, full.framing)} to the "
                f"rest of the full comparison, {overhead(*parts, judged=False)} to align + diffs"
            )
    table(
        [
            "documents",
            "sentences",
            "",
            "full comparison",
            "framing in it",
            f"adds to the rest (< {TARGET_OVERHEAD:.0%})",
            "align + diffs",
            "framing",
            "adds to align + diffs",
        ],
        rows,
        text_columns=(0, 1, 2),
    )
    print("\n".join(verdicts))


# --------------------------------------------------------------------------- the sample


def sample_findings(
    found: Sequence[tuple[tuple[str, str], Finding]], n: int, seed: int
) -> list[tuple[tuple[str, str], Finding]]:
    """``n`` findings drawn with ``seed``, spread over the kinds: the kinds are
    taken in turn (in KINDS order, skipping kinds with none left), one random
    finding of the kind each time."""
    rng = random.Random(seed)
    pools: dict[str, list[tuple[tuple[str, str], Finding]]] = {kind: [] for kind in KINDS}
    for item in found:
        pools[item[1].kind].append(item)
    for pool in pools.values():
        rng.shuffle(pool)
    chosen = []
    while len(chosen) < n and any(pools.values()):
        for kind in KINDS:
            if pools[kind] and len(chosen) < n:
                chosen.append(pools[kind].pop())
    return chosen


def print_sample(
    chosen: Sequence[tuple[tuple[str, str], Finding]], articles: dict[str, EcbArticle], seed: int
) -> None:
    heading(f"4. {len(chosen)} findings drawn with seed {seed}, with their evidence")
    for number, ((a, b), f) in enumerate(chosen, start=1):
        print()
        print(
            f"  [{number}] {f.kind}/{f.subkind or '-'} ({f.label}), side {f.side}; "
            f"left {a}, right {b}"
        )
        print(f"      {f.summary}")
        for side, doc, terms, indexes in (
            ("left", a, f.left_terms, f.left_sentences),
            ("right", b, f.right_terms, f.right_sentences),
        ):
            if terms:
                print(f"      {side} terms: {' | '.join(terms)}")
            sentences = articles[doc].sentences
            for i in indexes:
                print(f"      {side} [{i}] {short(sentences[i].text, 200)}")


# --------------------------------------------------------------------------- main


def header() -> None:
    """bench/alignment.py's machine lines under this benchmark's own title."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        machine()
    lines = out.getvalue().splitlines()
    print("newsdiff framing benchmark")
    print("\n".join(lines[1:]))
    print(
        f"  framing  : FRAMING_VERSION {FRAMING_VERSION}, "
        f"lexicon {LEXICON_DIR.relative_to(LEXICON_DIR.parents[1])}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_PAIRS} ECB+ pairs, fewer runs"
    )
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="print N findings")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="seed of the sample")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    started = time.perf_counter()
    header()
    if settings.quick:
        print(
            "  mode     : --quick (a sample of pairs, fewer runs; cite the figures of a full run)"
        )
    lexicon = Lexicon.default()
    seed = timed_section(seed_section, settings, lexicon)
    # timed before the ECB+ run, whose 5,117 results would otherwise sit in memory and
    # slow every allocation-heavy step the overhead section times
    timed_section(overhead_section, settings, lexicon, seed)
    ecb = timed_section(ecb_section, settings, lexicon)
    if args.sample and ecb is not None:
        print_sample(
            sample_findings(ecb.findings, args.sample, args.seed), load_articles(), args.seed
        )
    print()
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
