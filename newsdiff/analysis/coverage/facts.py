"""Group the sentences that tell the same fact across many reports.

Every pair of included reports is aligned by ``align.align_sentences`` (words,
then meaning). Each aligned group gives links between its sentences: across the
two reports, and between the sentences of one side when a report tells in two
sentences what the other tells in one. A fact is then grown from the strongest
link down, joining two partial facts only when the alignments agree:

- **for and against.** For every pair of reports that the join would bring
  together (one report in each partial fact), the alignment of that pair votes
  *for* when it links a sentence of one to a sentence of the other, *against*
  when it pairs one of them with a sentence of the other report that is in
  neither partial fact, and abstains when it paired neither. A join needs more
  votes for than against. So A~B and B~C join C to A's fact only when the A-C
  alignment did not pair A's sentence elsewhere: a chain through unrelated
  sentences is cut where two alignments contradict each other, and a link one
  alignment missed (a recall gap) does not split a fact the others agree on.
- **one cell per report.** Two partial facts holding sentences of the same
  report join only when those sentences were grouped together by an alignment
  (a split: one report's two sentences against the other's one).

A link the alignment made on little evidence (few shared terms and a low cosine,
LINK_MIN_SCORE and LINK_MIN_COSINE) is not taken. Restatements (a standfirst
repeating the lede) join the fact of the sentence they repeat. Last, a row that is
mostly headlines joins the row holding most of those reports' ledes
(``headlines_with_ledes``): the aligner pairs headline with headline and lede with
lede, while a headline tells its lede's fact.

Links are taken strongest first (the aligned group's score, then the report and
sentence numbers in the canonical order), so the result depends on the reports
only, never on the order they were given in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from newsdiff.analysis import align, compare, encode
from newsdiff.analysis.types import Alignment

from .inputs import Column, lede

# A join also needs votes for from at least this share of the report pairs it brings
# together ("most members agree"). On the tuning part of bench/data/coverage_gold.json
# 0.5 and 0 (votes for need only outnumber votes against) score the same; 0.67 lost
# recall (pairwise 0.348 -> 0.319) for little precision.
JOIN_SUPPORT = 0.5
# A link from an aligned group that shares few terms (score below LINK_MIN_SCORE) and
# whose sentences are not close in meaning either (cosine below LINK_MIN_COSINE) is not
# taken: on the tuning part, 5 of the 7 such links were wrong (headline of a blog post
# paired by meaning with a body sentence). Dropping them: pairwise precision 0.651 ->
# 0.737, recall unchanged (0.348); a cosine floor of 0.7 lost recall.
LINK_MIN_SCORE = 0.2
LINK_MIN_COSINE = 0.6

# Whether a row of headlines joins the row that holds those reports' ledes. On the
# tuning part of the coverage gold: pairwise F1 0.473 -> 0.574 (recall 0.348 -> 0.507,
# precision 0.737 -> 0.661), B-cubed F1 0.799 -> 0.827, right "not reported" cells in
# rows of 2+ articles 0.611 -> 0.692.
HEADLINE_WITH_LEDE = True

Node = tuple[int, int]  # (column number among the included reports, sentence index)


@dataclass
class Links:
    """What the pairwise alignments say about the sentences of all reports."""

    n: int  # included reports
    # strongest first: (-score, a, b) with a < b, nodes of two different reports
    cross: list[tuple[float, Node, Node]] = field(default_factory=list)
    # partners[(r, s)][i]: sentences of report s the r-s alignment put with sentence i of r
    partners: dict[tuple[int, int], dict[int, set[int]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    together: set[tuple[Node, Node]] = field(default_factory=set)  # same report, one group
    restates: list[tuple[Node, Node]] = field(default_factory=list)  # (restating, restated)


def report_vectors(cols: Sequence[Column]) -> list[np.ndarray | None]:
    """Each report's sentence vectors: stored ones, or encoded once here. None for
    a report that is not English (the encoder reads English)."""
    out: list[np.ndarray | None] = []
    missing = [
        c for c in cols if c.report.vectors is None and c.report.language == "en" and c.included
    ]
    encoded: dict[str, np.ndarray] = {}
    if missing:
        encoder = encode.get_encoder()
        texts = [s.text for c in missing for s in c.report.sentences]
        vectors = encoder.encode(texts).vectors
        start = 0
        for c in missing:
            end = start + len(c.report.sentences)
            encoded[c.key] = vectors[start:end]
            start = end
    for c in cols:
        if c.report.language != "en":
            out.append(None)
        elif c.report.vectors is not None:
            out.append(np.asarray(c.report.vectors, dtype=np.float32))
        else:
            out.append(encoded.get(c.key))
    return out


def align_all(cols: Sequence[Column], vectors: Sequence[np.ndarray | None]) -> Links:
    """Align every pair of the included reports (in the canonical order) and
    collect the links."""
    links = Links(len(cols))
    for a, b in combinations(range(len(cols)), 2):
        left, right = cols[a].report.sentences, cols[b].report.sentences
        pair_vectors = None
        va, vb = vectors[a], vectors[b]
        if (
            va is not None
            and vb is not None
            and len(left) * len(right) <= compare.MAX_MEANING_PAIRS
        ):
            pair_vectors = (va, vb)
        _collect(links, a, b, align.align_sentences(left, right, pair_vectors))
    links.cross.sort()
    return links


def _collect(links: Links, a: int, b: int, alignment: Alignment) -> None:
    forward, backward = links.partners[a, b], links.partners[b, a]
    for group in alignment.groups:
        for i in group.left:
            forward.setdefault(i, set()).update(group.right)
            for j in group.right:
                if group.score >= LINK_MIN_SCORE or (group.cosine or 0.0) >= LINK_MIN_COSINE:
                    links.cross.append((-group.score, (a, i), (b, j)))
        for j in group.right:
            backward.setdefault(j, set()).update(group.left)
        for side, sentences in ((a, group.left), (b, group.right)):
            for x, y in combinations(sorted(sentences), 2):
                links.together.add(((side, x), (side, y)))
    for r in alignment.restatements:
        side = a if r.side == "left" else b
        links.restates.append(((side, r.index), (side, r.restates)))


class _Facts:
    """Union-find over sentences, each set a (partial) fact with its members by report."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}
        self.members: dict[Node, dict[int, set[int]]] = {}

    def find(self, node: Node) -> Node:
        if node not in self.parent:
            self.parent[node] = node
            self.members[node] = {node[0]: {node[1]}}
            return node
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def join(self, x: Node, y: Node) -> None:
        if len(self.members[x]) + sum(map(len, self.members[x].values())) < len(
            self.members[y]
        ) + sum(map(len, self.members[y].values())):
            x, y = y, x
        self.parent[y] = x
        for report, indices in self.members.pop(y).items():
            self.members[x].setdefault(report, set()).update(indices)


def group_facts(links: Links, sizes: Sequence[int]) -> list[dict[int, list[int]]]:
    """The facts: for each, the sentence indices of every report that tells it
    (``sizes``: the number of sentences of each included report; every sentence is
    in exactly one fact, one-report facts included)."""
    facts = _Facts()
    for _score, x, y in links.cross:
        rx, ry = facts.find(x), facts.find(y)
        if rx != ry and _may_join(links, facts.members[rx], facts.members[ry]):
            facts.join(rx, ry)
    for restating, restated in sorted(links.restates):
        a, b = facts.find(restating), facts.find(restated)
        # only a sentence no other report tells joins the one it repeats
        if a != b and len(facts.members[a]) == 1 and len(facts.members[a][restating[0]]) == 1:
            facts.join(b, a)
    for report, n in enumerate(sizes):
        for i in range(n):
            facts.find((report, i))
    return [
        {report: sorted(indices) for report, indices in sorted(members.items())}
        for members in facts.members.values()
    ]


def headlines_with_ledes(
    groups: list[dict[int, list[int]]], cols: Sequence[Column]
) -> list[dict[int, list[int]]]:
    """A row of the headlines of several reports joins the row that holds the ledes
    (first body sentences) of most of them: a headline tells its lede's fact, and
    the aligner pairs headline with headline and lede with lede, never both."""
    if not HEADLINE_WITH_LEDE:
        return groups
    ledes = [lede(c.report) for c in cols]
    at = {(r, i): n for n, g in enumerate(groups) for r, ix in g.items() for i in ix}
    taken: set[int] = set()
    moves: list[tuple[int, int]] = []
    for n, g in enumerate(groups):
        heads = [
            r for r, ix in g.items() if all(cols[r].report.sentences[i].role != "body" for i in ix)
        ]
        if len(heads) < 2 or 2 * len(heads) < len(g):
            continue
        votes: dict[int, int] = {}
        for r in heads:
            if ledes[r] is not None and (m := at[r, ledes[r]]) != n:
                votes[m] = votes.get(m, 0) + 1
        if not votes:
            continue
        m = min(votes, key=lambda k: (-votes[k], k))
        if 2 * votes[m] >= len(heads) and m not in taken and votes[m] >= 2:
            taken.add(m)
            moves.append((n, m))
    if not moves:
        return groups
    joined = [{r: list(ix) for r, ix in g.items()} for g in groups]
    for n, m in moves:
        for r, ix in joined[n].items():
            joined[m][r] = sorted(set(joined[m].get(r, [])) | set(ix))
        joined[n] = {}
    return [{r: g[r] for r in sorted(g)} for g in joined if g]


def _may_join(links: Links, x: dict[int, set[int]], y: dict[int, set[int]]) -> bool:
    for report in x.keys() & y.keys():
        if not any(
            (min(a, b), max(a, b)) in links.together
            for a in ((report, i) for i in x[report])
            for b in ((report, j) for j in y[report])
        ):
            return False
    votes_for = votes_against = pairs = 0
    for r, mine in x.items():
        for s, theirs in y.items():
            if r == s:
                continue
            pairs += 1
            vote = _vote(
                links, r, mine, s, theirs, x.get(s, set()) | theirs, mine | y.get(r, set())
            )
            votes_for += vote > 0
            votes_against += vote < 0
    return votes_for > votes_against and votes_for >= JOIN_SUPPORT * pairs


def _vote(
    links: Links,
    r: int,
    mine: set[int],
    s: int,
    theirs: set[int],
    all_s: set[int],
    all_r: set[int],
) -> int:
    """+1 when the r-s alignment links these sentences, -1 when it pairs one of
    them with a sentence outside the joined fact, 0 when it says nothing."""
    forward, backward = links.partners.get((r, s), {}), links.partners.get((s, r), {})
    if any(forward.get(i, set()) & theirs for i in mine):
        return 1
    elsewhere = any(forward.get(i, set()) - all_s for i in mine) or any(
        backward.get(j, set()) - all_r for j in theirs
    )
    return -1 if elsewhere else 0
