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
from newsdiff.analysis.framing.lexicon import _read_list, _read_table

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
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(list_name: str, term: str, source: str, family="", kind="", note="") -> None:
        """One row per (list, term, family). A term in several files is one row that
        keeps what each adds: our reporting_verbs.tsv marks licensed verbs as core
        and gives them notes, as ``framing.Lexicon.from_files`` reads them."""
        if not term:
            return
        key = (list_name, term.lower(), family.lower())
        row = rows.get(key)
        if row is None:
            rows[key] = {
                "list": list_name,
                "term": term,
                "family": family,
                "kind": kind,
                "note": note,
                "source": source,
            }
            return
        row["kind"] = row["kind"] or kind
        row["note"] = row["note"] or note
        if source not in row["source"].split("; "):
            row["source"] = f"{row['source']}; {source}"

    for list_name, path, source in _LISTS:
        for term in _read_list(root / path):
            add(list_name, term, source)
    for row in _read_table(root / "newsdiff" / "reporting_verbs.tsv"):
        core = row.get("core", "").strip().lower() in ("yes", "true", "1")
        add(
            "reporting_verb",
            row.get("verb", ""),
            OURS,
            kind="core" if core else "",
            note=row.get("note", ""),
        )
    for row in _read_table(root / "newsdiff" / "weighted_terms.tsv"):
        add(
            "weighted_term",
            row.get("term", ""),
            OURS,
            family=row.get("family", ""),
            kind=row.get("kind", "") or "label",
            note=row.get("note", ""),
        )
    for row in _read_table(root / "newsdiff" / "naming_exceptions.tsv"):
        add(
            "naming_exception",
            row.get("phrase", ""),
            OURS,
            family=row.get("family", ""),
            note=row.get("note", ""),
        )
    return list(rows.values())


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


def plan_sync(
    existing: Iterable[Mapping[str, Any]],
    shipped: Iterable[Mapping[str, Any]],
    *,
    overwrite: bool = False,
) -> tuple[list[dict[str, Any]], dict[Any, dict[str, str]]]:
    """What to change so the table holds the shipped entries.

    ``existing`` are the table's rows (with ``pk``). Returns the entries to add
    and, per pk, the fields to update: a blank kind or note is filled from the
    shipped lists; a value staff have set is replaced only with ``overwrite``.
    """
    rows = {(r["list"], r["term"], r["family"]): r for r in existing}
    new: list[dict[str, Any]] = []
    updates: dict[Any, dict[str, str]] = {}
    for entry in shipped:
        row = rows.get((entry["list"], entry["term"], entry["family"]))
        if row is None:
            new.append(dict(entry))
            continue
        change = {
            name: entry[name]
            for name in ("kind", "note")
            if entry[name] and entry[name] != row[name] and (overwrite or not row[name])
        }
        if change:
            updates[row["pk"]] = change
    return new, updates
