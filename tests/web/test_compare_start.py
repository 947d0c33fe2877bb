from django.urls import reverse

from newsdiff.models import Comparison

COMPARE = reverse("newsdiff:compare")


def test_compare_page_offers_a_form(client, seeds):
    body = client.get(COMPARE).content.decode()
    assert "Compare two reports" in body and 'name="left"' in body and 'name="right"' in body


def test_comparing_two_articles_redirects_to_a_permalink(client, seeds):
    response = client.post(COMPARE, {"left": seeds["left"].pk, "right": seeds["right"].pk})
    comparison = Comparison.objects.get()
    assert response.status_code == 303
    assert response.url == f"/c/{comparison.short_id}/"
    assert len(comparison.short_id) == 10


def test_the_same_two_texts_reuse_the_same_comparison(client, seeds):
    params = {"left": seeds["left"].pk, "right": seeds["right"].pk}
    first = client.post(COMPARE, params).url
    second = client.post(COMPARE, params).url
    assert first == second and Comparison.objects.count() == 1
    assert client.get(COMPARE, params).url == first


def test_short_ids_are_not_sequential(client, seeds, story):
    ids = [seeds["left"].pk, seeds["right"].pk, *story.articles.values_list("pk", flat=True)]
    client.post(COMPARE, {"left": ids[0], "right": ids[1]})
    client.post(COMPARE, {"left": ids[2], "right": ids[3]})
    a, b = Comparison.objects.order_by("pk").values_list("short_id", flat=True)
    assert a != b and not a.isdigit()


def test_the_same_article_on_both_sides_is_refused_clearly(client, seeds):
    pk = seeds["left"].pk
    response = client.post(COMPARE, {"left": pk, "right": pk})
    assert response.status_code == 400
    assert "same article twice" in response.content.decode()
    assert not Comparison.objects.exists()


def test_a_missing_parameter_is_a_clear_error(client, seeds):
    response = client.get(COMPARE, {"left": seeds["left"].pk})
    assert response.status_code == 400
    assert "Second report: choose an article." in response.content.decode()


def test_a_non_numeric_id_is_a_clear_error(client, seeds):
    response = client.get(COMPARE, {"left": "abc", "right": seeds["right"].pk})
    assert response.status_code == 400


def test_unknown_article_ids_404(client, seeds):
    response = client.get(COMPARE, {"left": seeds["left"].pk, "right": 987654})
    assert response.status_code == 404
