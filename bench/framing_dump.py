"""Every framing finding of the seed pair and of ECB+ same-story pairs, one JSON
line each, so two versions of framing can be compared finding by finding.

Run: .venv/bin/python bench/framing_dump.py OUT.jsonl [--pairs N] [--part tuning|test] [--kind K]
Then: diff BEFORE.jsonl AFTER.jsonl (or bench/framing_dump.py --compare A B)

Each line holds the pair (``seed`` or the two ECB+ document ids) and one finding
as ``framing_to_dict`` writes it, in the order framing returns them. ``--pairs N``
takes a seeded sample of N pairs (the same sample every run); without it, every
pair of documents of the same story. ``--part`` keeps one part of the word-choice
protocol's split (bench/data/word_choice_judged.md): ``tuning`` is the seed pair and the
ECB+ topics with an odd id, ``test`` the topics with an even id. ``--kind`` keeps the
findings of one kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `newsdiff` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.alignment_data import SEEDS_FOLDER, load_articles, sample_pairs, story_pairs
from newsdiff.analysis import compare_texts
from newsdiff.analysis.align import align_sentences
from newsdiff.analysis.compare import group_diffs
from newsdiff.analysis.framing import analyse_framing, framing_to_dict

SAMPLE_SEED = 20261203
SEED_FILES = ("000_abca97e62226170e.txt", "002_949427fbf105c65a.txt")


PARTS = ("tuning", "test")


def part_of(doc: str) -> str:
    """The protocol's part of an ECB+ document ("10_13ecbplus"): by its topic id."""
    return "tuning" if int(doc.split("_", 1)[0]) % 2 else "test"


def findings(pairs: int | None, part: str | None = None) -> Iterator[dict]:
    if part in (None, "tuning"):
        left, right = (SEEDS_FOLDER / name for name in SEED_FILES)
        seed = compare_texts(left.read_text("utf-8"), right.read_text("utf-8"))
        for f in seed["framing"]["findings"]:
            yield {"pair": "seed", **f}
    articles = load_articles()
    chosen = [p for p in story_pairs(articles) if part is None or part_of(p[0]) == part]
    if pairs is not None:
        chosen = sample_pairs(chosen, pairs, SAMPLE_SEED)
    for a, b in chosen:
        ls, rs = articles[a].sentences, articles[b].sentences
        alignment = align_sentences(ls, rs)
        found = analyse_framing(ls, rs, alignment, diffs=group_diffs(ls, rs, alignment))
        for f in framing_to_dict(found)["findings"]:
            yield {"pair": f"{a}/{b}", **f}


def compare(before: Path, after: Path) -> None:
    """Findings per kind in each dump, and how many lines differ."""
    old = before.read_text("utf-8").splitlines()
    new = after.read_text("utf-8").splitlines()
    kinds = sorted({json.loads(x)["kind"] for x in old + new})
    count_old = Counter(json.loads(x)["kind"] for x in old)
    count_new = Counter(json.loads(x)["kind"] for x in new)
    for kind in kinds:
        print(f"  {kind:15} {count_old[kind]:6} -> {count_new[kind]:6}")
    gone, added = Counter(old) - Counter(new), Counter(new) - Counter(old)
    print(f"  lines only before: {sum(gone.values())}, only after: {sum(added.values())}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--pairs", type=int, default=None)
    parser.add_argument("--part", choices=PARTS, default=None)
    parser.add_argument("--kind", default=None, help="keep the findings of this kind only")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return 0
    if args.out is None:
        parser.error("give OUT.jsonl or --compare BEFORE AFTER")
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in findings(args.pairs, args.part):
            if args.kind is not None and row["kind"] != args.kind:
                continue
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
