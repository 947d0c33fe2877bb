"""Building a coverage: the story page's picker, GET never creates, POST does."""

import pytest
from django.test import Client
from django.urls import reverse

from newsdiff.models import Article, Coverage
from tests.factories import make_article, make_source, make_story


def coverage_url(story) -> str:
    return reverse("newsdiff:story-coverage", args=[story.slug])


def ids(story) -> list[int]:
    return list(story.articles.order_by("published_at").values_list("pk", flat=True))


def test_the_story_page_offers_its_reports_ticked_to_read_together(client, covered_story):
    body = client.get(covered_story.get_absolute_url()).content.decode()
    assert "Build coverage" in body
    assert f'action="{coverage_url(covered_story)}"' in body
    for pk in ids(covered_story):
        assert f'name="articles" value="{pk}" id="coverage-{pk}" checked' in body


def test_a_report_in_another_language_is_not_ticked_and_says_why(client, covered_story):
    other = make_article(
        story=covered_story,
        headline="Le pont du port fermé",
        body="Le pont a été fermé mardi après la découverte d'une fissure dans un câble.",
        language="fr",
    )
    body = client.get(covered_story.get_absolute_url()).content.decode()
    assert f'value="{other.pk}" id="coverage-{other.pk}">' in body  # not checked
    assert "In another language (fr)" in body


def test_a_second_report_from_one_outlet_is_flagged_in_the_picker(client, covered_story):
    first = covered_story.articles.get(source__name="Daily Ledger")
    make_article(
        source=first.source, story=covered_story, headline="Bridge update", body="It is shut."
    )
    body = client.get(covered_story.get_absolute_url()).content.decode()
    assert "A second report from Daily Ledger" in body


def test_get_shows_the_reports_with_a_build_button_and_creates_nothing(client, covered_story):
    response = client.get(coverage_url(covered_story))
    body = response.content.decode()
    assert response.status_code == 200
    assert "have not been read together yet" in body and "Build coverage" in body
    assert 'method="post"' in body
    assert not Coverage.objects.exists()


def test_post_builds_the_coverage_and_opens_its_permalink(client, covered_story):
    response = client.post(coverage_url(covered_story), {"articles": ids(covered_story)})
    coverage = Coverage.objects.get()
    assert response.status_code == 303 and response.url == coverage.get_absolute_url()
    assert response.url.startswith("/v/") and coverage.status == "done"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Who reports what: Harbour Bridge closed" in page.content.decode()


def test_one_result_per_set_of_texts_whatever_the_order_picked(client, covered_story):
    chosen = ids(covered_story)
    first = client.post(coverage_url(covered_story), {"articles": chosen})
    again = client.post(coverage_url(covered_story), {"articles": list(reversed(chosen))})
    assert again.status_code == 302 and again.url == first.url
    assert Coverage.objects.count() == 1
    # and the story's coverage address now shows it
    assert client.get(coverage_url(covered_story)).url == first.url


def test_a_corrected_article_gets_a_new_coverage(client, covered_story):
    chosen = ids(covered_story)
    first = client.post(coverage_url(covered_story), {"articles": chosen}).url
    article = Article.objects.get(pk=chosen[0])
    article.body += " Traffic was heavy."
    article.save()
    second = client.post(coverage_url(covered_story), {"articles": chosen}).url
    assert second != first and Coverage.objects.count() == 2


def test_creation_needs_the_csrf_token(covered_story):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(coverage_url(covered_story), {"articles": ids(covered_story)})
    assert response.status_code == 403 and not Coverage.objects.exists()


@pytest.mark.parametrize(
    ("count", "message"), [(1, "Choose at least two reports"), (0, "Choose the reports")]
)
def test_too_few_reports_are_refused_plainly(client, covered_story, count, message):
    response = client.post(coverage_url(covered_story), {"articles": ids(covered_story)[:count]})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Coverage.objects.exists()


def test_more_than_twelve_reports_are_refused_plainly(client, db):
    story = make_story(title="Crowded", slug="crowded")
    for n in range(13):
        make_article(story=story, headline=f"Report {n}", body=f"Sentence number {n} here.")
    response = client.post(coverage_url(story), {"articles": ids(story)})
    assert response.status_code == 400
    assert "Choose at most 12 reports (13 chosen)" in response.content.decode()
    assert not Coverage.objects.exists()


def test_a_report_from_another_story_is_refused(client, covered_story, story):
    other = story.articles.first()
    response = client.post(
        coverage_url(covered_story), {"articles": [*ids(covered_story), other.pk]}
    )
    assert response.status_code == 400 and "not in this story" in response.content.decode()
    assert not Coverage.objects.exists()


def test_a_story_with_one_report_says_so_and_links_it(client, lonely_story):
    article = lonely_story.articles.get()
    body = client.get(coverage_url(lonely_story)).content.decode()
    assert "This story has one report" in body and article.get_absolute_url() in body
    assert "Build coverage" not in body
    story_page = client.get(lonely_story.get_absolute_url()).content.decode()
    assert "This story has one report so far" in story_page


def test_anonymous_creation_beyond_the_limit_gets_a_429_and_no_row(client, settings, db):
    settings.NEWSDIFF_ANON_CREATE_LIMIT = 2
    stories = []
    for n in range(3):
        story = make_story(title=f"Event {n}", slug=f"event-{n}")
        for outlet in ("A", "B"):
            make_article(
                source=make_source(name=f"{outlet} {n}", slug=f"{outlet.lower()}-{n}"),
                story=story,
                headline=f"Event {n} happens",
                body=f"Event {n} happened today in the town. Outlet {outlet} saw it.",
            )
        stories.append(story)
    for story in stories[:2]:
        assert client.post(coverage_url(story), {"articles": ids(story)}).status_code == 303
    refused = client.post(coverage_url(stories[2]), {"articles": ids(stories[2])})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Back to Event 2" in refused.content.decode()
    assert "Too many new coverages for now" in refused.content.decode()
    minutes = round(int(refused["Retry-After"]) / 60)
    if minutes >= 2:  # the page says the wait the header gives
        assert f"can be started again in about {minutes} minutes." in refused.content.decode()
    assert Coverage.objects.count() == 2


def test_staff_are_not_limited(admin_client, settings, covered_story):
    settings.NEWSDIFF_ANON_CREATE_LIMIT = 0
    response = admin_client.post(coverage_url(covered_story), {"articles": ids(covered_story)})
    assert response.status_code == 303 and Coverage.objects.get().created_by is not None


def test_anonymous_visitors_cannot_build_an_oversized_coverage(client, settings, covered_story):
    settings.NEWSDIFF_ANON_MAX_SENTENCES = 5
    response = client.post(coverage_url(covered_story), {"articles": ids(covered_story)})
    assert response.status_code == 413 and "too many to read together" in response.content.decode()
    assert not Coverage.objects.exists()


def test_the_story_list_and_page_lead_to_the_coverage(client, covered_story, lonely_story):
    listing = client.get(reverse("newsdiff:story-list")).content.decode()
    assert f'href="{coverage_url(covered_story)}">who reports what' in listing
    assert f'href="{coverage_url(lonely_story)}"' not in listing
    url = client.post(coverage_url(covered_story), {"articles": ids(covered_story)}).url
    page = client.get(covered_story.get_absolute_url()).content.decode()
    assert f'href="{url}">Open the coverage of this story' in page


def test_a_get_naming_reports_shows_them_with_the_button_and_creates_nothing(client, covered_story):
    chosen = ids(covered_story)[:2]
    response = client.get(coverage_url(covered_story), {"articles": chosen})
    body = response.content.decode()
    assert response.status_code == 200 and "These 2 reports have not been read together" in body
    for pk in ids(covered_story):
        checked = f'value="{pk}" id="coverage-{pk}" checked' in body
        assert checked == (pk in chosen)
    assert not Coverage.objects.exists()


def test_the_home_page_leads_to_a_storys_coverage(client, covered_story):
    body = client.get(reverse("newsdiff:home")).content.decode()
    assert f'href="{coverage_url(covered_story)}">who reports what' in body
