from django.urls import reverse

from tests.factories import make_source


def test_source_list_shows_each_source_with_its_count(client, story):
    response = client.get(reverse("newsdiff:source-list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Daily Planet" in body and "Wire agency" in body


def test_source_list_paginates(client, db):
    for n in range(55):
        make_source(name=f"Paper {n:02d}", slug=f"paper-{n:02d}")
    first = client.get(reverse("newsdiff:source-list")).content.decode()
    second = client.get(reverse("newsdiff:source-list") + "?page=2").content.decode()
    assert "Page 1 of 2" in first and "Paper 00" in first and "Paper 54" not in first
    assert "Paper 54" in second
