"""Align the sentences of two reports of the same event.

How it decides (the README has the same paragraph):

Each sentence becomes a set of content terms: words, names and numbers, with
punctuation and function words dropped, case and curly quotes ignored, "U.S."
read as "US", number words read as digits ("three" = "3") and common
inflections stripped ("talks" = "talk"). A term weighs more the rarer it is
across the sentences of the two reports (inverse document frequency), and names
and numbers count double. Two sentences score the weighted share of the terms
they have in common (a Dice coefficient, 0 to 1). The two headlines pair first
if they share two terms, one of them a name or a number: a headline names the
event in a few words. Candidate pairs come from an inverted index of each
sentence's rarer terms, so sentences that share nothing rare are never
compared. Pairs are then taken best score first, each sentence used once,
wherever the sentences stand in the two reports, so moved paragraphs are found.
A pair needs a score of at least 0.3 and three shared terms. Then, where the
reports run in step, a leftover sentence right before or after a pair pairs
with the sentence at the same place beside its partner on a lower score, 0.2
(still three shared terms), round after round: a weak likeness next to a match
is trusted, the same likeness on its own is not. A sentence left over joins the
pair next to it (one report split what the other kept whole) only if that
raises the pair's score by 0.08 or more and at least half of its own terms are
in the other report's sentence. A leftover sentence that repeats another
sentence of its own report (a standfirst restating the lede, score 0.8 or more)
is recorded as a restatement of it, not as news found in one report only.
Different numbers or names in the same slot ("164 points" / "97 points",
slots.py) count against a pair: each lowers its score by 0.1. Given sentence
vectors, what is still left over on both sides is judged by meaning (meaning.py:
the vectors' cosine and the lexical evidence combined by a fitted logistic
model; a pair whose slots conflict is never made by meaning), before splits and
merges are looked for. Swapping the two reports swaps the answer and changes
nothing else.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import attrgetter
from typing import Literal, cast

import numpy as np

from . import meaning, slots
from .tokens import is_shouting, tokenize, word_info, word_surfaces
from .types import AlignedGroup, Alignment, Restatement, Sentence

# bump whenever a change here (or in worddiff.py, meaning.py or meaning_model.json) can
# change a result; the encoder's identity is added by compare.engine_version()
ENGINE_VERSION = "6"

# How the constants were chosen. "Seed" is the hand-made gold alignment of the two
# seed reports (shared/gold/seed-alignment.json). "ECB+" is every third of the
# 5,117 pairs of articles about the same story (1,706 pairs, 5,130 silver sentence
# pairs that share an annotated event) for recall, checked on the other two thirds
# (10,277 silver pairs; the figures agree within 0.005), and 1,500 pairs of
# articles on the same topic but a different event (a seeded sample of the
# ECB-half x ECB+-half article pairs of each topic), where every pair made is a
# false alarm ("cross-event": the share of their sentences that got paired).
# "Hand" is bench/data/ecbplus_hand_gold.json (13 ECB+ article pairs, 67 sure
# pairs), read last and never tuned on alone: `bench/alignment.py` section 2.

# The least score (weighted Dice of content terms) for two sentences to pair.
# Seed: the 8 gold pairs score 0.63 to 1.0. The closest pair of two sentences
# that the gold calls one-sided ("frosty reception from Ukraine and the US" /
# "The U.S. and China are at odds over Russia's invasion of Ukraine") scores 0.33
# on two shared names: MIN_SHARED_TERMS, not PAIR_MIN, keeps it apart.
# ECB+ (with the other constants as below): 0.20 -> recall 0.270, cross-event 6.5%;
# 0.25 -> 0.256, 4.1%; 0.30 -> 0.233, 2.6%; 0.35 -> 0.209, 1.6%. 0.3 has 37% fewer
# false alarms than 0.25 for 9% less recall. (Hand: 0.25 -> recall 0.478,
# precision 0.944; 0.30 -> 0.507, 0.973; 0.35 -> 0.522, 0.973, as the headline
# and neighbour passes below find more of what a higher bar leaves over.)
PAIR_MIN = 0.3
# The least number of distinct shared terms for a pair (fewer only when a sentence
# has fewer terms): two shared names are often a coincidence. Seed: no two gold
# one-sided sentences share three terms, every gold pair shares three or more.
# ECB+ at PAIR_MIN 0.3: 3 instead of 2 costs 0.005 recall and cuts cross-event
# pairing from 3.0% to 2.6%; with 2, the seed pairs one of its one-sided sentences.
MIN_SHARED_TERMS = 3
# Headlines pair with headlines first, on at least this many shared terms, one
# of them a name or number, whatever their score: a headline names the event in
# a few words ("4.6-Magnitude Earthquake Recorded Near Healdsburg" / "4.6
# earthquake shakes Northern California", Dice 0.29), and once it has paired with
# a body sentence that sentence's real partner is left over. ECB+: without this
# pass recall 0.221 (other thirds 0.224), 3 terms 0.224 (0.228), 2 terms 0.233
# (0.233); precision in the annotated selection 95.5% -> 95.0%. Cross-event
# cannot show its cost: only ECB+-half articles have a headline. Hand: recall
# 0.463 -> 0.507, precision 0.944 -> 0.973.
HEADLINE_SHARED_TERMS = 2
# A leftover sentence next to a pair (i+1 beside i~j, or i-1) pairs with the
# sentence at the same step from the partner (j+1, or j-1) at this lower score,
# with MIN_SHARED_TERMS shared terms: reports that follow each other for a
# stretch keep doing so. ECB+: without this pass recall 0.225, cross-event 2.57%;
# 0.25 -> 0.229, 2.57%; 0.20 -> 0.233, 2.59%; 0.15 -> 0.236, 2.69%; 0.10 -> 0.238,
# 2.81%. Lowering PAIR_MIN to 0.28 instead buys 0.011 recall for +0.43 points of
# cross-event; this pass buys 0.008 for +0.02. Hand: off -> recall 0.448,
# precision 1.0; 0.20 -> 0.507, 0.973; 0.15 -> 0.522, 0.949.
NEIGHBOUR_MIN = 0.2
# A pair is "reworded" when each side has at least this share of its weighted
# terms in the other; below it, one side adds a clause the other lacks ("partly
# shared"). Seed: the pair where the right adds Wang's party post has 0.55; the
# pairs that differ by word choice ("conflict"/"situation", "Nato expansion")
# have 0.63 or more.
REWORDED_MIN = 0.6
# The least score for a leftover sentence to restate another of the same report.
# Seed: the standfirst scores 1.0 against its lede. ECB+, all 982 articles: the 38
# within-article sentence pairs at 0.8 or more are repeated sentences, "Posted:" /
# "Updated:" date lines and headlines that repeat the lede almost word for word;
# most of the 23 between 0.7 and 0.8 are looser headline rewrites, and a few are
# different quotes on one theme.
RESTATE_MIN = 0.8
# A leftover sentence joins the neighbouring pair (1:n or n:1) only if it raises
# the pair's score by this much. Seed: the strongest wrong candidate (right "The
# U.S. and China are at odds..." joining the "taken sides" pair) gains 0.038.
# ECB+ articles with two adjacent sentences joined into one and a quarter of
# the words dropped (260 articles): gain 0.04 finds 77% of the splits, 0.08 finds
# 69%, 0.12 finds 55%, none of them wrong. 0.08 keeps twice the seed's margin.
MERGE_GAIN = 0.08
# ... and at least this share of its weighted terms must be in the other side
# (same synthetic split test: 0.3 finds 72%, 0.5 finds 69%, 0.7 finds 44%).
MERGE_COVER = 0.5
# Extra weight for names (terms mostly capitalised inside sentences, acronyms)
# and numbers. ECB+ (other constants as here): boost 1.0 -> recall 0.211
# (cross-event 2.0%), 1.5 -> 0.225 (2.2%), 2.0 -> 0.233 (2.6%): more recall per
# false alarm than a lower PAIR_MIN buys. The seed stays exact.
NAME_BOOST = 2.0
NUMBER_BOOST = 2.0
# Each slot two sentences fill with different numbers or names ("164 points" /
# "97 points", slots.py) lowers their score by this much: evidence against the
# pair, which a strong likeness can still outweigh. Hand gold, tuning part, lexical
# only: 0 -> precision 0.973, recall 0.507; 0.08 and above (a veto included) ->
# 1.000, 0.507: the one wrong pair it drops is "the reported eight-year, $160
# million offers" / "could be up to $180 million". 0.1 is in that plateau and small
# enough that two long sentences sharing most of their terms still pair (two early
# death tolls of one earthquake). The seed is unchanged. Headlines, paired on a
# few terms, need one more shared term for each such slot.
SLOT_PENALTY = 0.1
# How many shared terms a group reports, heaviest first.
MAX_TERMS = 8
# A guard for huge or repetitive documents: a sentence keeps at most this many
# candidates (its best), so memory stays linear. Real reports never come near it.
CANDIDATES_PER_SENTENCE = 25

_KEY = attrgetter("key")
_KEY_IF_SHOUTING = attrgetter("key_if_shouting")
_NUMBER = attrgetter("number")
_CAPITALISED = attrgetter("capitalised")
_LOWER = attrgetter("lower")
_LONG = attrgetter("long")
_LONG_CAPITAL = attrgetter("long_capitalised")
_NORM = attrgetter("norm")

SideName = Literal["left", "right"]
Kind = Literal["identical", "reworded", "partly shared"]
_SIDE_NAMES: tuple[SideName, SideName] = ("left", "right")
_FALLBACK = "\x00"  # prefix of the terms of a sentence without content words
_ROLE_RANK = {"body": 0, "standfirst": 1, "headline": 2}


@dataclass(slots=True)
class _Side:
    """What the aligner knows about the sentences of one report."""

    sentences: Sequence[Sentence]
    keys: list[frozenset[str]]
    words: list[tuple[str, ...]]  # normalised words, for "identical"
    spellings: list[tuple[tuple[str, str], ...]]  # (term, as written) for each term
    sequences: list[tuple[str | None, ...]]  # each word's term in reading order (None: none)
    capitals: list[frozenset[str]]  # terms written with a capital after the first word
    slots: list[slots.Slots] = field(default_factory=list)  # filled once names are known


@dataclass(slots=True)
class _Weights:
    weight: dict[str, float]
    order: dict[str, int]  # rank of each term, rarest (heaviest) first
    strong: frozenset[str]  # names and numbers (the boosted terms)
    ordered: dict[frozenset[str], list[str]] = field(default_factory=dict)  # terms by rank


Vectors = np.ndarray  # float32, one unit-length row per sentence (encode.py)


@dataclass(slots=True)
class _Lexical:
    """Where the lexical passes leave the alignment."""

    sides: tuple[_Side, _Side]
    totals: tuple[list[float], list[float]]
    weights: _Weights
    pairs: list[tuple[int, int]]
    restatements: list[Restatement]


def align_sentences(
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    vectors: tuple[Vectors, Vectors] | None = None,
    model: meaning.MeaningModel | None = None,
) -> Alignment:
    """Pair the sentences of ``left`` and ``right`` that tell the same thing.

    ``vectors``: the sentence vectors of both sides (encode.py), one row per
    sentence; with them, sentences the shared words leave over are also paired
    by meaning (meaning.py), judged by ``model`` (by default the fitted one in
    meaning_model.json). Without them, the alignment is lexical only.

    The indices in the result are positions in ``left`` and ``right`` (the same as
    ``Sentence.index`` when whole documents are passed). Groups come in an order
    that does not depend on which report is on the left: by their first sentence
    on either side.
    """
    state = _lexical(left, right)
    sides, weights, restatements = state.sides, state.weights, state.restatements
    by_meaning: dict[tuple[int, int], float] = {}
    if vectors is not None:
        _check_vectors(vectors, len(left), len(right))
        model = model or _meaning_model()
        edges = []
        cosines = {}
        for i, j, cosine, values in _meaning_candidates(state, vectors):
            p = model.probability(values)
            if p >= model.threshold:
                edges.append(((-p, min(i, j), max(i, j)), i, j))
                cosines[i, j] = cosine
        used = _used(state)
        by_meaning = {pair: cosines[pair] for pair in _greedy(edges, used[0], used[1])}
    pairs = state.pairs + sorted(by_meaning)
    matched = ({i for i, _ in pairs}, {j for _, j in pairs})
    restating = ({r.index for r in restatements if r.side == "left"}, set())
    restating[1].update(r.index for r in restatements if r.side == "right")
    groups = _merge(sides, weights.weight, pairs, matched, restating)

    out_groups = [_group(sides, weights, ls, rs, vectors, by_meaning) for ls, rs in groups]
    used = (
        matched[0] | restating[0] | {i for ls, _ in groups for i in ls},
        matched[1] | restating[1] | {j for _, rs in groups for j in rs},
    )
    out_groups.sort(key=lambda g: _group_order(g, sides))
    restatements.sort(key=lambda r: (r.index, r.restates, _text(sides, r)))
    return Alignment(
        groups=tuple(out_groups),
        only_left=tuple(i for i in range(len(left)) if i not in used[0]),
        only_right=tuple(j for j in range(len(right)) if j not in used[1]),
        restatements=tuple(restatements),
    )


def _lexical(left: Sequence[Sentence], right: Sequence[Sentence]) -> _Lexical:
    """The lexical passes: headlines, best matches, neighbours, restatements."""
    evidence = _Evidence()
    sides = (_analyse(left, evidence), _analyse(right, evidence))
    weights = _weigh(sides, evidence)
    numbers = frozenset(evidence.numbers)
    names = weights.strong - numbers
    for side in sides:
        # a capital inside a sentence marks a name in a slot even where a line with
        # many capitals gives no evidence for the weights ("Kal5x met Kal5y near Kal5z")
        side.slots = [
            slots.sentence_slots(seq, numbers, (names | caps) - numbers)
            for seq, caps in zip(side.sequences, side.capitals, strict=True)
        ]
    totals = (
        [_total(keys, weights.weight) for keys in sides[0].keys],
        [_total(keys, weights.weight) for keys in sides[1].keys],
    )
    pairs = _match_headlines(sides, totals, weights)
    pairs += _match(sides, totals, weights, pairs)
    pairs += _match_neighbours(sides, totals, weights.weight, pairs)
    matched = ({i for i, _ in pairs}, {j for _, j in pairs})
    restatements = [
        r
        for s in (0, 1)
        for r in _restatements(sides[s], totals[s], weights, matched[s], _SIDE_NAMES[s])
    ]
    pairs, restatements = _pair_body_with_body(sides, totals, weights.weight, pairs, restatements)
    return _Lexical(sides, totals, weights, pairs, restatements)


def _used(state: _Lexical) -> tuple[set[int], set[int]]:
    """Sentences already paired or restating another, on each side."""
    used = ({i for i, _ in state.pairs}, {j for _, j in state.pairs})
    for r in state.restatements:
        used[0 if r.side == "left" else 1].add(r.index)
    return used


# --- pairing by meaning -----------------------------------------------------


def meaning_candidates(
    left: Sequence[Sentence], right: Sequence[Sentence], vectors: tuple[Vectors, Vectors]
) -> list[tuple[int, int, float, tuple[float, ...]]]:
    """Every pair of sentences the lexical passes leave over on both sides, with
    its cosine and the meaning model's inputs: what ``bench/fit_meaning.py`` fits on."""
    _check_vectors(vectors, len(left), len(right))
    return _meaning_candidates(_lexical(left, right), vectors)


def _meaning_candidates(
    state: _Lexical, vectors: tuple[Vectors, Vectors]
) -> list[tuple[int, int, float, tuple[float, ...]]]:
    sides, weights = state.sides, state.weights
    used = _used(state)
    free = (
        [i for i in range(len(sides[0].keys)) if i not in used[0]],
        [j for j in range(len(sides[1].keys)) if j not in used[1]],
    )
    if not free[0] or not free[1]:
        return []
    cosines = vectors[0][free[0]] @ vectors[1][free[1]].T
    usual = float(np.median(cosines))
    # each sentence's best and second-best leftover partner, for the gap
    row_top = _two_best(cosines)
    col_top = _two_best(cosines.T)
    strong = weights.strong
    out = []
    for a, i in enumerate(free[0]):
        lkeys = sides[0].keys[i]
        lrole = sides[0].sentences[i].role
        for b, j in enumerate(free[1]):
            rkeys = sides[1].keys[j]
            cosine = float(cosines[a, b])
            if cosine < meaning.MIN_COSINE or _conflicts(sides, i, j):
                continue  # the encoder barely sees figures and names: see meaning.py
            others = max(
                row_top[a][1] if row_top[a][0] == cosine else row_top[a][0],
                col_top[b][1] if col_top[b][0] == cosine else col_top[b][0],
            )
            shared = lkeys & rkeys
            dice = _dice(_total(shared, weights.weight), state.totals[0][i], state.totals[1][j])
            rrole = sides[1].sentences[j].role
            values = meaning.features(
                cosine=cosine,
                usual=usual,
                gap=cosine - others,
                dice=dice,
                shared_strong=len(shared & strong),
                role_mismatch=(lrole == "body") != (rrole == "body"),
            )
            out.append((i, j, cosine, values))
    return out


def _two_best(matrix: Vectors) -> list[tuple[float, float]]:
    """For each row, its largest and second-largest value (0, the cosine of unrelated
    sentences, when there is no second)."""
    out = []
    for row in matrix:
        if len(row) == 1:
            out.append((float(row[0]), 0.0))
            continue
        top = np.partition(row, len(row) - 2)[-2:]
        out.append((float(top[1]), float(top[0])))
    return out


@functools.cache
def _meaning_model() -> meaning.MeaningModel:
    return meaning.load_model()


def _check_vectors(vectors: tuple[Vectors, Vectors], n_left: int, n_right: int) -> None:
    for rows, n, name in ((vectors[0], n_left, "left"), (vectors[1], n_right, "right")):
        if rows.ndim != 2 or rows.shape[0] != n:
            raise ValueError(f"{name}: {rows.shape[0]} vectors for {n} sentences")


# --- terms and weights ------------------------------------------------------


@dataclass(slots=True)
class _Evidence:
    """What both reports say about terms: how often each is written with a
    capital inside a sentence and how often without, and which are numbers."""

    capitalised: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)
    numbers: set[str] = field(default_factory=set)


def _analyse(sentences: Sequence[Sentence], evidence: _Evidence) -> _Side:
    keys: list[frozenset[str]] = []
    words: list[tuple[str, ...]] = []
    spellings: list[tuple[tuple[str, str], ...]] = []
    sequences: list[tuple[str | None, ...]] = []
    capitals: list[frozenset[str]] = []
    for sentence in sentences:
        surfaces = word_surfaces(sentence.text)
        infos = [word_info(w) for w in surfaces]
        shouting = is_shouting(infos)
        terms: list[str | None] = list(map(_KEY_IF_SHOUTING if shouting else _KEY, infos))
        # each term with its first spelling (zip in reverse: the first one wins)
        spelled = dict(zip(reversed(terms), reversed(surfaces), strict=True))
        spelled.pop(None, None)
        found = cast("dict[str, str]", spelled)  # no None left
        evidence.numbers.update(compress(terms, map(_NUMBER, infos)))
        # capitals mark names only inside ordinary sentences (not first words,
        # not all-caps or Title Case lines)
        long_words = sum(map(_LONG, infos))
        if not shouting and (long_words < 3 or sum(map(_LONG_CAPITAL, infos)) * 2 <= long_words):
            evidence.capitalised.update(compress(terms[1:], map(_CAPITALISED, infos[1:])))
            evidence.lower.update(compress(terms[1:], map(_LOWER, infos[1:])))
        spellings.append(tuple(found.items()))
        if not found:
            # no content words ("Yes, it is."): its own words, kept apart from content terms
            tokens = tokenize(sentence.text)
            found = {_FALLBACK + t.norm: "" for t in tokens if t.kind != "punct"} or {
                _FALLBACK + t.norm: "" for t in tokens
            }
        keys.append(frozenset(found))
        words.append(tuple(map(_NORM, infos)))
        sequences.append(tuple(terms))
        capitals.append(
            frozenset()
            if shouting
            else frozenset(t for t in compress(terms[1:], map(_CAPITALISED, infos[1:])) if t)
        )
    return _Side(sentences, keys, words, spellings, sequences, capitals)


def _weigh(sides: tuple[_Side, _Side], evidence: _Evidence) -> _Weights:
    df: Counter[str] = Counter()
    for side in sides:
        for keys in side.keys:
            df.update(keys)
    n = sum(len(side.keys) for side in sides)
    weight: dict[str, float] = {}
    strong: set[str] = set()
    for key, count in df.items():
        w = math.log(1.0 + n / count)
        if key in evidence.numbers:
            w *= NUMBER_BOOST
            strong.add(key)
        elif evidence.capitalised[key] > evidence.lower[key]:
            w *= NAME_BOOST
            strong.add(key)
        weight[key] = w
    ranked = sorted(weight, key=lambda k: (-weight[k], k))
    return _Weights(weight, {k: r for r, k in enumerate(ranked)}, frozenset(strong))


def _total(keys: Iterable[str], weight: dict[str, float]) -> float:
    # fsum is exact, so a sum never depends on the order of a set
    return math.fsum(map(weight.__getitem__, keys))


def _dice(shared: float, total_a: float, total_b: float) -> float:
    denominator = total_a + total_b
    return 2.0 * shared / denominator if denominator > 0 else 0.0


def _prefix(keys: frozenset[str], total: float, weights: _Weights, beta: float) -> list[str]:
    """The rarest terms of a sentence, enough that any sentence sharing at least
    ``beta`` of its weight with it shares one of them (prefix filtering)."""
    ordered = weights.ordered.get(keys)
    if ordered is None:
        ordered = weights.ordered[keys] = sorted(keys, key=weights.order.__getitem__)
    # keep terms while what is left from them on weighs at least beta * total
    spent = list(accumulate(map(weights.weight.__getitem__, ordered)))
    cut = bisect_right(spent, total - beta * total * (1.0 - 1e-9)) + 1
    return ordered[:cut]


# --- pairing ----------------------------------------------------------------


def _classes(side: _Side) -> tuple[list[frozenset[str]], list[list[int]]]:
    """Sentences of one side with the same terms and role, grouped (a repeated
    paragraph is compared once)."""
    index: dict[tuple[frozenset[str], str], int] = {}
    keys: list[frozenset[str]] = []
    members: list[list[int]] = []
    for i, k in enumerate(side.keys):
        c = index.setdefault((k, side.sentences[i].role), len(keys))
        if c == len(keys):
            keys.append(k)
            members.append([])
        members[c].append(i)
    return keys, members


def _match(
    sides: tuple[_Side, _Side],
    totals: tuple[list[float], list[float]],
    weights: _Weights,
    taken: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The 1:1 pairs, best first, each sentence used once (sentences in ``taken``
    are already paired)."""
    (lkeys, lmembers), (rkeys, rmembers) = _classes(sides[0]), _classes(sides[1])
    ltot = [totals[0][m[0]] for m in lmembers]
    rtot = [totals[1][m[0]] for m in rmembers]
    lrole = [sides[0].sentences[m[0]].role for m in lmembers]
    rrole = [sides[1].sentences[m[0]].role for m in rmembers]
    lpos = [m[0] / len(sides[0].keys) for m in lmembers]
    rpos = [m[0] / len(sides[1].keys) for m in rmembers]
    beta = PAIR_MIN / (2.0 - PAIR_MIN)

    postings: dict[str, list[int]] = defaultdict(list)
    for c, keys in enumerate(rkeys):
        for key in _prefix(keys, rtot[c], weights, beta):
            postings[key].append(c)

    Edge = tuple[tuple[float, int, float, int, int], int, int]
    best_left: list[Edge] = []
    by_right: dict[int, list[Edge]] = defaultdict(list)
    weight = weights.weight
    rlen = [len(k) for k in rkeys]
    lslots, rslots = sides[0].slots, sides[1].slots
    weight_of = weight.__getitem__
    fsum = math.fsum
    for a, keys in enumerate(lkeys):
        seen: set[int] = set()
        for key in _prefix(keys, ltot[a], weights, beta):
            seen.update(postings.get(key, ()))
        found: list[Edge] = []
        need = min(MIN_SHARED_TERMS, len(keys))
        # a pair can reach PAIR_MIN only if the lighter sentence weighs at least
        # beta times the heavier one (with a margin, so rounding never decides)
        low = beta * ltot[a] * (1.0 - 1e-9)
        high = ltot[a] / beta * (1.0 + 1e-9) if beta > 0 else math.inf
        for b in seen:
            if not low <= rtot[b] <= high:
                continue
            shared = keys & rkeys[b]
            if len(shared) < need and len(shared) < rlen[b]:
                continue
            # as _dice(_total(...)), inlined: this loop is the aligner's hot spot
            score = 2.0 * fsum(map(weight_of, shared)) / (ltot[a] + rtot[b])
            if score < PAIR_MIN:
                continue
            first_a, first_b = lmembers[a][0], rmembers[b][0]
            if lslots[first_a] and rslots[first_b]:
                score -= SLOT_PENALTY * slots.conflicts(lslots[first_a], rslots[first_b])
                if score < PAIR_MIN:
                    continue
            order = (
                -score,
                int(lrole[a] != rrole[b]),
                abs(lpos[a] - rpos[b]),
                min(first_a, first_b),
                max(first_a, first_b),
            )
            found.append((order, a, b))
        found.sort()
        best_left.extend(found[:CANDIDATES_PER_SENTENCE])
        for edge in found:
            bucket = by_right[edge[2]]
            bucket.append(edge)
            if len(bucket) > 2 * CANDIDATES_PER_SENTENCE:
                bucket.sort()
                del bucket[CANDIDATES_PER_SENTENCE:]
    edges = set(best_left)
    for bucket in by_right.values():
        bucket.sort()
        edges.update(bucket[:CANDIDATES_PER_SENTENCE])

    taken_left = {i for i, _ in taken}
    taken_right = {j for _, j in taken}
    free_left = [[i for i in m if i not in taken_left] for m in lmembers]
    free_right = [[j for j in m if j not in taken_right] for m in rmembers]
    pairs: list[tuple[int, int]] = []
    for _, a, b in sorted(edges):
        if free_left[a] and free_right[b]:
            n = min(len(free_left[a]), len(free_right[b]))
            pairs.extend(zip(free_left[a][:n], free_right[b][:n], strict=True))
            del free_left[a][:n]
            del free_right[b][:n]
    return pairs


def _match_headlines(
    sides: tuple[_Side, _Side], totals: tuple[list[float], list[float]], weights: _Weights
) -> list[tuple[int, int]]:
    """Headline with headline, before anything else: each names the event in a
    few words, so two shared terms, one of them a name or number, are enough."""
    heads = [[i for i, s in enumerate(side.sentences) if s.role == "headline"] for side in sides]
    edges: list[tuple[tuple[float, int, int], int, int]] = []
    for i in heads[0]:
        for j in heads[1]:
            shared = sides[0].keys[i] & sides[1].keys[j]
            # each slot filled differently ("2 parties" / "3 parties") asks for one
            # more shared term
            need = HEADLINE_SHARED_TERMS + _conflicts(sides, i, j)
            if len(shared) < need or not shared & weights.strong:
                continue
            score = _dice(_total(shared, weights.weight), totals[0][i], totals[1][j])
            edges.append(((-score, min(i, j), max(i, j)), i, j))
    return _greedy(edges, set(), set())


def _match_neighbours(
    sides: tuple[_Side, _Side],
    totals: tuple[list[float], list[float]],
    weight: dict[str, float],
    pairs: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Leftover sentences next to a pair, paired with the sentence next to its
    partner (the same step on both sides) at the lower NEIGHBOUR_MIN, round by
    round: reports that follow one another for a stretch keep doing so."""
    n_left, n_right = len(sides[0].keys), len(sides[1].keys)
    partner = ({i: j for i, j in pairs}, {j: i for i, j in pairs})
    out: list[tuple[int, int]] = []
    todo = {i + step for i, _ in pairs for step in (-1, 1)}
    while todo:
        edges: list[tuple[tuple[float, int, int], int, int]] = []
        for i in sorted(todo):
            if not 0 <= i < n_left or i in partner[0]:
                continue
            for step in (-1, 1):
                if i + step not in partner[0]:
                    continue
                j = partner[0][i + step] - step  # beside the partner, on the same side
                if not 0 <= j < n_right or j in partner[1]:
                    continue
                shared = sides[0].keys[i] & sides[1].keys[j]
                if len(shared) < MIN_SHARED_TERMS:
                    continue
                score = _dice(_total(shared, weight), totals[0][i], totals[1][j])
                score -= SLOT_PENALTY * _conflicts(sides, i, j)
                if score >= NEIGHBOUR_MIN:
                    edges.append(((-score, min(i, j), max(i, j)), i, j))
        found = _greedy(edges, set(partner[0]), set(partner[1]))
        for i, j in found:
            partner[0][i] = j
            partner[1][j] = i
        out += found
        todo = {i + step for i, _ in found for step in (-1, 1)}
    return out


def _conflicts(sides: tuple[_Side, _Side], i: int, j: int) -> int:
    """How many slots left ``i`` and right ``j`` fill with different numbers or names."""
    return slots.conflicts(sides[0].slots[i], sides[1].slots[j])


def _greedy(
    edges: list[tuple[tuple[float, int, int], int, int]], used_left: set[int], used_right: set[int]
) -> list[tuple[int, int]]:
    """Pairs taken best first from ``edges``, each sentence once."""
    out: list[tuple[int, int]] = []
    for _, i, j in sorted(edges):
        if i not in used_left and j not in used_right:
            out.append((i, j))
            used_left.add(i)
            used_right.add(j)
    return out


# --- restatements -----------------------------------------------------------


def _restatements(
    side: _Side, totals: list[float], weights: _Weights, matched: set[int], name: SideName
) -> list[Restatement]:
    """Leftover sentences that repeat another sentence of the same report.

    A sentence restates the first sentence (matched ones first, then body before
    standfirst before headline, then in reading order) of the most similar group
    of sentences with the same terms, provided that sentence comes before it in
    that order and restates nothing itself. Repeated paragraphs are compared once.
    """
    if len(matched) == len(side.keys):
        return []
    keys, members = _classes(side)
    class_of = [0] * len(side.keys)
    for c, indices in enumerate(members):
        for i in indices:
            class_of[i] = c

    def precedence(i: int) -> tuple[int, int, int]:
        return (int(i not in matched), _ROLE_RANK.get(side.sentences[i].role, 0), i)

    for indices in members:
        indices.sort(key=precedence)
    beta = RESTATE_MIN / (2.0 - RESTATE_MIN)
    postings: dict[str, list[int]] = defaultdict(list)
    for c, k in enumerate(keys):
        for key in _prefix(k, totals[members[c][0]], weights, beta):
            postings[key].append(c)
    similar: dict[int, list[tuple[float, int]]] = {}  # class -> (score, class), best first
    first_free = [0] * len(keys)  # per class, where its first non-restating member is
    restating: set[int] = set()
    out: list[Restatement] = []
    for u in sorted((i for i in range(len(side.keys)) if i not in matched), key=precedence):
        cu = class_of[u]
        if cu not in similar:
            similar[cu] = _similar_classes(cu, keys, members, totals, weights, postings, beta)
        for score, c in similar[cu]:
            while first_free[c] < len(members[c]) and members[c][first_free[c]] in restating:
                first_free[c] += 1
            if first_free[c] == len(members[c]):
                continue
            target = members[c][first_free[c]]
            if precedence(target) < precedence(u):
                restating.add(u)
                out.append(Restatement(name, u, target, round(score, 4)))
                break
    return out


def _similar_classes(
    cu: int,
    keys: list[frozenset[str]],
    members: list[list[int]],
    totals: list[float],
    weights: _Weights,
    postings: dict[str, list[int]],
    beta: float,
) -> list[tuple[float, int]]:
    """The classes of one side whose terms match class ``cu``'s closely enough
    for a restatement (its own class included), best first."""
    total_u = totals[members[cu][0]]
    seen: set[int] = set()
    for key in _prefix(keys[cu], total_u, weights, beta):
        seen.update(postings.get(key, ()))
    seen.add(cu)
    found: list[tuple[float, int]] = []
    for c in seen:
        shared = keys[cu] & keys[c]
        score = _dice(_total(shared, weights.weight), total_u, totals[members[c][0]])
        if score >= RESTATE_MIN:
            found.append((score, c))
    found.sort(key=lambda sc: (-sc[0], sc[1]))
    return found


def _pair_body_with_body(
    sides: tuple[_Side, _Side],
    totals: tuple[list[float], list[float]],
    weight: dict[str, float],
    pairs: list[tuple[int, int]],
    restatements: list[Restatement],
) -> tuple[list[tuple[int, int]], list[Restatement]]:
    """When a standfirst (or headline) won the pair and the lede that repeats it
    was left over, pair the lede instead and let the standfirst restate it: the
    body of one report pairs with the body of the other."""
    partner = ({i: j for i, j in pairs}, {j: i for i, j in pairs})
    swaps: dict[tuple[int, int], tuple[int, Restatement]] = {}
    wanted: Counter[tuple[int, int]] = Counter()
    for r in restatements:
        s = 0 if r.side == "left" else 1
        other = partner[s].get(r.restates)
        if other is None:
            continue
        role = sides[s].sentences
        other_role = sides[1 - s].sentences[other].role
        if role[r.index].role != other_role or role[r.restates].role == other_role:
            continue
        keys, other_keys = sides[s].keys[r.index], sides[1 - s].keys[other]
        score = _dice(_total(keys & other_keys, weight), totals[s][r.index], totals[1 - s][other])
        if score < PAIR_MIN:
            continue
        pair = (r.restates, other) if s == 0 else (other, r.restates)
        swaps[pair] = (s, r)
        wanted[pair] += 1
    if not swaps:
        return pairs, restatements
    out_pairs: list[tuple[int, int]] = []
    changed: dict[Restatement, Restatement] = {}
    for pair in pairs:
        if wanted[pair] != 1:  # both sides asking is ambiguous: leave the pair alone
            out_pairs.append(pair)
            continue
        s, r = swaps[pair]
        out_pairs.append((r.index, pair[1]) if s == 0 else (pair[0], r.index))
        changed[r] = Restatement(r.side, r.restates, r.index, r.score)
    return out_pairs, [changed.get(r, r) for r in restatements]


# --- splits and merges ------------------------------------------------------


def _merge(
    sides: tuple[_Side, _Side],
    weight: dict[str, float],
    pairs: list[tuple[int, int]],
    matched: tuple[set[int], set[int]],
    restating: tuple[set[int], set[int]],
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Grow 1:1 pairs into 1:n or n:1 groups where a leftover neighbour clearly
    belongs to the pair (one report split a sentence that the other kept whole)."""
    groups: list[list[list[int]]] = [[[i], [j]] for i, j in pairs]
    free = (
        {i for i in range(len(sides[0].keys)) if i not in matched[0] and i not in restating[0]},
        {j for j in range(len(sides[1].keys)) if j not in matched[1] and j not in restating[1]},
    )
    while True:
        candidates: list[tuple[tuple[float, int, int, int, str], int, int, int]] = []
        for g, group in enumerate(groups):
            for s in (0, 1):
                if len(group[1 - s]) != 1:
                    continue  # groups grow on one side only: 1:n or n:1, never n:m
                members = group[s]
                for e in (min(members) - 1, max(members) + 1):
                    if e not in free[s]:
                        continue
                    role = sides[s].sentences[e].role
                    if role != sides[s].sentences[members[0]].role:
                        continue
                    gain = _merge_gain(sides, weight, group, s, e)
                    if gain is None:
                        continue
                    anchor = (group[0][0], group[1][0])
                    text = sides[s].sentences[e].text
                    order = (-gain, min(anchor), max(anchor), e, text)
                    candidates.append((order, g, s, e))
        if not candidates:
            break
        candidates.sort()
        grown: set[int] = set()
        for _, g, s, e in candidates:
            if g in grown or e not in free[s]:
                continue
            groups[g][s] = sorted([*groups[g][s], e])
            free[s].discard(e)
            grown.add(g)
    return [(tuple(ls), tuple(rs)) for ls, rs in groups]


def _merge_gain(
    sides: tuple[_Side, _Side],
    weight: dict[str, float],
    group: list[list[int]],
    s: int,
    e: int,
) -> float | None:
    """How much adding sentence ``e`` to side ``s`` of ``group`` raises its score,
    or ``None`` if it should not join."""
    whole = sides[1 - s].keys[group[1 - s][0]]
    parts: frozenset[str] = frozenset().union(*(sides[s].keys[i] for i in group[s]))
    extra = sides[s].keys[e]
    extra_total = _total(extra, weight)
    if extra_total <= 0 or _total(extra & whole, weight) < MERGE_COVER * extra_total:
        return None
    whole_total = _total(whole, weight)
    before = _dice(_total(whole & parts, weight), whole_total, _total(parts, weight))
    joined = parts | extra
    after = _dice(_total(whole & joined, weight), whole_total, _total(joined, weight))
    gain = after - before
    return gain if gain >= MERGE_GAIN else None


# --- results ----------------------------------------------------------------


def _group(
    sides: tuple[_Side, _Side],
    weights: _Weights,
    lefts: tuple[int, ...],
    rights: tuple[int, ...],
    vectors: tuple[Vectors, Vectors] | None,
    by_meaning: dict[tuple[int, int], float],
) -> AlignedGroup:
    weight = weights.weight
    lkeys, lwords = _joined(sides[0], lefts)
    rkeys, rwords = _joined(sides[1], rights)
    shared = lkeys & rkeys
    shared_total = _total(shared, weight)
    ltotal, rtotal = _total(lkeys, weight), _total(rkeys, weight)
    score = _dice(shared_total, ltotal, rtotal)
    kind: Kind
    if lwords == rwords:
        kind = "identical"
    elif min(shared_total / ltotal, shared_total / rtotal) >= REWORDED_MIN:
        kind = "reworded"
    else:
        kind = "partly shared"
    return AlignedGroup(
        left=lefts,
        right=rights,
        score=round(min(score, 1.0), 4),
        kind=kind,
        terms=_display_terms(sides, weights, lefts, rights, shared),
        evidence="meaning" if any((i, j) in by_meaning for i in lefts for j in rights) else "words",
        cosine=None if vectors is None else _group_cosine(vectors, lefts, rights),
    )


def _group_cosine(
    vectors: tuple[Vectors, Vectors], lefts: tuple[int, ...], rights: tuple[int, ...]
) -> float:
    """The cosine of the two sides' vectors (each side's sentences summed)."""
    a = vectors[0][list(lefts)].sum(axis=0)
    b = vectors[1][list(rights)].sum(axis=0)
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return round(float(a @ b) / norm, 4) if norm > 0 else 0.0


def _joined(side: _Side, indices: tuple[int, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The terms and the words of one side of a group."""
    if len(indices) == 1:
        return side.keys[indices[0]], side.words[indices[0]]
    keys: frozenset[str] = frozenset().union(*(side.keys[i] for i in indices))
    return keys, tuple(w for i in indices for w in side.words[i])


def _display_terms(
    sides: tuple[_Side, _Side],
    weights: _Weights,
    lefts: tuple[int, ...],
    rights: tuple[int, ...],
    shared: frozenset[str],
) -> tuple[str, ...]:
    """The heaviest shared terms, each in a spelling taken from the sentences."""
    top = sorted((k for k in shared if k[:1] != _FALLBACK), key=weights.order.__getitem__)
    forms: dict[str, list[str]] = {k: [] for k in top[:MAX_TERMS]}
    for s, indices in ((0, lefts), (1, rights)):
        for i in indices:
            for key, written in sides[s].spellings[i]:
                found = forms.get(key)
                if found is not None:
                    found.append(written)
    return tuple(_choose_spelling(written) for written in forms.values())


def _choose_spelling(written: list[str]) -> str:
    """The spelling used most, without a possessive; on a tie, lower case over a
    capital ("adviser" over "Adviser" from a title) and mixed case over capitals
    (CHINA'S is styling, not a name); then alphabetical."""
    first = written[0]
    if "'" not in first and "\u2019" not in first and written.count(first) == len(written):
        return first  # the usual case: one spelling everywhere
    forms = Counter(_without_possessive(w) for w in written)
    if len(forms) == 1:
        return next(iter(forms))
    return min(forms, key=lambda f: (-forms[f], f.isupper() and len(f) > 4, f[:1].isupper(), f))


def _without_possessive(written: str) -> str:
    text = written.replace("\u2019", "'")
    return text[:-2] if text.endswith(("'s", "'S")) else text


def _group_order(
    group: AlignedGroup, sides: tuple[_Side, _Side]
) -> tuple[int, int, tuple[str, ...]]:
    """A reading order that does not depend on which report is on the left."""
    a, b = group.left[0], group.right[0]
    texts = tuple(
        sorted(
            [sides[0].sentences[i].text for i in group.left]
            + [sides[1].sentences[j].text for j in group.right]
        )
    )
    return (min(a, b), max(a, b), texts)


def _text(sides: tuple[_Side, _Side], r: Restatement) -> str:
    return sides[0 if r.side == "left" else 1].sentences[r.index].text
