import csv
import io
import json

import pytest

from newsdiff import pipeline
from tests.factories import downloaded


@pytest.fixture
def seed_comparison(seeds):
    return pipeline.compare_articles(seeds["left"], seeds["right"])


def test_json_export_uses_the_cli_schema(client, seed_comparison):
    response = client.get(f"/c/{seed_comparison.short_id}.json")
    data = json.loads(downloaded(response))
    assert response.status_code == 200
    assert {"left", "right", "pairs", "only_left", "only_right", "restatements", "version"} <= set(
        data
    )
    assert {"index", "text", "role", "paragraph"} <= set(data["left"]["sentences"][0])
    assert {"left", "right", "score", "kind", "terms", "diff"} <= set(data["pairs"][0])
    assert len(data["pairs"]) == 8
    assert data["framing"]["findings"]


def test_csv_export_has_one_row_per_group_or_one_sided_sentence(client, seed_comparison):
    response = client.get(f"/c/{seed_comparison.short_id}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(downloaded(response).decode())))
    assert len(rows) == 8 + 4 + 8
    kinds = {r["kind"] for r in rows}
    assert kinds == {"pair", "only-left", "only-right"}
    plan = next(r for r in rows if "12-point plan" in r["left_text"])
    assert plan["kind"] == "only-left" and plan["right_text"] == ""
    changed = [r["changes"] for r in rows if r["changes"]]
    assert any("conflict -> situation" in c for c in changed)
    assert any("added: " in c for c in changed) and any("removed: " in c for c in changed)
    assert not any(c.startswith(("'", "+", "-")) for c in changed)


def test_csv_text_is_each_report_s_own_text(client, seed_comparison):
    result = seed_comparison.result
    texts = {
        side: {s["index"]: s["text"] for s in result[side]["sentences"]}
        for side in ("left", "right")
    }
    response = client.get(f"/c/{seed_comparison.short_id}.csv")
    rows = list(csv.DictReader(io.StringIO(downloaded(response).decode())))
    for row in rows:
        for side in ("left", "right"):
            indexes = [int(i) for i in row[f"{side}_sentences"].split()]
            expected = " ".join(texts[side][i] for i in indexes)
            assert row[f"{side}_text"].removeprefix("'") == expected
    wang = next(r for r in rows if r["left_text"].startswith("Foreign Minister Wang Yi will"))
    assert "  " not in wang["left_text"] and "  " not in wang["right_text"]


def test_json_and_csv_both_download_as_files(client, seed_comparison):
    for ext, kind in (("json", "application/json"), ("csv", "text/csv")):
        response = client.get(f"/c/{seed_comparison.short_id}.{ext}")
        assert response["Content-Type"].startswith(kind)
        disposition = f'attachment; filename="newsdiff-{seed_comparison.short_id}.{ext}"'
        assert response["Content-Disposition"] == disposition


def test_json_and_csv_carry_the_same_salience(client, seed_comparison):
    findings = json.loads(downloaded(client.get(f"/c/{seed_comparison.short_id}.json")))["framing"][
        "findings"
    ]
    assert all(0 < f["salience"] <= 100 for f in findings)
    response = client.get(f"/c/{seed_comparison.short_id}.csv")
    rows = list(csv.DictReader(io.StringIO(downloaded(response).decode())))
    # the row of "the conflict in Ukraine" carries the most salient finding resting on it
    conflict = next(r for r in rows if "The conflict in Ukraine" in r["left_text"])
    on_it = [f for f in findings if int(conflict["left_sentences"]) in f["left_sentences"]]
    assert int(conflict["salience"]) == max(f["salience"] for f in on_it)
    assert "Word choice" in conflict["findings"]
    plan = next(r for r in rows if "12-point plan" in r["left_text"])
    assert plan["findings"] and int(plan["salience"]) > 0


def test_the_exports_are_streamed_and_hold_the_whole_result(client, seed_comparison):
    # sent in pieces (a 157k-sentence result is hundreds of MB), never built whole
    response = client.get(f"/c/{seed_comparison.short_id}.json")
    assert response.streaming
    assert json.loads(downloaded(response)) == seed_comparison.result
    assert client.get(f"/c/{seed_comparison.short_id}.csv").streaming


def test_the_cycle_collector_is_on_again_after_a_csv_download_whole_or_abandoned(
    client, seed_comparison
):
    import gc

    whole = client.get(f"/c/{seed_comparison.short_id}.csv")
    assert b"".join(whole.streaming_content) and gc.isenabled()
    abandoned = client.get(f"/c/{seed_comparison.short_id}.csv")
    next(iter(abandoned.streaming_content))
    abandoned.close()  # the reader cancelled the download
    assert gc.isenabled()
