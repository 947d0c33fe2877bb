"""The rows of the coverage table (facts), their kinds, the summary sentences
above the table and the warnings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from itertools import combinations
from typing import Any, Literal

from newsdiff.analysis import worddiff

from .inputs import Column, is_dateline

FactKind = Literal["all", "one", "omitted", ""]

# A summary lists at most this many sentences of each kind (a fact kind: "omitted", "one", "all")
SUMMARY_PER_KIND = 4
# A fact quoted in a summary sentence is cut after this many words
SUMMARY_WORDS = 24
# Below this share of its sentences told by another report too, a report "shares
# few facts" with the others (see ``warnings``)
FEW_SHARED = 0.15


def fact_kind(fact: dict[str, Any], n_included: int) -> FactKind:
    """The filter a fact falls under: ``all`` (every included report tells it),
    ``one`` (one report only), ``omitted`` (every report but one), else "".
    With two reports, a fact of one report is ``one``; a row of datelines has no kind."""
    if fact.get("dateline"):
        return ""
    outlets = fact["outlets"]
    if outlets == 1:
        return "one" if n_included >= 2 else ""
    if outlets == n_included:
        return "all"
    if outlets == n_included - 1:
        return "omitted"
    return ""


def _position(col: Column, indices: Sequence[int]) -> float:
    n = len(col.report.sentences)
    return min(indices) / n if n > 1 else 0.0


def fact_rows(groups: list[dict[int, list[int]]], cols: Sequence[Column]) -> list[dict[str, Any]]:
    """One dict per fact, ordered by how many reports tell it, then where it first
    appears (the earliest relative position among its cells), then its first
    cell; rows of datelines only ("Updated: March 14, 2013") come last, marked
    ``dateline``. ``groups`` map included-report numbers (positions in ``cols``)
    to sentence indices."""
    rows = []
    for group in groups:
        first = min((_position(cols[r], ix), r, ix[0]) for r, ix in group.items())
        dateline = all(
            is_dateline(cols[r].report.sentences[i].text) for r, ix in group.items() for i in ix
        )
        rows.append((dateline, -len(group), first, group))
    rows.sort(key=lambda row: row[:3])
    out = []
    for n, (dateline, _outlets, first, group) in enumerate(rows):
        texts = {r: [cols[r].report.sentences[i].text for i in ix] for r, ix in group.items()}
        wording = _most_common_wording(texts)
        out.append(
            {
                "id": n,
                "cells": {cols[r].key: list(ix) for r, ix in group.items()},
                "outlets": len(group),
                "wording": cols[wording].key,
                "diffs": {
                    cols[r].key: [
                        asdict(span) for span in worddiff.diff_sentences(texts[wording], texts[r])
                    ]
                    for r in group
                    if r != wording
                },
                "position": round(first[0], 4),
                "dateline": dateline,
            }
        )
    return out


def _most_common_wording(texts: dict[int, list[str]]) -> int:
    """The cell whose words the other cells share most: the medoid under the
    share of normalised words two cells have in common (a multiset Dice, so the
    order of words does not matter); ties go to the first report."""
    if len(texts) == 1:
        return next(iter(texts))
    bags = {
        r: Counter(
            t.norm for text in ts for t in worddiff.sentence_tokens(text) if t.kind != "punct"
        )
        for r, ts in texts.items()
    }
    sizes = {r: sum(bag.values()) for r, bag in bags.items()}
    score = dict.fromkeys(bags, 0.0)
    for r, s in combinations(sorted(bags), 2):
        if sizes[r] and sizes[s]:
            likeness = 2 * sum((bags[r] & bags[s]).values()) / (sizes[r] + sizes[s])
            score[r] += likeness
            score[s] += likeness
    return max(sorted(score), key=lambda r: score[r])


# Quotation marks inside a quoted fact become single ones, as a quote within a quote;
# a straight one opens where no word or punctuation comes before it.
_INNER_QUOTES = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019"})
_STRAIGHT_OPENING = re.compile(r'(?<![\w.,;:!?\u2026])"')


def _quote(text: str) -> str:
    inner = _STRAIGHT_OPENING.sub("\u2018", text.translate(_INNER_QUOTES)).replace('"', "\u2019")
    words = inner.split()
    if len(words) > SUMMARY_WORDS:
        return "\u201c" + " ".join(words[:SUMMARY_WORDS]) + " \u2026\u201d"
    return "\u201c" + " ".join(words) + "\u201d"


def _reports(label: str, fact: dict[str, Any], by_key: dict[str, Column]) -> str:
    """'Only Fox News reports “…”.': no full stop after a quote that ends a sentence."""
    quoted = _quote(_fact_text(fact, by_key))
    return f"{label} reports {quoted}" + ("" if quoted[-2:-1] in ".?!\u2026" else ".")


def _taking_turns(facts: list[dict[str, Any]], outlet_of) -> list[dict[str, Any]]:
    """Up to SUMMARY_PER_KIND of ``facts`` (in reading order), each outlet's first
    before any outlet's second, so that one outlet's many facts do not hide another's."""
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        by_outlet.setdefault(outlet_of(fact), []).append(fact)
    picked: list[dict[str, Any]] = []
    for turn in range(max((len(fs) for fs in by_outlet.values()), default=0)):
        this_turn = [fs[turn] for fs in by_outlet.values() if len(fs) > turn]
        picked += sorted(this_turn, key=lambda f: (f["position"], f["id"]))
        if len(picked) >= SUMMARY_PER_KIND:
            break
    return picked[:SUMMARY_PER_KIND]


def _fact_text(fact: dict[str, Any], cols_by_key: dict[str, Column]) -> str:
    """The row's wording, as a summary quotes it: a headline joined to its lede's
    row is left out where the row has more than the headline."""
    col = cols_by_key[fact["wording"]]
    sentences = [col.report.sentences[i] for i in fact["cells"][fact["wording"]]]
    told = [s for s in sentences if s.role != "headline"] or sentences
    return " ".join(s.text for s in told)


def summary(facts: Sequence[dict[str, Any]], included: Sequence[Column]) -> list[dict[str, Any]]:
    """The sentences above the table, most telling first: what every report but
    one tells (an omission), what one report alone tells, what every report tells;
    within each, the facts nearest the top of the reports first, and for the first
    two each outlet's first fact before any outlet's second."""
    n = len(included)
    if n < 2:
        return []
    by_key = {c.key: c for c in included}
    keys = [c.key for c in included]
    out: list[dict[str, Any]] = []
    ordered = [
        f for f in sorted(facts, key=lambda f: (f["position"], f["id"])) if not f["dateline"]
    ]
    # what several outlets tell must be in each one's body: a row that holds only
    # an outlet's headline (matched to another's lede or a later sentence) would make
    # "every outlet reports …" claim the headline's outlet told the quoted details
    in_bodies = [f for f in ordered if _told_in_every_body(f, by_key)]
    if n >= 3:
        omitted = [f for f in in_bodies if f["outlets"] == n - 1]

        def missing(fact: dict[str, Any]) -> str:
            return next(k for k in keys if k not in fact["cells"])

        for fact in _taking_turns(omitted, missing):
            label = f"Every outlet but {by_key[missing(fact)].label}"
            out.append(
                {
                    "kind": "omitted",
                    "fact": fact["id"],
                    "outlets": [missing(fact)],
                    "text": _reports(label, fact, by_key),
                }
            )
    alone = [f for f in ordered if f["outlets"] == 1 and _worth_telling(f, by_key)]
    for fact in _taking_turns(alone, lambda f: next(iter(f["cells"]))):
        (key,) = fact["cells"]
        out.append(
            {
                "kind": "one",
                "fact": fact["id"],
                "outlets": [key],
                "text": _reports(f"Only {by_key[key].label}", fact, by_key),
            }
        )
    for fact in [f for f in in_bodies if f["outlets"] == n][:SUMMARY_PER_KIND]:
        out.append(
            {
                "kind": "all",
                "fact": fact["id"],
                "outlets": list(keys),
                "text": _reports("Every outlet", fact, by_key),
            }
        )
    return out


def _told_in_every_body(fact: dict[str, Any], by_key: dict[str, Column]) -> bool:
    return all(
        any(by_key[key].report.sentences[i].role != "headline" for i in indices)
        for key, indices in fact["cells"].items()
    )


def _worth_telling(fact: dict[str, Any], by_key: dict[str, Column]) -> bool:
    """A one-report fact is worth a summary sentence when it is a body sentence of
    some length (a headline or a dateline of one outlet is no news)."""
    ((key, indices),) = fact["cells"].items()
    sentences = [by_key[key].report.sentences[i] for i in indices]
    return (
        any(s.role == "body" for s in sentences)
        and sum(len(s.text.split()) for s in sentences) >= 8
    )


def counts(facts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Facts by how many reports tell them (dateline rows counted apart)."""
    tally = Counter(f["outlets"] for f in facts if not f["dateline"])
    return {
        "facts_by_outlets": {str(k): tally[k] for k in sorted(tally)},
        "datelines": sum(f["dateline"] for f in facts),
    }


def warnings(facts: Sequence[dict[str, Any]], cols: Sequence[Column]) -> list[str]:
    """Plain sentences about the input: reports left out, reports that share few
    facts with the others (perhaps another event put in the story by mistake)."""
    out = []
    included = [c for c in cols if c.included]
    for c in cols:
        if c.duplicate_of is not None:
            out.append(
                f"{c.label}'s report {c.key} repeats another of its reports and is left out."
            )
        elif not c.included:
            out.append(f"{c.label}'s report {c.key} is left out: {c.excluded_because}")
    if len(included) < 2:
        out.append("Fewer than two reports take part, so nothing can be compared.")
        return out
    shared: Counter[str] = Counter()
    for f in facts:
        if f["outlets"] > 1 and not f["dateline"]:
            for key, indices in f["cells"].items():
                shared[key] += len(indices)
    share = {c.key: shared[c.key] / max(1, len(c.report.sentences)) for c in included}
    if all(s < FEW_SHARED for s in share.values()):
        out.append("These reports share few facts: they may be about different events.")
    else:
        for c in included:
            if share[c.key] < FEW_SHARED:
                out.append(
                    f"{c.label}'s report shares few facts with the others: "
                    "it may be about a different event."
                )
    return out
