"""One story, many outlets: which facts every report tells, which one report
alone tells, which one report leaves out, and how each frames the story.

``build_coverage(reports)`` takes 2 to 12 reports (``Report``) and returns the
JSON-ready coverage documented in the README ("The coverage JSON"):

1. ``inputs``: the reports in a canonical order (outlet, then key), with the
   ones that take no part marked (another language, a near copy of another
   report of the same outlet).
2. ``facts``: every pair of included reports is aligned (``align``), and the
   sentences are grouped into facts from those links with a consistency step
   (see its docstring: a join needs more alignments for it than against it).
3. ``rows``: each fact's cells, its most common wording and the word diff of
   every other cell against it; the summary sentences and the warnings.
4. ``outlets``: naming, quoted sources, hedging and the lead of each report,
   read by the framing package.

The result depends on the reports only, never on the order they are given in.
Plain Python: nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdiff.analysis import compare
from newsdiff.analysis.framing.lexicon import Lexicon

from . import facts as _facts
from . import inputs, outlets, rows
from .inputs import MAX_REPORTS, MIN_REPORTS, Report
from .rows import FactKind, fact_kind

# Bump when the shape or the meaning of the coverage JSON changes
COVERAGE_VERSION = "3"

__all__ = [
    "COVERAGE_VERSION",
    "MAX_REPORTS",
    "MIN_REPORTS",
    "FactKind",
    "Report",
    "build_coverage",
    "coverage_version",
    "fact_kind",
]


def coverage_version() -> str:
    """The version stored with a coverage: its own schema and the comparison engine's."""
    return f"{COVERAGE_VERSION}/{compare.engine_version()}"


def build_coverage(
    reports: Sequence[Report],
    lexicon: Lexicon | None = None,
    include_other_languages: bool = False,
) -> dict[str, Any]:
    """The coverage of a story told by ``reports`` (see the module docstring).

    Raises ValueError with a plain sentence for fewer than 2 or more than 12
    reports, the same article twice, or stored vectors that do not fit their
    sentences; ``encode.EncoderUnavailable`` when the sentence encoder is missing.
    ``include_other_languages``: let reports that are not English take part
    (matched on shared words only).
    """
    inputs.check(reports)
    cols = inputs.columns(reports, include_other_languages)
    included = [c for c in cols if c.included]
    vectors = _facts.report_vectors(included)
    links = _facts.align_all(included, vectors)
    groups = _facts.group_facts(links, [len(c.report.sentences) for c in included])
    groups = _facts.headlines_with_ledes(groups, included)
    facts = rows.fact_rows(groups, included)
    for fact in facts:
        fact["kind"] = fact_kind(fact, len(included))
    return {
        "version": coverage_version(),
        "reports": [inputs.report_dict(c) for c in cols],
        "facts": facts,
        "summary": rows.summary(facts, included),
        "framing": outlets.framing_across(included, facts, lexicon),
        "warnings": rows.warnings(facts, cols),
        "counts": rows.counts(facts),
    }
