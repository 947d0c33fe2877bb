"""Rows in reading order (plain Python, no database)."""

import random

from newsdiff import display


def _result(n_left: int, n_right: int, pairs: list[tuple[int, int]]) -> dict:
    def sentences(n):
        return [{"index": i, "text": f"s{i}", "role": "body", "paragraph": 1} for i in range(n)]

    return {
        "left": {"sentences": sentences(n_left)},
        "right": {"sentences": sentences(n_right)},
        "pairs": [
            {"left": [a], "right": [b], "diff": [], "kind": "reworded", "score": 0.5, "terms": []}
            for a, b in pairs
        ],
        "only_left": sorted(set(range(n_left)) - {a for a, _ in pairs}),
        "only_right": sorted(set(range(n_right)) - {b for _, b in pairs}),
        "restatements": [],
    }


def _row_before(rows: list[display.Row], anchor: str) -> display.Row | None:
    index = [r.anchor for r in rows].index(anchor)
    return rows[index - 1] if index else None


def test_a_sentence_only_in_the_right_report_follows_its_nearest_right_neighbour_before_it():
    rng = random.Random(7)
    for _ in range(300):
        n_left, n_right = rng.randint(0, 25), rng.randint(0, 25)
        lefts, rights = rng.sample(range(n_left), n_left), rng.sample(range(n_right), n_right)
        pairs = list(zip(lefts, rights, strict=False))[: rng.randint(0, min(n_left, n_right))]
        rows = display.build_rows(_result(n_left, n_right, pairs))
        assert len(rows) == len(pairs) + (n_left - len(pairs)) + (n_right - len(pairs))
        by_right = {i: row for row in rows for i in (row.right.indexes if row.right else [])}
        for i in range(n_right):
            row = by_right[i]
            if row.kind != "only-right" or i == 0:
                continue
            # the rows between the one holding right sentence i-1 and this one hold no
            # right sentence: i comes straight after i-1 in the right report's order
            previous = by_right[i - 1]
            between = rows[rows.index(previous) + 1 : rows.index(row)]
            assert not any(r.right for r in between)


def test_twenty_thousand_one_sided_sentences_are_placed_in_order():
    rows = display.build_rows(_result(0, 20_000, []))
    assert [r.anchor for r in rows[:3]] == ["right-0", "right-1", "right-2"]
    assert rows[-1].anchor == "right-19999"


def test_rows_are_drawn_a_chunk_at_a_time():
    rows = display.build_rows(_result(450, 0, []))
    first = display.page_of_rows(rows, 0)
    assert len(first.rows) == display.ROWS_PER_PAGE and first.next_start == 200
    assert first.previous_start is None
    last = display.page_of_rows(rows, 400)
    assert len(last.rows) == 50 and last.next_start is None and last.previous_start == 200
    assert display.page_of_rows(rows, 10**9).start == 400
    assert display.page_of_rows(rows, 250).start == 200  # a chunk starts on its boundary
    assert display.page_of_rows([], 0).rows == []


def test_the_panel_lists_a_bounded_number_of_findings_per_kind():
    result = _result(100, 0, [])
    finding = {"kind": "only_one_side", "summary": "s", "left_sentences": [0]}
    result["framing"] = {"findings": [dict(finding) for _ in range(100)]}
    rows = display.build_rows(result)
    panel = display.findings_for_page(result, rows)
    (_, _, _, items, total) = panel["groups"][0]
    assert len(panel["top"]) == display.TOP_FINDINGS_SHOWN and panel["total"] == 100
    assert len(items) == display.FINDINGS_SHOWN_PER_KIND and total == 100 - len(panel["top"])
    assert len(rows[0].findings) == 100  # every finding still flags its row
    (_, _, _, items, total) = display.findings_for_page(result, rows, "only_one_side")["groups"][0]
    assert len(items) == 100


def test_evidence_links_open_the_chunk_that_holds_their_row():
    result = _result(450, 0, [])
    result["framing"] = {
        "findings": [{"kind": "hedging", "summary": "s", "left_sentences": [5, 300]}]
    }
    rows = display.build_rows(result)
    (item,) = display.findings_for_page(result, rows)["top"]
    assert item["links"] == [
        {"anchor": "left-5", "start": 0, "number": 6},
        {"anchor": "left-300", "start": 200, "number": 301},
    ]
    assert item["more_links"] == 0


def test_top_findings_are_the_most_salient_the_analysis_order_among_equals():
    saliences = [30, 72, 55, 72, 10, 90, 55]
    findings = [{"kind": "word_choice", "summary": "", "salience": s} for s in saliences]
    assert display.top_numbers(findings, 5) == [6, 2, 4, 3, 7]


def test_summaries_name_the_outlets_but_never_inside_a_quotation():
    names = {"left": "Morning Star", "right": "The Independent"}
    text = (
        "Only the left report has ‘the right report was wrong’; The right report's "
        "headline says ‘left’ where the left text says “the left report”."
    )
    assert display.name_sides(text, names) == (
        "Only Morning Star has ‘the right report was wrong’; The Independent's "
        "headline says ‘left’ where Morning Star says “the left report”."
    )
    assert display.name_sides("the left report", {}) == "the left report"


def test_a_pair_is_moved_only_when_its_two_positions_differ():
    result = _result(8, 2, [(0, 1), (7, 0)])
    for side in ("left", "right"):
        for s in result[side]["sentences"]:
            s["paragraph"] = s["index"] + 1
    rows = {r.anchor: r for r in display.build_rows(result)}
    assert rows["pair-2"].moved and rows["pair-1"].moved  # ¶8 against ¶1, ¶1 against ¶2
    for s in result["right"]["sentences"]:
        s["paragraph"] = 1  # every right sentence in ¶1
    rows = {r.anchor: r for r in display.build_rows(result)}
    assert not rows["pair-1"].moved  # ¶1 against ¶1: far apart by rank, same place shown
    assert rows["pair-2"].moved


def test_rows_are_numbered_in_reading_order():
    rows = display.build_rows(_result(3, 3, [(0, 0), (2, 2)]))
    assert [(r.number, r.anchor) for r in rows] == [
        (1, "pair-1"),
        (2, "right-1"),  # after its neighbour above, as build_rows places it
        (3, "left-1"),
        (4, "pair-2"),
    ]


def _many_findings() -> dict:
    result = _result(450, 0, [])
    result["framing"] = {
        "findings": [
            {"kind": "emphasis", "summary": "the left report puts it first", "left_sentences": [i]}
            for i in range(0, 450, 3)
        ]
        + [{"kind": "hedging", "summary": "h", "left_sentences": [5, 205, 410]}]
    }
    return result


def test_a_chunk_of_rows_carries_the_same_flags_as_when_every_row_is_marked():
    result = _many_findings()
    everything = display.build_rows(result)
    display.findings_for_page(result, everything, names={"left": "Morning Star"})
    for kind in ("", "hedging"):
        rows = display.build_rows(result)
        findings = display.PageFindings(result, rows, kind, {"left": "Morning Star"})
        chunk = display.page_of_rows(rows, 200).rows
        findings.mark(chunk)
        whole = {r.anchor: r for r in everything}
        for row in chunk:
            expected = [f for f in whole[row.anchor].findings if f["kind"] == (kind or f["kind"])]
            assert [f["number"] for f in row.findings] == [f["number"] for f in expected]
            assert [f["summary"] for f in row.findings] == [f["summary"] for f in expected]
        assert any(row.findings for row in chunk)
        assert all(not row.findings for row in rows[:200])  # rows not drawn are left alone


def test_the_kind_filter_keeps_every_row_with_a_finding_of_that_kind():
    result = _many_findings()
    rows = display.build_rows(result)
    findings = display.PageFindings(result, rows, "hedging")
    assert findings.flagged() == {"left-5", "left-205", "left-410"}
    assert len(display.PageFindings(result, rows).flagged()) == 150 + 3


def test_a_finding_s_opening_names_the_kind_of_pair_it_rests_on():
    from newsdiff.display import lead_for_rows

    text = "In a reworded shared sentence, the left report adds ‘Kiir’."
    assert lead_for_rows(text, {"partly shared"}) == (
        "In a partly shared sentence, the left report adds ‘Kiir’."
    )
    assert lead_for_rows(text, {"reworded"}) == text
    assert lead_for_rows(text, set()) == text  # rows not drawn: as the engine wrote it
    other = "In a shared sentence, only the right report adds ‘on Monday’."
    assert lead_for_rows(other, {"partly shared"}) == other


def test_the_header_names_each_kind_of_pair_the_badges_show():
    from newsdiff.comparison_page import pair_kinds_text

    def text(**kinds):
        counts = {"reworded": 0, "partly shared": 0, "identical": 0}
        counts.update({k.replace("_", " "): n for k, n in kinds.items()})
        return pair_kinds_text({"pairs": sum(counts.values()), "pair_kinds": counts})

    assert text(reworded=6, partly_shared=1, identical=1) == (
        ": 6 reworded, 1 partly shared, 1 the same"
    )
    assert text(reworded=3) == ", all reworded"
    assert text(identical=1) == " (the same)"
    assert text() == ""


def test_the_header_counts_keep_their_order_whatever_order_the_database_returns():
    from newsdiff.comparison_page import pair_kinds_text

    # PostgreSQL's jsonb hands keys back shortest first
    stored = {"pairs": 8, "pair_kinds": {"reworded": 6, "identical": 1, "partly shared": 1}}
    assert pair_kinds_text(stored) == ": 6 reworded, 1 partly shared, 1 the same"
    assert pair_kinds_text({"pairs": 8, "identical_pairs": 1}) == (
        ": 7 reworded or partly shared, 1 the same"
    )
