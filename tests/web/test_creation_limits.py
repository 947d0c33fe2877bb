"""Making a comparison is an action: POST with CSRF, bounded for anonymous visitors."""

import pytest
from django.test import Client
from django.urls import reverse

from newsdiff.models import Comparison
from tests.factories import make_article

COMPARE = reverse("newsdiff:compare")


@pytest.fixture
def pairs(db):
    articles = [make_article(headline=f"Report {n} on the Moscow talks") for n in range(8)]
    return [(articles[n].pk, articles[n + 1].pk) for n in range(0, 8, 2)]


def test_a_get_never_creates_a_comparison(client, seeds):
    params = {"left": seeds["left"].pk, "right": seeds["right"].pk}
    page = client.get(COMPARE, params)
    text = page.content.decode()
    assert page.status_code == 200 and not Comparison.objects.exists()
    assert "have not been compared yet" in text and 'method="post"' in text
    assert "csrfmiddlewaretoken" in text
    assert client.head(COMPARE, params).status_code == 200 and not Comparison.objects.exists()


def test_an_existing_comparison_opens_from_a_get_link(client, seeds):
    params = {"left": seeds["left"].pk, "right": seeds["right"].pk}
    made = client.post(COMPARE, params).url
    assert client.get(COMPARE, params).url == made


def test_creation_needs_the_csrf_token(seeds):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(COMPARE, {"left": seeds["left"].pk, "right": seeds["right"].pk})
    assert response.status_code == 403 and not Comparison.objects.exists()


def test_anonymous_creation_beyond_the_limit_gets_a_clear_429_and_no_row(client, settings, pairs):
    settings.NEWSDIFF_ANON_CREATE_LIMIT = 3
    for left, right in pairs[:3]:
        assert client.post(COMPARE, {"left": left, "right": right}).status_code == 303
    refused = client.post(COMPARE, {"left": pairs[3][0], "right": pairs[3][1]})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many new comparisons" in refused.content.decode()
    assert Comparison.objects.count() == 3
    # a comparison that already exists still opens
    assert client.post(COMPARE, {"left": pairs[0][0], "right": pairs[0][1]}).status_code == 302


def test_the_limit_is_per_visitor_and_staff_are_not_limited(client, admin_client, settings, pairs):
    settings.NEWSDIFF_ANON_CREATE_LIMIT = 1
    client.post(COMPARE, {"left": pairs[0][0], "right": pairs[0][1]})
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(COMPARE, {"left": pairs[1][0], "right": pairs[1][1]}).status_code == 303
    for left, right in pairs[2:]:
        assert admin_client.post(COMPARE, {"left": left, "right": right}).status_code == 303
    assert Comparison.objects.count() == 4


def test_anonymous_visitors_cannot_start_an_oversized_comparison(
    client, admin_client, settings, seeds
):
    settings.NEWSDIFF_ANON_MAX_SENTENCES = 10
    params = {"left": seeds["left"].pk, "right": seeds["right"].pk}
    refused = client.post(COMPARE, params)
    assert refused.status_code == 413 and "too many to compare without signing in" in (
        refused.content.decode()
    )
    assert not Comparison.objects.exists()
    assert admin_client.post(COMPARE, params).status_code == 303


def test_the_429_page_says_the_real_wait_who_shares_the_limit_and_who_is_not_limited(
    client, settings, pairs, monkeypatch
):
    from newsdiff import throttle

    settings.NEWSDIFF_ANON_CREATE_LIMIT = 1
    monkeypatch.setattr(throttle, "retry_after_seconds", lambda: 128)
    client.post(COMPARE, {"left": pairs[0][0], "right": pairs[0][1]})
    refused = client.post(COMPARE, {"left": pairs[1][0], "right": pairs[1][1]})
    text = " ".join(refused.content.decode().split())
    assert refused.status_code == 429 and refused["Retry-After"] == "128"
    assert "This one can be started again in about 2 minutes." in text
    assert "in a few minutes" not in text
    assert "can start 1 new comparison or coverage every 10 minutes" in text
    assert "The limit is shared by everyone on the same connection" in text
    assert 'Staff who <a href="/admin/login/">sign in</a> are not limited.' in text
    assert "<script>" not in text


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (20, "in less than a minute"),
        (61, "in about a minute"),
        (128, "in about 2 minutes"),
        (600, "in about 10 minutes"),
        (3601, "in about an hour"),
        (10800, "in about 3 hours"),
    ],
)
def test_a_wait_is_said_in_words(seconds, words):
    from newsdiff.throttle import wait_in_words

    assert wait_in_words(seconds) == words
