from django.urls import reverse


def test_raw_page_shows_the_text_exactly_as_received(client, seeds):
    article = seeds["left"]
    body = client.get(reverse("newsdiff:article-raw", args=[article.pk])).content.decode()
    assert "Skip to main content" in body and "Donate today" in body


def test_raw_page_404s_for_unknown_id(client, db):
    assert client.get(reverse("newsdiff:article-raw", args=[424242])).status_code == 404
