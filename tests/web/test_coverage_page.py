"""The coverage page: facts as rows, outlets as columns, summary, filters, framing."""

import re

import pytest
from django.urls import reverse

from newsdiff import coverage_display
from newsdiff.models import Article, Coverage
from tests.factories import make_article, make_source, make_story


@pytest.fixture
def coverage_url(client, covered_story):
    ids = list(covered_story.articles.values_list("pk", flat=True))
    return client.post(
        reverse("newsdiff:story-coverage", args=[covered_story.slug]), {"articles": ids}
    ).url


def facts_section(body: str) -> str:
    return re.search(r'<section id="facts".*?</section>', body, flags=re.S).group(0)


def fact_row(body: str, text: str) -> str:
    """The <tr> of the fact whose cells hold ``text``."""
    for row in re.findall(r"<tr id=\"fact-\d+\".*?</tr>", body, flags=re.S):
        if text in row:
            return row
    raise AssertionError(f"no fact row holds {text!r}")


def test_each_outlet_is_a_column_and_a_shared_fact_one_row(client, coverage_url):
    body = client.get(coverage_url).content.decode()
    header = re.search(r"<thead>.*?</thead>", body, flags=re.S).group(0)
    for outlet in ("Coast Courier", "Daily Ledger", "Evening Post", "Metro Wire"):
        assert f'<th scope="col">{outlet}</th>' in header
    row = fact_row(body, "engineers found a crack in a main cable")
    assert 'class="fact fact--all"' in row and "all 4" in row
    assert row.count('<td class="coverage-cell') == 4 and "not reported" not in row


def test_a_fact_one_outlet_leaves_out_has_its_cell_marked_not_reported(client, coverage_url):
    row = fact_row(client.get(coverage_url).content.decode(), "About 40,000 vehicles")
    assert "fact--omitted" in row and "all but Metro Wire" in row
    assert row.count("not reported") == 1


def test_a_fact_only_one_outlet_tells_names_it(client, coverage_url):
    row = fact_row(client.get(coverage_url).content.decode(), "called the closure a scandal")
    assert "fact--one" in row and "only Coast Courier" in row
    assert row.count("not reported") == 3
    assert "Not reported by Daily Ledger, Evening Post, Metro Wire" in row  # the phone's line


def test_the_summary_sentences_come_above_the_facts_and_link_to_them(client, coverage_url):
    body = client.get(coverage_url).content.decode()
    summary = body.index("What stands out")
    assert summary < body.index('id="facts"')
    assert "Every outlet but Metro Wire reports" in body
    assert "Only Coast Courier reports" in body
    link = re.search(r'Only Coast Courier reports.*?<a href="\?page=1#(fact-\d+)">', body)
    assert link and f'id="{link.group(1)}"' in body


def test_a_reworded_cell_carries_its_word_diff_against_the_rows_wording(client, coverage_url):
    row = fact_row(client.get(coverage_url).content.decode(), "was <mark")
    assert '<mark class="w w--replace">shut</mark>' in row
    assert "row’s wording" in row  # one cell holds the wording the others are diffed against
    assert 'class="coverage-cell" tabindex="0"' in row  # focusable: the diff shows on focus too


@pytest.mark.parametrize(
    ("show", "kept", "dropped"),
    [
        ("one", "called the closure a scandal", "About 40,000 vehicles"),
        ("all", "found a crack in a main cable", "called the closure a scandal"),
        ("omitted", "About 40,000 vehicles", "found a crack in a main cable"),
    ],
)
def test_filters_keep_the_facts_of_one_kind(client, coverage_url, show, kept, dropped):
    response = client.get(coverage_url, {"show": show})
    facts = facts_section(response.content.decode())
    assert kept in facts and dropped not in facts
    rows = re.findall(r'<tr id="fact-\d+" class="([^"]+)"', facts)
    assert rows and all(f"fact--{show}" in classes for classes in rows)
    assert f'href="?show={show}#facts"' in response.content.decode()


def test_an_unknown_filter_shows_every_fact(client, coverage_url):
    body = client.get(coverage_url, {"show": "<script>"}).content.decode()
    assert "<script>" not in facts_section(body)
    assert "called the closure a scandal" in body and "About 40,000 vehicles" in body


def test_htmx_gets_only_the_facts(client, coverage_url):
    response = client.get(coverage_url, {"show": "one"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith('<section id="facts"')


def test_framing_is_shown_side_by_side(client, coverage_url):
    body = client.get(coverage_url).content.decode()
    framing = body.split("How each outlet frames it")[1]
    assert "Headline and first paragraph" in framing
    assert "Harbour Bridge shut after crack found in cable" in framing
    assert "Hedging" in framing


def test_any_two_columns_open_their_comparison(client, coverage_url, covered_story):
    body = client.get(coverage_url).content.decode()
    form = re.search(
        r'<form class="compare-form" method="get" action="/compare/">.*?</form>', body, flags=re.S
    ).group(0)
    for article in covered_story.articles.all():
        assert f'<option value="{article.pk}"' in form
    left, right = covered_story.articles.order_by("pk")[:2]
    pair = client.get(reverse("newsdiff:compare"), {"left": left.pk, "right": right.pk})
    assert pair.status_code == 200 and "Compare</button>" in pair.content.decode()


def test_the_page_has_exports_and_a_share_link(client, coverage_url):
    body = client.get(coverage_url).content.decode()
    short_id = Coverage.objects.get().short_id
    assert f'href="/v/{short_id}.json"' in body and f'href="/v/{short_id}.csv"' in body
    assert f'value="http://testserver/v/{short_id}/"' in body


def test_article_text_is_escaped_and_the_page_has_no_inline_script_or_style(client, db):
    story = make_story(title="Escaping <b>test</b>", slug="escaping")
    for name in ("One", "Two"):
        make_article(
            source=make_source(name=f"<i>{name}</i> News", slug=name.lower()),
            story=story,
            headline="<script>alert(1)</script> bridge",
            body="The <img src=x onerror=alert(1)> bridge was closed on Tuesday by the city.",
        )
    ids = list(story.articles.values_list("pk", flat=True))
    url = client.post(reverse("newsdiff:story-coverage", args=[story.slug]), {"articles": ids}).url
    body = client.get(url).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body and "<i>One" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;i&gt;One&lt;/i&gt;" in body
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body) is None
    assert "style=" not in body


def test_long_coverages_are_drawn_a_page_of_facts_at_a_time(client, coverage_url, monkeypatch):
    monkeypatch.setattr(coverage_display, "FACTS_PER_PAGE", 2)
    total = len(Coverage.objects.get().result["facts"])
    pages = (total + 1) // 2
    assert pages >= 3
    first = client.get(coverage_url).content.decode()
    assert first.count('<tr id="fact-') == 2 and f"Page 1 of {pages}" in first
    assert 'href="?page=2#facts"' in first
    last = client.get(coverage_url, {"page": str(pages)}).content.decode()
    assert last.count('<tr id="fact-') == total - 2 * (pages - 1)
    assert client.get(coverage_url, {"page": "x"}).status_code == 200


def test_a_removed_article_keeps_its_column_without_a_link(client, coverage_url):
    gone = Article.objects.get(source__name="Metro Wire")
    gone_url = gone.get_absolute_url()
    gone.delete()
    body = client.get(coverage_url).content.decode()
    assert '<th scope="col">Metro Wire</th>' in body and gone_url not in body


def test_a_corrected_article_is_noted_with_a_link_to_read_the_current_texts(client, coverage_url):
    article = Article.objects.get(source__name="Daily Ledger")
    article.body += " Traffic was heavy."
    article.save()
    body = client.get(coverage_url).content.decode()
    assert "A newer version exists" in body and "Read the current texts together" in body


def test_an_unknown_permalink_is_a_404(client, db):
    assert client.get("/v/2345678923/").status_code == 404
    assert client.get("/v/not-an-id/").status_code == 404


def test_a_row_of_datelines_comes_last_marked_as_such(client, db):
    from tests.conftest import COVERED_REPORTS

    story = make_story(title="Dated", slug="dated")
    for outlet, headline, body in COVERED_REPORTS:
        make_article(
            source=make_source(name=outlet, slug=outlet.lower().replace(" ", "-")),
            story=story,
            headline=headline,
            body=f"Updated: 14 March 2013 07:51\n\n{body}",
        )
    ids = list(story.articles.values_list("pk", flat=True))
    url = client.post(reverse("newsdiff:story-coverage", args=[story.slug]), {"articles": ids}).url
    body = client.get(url).content.decode()
    rows = re.findall(r"<tr id=\"fact-\d+\".*?</tr>", body, flags=re.S)
    assert "fact--dateline" in rows[-1] and "Updated: 14 March 2013" in rows[-1]
    assert '<span class="badge fact__kind">dateline</span>' in rows[-1]
    assert all("fact--dateline" not in row for row in rows[:-1])
    assert "1 row of datelines, last" in body
    assert "fact--dateline" not in client.get(url, {"show": "all"}).content.decode()
