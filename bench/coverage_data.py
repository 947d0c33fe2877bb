"""Inputs and scores for the coverage benchmark (``bench/coverage.py``): ECB+
stories as ``coverage.Report`` lists, the hand gold (``data/coverage_gold.json``),
its scores, and the synthetic many-outlet stories used for speed."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from bench.alignment_data import (
    ECB_FOLDER,
    EcbArticle,
    _as_sentences,
    _merge,
    _reword,
    _sentence_pool,
    _split,
    doc_sort_key,
    load_articles,
)
from newsdiff.analysis import encode
from newsdiff.analysis.coverage import Report

GOLD = Path(__file__).resolve().parent / "data" / "coverage_gold.json"
Item = tuple[str, int]  # (document, corpus sid)


def report_of(article: EcbArticle, vectors: np.ndarray | None = None) -> Report:
    """An ECB+ article as the coverage takes it; its document name is both key and
    outlet (ECB+ gives no outlet names for the ecb half)."""
    meta = {"headline": article.sentences[0].text if article.sentences else "", "language": "en"}
    return Report(article.doc, article.doc, article.sentences, meta, vectors)


def encode_all(articles: Iterable[EcbArticle]) -> dict[str, np.ndarray]:
    """Every article's sentence vectors in one encoder run (the stored vectors of
    the web app)."""
    chosen = list(articles)
    texts = [s.text for a in chosen for s in a.sentences]
    vectors = encode.get_encoder().encode(texts).vectors
    out, start = {}, 0
    for a in chosen:
        out[a.doc] = vectors[start : start + len(a.sentences)]
        start += len(a.sentences)
    return out


def stories(min_articles: int = 3, max_articles: int = 12) -> dict[str, list[EcbArticle]]:
    """Every ECB+ story (topic and subtopic) with at least ``min_articles`` articles
    that have sentences, each cut to its first ``max_articles`` in corpus order."""
    grouped: dict[str, list[EcbArticle]] = {}
    articles = load_articles()
    for name in sorted(articles, key=doc_sort_key):
        if articles[name].sentences:
            grouped.setdefault(articles[name].story_key, []).append(articles[name])
    return {k: v[:max_articles] for k, v in grouped.items() if len(v) >= min_articles}


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldStory:
    story: str
    part: str
    docs: tuple[str, ...]
    clusters: tuple[frozenset[Item], ...]  # the facts, then one singleton per other sentence
    partial: frozenset[frozenset[Item]]  # acceptable cross-article pairs


def gold_problems(path: Path = GOLD) -> list[str]:
    """What is wrong with the gold file, in words (empty when it is well-formed):
    every named sentence exists, none is in two facts or in a fact and ignored, every
    fact spans two or more of the story's articles, every story has 4+ articles."""
    articles = load_articles(ECB_FOLDER)
    problems = []
    for st in json.loads(path.read_text(encoding="utf-8"))["stories"]:
        name = st["story"]
        if len(st["docs"]) < 4 or st["part"] not in ("tuning", "test"):
            problems.append(f"{name}: fewer than 4 articles or an unknown part")
        uses: dict[Item, int] = {}
        named = [(d, s) for f in st["facts"] for d, sids in f["cells"].items() for s in sids]
        named += [(d, s) for d, sids in st["ignore"].items() for s in sids]
        for d, s in named:
            uses[d, s] = uses.get((d, s), 0) + 1
            if d not in st["docs"] or s not in articles[d].sids:
                problems.append(f"{name}: {d} sid {s} is not a sentence of the story")
        problems += [f"{name}: {d} sid {s} is used twice" for (d, s), n in uses.items() if n > 1]
        problems += [f"{name}: a fact with one article" for f in st["facts"] if len(f["cells"]) < 2]
        for pair in st["partial"]:
            for d, s in pair:
                if d not in st["docs"] or s not in articles[d].sids:
                    problems.append(f"{name}: partial pair names {d} sid {s}")
    return problems


def load_gold(path: Path = GOLD) -> list[GoldStory]:
    articles = load_articles(ECB_FOLDER)
    out = []
    for st in json.loads(path.read_text(encoding="utf-8"))["stories"]:
        ignored = {(d, s) for d, sids in st["ignore"].items() for s in sids}
        facts = [
            frozenset((d, s) for d, sids in f["cells"].items() for s in sids) for f in st["facts"]
        ]
        told = set().union(*facts)
        singles = [
            frozenset([(d, s)])
            for d in st["docs"]
            for s in articles[d].sids
            if (d, s) not in told and (d, s) not in ignored
        ]
        partial = {frozenset(map(tuple, p)) for p in st["partial"]}
        for i, j in st["partial_facts"]:
            partial |= {frozenset([a, b]) for a in facts[i] for b in facts[j] if a[0] != b[0]}
        out.append(
            GoldStory(
                st["story"], st["part"], tuple(st["docs"]), (*facts, *singles), frozenset(partial)
            )
        )
    return out


def predicted_clusters(coverage: dict, articles: dict[str, EcbArticle]) -> list[frozenset[Item]]:
    """The coverage's facts as sets of (document, sid)."""
    return [
        frozenset((doc, articles[doc].sids[i]) for doc, ix in f["cells"].items() for i in ix)
        for f in coverage["facts"]
    ]


@dataclass
class Scores:
    pair_right: int = 0  # predicted cross-article pairs that are gold or partial
    pair_predicted: int = 0
    pair_found: int = 0  # gold cross-article pairs predicted
    pair_gold: int = 0
    b3_precision: float = 0.0  # sums over items
    b3_recall: float = 0.0
    items: int = 0
    absent_right: int = 0  # "not reported" cells that are right
    absent: int = 0
    absent_multi_right: int = 0  # the same, in rows of 2 or more outlets
    absent_multi: int = 0

    def add(self, other: Scores) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        p = self.pair_right / self.pair_predicted if self.pair_predicted else 0.0
        r = self.pair_found / self.pair_gold if self.pair_gold else 0.0
        bp = self.b3_precision / self.items if self.items else 0.0
        br = self.b3_recall / self.items if self.items else 0.0
        return {
            "pair P": p,
            "pair R": r,
            "pair F1": _f1(p, r),
            "B3 P": bp,
            "B3 R": br,
            "B3 F1": _f1(bp, br),
            "not reported right": self.absent_right / self.absent if self.absent else 0.0,
            "of rows 2+": self.absent_multi_right / self.absent_multi if self.absent_multi else 0.0,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _cross_pairs(cluster: Iterable[Item]) -> set[frozenset[Item]]:
    return {frozenset([a, b]) for a, b in combinations(sorted(cluster), 2) if a[0] != b[0]}


def score(gold: GoldStory, predicted: Sequence[frozenset[Item]]) -> Scores:
    """The benchmark's figures for one story (see coverage_gold.md, "Scoring")."""
    items = set().union(*gold.clusters)
    pred = [c & items for c in predicted]
    pred = [c for c in pred if c]
    gold_of = {item: c for c in gold.clusters for item in c}
    pred_of = {item: c for c in pred for item in c}
    s = Scores(items=len(items))
    gold_pairs = set().union(*(_cross_pairs(c) for c in gold.clusters))
    pred_pairs = set().union(*(_cross_pairs(c) for c in pred))
    s.pair_gold, s.pair_predicted = len(gold_pairs), len(pred_pairs)
    s.pair_found = len(gold_pairs & pred_pairs)
    s.pair_right = len(pred_pairs & (gold_pairs | gold.partial))
    for item in items:
        both = len(gold_of[item] & pred_of[item])
        s.b3_precision += both / len(pred_of[item])
        s.b3_recall += both / len(gold_of[item])
    for row in pred:
        fact = max(gold.clusters, key=lambda c: (len(c & row), -gold.clusters.index(c)))
        tellers = {d for d, _ in fact}
        shown = {d for d, _ in row}
        for doc in gold.docs:
            if doc in shown:
                continue
            s.absent += 1
            s.absent_right += doc not in tellers
            if len(shown) >= 2:
                s.absent_multi += 1
                s.absent_multi_right += doc not in tellers
    return s


# --------------------------------------------------------------------------- speed


def synthetic_story(outlets: int, n: int, seed: int = 2026) -> list[Report]:
    """``outlets`` reports of about ``n`` sentences each of one made-up story: a base
    text of ECB+ sentences, and each outlet's version of it, with about 15% of the
    sentences dropped, 10% new ones, 30% reworded, 5% split, 5% merged and local
    moves (as alignment_data.build_synthetic makes its right side)."""
    rng = random.Random(f"coverage:{seed}:{outlets}:{n}")
    pool = [text for doc in _sentence_pool(ECB_FOLDER) for text in doc]
    start = rng.randrange(len(pool) - 4 * n)
    base = pool[start : start + n]
    spare = pool[start + n :]
    reports = []
    for k in range(outlets):
        texts: list[str] = []
        i = 0
        while i < len(base):
            roll = rng.random()
            if roll < 0.15:
                pass
            elif roll < 0.20 and i + 1 < len(base):
                texts.append(_merge(base[i], base[i + 1]))
                i += 1
            elif roll < 0.25 and (parts := _split(base[i])):
                texts.extend(parts)
            elif roll < 0.55:
                texts.append(_reword(base[i], rng))
            else:
                texts.append(base[i])
            if rng.random() < 0.10:
                texts.append(spare[rng.randrange(len(spare))])
            i += 1
        keys = [
            j + (rng.uniform(-3.5, 3.5) if rng.random() < 0.25 else 0) for j in range(len(texts))
        ]
        texts = [texts[j] for j in sorted(range(len(texts)), key=lambda j: keys[j])]
        sentences = _as_sentences(texts, rng)
        reports.append(Report(str(k + 1), f"Outlet {k + 1:02d}", sentences, {"language": "en"}))
    return reports


def with_vectors(reports: Sequence[Report]) -> list[Report]:
    """The same reports with their vectors made beforehand (as stored articles have)."""
    texts = [s.text for r in reports for s in r.sentences]
    vectors = encode.get_encoder().encode(texts).vectors
    out, start = [], 0
    for r in reports:
        end = start + len(r.sentences)
        out.append(Report(r.key, r.outlet, r.sentences, r.meta, vectors[start:end]))
        start = end
    return out
