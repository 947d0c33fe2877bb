from django.urls import reverse

from tests.factories import make_article, make_source


def test_source_detail_lists_its_articles(client, story):
    response = client.get(reverse("newsdiff:source-detail", args=["daily-planet"]))
    assert response.status_code == 200
    assert "Minister heads to Moscow" in response.content.decode()


def test_source_detail_404s_for_unknown_slug(client, db):
    assert client.get(reverse("newsdiff:source-detail", args=["nope"])).status_code == 404


def test_wire_agency_page_lists_articles_syndicated_by_others(client, db):
    agency = make_source(name="Associated Press", slug="associated-press", kind="wire")
    make_article(headline="Syndicated story", wire_agency=agency)
    body = client.get(agency.get_absolute_url()).content.decode()
    assert "Syndicated by other outlets" in body and "Syndicated story" in body


def test_source_attribution_is_shown(client, db):
    source = make_source(attribution="ECB+ corpus, CC BY 3.0")
    body = client.get(source.get_absolute_url()).content.decode()
    assert "Licence and attribution" in body and "CC BY 3.0" in body
