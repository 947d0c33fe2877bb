"""How well does the page-furniture classifier do? (`python bench/furniture.py [-v]`)

1. The two seed reports against ../shared/gold/seed-alignment.json: every
   page-furniture line removed, the metadata in its fields, every other sentence kept.
2. The ECB+ corpus (982 news articles without page furniture, fed as
   ``headline + blank line + body``): how many lines the classifier removes.
   Every one of them is a false removal unless it really is furniture, so the
   script prints them all for a look. Lines moved to the metadata fields
   (standfirst, byline, dateline) are counted separately.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from newsdiff.analysis.clean import EXTRA_DATE_REASON, clean_text, clean_upload, normalise
from newsdiff.analysis.ecbplus import read_documents

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def check_seeds() -> int:
    gold = json.loads((REPO / "seeds" / "seed-alignment.gold.json").read_text(encoding="utf-8"))
    failures = 0
    for side in ("left", "right"):
        cleaned = clean_upload((REPO / "seeds" / gold[side]).read_bytes(), filename=gold[side])
        kept = "\n".join((cleaned.headline, cleaned.standfirst, cleaned.body))
        removed = "\n".join(line.text for line in cleaned.removed)
        # The gold quotes the raw text (non-breaking spaces and all); the fields are normalised.
        sentences = [normalise(pair[side]) for pair in gold["pairs"]]
        sentences += [normalise(s) for s in gold[f"only_{side}"]]
        lost = [s for s in sentences if s not in kept]
        left_in = [s for s in gold["page_furniture"][side] if s in kept or s not in removed]
        metadata = gold["metadata"].get(side, {})
        wrong = [k for k, v in metadata.items() if getattr(cleaned, k) != v]
        failures += len(lost) + len(left_in) + len(wrong)
        print(
            f"seed {side:5} {gold[side]}: {len(cleaned.removed)} lines removed, "
            f"furniture left in {len(left_in)}/{len(gold['page_furniture'][side])}, "
            f"sentences lost {len(lost)}/{len(sentences)}, metadata wrong {len(wrong)}"
        )
        for what, items in (("left in", left_in), ("lost", lost), ("wrong", wrong)):
            for item in items:
                print(f"    {what}: {item}")
    return failures


def check_ecbplus(verbose: bool) -> int:
    docs = list(read_documents(SHARED / "data" / "ecbplus"))
    lines = removed = dates = 0
    moved: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    examples: list[str] = []
    started = time.perf_counter()
    for doc in docs:
        text = f"{doc.headline}\n\n{doc.body}"
        lines += sum(1 for line in text.splitlines() if line.strip())
        cleaned = clean_text(text)
        for line in cleaned.removed:
            if line.reason == EXTRA_DATE_REASON:  # metadata, not furniture
                dates += 1
                continue
            removed += 1
            reasons[line.reason.split(" (")[0]] += 1
            examples.append(
                f"    {doc.doc:>16} line {line.line:>3}: {line.text[:90]!r} ({line.reason})"
            )
        for name in ("standfirst", "byline", "dateline"):
            moved[name] += bool(getattr(cleaned, name))
    elapsed = time.perf_counter() - started
    print(
        f"ECB+: {len(docs)} articles, {lines} lines, {removed} removed as furniture "
        f"({removed / lines:.2%}) in {elapsed:.1f} s"
    )
    print(
        "      moved to metadata: "
        + ", ".join(f"{k} {v}" for k, v in moved.items())
        + f"; {dates} further date lines ('Updated ...') listed as removed"
    )
    for reason, count in reasons.most_common():
        print(f"      {count:>4}  {reason}")
    print("\n".join(examples if verbose else examples[:40]))
    if not verbose and len(examples) > 40:
        print(f"    ... {len(examples) - 40} more (-v shows all)")
    return removed


def main() -> None:
    failures = check_seeds()
    print()
    check_ecbplus("-v" in sys.argv)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
