"""Label how two reports of one event frame it differently.

``analyse_framing(left, right, alignment)`` reads two segmented reports and their
sentence alignment and returns a ``Framing``: a short list of ``Finding``s a
journalist can check (what only one report says, word choices inside shared
sentences, how each names the same thing, whom each cites, how sure each
sounds, what each puts first) and per-report statistics.

Every finding names its evidence: the terms as written and the indexes of the
sentences they come from. Summaries call the reports "the left report" and "the
right report", verbatim, so the web layer can put the outlets' names in.

The analysis is symmetric: swapping the reports (and mirroring the alignment)
swaps "left" and "right" in every finding and nothing else. Word lists come from
a ``Lexicon`` (``newsdiff/lexicons/`` by default, or rows staff have edited).
Plain Python: nothing here imports Django.

The package, one module per kind of finding and the reading they share; this
module runs them (``analyse_framing``), orders the findings, counts each
report's statistics and writes the JSON (``framing_to_dict``):

- ``results``: what framing returns (``Finding``, ``Framing``) and FRAMING_VERSION
- ``lexicon``: the word lists and their index; ``words``: a sentence's words as
  framing reads them; ``report``: one report, read once; ``labels``: where a
  lexicon label names the thing of its family
- one module per kind: ``one_sided`` (key terms and passages only one report
  has), ``wording`` (word choices and the other changes inside aligned
  sentences; ``choice``: which rewordings are word choices), ``naming`` (and
  weighted terms), ``attribution``, ``hedging``, ``emphasis``; ``salience``:
  how much each finding matters (0 to 100)
- ``state``: what one comparison remembers about its sentences, made by
  ``analyse_framing`` and dropped with its result; its docstring lists the
  module-level caches that stay (bounded, none keyed by a sentence) and why
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from typing import Any

from ..collector import collection_paused
from ..types import Alignment, DiffSpan, Sentence
from .attribution import (
    _attribution_findings,
    _mark_shared_sources,
    find_attributions,
)
from .attribution import attribution_cues as attribution_cues
from .emphasis import (
    _moved_block_findings,
    _placements,
    _top_findings,
)
from .hedging import (
    _hedging_findings,
    find_markers,
    per_100,
)
from .lexicon import LEXICON_DIR as LEXICON_DIR
from .lexicon import (
    Lexicon,
)
from .lexicon import NamingException as NamingException
from .lexicon import ReportingVerb as ReportingVerb
from .lexicon import WeightedTerm as WeightedTerm
from .naming import (
    _naming_findings,
    _weighted_findings,
    find_namings,
)
from .one_sided import (
    _extract_terms,
    _only_terms,
    _passage_findings,
    _rank_terms,
    _Term,
    evidenced_caps,
)
from .report import (
    ReadReport,
    read_report,
)
from .results import FRAMING_VERSION as FRAMING_VERSION
from .results import (
    KINDS,
    PARTS,
    SIDES,
    Attribution,
    Finding,
    Framing,
    KeyTerm,
    Marker,
    Part,
    PartShare,
    ReportStats,
    Side,
)
from .results import FindingSide as FindingSide
from .results import NamedPhrase as NamedPhrase
from .results import NamingRow as NamingRow
from .results import Placement as Placement
from .results import TermKind as TermKind
from .salience import with_salience
from .state import ComparisonState
from .wording import (
    _group_findings,
)
from .words import (
    _other,
)

# --------------------------------------------------------------------------------------
# The analysis


@collection_paused()
def analyse_framing(
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    alignment: Alignment,
    lexicon: Lexicon | None = None,
    diffs: Sequence[Sequence[DiffSpan]] | None = None,
) -> Framing:
    """Label how the two reports differ in framing (see the module docstring).

    ``diffs``, when given, is the word diff of each aligned group in the order
    of ``alignment.groups`` (``worddiff.diff_sentences`` of its sentences, as
    compare.py computes them); framing reuses it rather than diffing again.
    """
    if diffs is not None and len(diffs) != len(alignment.groups):
        raise ValueError("diffs must hold one word diff per aligned group")
    lex = (lexicon or Lexicon.default()).index
    # what the comparison remembers about its sentences: made here, gone with it
    state = ComparisonState()
    reports = {
        "left": read_report("left", left, alignment, state),
        "right": read_report("right", right, alignment, state),
    }
    evidence = evidenced_caps(list(reports.values()))
    for report in reports.values():
        report.evidence = evidence
    findings: list[Finding] = []

    # key terms only one report uses
    all_terms = {
        side: _extract_terms(reports[side], reports[_other(side)], lex, evidence) for side in SIDES
    }
    only: dict[Side, list[_Term]] = {}
    for side in SIDES:
        only[side] = _only_terms(reports[side], reports[_other(side)], all_terms[side])

    # naming and loaded terms
    namings = {side: find_namings(reports[side], lex, evidence) for side in SIDES}
    naming_rows, naming_findings, named_families = _naming_findings(namings)
    findings += naming_findings
    findings += _weighted_findings(namings, named_families, reports)

    # one-sided passages
    for side in SIDES:
        findings += _passage_findings(reports[side], only[side], named_families)

    # emphasis: what each puts first
    placements = _placements(alignment, reports)
    top_findings, top_keys = _top_findings(reports, all_terms)
    findings += top_findings
    findings += _moved_block_findings(placements, reports)

    # changes inside aligned groups
    markers = {side: find_markers(reports[side], lex) for side in SIDES}
    for n, group in enumerate(alignment.groups):
        findings += _group_findings(group, reports, lex, top_keys, diffs[n] if diffs else None)

    # attribution
    attributions = {side: find_attributions(reports[side], lex) for side in SIDES}
    attributions = _mark_shared_sources(attributions)
    findings += _attribution_findings(attributions, reports, namings)

    # hedging
    findings += _hedging_findings(markers, reports)

    stats = {
        side: _stats(reports[side], only[side], markers[side], attributions[side]) for side in SIDES
    }
    findings = with_salience(_dedupe(findings), reports)
    findings.sort(key=_finding_order)
    return Framing(
        findings=tuple(findings),
        left=stats["left"],
        right=stats["right"],
        naming=tuple(naming_rows),
        placements=tuple(placements),
    )


def _finding_order(f: Finding) -> tuple[Any, ...]:
    """An order that does not depend on which report is left."""
    firsts = sorted(
        [
            min(f.left_sentences) if f.left_sentences else 10**6,
            min(f.right_sentences) if f.right_sentences else 10**6,
        ]
    )
    return (
        KINDS.index(f.kind),
        firsts,
        sorted(f.left_terms + f.right_terms),
        f.subkind,
        f.side == "both",
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.kind, f.side, f.summary)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# --- statistics


def _stats(
    report: ReadReport,
    only_terms: list[_Term],
    markers: tuple[list[Marker], list[Marker]],
    attributions: list[Attribution],
) -> ReportStats:
    hedges, boosters = markers
    counts: dict[Part, list[int]] = {p: [0, 0, 0] for p in PARTS}
    only_words = 0
    for i in report.order:
        n = report.read[i].n_words
        part = report.part(i)
        counts[part][0] += n
        if i in report.only:
            counts[part][2] += n
            only_words += n
        else:
            counts[part][1] += n
    ranked = _rank_terms(only_terms, report.position_of)
    return ReportStats(
        words=report.n_words,
        sentences=len(report.order),
        hedges=tuple(hedges),
        boosters=tuple(boosters),
        hedges_per_100_words=per_100(len(hedges), report.n_words),
        boosters_per_100_words=per_100(len(boosters), report.n_words),
        attributions=tuple(attributions),
        only_terms=tuple(KeyTerm(t.text, t.kind, t.sentences) for t in ranked),
        only_share=round(only_words / report.n_words, 4) if report.n_words else 0.0,
        parts=tuple(PartShare(p, *counts[p]) for p in PARTS if counts[p][0]),
    )


# --------------------------------------------------------------------------------------
# JSON


def framing_to_dict(framing: Framing) -> dict[str, Any]:
    """The framing as plain JSON-ready data with stable keys."""
    return {
        "version": framing.version,
        "findings": [_plain(f) for f in framing.findings],
        "stats": {"left": _stats_dict(framing.left), "right": _stats_dict(framing.right)},
        "naming": [
            {
                "family": row.family,
                "left": [_plain(p) for p in row.left],
                "right": [_plain(p) for p in row.right],
            }
            for row in framing.naming
        ],
        "placements": [_plain(p) for p in framing.placements],
    }


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(item: Any) -> dict[str, Any]:
    """A dataclass of plain values and tuples of them as a dict, tuples as lists
    (``dataclasses.asdict`` without its deep copies: findings are made by the
    thousand for long reports)."""
    out = {}
    for name in _field_names(type(item)):
        value = getattr(item, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _stats_dict(stats: ReportStats) -> dict[str, Any]:
    return {
        "words": stats.words,
        "sentences": stats.sentences,
        "hedges": [_plain(m) for m in stats.hedges],
        "boosters": [_plain(m) for m in stats.boosters],
        "hedges_per_100_words": stats.hedges_per_100_words,
        "boosters_per_100_words": stats.boosters_per_100_words,
        "attributions": [_plain(a) for a in stats.attributions],
        "only_terms": [_plain(t) for t in stats.only_terms],
        "only_share": stats.only_share,
        "parts": [_plain(p) for p in stats.parts],
    }
