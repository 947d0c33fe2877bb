"""Turn a stored comparison result into the rows the comparison page shows.

Plain Python over the result dict (the JSON schema), so the page, the CSV
export and the tests all read the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FILTERS = {
    "all": "All sentences",
    "differences": "Differences only",
    "one-sided": "In one report only",
}
MODES = {"side-by-side": "Side by side", "interleaved": "Interleaved"}
# A pair counts as "moved" when its relative place in the two reports differs by
# more than this share of the report's length (0.25 = a quarter of the text).
MOVED_THRESHOLD = 0.25


@dataclass
class Part:
    """A run of text in a cell, with how it differs from the other side."""

    text: str
    op: str = "equal"  # equal / replace / insert / delete / plain


@dataclass
class Cell:
    indexes: list[int]
    parts: list[Part]
    position: str  # "Headline", "Standfirst", "¶3"
    sentence_number: int  # 1-based position of the first sentence in its report


@dataclass
class Row:
    anchor: str  # "pair-3", "left-7", "right-12"
    kind: str  # "pair", "only-left", "only-right"
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
        """One margin flag per kind of finding, its title joining the reasons."""
        by_kind: dict[str, dict[str, Any]] = {}
        for finding in self.findings:
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


def _cell(sentences: dict[int, dict], indexes: list[int], parts: list[Part]) -> Cell:
    first = sentences[indexes[0]]
    return Cell(indexes, parts, position_label(first), first["index"] + 1)


def _plain(sentences: dict[int, dict], indexes: list[int]) -> list[Part]:
    return [Part(" ".join(sentences[i]["text"] for i in indexes), "plain")]


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
        row = Row(
            anchor=f"pair-{number}",
            kind="pair",
            left=_cell(left, pair["left"], _diff_parts(pair["diff"], "left")),
            right=_cell(right, pair["right"], _diff_parts(pair["diff"], "right")),
            pair_kind=pair["kind"],
            score=pair["score"],
            terms=pair["terms"],
            moved=abs(left_rank - right_rank) > MOVED_THRESHOLD,
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
                left=_cell(left, [i], _plain(left, [i])),
                sort_key=(float(i), 0.0),
            )
        )
    placed = dict(right_row_key)
    for i in sorted(result["only_right"]):
        before = [j for j in placed if j < i]
        anchor_key = placed[max(before)] if before else (-1.0, 0.0)
        key = (anchor_key[0], anchor_key[1] + 0.001 * (i + 1))
        placed[i] = key
        rows.append(
            Row(
                anchor=f"right-{i}",
                kind="only-right",
                right=_cell(right, [i], _plain(right, [i])),
                sort_key=key,
            )
        )
    rows.sort(key=lambda r: (r.sort_key, r.anchor))
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


def findings_for_page(result: dict[str, Any], rows: list[Row], kind: str = "") -> dict[str, Any]:
    """Group the framing findings by kind, link each to its rows, and mark the rows.

    Returns {"groups": [(kind, label, icon, [finding, ...])],
    "kinds": {kind: (label, icon, count)}, "total": n}.
    ``kind`` keeps one kind only (the panel's filter).
    """
    framing = result.get("framing") or {}
    anchors = row_anchors(rows)
    by_anchor = {row.anchor: row for row in rows}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for number, finding in enumerate(framing.get("findings", []), start=1):
        label, icon = FINDING_KINDS.get(finding["kind"], (finding["kind"], "•"))
        links = []
        for side in ("left", "right"):
            for i in finding.get(f"{side}_sentences", []):
                anchor = anchors.get((side, i))
                if anchor and anchor not in links:
                    links.append(anchor)
        item = {**finding, "number": number, "label": label, "icon": icon, "rows": links}
        grouped.setdefault(finding["kind"], []).append(item)
        if not kind or kind == finding["kind"]:
            for anchor in links:
                if anchor in by_anchor:
                    by_anchor[anchor].findings.append(item)
    groups = [
        (k, *FINDING_KINDS.get(k, (k, "•")), grouped[k])
        for k in FINDING_KINDS
        if k in grouped and (not kind or kind == k)
    ]
    return {
        "groups": groups,
        "kinds": {k: (*FINDING_KINDS[k], len(grouped[k])) for k in FINDING_KINDS if k in grouped},
        "total": sum(len(v) for v in grouped.values()),
        "stats": framing.get("stats", {}),
    }


def _changes(diff: list[dict[str, str]]) -> str:
    out = []
    for span in diff:
        if span["op"] == "replace":
            out.append(f"{span['left'].strip()} -> {span['right'].strip()}")
        elif span["op"] == "delete":
            out.append(f"-{span['left'].strip()}")
        elif span["op"] == "insert":
            out.append(f"+{span['right'].strip()}")
    return "; ".join(out)


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
]


def write_csv(stream, result: dict[str, Any]) -> None:
    """One CSV row per aligned group or one-sided sentence, in reading order."""
    import csv

    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    pairs = {f"pair-{n}": p for n, p in enumerate(result["pairs"], start=1)}
    # A cell's text is its sentences as the report has them, one space between two
    # sentences of a group; the diff's pieces already carry their own spacing.
    texts = {
        side: {s["index"]: s["text"] for s in result[side]["sentences"]}
        for side in ("left", "right")
    }
    for row in build_rows(result):
        left_text = " ".join(texts["left"][i] for i in row.left.indexes) if row.left else ""
        right_text = " ".join(texts["right"][i] for i in row.right.indexes) if row.right else ""
        pair = pairs.get(row.anchor)
        writer.writerow(
            [
                row.anchor,
                row.kind,
                row.pair_kind,
                f"{row.score:.3f}" if pair else "",
                row.left.position if row.left else "",
                " ".join(str(i) for i in row.left.indexes) if row.left else "",
                _safe_cell(left_text),
                row.right.position if row.right else "",
                " ".join(str(i) for i in row.right.indexes) if row.right else "",
                _safe_cell(right_text),
                "; ".join(row.terms),
                _safe_cell(_changes(pair["diff"])) if pair else "",
            ]
        )


def _safe_cell(text: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
