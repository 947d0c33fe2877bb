"""A coverage's exports: the JSON result (versioned) and a CSV of facts by outlet."""

import csv
import io

import pytest
from django.urls import reverse

from newsdiff.models import Coverage


@pytest.fixture
def coverage(client, covered_story) -> Coverage:
    ids = list(covered_story.articles.values_list("pk", flat=True))
    client.post(reverse("newsdiff:story-coverage", args=[covered_story.slug]), {"articles": ids})
    return Coverage.objects.get()


def test_the_json_is_the_stored_result_with_its_version(client, coverage):
    response = client.get(reverse("newsdiff:coverage-json", args=[coverage.short_id]))
    assert response.status_code == 200
    assert f"newsdiff-coverage-{coverage.short_id}.json" in response["Content-Disposition"]
    doc = response.json()
    assert doc["version"] == coverage.engine_version
    assert [r["outlet"] for r in doc["reports"]] == [
        "Coast Courier",
        "Daily Ledger",
        "Evening Post",
        "Metro Wire",
    ]
    assert any(f["outlets"] == 4 for f in doc["facts"])


def test_the_csv_has_one_row_per_fact_and_one_column_per_outlet(client, coverage):
    response = client.get(reverse("newsdiff:coverage-csv", args=[coverage.short_id]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "fact",
        "kind",
        "outlets",
        "Coast Courier",
        "Daily Ledger",
        "Evening Post",
        "Metro Wire",
    ]
    facts = Coverage.objects.get().result["facts"]
    assert len(rows) == 1 + len(facts)
    scandal = next(r for r in rows if "called the closure a scandal" in r[3])
    assert scandal[1] == "one" and scandal[2] == "1" and scandal[4:] == ["", "", ""]
    shut = next(r for r in rows[1:] if "The Harbour Bridge was shut" in r[4])
    assert shut[1] == "all" and all(shut[3:])


def test_a_csv_cell_that_looks_like_a_formula_is_defused(client, db):
    from tests.factories import make_article, make_story

    story = make_story(title="Formula", slug="formula")
    for _ in range(2):
        make_article(
            story=story,
            headline="",
            body='=HYPERLINK("http://x") was typed into the council\'s form on Monday.',
        )
    ids = list(story.articles.values_list("pk", flat=True))
    client.post(reverse("newsdiff:story-coverage", args=[story.slug]), {"articles": ids})
    short_id = Coverage.objects.get().short_id
    text = client.get(reverse("newsdiff:coverage-csv", args=[short_id])).content.decode()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
