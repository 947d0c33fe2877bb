"""A long comparison draws its rows a chunk at a time; the cache never serves stale links."""

import pytest
from django.urls import reverse

from newsdiff import display, page_cache, pipeline
from newsdiff.models import Article
from tests.factories import make_article


def _body(prefix: str, n: int) -> str:
    return " ".join(f"{prefix}{k}x met {prefix}{k}y near {prefix}{k}z." for k in range(n))


@pytest.fixture
def long_comparison(db):
    """Two reports with nothing in common: 150 + 150 one-sided rows (and headlines)."""
    left = make_article(body=_body("Kal", 150), headline="Kalmar falls")
    right = make_article(body=_body("Mor", 150), headline="Mordor rises")
    return pipeline.compare_articles(left, right)


def test_the_first_screen_draws_the_first_rows_and_links_to_the_rest(client, long_comparison):
    text = client.get(long_comparison.get_absolute_url()).content.decode()
    assert text.count('class="row row--') == display.ROWS_PER_PAGE
    total = len(display.build_rows(long_comparison.result))
    assert total > 300 and f"Show rows 201 onwards ({total} in all)" in text
    assert 'hx-trigger="revealed, click"' in text and "start=200&amp;chunk=rows" in text


def test_the_next_chunk_comes_alone_and_the_link_works_without_javascript(client, long_comparison):
    url = long_comparison.get_absolute_url()
    chunk = client.get(url, {"start": 200, "chunk": "rows"}, headers={"HX-Request": "true"})
    chunk_text = chunk.content.decode()
    rest = len(display.build_rows(long_comparison.result)) - 200
    assert chunk_text.count('class="row row--') == rest and "<html" not in chunk_text
    assert "onwards" not in chunk_text  # the last chunk
    page = client.get(url, {"start": 200}).content.decode()
    assert page.count('class="row row--') == rest
    assert "Show the rows before 201" in page


def test_a_start_past_the_end_or_not_a_number_is_no_error(client, long_comparison):
    url = long_comparison.get_absolute_url()
    assert client.get(url, {"start": 10**7}).status_code == 200
    assert client.get(url, {"start": "-5"}).status_code == 200
    assert client.get(url, {"start": "9" * 40}).status_code == 200


def test_signed_in_views_reuse_the_rendered_rows(admin_client, seeds, monkeypatch):
    from django.core.cache import cache

    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    cache.clear()  # not the first screen drawn as it was made: drawn by the first view
    calls = []
    real = display.build_rows
    monkeypatch.setattr(display, "build_rows", lambda result: calls.append(1) or real(result))
    for _ in range(3):
        assert admin_client.get(comparison.get_absolute_url()).status_code == 200
    assert len(calls) == 1


def test_a_deleted_article_is_never_linked_from_the_cached_page(client, seeds, database_cache):
    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    right = seeds["right"].pk
    before = client.get(comparison.get_absolute_url()).content.decode()
    assert f"/articles/{right}/" in before
    Article.objects.filter(pk=right).delete()
    after = client.get(comparison.get_absolute_url()).content.decode()
    assert f"/articles/{right}/" not in after and "has since been removed" in after


def test_a_corrected_article_shows_the_notice_on_the_cached_page(client, seeds, database_cache):
    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    assert (
        "A newer version exists" not in client.get(comparison.get_absolute_url()).content.decode()
    )
    article = seeds["left"]
    article.body = article.body.replace("frosty reception", "cool reception")
    article.save()
    assert "A newer version exists" in client.get(comparison.get_absolute_url()).content.decode()


def test_the_cache_refuses_values_over_its_size_bound(settings, database_cache):
    settings.CACHE_MAX_VALUE_BYTES = 1000
    assert page_cache.put("newsdiff:test:small", "x" * 900)
    assert not page_cache.put("newsdiff:test:big", "é" * 600)  # 1,200 bytes
    assert page_cache.get("newsdiff:test:big") is None
    assert page_cache.get("newsdiff:test:small") == "x" * 900


def test_a_page_read_once_is_served_again_without_asking_the_shared_cache(
    client, seeds, database_cache, monkeypatch
):
    url = pipeline.compare_articles(seeds["left"], seeds["right"]).get_absolute_url()
    client.get(url)  # drawn and kept in the shared cache
    page_cache.local_pages.clear()  # as in another app process
    first = client.get(url).content.decode()  # read from the shared cache

    def fail(*args, **kwargs):
        raise AssertionError("the shared cache was asked again")

    monkeypatch.setattr(database_cache, "get", fail)
    assert client.get(url).content.decode() == first
    seeds["left"].body += "\n\nThis story has been corrected."
    seeds["left"].save()
    monkeypatch.undo()
    assert "A newer version exists" in client.get(url).content.decode()


def test_what_a_process_keeps_of_the_pages_is_bounded_in_bytes(settings):
    import sys

    settings.NEWSDIFF_LOCAL_PAGE_BYTES = 3 * sys.getsizeof("x" * 1000)
    kept = page_cache._LocalPages()
    for k in range(4):
        kept.keep(f"page{k}", str(k) * 1000)
    assert kept.get("page0") is None  # the least recently used went first
    assert kept.get("page1") == "1" * 1000
    kept.keep("page4", "4" * 1000)
    assert kept.get("page2") is None and kept.get("page1") == "1" * 1000  # page1 was read
    kept.keep("huge", "h" * 5000)
    assert kept.get("huge") is None and kept.get("page4") == "4" * 1000


def test_the_state_read_before_a_page_is_the_state_its_keys_were_made_from(seeds):
    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    state = page_cache.comparison_state(comparison.short_id)
    assert state == page_cache.state_of(comparison)
    assert page_cache.comparison_key("page", state) == page_cache.comparison_key(
        "page", page_cache.state_of(comparison)
    )
    Article.objects.filter(pk=seeds["right"].pk).delete()
    assert page_cache.comparison_state(comparison.short_id)["right_article__updated_at"] is None
    assert page_cache.comparison_state("nosuchid00") is None


def test_a_finding_on_a_long_passage_links_its_first_rows_only(client, long_comparison):
    text = client.get(long_comparison.get_absolute_url()).content.decode()
    passage = max(
        (f for f in long_comparison.result["framing"]["findings"] if f["kind"] == "only_one_side"),
        key=lambda f: len(f["left_sentences"]) + len(f["right_sentences"]),
    )
    rows = len(passage["left_sentences"]) + len(passage["right_sentences"])
    assert rows > 100
    # "Only Kalmar's outlet has these N sentences": 12 links, then a count
    assert f"and {rows - 12} more rows" in text


def test_the_home_page_never_loads_a_comparisons_result(client, seeds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pipeline.compare_articles(seeds["left"], seeds["right"])
    with CaptureQueriesContext(connection) as queries:
        text = client.get(reverse("newsdiff:home")).content.decode()
    assert "shared" in text
    assert not any('"newsdiff_comparison"."result"' in q["sql"] for q in queries)
