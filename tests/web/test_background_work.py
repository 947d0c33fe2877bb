"""Large comparisons are made by the background worker; the permalink works at once."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from newsdiff.analysis import compare
from newsdiff.models import Comparison
from tests.factories import downloaded

COMPARE = reverse("newsdiff:compare")


@pytest.fixture
def large(settings, seeds):
    """The seed pair counts as large: it goes to the worker."""
    settings.NEWSDIFF_INLINE_SENTENCES = 5
    return {"left": seeds["left"].pk, "right": seeds["right"].pk}


def test_a_large_comparison_gets_its_link_at_once_and_its_result_from_the_worker(
    client, large, task_queue
):
    response = client.post(COMPARE, large)
    comparison = Comparison.objects.get()
    assert response.status_code == 303 and response.url == comparison.get_absolute_url()
    assert comparison.status == "queued" and comparison.result is None

    waiting = client.get(response.url)
    assert waiting.status_code == 200
    text = waiting.content.decode()
    assert "Waiting for a free worker" in text and "This link already works" in text
    assert 'hx-trigger="every 2s"' in text  # htmx asks again
    assert '<meta http-equiv="refresh"' in text  # and without JavaScript, the page reloads
    assert "Li Shangfu" not in text

    exported = client.get(reverse("newsdiff:comparison-json", args=[comparison.short_id]))
    assert exported.status_code == 202 and exported["Retry-After"]
    assert exported.json()["status"] == "queued"
    csv = client.get(reverse("newsdiff:comparison-csv", args=[comparison.short_id]))
    assert csv.status_code == 202 and "still being made" in csv.content.decode()

    assert task_queue() == 1
    done = client.get(response.url).content.decode()
    assert "Li Shangfu" in done and "Waiting for a free worker" not in done
    exported = client.get(reverse("newsdiff:comparison-json", args=[comparison.short_id]))
    assert exported.status_code == 200
    assert json.loads(downloaded(exported))["summary"]["pairs"] >= 8


def test_the_polling_request_reloads_the_page_once_the_result_is_there(client, large, task_queue):
    url = client.post(COMPARE, large).url
    pending = client.get(url, headers={"HX-Request": "true", "HX-Target": "progress"})
    assert pending.status_code == 200 and 'id="progress"' in pending.content.decode()
    assert "<html" not in pending.content.decode()  # only the progress box
    task_queue()
    finished = client.get(url, headers={"HX-Request": "true", "HX-Target": "progress"})
    assert finished["HX-Refresh"] == "true"


def test_a_small_comparison_is_made_in_the_request(client, seeds, task_queue):
    client.post(COMPARE, {"left": seeds["left"].pk, "right": seeds["right"].pk})
    assert Comparison.objects.get().status == "done"
    assert task_queue() == 0


def test_an_error_is_retried_once_then_shown_plainly_and_staff_can_retry(
    client, admin_client, large, task_queue, monkeypatch
):
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("secret internal detail")

    real = compare.compare_sentences
    monkeypatch.setattr(compare, "compare_sentences", broken)
    url = client.post(COMPARE, large).url
    task_queue()
    comparison = Comparison.objects.get()
    assert len(calls) == 2 and comparison.attempts == 2
    assert comparison.status == "failed" and comparison.result is None  # never half-made

    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "could not be made" in text and "tried 2 times" in text
    assert "secret internal detail" not in text and "Traceback" not in text
    assert "Try again" not in text  # only staff may retry
    assert client.get(url + "retry/").status_code in (302, 405)
    assert (
        client.get(reverse("newsdiff:comparison-json", args=[comparison.short_id])).status_code
        == 409
    )

    monkeypatch.setattr(compare, "compare_sentences", real)
    staff_page = admin_client.get(url).content.decode()
    assert "Try again" in staff_page
    response = admin_client.post(url + "retry/")
    assert response.status_code == 303
    task_queue()
    comparison.refresh_from_db()
    assert comparison.status == "done" and "Li Shangfu" in client.get(url).content.decode()


def _stall(comparison: Comparison, attempts: int) -> None:
    long_ago = timezone.now() - timedelta(seconds=settings.NEWSDIFF_STALLED_AFTER + 30)
    Comparison.objects.filter(pk=comparison.pk).update(
        status="running", attempts=attempts, started_at=long_ago, heartbeat_at=long_ago
    )


def test_a_comparison_whose_worker_died_is_queued_again_then_failed(client, large, task_queue):
    url = client.post(COMPARE, large).url
    comparison = Comparison.objects.get()
    _stall(comparison, attempts=1)  # as if the worker was killed mid-task
    client.get(url)
    comparison.refresh_from_db()
    assert comparison.status == "queued"
    task_queue()
    comparison.refresh_from_db()
    assert comparison.status == "done" and comparison.attempts == 2

    other = Comparison.objects.create(
        left_article=comparison.right_article,
        right_article=comparison.left_article,
        left_hash=comparison.right_hash,
        right_hash=comparison.left_hash,
        engine_version=comparison.engine_version,
        status="queued",
    )
    _stall(other, attempts=2)
    text = client.get(other.get_absolute_url()).content.decode()
    other.refresh_from_db()
    assert other.status == "failed" and "The worker making this comparison stopped" in text


def test_a_live_worker_is_not_taken_for_dead(client, large, task_queue):
    url = client.post(COMPARE, large).url
    Comparison.objects.update(status="running", attempts=1, heartbeat_at=timezone.now())
    client.get(url)
    assert Comparison.objects.get().status == "running"


def test_an_article_deleted_while_queued_fails_the_comparison_plainly(client, large, task_queue):
    from newsdiff.models import Article

    url = client.post(COMPARE, large).url
    Article.objects.filter(pk=large["right"]).delete()
    task_queue()
    text = client.get(url).content.decode()
    assert Comparison.objects.get().status == "failed"
    assert "removed from newsdiff before the comparison was made" in text


def test_a_waiting_comparison_is_taken_before_waiting_encoding(client, large, task_queue):
    from django_tasks_db.models import DBTaskResult

    from newsdiff.tasks import encode_articles

    encode_articles.enqueue([large["left"]])
    client.post(COMPARE, large)
    first = DBTaskResult.objects.ready().get_locked()
    assert first.task_path.endswith("make_comparison")


def test_a_large_comparison_s_csv_is_written_by_the_worker_and_sent_as_written(
    client, large, task_queue
):
    from newsdiff import display
    from newsdiff.models import ComparisonExport

    client.post(COMPARE, large)
    task_queue()
    comparison = Comparison.objects.get()
    stored = ComparisonExport.objects.get(comparison=comparison)
    assert stored.version == display.CSV_VERSION and "Li Shangfu" in stored.csv
    url = reverse("newsdiff:comparison-csv", args=[comparison.short_id])
    sent = downloaded(client.get(url))

    ComparisonExport.objects.update(version="0")  # written by an older newsdiff
    assert downloaded(client.get(url)) == sent  # made from the result: the same CSV
    ComparisonExport.objects.update(version=display.CSV_VERSION, csv="row,kind\r\n")
    assert downloaded(client.get(url)) == b"row,kind\r\n"  # the stored text is what is sent


def test_a_large_comparison_asked_the_other_way_round_gets_its_csv_from_the_worker(
    client, large, task_queue, django_capture_on_commit_callbacks
):
    from newsdiff.models import ComparisonExport

    client.post(COMPARE, large)
    task_queue()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(COMPARE, {"left": large["right"], "right": large["left"]})
    mirror = Comparison.objects.get(mirror_of__isnull=False)
    assert response.url == mirror.get_absolute_url()
    url = reverse("newsdiff:comparison-csv", args=[mirror.short_id])
    made_on_request = downloaded(client.get(url))
    assert not ComparisonExport.objects.filter(comparison=mirror).exists()

    assert task_queue() == 1
    stored = ComparisonExport.objects.get(comparison=mirror)
    assert stored.csv.encode() == made_on_request  # the same CSV, read the other way round
    original = ComparisonExport.objects.get(comparison=mirror.mirror_of)
    assert stored.csv != original.csv
