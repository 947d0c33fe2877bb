"""The shipped framing lexicons as rows for the LexiconEntry table, and back.

Plain Python (no ORM): the data migration and `manage.py load_lexicons` turn
these dicts into rows; `pipeline.current_lexicon` turns rows into a
`framing.Lexicon`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsdiff.analysis import framing

LEXICON_DIR = framing.LEXICON_DIR

RECASENS = (
    "Recasens et al. 2013 / Hyland 2005, via rpryzant/neutralizing-bias "
    "(MIT, (c) 2020 Reid Pryzant)"
)
GGT = "GenderGapTracker, sfu-discourse-lab (MIT, (c) 2018-2023 Maite Taboada)"
OURS = "newsdiff"

# (list name, file, source) for the one-entry-a-line files
_LISTS = [
    ("reporting_verb", "recasens-pryzant/report_verbs.txt", RECASENS),
    ("reporting_verb", "gendergaptracker/quote_verb_list.txt", GGT),
    ("hedge", "recasens-pryzant/hedges_hyland2005.txt", RECASENS),
    ("hedge", "newsdiff/hedges.txt", OURS),
    ("booster", "newsdiff/boosters.txt", OURS),
    ("reporting_verb_exception", "newsdiff/reporting_verbs_skip.txt", OURS),
    ("hedge_exception", "newsdiff/hedges_skip.txt", OURS),
]


def entries_from_files(folder: str | Path = LEXICON_DIR) -> list[dict[str, Any]]:
    """Every lexicon entry in ``folder`` as a dict (list, term, family, kind, note, source)."""
    root = Path(folder)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(list_name: str, term: str, source: str, family="", kind="", note="") -> None:
        key = (list_name, term.lower(), family.lower())
        if term and key not in seen:
            seen.add(key)
            rows.append(
                {
                    "list": list_name,
                    "term": term,
                    "family": family,
                    "kind": kind,
                    "note": note,
                    "source": source,
                }
            )

    for list_name, path, source in _LISTS:
        for term in framing._read_list(root / path):
            add(list_name, term, source)
    for row in framing._read_table(root / "newsdiff" / "reporting_verbs.tsv"):
        core = row.get("core", "").strip().lower() in ("yes", "true", "1")
        add(
            "reporting_verb",
            row.get("verb", ""),
            OURS,
            kind="core" if core else "",
            note=row.get("note", ""),
        )
    for row in framing._read_table(root / "newsdiff" / "weighted_terms.tsv"):
        add(
            "weighted_term",
            row.get("term", ""),
            OURS,
            family=row.get("family", ""),
            kind=row.get("kind", "") or "label",
            note=row.get("note", ""),
        )
    for row in framing._read_table(root / "newsdiff" / "naming_exceptions.tsv"):
        add(
            "naming_exception",
            row.get("phrase", ""),
            OURS,
            family=row.get("family", ""),
            note=row.get("note", ""),
        )
    return rows


def lexicon_from_entries(entries: Iterable[Mapping[str, Any]]) -> framing.Lexicon:
    """Build the framing lexicon from rows (dicts or objects with the same fields)."""
    lists: dict[str, list[Any]] = {}
    for entry in entries:
        get = entry.get if isinstance(entry, Mapping) else lambda k, e=entry: getattr(e, k)
        name, term = get("list"), get("term")
        if name == "reporting_verb":
            item: Any = framing.ReportingVerb(term, get("kind") == "core", get("note"))
        elif name == "weighted_term":
            item = framing.WeightedTerm(get("family"), term, get("kind") or "label", get("note"))
        elif name == "naming_exception":
            item = framing.NamingException(get("family"), term, get("note"))
        else:
            item = term
        lists.setdefault(name, []).append(item)
    return framing.Lexicon(
        reporting_verbs=lists.get("reporting_verb", []),
        hedges=lists.get("hedge", []),
        boosters=lists.get("booster", []),
        weighted_terms=lists.get("weighted_term", []),
        naming_exceptions=lists.get("naming_exception", []),
        reporting_verb_exceptions=lists.get("reporting_verb_exception", []),
        hedge_exceptions=lists.get("hedge_exception", []),
    )
