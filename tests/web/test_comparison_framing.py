"""The "What differs" panel and the kind filter on the comparison page."""

import re

import pytest

from newsdiff import pipeline
from tests.factories import make_article


@pytest.fixture
def seed_comparison(seeds):
    return pipeline.compare_articles(seeds["left"], seeds["right"])


def _panel(body: str) -> str:
    start = body.index('<section class="framing"')
    return body[start : body.index("</section>", start)]


def _row_ids(body: str) -> list[str]:
    return re.findall(r'<div id="((?:pair|left|right)-\d+)" class="row', body)


def test_panel_lists_what_only_one_report_has_with_links_to_the_rows(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    panel = _panel(body)
    assert "What differs" in panel
    for term in ("12-point plan", "Kiev", "Qin Gang", "Li Shangfu", "BRICS", "Russian aggression"):
        assert term in panel, term
    rows = set(_row_ids(body))
    evidence = r'href="\?show=all&amp;mode=side-by-side#((?:pair|left|right)-\d+)"'
    links = set(re.findall(evidence, panel))
    assert links and links <= rows  # every evidence link lands on a row of the page


def test_panel_shows_word_choice_and_the_kiev_spelling(client, seed_comparison):
    panel = _panel(client.get(seed_comparison.get_absolute_url()).content.decode())
    assert "the conflict in Ukraine" in panel and "the situation in Ukraine" in panel
    assert "the US and its allies must also respect" in panel and "the West needs to" in panel
    assert "the other&#x27;s territory" in panel  # the naming finding, escaped
    assert "spelling ‘Kiev’" in panel


def test_rows_carry_a_labelled_flag_for_each_kind_explained_in_the_legend(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    legend = body[body.index('<details class="legend"') :]
    legend = legend[: legend.index("</details>")]
    for label in ("Word choice", "Loaded term", "Attribution", "Hedging and certainty"):
        assert label in legend
    rows = re.split(r'(?=<div id="(?:pair|left|right)-\d+" class="row)', body)
    kiev_row = next(row for row in rows[1:] if "Kiev" in row)
    flag = (
        r'class="flag flag--weighted_term" title="Loaded term: [^"]*Kiev[^"]*">'
        r'<span aria-hidden="true">⚑</span><span class="visually-hidden"> Loaded term</span>'
    )
    assert re.search(flag, kiev_row)
    # two findings of one kind on a row share one flag that gives both reasons
    wang_row = next(row for row in rows[1:] if "simultaneously holds" in row)
    assert wang_row.count("flag--only_one_side") == 1
    assert re.search(r'title="Only in one report: [^"]*Monday to Thursday[^"]*">', wang_row)
    assert '<span class="flag__count">×2</span>' in wang_row


def test_a_one_sided_row_says_so_once(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    rows = re.split(r'(?=<div id="(?:pair|left|right)-\d+" class="row)', body)
    plan_row = next(row for row in rows[1:] if "12-point plan" in row)
    assert "only in Morning Star" in plan_row
    assert "flag--only_one_side" not in plan_row  # the badge already says it
    assert "Only in one report" not in plan_row


def test_what_differs_leads_with_the_top_findings_naming_the_outlets(client, seed_comparison):
    panel = _panel(client.get(seed_comparison.get_absolute_url()).content.decode())
    top, rest = panel.split('<details class="framing__all"', 1)
    top_items = re.findall(r'<li class="finding" id="finding-(\d+)">(.*?)</li>', top, re.S)
    assert len(top_items) == 5
    kinds = [re.search(r'class="flag flag--(\w+)"', item)[1] for _, item in top_items]
    assert kinds == ["naming", "word_choice", "word_choice", "weighted_term", "only_one_side"]
    # the most salient first, and none of the rest more salient than the top five
    top_salience = [int(n) for n in re.findall(r">salience (\d+)</span>", top)]
    rest_salience = [int(n) for n in re.findall(r">salience (\d+)</span>", rest)]
    assert top_salience == sorted(top_salience, reverse=True)
    assert len(rest_salience) == 15 and max(rest_salience) <= min(top_salience)
    naming = top_items[0][1]
    assert "only Morning Star says ‘conflict’" in naming and "only The Independent says" in naming
    assert "left report" not in top and "right report" not in top
    # evidence links name the rows as the page numbers them
    assert re.search(r'#pair-4">row 5</a>', naming)
    # the rest are grouped by kind, closed, and none repeats a top finding
    assert '<details class="framing__group framing__group--only_one_side">' in rest
    rest_ids = re.findall(r'<li class="finding" id="finding-(\d+)">', rest)
    assert len(rest_ids) == 20 - 5 and not set(rest_ids) & {n for n, _ in top_items}


def test_kind_filter_shows_one_kind_only(client, seed_comparison):
    url = seed_comparison.get_absolute_url()
    everything = client.get(url).content.decode()
    weighted = client.get(url, {"kind": "weighted_term"}).content.decode()
    panel = _panel(weighted)
    assert "spelling ‘Kiev’" in panel
    assert "the situation in Ukraine" not in panel  # word choice is filtered out
    assert 'aria-current="true"><span aria-hidden="true">⚑</span> Loaded term (1)' in panel
    rows = _row_ids(weighted)
    assert 0 < len(rows) < len(_row_ids(everything))
    assert "Kiev" in weighted.split('<section id="comparison"', 1)[1]
    assert "those with a “Loaded term” finding" in weighted
    # the show and layout links keep the chosen kind
    assert "?show=one-sided&amp;mode=side-by-side&amp;kind=weighted_term" in weighted


def test_unknown_kind_is_ignored(client, seed_comparison):
    url = seed_comparison.get_absolute_url()
    response = client.get(url, {"kind": "<script>alert(1)</script>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert len(_row_ids(body)) == len(_row_ids(client.get(url).content.decode()))


def test_identical_texts_say_plainly_that_nothing_differs(client, db):
    text = "The council voted to close the library on Monday. Residents protested outside."
    a = make_article(headline="Library to close", body=text)
    b = make_article(headline="Library to close", body=text)
    body = client.get(pipeline.compare_articles(a, b).get_absolute_url()).content.decode()
    assert "No framing differences found: the two texts say the same thing" in body


# What a reader sees for each kind: "an" before a vowel sound, "a" before the rest.
KIND_PHRASES = {
    "only_one_side": "an “Only in one report” finding",
    "word_choice": "a “Word choice” finding",
    "naming": "a “Naming” finding",
    "weighted_term": "a “Loaded term” finding",
    "attribution": "an “Attribution” finding",
    "hedging": "a “Hedging and certainty” finding",
    "emphasis": "an “Emphasis” finding",
}


@pytest.mark.parametrize("kind", sorted(KIND_PHRASES))
def test_the_kind_filter_says_a_or_an_as_the_kind_s_name_is_said(client, seed_comparison, kind):
    body = client.get(seed_comparison.get_absolute_url(), {"kind": kind}).content.decode()
    assert f"rows: those with {KIND_PHRASES[kind]}" in body


def test_a_kind_no_row_carries_says_an_before_a_vowel(client, seed_comparison):
    # the seed's emphasis findings rest on shared sentences only
    url = seed_comparison.get_absolute_url()
    body = client.get(url, {"kind": "emphasis", "show": "one-sided"}).content.decode()
    assert not _row_ids(body)
    assert "No row carries an “Emphasis” finding under this filter." in body


def test_every_kind_has_its_phrase_tested():
    from newsdiff.display import FINDING_KINDS

    assert set(KIND_PHRASES) == set(FINDING_KINDS)
