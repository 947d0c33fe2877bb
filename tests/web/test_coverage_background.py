"""A large coverage is made by the background worker; its permalink works at once."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from newsdiff.analysis import coverage as analysis
from newsdiff.models import Article, Coverage
from tests.factories import make_article, make_source, make_story


@pytest.fixture
def large(settings, covered_story):
    """The four-outlet story counts as large: it goes to the worker."""
    settings.NEWSDIFF_COVERAGE_INLINE_SENTENCES = 5
    url = reverse("newsdiff:story-coverage", args=[covered_story.slug])
    return url, {"articles": list(covered_story.articles.values_list("pk", flat=True))}


def exports(client, row: Coverage) -> tuple:
    return (
        client.get(reverse("newsdiff:coverage-json", args=[row.short_id])),
        client.get(reverse("newsdiff:coverage-csv", args=[row.short_id])),
    )


def test_a_large_coverage_gets_its_link_at_once_and_its_result_from_the_worker(
    client, large, task_queue
):
    response = client.post(*large)
    row = Coverage.objects.get()
    assert response.status_code == 303 and response.url == row.get_absolute_url()
    assert row.status == "queued" and row.result is None

    waiting = client.get(response.url).content.decode()
    assert "Waiting for a free worker" in waiting and "This link already works" in waiting
    assert 'hx-trigger="every 2s"' in waiting and '<meta http-equiv="refresh"' in waiting
    assert "called the closure a scandal" not in waiting
    as_json, as_csv = exports(client, row)
    assert as_json.status_code == 202 and as_json.json()["status"] == "queued"
    assert as_csv.status_code == 202 and "still being made" in as_csv.content.decode()
    # the story's coverage address leads to the row being made, and makes no other
    assert client.get(large[0]).url == row.get_absolute_url()

    assert task_queue() == 1
    done = client.get(response.url).content.decode()
    assert "called the closure a scandal" in done and "Waiting for a free worker" not in done
    assert exports(client, row)[0].json()["facts"]


def test_the_poll_gets_the_progress_box_then_a_reload(client, large, task_queue):
    url = client.post(*large).url
    pending = client.get(url, headers={"HX-Request": "true", "HX-Target": "progress"})
    body = pending.content.decode()
    assert 'id="progress"' in body and "<html" not in body
    task_queue()
    finished = client.get(url, headers={"HX-Request": "true", "HX-Target": "progress"})
    assert finished["HX-Refresh"] == "true"


def test_an_error_is_retried_once_then_shown_plainly_and_staff_can_retry(
    client, admin_client, large, task_queue, monkeypatch
):
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("secret internal detail")

    real = analysis.build_coverage
    monkeypatch.setattr(analysis, "build_coverage", broken)
    url = client.post(*large).url
    task_queue()
    row = Coverage.objects.get()
    assert len(calls) == 2 and row.attempts == 2
    assert row.status == "failed" and row.result is None

    text = client.get(url).content.decode()
    assert "This coverage could not be made" in text and "tried 2 times" in text
    assert "secret internal detail" not in text and "Try again" not in text
    assert client.post(url + "retry/").status_code == 302  # to the sign-in page
    assert exports(client, row)[0].status_code == 409

    monkeypatch.setattr(analysis, "build_coverage", real)
    assert "Try again" in admin_client.get(url).content.decode()
    assert admin_client.post(url + "retry/").status_code == 303
    task_queue()
    assert "called the closure a scandal" in client.get(url).content.decode()


def test_a_coverage_whose_worker_died_is_queued_again_then_failed(client, large, task_queue):
    url = client.post(*large).url
    long_ago = timezone.now() - timedelta(seconds=settings.NEWSDIFF_STALLED_AFTER + 30)
    Coverage.objects.update(status="running", attempts=1, heartbeat_at=long_ago)
    client.get(url)
    assert Coverage.objects.get().status == "queued"
    Coverage.objects.update(status="running", attempts=2, heartbeat_at=long_ago)
    text = client.get(url).content.decode()
    assert Coverage.objects.get().status == "failed"
    assert "The worker making this coverage stopped" in text


def test_an_article_deleted_while_queued_fails_the_coverage_plainly(client, large, task_queue):
    url = client.post(*large).url
    Article.objects.filter(pk=large[1]["articles"][0]).delete()
    task_queue()
    assert Coverage.objects.get().status == "failed"
    assert "removed from newsdiff before the coverage was made" in client.get(url).content.decode()


def test_twelve_long_reports_go_to_the_worker_and_the_page_stays_bounded(
    client, admin_client, db, task_queue
):
    story = make_story(title="A long story", slug="a-long-story")
    shared = [f"Officials confirmed detail number {n} of the flood response." for n in range(40)]
    for n in range(12):
        own = [f"Outlet {n} adds its own remark number {k} about the weather." for k in range(30)]
        make_article(
            source=make_source(name=f"Outlet {n:02d}", slug=f"outlet-{n:02d}"),
            story=story,
            headline=f"Flood response, report {n}",
            body=" ".join(shared[n % 3 :] + own),
        )
    url = reverse("newsdiff:story-coverage", args=[story.slug])
    ids = list(story.articles.values_list("pk", flat=True))
    response = admin_client.post(url, {"articles": ids})
    row = Coverage.objects.get()
    assert row.status == "queued" and row.sentence_count > 700
    assert task_queue() == 1
    page = client.get(response.url).content.decode()
    assert page.count('<tr id="fact-') == 60 and 'rel="next"' in page
    assert len(page) < 600_000
