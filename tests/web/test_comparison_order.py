"""One stored result per pair of texts, shown in the order asked for."""

import csv
import io
import json

from django.urls import reverse

from newsdiff import pipeline
from newsdiff.analysis import compare
from newsdiff.analysis.mirror import mirrored
from newsdiff.models import Comparison
from tests.factories import downloaded

COMPARE = reverse("newsdiff:compare")


def test_the_other_order_reuses_the_result_and_shows_it_as_asked(client, seeds, monkeypatch):
    a, b = seeds["left"], seeds["right"]
    first = client.post(COMPARE, {"left": a.pk, "right": b.pk}).url
    calls = []
    real = compare.compare_sentences
    monkeypatch.setattr(
        compare, "compare_sentences", lambda *x, **k: calls.append(1) or real(*x, **k)
    )
    second = client.post(COMPARE, {"left": b.pk, "right": a.pk}).url
    assert second != first and calls == []  # nothing computed again
    made, swapped = Comparison.objects.order_by("pk")
    assert swapped.mirror_of == made and swapped.result is None  # nothing stored twice

    page = client.get(second).content.decode()
    assert page.index("The Independent") < page.index("Morning Star")
    assert '<h1>The Independent <span class="vs">vs</span> Morning Star</h1>' in page
    as_asked = json.loads(
        downloaded(client.get(reverse("newsdiff:comparison-json", args=[swapped.short_id])))
    )
    assert as_asked == mirrored(made.result)
    assert as_asked["left"]["source"] == "The Independent"
    assert as_asked["summary"]["only_left"] == made.result["summary"]["only_right"]
    assert client.post(COMPARE, {"left": b.pk, "right": a.pk}).url == second


def test_the_home_page_lists_the_other_order_with_its_own_counts(client, seeds):
    a, b = seeds["left"], seeds["right"]
    made = pipeline.compare_articles(a, b)
    swapped = pipeline.compare_articles(b, a)
    assert swapped.result == mirrored(made.result)
    text = client.get(reverse("newsdiff:home")).content.decode()
    left, right = made.summary["only_left"], made.summary["only_right"]
    assert f"{left} + {right} one-sided" in text and f"{right} + {left} one-sided" in text


def _csv_rows(client, comparison) -> list[dict[str, str]]:
    response = client.get(reverse("newsdiff:comparison-csv", args=[comparison.short_id]))
    return list(csv.DictReader(io.StringIO(downloaded(response).decode())))


def test_the_csv_of_the_other_order_has_the_sides_swapped(client, seeds):
    made = pipeline.compare_articles(seeds["left"], seeds["right"])
    swapped = pipeline.compare_articles(seeds["right"], seeds["left"])
    as_made, as_swapped = _csv_rows(client, made), _csv_rows(client, swapped)
    assert len(as_made) == len(as_swapped) == 20
    kinds = {"only-left": "only-right", "only-right": "only-left", "pair": "pair"}
    by_text = {(r["left_text"], r["right_text"]): r for r in as_made}
    for row in as_swapped:
        other = by_text[(row["right_text"], row["left_text"])]
        assert row["kind"] == kinds[other["kind"]] and row["match"] == other["match"]
        assert row["left_sentences"] == other["right_sentences"]
        assert row["left_position"] == other["right_position"]
