"""Inputs for the alignment benchmark: the seed pair and its gold, ECB+ articles
as sentence lists, the ECB+ silver pairs, the hand-checked ECB+ gold, and the
synthetic reordered/reworded documents used for speed.

Everything here is plain data built from files; nothing runs an aligner. The
benchmark (``bench/alignment.py``) and its test import these builders.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path

from newsdiff.analysis.ecbplus import EcbDocument, detokenize, read_documents, read_sentence_pairs
from newsdiff.analysis.types import Role, Sentence

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ECB_FOLDER = SHARED / "data" / "ecbplus"
SEED_GOLD = ROOT / "seeds" / "seed-alignment.gold.json"  # a copy of shared/gold/
SEEDS_FOLDER = ROOT / "seeds"
HAND_GOLD = Path(__file__).resolve().parent / "data" / "ecbplus_hand_gold.json"
HAND_GOLD_PARTS = ("tuning", "test")

Pair = tuple[int, int]  # (left sentence index, right sentence index)
_WHITESPACE = re.compile(r"\s+")


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class Gold:
    """What a correct alignment of one document pair looks like.

    ``sure`` pairs must be found (recall counts them); ``possible`` pairs are
    acceptable but not required (a sentence whose side clause tells the other
    sentence's fact), so precision counts a predicted pair as right when it is
    sure or possible (the sure/possible convention of word-alignment gold).
    Pairs touching an ``ignore`` sentence (datelines, corpus split artefacts,
    sentences the gold does not name) are left out of both figures.
    """

    name: str
    sure: frozenset[Pair]
    possible: frozenset[Pair] = frozenset()
    only_left: frozenset[int] = frozenset()
    only_right: frozenset[int] = frozenset()
    ignore_left: frozenset[int] = frozenset()
    ignore_right: frozenset[int] = frozenset()
    # (side, restating sentence, restated sentence), as in types.Restatement
    restatements: tuple[tuple[str, int, int], ...] = ()
    note: str = ""


# --------------------------------------------------------------------------- seed pair


@dataclass(frozen=True, slots=True)
class SeedCase:
    left: tuple[Sentence, ...]
    right: tuple[Sentence, ...]
    gold: Gold
    unresolved: tuple[str, ...]  # gold substrings that name no sentence, or several
    unnamed_left: tuple[int, ...]  # sentences the gold does not mention
    unnamed_right: tuple[int, ...]


def seed_documents(gold_path: Path = SEED_GOLD) -> tuple[list[Sentence], list[Sentence]]:
    """The two seed reports, cleaned by clean/ and segmented by segment.py."""
    from newsdiff.analysis.clean import clean_text
    from newsdiff.analysis.segment import segment_document

    spec = json.loads(gold_path.read_text(encoding="utf-8"))
    sides = []
    for name in (spec["left"], spec["right"]):
        cleaned = clean_text((SEEDS_FOLDER / name).read_text(encoding="utf-8"))
        sides.append(segment_document(cleaned.headline, cleaned.standfirst, cleaned.body))
    return sides[0], sides[1]


def _squash(text: str) -> str:
    """Whitespace of any kind (the gold keeps a no-break space that cleaning
    turns into a plain one) as one plain space."""
    return _WHITESPACE.sub(" ", text)


def _find(sentences: Sequence[Sentence], needle: str, problems: list[str], side: str) -> int | None:
    needle = _squash(needle)
    hits = [s.index for s in sentences if needle in _squash(s.text)]
    if len(hits) == 1:
        return hits[0]
    problems.append(f"{side}: {needle!r} names {len(hits)} sentences")
    return None


def resolve_seed_gold(
    left: Sequence[Sentence], right: Sequence[Sentence], spec: dict
) -> tuple[Gold, tuple[str, ...]]:
    """Turn the seed gold's unique substrings into sentence indexes.

    The right report's standfirst restates its lede: it belongs with that pair,
    so pairing it with the left lede is acceptable (possible) but not required.
    """
    problems: list[str] = []
    sure: set[Pair] = set()
    possible: set[Pair] = set()
    restatements: list[tuple[str, int, int]] = []
    for entry in spec["pairs"]:
        i = _find(left, entry["left"], problems, "left")
        j = _find(right, entry["right"], problems, "right")
        if i is None or j is None:
            continue
        sure.add((i, j))
        if "right_restatement" in entry:
            k = _find(right, entry["right_restatement"], problems, "right restatement")
            if k is not None:
                possible.add((i, k))
                restatements.append(("right", k, j))
    only_left = {_find(left, n, problems, "only_left") for n in spec["only_left"]}
    only_right = {_find(right, n, problems, "only_right") for n in spec["only_right"]}
    only_left.discard(None)
    only_right.discard(None)
    gold = Gold(
        name="seed",
        sure=frozenset(sure),
        possible=frozenset(possible),
        only_left=frozenset(i for i in only_left if i is not None),
        only_right=frozenset(j for j in only_right if j is not None),
        restatements=tuple(restatements),
    )
    return gold, tuple(problems)


def seed_case(gold_path: Path = SEED_GOLD) -> SeedCase:
    left, right = seed_documents(gold_path)
    spec = json.loads(gold_path.read_text(encoding="utf-8"))
    gold, problems = resolve_seed_gold(left, right, spec)
    named_left = {i for i, _ in gold.sure | gold.possible} | gold.only_left
    named_right = {j for _, j in gold.sure | gold.possible} | gold.only_right
    unnamed_left = tuple(s.index for s in left if s.index not in named_left)
    unnamed_right = tuple(s.index for s in right if s.index not in named_right)
    gold = Gold(
        name=gold.name,
        sure=gold.sure,
        possible=gold.possible,
        only_left=gold.only_left,
        only_right=gold.only_right,
        ignore_left=frozenset(unnamed_left),
        ignore_right=frozenset(unnamed_right),
        restatements=gold.restatements,
    )
    return SeedCase(tuple(left), tuple(right), gold, problems, unnamed_left, unnamed_right)


# --------------------------------------------------------------------------- ECB+ articles


@dataclass(frozen=True, slots=True)
class EcbArticle:
    """One ECB+ document as the aligner sees it: headline (ecbplus half only)
    then one sentence per corpus sentence, never resegmented, so that every
    sentence keeps its corpus ``sid``."""

    doc: str
    story_key: str
    sentences: tuple[Sentence, ...]
    sids: tuple[int, ...]  # sids[i] is the corpus sid of sentences[i]
    by_sid: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def index_of(self, sid: int) -> int | None:
        return self.by_sid.get(sid)


def headline_sid(doc: EcbDocument) -> int:
    """The corpus sid of an ecbplus document's headline.

    The reader drops the URL sentence and takes the next one as the headline
    without keeping its sid; it is the sentence just before the first body
    sentence (checked against the raw corpus for every document that has a
    body; the two without one start with the URL at sid 0).
    """
    return doc.sentences[0].sid - 1 if doc.sentences else 1


def ecb_article(doc: EcbDocument) -> EcbArticle:
    sentences: list[Sentence] = []
    sids: list[int] = []
    if doc.headline:
        text = doc.headline
        sentences.append(Sentence(0, text, "headline", 0, 0, len(text)))
        sids.append(headline_sid(doc))
    offset = 0
    for paragraph, ecb in enumerate(doc.sentences, start=1):
        role: Role = "body"
        start = offset
        end = start + len(ecb.text)
        sentences.append(Sentence(len(sentences), ecb.text, role, paragraph, start, end))
        sids.append(ecb.sid)
        offset = end + 2  # EcbDocument.body joins sentences with a blank line
    by_sid = {sid: i for i, sid in enumerate(sids)}
    return EcbArticle(doc.doc, doc.story_key, tuple(sentences), tuple(sids), by_sid)


def doc_sort_key(name: str) -> tuple[int, str, int]:
    """'10_13ecbplus' -> (10, 'ecbplus', 13): topic, half, number."""
    topic, rest = name.split("_", 1)
    m = re.match(r"(\d+)(\D+)", rest)
    if not m:
        return int(topic), rest, 0
    return int(topic), m.group(2), int(m.group(1))


@cache
def load_articles(folder: Path = ECB_FOLDER) -> dict[str, EcbArticle]:
    return {d.doc: ecb_article(d) for d in read_documents(folder)}


def story_pairs(articles: dict[str, EcbArticle], min_sentences: int = 2) -> list[tuple[str, str]]:
    """Every pair of documents of the same story (same topic and subtopic), the
    left one first in corpus order."""
    stories: dict[str, list[str]] = {}
    for name in sorted(articles, key=doc_sort_key):
        if len(articles[name].sentences) >= min_sentences:
            stories.setdefault(articles[name].story_key, []).append(name)
    return [pair for names in stories.values() for pair in combinations(names, 2)]


@dataclass(frozen=True, slots=True)
class SilverSet:
    """ECB+ sentence pairs that share an annotated event, as sentence indexes,
    keyed by (left doc, right doc) in the order of ``story_pairs``."""

    pairs: dict[tuple[str, str], frozenset[Pair]]
    unmapped: int  # corpus pairs whose sid is not one of our sentences
    text_mismatches: int  # corpus pairs whose text differs from our sentence's


@cache
def load_silver(folder: Path = ECB_FOLDER) -> SilverSet:
    articles = load_articles(folder)
    found: dict[tuple[str, str], set[Pair]] = {}
    unmapped = mismatches = 0
    for row in read_sentence_pairs(folder):
        a, b = articles.get(row["doc1"]), articles.get(row["doc2"])
        if a is None or b is None or a.story_key != b.story_key:
            continue
        sa, sb, ta, tb = row["sid1"], row["sid2"], row["s1"], row["s2"]
        if doc_sort_key(a.doc) > doc_sort_key(b.doc):
            a, b, sa, sb, ta, tb = b, a, sb, sa, tb, ta
        i, j = a.index_of(sa), b.index_of(sb)
        if i is None or j is None:
            unmapped += 1
            continue
        if detokenize(ta) != a.sentences[i].text or detokenize(tb) != b.sentences[j].text:
            mismatches += 1
        found.setdefault((a.doc, b.doc), set()).add((i, j))
    return SilverSet({k: frozenset(v) for k, v in found.items()}, unmapped, mismatches)


def annotated(article: EcbArticle, folder: Path = ECB_FOLDER) -> frozenset[int]:
    """Indexes of the sentences in the corpus's coreference selection (the only
    ones whose events were annotated, so the only ones silver pairs can name)."""
    return _annotated(folder)[article.doc]


@cache
def _annotated(folder: Path) -> dict[str, frozenset[int]]:
    out: dict[str, frozenset[int]] = {}
    articles = load_articles(folder)
    for doc in read_documents(folder):
        art = articles[doc.doc]
        chosen = {art.index_of(s.sid) for s in doc.sentences if s.in_coref_selection}
        out[doc.doc] = frozenset(i for i in chosen if i is not None)
    return out


def sample_pairs(pairs: Sequence[tuple[str, str]], k: int, seed: int) -> list[tuple[str, str]]:
    """A fixed, seeded subset of document pairs, kept in corpus order."""
    if k >= len(pairs):
        return list(pairs)
    chosen = set(random.Random(seed).sample(range(len(pairs)), k))
    return [p for i, p in enumerate(pairs) if i in chosen]


# --------------------------------------------------------------------------- hand gold


@dataclass(frozen=True, slots=True)
class HandCase:
    left: EcbArticle
    right: EcbArticle
    gold: Gold
    part: str  # "tuning" (thresholds and the meaning model may be fitted on it) or "test"


def load_hand_gold_spec(path: Path = HAND_GOLD) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def hand_gold_problems(spec: dict, articles: dict[str, EcbArticle]) -> list[str]:
    """Everything wrong with the hand gold file; empty when it is well-formed:
    every sid exists, every sentence is in exactly one of a group, only_left/
    only_right or ignore, partial pairs join sentences of different groups."""
    problems: list[str] = []
    seen_pairs: set[tuple[str, str]] = set()
    for n, entry in enumerate(spec["pairs"]):
        label = f"pair {n} ({entry.get('left')}/{entry.get('right')})"
        left, right = articles.get(entry["left"]), articles.get(entry["right"])
        if left is None or right is None:
            problems.append(f"{label}: unknown document")
            continue
        if left.story_key != right.story_key:
            problems.append(f"{label}: not the same story")
        if (left.doc, right.doc) in seen_pairs:
            problems.append(f"{label}: listed twice")
        seen_pairs.add((left.doc, right.doc))
        if not entry.get("note"):
            problems.append(f"{label}: no note")
        if entry.get("part") not in HAND_GOLD_PARTS:
            problems.append(f"{label}: part is not one of {', '.join(HAND_GOLD_PARTS)}")
        for side, article in (("left", left), ("right", right)):
            uses: Counter[int] = Counter()
            for group in entry["groups"]:
                uses.update(group[side])
                if not group[side]:
                    problems.append(f"{label}: a group has no {side} sentence")
            uses.update(entry[f"only_{side}"])
            uses.update(entry.get("ignore", {}).get(side, []))
            sids = set(article.sids)
            for sid, count in sorted(uses.items()):
                if sid not in sids:
                    problems.append(f"{label}: {side} sid {sid} is not in {article.doc}")
                if count > 1:
                    problems.append(f"{label}: {side} sid {sid} is used {count} times")
            for sid in sorted(sids - set(uses)):
                problems.append(f"{label}: {side} sid {sid} is in no group and not one-sided")
        group_of_left = {s: g for g, grp in enumerate(entry["groups"]) for s in grp["left"]}
        group_of_right = {s: g for g, grp in enumerate(entry["groups"]) for s in grp["right"]}
        for a, b in entry.get("partial", []):
            if a not in left.sids or b not in right.sids:
                problems.append(f"{label}: partial pair {[a, b]} names an unknown sid")
            elif a in group_of_left and group_of_left[a] == group_of_right.get(b):
                problems.append(f"{label}: partial pair {[a, b]} is already a group pair")
    return problems


def hand_gold_cases(path: Path = HAND_GOLD, folder: Path = ECB_FOLDER) -> list[HandCase]:
    spec = load_hand_gold_spec(path)
    articles = load_articles(folder)
    problems = hand_gold_problems(spec, articles)
    if problems:
        raise ValueError("hand gold is malformed:\n" + "\n".join(problems))
    cases = []
    for entry in spec["pairs"]:
        left, right = articles[entry["left"]], articles[entry["right"]]
        ignore = entry.get("ignore", {})
        gold = Gold(
            name=f"{left.doc}/{right.doc}",
            sure=_pairs(
                left,
                right,
                [(a, b) for g in entry["groups"] for a in g["left"] for b in g["right"]],
            ),
            possible=_pairs(left, right, entry.get("partial", [])),
            only_left=_indexes(left, entry["only_left"]),
            only_right=_indexes(right, entry["only_right"]),
            ignore_left=_indexes(left, ignore.get("left", [])),
            ignore_right=_indexes(right, ignore.get("right", [])),
            note=entry["note"],
        )
        cases.append(HandCase(left, right, gold, entry["part"]))
    return cases


def _indexes(article: EcbArticle, sids: Iterable[int]) -> frozenset[int]:
    return frozenset(article.by_sid[sid] for sid in sids)


def _pairs(
    left: EcbArticle, right: EcbArticle, sid_pairs: Iterable[Sequence[int]]
) -> frozenset[Pair]:
    return frozenset((left.by_sid[a], right.by_sid[b]) for a, b in sid_pairs)


# --------------------------------------------------------------------------- synthetic


# Swaps a sub-editor might make; written for this benchmark.
SYNONYMS: dict[str, str] = {
    "said": "stated", "says": "states", "told": "informed", "announced": "revealed",
    "arrested": "detained", "killed": "slain", "died": "perished", "people": "persons",
    "officials": "authorities", "police": "officers", "company": "firm", "deal": "agreement",
    "after": "following", "before": "prior to", "began": "started", "started": "began",
    "help": "assist", "bought": "acquired", "buy": "acquire", "hit": "struck",
    "struck": "hit", "about": "around", "more than": "over", "big": "large", "large": "big",
    "earthquake": "quake", "quake": "tremor", "fire": "blaze", "shot": "gunned down",
    "car": "vehicle", "home": "house", "house": "home", "won": "clinched", "new": "fresh",
    "reported": "disclosed", "expected": "anticipated", "near": "close to", "show": "programme",
    "game": "match", "team": "side", "week": "seven days", "also": "additionally",
    "because": "as", "but": "yet", "injured": "hurt", "charged": "indicted",
    "film": "movie", "movie": "film", "found": "discovered", "attack": "assault",
    "hospital": "medical centre", "court": "tribunal", "million": "mn", "percent": "per cent",
}  # fmt: skip

_LOWER_FIRST = {"The", "A", "An", "It", "He", "She", "They", "This", "In", "On", "At", "But"}


@dataclass(frozen=True, slots=True)
class SyntheticCase:
    """A left document of ECB+ sentences and a right one derived from it, with
    the pairs that are true by construction."""

    left: tuple[Sentence, ...]
    right: tuple[Sentence, ...]
    truth: frozenset[Pair]
    ops: tuple[tuple[str, int], ...] = field(default_factory=tuple)  # operation counts


@cache
def _sentence_pool(folder: Path) -> tuple[tuple[str, ...], ...]:
    """Body sentences of every ECB+ document, per document, in corpus order,
    keeping only sentences of at least six words; each text appears once."""
    seen: set[str] = set()
    docs = []
    for doc in read_documents(folder):
        kept = []
        for s in doc.sentences:
            if len(s.text.split()) >= 6 and s.text not in seen:
                seen.add(s.text)
                kept.append(s.text)
        if kept:
            docs.append(tuple(kept))
    return tuple(docs)


def _reword(text: str, rng: random.Random) -> str:
    words = text.split()
    lowered = [w.lower().strip(",.;:\"'“”") for w in words]
    spots = [i for i, w in enumerate(lowered) if w in SYNONYMS]
    rng.shuffle(spots)
    for i in spots[: rng.randint(1, 3)]:
        core = lowered[i]
        swap = SYNONYMS[core]
        if words[i][:1].isupper():
            swap = swap[:1].upper() + swap[1:]
        words[i] = words[i].replace(words[i].strip(",.;:\"'“”"), swap, 1)
    if not spots or rng.random() < 0.5:
        droppable = [
            i
            for i in range(1, len(words) - 1)
            if words[i].isalpha() and words[i].islower() and len(words[i]) > 3
        ]
        if droppable:
            del words[rng.choice(droppable)]
    return " ".join(words)


def _split(text: str) -> tuple[str, str] | None:
    words = text.split()
    cuts = [
        i
        for i in range(4, len(words) - 4)
        if words[i - 1].endswith(",") or words[i] in ("and", "but", "while", "as")
    ]
    if not cuts:
        return None
    i = min(cuts, key=lambda c: abs(c - len(words) / 2))
    first = " ".join(words[:i]).rstrip(",") + "."
    rest = words[i:]
    if rest[0] in ("and", "but", "while", "as"):
        rest = rest[1:]
    second = " ".join(rest)
    return first, second[:1].upper() + second[1:]


def _merge(a: str, b: str) -> str:
    first, _, rest = b.partition(" ")
    if first in _LOWER_FIRST:
        b = first.lower() + " " + rest
    return a.rstrip(". ") + ", and " + b


def _as_sentences(texts: Sequence[str], rng: random.Random) -> tuple[Sentence, ...]:
    """Sentences with paragraphs of one to three sentences and offsets into a
    body that joins sentences with a space and paragraphs with a blank line."""
    out: list[Sentence] = []
    paragraph, left_in_paragraph, offset = 0, 0, 0
    for index, text in enumerate(texts):
        if left_in_paragraph == 0:
            paragraph += 1
            left_in_paragraph = rng.randint(1, 3)
            offset += 2 if index else 0
        elif index:
            offset += 1
        out.append(Sentence(index, text, "body", paragraph, offset, offset + len(text)))
        offset += len(text)
        left_in_paragraph -= 1
    return tuple(out)


def build_synthetic(n: int, seed: int = 2026, folder: Path = ECB_FOLDER) -> SyntheticCase:
    """A left document of ``n`` ECB+ sentences (runs of 3-12 consecutive sentences
    from many documents) and a right one made from it the way another outlet
    might: about 10% dropped, 10% new sentences inserted (from other documents),
    30% reworded (synonym swaps, a word dropped), 5% split in two, 5% merged with
    the next, then shuffled by local moves (a quarter of the sentences move up
    to three places) and a few long moves (one sentence in 40). Seeded: the same
    ``n`` and ``seed`` give the same case."""
    rng = random.Random(f"{seed}:{n}")
    pool = list(_sentence_pool(folder))
    rng.shuffle(pool)
    left: list[str] = []
    docs = iter(pool)
    for doc in docs:
        run = rng.randint(3, 12)
        start = rng.randrange(max(1, len(doc) - run + 1))
        left.extend(doc[start : start + run][: n - len(left)])
        if len(left) >= n:
            break
    spare = [text for doc in docs for text in doc]  # documents not used on the left
    rng.shuffle(spare)
    ops: Counter[str] = Counter()

    units: list[tuple[str, tuple[int, ...]]] = []  # (text, left indexes it tells)
    i = 0
    while i < len(left):
        text, roll = left[i], rng.random()
        if roll < 0.10:
            ops["dropped"] += 1
        elif roll < 0.15 and i + 1 < len(left):
            units.append((_merge(text, left[i + 1]), (i, i + 1)))
            ops["merged"] += 1
            i += 1
        elif roll < 0.20 and (parts := _split(text)):
            units.extend([(parts[0], (i,)), (parts[1], (i,))])
            ops["split"] += 1
        elif roll < 0.50:
            units.append((_reword(text, rng), (i,)))
            ops["reworded"] += 1
        else:
            units.append((text, (i,)))
            ops["kept"] += 1
        if spare and rng.random() < 0.10:
            units.append((spare.pop(), ()))
            ops["inserted"] += 1
        i += 1

    keys = [k + (rng.uniform(-3.5, 3.5) if rng.random() < 0.25 else 0.0) for k in range(len(units))]
    for k in rng.sample(range(len(units)), len(units) // 40):
        keys[k] = rng.uniform(0, len(units))
        ops["moved far"] += 1
    order = sorted(range(len(units)), key=lambda k: keys[k])
    right_texts = [units[k][0] for k in order]
    truth = frozenset((li, j) for j, k in enumerate(order) for li in units[k][1])
    return SyntheticCase(
        left=_as_sentences(left, rng),
        right=_as_sentences(right_texts, rng),
        truth=truth,
        ops=tuple(sorted(ops.items())),
    )
