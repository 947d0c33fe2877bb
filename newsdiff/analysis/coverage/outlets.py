"""Framing across outlets: how each names the things of the story, whom each
quotes with which verbs, how much each hedges, and what each puts in its
headline and first paragraph, side by side.

Every reading is framing's own (``newsdiff.analysis.framing``: naming,
attribution, hedging), run on each report alone, so a report reads the same
here as on its pairwise comparison pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdiff.analysis.framing.attribution import find_attributions
from newsdiff.analysis.framing.hedging import find_markers, per_100
from newsdiff.analysis.framing.lexicon import Lexicon
from newsdiff.analysis.framing.naming import find_namings
from newsdiff.analysis.framing.one_sided import evidenced_caps
from newsdiff.analysis.framing.report import ReadReport, read_report
from newsdiff.analysis.framing.state import ComparisonState
from newsdiff.analysis.types import Alignment

from .inputs import Column

# The naming table keeps at most this many referents (those most outlets name first)
MAX_NAMING_ROWS = 40
# ... and each outlet's quoted sources, most quoted first
MAX_SOURCES = 30


def _alone(col: Column, state: ComparisonState) -> ReadReport:
    """A report read by framing as if nothing else were compared with it
    (``state``: the coverage's memos, shared by its reports)."""
    n = len(col.report.sentences)
    return read_report("left", col.report.sentences, Alignment((), tuple(range(n)), ()), state)


def framing_across(
    included: Sequence[Column], facts: Sequence[dict[str, Any]], lexicon: Lexicon | None
) -> dict[str, Any]:
    lex = (lexicon or Lexicon.default()).index
    state = ComparisonState()  # gone with this call
    read = {c.key: _alone(c, state) for c in included}
    evidence = evidenced_caps(list(read.values()))
    for report in read.values():
        report.evidence = evidence
    return {
        "naming": _naming(read, lex, evidence),
        "quoted": {key: _quoted(report, lex) for key, report in read.items()},
        "hedging": {key: _hedging(report, lex) for key, report in read.items()},
        "lead": {c.key: _lead(c, read[c.key], facts) for c in included},
    }


def _naming(read: dict[str, ReadReport], lex: Any, evidence: set[str]) -> list[dict[str, Any]]:
    """One row per referent (a lexicon family: "the conflict", "the protesters")
    with each outlet's names for it, in the order it uses them first."""
    rows: dict[str, dict[str, list[str]]] = {}
    for key, report in read.items():
        for naming in find_namings(report, lex, evidence):
            names = rows.setdefault(naming.family, {}).setdefault(key, [])
            if naming.text not in names:
                names.append(naming.text)
    ordered = sorted(rows.items(), key=lambda item: (-len(item[1]), item[0]))
    return [{"referent": family, "names": names} for family, names in ordered[:MAX_NAMING_ROWS]]


def _quoted(report: ReadReport, lex: Any) -> list[dict[str, Any]]:
    """Whom a report cites, with the verbs it uses for each (``source`` is "" for
    what it attributes without saying to whom)."""
    sources: dict[str, dict[str, Any]] = {}
    for a in find_attributions(report, lex):
        name = " ".join(a.source.split())
        entry = sources.setdefault(
            name.casefold(), {"source": name, "verbs": [], "count": 0, "sentences": []}
        )
        entry["count"] += 1
        verb = a.verb.casefold()
        if verb and verb not in entry["verbs"]:
            entry["verbs"].append(verb)
        if a.sentence not in entry["sentences"]:
            entry["sentences"].append(a.sentence)
    ordered = sorted(sources.values(), key=lambda e: (-e["count"], e["sentences"][0]))
    return ordered[:MAX_SOURCES]


def _hedging(report: ReadReport, lex: Any) -> dict[str, Any]:
    hedges, boosters = find_markers(report, lex)
    return {
        "per_100_words": per_100(len(hedges), report.n_words),
        "count": len(hedges),
        "words": report.n_words,
        "hedges": [{"sentence": m.sentence, "phrase": m.phrase} for m in hedges],
        "boosters_per_100_words": per_100(len(boosters), report.n_words),
    }


def _lead(col: Column, report: ReadReport, facts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The headline, the sentences of the first paragraph (standfirst included)
    and the facts they tell."""
    sentences = col.report.sentences
    first = [s.index for s in sentences if s.role != "headline" and report.part(s.index) == "lede"]
    top = {s.index for s in sentences if s.role == "headline"} | set(first)
    headline = str(col.report.meta.get("headline") or "") or " ".join(
        s.text for s in sentences if s.role == "headline"
    )
    return {
        "headline": headline,
        "first_paragraph": first,
        "facts": sorted(f["id"] for f in facts if top & set(f["cells"].get(col.key, ()))),
    }
