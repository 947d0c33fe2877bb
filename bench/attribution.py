"""The attribution benchmark: how well framing finds who a report cites.

Run: .venv/bin/python bench/attribution.py [--errors]

Scores the attribution reader (``framing.attribution_cues``) on the hand-made
gold in ``bench/data/attribution_gold.json`` (its protocol, with the scoring
rules, is ``bench/data/attribution_gold.md``): cue recall, cue precision and
source correct, on the tune part and on the test part, the test part being the
figure to quote. ``--errors`` lists the mistakes on the tune part only: rules
are changed by looking at tune, never at test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `newsdiff` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.alignment import heading, pct, table
from bench.alignment_data import ECB_FOLDER
from newsdiff.analysis.ecbplus import detokenize
from newsdiff.analysis.framing import attribution_cues

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "data" / "attribution_gold.json"
ECBPLUS_DOCS = ECB_FOLDER / "ecbplus_docs.jsonl"
SPLITS = ("tune", "test")
TARGETS = {"recall": 0.85, "precision": 0.90, "source correct": 0.85}
SOURCE_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class GoldCue:
    cue: str
    n: int  # the how-many-th occurrence of the cue's first word in the sentence
    source: str
    heads: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    where: str  # document and sentence, for error lists
    split: str
    text: str
    cues: tuple[GoldCue, ...]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    source_correct: int = 0
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return {
            "recall": self.matched / self.gold if self.gold else 0.0,
            "precision": self.matched / self.found if self.found else 0.0,
            "source correct": self.source_correct / self.matched if self.matched else 0.0,
        }


def _cue(row: dict) -> GoldCue:
    return GoldCue(row["cue"], int(row.get("n", 1)), row["source"], tuple(row["heads"]))


def load_gold(path: Path = GOLD, ecbplus: Path = ECBPLUS_DOCS) -> list[GoldSentence]:
    """Every annotated sentence, ECB+ ones read from the corpus by id."""
    documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
    corpus = {}
    wanted = {d["id"].split(":", 1)[1] for d in documents if d["id"].startswith("ecbplus:")}
    if wanted:
        with open(ecbplus, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["doc"] in wanted:
                    corpus[row["doc"]] = row
    out: list[GoldSentence] = []
    for d in documents:
        if "sentences" in d:
            for k, s in enumerate(d["sentences"]):
                cues = tuple(_cue(c) for c in s["cues"])
                out.append(GoldSentence(f"{d['id']} #{k}", d["split"], s["text"], cues))
            continue
        row = corpus[d["id"].split(":", 1)[1]]
        by_sentence: dict[int, list[GoldCue]] = {}
        for c in d["cues"]:
            by_sentence.setdefault(int(c["sentence"]), []).append(_cue(c))
        for s in row["sentences"]:
            text = detokenize(s["text"])
            if text.startswith(("http", "www")):
                continue
            cues = tuple(by_sentence.get(s["sid"], ()))
            out.append(GoldSentence(f"{d['id']} s{s['sid']}", d["split"], text, cues))
    return out


def _first_word(cue: str) -> str:
    return cue.split()[0].lower() if cue.strip() else cue


def _occurrences(text: str, word: str) -> list[int]:
    """Character offsets of ``word`` standing alone in ``text`` (case ignored)."""
    if word == ":":
        return [m.start() for m in re.finditer(":", text)]
    pattern = r"(?<![\w-])" + re.escape(word) + r"(?![\w-])"
    return [m.start() for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def source_is_correct(found: str, gold: GoldCue) -> bool:
    words = re.findall(r"[\w'’.-]+", found.lower())
    if not gold.heads:
        return not found
    if not words or len(words) > SOURCE_MAX_WORDS:
        return False
    bare = {w.strip(".") for w in words} | {w.strip(".").removesuffix("'s") for w in words}
    return any(h.lower() in bare or h.lower() in found.lower().split() for h in gold.heads)


def score_sentence(sentence: GoldSentence, score: Score) -> None:
    found = attribution_cues(sentence.text)
    score.gold += len(sentence.cues)
    score.found += len(found)
    # a reader's cue, as (first word, occurrence): its offset among that word's occurrences
    keyed = {}
    for offset, cue, source in found:
        word = _first_word(cue)
        places = _occurrences(sentence.text, word)
        n = places.index(offset) + 1 if offset in places else 0
        keyed[(word, n)] = (cue, source)
    used = set()
    for g in sentence.cues:
        key = (_first_word(g.cue), g.n)
        if key in keyed and key not in used:
            used.add(key)
            score.matched += 1
            cue, source = keyed[key]
            if source_is_correct(source, g):
                score.source_correct += 1
            else:
                score.errors.append(
                    f"source  {sentence.where}: {g.cue!r} gold {g.source!r}, read {source!r}"
                    f"\n        {sentence.text}"
                )
        else:
            score.errors.append(
                f"missed  {sentence.where}: {g.cue!r} ({g.source})\n        {sentence.text}"
            )
    for key, (cue, source) in keyed.items():
        if key not in used:
            score.errors.append(
                f"extra   {sentence.where}: {cue!r} ({source!r})\n        {sentence.text}"
            )


def scores(sentences: Sequence[GoldSentence]) -> dict[str, Score]:
    out = {split: Score() for split in SPLITS}
    for s in sentences:
        score_sentence(s, out[s.split])
    return out


def _rows(result: dict[str, Score]) -> Iterator[list[object]]:
    for split in SPLITS:
        s = result[split]
        f = s.figures()
        yield [
            split,
            s.gold,
            s.found,
            s.matched,
            pct(f["recall"]),
            pct(f["precision"]),
            pct(f["source correct"]),
        ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the tune part's mistakes")
    args = parser.parse_args(argv)
    if not ECBPLUS_DOCS.exists():
        print(f"ECB+ not found at {ECBPLUS_DOCS}: attribution benchmark skipped")
        return 0
    result = scores(load_gold())
    heading("Attribution cues against the hand-made gold (bench/data/attribution_gold.md)")
    table(
        ["part", "gold cues", "read", "matched", "recall", "precision", "source correct"],
        list(_rows(result)),
    )
    test = result["test"].figures()
    verdicts = ", ".join(
        f"{name} {pct(test[name])} ({'meets' if test[name] >= goal else 'below'} {pct(goal)})"
        for name, goal in TARGETS.items()
    )
    print(f"\n  test part: {verdicts}")
    if args.errors:
        heading("Mistakes on the tune part")
        for line in result["tune"].errors:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
