"""Score a sentence splitter on the Golden Rules sets.

The sets (from pySBD and pragmatic_segmenter, both MIT) are JSONL files with a
``text`` and the expected ``sentences``. A rule counts as passed when the
splitter's sentences, stripped of surrounding whitespace and with empty ones
dropped, equal the expected list exactly. This reproduces the figures the
issue quotes for pySBD (47/48 and 48/52).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

GOLDEN_RULES_SETS = {
    "pysbd": "english_golden_rules_pysbd.jsonl",
    "pragmatic_segmenter": "english_golden_rules_pragmatic_segmenter.jsonl",
}

Splitter = Callable[[str], list[str]]


class GoldenRulesScore(TypedDict):
    passed: int
    total: int
    accuracy: float
    failed: list[dict]  # the failing rules, each with what the splitter returned


def load_golden_rules(folder: str | Path, name: str) -> list[dict]:
    """The rules of one set (``"pysbd"`` or ``"pragmatic_segmenter"``)."""
    path = Path(folder) / GOLDEN_RULES_SETS[name]
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_golden_rules(split: Splitter, rules: list[dict]) -> GoldenRulesScore:
    """How many rules ``split`` (text -> sentence strings) gets exactly right."""
    failed = []
    for rule in rules:
        got = [s.strip() for s in split(rule["text"]) if s.strip()]
        if got != rule["sentences"]:
            failed.append({**rule, "got": got})
    total = len(rules)
    passed = total - len(failed)
    return {
        "passed": passed,
        "total": total,
        "accuracy": passed / total if total else 0.0,
        "failed": failed,
    }
