"""The whole pipeline on the raw seed files, through compare_texts, against the gold."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.analysis import compare_texts
from newsdiff.analysis.clean import CleaningError, normalise
from newsdiff.analysis.worddiff import diff_words

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "seeds" / "seed-alignment.gold.json").read_text("utf-8"))


def _index(sentences: list[dict], needle: str) -> int:
    needle = normalise(needle)
    hits = [s["index"] for s in sentences if needle in normalise(s["text"])]
    assert len(hits) == 1, f"{needle!r} names {len(hits)} sentences"
    return hits[0]


@pytest.fixture(scope="module")
def seed_result():
    left = (ROOT / "seeds" / GOLD["left"]).read_text("utf-8")
    right = (ROOT / "seeds" / GOLD["right"]).read_text("utf-8")
    return compare_texts(left, right)


def test_all_eight_gold_pairs_and_nothing_else(seed_result):
    left, right = seed_result["left"]["sentences"], seed_result["right"]["sentences"]
    expected = {(_index(left, p["left"]), _index(right, p["right"])) for p in GOLD["pairs"]}
    found = {(i, j) for pair in seed_result["pairs"] for i in pair["left"] for j in pair["right"]}
    assert found == expected
    assert len(seed_result["pairs"]) == 8


def test_one_sided_sentences_match_the_gold(seed_result):
    left, right = seed_result["left"]["sentences"], seed_result["right"]["sentences"]
    assert sorted(seed_result["only_left"]) == sorted(_index(left, s) for s in GOLD["only_left"])
    assert sorted(seed_result["only_right"]) == sorted(_index(right, s) for s in GOLD["only_right"])


def test_ap_standfirst_is_a_restatement_of_its_lede(seed_result):
    right = seed_result["right"]["sentences"]
    lede = GOLD["pairs"][1]
    standfirst = _index(right, lede["right_restatement"])
    assert right[standfirst]["role"] == "standfirst"
    restatements = [(r["side"], r["index"], r["restates"]) for r in seed_result["restatements"]]
    assert restatements == [("right", standfirst, _index(right, lede["right"]))]


def test_no_page_furniture_and_metadata_in_their_fields(seed_result):
    for side in ("left", "right"):
        text = " ".join(s["text"] for s in seed_result[side]["sentences"])
        for line in GOLD["page_furniture"][side]:
            assert normalise(line) not in normalise(text)
    assert seed_result["right"]["byline"] == "Via AP news wire"
    assert seed_result["right"]["dateline"] == "Monday 18 September 2023 06:31 BST"
    assert seed_result["right"]["published_at"] == "2023-09-18T06:31:00+01:00"


def test_word_diff_marks_exactly_the_changed_word(seed_result):
    left = seed_result["left"]["sentences"]
    i = _index(left, "The conflict in Ukraine was one of the key areas")
    pair = next(p for p in seed_result["pairs"] if i in p["left"])
    changed = [
        (d["left"].strip(), d["right"].strip()) for d in pair["diff"] if d["op"] == "replace"
    ]
    assert ("conflict", "situation") in changed


def test_result_follows_the_documented_schema(seed_result):
    assert set(seed_result) >= {
        "left", "right", "pairs", "only_left", "only_right", "restatements", "version",
    }  # fmt: skip
    assert set(seed_result["left"]["sentences"][0]) == {"index", "text", "role", "paragraph"}
    pair = seed_result["pairs"][0]
    assert set(pair) == {"left", "right", "score", "kind", "terms", "evidence", "cosine", "diff"}
    assert pair["kind"] in {"identical", "reworded", "partly shared"}
    json.dumps(seed_result)  # JSON-ready


def test_the_summary_counts_each_kind_of_pair_as_the_pairs_name_it(seed_result):
    summary, kinds = seed_result["summary"], [p["kind"] for p in seed_result["pairs"]]
    assert summary["pair_kinds"] == {k: kinds.count(k) for k in summary["pair_kinds"]}
    assert set(summary["pair_kinds"]) == {"identical", "reworded", "partly shared"}
    assert sum(summary["pair_kinds"].values()) == summary["pairs"]
    assert summary["reworded_pairs"] == summary["pairs"] - summary["identical_pairs"]


def test_identical_texts_pair_every_sentence_and_find_no_framing():
    text = (ROOT / "seeds" / GOLD["right"]).read_text("utf-8")
    result = compare_texts(text, text)
    assert not result["only_left"] and not result["only_right"]
    assert all(p["kind"] == "identical" for p in result["pairs"])
    assert result["framing"]["findings"] == []


def test_unrelated_texts_pair_nothing():
    result = compare_texts(
        "Storm hits coast\n\nHeavy rain flooded three villages on the Cornish coast overnight.",
        "Chess champion retires\n\nThe grandmaster announced her retirement after forty years.",
    )
    assert result["pairs"] == []


def test_one_sentence_documents_work():
    result = compare_texts("Talks end in Malta.", "Talks end in Malta.")
    assert len(result["pairs"]) == 1


def test_text_in_another_script_gets_a_note_not_a_crash():
    result = compare_texts(
        "Переговоры в Москве\n\nМинистр иностранных дел Китая прибыл в Москву для переговоров.",
        "China's foreign minister heads to Moscow\n\nWang Yi arrived in Moscow for talks.",
    )
    assert any("does not look like English" in note for note in result["notes"])


def test_empty_input_is_a_clear_error():
    with pytest.raises(CleaningError, match="empty"):
        compare_texts("", "Something.")


def test_analysis_package_never_imports_django():
    code = "import sys, newsdiff.analysis; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_pair_diffs_are_the_word_diffs_of_the_joined_sentences(seed_result):
    texts = {
        side: {s["index"]: s["text"] for s in seed_result[side]["sentences"]}
        for side in ("left", "right")
    }
    for pair in seed_result["pairs"]:
        joined = {side: " ".join(texts[side][i] for i in pair[side]) for side in ("left", "right")}
        expected = diff_words(joined["left"], joined["right"])
        assert pair["diff"] == [{"op": s.op, "left": s.left, "right": s.right} for s in expected]


def test_reports_too_long_to_pair_by_meaning_are_paired_by_words_and_say_so(monkeypatch):
    from newsdiff.analysis import compare as compare_module

    monkeypatch.setattr(compare_module, "MAX_MEANING_PAIRS", 3)
    result = compare_texts(
        "Tara Reid has entered rehab, her representative said. It rained in Malibu.",
        "Tara Reid checked into a treatment center, her rep told People. Traffic was light.",
    )
    assert any("too long to pair by meaning (2 × 2 sentences)" in n for n in result["notes"])
    assert all(p["evidence"] == "words" for p in result["pairs"])
