"""Naming: how each report names the things of one family ("the conflict" /
"the invasion"), and the naming and weighted-term findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..tokens import normalize
from .attribution import _quoted
from .labels import _excepted, _is_name_word, _modifies_next, _names_the_thing
from .lexicon import _LOADED, _NOT_NAMES, _LexiconIndex
from .report import ReadReport
from .results import SIDES, Finding, NamedPhrase, NamingRow, Side
from .words import (
    _DETERMINERS,
    _NOT_MODIFIERS,
    _PREPOSITIONS_OF_PLACE,
    _other,
    _span_text,
    _verbish,
)

# --------------------------------------------------------------------------------------
# Naming: how each report names the things of one family


@dataclass
class _Naming:
    family: str
    term: str  # the lexicon term (its canonical spelling)
    kind: str
    note: str
    text: str
    sentence: int


def find_namings(report: ReadReport, lexicon: _LexiconIndex, evidence: set[str]) -> list[_Naming]:
    out: list[_Naming] = []
    for i in report.order:
        words = report.words[i]
        text = report.sentences[i].text
        bounds = (report.read[i].starts, report.read[i].ends)
        headline_case = report.title_case[i]
        quoted: list[bool] | None = None
        for start, end, row_index in lexicon.term_matches(
            report.read[i].word_norms, report.state.terms
        ):
            row = lexicon.term_rows[row_index]
            if _excepted(lexicon, row.family, words, start, end):
                continue
            if row.kind == "judgement":
                # any part of speech, but not in a quotation: there it is the source's word
                quoted = quoted or _quoted(words)
                if not quoted[start]:
                    phrase = _span_text(text, words, bounds, start, end)
                    out.append(_Naming(row.family, row.term, row.kind, row.note, phrase, i))
                continue
            if row.kind != "spelling" and not _names_the_thing(words, start, end):
                continue  # "were fighting", "the junta in 1974"
            if row.kind == "spelling":
                out.append(
                    _Naming(
                        row.family,
                        row.term,
                        row.kind,
                        row.note,
                        _span_text(text, words, bounds, start, end),
                        i,
                    )
                )
                continue
            # a plural names a group and modifies nothing: "Rioters threw", "rioters clash"
            plural = words[end - 1].norm != normalize(row.term.rsplit(" ", 1)[-1])
            if not plural and end < len(words) and _modifies_next(words, end):
                continue  # a modifier: "war crimes"
            s = start
            modifiers = 0
            while s > 0 and modifiers < 2:
                prev = words[s - 1]
                if prev.kind != "word" or prev.key is None:
                    break
                if (
                    prev.cap
                    and not _is_name_word(words, s - 1, evidence, headline_case)
                    and not prev.possessive
                ):
                    break
                if prev.norm in _NOT_MODIFIERS or (
                    not prev.norm.endswith("ing") and _verbish(words, s - 1)
                ):
                    break  # "urged Hamas fighters", "make sure militants", "seen conflict"
                s -= 1
                modifiers += 1
                if prev.possessive:
                    break
            has_det = s > 0 and words[s - 1].norm in _DETERMINERS
            if has_det:
                s -= 1
            e = end
            if (
                e + 1 < len(words)
                and words[e].norm in _PREPOSITIONS_OF_PLACE
                and (
                    _is_name_word(words, e + 1, evidence, headline_case)
                    or words[e + 1].norm == "the"
                )
            ):
                f = e + 1
                if words[f].norm == "the":
                    f += 1
                g = f
                while (
                    g < len(words)
                    and _is_name_word(words, g, evidence, headline_case)
                    and g - f < 3
                ):
                    g += 1
                if g > f:
                    e = g
            headline = report.sentences[i].role != "body"  # headlines drop their articles
            # a bare plural names a group too ("thousands of protesters")
            if not has_det and s == start and e == end and not headline and not plural:
                continue  # a bare "war" ("went to war") names nothing in particular
            phrase = _span_text(text, words, bounds, s, e)
            if has_det and phrase[:1].isupper() and words[s].norm in _DETERMINERS:
                phrase = phrase[0].lower() + phrase[1:]
            out.append(_Naming(row.family, row.term, row.kind, row.note, phrase, i))
    return out


# --- naming


def _naming_findings(
    namings: dict[Side, list[_Naming]],
) -> tuple[list[NamingRow], list[Finding], set[str]]:
    families = sorted(
        {n.family for side in SIDES for n in namings[side] if n.kind not in _NOT_NAMES}
    )
    rows: list[NamingRow] = []
    findings: list[Finding] = []
    named: set[str] = set()
    for family in families:
        per_side: dict[Side, list[NamedPhrase]] = {}
        terms: dict[Side, dict[str, _Naming]] = {}
        for side in SIDES:
            phrases: dict[str, list[int]] = {}
            shown: dict[str, str] = {}
            term_of: dict[str, str] = {}
            terms[side] = {}
            for n in namings[side]:
                if n.family != family:
                    continue
                key = n.text.lower()
                phrases.setdefault(key, [])
                if n.sentence not in phrases[key]:
                    phrases[key].append(n.sentence)
                shown.setdefault(key, n.text)
                term_of.setdefault(key, n.term)
                terms[side].setdefault(n.term, n)
            per_side[side] = [
                NamedPhrase(shown[k], term_of[k], tuple(v)) for k, v in phrases.items()
            ]
        if not per_side["left"] and not per_side["right"]:
            continue
        rows.append(NamingRow(family, tuple(per_side["left"]), tuple(per_side["right"])))
        if not per_side["left"] or not per_side["right"]:
            continue
        only_terms = {
            side: [t for t in terms[side] if t not in terms[_other(side)]] for side in SIDES
        }
        if not _naming_differs(only_terms, terms):
            continue
        named.add(family)
        parts = []
        for side in SIDES:
            if only_terms[side]:
                explained = ", ".join(
                    f"\u2018{t}\u2019 ({terms[side][t].note})"
                    if terms[side][t].note
                    else f"\u2018{t}\u2019"
                    for t in only_terms[side]
                )
                parts.append(f"only the {side} report says {explained}")
        summary = f"The reports name {family} differently: " + "; ".join(parts) + "."
        findings.append(
            Finding(
                kind="naming",
                side="both",
                label="naming",
                summary=summary,
                left_terms=tuple(p.text for p in per_side["left"]),
                right_terms=tuple(p.text for p in per_side["right"]),
                left_sentences=tuple(sorted({i for p in per_side["left"] for i in p.sentences})),
                right_sentences=tuple(sorted({i for p in per_side["right"] for i in p.sentences})),
                subkind=family,
            )
        )
    return rows, findings, named


def _naming_differs(
    only_terms: Mapping[Side, list[str]], terms: Mapping[Side, Mapping[str, _Naming]]
) -> bool:
    """The two reports name a family's thing differently: a loaded term only one
    uses ("aggression", "regime"), or each uses a term the other does not, one of
    them more than a plain neutral word ("conflict" / "invasion", but not
    "government" / "authorities"). A report that only adds a plain label to the
    other's names ("the war" and also "the fighting") names it no differently:
    on ECB+ those were 5 of the 6 naming findings judged wrong in seeds 11 and 12."""
    kinds = {side: [terms[side][t].kind for t in only_terms[side]] for side in SIDES}
    if any("loaded" in kinds[side] for side in SIDES):
        return True
    if not kinds["left"] or not kinds["right"]:
        return False
    return any(k != "neutral" for side in SIDES for k in kinds[side])


def _weighted_findings(
    namings: dict[Side, list[_Naming]], named_families: set[str], reports: dict[Side, ReadReport]
) -> list[Finding]:
    """Spellings and loaded labels one report uses and the other does not."""
    out = []
    for side in SIDES:
        other = _other(side)
        other_terms = {n.term.lower() for n in namings[other]}
        seen: dict[str, list[_Naming]] = defaultdict(list)
        for n in namings[side]:
            if n.kind not in ("spelling", *_LOADED) or n.family in named_families:
                continue
            if n.term.lower() in other_terms:
                continue
            seen[n.term].append(n)
        for term, found in seen.items():
            first = found[0]
            sentences = tuple(sorted({n.sentence for n in found}))
            what = "spelling" if first.kind == "spelling" else "term"
            other_used = [n.term for n in namings[other] if n.family == first.family]
            contrast = (
                f"; the {other} report writes \u2018{other_used[0]}\u2019" if other_used else ""
            )
            note = f": {first.note}" if first.note else ""
            out.append(
                Finding(
                    kind="weighted_term",
                    side=side,
                    label=f"{what}, {side}",
                    summary=(
                        f"The {side} report uses the {what} \u2018{term}\u2019{note}{contrast}."
                    ),
                    left_terms=(first.text,) if side == "left" else (),
                    right_terms=(first.text,) if side == "right" else (),
                    left_sentences=sentences if side == "left" else (),
                    right_sentences=sentences if side == "right" else (),
                    subkind="spelling" if first.kind == "spelling" else "loaded",
                )
            )
    return out
