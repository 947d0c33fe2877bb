"""Turn a stored comparison result into the rows the comparison page shows.

Plain Python over the result dict (the JSON schema), so the page, the CSV
export and the tests all read the same rows.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsdiff.analysis.mirror import outside_quotes

FILTERS = {
    "all": "All sentences",
    "differences": "Differences only",
    "one-sided": "In one report only",
}
MODES = {"side-by-side": "Side by side", "interleaved": "Interleaved"}
# A pair counts as "moved" when its relative place in the two reports differs by
# more than this share of the report's length (0.25 = a quarter of the text) and its
# two positions differ (¶5 in both is not shown as moved, whatever the lengths).
MOVED_THRESHOLD = 0.25
# Rows drawn at a time: the first screen of any comparison, and each further chunk
# loaded as the reader scrolls (or follows the "next rows" link without JavaScript).
ROWS_PER_PAGE = 200


@dataclass
class RowPage:
    rows: list[Row]
    start: int  # index of the first row shown, in the filtered rows
    total: int

    @property
    def end(self) -> int:
        return self.start + len(self.rows)

    @property
    def next_start(self) -> int | None:
        return self.end if self.end < self.total else None

    @property
    def previous_start(self) -> int | None:
        return max(self.start - ROWS_PER_PAGE, 0) if self.start else None


def page_of_rows(rows: list[Row], start: int) -> RowPage:
    """The ROWS_PER_PAGE rows from ``start`` (clamped to the rows there are)."""
    start = max(0, min(start, max(len(rows) - 1, 0)))
    start -= start % ROWS_PER_PAGE
    return RowPage(rows[start : start + ROWS_PER_PAGE], start, len(rows))


@dataclass(slots=True)
class Part:
    """A run of text in a cell, with how it differs from the other side."""

    text: str
    op: str = "equal"  # equal / replace / insert / delete / plain


@dataclass(slots=True)
class Cell:
    indexes: list[int]
    position: str  # "Headline", "Standfirst", "¶3"
    sentence_number: int  # 1-based position of the first sentence in its report
    diff: list[dict[str, str]] | None = None  # the pair's word diff, read from ``side``
    side: str = ""
    text: str = ""  # a one-sided sentence's text

    unmarked: bool = False  # a pair's text shown without word marks (see _few_shared)

    @property
    def parts(self) -> list[Part]:
        """The cell's text in runs marked by how they differ (worked out only for the
        rows a page draws)."""
        if self.diff is None:
            return [Part(self.text, "plain")]
        if self.unmarked:
            return [Part("".join(span[self.side] for span in self.diff), "plain")]
        return _diff_parts(self.diff, self.side)


@dataclass(slots=True)
class Row:
    anchor: str  # "pair-3", "left-7", "right-12"
    kind: str  # "pair", "only-left", "only-right"
    number: int = 0  # 1-based place among all the comparison's rows: "row 5" on the page
    by_meaning: float | None = None  # the cosine, when the pair was found by meaning
    left: Cell | None = None
    right: Cell | None = None
    pair_kind: str = ""  # identical / reworded / partly shared
    score: float = 0.0
    terms: list[str] = field(default_factory=list)
    moved: bool = False
    restatements: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    sort_key: tuple[float, float] = (0.0, 0.0)

    @property
    def is_difference(self) -> bool:
        return self.kind != "pair" or self.pair_kind != "identical"

    @property
    def flags(self) -> list[dict[str, Any]]:
        """One margin flag per kind of finding, its title joining the reasons.

        A one-sided row's badge already says the sentence is in one report only, so
        the "only in one report" finding gets no second flag there."""
        by_kind: dict[str, dict[str, Any]] = {}
        for finding in self.findings:
            if self.kind != "pair" and finding["kind"] == "only_one_side":
                continue
            flag = by_kind.setdefault(finding["kind"], {**finding, "reasons": [], "count": 0})
            flag["reasons"].append(finding["summary"])
            flag["count"] += 1
        for flag in by_kind.values():
            flag["title"] = " · ".join(flag["reasons"])
        return list(by_kind.values())


def position_label(sentence: dict[str, Any]) -> str:
    if sentence["role"] == "headline":
        return "Headline"
    if sentence["role"] == "standfirst":
        return "Standfirst"
    return f"¶{sentence['paragraph']}"


def _cell(sentences: dict[int, dict], indexes: list[int], **content: Any) -> Cell:
    first = sentences[indexes[0]]
    return Cell(indexes, position_label(first), first["index"] + 1, **content)


# A pair made by meaning whose words are mostly not shared on either side is shown
# without word marks: marking nearly every word says nothing a reader can use.
MIN_SHARED_TO_MARK = 0.5


def _few_shared(diff: list[dict[str, str]]) -> bool:
    for side in ("left", "right"):
        words = sum(len(span[side].split()) for span in diff)
        same = sum(len(span[side].split()) for span in diff if span["op"] == "equal")
        if words and same < MIN_SHARED_TO_MARK * words:
            return True
    return False


def _diff_parts(diff: list[dict[str, str]], side: str) -> list[Part]:
    parts = []
    for span in diff:
        text = span[side]
        if not text:
            continue
        parts.append(Part(text, span["op"]))
    return parts


def build_rows(result: dict[str, Any]) -> list[Row]:
    """Every aligned group and one-sided sentence as a row, in reading order.

    Rows follow the left report; a sentence only in the right report is placed
    right after the row of the nearest right sentence before it.
    """
    left = {s["index"]: s for s in result["left"]["sentences"]}
    right = {s["index"]: s for s in result["right"]["sentences"]}
    n_left, n_right = max(len(left), 1), max(len(right), 1)
    rows: list[Row] = []
    right_row_key: dict[int, tuple[float, float]] = {}
    restated: dict[tuple[str, int], list[dict]] = {}
    for r in result.get("restatements", []):
        restated.setdefault((r["side"], r["restates"]), []).append(r)

    for number, pair in enumerate(result["pairs"], start=1):
        key = (float(min(pair["left"])), 0.0)
        left_rank = min(pair["left"]) / n_left
        right_rank = min(pair["right"]) / n_right
        unmarked = pair.get("evidence") == "meaning" and _few_shared(pair["diff"])
        left_cell = _cell(left, pair["left"], diff=pair["diff"], side="left", unmarked=unmarked)
        right_cell = _cell(right, pair["right"], diff=pair["diff"], side="right", unmarked=unmarked)
        row = Row(
            anchor=f"pair-{number}",
            kind="pair",
            left=left_cell,
            right=right_cell,
            pair_kind=pair["kind"],
            score=pair["score"],
            by_meaning=pair.get("cosine") if pair.get("evidence") == "meaning" else None,
            terms=pair["terms"],
            # "Moved" only when the reader sees two different positions as well.
            moved=abs(left_rank - right_rank) > MOVED_THRESHOLD
            and left_cell.position != right_cell.position,
            sort_key=key,
        )
        for side, indexes in (("left", pair["left"]), ("right", pair["right"])):
            texts = left if side == "left" else right
            for i in indexes:
                for r in restated.get((side, i), []):
                    sentence = texts[r["index"]]
                    row.restatements.append(
                        {**r, "text": sentence["text"], "position": position_label(sentence)}
                    )
        for i in pair["right"]:
            right_row_key[i] = key
        rows.append(row)
    for i in result["only_left"]:
        rows.append(
            Row(
                anchor=f"left-{i}",
                kind="only-left",
                left=_cell(left, [i], text=left[i]["text"]),
                sort_key=(float(i), 0.0),
            )
        )
    # Each one-sided right sentence follows the nearest right sentence before it that
    # is already placed: the last pair's sentence below it or the one-sided sentence
    # placed just before it (walked in order, so linear in the number of sentences).
    paired = sorted(right_row_key)
    next_pair, previous = 0, None
    placed: dict[int, tuple[float, float]] = {}
    for i in sorted(result["only_right"]):
        while next_pair < len(paired) and paired[next_pair] < i:
            if previous is None or paired[next_pair] > previous:
                previous = paired[next_pair]
            next_pair += 1
        if previous is None:
            anchor_key = (-1.0, 0.0)
        else:
            anchor_key = placed.get(previous) or right_row_key[previous]
        key = (anchor_key[0], anchor_key[1] + 0.001 * (i + 1))
        placed[i] = key
        previous = i
        rows.append(
            Row(
                anchor=f"right-{i}",
                kind="only-right",
                right=_cell(right, [i], text=right[i]["text"]),
                sort_key=key,
            )
        )
    rows.sort(key=lambda r: (r.sort_key, r.anchor))
    for number, row in enumerate(rows, start=1):
        row.number = number
    return rows


def row_anchors(rows: list[Row]) -> dict[tuple[str, int], str]:
    """(side, sentence index) -> the row anchor that shows it."""
    anchors: dict[tuple[str, int], str] = {}
    for row in rows:
        for side, cell in (("left", row.left), ("right", row.right)):
            if cell:
                for i in cell.indexes:
                    anchors[(side, i)] = row.anchor
        for r in row.restatements:
            anchors[(r["side"], r["index"])] = row.anchor
    return anchors


def filter_rows(rows: list[Row], show: str) -> list[Row]:
    if show == "differences":
        return [r for r in rows if r.is_difference]
    if show == "one-sided":
        return [r for r in rows if r.kind != "pair"]
    return rows


# How each kind of framing finding is named and marked on the page. Every kind
# has a text label and an icon as well as a colour (colour is never the only signal).
FINDING_KINDS: dict[str, tuple[str, str]] = {
    "only_one_side": ("Only in one report", "◧"),
    "word_choice": ("Word choice", "✎"),
    "naming": ("Naming", "Aa"),
    "weighted_term": ("Loaded term", "⚑"),
    "attribution": ("Attribution", "❝"),
    "hedging": ("Hedging and certainty", "≈"),
    "emphasis": ("Emphasis", "▲"),
}


# The panel lists this many findings of each kind (every row still carries its flags),
# and this many when the reader asks for one kind; the exports list them all.
FINDINGS_SHOWN_PER_KIND = 40
FINDINGS_SHOWN_OF_ONE_KIND = 400
# A finding links to the first rows it rests on (a passage can be thousands of rows).
EVIDENCE_LINKS_SHOWN = 12
# "What differs" opens with this many findings, written out; the rest are grouped by kind.
TOP_FINDINGS_SHOWN = 5


def top_numbers(findings: list[dict[str, Any]], n: int) -> list[int]:
    """The numbers (from 1, in the analysis's order) of the ``n`` most salient
    findings (the analysis's ``salience``, 0 to 100), the analysis's order among
    equals: the page leads with them, as the JSON and CSV rank them."""
    ranked = sorted(enumerate(findings, start=1), key=lambda nf: (-nf[1].get("salience", 0), nf[0]))
    return [number for number, _ in ranked[:n]]


# The engine writes "the left report" / "the right report" (see analysis/mirror.py);
# the page names the outlets instead, never inside a quotation from a report.
_SIDE_NOUN = re.compile(r"\b([Tt]he) (left|right) (report|text)\b(’s|'s)?")


def name_sides(text: str, names: dict[str, str]) -> str:
    """'Only the left report has …' -> 'Only Morning Star has …' (outside quotes)."""

    def name(match: re.Match) -> str:
        outlet = names.get(match[2])
        if not outlet:
            return match[0]
        return outlet + (match[4] or "")

    return outside_quotes(text, lambda t: _SIDE_NOUN.sub(name, t))


# The engine opens a detail found in a pair that is not identical with "In a
# reworded shared sentence"; the page says the kind the row's badge shows.
_PAIR_LEADS = {
    "reworded": "In a reworded shared sentence, ",
    "partly shared": "In a partly shared sentence, ",
}


def lead_for_rows(summary: str, pair_kinds: set[str]) -> str:
    """``summary`` opening with the kind of the pair it rests on, when that is one
    kind the engine's "In a reworded shared sentence" does not name."""
    lead = _PAIR_LEADS["reworded"]
    if not summary.startswith(lead) or len(pair_kinds) != 1:
        return summary
    return _PAIR_LEADS.get(next(iter(pair_kinds)), lead) + summary[len(lead) :]


class PageFindings:
    """The framing findings of a result as one page shows them.

    A long comparison has tens of thousands of findings (one per name in a long
    opening, say) while a page shows a few hundred: the panel's top findings and the
    first of each kind, and the flags of the rows it draws. Every finding is counted
    and ranked, but only those shown are written out (outlets named, rows linked).
    """

    def __init__(
        self,
        result: dict[str, Any],
        rows: list[Row],
        kind: str = "",
        names: dict[str, str] | None = None,
    ):
        self.findings = (result.get("framing") or {}).get("findings", [])
        self.stats = (result.get("framing") or {}).get("stats", {})
        self.kind, self.names = kind, names or {}
        self.anchors = row_anchors(rows)
        # place of each row under "show all" (its index and number) and its pair's kind
        self.places = {row.anchor: (n, row.number, row.pair_kind) for n, row in enumerate(rows)}
        self._items: dict[int, dict[str, Any]] = {}

    def _row_links(self, finding: dict[str, Any]) -> list[str]:
        """The anchors of the rows a finding rests on, in reading order."""
        found = (
            self.anchors.get((side, i))
            for side in ("left", "right")
            for i in finding.get(f"{side}_sentences", ())
        )
        links = dict.fromkeys(anchor for anchor in found if anchor)
        return sorted(links, key=lambda a: self.places[a][0]) if len(links) > 1 else list(links)

    def item(self, number: int) -> dict[str, Any]:
        """Finding ``number`` (1-based) written out for the page."""
        if number in self._items:
            return self._items[number]
        finding = self.findings[number - 1]
        label, icon = FINDING_KINDS.get(finding["kind"], (finding["kind"], "•"))
        links = self._row_links(finding)
        kinds = {self.places[a][2] for a in links if self.places[a][2]}
        item = {
            **finding,
            "summary": name_sides(lead_for_rows(finding["summary"], kinds), self.names),
            "number": number,
            "label": label,
            "icon": icon,
            "rows": links,
            "links": [
                {
                    "anchor": a,
                    "start": self.places[a][0] - self.places[a][0] % ROWS_PER_PAGE,
                    "number": self.places[a][1],
                }
                for a in links[:EVIDENCE_LINKS_SHOWN]
            ],
            "more_links": max(len(links) - EVIDENCE_LINKS_SHOWN, 0),
        }
        self._items[number] = item
        return item

    def panel(self) -> dict[str, Any]:
        """{"top": [finding, ...], "groups": [(kind, label, icon, [finding, ...],
        n_in_group)], "kinds": {kind: (label, icon, count)}, "total": n, "rest": n,
        "stats": …}. Without a kind the top findings lead and the groups hold the
        others; with one, the groups keep that kind only and list more of it."""
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding["kind"]] = counts.get(finding["kind"], 0) + 1
        top = [] if self.kind else top_numbers(self.findings, TOP_FINDINGS_SHOWN)
        in_top = set(top)
        shown = FINDINGS_SHOWN_OF_ONE_KIND if self.kind else FINDINGS_SHOWN_PER_KIND
        in_groups = {k: n for k, n in counts.items() if not self.kind or k == self.kind}
        for n in top:
            in_groups[self.findings[n - 1]["kind"]] -= 1
        to_list = sum(min(n, shown) for n in in_groups.values())
        listed: dict[str, list[int]] = {}
        for number, finding in enumerate(self.findings, start=1):
            if not to_list:
                break  # every group's list is full: the rest are only counted
            kind = finding["kind"]
            if kind not in in_groups or number in in_top:
                continue
            numbers = listed.setdefault(kind, [])
            if len(numbers) < shown:
                numbers.append(number)
                to_list -= 1
        groups = [
            (k, *FINDING_KINDS.get(k, (k, "•")), [self.item(n) for n in listed[k]], in_groups[k])
            for k in FINDING_KINDS
            if k in listed
        ]
        return {
            "top": [self.item(n) for n in top],
            "groups": groups,
            "kinds": {k: (*FINDING_KINDS[k], counts[k]) for k in FINDING_KINDS if k in counts},
            "total": len(self.findings),
            "rest": len(self.findings) - len(top),
            "stats": self.stats,
        }

    def flagged(self) -> set[str]:
        """The anchors of the rows that carry a finding (of the chosen kind)."""
        return {
            anchor
            for finding in self.findings
            if not self.kind or finding["kind"] == self.kind
            for anchor in self._row_links(finding)
        }

    def mark(self, rows: list[Row]) -> None:
        """Give each of ``rows`` the findings (of the chosen kind) that rest on it, in
        the findings' order: its margin flags."""
        drawn = {row.anchor: row for row in rows}
        # the sentences each side shows in these rows, to pass over other findings fast
        shown: dict[str, set[int]] = {"left": set(), "right": set()}
        for (side, i), anchor in self.anchors.items():
            if anchor in drawn:
                shown[side].add(i)
        for row in rows:
            row.findings = []
        for number, finding in enumerate(self.findings, start=1):
            if self.kind and finding["kind"] != self.kind:
                continue
            if shown["left"].isdisjoint(finding.get("left_sentences", ())) and shown[
                "right"
            ].isdisjoint(finding.get("right_sentences", ())):
                continue
            found = {
                anchor: drawn[anchor]
                for side in ("left", "right")
                for i in finding.get(f"{side}_sentences", ())
                if (anchor := self.anchors.get((side, i))) in drawn
            }
            for row in found.values():
                row.findings.append(self.item(number))


def findings_for_page(
    result: dict[str, Any],
    rows: list[Row],
    kind: str = "",
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The framing panel (see PageFindings.panel), every row of ``rows`` marked with
    its findings: for a result small enough to mark whole (the tests, the CLI)."""
    findings = PageFindings(result, rows, kind, names)
    findings.mark(rows)
    return findings.panel()


def _changes(diff: list[dict[str, str]]) -> str:
    """A pair's word changes in words ("added: Wang Yi; removed: for talks; conflict ->
    situation"): a leading "+" or "-" would read as a formula and be quoted."""
    out = []
    for span in diff:
        if span["op"] == "replace":
            out.append(f"{span['left'].strip()} -> {span['right'].strip()}")
        elif span["op"] == "delete":
            out.append(f"removed: {span['left'].strip()}")
        elif span["op"] == "insert":
            out.append(f"added: {span['right'].strip()}")
    return "; ".join(out)


# The CSV's own version, stored with every CSV written ahead (ComparisonExport): bump it
# when a change here changes what csv_lines writes for a result.
CSV_VERSION = "2"
CSV_COLUMNS = [
    "row",
    "kind",
    "match",
    "score",
    "left_position",
    "left_sentences",
    "left_text",
    "right_position",
    "right_sentences",
    "right_text",
    "shared_terms",
    "changes",
    "findings",
    "salience",
]


class _Line:
    """A file that hands back what is written to it: csv.writer makes one line."""

    def write(self, text: str) -> str:
        return text


def csv_lines(result: dict[str, Any]) -> Iterator[str]:
    """The CSV export line by line (a header, then one row per aligned group or
    one-sided sentence, in reading order), for a response that streams it."""
    writer = csv.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    pairs = {f"pair-{n}": p for n, p in enumerate(result["pairs"], start=1)}
    # A cell's text is its sentences as the report has them, one space between two
    # sentences of a group; the diff's pieces already carry their own spacing.
    texts = {
        side: {s["index"]: s["text"] for s in result[side]["sentences"]}
        for side in ("left", "right")
    }
    # the findings each sentence carries, most salient first (the page's order)
    carried: dict[tuple[str, int], list[dict[str, Any]]] = {}
    found = (result.get("framing") or {}).get("findings", [])
    for f in sorted(found, key=lambda f: -f.get("salience", 0)):
        for side in ("left", "right"):
            for i in f.get(f"{side}_sentences", []):
                carried.setdefault((side, i), []).append(f)
    for row in build_rows(result):
        on_row = [
            f
            for side, part in (("left", row.left), ("right", row.right))
            if part
            for i in part.indexes
            for f in carried.get((side, i), [])
        ]
        on_row = sorted({id(f): f for f in on_row}.values(), key=lambda f: -f.get("salience", 0))
        left_text = " ".join(texts["left"][i] for i in row.left.indexes) if row.left else ""
        right_text = " ".join(texts["right"][i] for i in row.right.indexes) if row.right else ""
        pair = pairs.get(row.anchor)
        yield writer.writerow(
            [
                row.anchor,
                row.kind,
                row.pair_kind,
                f"{row.score:.3f}" if pair else "",
                row.left.position if row.left else "",
                " ".join(str(i) for i in row.left.indexes) if row.left else "",
                safe_cell(left_text),
                row.right.position if row.right else "",
                " ".join(str(i) for i in row.right.indexes) if row.right else "",
                safe_cell(right_text),
                "; ".join(row.terms),
                safe_cell(_changes(pair["diff"])) if pair else "",
                "; ".join(
                    dict.fromkeys(FINDING_KINDS.get(f["kind"], (f["kind"],))[0] for f in on_row)
                ),
                max((f.get("salience", 0) for f in on_row), default=""),
            ]
        )


def safe_cell(text: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
