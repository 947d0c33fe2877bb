from django.urls import reverse

PICKER = reverse("newsdiff:compare-picker")


def test_article_page_offers_same_story_reports_first(client, seeds):
    body = client.get(seeds["left"].get_absolute_url()).content.decode()
    assert "Compare with…" in body
    assert f"?left={seeds['left'].pk}&amp;right={seeds['right'].pk}" in body


def test_search_as_you_type_returns_only_the_results(client, seeds, story):
    response = client.get(
        PICKER, {"left": seeds["left"].pk, "q": "Minister heads"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="picker-results"' in body and "<html" not in body
    assert "Minister heads to Moscow" in body and "Wang Yi" not in body


def test_picker_works_without_javascript(client, seeds):
    body = client.get(PICKER, {"left": seeds["left"].pk, "q": "Independent"}).content.decode()
    assert "<html" in body and "The Independent" in body


def test_picker_without_an_article_is_a_clear_error(client, db):
    response = client.get(PICKER)
    assert response.status_code == 400
    assert "Choose the article" in response.content.decode()


def test_story_page_offers_to_compare_any_two_reports(client, seeds):
    story = seeds["left"].story
    body = client.get(story.get_absolute_url()).content.decode()
    assert "Compare two of these reports" in body
    assert 'action="/compare/"' in body
