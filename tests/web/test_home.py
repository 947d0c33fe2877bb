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


def test_home_counts_only_sources_and_stories_with_articles(client, story):
    from tests.factories import make_source, make_story

    make_source(name="Associated Press", kind="wire")  # named in a byline, no report of its own
    make_story(title="An event nobody has reported yet")
    body = client.get(reverse("newsdiff:home")).content.decode()
    assert "2 articles from 2 sources in 1 story." in body


def test_every_page_names_a_favicon_that_is_served(client, db):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    body = client.get(reverse("newsdiff:home")).content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', body)
    assert link and link.group(1).endswith("/favicon.svg")
    icon = finders.find("favicon.svg")
    assert icon and Path(icon).read_text().startswith("<svg")


def test_favicon_ico_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("/favicon.svg")


def test_home_leads_with_the_stories_and_outlets_a_report_was_last_added_to(client, db):
    from tests.factories import make_article, make_source, make_story

    for k in range(10):  # an import: many undated stories and outlets, added first
        make_article(story=make_story(title=f"Imported story {k}"), source=make_source())
    ours = make_article(
        story=make_story(title="Our story"), source=make_source(name="Zeta Gazette")
    )
    body = client.get(reverse("newsdiff:home")).content.decode()
    stories, sources = body.split('id="sources-heading"')
    assert stories.index("Our story") < stories.index("Imported story")
    assert sources.index(ours.source.name) < sources.index("Outlet")
