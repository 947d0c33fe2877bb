import json
import re

import pytest
from django.urls import reverse

from newsdiff import pipeline
from newsdiff.models import Article, Comparison
from tests.factories import make_article, make_source, make_story


@pytest.fixture
def seed_comparison(seeds):
    return pipeline.compare_articles(seeds["left"], seeds["right"])


def _row(body: str, text: str) -> str:
    """The HTML of the comparison row that contains ``text``."""
    rows = re.split(r'(?=<div id="(?:pair|left|right)-\d+" class="row)', body)
    matches = [r for r in rows[1:] if text in r]
    assert matches, f"no row contains {text!r}"
    return matches[0]


def _stats(page: str) -> str:
    """The header's line of counts, as read (tags dropped)."""
    line = re.search(r'<p class="stats">(.*?)</p>', page, re.S)[1]
    return re.sub(r"<[^>]+>", "", line)


def test_seed_comparison_marks_one_sided_sentences(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    plan = _row(body, "12-point plan")
    assert "row--only-left" in plan and "only in Morning Star" in plan
    qin = _row(body, "Qin Gang")
    assert "row--pair" in qin  # Wang stepped down ... his successor, Qin Gang: a pair
    unclear = _row(body, "unclear what happened to Qin")
    assert "row--only-right" in unclear and "only in The Independent" in unclear


def test_seed_comparison_shows_word_changes_and_positions(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    row = _row(body, "situation")
    assert '<mark class="w w--replace">conflict</mark>' in row
    assert '<mark class="w w--replace">situation</mark>' in row
    # each side shows its own place in its report once, in its cell; the middle
    # column says the pair moved (¶3 against ¶5) and links the row by its number
    left, gutter, right = re.split(r'<div class="row__gutter">|<div class="cell cell--right', row)
    assert re.search(r">¶3</a>", left) and re.search(r">¶5</a>", right)
    shown = re.sub(r"<[^>]*>", "", gutter)  # the text, without the tooltips
    assert "¶" not in shown and "↕ moved" in shown
    assert re.search(
        r'<a class="row__link [^"]*" href="#pair-4"[^>]*><span class="row__number">5</span>', gutter
    )


def test_a_pair_at_the_same_paragraph_in_both_is_never_called_moved(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    row = _row(body, "Specifics of their talks")
    assert re.findall(r">(¶\d+)</a>", row) == ["¶5", "¶5"]
    assert "moved" not in row


def test_header_counts_and_share_meta(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    summary = seed_comparison.result["summary"]
    assert summary == {**summary, "pairs": 8, "only_left": 4, "only_right": 8}
    assert 'property="og:title" content="How Morning Star and The Independent reported' in body
    # the header counts each kind of pair as the rows' badges show it
    assert _stats(body).startswith("8 shared sentences: 6 reworded, 1 partly shared, 1 the same ·")
    badges = re.findall(r'<span class="row__number">\d+</span> ([^<]+)</a>', body)
    assert (badges.count("≈ reworded"), badges.count("◐ partly shared")) == (6, 1)
    assert badges.count("= same") == 1
    assert (
        'name="description" content="8 shared sentences: 6 reworded, 1 partly shared, 1 the same;'
        in body
    )
    assert "<strong>4</strong> only in Morning Star" in body
    assert 'name="twitter:card"' in body
    assert f"/c/{seed_comparison.short_id}.json" in body


def test_filters_show_differences_or_one_sided_only(client, seed_comparison):
    url = seed_comparison.get_absolute_url()
    everything = client.get(url).content.decode()
    one_sided = client.get(url, {"show": "one-sided"}).content.decode()
    assert "Specifics of their talks were not released." in everything
    assert 'class="row row--pair' not in one_sided
    assert one_sided.count('class="row row--only-') == 12
    differences = client.get(url, {"show": "differences"}).content.decode()
    assert "row--identical" not in differences


def test_htmx_request_gets_only_the_comparison(client, seed_comparison):
    response = client.get(
        seed_comparison.get_absolute_url(), {"show": "one-sided"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="comparison"' in body and "<html" not in body
    assert "HX-Request" in response.headers["Vary"]


def test_interleaved_mode_lists_both_texts_in_one_column(client, seed_comparison):
    body = client.get(seed_comparison.get_absolute_url(), {"mode": "interleaved"}).content.decode()
    assert "cmp--interleaved" in body
    assert "cmp__colheads" not in body


def test_interleaved_mode_writes_each_rows_findings_beside_it(client, seed_comparison):
    url = seed_comparison.get_absolute_url()
    body = client.get(url, {"mode": "interleaved"}).content.decode()
    row = _row(body, "shuttle diplomacy between Kiev and Moscow")
    notes = row[row.index('<ul class="row__notes">') :]
    assert "Morning Star uses the spelling ‘Kiev’" in notes
    assert "left report" not in notes


def test_tampered_or_unknown_short_ids_404(client, seed_comparison):
    good = seed_comparison.short_id
    other = "x" if good[-1] != "x" else "y"
    assert client.get(f"/c/{good[:-1]}{other}/").status_code == 404
    assert client.get(f"/c/{good}0/").status_code == 404
    assert client.get("/c/../admin/").status_code == 404


def test_permalink_keeps_showing_what_was_shared_after_a_correction(client, seeds):
    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    before = client.get(comparison.get_absolute_url()).content.decode()
    article = seeds["left"]
    article.body = article.body.replace("frosty reception", "cool reception")
    article.save()
    pipeline.rebuild_sentences(article)
    after = client.get(comparison.get_absolute_url()).content.decode()
    assert "frosty reception" in after and "cool reception" not in after
    assert "A newer version exists" in after and "A newer version exists" not in before
    fresh = client.post(
        reverse("newsdiff:compare"), {"left": article.pk, "right": seeds["right"].pk}
    )
    assert fresh.url != comparison.get_absolute_url()
    assert Comparison.objects.count() == 2


def test_a_deleted_article_leaves_the_comparison_intact(client, seeds):
    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    Article.objects.filter(pk=seeds["right"].pk).delete()
    response = client.get(comparison.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "has since been removed" in body and "Li Shangfu" in body
    assert f"/articles/{seeds['right'].pk}/" not in body  # no link to a page that is gone
    assert f"/articles/{seeds['left'].pk}/?s=" in body


def test_two_reports_from_one_outlet_are_told_apart(client, db):
    source = make_source(name="Daily Planet", slug="daily-planet")
    a = make_article(source=source, body="The council met on Monday. It voted to close the pool.")
    b = make_article(source=source, body="The council met on Monday. Residents were angry.")
    body = client.get(pipeline.compare_articles(a, b).get_absolute_url()).content.decode()
    assert "only in Daily Planet (left)" in body and "only in Daily Planet (right)" in body


def test_article_text_with_html_is_rendered_as_inert_text(client, db):
    story = make_story()
    left = make_article(
        story=story,
        headline="Minister <script>alert('left')</script> visits",
        body="The minister <img src=x onerror=alert(1)> arrived on Monday. Talks began.",
    )
    right = make_article(
        story=story,
        headline="Minister visits",
        body="The minister arrived on Monday <b onmouseover=alert(2)>today</b>. Talks began.",
    )
    comparison = pipeline.compare_articles(left, right)
    body = client.get(comparison.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body and "<b onmouseover" not in body
    assert "&lt;script&gt;alert(&#x27;left&#x27;)&lt;/script&gt;" in body
    assert "onerror" in body  # shown, but only as escaped text
    assert "&lt;" in body.split('id="comparison"')[1]


def test_viewing_again_serves_the_cached_rows_without_rebuilding_them(
    client, seed_comparison, monkeypatch
):
    url = seed_comparison.get_absolute_url()
    first = client.get(url).content.decode()
    htmx_first = client.get(url, {"show": "one-sided"}, headers={"HX-Request": "true"})

    def fail(*args, **kwargs):
        raise AssertionError("the rows were rebuilt for a cached page")

    monkeypatch.setattr("newsdiff.display.build_rows", fail)
    again = client.get(url).content.decode()

    def body(page: str) -> str:  # the header differs per request (CSP nonce)
        return page[page.index('<section class="framing"') : page.index("</main>")]

    assert body(again) == body(first)
    assert body(again).count('class="row row--') == 20  # 8 pairs, 4 + 8 one-sided
    htmx_again = client.get(url, {"show": "one-sided"}, headers={"HX-Request": "true"})
    assert htmx_again.content == htmx_first.content


def test_a_cached_page_still_says_when_an_article_was_corrected(client, seed_comparison, seeds):
    url = seed_comparison.get_absolute_url()
    assert "A newer version exists" not in client.get(url).content.decode()
    article = seeds["right"]
    article.body += "\n\nThis story has been corrected."
    article.save()
    body = client.get(url).content.decode()
    assert "A newer version exists" in body
    assert "Specifics of their talks were not released." in body


def test_visitors_get_the_cached_page_and_staff_their_own(client, admin_client, seed_comparison):
    url = seed_comparison.get_absolute_url()
    first = client.get(url).content.decode()
    assert client.get(url).content.decode() == first  # the same page, from the cache
    assert "Set-Cookie" not in client.get(url).headers  # nothing personal in it
    staff_page = admin_client.get(url).content.decode()
    assert ">Upload</a>" in staff_page and ">Upload</a>" not in first


@pytest.fixture
def rehab(db):
    """Two reports of one event in other words: pairs found by meaning."""
    left = make_article(
        headline="Actress seeks treatment",
        body="Tara Reid checked into Promises Treatment Center, her rep told People. "
        "It is unclear what she is being treated for. She is engaged to Michael Axtmann.",
    )
    right = make_article(
        headline="Reid in rehab",
        body="Tara Reid has entered rehab, her representative said. The rep would not say "
        "why she is being treated. Her reality show Taradise aired in 2005.",
    )
    return pipeline.compare_articles(left, right)


def test_a_pair_found_by_meaning_says_so_with_its_similarity(client, rehab):
    comparison = rehab
    by_meaning = [p for p in comparison.result["pairs"] if p["evidence"] == "meaning"]
    assert by_meaning
    text = client.get(comparison.get_absolute_url()).content.decode()
    assert text.count("paired by meaning, 0.") == len(by_meaning)
    assert f"paired by meaning, {by_meaning[0]['cosine']:.2f}" in text
    # the tooltip is true of every such row: the encoder made the pair, and the names
    # the sentences do share are listed, never denied
    tips = re.findall(r'class="meaning-tag" title="([^"]*)"', text)
    assert len(tips) == len(by_meaning)
    assert all(t.startswith("The sentence encoder made this pair") for t in tips)
    assert not any("No shared names" in t for t in tips)
    assert "Terms they share: Reid, Tara." in _row(text, "Promises")


def test_a_finding_in_a_partly_shared_pair_names_the_pair_s_kind(client, rehab):
    comparison, left = rehab, rehab.left_article
    text = client.get(comparison.get_absolute_url()).content.decode()
    row = _row(text, "Promises")
    assert "◐ partly shared" in row
    adds = f"{left.source.name} adds ‘Promises Treatment Center’."
    assert f"In a partly shared sentence, {adds}" in text
    assert "In a reworded shared sentence" not in text


def _header(page: str) -> str:
    start = page.index('<header class="cmp-header">')
    return page[start : page.index("</header>", start)]


@pytest.mark.parametrize("order", ["as made", "the other way round"])
def test_a_cached_body_is_shown_under_a_header_read_without_the_rows(
    admin_client, seeds, monkeypatch, order
):
    left, right = seeds["left"], seeds["right"]
    pipeline.compare_articles(left, right)
    if order != "as made":
        left, right = right, left
    comparison = pipeline.compare_articles(left, right)
    url = comparison.get_absolute_url()
    first = admin_client.get(url).content.decode()  # signed in: only the body is cached

    def fail(*args, **kwargs):
        raise AssertionError("the whole result was decoded for a cached body")

    monkeypatch.setattr(pipeline, "comparison_result", fail)
    again = admin_client.get(url).content.decode()
    assert _header(again) == _header(first)
    assert f"<h1>{left.source.name} <span" in _header(again)
    assert "only in" in _stats(again) and "shared sentence" in _stats(again)  # counts

    def made(page: str) -> str:  # the line under the rows: engine version
        return page[page.index('<p class="muted cmp-made">') : page.index("</main>")]

    assert "with engine " in made(again) and made(again) == made(first)


def _body(page: str) -> str:  # the framing panel and the rows (the header has a nonce)
    return page[page.index('<section class="framing"') : page.index("</main>")]


def test_a_finished_comparison_s_first_screen_is_drawn_before_anyone_asks(
    client, seeds, monkeypatch
):
    from django.core.cache import cache

    url = pipeline.compare_articles(seeds["left"], seeds["right"]).get_absolute_url()

    def fail(*args, **kwargs):
        raise AssertionError("the first screen was drawn in the request")

    with monkeypatch.context() as patch:
        patch.setattr("newsdiff.display.build_rows", fail)
        patch.setattr(pipeline, "comparison_result", fail)
        drawn_ahead = client.get(url).content.decode()
    cache.clear()
    drawn_now = client.get(url).content.decode()
    assert _body(drawn_ahead) == _body(drawn_now)
    assert _body(drawn_ahead).count('class="row row--') == 20


def test_a_comparison_is_saved_even_if_its_first_screen_cannot_be_drawn(client, seeds, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template trouble")

    monkeypatch.setattr("newsdiff.comparison_page.render_body", broken)
    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    assert comparison.status == Comparison.Status.DONE and comparison.result["pairs"]
    monkeypatch.undo()
    assert client.get(comparison.get_absolute_url()).status_code == 200


def test_a_result_stored_before_each_kind_was_counted_still_agrees_with_its_badges(
    client, seed_comparison
):
    from django.core.cache import cache

    result = seed_comparison.result
    del result["summary"]["pair_kinds"]  # as stored by earlier versions
    Comparison.objects.filter(pk=seed_comparison.pk).update(result=result)
    cache.clear()
    body = client.get(seed_comparison.get_absolute_url()).content.decode()
    assert _stats(body).startswith("8 shared sentences: 7 reworded or partly shared, 1 the same")


def test_the_json_summary_counts_each_kind_of_pair(client, seed_comparison):
    from tests.factories import downloaded

    url = reverse("newsdiff:comparison-json", args=[seed_comparison.short_id])
    summary = json.loads(downloaded(client.get(url)))["summary"]
    assert summary["pair_kinds"] == {"reworded": 6, "partly shared": 1, "identical": 1}
    assert summary["reworded_pairs"] == 7  # every pair not identical, as before


UNRELATED = "These reports share no sentence:</strong> they may be about different events"


def test_reports_sharing_no_sentence_outside_one_story_carry_a_warning(client, seeds):
    bombing = make_article(
        headline="Bomb kills 12 at market in Juba",
        body="A bomb exploded at a crowded market in Juba on Tuesday, killing 12 people. "
        "President Salva Kiir condemned the attack and promised an inquiry. Police said "
        "they had arrested two suspects near the border with Uganda.",
    )
    comparison = pipeline.compare_articles(seeds["left"], bombing)
    assert comparison.result["summary"]["pairs"] == 0
    page = client.get(comparison.get_absolute_url()).content.decode()
    assert UNRELATED in _header(page)
    assert "may not be differences of framing." in page


def test_the_warning_is_not_shown_for_reports_that_share_sentences_or_a_story(client, seeds):
    seed_page = client.get(
        pipeline.compare_articles(seeds["left"], seeds["right"]).get_absolute_url()
    )
    assert UNRELATED not in seed_page.content.decode()
    story = make_story(title="Market bombing in Juba", slug="juba-bombing")
    first = make_article(story=story, headline="Juba market attack", body="Twelve died.")
    second = make_article(
        story=story, headline="South Sudan blast", body="Officials blamed rebels for it."
    )
    comparison = pipeline.compare_articles(first, second)
    assert comparison.result["summary"]["pairs"] == 0
    page = client.get(comparison.get_absolute_url()).content.decode()
    assert UNRELATED not in page


def test_a_pair_by_meaning_that_shares_few_words_is_shown_without_word_marks(client, rehab):
    comparison = rehab
    body = client.get(comparison.get_absolute_url()).content.decode()
    texts = {s["index"]: s["text"] for s in comparison.result["left"]["sentences"]}
    unmarked = 0
    for number, pair in enumerate(comparison.result["pairs"], start=1):
        if pair["evidence"] != "meaning":
            continue
        row = body.split(f'<div id="pair-{number}" class="row')[1].split('<div id="', 1)[0]
        shared = sum(len(s["left"].split()) for s in pair["diff"] if s["op"] == "equal")
        if shared < 0.5 * len(" ".join(texts[i] for i in pair["left"]).split()):
            assert '<mark class="w' not in row and "<del" not in row
            assert texts[pair["left"][0]] in row  # the whole sentence, as one run
            unmarked += 1
    assert unmarked
