"""Emphasis: where each report puts what both tell (headline, lede, thirds) and
what one puts first that the other buries or omits."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..types import Alignment
from .report import ReadReport
from .results import SIDES, Finding, Placement, Side
from .words import _bare_norm, _other, _quote, _same_place

if TYPE_CHECKING:
    from .one_sided import _Term


def _placements(alignment: Alignment, reports: dict[Side, ReadReport]) -> list[Placement]:
    out = []
    for g in alignment.groups:
        lefts = [i for i in g.left if i in reports["left"].position_of]
        rights = [i for i in g.right if i in reports["right"].position_of]
        if not lefts or not rights:
            continue
        a, b = min(lefts), min(rights)
        out.append(
            Placement(
                tuple(g.left),
                tuple(g.right),
                reports["left"].part(a),
                reports["right"].part(b),
                round(reports["left"].position(a), 3),
                round(reports["right"].position(b), 3),
            )
        )
    return out


# A shared passage is "put higher" by one report when it sits at least a third of the text
# higher there (positions 0-1 in each body) and at least two sentences higher. Before, a move
# of 0.3 was enough, which in a 3-sentence body is a single sentence. The seed pair's Malta
# talks move from 0.18 to 0.53 (8 sentences lower) and stay a finding.
PLACEMENT_MIN_MOVE = 1 / 3
PLACEMENT_MIN_SENTENCES = 2
# A name in one report's opening (not its headline) counts as put first only when the other
# report mentions it no higher than this position of its body (or not at all). ECB+ has one
# sentence a paragraph, so "first mentions it in paragraph 2 of 54" was the next sentence:
# 3 of the 4 opening findings judged in seeds 5, 11 and 12 were wrong for it or for a
# dateline taking the opening. Headlines keep the old rule (the seed pair's Wang Yi).
OPENING_MIN_OTHER_POSITION = 1 / 3


def _moved_block_findings(
    placements: list[Placement], reports: dict[Side, ReadReport]
) -> list[Finding]:
    """Shared passages one report puts near the top and the other much lower."""
    body = [
        p
        for p in placements
        if all(reports["left"].sentences[i].role == "body" for i in p.left)
        and all(reports["right"].sentences[i].role == "body" for i in p.right)
    ]
    body.sort(key=lambda p: (min(p.left), min(p.right)))
    blocks: list[list[Placement]] = []
    for p in body:
        if blocks:
            last = blocks[-1][-1]
            if _next_in_order(reports["left"], max(last.left), min(p.left)) and _next_in_order(
                reports["right"], max(last.right), min(p.right)
            ):
                blocks[-1].append(p)
                continue
        blocks.append([p])
    out = []
    for block in blocks:
        first = block[0]
        lp, rp = first.left_position, first.right_position
        if (
            abs(lp - rp) < PLACEMENT_MIN_MOVE
            or min(lp, rp) >= 1 / 3
            or first.left_part == first.right_part
        ):
            continue
        higher: Side = "left" if lp < rp else "right"
        lower = _other(higher)
        ranks = {
            side: reports[side].body_rank.get(min(first.left if side == "left" else first.right))
            for side in SIDES
        }
        if (
            ranks["left"] is None
            or ranks["right"] is None
            or ranks[lower] - ranks[higher] < PLACEMENT_MIN_SENTENCES
        ):
            continue  # one sentence lower in a short report is no change of emphasis
        lefts = tuple(i for p in block for i in p.left)
        rights = tuple(i for p in block for i in p.right)
        where = {"left": reports["left"].where(lefts), "right": reports["right"].where(rights)}
        first_text = reports[higher].sentences[min(lefts if higher == "left" else rights)].text
        summary = (
            f"The {higher} report puts this higher: \u2018{_quote(first_text, 10)}\u2019 is in "
            f"{where[higher]} there, but in {where[lower]} of the {lower} report."
        )
        out.append(
            Finding(
                kind="emphasis",
                side=higher,
                label=f"higher {higher}",
                summary=summary,
                left_terms=(where["left"],),
                right_terms=(where["right"],),
                left_sentences=lefts,
                right_sentences=rights,
                subkind="placement",
                left_value=lp,
                right_value=rp,
            )
        )
    return out


def _next_in_order(report: ReadReport, a: int, b: int) -> bool:
    pos = report.position_of
    return a in pos and b in pos and pos[b] - pos[a] == 1


def _top_findings(
    reports: dict[Side, ReadReport], terms: dict[Side, list[_Term]]
) -> tuple[list[Finding], set[tuple[Side, tuple[str, ...]]]]:
    """Names and labels one report puts in its headline or lede that the other
    mentions only lower down, or not at all."""
    out = []
    covered: set[tuple[Side, tuple[str, ...]]] = set()
    for side in SIDES:
        report, other = reports[side], reports[_other(side)]
        other_top_keys = {
            w.key for i in other.order if other.is_top(i) for w in other.words[i] if w.key
        }
        # By their first four letters: a place and its people share at least those
        # (_same_place), so each name is held against a handful, not every name.
        other_top_norms: dict[str, set[str]] = defaultdict(set)
        for i in other.order:
            if other.is_top(i):
                for w in other.words[i]:
                    if w.cap:
                        norm = _bare_norm(w.text)
                        other_top_norms[norm[:4]].add(norm)
        seen: set[tuple[str, ...]] = set()
        for t in terms[side]:
            if t.kind not in ("name", "label", "number") or not report.is_top(t.sentence):
                continue
            if t.kind == "number" and len(t.keys) < 2:
                continue
            ident = t.name_keys or t.keys
            if not ident or ident in seen:
                continue
            if any(k in other_top_keys for k in ident) or any(
                _same_place(n, o) for n in t.name_norms for o in other_top_norms.get(n[:4], ())
            ):
                continue
            seen.add(ident)
            later = [other.first_key_at[k] for k in ident if k in other.first_key_at]
            part = "headline" if report.sentences[t.sentence].role == "headline" else "opening"
            if later:
                at = min(later, key=other.position_of.__getitem__)
                if (
                    part == "opening"
                    and other.sentences[at].role == "body"
                    and other.position(at) < OPENING_MIN_OTHER_POSITION
                ):
                    continue  # the other report has it a sentence or two lower
                where = other.where([at])
                summary = (
                    f"The {side} report puts \u2018{t.text}\u2019 in its {part}; "
                    f"the {_other(side)} report first mentions it in {where}."
                )
                other_sentences: tuple[int, ...] = (at,)
            else:
                summary = (
                    f"The {side} report puts \u2018{t.text}\u2019 in its {part}; "
                    f"the {_other(side)} report never mentions it."
                )
                other_sentences = ()
            covered.add((side, ident))
            out.append(
                Finding(
                    kind="emphasis",
                    side=side,
                    label=f"in the {part}, {side}",
                    summary=summary,
                    left_terms=(t.text,) if side == "left" else (),
                    right_terms=(t.text,) if side == "right" else (),
                    left_sentences=(t.sentence,) if side == "left" else other_sentences,
                    right_sentences=(t.sentence,) if side == "right" else other_sentences,
                    subkind=part,
                )
            )
    return out, covered
