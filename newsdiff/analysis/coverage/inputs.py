"""The reports a coverage is built from: what they are, their order, and which of
them take part (a report in another language or a near copy of another report of
the same outlet is kept in the table of reports but left out of every fact)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsdiff.analysis.framing.words import is_metadata_text, read_sentence
from newsdiff.analysis.types import Sentence

MIN_REPORTS = 2
MAX_REPORTS = 12

# Two reports of one outlet are copies when this share of the shorter one's sentences
# (compared on lower-cased letters and digits only) is in the other: an article
# uploaded twice, or its update with a line added. Chosen by reading: a wire story
# run twice by one outlet shares nearly all its sentences; two different stories of
# one event by one outlet share the odd quotation, well under half.
DUPLICATE_SHARE = 0.8

_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Report:
    """One article of the story, as stored.

    ``key``: a stable id (the web side passes ``str(article.pk)``); ``sentences``
    in document order (``index`` = position); ``meta``: the article's metadata
    (headline, standfirst, language, published_at, url, ...); ``vectors``: the
    stored sentence vectors, one row per sentence, or None to encode them here.
    """

    key: str
    outlet: str
    sentences: Sequence[Sentence]
    meta: Mapping[str, Any] = field(default_factory=dict)
    vectors: np.ndarray | None = None

    @property
    def language(self) -> str:
        return str(self.meta.get("language") or "en")


@dataclass
class Column:
    """A report in the coverage: its place among the columns and whether it takes part."""

    report: Report
    label: str  # how the summary names it: the outlet, numbered if it has two reports
    excluded_because: str | None = None
    duplicate_of: str | None = None

    @property
    def key(self) -> str:
        return self.report.key

    @property
    def included(self) -> bool:
        return self.excluded_because is None


def check(reports: Sequence[Report]) -> None:
    """Raise ValueError, with a sentence a journalist can read, for input the
    coverage cannot be built from."""
    if len(reports) < MIN_REPORTS:
        raise ValueError(
            f"A coverage needs at least {MIN_REPORTS} reports of the story; "
            f"{'only one was' if len(reports) == 1 else 'none were'} given."
        )
    if len(reports) > MAX_REPORTS:
        raise ValueError(
            f"A coverage holds at most {MAX_REPORTS} reports; {len(reports)} were given. "
            "Choose the reports to compare."
        )
    keys = [r.key for r in reports]
    if len(set(keys)) != len(keys):
        raise ValueError("Each report of a coverage must be a different article.")
    for r in reports:
        if r.vectors is not None and len(r.vectors) != len(r.sentences):
            raise ValueError(
                f"The stored sentence vectors of {r.outlet}'s report ({r.key}) do not match "
                f"its sentences ({len(r.vectors)} vectors, {len(r.sentences)} sentences)."
            )
        if [s.index for s in r.sentences] != list(range(len(r.sentences))):
            raise ValueError(
                f"The sentences of {r.outlet}'s report ({r.key}) must be numbered 0, 1, 2, ... "
                "in document order."
            )


def columns(reports: Sequence[Report], include_other_languages: bool = False) -> list[Column]:
    """The reports in their canonical order (outlet, then key: the same whatever
    order they were given in), with the ones that take no part marked."""
    ordered = sorted(reports, key=lambda r: (r.outlet.casefold(), r.outlet, _key_order(r.key)))
    per_outlet: dict[str, int] = {}
    for r in ordered:
        per_outlet[r.outlet] = per_outlet.get(r.outlet, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for r in ordered:
        label = r.outlet or "An outlet without a name"
        if per_outlet[r.outlet] > 1:
            seen[r.outlet] = seen.get(r.outlet, 0) + 1
            label = f"{label} ({_ordinal(seen[r.outlet])} report)"
        out.append(Column(r, label))
    for col in out:
        if not col.report.sentences:
            col.excluded_because = "This report has no sentences."
        elif col.report.language != "en" and not include_other_languages:
            col.excluded_because = (
                f"This report does not look like English (detected: {col.report.language}); "
                "facts are matched across English reports only."
            )
    _mark_duplicates(out)
    return out


def _key_order(key: str) -> tuple[int, int | str]:
    return (0, int(key)) if key.isdigit() else (1, key)


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def _sentence_set(report: Report) -> set[str]:
    return {
        norm for s in report.sentences if (norm := _NOT_WORD.sub(" ", s.text.casefold()).strip())
    }


def _mark_duplicates(cols: list[Column]) -> None:
    """A report of an outlet that repeats an earlier report of the same outlet
    (DUPLICATE_SHARE of the shorter one's sentences) is left out as its copy."""
    kept: list[tuple[Column, set[str]]] = []
    for col in cols:
        if not col.included:
            continue
        mine = _sentence_set(col.report)
        for other, theirs in kept:
            if other.report.outlet != col.report.outlet:
                continue
            shorter = min(len(mine), len(theirs)) or 1
            if len(mine & theirs) / shorter >= DUPLICATE_SHARE:
                col.duplicate_of = other.key
                col.excluded_because = (
                    f"This report repeats another report of {col.report.outlet} "
                    f"({other.report.meta.get('headline') or other.key}); "
                    "it is left out so the outlet is counted once."
                )
                break
        else:
            kept.append((col, mine))


def is_dateline(text: str) -> bool:
    """A dateline or "Updated: ..." line, as framing reads them: no fact to tell."""
    return is_metadata_text(read_sentence(text))


def lede(report: Report) -> int | None:
    """The first body sentence that is not a dateline."""
    return next(
        (s.index for s in report.sentences if s.role == "body" and not is_dateline(s.text)), None
    )


def sentence_dict(s: Sentence) -> dict[str, Any]:
    return {"index": s.index, "text": s.text, "role": s.role, "paragraph": s.paragraph}


def report_dict(col: Column) -> dict[str, Any]:
    r = col.report
    return {
        "key": r.key,
        "outlet": r.outlet,
        "headline": str(r.meta.get("headline") or ""),
        "language": r.language,
        "published_at": _plain(r.meta.get("published_at")),
        "url": str(r.meta.get("url") or ""),
        "sentences": [sentence_dict(s) for s in r.sentences],
        "included": col.included,
        "excluded_because": col.excluded_because,
        "duplicate_of": col.duplicate_of,
    }


def _plain(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
