import re

from django.urls import reverse


def test_home_lists_stories_articles_and_sources(client, story):
    response = client.get(reverse("newsdiff:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Minister visits Moscow" in body
    assert "Minister heads to Moscow" in body
    assert "Daily Planet" in body and "Wire Service" in body


def test_home_says_so_when_empty(client, db):
    response = client.get(reverse("newsdiff:home"))
    assert response.status_code == 200
    assert "No articles yet" in response.content.decode()


def test_home_sends_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("newsdiff:home"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy  # our own files only: no inline code, no nonce
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    body = response.content.decode()
    assert "<script>" not in body
    assert all(" src=" in tag for tag in re.findall(r"<script[^>]*>", body))
