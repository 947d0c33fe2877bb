from django.urls import reverse


def test_article_list_searches_headlines_and_sources(client, story):
    url = reverse("newsdiff:article-list")
    body = client.get(url, {"q": "arrives"}).content.decode()
    assert "Minister arrives in Moscow for talks" in body
    assert "Minister heads to Moscow" not in body
    by_source = client.get(url, {"q": "Daily Planet"}).content.decode()
    assert "Minister heads to Moscow" in by_source


def test_article_list_reports_no_match(client, story):
    body = client.get(reverse("newsdiff:article-list"), {"q": "zebra"}).content.decode()
    assert "No articles match your search" in body
