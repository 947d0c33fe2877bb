"""Turn a stored coverage result into what the coverage page and its CSV show.

Plain Python over the result dict (the coverage JSON): the outlets as columns, the
facts as rows (each cell the outlet's sentences with the word diff against the
row's wording), and the framing tables with one column per outlet.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import Any

from newsdiff.analysis.coverage import fact_kind
from newsdiff.display import Part, position_label, safe_cell

# ?show= on the page: the fact kinds (coverage.fact_kind's names, also the rows' CSS
# classes .fact--all etc.); the empty value shows every fact.
FILTERS = {
    "": "Every fact",
    "all": "Reported by all",
    "omitted": "Left out by one",
    "one": "Only one reports it",
}
# Facts drawn on one page: a 12 × 100 sentence coverage has a few hundred, and each
# row has a cell per outlet.
FACTS_PER_PAGE = 60


@dataclass
class Column:
    """One report, as the coverage read it."""

    key: str
    outlet: str  # the outlet's name as the page shows it ("Reuters (2)" for a second one)
    headline: str
    language: str
    published_at: str | None
    url: str
    article_id: int | None  # None once the article is removed from newsdiff
    included: bool
    excluded_because: str
    duplicate_of: str  # the outlet name of the report it (nearly) repeats, or ""


@dataclass
class CoverCell:
    column: Column
    indexes: list[int] = field(default_factory=list)  # empty: not reported
    position: str = ""
    sentence_number: int = 0
    parts: list[Part] = field(default_factory=list)
    is_wording: bool = False  # this cell's wording is the row's

    @property
    def reported(self) -> bool:
        return bool(self.indexes)


@dataclass
class FactRow:
    id: int
    number: int  # 1-based place among all the facts
    kind: str  # all / omitted / one / "" (coverage.fact_kind)
    outlets: int
    cells: list[CoverCell]
    dateline: bool = False  # a row of datelines only ("Updated: March 14"), put last

    @property
    def anchor(self) -> str:
        return f"fact-{self.id}"

    @property
    def missing(self) -> list[str]:
        return [c.column.outlet for c in self.cells if not c.reported]

    @property
    def reporting(self) -> list[str]:
        return [c.column.outlet for c in self.cells if c.reported]


def columns(result: dict[str, Any], existing_ids: set[int]) -> list[Column]:
    """Every report in the result's order; a second report of one outlet is named
    "Outlet (2)" so each column says which report it is."""
    seen: dict[str, int] = {}
    out = []
    for report in result["reports"]:
        meta = report.get("meta") or {}
        n = seen[report["outlet"]] = seen.get(report["outlet"], 0) + 1
        article_id = _article_id(report, meta)
        out.append(
            Column(
                key=report["key"],
                outlet=report["outlet"] if n == 1 else f"{report['outlet']} ({n})",
                headline=report.get("headline", ""),
                language=report.get("language", ""),
                published_at=report.get("published_at") or meta.get("published_at"),
                url=report.get("url") or meta.get("url", ""),
                article_id=article_id if article_id in existing_ids else None,
                included=report.get("included", True),
                excluded_because=report.get("excluded_because") or "",
                duplicate_of=report.get("duplicate_of") or "",
            )
        )
    names = {c.key: c.outlet for c in out}
    for column in out:
        column.duplicate_of = names.get(column.duplicate_of, column.duplicate_of)
    return out


def _article_id(report: dict[str, Any], meta: dict[str, Any]) -> int | None:
    value = meta.get("article_id", report["key"])
    return int(value) if str(value).isdigit() else None


def _parts(diff: list[dict[str, str]] | None, text: str) -> list[Part]:
    """The cell's text in runs marked against the row's wording (``left`` in the
    fact's diff); the wording's words the cell lacks are kept as deletions, shown
    only on hover or focus."""
    if not diff:
        return [Part(text, "plain")]
    parts = []
    for span in diff:
        if span["op"] == "delete":
            parts.append(Part(span["left"], "delete"))
        elif span["right"]:
            parts.append(Part(span["right"], span["op"]))
    return parts


def fact_rows(result: dict[str, Any], cols: list[Column]) -> list[FactRow]:
    """Every fact as a row with one cell per included report, in the result's order."""
    included = [c for c in cols if c.included]
    sentences = {r["key"]: {s["index"]: s for s in r["sentences"]} for r in result["reports"]}
    rows = []
    for number, fact in enumerate(result["facts"], start=1):
        cells = []
        for column in included:
            indexes = fact["cells"].get(column.key) or []
            if not indexes:
                cells.append(CoverCell(column))
                continue
            own = sentences[column.key]
            first = own[indexes[0]]
            text = " ".join(own[i]["text"] for i in indexes)
            is_wording = fact.get("wording") == column.key
            diff = None if is_wording else fact.get("diffs", {}).get(column.key)
            cells.append(
                CoverCell(
                    column,
                    indexes,
                    position_label(first),
                    first["index"] + 1,
                    _parts(diff, text),
                    is_wording,
                )
            )
        # The kind stored with the fact (results made before it was stored: worked out)
        kind = fact["kind"] if "kind" in fact else fact_kind(fact, len(included))
        rows.append(
            FactRow(
                fact["id"], number, kind, fact.get("outlets", 0), cells, bool(fact.get("dateline"))
            )
        )
    return rows


def filter_rows(rows: list[FactRow], show: str) -> list[FactRow]:
    return [row for row in rows if row.kind == show] if show else rows


@dataclass
class FactLink:
    """A link to one fact's row: its number, on the page (unfiltered) that draws it."""

    number: int
    anchor: str
    page: int


def fact_links(rows: list[FactRow]) -> dict[int, FactLink]:
    return {
        row.id: FactLink(row.number, row.anchor, i // FACTS_PER_PAGE + 1)
        for i, row in enumerate(rows)
    }


def summary_items(result: dict[str, Any], links: dict[int, FactLink]) -> list[dict[str, Any]]:
    """The summary sentences, each with the link to the fact it rests on."""
    return [
        {"kind": item.get("kind", ""), "text": item["text"], "link": links.get(item.get("fact"))}
        for item in result.get("summary", [])
    ]


def framing_tables(
    result: dict[str, Any], cols: list[Column], links: dict[int, FactLink]
) -> dict[str, Any]:
    """The framing across outlets, each kind as rows with one value per included
    report, in the columns' order."""
    framing = result.get("framing") or {}
    included = [c for c in cols if c.included]
    texts = {r["key"]: {s["index"]: s["text"] for s in r["sentences"]} for r in result["reports"]}
    naming = [
        {
            "referent": item["referent"],
            "cells": [", ".join(item.get("names", {}).get(c.key, [])) for c in included],
        }
        for item in framing.get("naming", [])
    ]
    quoted = [framing.get("quoted", {}).get(c.key, []) for c in included]
    hedging = [framing.get("hedging", {}).get(c.key) for c in included]
    lead = []
    for column in included:
        item = framing.get("lead", {}).get(column.key) or {}
        own = texts[column.key]
        lead.append(
            {
                "headline": item.get("headline", ""),
                "first_paragraph": " ".join(
                    own.get(i, "") for i in item.get("first_paragraph", [])
                ),
                "facts": [links[f] for f in item.get("facts", []) if f in links],
            }
        )
    return {
        "naming": naming,
        "quoted": quoted if any(quoted) else [],
        "hedging": hedging if any(hedging) else [],
        "lead": lead if any(x["headline"] or x["first_paragraph"] for x in lead) else [],
    }


def write_csv(stream, result: dict[str, Any], cols: list[Column]) -> None:
    """One CSV row per fact, one column per included outlet (its sentences' text;
    empty where the outlet does not report the fact)."""
    rows = fact_rows(result, cols)
    included = [c for c in cols if c.included]
    writer = csv.writer(stream)
    writer.writerow(["fact", "kind", "outlets", *(c.outlet for c in included)])
    texts = {r["key"]: {s["index"]: s["text"] for s in r["sentences"]} for r in result["reports"]}
    for row in rows:
        cells = [safe_cell(" ".join(texts[c.column.key][i] for i in c.indexes)) for c in row.cells]
        writer.writerow([row.number, row.kind, row.outlets, *cells])
