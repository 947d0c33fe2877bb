"""Word-choice findings judged by hand: the judging sheet and the precision.

Run, on a dump made by ``bench/framing_dump.py OUT --part P --kind word_choice``:

    .venv/bin/python bench/word_choice.py sheet OUT          # the sheet to judge, blind
    .venv/bin/python bench/word_choice.py score OUT JUDGED   # precision from the judgements

The protocol is ``bench/data/word_choice_judged.md``. The sheet lists each distinct pair of
phrases once, with one pair of sentences it was found in, in a seeded random order and with
nothing that says which rule found it. ``JUDGED`` is a tab-separated file, one line a pair
of phrases: ``left<TAB>right<TAB>yes|no`` (lines starting with "#" are notes). ``score``
prints the precision over distinct pairs of phrases and over findings, and lists the pairs
of the dump that have no judgement (they count as neither).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `newsdiff` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.alignment_data import load_articles

SHEET_SEED = 20261203
Phrases = tuple[str, str]


def read_dump(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    return [r for r in rows if r["kind"] == "word_choice"]


def phrases(row: dict) -> Phrases:
    return row["left_terms"][0], row["right_terms"][0]


def read_judged(path: Path) -> dict[Phrases, bool]:
    out: dict[Phrases, bool] = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[2] not in ("yes", "no"):
            raise SystemExit(f"{path}:{n}: expected left<TAB>right<TAB>yes|no")
        out[(parts[0], parts[1])] = parts[2] == "yes"
    return out


def sentence(doc: str, index: int) -> str:
    if doc == "seed":
        return "(seed pair)"
    return load_articles()[doc].sentences[index].text


def sheet(rows: Sequence[dict]) -> None:
    first: dict[Phrases, dict] = {}
    for row in rows:
        first.setdefault(phrases(row), row)
    order = sorted(first)
    random.Random(SHEET_SEED).shuffle(order)
    for n, key in enumerate(order):
        row = first[key]
        left_doc, _, right_doc = row["pair"].partition("/")
        left = sentence(left_doc, row["left_sentences"][0]) if right_doc else "(seed pair)"
        right = sentence(right_doc, row["right_sentences"][0]) if right_doc else ""
        print(f"## {n}\n{key[0]}\t{key[1]}\n  L: {left}\n  R: {right}\n")


def score(rows: Sequence[dict], judged: dict[Phrases, bool]) -> None:
    counts = Counter(phrases(r) for r in rows)
    known = [k for k in counts if k in judged]
    yes = [k for k in known if judged[k]]
    missing = [k for k in counts if k not in judged]
    found = sum(counts[k] for k in known)
    found_yes = sum(counts[k] for k in yes)
    print(f"findings: {sum(counts.values())}, distinct pairs of phrases: {len(counts)}")
    print(f"judged: {len(known)} pairs ({found} findings), not judged: {len(missing)}")
    if known:
        print(f"precision over pairs: {len(yes)}/{len(known)} = {len(yes) / len(known):.1%}")
        print(f"precision over findings: {found_yes}/{found} = {found_yes / found:.1%}")
    for key in missing:
        print(f"  not judged: {key[0]!r} / {key[1]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("sheet", "score"))
    parser.add_argument("dump", type=Path)
    parser.add_argument("judged", type=Path, nargs="?")
    args = parser.parse_args(argv)
    rows = read_dump(args.dump)
    if args.command == "sheet":
        sheet(rows)
    elif args.judged is None:
        parser.error("score needs JUDGED")
    else:
        score(rows, read_judged(args.judged))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
