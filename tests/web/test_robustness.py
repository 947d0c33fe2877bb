"""Odd requests to the public pages: never a 500, always a page a journalist understands."""

import pytest
from django.test import Client
from django.urls import reverse

from newsdiff import pipeline


@pytest.mark.parametrize("query", ["\x00", "ab\x00c", "<script>alert(1)</script>"])
def test_searches_with_odd_characters_work(client, seeds, query):
    for url in (reverse("newsdiff:article-list"), reverse("newsdiff:compare-picker")):
        response = client.get(url, {"q": query, "left": seeds["left"].pk})
        assert response.status_code in (200, 400)
        assert "<script>alert(1)" not in response.content.decode()


def test_head_requests_are_answered(client, seeds):
    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    for url in ("/", comparison.get_absolute_url(), f"/c/{comparison.short_id}.json"):
        assert client.head(url).status_code == 200, url


def test_an_oversized_request_gets_an_explained_400(admin_client, settings):
    settings.DEBUG = False
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    upload = reverse("admin:newsdiff_article_upload")
    response = admin_client.post(upload, {"text": "x" * 5000})
    assert response.status_code == 400
    body = response.content.decode()
    assert "malformed or too large" in body and "5 MB" in body


def test_unknown_pages_get_a_helpful_404(db, settings):
    settings.DEBUG = False
    response = Client().get("/c/zzzzzzzzzz/")
    assert response.status_code == 404
    assert "ten letters and digits" in response.content.decode()
