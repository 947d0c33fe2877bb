"""Coverage of one story by many outlets (issue 15): facts across reports, their
kinds, the summary, the framing side by side and bad input. No database."""

import itertools

import pytest

from newsdiff.analysis import segment
from newsdiff.analysis.coverage import Report, build_coverage, fact_kind
from newsdiff.analysis.coverage.facts import Links, group_facts


def _report(key, outlet, headline, *paragraphs, language="en"):
    sentences = segment.segment_document(headline, "", "\n\n".join(paragraphs))
    meta = {"headline": headline, "language": language}
    return Report(key=key, outlet=outlet, sentences=sentences, meta=meta)


ARRESTS = (
    "Police said 40 people were arrested after bottles were thrown at officers near the town hall."
)
MAYOR = "Mayor Daniel Okafor said the fuel levy was essential to keep the city's buses running."
FIRE = "A fire broke out in a bakery on Mill Street and two firefighters were treated for smoke."

STORY = [
    _report(
        "1",
        "Morning Post",
        "Fuel levy protest in Riverton ends in arrests",
        "Thousands of protesters marched through the centre of"
        " Riverton on Saturday against the new fuel levy.",
        ARRESTS,
        MAYOR,
    ),
    _report(
        "2",
        "Daily Courier",
        "Rioters clash with police in Riverton",
        "Rioters marched through the centre of Riverton on Saturday against the new fuel levy.",
        "Police said 40 people were arrested after bottles"
        " were thrown at police near the town hall.",
        "Mayor Daniel Okafor said the fuel levy was vital to keep the city's buses running.",
        FIRE,
    ),
    _report(
        "3",
        "Evening Star",
        "Riverton fuel levy march",
        "Thousands of protesters marched through central Riverton"
        " on Saturday against the new fuel levy.",
        ARRESTS,
        MAYOR,
    ),
    _report(
        "4",
        "Breitbart",
        "Riverton protest over fuel levy",
        "Thousands of demonstrators marched through the centre of"
        " Riverton on Saturday to oppose the new fuel levy.",
        ARRESTS,
    ),
]


@pytest.fixture(scope="module")
def coverage():
    return build_coverage(STORY)


def _fact_with(coverage, key, text):
    report = next(r for r in coverage["reports"] if r["key"] == key)
    index = next(s["index"] for s in report["sentences"] if text in s["text"])
    return next(f for f in coverage["facts"] if index in f["cells"].get(key, ()))


def test_fewer_than_two_reports_is_a_plain_error():
    with pytest.raises(ValueError, match="at least 2 reports"):
        build_coverage(STORY[:1])
    with pytest.raises(ValueError, match="at least 2 reports"):
        build_coverage([])


def test_the_same_article_twice_is_an_error():
    with pytest.raises(ValueError, match="different article"):
        build_coverage([STORY[0], STORY[0]])


def test_columns_are_in_outlet_order_whatever_the_input_order(coverage):
    assert [r["outlet"] for r in coverage["reports"]] == [
        "Breitbart",
        "Daily Courier",
        "Evening Star",
        "Morning Post",
    ]


def test_result_does_not_depend_on_the_order_of_the_reports(coverage):
    for order in list(itertools.permutations(STORY))[1::7]:
        assert build_coverage(list(order)) == coverage


def test_every_sentence_is_in_exactly_one_fact(coverage):
    for report in coverage["reports"]:
        seen = [i for f in coverage["facts"] for i in f["cells"].get(report["key"], ())]
        assert sorted(seen) == [s["index"] for s in report["sentences"]]


def test_a_fact_every_outlet_tells_is_one_row_of_kind_all(coverage):
    fact = _fact_with(coverage, "1", "40 people were arrested")
    assert sorted(fact["cells"]) == ["1", "2", "3", "4"]
    assert fact["outlets"] == 4
    assert fact_kind(fact, 4) == "all"
    assert coverage["facts"][0]["outlets"] == 4  # rows told by most outlets come first


def test_the_most_common_wording_is_the_reference_and_other_cells_show_their_changes(coverage):
    fact = _fact_with(coverage, "2", "40 people were arrested")
    assert fact["wording"] != "2"
    changed = [s for s in fact["diffs"]["2"] if s["op"] != "equal"]
    assert [(s["left"], s["right"]) for s in changed] == [("officers", "police")]


def test_a_fact_one_outlet_leaves_out_is_omitted_and_said_so(coverage):
    fact = _fact_with(coverage, "1", "Mayor Daniel Okafor")
    assert sorted(fact["cells"]) == ["1", "2", "3"]
    assert fact_kind(fact, 4) == "omitted"
    texts = [s["text"] for s in coverage["summary"] if s["kind"] == "omitted"]
    assert any(t.startswith("Every outlet but Breitbart reports") and "Okafor" in t for t in texts)


def test_a_fact_only_one_outlet_tells_is_named_in_the_summary(coverage):
    fact = _fact_with(coverage, "2", "A fire broke out")
    assert list(fact["cells"]) == ["2"]
    assert fact_kind(fact, 4) == "one"
    only = [s for s in coverage["summary"] if s["kind"] == "one"]
    assert any(s["fact"] == fact["id"] and s["outlets"] == ["2"] for s in only)
    assert any(
        s["text"].startswith("Only Daily Courier reports \u201cA fire broke out") for s in only
    )


def test_facts_by_outlets_are_counted(coverage):
    counted = coverage["counts"]["facts_by_outlets"]
    assert sum(counted.values()) == len(coverage["facts"])
    assert counted["4"] >= 2  # the march and the arrests


def test_naming_and_quoted_sources_sit_side_by_side(coverage):
    framing = coverage["framing"]
    names = {
        k: [n.casefold() for n in v] for row in framing["naming"] for k, v in row["names"].items()
    }
    assert any("rioters" in n for n in names["2"])
    assert any("protesters" in n for n in names["1"])
    sources = {q["source"] for q in framing["quoted"]["1"]}
    assert "Mayor Daniel Okafor" in sources
    assert set(framing["hedging"]) == {"1", "2", "3", "4"}
    assert framing["lead"]["4"]["headline"] == "Riverton protest over fuel levy"


def test_a_copy_from_the_same_outlet_is_flagged_and_left_out():
    copy = Report("9", "Morning Post", STORY[0].sentences, STORY[0].meta)
    result = build_coverage([*STORY[:2], copy])
    flagged = next(r for r in result["reports"] if r["key"] == "9")
    assert flagged["duplicate_of"] == "1" and flagged["included"] is False
    assert all("9" not in f["cells"] for f in result["facts"])


def test_a_report_in_another_language_is_left_out_with_a_reason():
    french = _report(
        "7",
        "Le Monde",
        "Manifestation à Riverton",
        "Des milliers de manifestants ont défilé samedi contre la nouvelle taxe sur le carburant.",
        language="fr",
    )
    result = build_coverage([*STORY[:2], french])
    row = next(r for r in result["reports"] if r["key"] == "7")
    assert row["included"] is False and "English" in row["excluded_because"]
    assert all("7" not in f["cells"] for f in result["facts"])


def test_reports_of_different_events_get_a_warning():
    other = _report(
        "5",
        "Science Weekly",
        "Comet seen over Chile",
        "Astronomers in Chile photographed a bright comet on Tuesday night.",
        "The comet will be visible to the naked eye until the end of the month.",
    )
    quake = _report(
        "6",
        "Geo News",
        "Earthquake shakes Japanese coast",
        "A magnitude 6.1 earthquake struck off the coast of Japan early on Monday.",
        "No tsunami warning was issued and no damage was reported.",
    )
    assert "different events" in " ".join(build_coverage([other, quake])["warnings"])
    mixed = build_coverage([*STORY, quake])
    assert any(w.startswith("Geo News's report shares few facts") for w in mixed["warnings"])


def test_fact_kinds_with_two_reports():
    assert fact_kind({"outlets": 2}, 2) == "all"
    assert fact_kind({"outlets": 1}, 2) == "one"
    assert fact_kind({"outlets": 2}, 3) == "omitted"
    assert fact_kind({"outlets": 2}, 5) == ""


def _links(n, pairs):
    """Links from alignments given as {(r, s): [(i, j), ...]} (each pair one group)."""
    links = Links(n)
    for (r, s), matched in pairs.items():
        for i, j in matched:
            links.cross.append((-0.5, (r, i), (s, j)))
            links.partners[r, s].setdefault(i, set()).add(j)
            links.partners[s, r].setdefault(j, set()).add(i)
    links.cross.sort()
    return links


def test_a_chain_through_a_sentence_the_third_alignment_contradicts_is_cut():
    # A0~B0 and B0~C0, but the A-C alignment pairs A0 with C1: C0 is not A0's fact
    links = _links(3, {(0, 1): [(0, 0)], (1, 2): [(0, 0)], (0, 2): [(0, 1)]})
    facts = group_facts(links, [1, 1, 2])
    assert {0: [0], 1: [0], 2: [0]} not in facts
    assert all(len(f.get(2, [])) <= 1 for f in facts)


def test_a_link_one_alignment_missed_does_not_split_a_fact():
    # A0~B0 and B0~C0, and the A-C alignment paired neither: one fact
    links = _links(3, {(0, 1): [(0, 0)], (1, 2): [(0, 0)]})
    assert {0: [0], 1: [0], 2: [0]} in group_facts(links, [1, 1, 1])


def test_one_english_report_left_gives_a_warning_not_an_error():
    french = _report(
        "7",
        "Le Monde",
        "Manifestation à Riverton",
        "Des milliers de manifestants ont défilé samedi contre la nouvelle taxe sur le carburant.",
        language="fr",
    )
    result = build_coverage([STORY[0], french])
    assert result["summary"] == []
    assert any("Fewer than two reports take part" in w for w in result["warnings"])
    assert all(list(f["cells"]) == ["1"] for f in result["facts"])


def test_a_row_of_datelines_comes_last_and_has_no_kind():
    dated = [
        _report(r.key, r.outlet, r.meta["headline"], "Updated: 14 March 2013 07:51", *_body(r))
        for r in STORY
    ]
    result = build_coverage(dated)
    last = result["facts"][-1]
    assert last["dateline"] is True and last["outlets"] == 4
    assert fact_kind(last, 4) == ""
    assert result["counts"]["datelines"] == 1
    assert all(not f["dateline"] for f in result["facts"][:-1])
    assert not any("Updated" in s["text"] for s in result["summary"])


def _body(report):
    return [s.text for s in report.sentences if s.role == "body"]


def test_each_headline_sits_in_the_row_of_its_lede(coverage):
    first = _fact_with(coverage, "1", "Thousands of protesters marched")
    assert first["cells"] == {"4": [0, 1], "2": [0, 1], "3": [0, 1], "1": [0, 1]}


def test_every_fact_carries_its_kind(coverage):
    assert [f["kind"] for f in coverage["facts"]] == [fact_kind(f, 4) for f in coverage["facts"]]
    assert {"all", "omitted", "one"} <= {f["kind"] for f in coverage["facts"]}


def test_each_outlet_s_own_facts_get_a_summary_sentence_before_a_second_of_another():
    shared = "The minister arrived in Moscow on Monday for three days of security talks."
    early = [
        f"The agency's {n} correspondent in Moscow saw heavy traffic around the ministry today."
        for n in ("first", "second", "third", "fourth", "fifth")
    ]
    late = "The 12-point peace plan was published by Beijing in February, the paper recalled."
    many = _report("a", "Wire One", "Minister in Moscow", shared, *early)
    few = _report("b", "Paper Two", "Minister visits Moscow", shared, "Talks began at noon.", late)
    only = [s for s in build_coverage([many, few])["summary"] if s["kind"] == "one"]
    assert {s["outlets"][0] for s in only} == {"a", "b"}
    assert any("12-point peace plan" in s["text"] for s in only)
    for s in only:  # a quoted sentence's own full stop ends the summary sentence
        assert not s["text"].endswith("\u201d.")


def test_a_summary_quotes_the_lede_not_the_headline_joined_to_it(coverage):
    every = [s["text"] for s in coverage["summary"] if s["kind"] == "all"]
    assert every
    headlines = [r["headline"] for r in coverage["reports"]]
    assert not any(h in t for t in every for h in headlines)


def test_a_quote_within_a_summary_quote_takes_single_marks():
    said = '"We are thrilled to have her host the show," the producers said in a statement.'
    reports = [
        _report("a", "Wire One", "Host named", "The academy named its host on Friday.", said),
        _report("b", "Paper Two", "Host chosen", "The academy chose its host on Friday.", said),
    ]
    texts = [s["text"] for s in build_coverage(reports)["summary"]]
    assert any("\u201c\u2018We are thrilled" in t for t in texts)
    assert not any('"' in t or "\u201c\u201c" in t for t in texts)


def test_every_outlet_a_summary_says_reports_a_fact_tells_it_beyond_its_headline():
    lede = "A refugee camp in South Sudan's Unity state was bombed on Thursday, witnesses said."
    killed = "Aid workers said at least 12 people were killed in the attack."
    reports = [
        _report("a", "Wire One", "Camp bombed", lede, killed, "The government denied it."),
        _report("b", "Paper Two", "South Sudan camp hit", lede, killed, "The army denied it."),
        _report(
            "c",
            "Agency Three",
            "Refugee camp in South Sudan bombed on Thursday",
            "The United Nations condemned the air attack and called for an inquiry.",
            killed,
            "The agency said it would send more staff to the camp.",
        ),
    ]
    coverage = build_coverage(reports)
    roles = {r.key: [s.role for s in r.sentences] for r in reports}
    facts = {f["id"]: f for f in coverage["facts"]}
    claims = [s for s in coverage["summary"] if s["kind"] in ("all", "omitted")]
    assert any(s["kind"] == "all" and "12 people were killed" in s["text"] for s in claims)
    for claim in claims:
        for key, indices in facts[claim["fact"]]["cells"].items():
            assert any(roles[key][i] != "headline" for i in indices), claim["text"]
