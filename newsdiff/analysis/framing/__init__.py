"""Label how two reports of one event frame it differently.

``analyse_framing(left, right, alignment)`` reads two segmented reports and their
sentence alignment and returns a ``Framing``: a short list of ``Finding``s a
journalist can check (what only one report says, word choices inside shared
sentences, how each names the same thing, whom each cites, how sure each
sounds, what each puts first) and per-report statistics.

Every finding names its evidence: the terms as written and the indexes of the
sentences they come from. Summaries call the reports "the left report" and "the
right report", verbatim, so the web layer can put the outlets' names in.

The analysis is symmetric: swapping the reports (and mirroring the alignment)
swaps "left" and "right" in every finding and nothing else. Word lists come from
a ``Lexicon`` (``newsdiff/lexicons/`` by default, or rows staff have edited).
Plain Python: nothing here imports Django.

The package, one module per kind of finding and the reading they share (the
split is under way; what is not yet in a module of its own is here: key terms,
the changes inside aligned groups, emphasis, and the analysis that runs them):

- ``results``: what framing returns (``Finding``, ``Framing``) and FRAMING_VERSION
- ``lexicon``: the word lists and their index; ``words``: a sentence's words as
  framing reads them; ``report``: one report, read once; ``labels``: where a
  lexicon label names the thing of its family
- ``attribution``, ``hedging``, ``naming``: each kind's detection and findings
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from itertools import chain
from typing import Any

from ..tokens import without_possessive
from ..types import AlignedGroup, Alignment, DiffSpan, Sentence
from ..worddiff import ordered_opcodes
from .attribution import (
    _LY_WORDS,
    _attribution_findings,
    _attributions,
    _is_adverb,
    _mark_shared_sources,
)
from .attribution import attribution_cues as attribution_cues
from .hedging import (
    _hedging_findings,
    _markers,
    _per_100,
)
from .labels import (
    _excepted,
    _is_lower_content,
    _is_name_word,
    _modifies_next,
    _names_the_thing,
)
from .lexicon import (
    _STEM_COLLISIONS,
    LEXICON_DIR,
    Lexicon,
    _LexiconIndex,
    _verb_key,
)
from .lexicon import NamingException as NamingException
from .lexicon import ReportingVerb as ReportingVerb
from .lexicon import WeightedTerm as WeightedTerm
from .naming import (
    _naming_findings,
    _namings,
    _weighted_findings,
)
from .report import (
    _has_keys,
    _read_report,
    _Report,
)
from .results import FRAMING_VERSION as FRAMING_VERSION
from .results import (
    KINDS,
    PARTS,
    SIDES,
    Attribution,
    Finding,
    FindingSide,
    Framing,
    KeyTerm,
    Marker,
    Part,
    PartShare,
    Placement,
    ReportStats,
    Side,
    TermKind,
)
from .results import NamedPhrase as NamedPhrase
from .results import NamingRow as NamingRow
from .words import (
    _BE,
    _CLAUSE_BREAKS,
    _CLOCK,
    _COMPLEMENTS,
    _DATE_WORDS,
    _DETERMINERS,
    _KIND,
    _MID_SENTENCE_CAPS,
    _NAME_STARTERS,
    _OPENERS,
    _PARTICIPLES,
    _PREPOSITIONS,
    _PREPOSITIONS_OF_PLACE,
    _QUOTES,
    _SUBORDINATORS,
    _TITLES,
    _bare_norm,
    _join_terms,
    _other,
    _quote,
    _related,
    _same_place,
    _SentenceWords,
    _span_text,
    _title_case,
    _verbish,
    _Word,
    _wordset,
)

# --------------------------------------------------------------------------------------
# Key terms: names, numbers, labels and phrases


@dataclass
class _Term:
    text: str
    kind: TermKind
    keys: tuple[str, ...]  # content keys, for presence in the other report
    sentence: int
    start: int  # word offsets in the sentence
    end: int
    name_keys: tuple[str, ...] = ()  # for names: the tokens that identify it
    name_norms: tuple[str, ...] = ()
    sentences: tuple[int, ...] = ()  # where it occurs (set for the terms one report alone has)
    family: str = ""  # for labels: the weighted-term family


def _evidenced_caps(reports: Sequence[_Report]) -> set[str]:
    """Words written with a capital somewhere other than at the start of a
    sentence: evidence that a sentence-initial capital is a name."""
    caps: set[str] = set()
    for report in reports:
        for i in report.order:
            if not report.title_case[i]:
                caps.update(_mid_sentence_caps(report.sentences[i].text, report.read[i]))
    return caps


def _mid_sentence_caps(text: str, read: _SentenceWords) -> tuple[str, ...]:
    """The content keys of a sentence's capitalised words that neither start it
    nor follow an opening quote or colon."""
    return _MID_SENTENCE_CAPS.of(text, _mid_caps, read.words)


def _mid_caps(words: Sequence[_Word]) -> tuple[str, ...]:
    return tuple(
        w.key
        for k, w in enumerate(words)
        if k
        and w.cap
        and w.key is not None
        and not (words[k - 1].kind == "punct" and words[k - 1].text in _OPENERS)
    )


def _extract_terms(
    report: _Report, other: _Report, lexicon: _LexiconIndex, evidence: set[str]
) -> list[_Term]:
    """The candidate key terms of a report, in reading order: from the headline
    and opening, and from every sentence with a word the other report lacks
    (a sentence made only of the other report's words has no term of its own)."""
    terms: list[_Term] = []
    for i in report.order:
        sentence = report.read[i]
        words = sentence.words
        if not report.is_top(i) and other.keys.issuperset(sentence.keys):
            continue
        headline_case = report.title_case[i]
        used = [False] * len(words)
        # labels from the weighted-term lexicon
        for start, end, row_index in lexicon.term_matches(report.read[i].word_norms):
            row = lexicon.term_rows[row_index]
            if row.kind == "judgement" or _excepted(lexicon, row.family, words, start, end):
                continue  # a judgement is no term of content ("bizarre", "blasted")
            if row.kind != "spelling" and not _names_the_thing(words, start, end):
                continue  # "were fighting", "the junta in 1974"
            if row.kind != "spelling" and end < len(words) and _modifies_next(words, end):
                continue  # "war crimes", "government spending": a modifier, not a name
            first = start
            if start > 0:
                prev = words[start - 1]
                unnamed_capital = prev.cap and not _is_name_word(
                    words, start - 1, evidence, headline_case
                )
                if (
                    prev.key is not None
                    and not prev.possessive
                    and prev.kind == "word"
                    and not unnamed_capital
                ):
                    first = start - 1  # "Russian aggression", "full-scale invasion"
            text = _span_text(
                report.sentences[i].text, words, (sentence.starts, sentence.ends), first, end
            )
            keys = tuple(w.key for w in words[start:end] if w.key)
            kind: TermKind = "name" if row.kind == "spelling" else "label"
            terms.append(_Term(text, kind, keys, i, first, end, family=row.family))
            for k in range(first, end):
                used[k] = True
        # numbers with what they count: "12-point plan", "six more countries"
        for k in sentence.numbers:
            w = words[k]
            if used[k]:
                continue
            if len(w.norm) == 4 and w.norm.isdigit() and w.norm[:2] in ("19", "20"):
                continue  # a year
            j = k
            while j + 1 < len(words) and j - k < 4:
                nxt = words[j + 1]
                if used[j + 1] or nxt.norm in _PREPOSITIONS or _verbish(words, j + 1):
                    break
                if (
                    nxt.cap
                    and not headline_case
                    and not (j + 2 < len(words) and _is_lower_content(words[j + 2]))
                ):
                    break  # "16-year-old Kimani Gray": the name is a term of its own
                if nxt.kind == "word" and (nxt.key is not None or nxt.norm in ("more", "other")):
                    j += 1
                    if nxt.possessive:
                        break
                else:
                    break
            for n in range(k, j + 1):
                used[n] = True
            counted = [x for x in words[k + 1 : j + 1] if x.key]
            dated = (k + 1 < len(words) and words[k + 1].norm in _DATE_WORDS) or (
                k > 0 and words[k - 1].norm in _DATE_WORDS
            )
            if dated or ":" in w.norm:
                continue  # dates and times belong to the dateline, not the story
            if not counted and "-" not in w.norm:
                continue  # a bare number says little without what it counts
            text = _span_text(
                report.sentences[i].text, words, (sentence.starts, sentence.ends), k, j + 1
            )
            keys = tuple(x.key for x in words[k : j + 1] if x.key)
            terms.append(_Term(text, "number", keys, i, k, j + 1))
        # names: runs of capitalised words
        k = 0
        for start in sentence.capitals:
            if start < k:
                continue
            k = start
            if not _is_name_word(words, k, evidence, headline_case):
                continue
            j = k
            while j + 1 < len(words) and not words[j].possessive:
                nxt = words[j + 1]
                if _is_name_word(words, j + 1, evidence, headline_case):
                    j += 1
                elif (
                    (nxt.norm == "of" or nxt.cap and nxt.key is None and nxt.kind == "word")
                    and j + 2 < len(words)
                    and _is_name_word(words, j + 2, evidence, headline_case)
                    and words[j + 2].norm not in _DATE_WORDS
                ):
                    j += 2  # "Bank of America", "Research In Motion"
                else:
                    break
            run = words[k : j + 1]
            # leading titles go when a full name follows ("Foreign Minister Wang Yi")
            lead = 0
            while lead < len(run) - 2 and run[lead].norm in _TITLES:
                lead += 1
            core = run[lead:]
            if all(w.norm in _DATE_WORDS for w in core) or any(w.norm in _CLOCK for w in core):
                kind = "date"
            else:
                kind = "name"
            text = " ".join(w.bare if n == len(core) - 1 else w.text for n, w in enumerate(core))
            keys = tuple(w.key for w in core if w.key)
            ident = tuple(
                w.key
                for w in core
                if w.key
                and w.norm not in _TITLES
                and w.norm not in _NAME_STARTERS
                and w.norm != "of"
            )
            norms = tuple(
                _bare_norm(w.text)
                for w in core
                if w.key
                and w.norm not in _TITLES
                and w.norm not in _NAME_STARTERS
                and w.norm != "of"
            )
            if not any(used[k : j + 1]):
                terms.append(_Term(text, kind, keys, i, k + lead, j + 1, ident, norms))
            for n in range(k, j + 1):
                used[n] = True
            k = j + 1
        # key phrases: two to four content words in a row
        for start, end in _content_runs(words, used):
            text = _span_text(
                report.sentences[i].text, words, (sentence.starts, sentence.ends), start, end
            )
            keys = tuple(w.key for w in words[start:end] if w.key)
            terms.append(_Term(text, "phrase", keys, i, start, end))
    terms.sort(key=lambda t: (report.position_of[t.sentence], t.start))
    return terms


def _content_runs(words: Sequence[_Word], used: Sequence[bool]) -> list[tuple[int, int]]:
    """Runs of 2-4 content words that read as a noun phrase."""
    runs: list[tuple[int, int]] = []
    k = 0
    n = len(words)
    while k < n:
        if (
            words[k].key is None
            or used[k]
            or words[k].kind != "word"
            or words[k].norm in _PREPOSITIONS
        ):
            k += 1
            continue
        j = k
        while j + 1 < n:
            nxt = words[j + 1]
            if nxt.key is None or used[j + 1] or nxt.kind != "word" or words[j].possessive:
                break
            if nxt.norm in _PREPOSITIONS or _verbish(words, j + 1):
                break
            if words[j].cap != nxt.cap and not (
                words[j].cap and not nxt.cap and _is_demonym(words[j])
            ):
                break
            j += 1
        start, end = k, j + 1
        # a possessive ends a run: "China's defense minister" -> "defense minister"
        for m in range(start, end - 1):
            if words[m].possessive:
                start = m + 1
        while start < end and (
            _verbish(words, start) or words[start].cap and not _is_demonym(words[start])
        ):
            start += 1
        if end - start >= 3 and words[end - 1].norm in _COMPLEMENTS:
            end -= 1  # "keeping nuclear power plants safe"
        if end - start > 4:
            start = end - 4
        if end - start >= 2 and not all(w.cap for w in words[start:end]):
            runs.append((start, end))
        k = j + 1
    return runs


def _is_demonym(w: _Word) -> bool:
    return w.cap and w.norm.endswith(("an", "ese", "ish", "ic", "i")) and not w.possessive


def _term_is_only_here(term: _Term, other: _Report) -> bool:
    if term.kind in ("name", "date"):
        if _has_keys(other, term.keys):
            return False
        ident = term.name_keys or term.keys
        norms = term.name_norms
        if not ident:
            return False
        if len(ident) > 1:
            ident = (ident[0], ident[-1])
            norms = (norms[0], norms[-1]) if norms else ()
        if any(key in other.cap_keys for key in ident):
            return False
        return not any(other.has_place(norm) for norm in norms)
    if _has_keys(other, term.keys):
        return False
    if term.kind == "number":
        return True
    # at least one word of the term must be missing from the other report altogether
    return any(not any(_related(k, o) for o in _near_keys(other, k)) for k in term.keys)


def _near_keys(report: _Report, key: str) -> Iterable[str]:
    if key in report.keys:
        return (key,)
    return report.keys_by_prefix.get(key[:4], ())


def _only_terms(report: _Report, other: _Report, terms: list[_Term]) -> list[_Term]:
    """The terms of ``report`` the other report lacks, one per distinct term,
    each with all the sentences it occurs in (``sentences``)."""
    seen: dict[tuple[str, ...], _Term] = {}
    sentences: dict[tuple[str, ...], list[int]] = defaultdict(list)
    # a short name ("Qin") belongs to the full name met in the same report ("Qin Gang")
    full_names: dict[str, tuple[str, ...]] = {}
    # where the other report has the words of each phrase, found in one pass
    other.index_keys({k for t in terms if 1 < len(t.keys) <= 4 for k in t.keys})
    for t in terms:
        if t.kind == "name" and len(t.name_keys) >= 2:
            for key in (t.name_keys[0], t.name_keys[-1]):
                full_names.setdefault(key, t.keys)
    for t in terms:
        ident = t.keys
        if t.kind == "name" and len(t.keys) == 1 and t.keys[0] in full_names:
            ident = full_names[t.keys[0]]
        if not _term_is_only_here(t, other):
            continue
        if ident not in seen or len(t.keys) > len(seen[ident].keys):
            seen[ident] = t  # the full name stands for its short forms
        if t.sentence not in sentences[ident]:
            sentences[ident].append(t.sentence)
    out = []
    for ident, t in seen.items():
        t.sentences = tuple(sentences[ident])
        out.append(t)
    out.sort(
        key=lambda t: (
            report.position_of[t.sentences[0]],
            t.start if t.sentence == t.sentences[0] else 0,
        )
    )
    return out


_KIND_RANK = {"name": 0, "number": 1, "label": 2, "phrase": 3, "date": 4}


def _rank_terms(
    terms: Sequence[_Term], position: Mapping[int, int], named: Iterable[str] = ()
) -> list[_Term]:
    """Names, numbers and labels first; phrases taken one per sentence in turn,
    so each sentence is represented; then the labels of the ``named`` families
    (a naming finding explains them) and dates. ``position``: the reading
    position of each sentence (``_Report.position_of``)."""
    named = set(named)
    late = [t for t in terms if t.kind == "label" and t.family in named]
    late_ids = {id(t) for t in late}
    fixed = [t for t in terms if t.kind in ("name", "number", "label") and id(t) not in late_ids]
    fixed.sort(key=lambda t: (_KIND_RANK[t.kind], position[t.sentence], t.start))
    phrases: dict[int, list[_Term]] = defaultdict(list)
    for t in terms:
        if t.kind == "phrase":
            phrases[t.sentence].append(t)
    rotated: list[_Term] = []
    queues = [phrases[i][::-1] for i in sorted(phrases, key=position.__getitem__)]
    while queues:
        for q in queues:
            rotated.append(q.pop())
        queues = [q for q in queues if q]
    dates = [t for t in terms if t.kind == "date"]
    return fixed + rotated + late + dates


# --------------------------------------------------------------------------------------
# Word-level changes inside aligned groups


@dataclass
class _Change:
    l0: int  # word range on each side (into the group's word lists)
    l1: int
    r0: int
    r1: int
    replace: bool

    def size(self) -> int:
        return max(self.l1 - self.l0, self.r1 - self.r0)


@dataclass
class _GroupText:
    text: dict[Side, str]
    words: dict[Side, list[_Word]]
    sentence_at: dict[Side, list[tuple[int, int]]]  # (offset, sentence index)
    markers: dict[Side, list[tuple[int, int, str, str]]]  # (start, end, kind, phrase) in words
    norms: dict[Side, list[str]]  # every token's normalised form, as the word diff sees it
    firsts: dict[Side, list[int]]  # the index (into norms) of each word's first token
    starts: dict[Side, list[int]]  # where each word starts in the joined text
    ends: dict[Side, list[int]]  # and where it ends

    def bounds(self, side: Side) -> tuple[list[int], list[int]]:
        return self.starts[side], self.ends[side]

    def sentence_of(self, side: Side, word_index: int) -> int:
        starts = self.starts[side]
        if not starts:
            return self.sentence_at[side][0][1]
        offset = starts[min(word_index, len(starts) - 1)]
        found = self.sentence_at[side][0][1]
        for start, index in self.sentence_at[side]:
            if start <= offset:
                found = index
        return found


def _group_text(group: AlignedGroup, left: _Report, right: _Report) -> _GroupText:
    """The sentences of each side of a group joined with spaces, as compare.py
    joins them for the word diff, with their words and tokens."""
    texts: dict[Side, str] = {}
    words: dict[Side, list[_Word]] = {}
    at: dict[Side, list[tuple[int, int]]] = {}
    markers: dict[Side, list[tuple[int, int, str, str]]] = {}
    norms: dict[Side, list[str]] = {}
    firsts: dict[Side, list[int]] = {}
    starts: dict[Side, list[int]] = {}
    ends: dict[Side, list[int]] = {}
    for side, report, indexes in (("left", left, group.left), ("right", right, group.right)):
        offset = 0
        parts = []
        side_words: list[_Word] = []
        side_norms: list[str] = []
        side_firsts: list[int] = []
        side_starts: list[int] = []
        side_ends: list[int] = []
        at[side] = []
        markers[side] = []
        for i in indexes:
            s = report.sentences.get(i)
            if s is None or i in report.metadata:
                continue
            at[side].append((offset, i))
            parts.append(s.text)
            read = report.readings[i]
            base = len(side_words)
            for a, b, kind, phrase in report.marker_spans.get(i, ()):
                markers[side].append((a + base, b + base, kind, phrase))
            side_words.extend(read.words)
            if offset:
                side_starts.extend(a + offset for a in read.starts)
                side_ends.extend(b + offset for b in read.ends)
                token_base = len(side_norms)
                side_firsts.extend(k + token_base for k in read.firsts)
            else:
                side_starts.extend(read.starts)
                side_ends.extend(read.ends)
                side_firsts.extend(read.firsts)
            side_norms.extend(read.norms)
            offset += len(s.text) + 1
        texts[side] = " ".join(parts)
        words[side] = side_words
        norms[side] = side_norms
        firsts[side] = side_firsts
        starts[side] = side_starts
        ends[side] = side_ends
        if not at[side]:
            at[side] = [(0, indexes[0] if indexes else 0)]
    return _GroupText(texts, words, at, markers, norms, firsts, starts, ends)


def _same_norms(group: AlignedGroup, left: _Report, right: _Report) -> bool:
    """Whether the two sides of a group have the same tokens, as ``_changes``
    compares them, checked before ``_group_text`` builds the words (most aligned
    groups of a long report are copied word for word)."""
    sides = []
    for report, indexes in ((left, group.left), (right, group.right)):
        readings, metadata = report.readings, report.metadata
        sides.append([readings[i].norms for i in indexes if i in readings and i not in metadata])
    left_norms, right_norms = sides
    if len(left_norms) == len(right_norms):
        return left_norms == right_norms or _flat(left_norms) == _flat(right_norms)
    return _flat(left_norms) == _flat(right_norms)


def _flat(parts: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    return parts[0] if len(parts) == 1 else tuple(n for part in parts for n in part)


def _changes(g: _GroupText, spans: Sequence[DiffSpan] | None = None) -> list[_Change]:
    """The changed runs of words: the word diff of the two sides, in the fixed
    order of ``worddiff.ordered_opcodes`` so that swapping the reports mirrors it
    exactly. ``spans``, the group's diff as compare.py shows it, is that diff
    when it covers the same texts (it does unless a dateline line was left out of
    the group); otherwise the diff is computed from the tokens."""
    left, right = g.norms["left"], g.norms["right"]
    if left == right:
        return []  # the same tokens: nothing changed
    if (
        spans is not None
        and "".join(s.left for s in spans) == g.text["left"]
        and "".join(s.right for s in spans) == g.text["right"]
    ):
        return _span_changes(g, spans)
    opcodes = ordered_opcodes(g.text["left"], left, g.text["right"], right)
    lf, rf = g.firsts["left"], g.firsts["right"]
    li = ri = 0
    out: list[_Change] = []
    for op, _, i2, _, j2 in opcodes:
        # the words of a run are those whose first token is in it
        l0, r0 = li, ri
        li, ri = bisect_left(lf, i2, l0), bisect_left(rf, j2, r0)
        if op != "equal" and (li > l0 or ri > r0):
            out.append(_Change(l0, li, r0, ri, replace=li > l0 and ri > r0))
    return out


def _span_changes(g: _GroupText, spans: Sequence[DiffSpan]) -> list[_Change]:
    """The changed runs of words of a diff given as text spans."""
    ls, rs = g.starts["left"], g.starts["right"]
    li = ri = 0
    lpos = rpos = 0
    out: list[_Change] = []
    for span in spans:
        lend = lpos + len(span.left)
        rend = rpos + len(span.right)
        l0 = li
        li = bisect_left(ls, lend, li)
        r0 = ri
        ri = bisect_left(rs, rend, ri)
        if span.op != "equal" and (li > l0 or ri > r0):
            out.append(_Change(l0, li, r0, ri, replace=li > l0 and ri > r0))
        lpos, rpos = lend, rend
    return out


def _norm_seq(words: Sequence[_Word]) -> list[str]:
    return [w.key or w.norm.removesuffix("'s") for w in words if w.kind != "punct"]


def _joined(words: Sequence[_Word]) -> str:
    """The words' letters and digits run together: "on board", "on-board" and
    "onboard" are one spelling."""
    return "".join(w.norm for w in words if w.kind != "punct").replace("-", "")


def _content(words: Sequence[_Word]) -> list[str]:
    return [w.key for w in words if w.key]


def _moved(g: _GroupText, c: _Change) -> bool:
    """An insertion or deletion whose content words all stand elsewhere in the
    other side (away from where they would be): reordering, not new content."""
    side: Side = "left" if c.l1 > c.l0 else "right"
    other: Side = _other(side)
    words = g.words[side][c.l0 : c.l1] if side == "left" else g.words[side][c.r0 : c.r1]
    keys = _content(words)
    if not keys:
        return True
    at = c.r0 if side == "left" else c.l0
    other_words = g.words[other]
    for key in keys:
        far = [
            n
            for n, w in enumerate(other_words)
            if w.key and _related(w.key, key) and abs(n - at) > 3
        ]
        if not far:
            return False
    return True


def _local_change(c: _Change) -> bool:
    return c.size() <= 4


def _merge_changes(g: _GroupText, changes: list[_Change]) -> list[_Change]:
    merged: list[_Change] = []
    for c in changes:
        if merged:
            p = merged[-1]
            gap_l = c.l0 - p.l1
            gap_r = c.r0 - p.r1
            gap = max(gap_l, gap_r)
            opposite = (not p.replace and not c.replace) and ((p.l1 > p.l0) != (c.l1 > c.l0))
            if (
                gap <= 2
                and (p.replace or c.replace)
                and not opposite
                and _local_change(p)
                and _local_change(c)
                and max(c.l1 - p.l0, c.r1 - p.r0) <= 8
            ):
                merged[-1] = _Change(p.l0, c.l1, p.r0, c.r1, True)
                continue
        merged.append(c)
    return merged


def _trim(words: Sequence[_Word], a: int, b: int) -> tuple[int, int]:
    while a < b and (
        words[a].kind == "punct" or words[a].norm in ("and", "or", "but", "mr", "mrs", "ms")
    ):
        a += 1
    while b > a and (
        words[b - 1].kind == "punct"
        or words[b - 1].norm in ("and", "or", "but", "to", "the", "a", "an", "of")
    ):
        b -= 1
    return a, b


# --------------------------------------------------------------------------------------
# The analysis


def analyse_framing(
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    alignment: Alignment,
    lexicon: Lexicon | None = None,
    diffs: Sequence[Sequence[DiffSpan]] | None = None,
) -> Framing:
    """Label how the two reports differ in framing (see the module docstring).

    ``diffs``, when given, is the word diff of each aligned group in the order
    of ``alignment.groups`` (``worddiff.diff_sentences`` of its sentences, as
    compare.py computes them); framing reuses it rather than diffing again.
    """
    if diffs is not None and len(diffs) != len(alignment.groups):
        raise ValueError("diffs must hold one word diff per aligned group")
    lex = (lexicon or Lexicon.default())._index
    reports = {
        "left": _read_report("left", left, alignment),
        "right": _read_report("right", right, alignment),
    }
    evidence = _evidenced_caps(list(reports.values()))
    for report in reports.values():
        report.evidence = evidence
    findings: list[Finding] = []

    # key terms only one report uses
    all_terms = {
        side: _extract_terms(reports[side], reports[_other(side)], lex, evidence) for side in SIDES
    }
    only: dict[Side, list[_Term]] = {}
    for side in SIDES:
        only[side] = _only_terms(reports[side], reports[_other(side)], all_terms[side])

    # naming and loaded terms
    namings = {side: _namings(reports[side], lex, evidence) for side in SIDES}
    naming_rows, naming_findings, named_families = _naming_findings(namings)
    findings += naming_findings
    findings += _weighted_findings(namings, named_families, reports)

    # one-sided passages
    for side in SIDES:
        findings += _passage_findings(reports[side], only[side], named_families)

    # emphasis: what each puts first
    placements = _placements(alignment, reports)
    top_findings, top_keys = _top_findings(reports, all_terms)
    findings += top_findings
    findings += _moved_block_findings(placements, reports)

    # changes inside aligned groups
    markers = {side: _markers(reports[side], lex) for side in SIDES}
    for n, group in enumerate(alignment.groups):
        findings += _group_findings(group, reports, lex, top_keys, diffs[n] if diffs else None)

    # attribution
    attributions = {side: _attributions(reports[side], lex) for side in SIDES}
    attributions = _mark_shared_sources(attributions)
    findings += _attribution_findings(attributions, reports, namings)

    # hedging
    findings += _hedging_findings(markers, reports)

    stats = {
        side: _stats(reports[side], only[side], markers[side], attributions[side]) for side in SIDES
    }
    findings = _dedupe(findings)
    findings.sort(key=_finding_order)
    return Framing(
        findings=tuple(findings),
        left=stats["left"],
        right=stats["right"],
        naming=tuple(naming_rows),
        placements=tuple(placements),
    )


def _finding_order(f: Finding) -> tuple[Any, ...]:
    """An order that does not depend on which report is left."""
    firsts = sorted(
        [
            min(f.left_sentences) if f.left_sentences else 10**6,
            min(f.right_sentences) if f.right_sentences else 10**6,
        ]
    )
    return (
        KINDS.index(f.kind),
        firsts,
        sorted(f.left_terms + f.right_terms),
        f.subkind,
        f.side == "both",
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.kind, f.side, f.summary)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# --- only in one report


def _passage_findings(
    report: _Report, terms: list[_Term], named: set[str] = frozenset()
) -> list[Finding]:
    side = report.side
    clusters = _clusters(report)
    cluster_of = {i: n for n, cluster in enumerate(clusters) for i in cluster}
    in_cluster: list[list[_Term]] = [[] for _ in clusters]
    for t in terms:
        for n in sorted({cluster_of[i] for i in t.sentences if i in cluster_of}):
            in_cluster[n].append(t)
    out = []
    for cluster, cluster_terms in zip(clusters, in_cluster, strict=True):
        ranked = _rank_terms(cluster_terms, report.position_of, named)
        shown = [t.text for t in ranked][:15]
        content_words = sum(1 for i in cluster for w in report.words[i] if w.key)
        if content_words == 0:
            continue
        where = report.where(cluster)
        what = "this sentence" if len(cluster) == 1 else f"these {len(cluster)} sentences"
        if shown:
            summary = (
                f"Only the {side} report has {what} ({where}), mentioning {_join_terms(shown, 3)}."
            )
        else:
            first = report.sentences[cluster[0]].text
            summary = f"Only the {side} report has {what} ({where}): \u2018{_quote(first)}\u2019."
        out.append(
            Finding(
                kind="only_one_side",
                side=side,
                label=f"only {side}",
                summary=summary,
                left_terms=tuple(shown) if side == "left" else (),
                right_terms=tuple(shown) if side == "right" else (),
                left_sentences=tuple(cluster) if side == "left" else (),
                right_sentences=tuple(cluster) if side == "right" else (),
                subkind="passage",
            )
        )
    return out


RARE_WORD_MAX_SENTENCES = 5


def _clusters(report: _Report) -> list[list[int]]:
    """Group one-sided sentences into passages: runs of consecutive one-sided
    sentences in one paragraph, joined when they share a paragraph or a
    content word few other sentences use."""
    only = [i for i in report.order if i in report.only]
    if not only:
        return []
    runs: list[list[int]] = []
    position = {i: n for n, i in enumerate(report.order)}
    # a report of one-sentence paragraphs says nothing with its paragraph breaks
    body = [i for i in report.order if report.sentences[i].role == "body"]
    paragraphs_matter = len(body) >= 1.3 * max(1, report.n_paragraphs)
    for i in only:
        if (
            runs
            and position[i] - position[runs[-1][-1]] == 1
            and (
                not paragraphs_matter
                or report.sentences[i].paragraph == report.sentences[runs[-1][-1]].paragraph
            )
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    # how many sentences use each content word: rare words tie sentences together
    df = Counter(chain.from_iterable(report.read[i].keys for i in report.order))
    # "few": a fifth of the sentences in a short report, never more than five (in a long
    # report a word of 400 sentences would tie every passage into one)
    rare_limit = max(3, min(RARE_WORD_MAX_SENTENCES, len(report.order) // 5))
    parent = list(range(len(runs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    keys_of = [
        {w.key for i in run for w in report.words[i] if w.key and df[w.key] <= rare_limit}
        for run in runs
    ]
    paragraphs = [{report.sentences[i].paragraph for i in run} for run in runs]
    by_key: dict[str, list[int]] = defaultdict(list)
    for n, keys in enumerate(keys_of):
        for key in keys:
            by_key[key].append(n)
    for members in by_key.values():
        for m in members[1:]:
            parent[find(m)] = find(members[0])
    for n in range(1, len(runs)):
        if paragraphs[n] & paragraphs[n - 1] and report.sentences[runs[n][0]].role == "body":
            parent[find(n)] = find(n - 1)
    grouped: dict[int, list[int]] = defaultdict(list)
    for n, run in enumerate(runs):
        grouped[find(n)].extend(run)
    return sorted(
        (sorted(v, key=position.__getitem__) for v in grouped.values()),
        key=lambda c: position[c[0]],
    )


# --- emphasis


def _placements(alignment: Alignment, reports: dict[Side, _Report]) -> list[Placement]:
    out = []
    for g in alignment.groups:
        lefts = [i for i in g.left if i in reports["left"].position_of]
        rights = [i for i in g.right if i in reports["right"].position_of]
        if not lefts or not rights:
            continue
        a, b = min(lefts), min(rights)
        out.append(
            Placement(
                tuple(g.left),
                tuple(g.right),
                reports["left"].part(a),
                reports["right"].part(b),
                round(reports["left"].position(a), 3),
                round(reports["right"].position(b), 3),
            )
        )
    return out


# A shared passage is "put higher" by one report when it sits at least a third of the text
# higher there (positions 0-1 in each body) and at least two sentences higher. Before, a move
# of 0.3 was enough, which in a 3-sentence body is a single sentence. The seed pair's Malta
# talks move from 0.18 to 0.53 (8 sentences lower) and stay a finding.
PLACEMENT_MIN_MOVE = 1 / 3
PLACEMENT_MIN_SENTENCES = 2
# A name in one report's opening (not its headline) counts as put first only when the other
# report mentions it no higher than this position of its body (or not at all). ECB+ has one
# sentence a paragraph, so "first mentions it in paragraph 2 of 54" was the next sentence:
# 3 of the 4 opening findings judged in seeds 5, 11 and 12 were wrong for it or for a
# dateline taking the opening. Headlines keep the old rule (the seed pair's Wang Yi).
OPENING_MIN_OTHER_POSITION = 1 / 3


def _moved_block_findings(
    placements: list[Placement], reports: dict[Side, _Report]
) -> list[Finding]:
    """Shared passages one report puts near the top and the other much lower."""
    body = [
        p
        for p in placements
        if all(reports["left"].sentences[i].role == "body" for i in p.left)
        and all(reports["right"].sentences[i].role == "body" for i in p.right)
    ]
    body.sort(key=lambda p: (min(p.left), min(p.right)))
    blocks: list[list[Placement]] = []
    for p in body:
        if blocks:
            last = blocks[-1][-1]
            if _next_in_order(reports["left"], max(last.left), min(p.left)) and _next_in_order(
                reports["right"], max(last.right), min(p.right)
            ):
                blocks[-1].append(p)
                continue
        blocks.append([p])
    out = []
    for block in blocks:
        first = block[0]
        lp, rp = first.left_position, first.right_position
        if (
            abs(lp - rp) < PLACEMENT_MIN_MOVE
            or min(lp, rp) >= 1 / 3
            or first.left_part == first.right_part
        ):
            continue
        higher: Side = "left" if lp < rp else "right"
        lower = _other(higher)
        ranks = {
            side: reports[side].body_rank.get(min(first.left if side == "left" else first.right))
            for side in SIDES
        }
        if (
            ranks["left"] is None
            or ranks["right"] is None
            or ranks[lower] - ranks[higher] < PLACEMENT_MIN_SENTENCES
        ):
            continue  # one sentence lower in a short report is no change of emphasis
        lefts = tuple(i for p in block for i in p.left)
        rights = tuple(i for p in block for i in p.right)
        where = {"left": reports["left"].where(lefts), "right": reports["right"].where(rights)}
        first_text = reports[higher].sentences[min(lefts if higher == "left" else rights)].text
        summary = (
            f"The {higher} report puts this higher: \u2018{_quote(first_text, 10)}\u2019 is in "
            f"{where[higher]} there, but in {where[lower]} of the {lower} report."
        )
        out.append(
            Finding(
                kind="emphasis",
                side=higher,
                label=f"higher {higher}",
                summary=summary,
                left_terms=(where["left"],),
                right_terms=(where["right"],),
                left_sentences=lefts,
                right_sentences=rights,
                subkind="placement",
                left_value=lp,
                right_value=rp,
            )
        )
    return out


def _next_in_order(report: _Report, a: int, b: int) -> bool:
    pos = report.position_of
    return a in pos and b in pos and pos[b] - pos[a] == 1


def _top_findings(
    reports: dict[Side, _Report], terms: dict[Side, list[_Term]]
) -> tuple[list[Finding], set[tuple[Side, tuple[str, ...]]]]:
    """Names and labels one report puts in its headline or lede that the other
    mentions only lower down, or not at all."""
    out = []
    covered: set[tuple[Side, tuple[str, ...]]] = set()
    for side in SIDES:
        report, other = reports[side], reports[_other(side)]
        other_top_keys = {
            w.key for i in other.order if other.is_top(i) for w in other.words[i] if w.key
        }
        other_top_norms = {
            _bare_norm(w.text)
            for i in other.order
            if other.is_top(i)
            for w in other.words[i]
            if w.cap
        }
        seen: set[tuple[str, ...]] = set()
        for t in terms[side]:
            if t.kind not in ("name", "label", "number") or not report.is_top(t.sentence):
                continue
            if t.kind == "number" and len(t.keys) < 2:
                continue
            ident = t.name_keys or t.keys
            if not ident or ident in seen:
                continue
            if any(k in other_top_keys for k in ident) or any(
                _same_place(n, o) for n in t.name_norms for o in other_top_norms
            ):
                continue
            seen.add(ident)
            later = [other.first_key_at[k] for k in ident if k in other.first_key_at]
            part = "headline" if report.sentences[t.sentence].role == "headline" else "opening"
            if later:
                at = min(later, key=other.position_of.__getitem__)
                if (
                    part == "opening"
                    and other.sentences[at].role == "body"
                    and other.position(at) < OPENING_MIN_OTHER_POSITION
                ):
                    continue  # the other report has it a sentence or two lower
                where = other.where([at])
                summary = (
                    f"The {side} report puts \u2018{t.text}\u2019 in its {part}; "
                    f"the {_other(side)} report first mentions it in {where}."
                )
                other_sentences: tuple[int, ...] = (at,)
            else:
                summary = (
                    f"The {side} report puts \u2018{t.text}\u2019 in its {part}; "
                    f"the {_other(side)} report never mentions it."
                )
                other_sentences = ()
            covered.add((side, ident))
            out.append(
                Finding(
                    kind="emphasis",
                    side=side,
                    label=f"in the {part}, {side}",
                    summary=summary,
                    left_terms=(t.text,) if side == "left" else (),
                    right_terms=(t.text,) if side == "right" else (),
                    left_sentences=(t.sentence,) if side == "left" else other_sentences,
                    right_sentences=(t.sentence,) if side == "right" else other_sentences,
                    subkind=part,
                )
            )
    return out, covered


# --- inside aligned groups


def _group_findings(
    group: AlignedGroup,
    reports: dict[Side, _Report],
    lex: _LexiconIndex,
    top_keys: set[tuple[Side, tuple[str, ...]]],
    spans: Sequence[DiffSpan] | None = None,
) -> list[Finding]:
    if not group.left or not group.right:
        return []
    if _same_norms(group, reports["left"], reports["right"]):
        return []  # the same tokens (or no words): nothing changed
    g = _group_text(group, reports["left"], reports["right"])
    if not g.words["left"] or not g.words["right"]:
        return []  # a dateline paired with a dateline (or with a sentence)
    raw = _changes(g, spans)
    if not raw:
        return []
    changes = []
    for c in raw:
        lw = g.words["left"][c.l0 : c.l1]
        rw = g.words["right"][c.r0 : c.r1]
        if _norm_seq(lw) == _norm_seq(rw) or _joined(lw) == _joined(rw):
            continue  # spelling, case or punctuation only ("on board" / "onboard")
        if not c.replace and _moved(g, c):
            continue
        changes.append(c)
    if not changes:
        return []
    changes = _merge_changes(g, changes)
    # word choices are only read in sentences that mostly agree word for word
    words_l = len(g.words["left"]) - list(map(_KIND, g.words["left"])).count("punct")
    words_r = len(g.words["right"]) - list(map(_KIND, g.words["right"])).count("punct")
    changed_l = sum(1 for c in raw for w in g.words["left"][c.l0 : c.l1] if w.kind != "punct")
    overlap = (words_l - changed_l) / max(1, min(words_l, words_r))
    close = overlap >= 0.5
    out = []
    in_top = any(reports["left"].is_top(i) for i in group.left) and any(
        reports["right"].is_top(i) for i in group.right
    )
    for c in changes:
        f = _describe_change(g, c, lex, reports, in_top, top_keys, close)
        if f is not None:
            out.append(f)
    return out


def _describe_change(
    g: _GroupText,
    c: _Change,
    lex: _LexiconIndex,
    reports: dict[Side, _Report],
    in_top: bool,
    top_keys: set[tuple[Side, tuple[str, ...]]],
    close: bool,
) -> Finding | None:
    lw_all, rw_all = g.words["left"], g.words["right"]
    l0, l1 = _trim(lw_all, c.l0, c.l1)
    r0, r1 = _trim(rw_all, c.r0, c.r1)
    lk, rk = _content(lw_all[l0:l1]), _content(rw_all[r0:r1])
    if not lk and not rk and not _certainty_change(lw_all[l0:l1], rw_all[r0:r1]):
        return None
    if sorted(lk) == sorted(rk) and lk:
        return None  # the same words in another order
    l_sent = (g.sentence_of("left", l0 if l1 > l0 else c.l0),)
    r_sent = (g.sentence_of("right", r0 if r1 > r0 else c.r0),)
    # hedges, boosters and reporting verbs changed inside a shared sentence (a hedge
    # in a reworded pair may be about another claim: only pairs that mostly agree)
    for word in ("hedge", "booster") if close else ():
        lm = [m for m in g.markers["left"] if m[2] == word and l0 <= m[0] < l1]
        rm = [m for m in g.markers["right"] if m[2] == word and r0 <= m[0] < r1]
        if bool(lm) != bool(rm):
            side: Side = "left" if lm else "right"
            phrase = (lm or rm)[0][3]
            return Finding(
                kind="hedging",
                side=side,
                label=f"{word}, {side}",
                summary=f"In a shared sentence, only the {side} report adds the {word} "
                f"\u2018{phrase}\u2019.",
                left_terms=(phrase,) if side == "left" else (),
                right_terms=(phrase,) if side == "right" else (),
                left_sentences=l_sent,
                right_sentences=r_sent,
                subkind=f"{word} in pair",
            )
    lverbs = _reporting_verbs(lw_all[l0:l1], lex)
    rverbs = _reporting_verbs(rw_all[r0:r1], lex)
    if lverbs and rverbs and set(lverbs) != set(rverbs) and c.size() <= 3:
        notes = [lex.verb_notes.get(v, "") for v in set(lverbs) ^ set(rverbs)]
        note = next((n for n in notes if n), "")
        if not note:
            return None  # "the attorney said" / "Goelman added": style, shown in the diff
        lp, rp = _phrase(g, "left", l0, l1), _phrase(g, "right", r0, r1)
        extra = f" ({note})" if note else ""
        return Finding(
            kind="attribution",
            side="both",
            label="reporting verb",
            summary=(
                f"The left report says \u2018{lp}\u2019 where the right report says "
                f"\u2018{rp}\u2019{extra}."
            ),
            left_terms=(lp,),
            right_terms=(rp,),
            left_sentences=l_sent,
            right_sentences=r_sent,
            subkind="verb",
        )
    if not lk and not rk:  # "will" / "may": how sure the sentence is
        if not close:
            return None
        lp, rp = _choice_phrases(g, l0, l1, r0, r1)
        return _word_choice(lp, rp, l_sent, r_sent)
    if not c.replace or not lk or not rk:
        # one side adds words: a modifier ("the Ukraine war" / "the war") or a detail
        side = "left" if lk else "right"
        a0, a1 = (l0, l1) if side == "left" else (r0, r1)
        # a replacement whose other side is only punctuation is an addition
        replaced = c.replace and (r1 > r0 if side == "left" else l1 > l0)
        if not close:
            return _reworded_detail(g, c, l0, l1, r0, r1, reports, l_sent, r_sent)
        words = lw_all if side == "left" else rw_all
        added = words[a0:a1]
        keys = _content(added)
        if all(
            w.kind == "number" or w.norm in _DATE_WORDS and len(w.norm) <= 4 for w in added if w.key
        ):
            return None  # a time or a bare number, the stuff of datelines
        if not c.replace and _is_modifier(words, a0, a1):
            if not _frames_modifier(words, a0, a1, lex):
                return None  # "the Ukraine war" / "the war": a detail the word diff shows
            lp, rp = _modifier_phrases(g, c, side)
            return _word_choice(lp, rp, l_sent, r_sent)
        if in_top and all(
            ((side, (k,)) in top_keys) or any(k in ident for s, ident in top_keys if s == side)
            for k in keys
        ):
            return None  # the emphasis finding already says it
        if replaced:
            lp = _phrase(g, "left", *_widen_detail(lw_all, c.l0, c.l1))
            rp = _phrase(g, "right", *_widen_detail(rw_all, c.r0, c.r1))
            mine, theirs = (lp, rp) if side == "left" else (rp, lp)
            summary = (
                f"In a shared sentence, the {side} report gives more detail: "
                f"\u2018{mine}\u2019 where the {_other(side)} report has \u2018{theirs}\u2019."
            )
            left_terms, right_terms = (lp,), (rp,)
        else:
            phrase = _phrase(g, side, a0, a1)
            where = " headline" if _role(reports, g, side, a0) == "headline" else " sentence"
            summary = f"In a shared{where}, only the {side} report adds \u2018{phrase}\u2019."
            left_terms = (phrase,) if side == "left" else ()
            right_terms = (phrase,) if side == "right" else ()
        return Finding(
            kind="only_one_side",
            side=side,
            label=f"only {side}, in a shared sentence",
            summary=summary,
            left_terms=left_terms,
            right_terms=right_terms,
            left_sentences=l_sent,
            right_sentences=r_sent,
            subkind="detail",
        )
    only_numbers = not any(k[:1].isalpha() for k in lk) or not any(k[:1].isalpha() for k in rk)
    # a time against another detail ("late yesterday" / "of pneumonia at the age of 85",
    # "early Thursday" / "peacefully") tells two facts, not two wordings of one
    timed = _is_time(lw_all[l0:l1]) or _is_time(rw_all[r0:r1])
    quoting = any(w.text in _QUOTES for w in lw_all[l0:l1] + rw_all[r0:r1])
    # a wording chosen over another stays inside one clause ("the supermarket, leaving
    # it" / "the store which is" rewrites the sentence)
    clauses = any(w.text in _CLAUSE_BREAKS for w in lw_all[l0:l1] + rw_all[r0:r1]) or any(
        w.norm in _SUBORDINATORS for w in lw_all[l0 + 1 : l1] + rw_all[r0 + 1 : r1]
    )
    if (
        max(l1 - l0, r1 - r0) > 8
        or max(len(lk), len(rk)) > 4
        or not close
        or only_numbers
        or timed
        or quoting
        or clauses
        # "nabbed 26 pirates" / "a spokesperson said"; but "Sudan bombed" / "accuses Sudan
        # of air strike on" gives as a claim what the other states
        or (bool(lverbs) != bool(rverbs) and not set(lk) & set(rk))
    ):
        return _reworded_detail(g, c, l0, l1, r0, r1, reports, l_sent, r_sent)
    if not _is_choice(g, lk, rk, l0, l1, r0, r1):
        return _reworded_detail(g, c, l0, l1, r0, r1, reports, l_sent, r_sent)
    if not _frames(lw_all, l0, l1, rw_all, r0, r1, lex):
        return None  # "travelled" / "is heading", "Fla" / "Florida": shown in the word diff
    lp, rp = _choice_phrases(g, l0, l1, r0, r1)
    return _word_choice(lp, rp, l_sent, r_sent)


_TIME_WORDS = _DATE_WORDS | _wordset(
    """
    yesterday today tomorrow tonight morning afternoon evening night midnight noon dawn dusk
    early late earlier later around about p.m a.m o'clock
    """
)


def _is_time(words: Sequence[_Word]) -> bool:
    """Words that only say when: "late yesterday", "early Thursday", "around 6 p.m."."""
    content = [w for w in words if w.kind != "punct" and w.norm not in ("the", "on", "at", "in")]
    return bool(content) and all(
        w.norm in _TIME_WORDS or w.kind == "number" or w.norm.rstrip(".") in _TIME_WORDS
        for w in content
    )


def _reporting_verbs(words: Sequence[_Word], lex: _LexiconIndex) -> list[str]:
    """The keys of the reporting verbs among ``words``."""
    return [
        _verb_key(w.norm)
        for w in words
        if w.kind == "word"
        and w.norm not in _STEM_COLLISIONS
        and _verb_key(w.norm) in lex.verb_keys
    ]


def _subsequence(short: Sequence[str], long_: Sequence[str]) -> bool:
    """``short`` is ``long_`` with words left out (in the same order)."""
    rest = iter(long_)
    return all(any(_related(k, o) for o in rest) for k in short)


# Two different endings of a shared sentence ("stops Tony Thompson [to retain world heavyweight
# titles]" / "[in 6 with efficient execution]") add different details; they choose between two
# wordings only when short. Chosen on the ECB+ samples (seeds 11 and 12): every such ending of
# 3+ content words a side was two details, never a word choice; the seed pair has none.
CHOICE_MAX_ENDING_WORDS = 2


def _is_choice(
    g: _GroupText, lk: list[str], rk: list[str], l0: int, l1: int, r0: int, r1: int
) -> bool:
    """A replacement reads as one wording chosen over another, not as a rewritten
    sentence: neither side's words are just the other's plus more ("RB Pierre Thomas
    placed on" / "Pierre Thomas", in the same order; "the eastwards expansion of Nato" /
    "NATO expansion" is a choice), neither side's words stand elsewhere in the other
    sentence ("Breaking News: ... South Sudan" / "South Sudan: ..."), and the two
    are not different endings of the sentence."""
    if _subsequence(lk, rk) or _subsequence(rk, lk):
        return False
    if min(len(lk), len(rk)) * 2 < max(len(lk), len(rk)):
        return False  # "action" / "operations were carried out on the other three"
    for keys, other, o0, o1 in ((lk, "right", r0, r1), (rk, "left", l0, l1)):
        words = g.words[other]
        outside = [w.key for n, w in enumerate(words) if w.key and not o0 <= n < o1]
        if all(any(_related(k, o) for o in outside) for k in keys):
            return False
    ends = all(
        all(w.kind == "punct" for w in g.words[side][b:])
        for side, b in (("left", l1), ("right", r1))
    )
    return not (ends and min(len(lk), len(rk)) > CHOICE_MAX_ENDING_WORDS)


def _role(reports: dict[Side, _Report], g: _GroupText, side: Side, word_index: int) -> str:
    return reports[side].sentences[g.sentence_of(side, word_index)].role


def _phrase(g: _GroupText, side: Side, a: int, b: int) -> str:
    if b <= a:
        return ""
    words = g.words[side]
    return _span_text(g.text[side], words, g.bounds(side), a, b)


def _widen_detail(words: Sequence[_Word], a: int, b: int) -> tuple[int, int]:
    """A changed run with the next word when it ends in a function word ("from
    Monday to" -> "from Monday to Thursday", "until" -> "until Thursday")."""
    if b < len(words) and (b == a or words[b - 1].key is None) and words[b].kind != "punct":
        b += 1
    return a, b


def _is_modifier(words: Sequence[_Word], a: int, b: int) -> bool:
    """Words added inside a noun phrase: "the [Ukraine] war"."""
    if b - a > 3 or a == 0 or b >= len(words):
        return False
    prev, nxt = words[a - 1], words[b]
    return (
        (prev.norm in _DETERMINERS or prev.possessive)
        and nxt.kind == "word"
        and nxt.key is not None
    )


def _modifier_phrases(g: _GroupText, c: _Change, side: Side) -> tuple[str, str]:
    """Both sides of an added modifier with the words around it: "the Ukraine
    war" / "the war"."""
    lp = _phrase(g, "left", max(0, c.l0 - 1), min(len(g.words["left"]), c.l1 + 1))
    rp = _phrase(g, "right", max(0, c.r0 - 1), min(len(g.words["right"]), c.r1 + 1))
    return _lower_det(lp), _lower_det(rp)


def _lower_det(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    if first.lower() in _DETERMINERS and first[:1].isupper() and rest:
        return first.lower() + " " + rest
    return phrase


def _choice_phrases(g: _GroupText, l0: int, l1: int, r0: int, r1: int) -> tuple[str, str]:
    """The two wordings, widened the same way on both sides: a determiner just
    before ("the") and a place just after ("in Ukraine")."""
    lw, rw = g.words["left"], g.words["right"]

    def widen(words: Sequence[_Word], a: int, b: int) -> tuple[int, int]:
        if a > 0 and words[a - 1].norm in _DETERMINERS:
            a -= 1
        if (
            b + 1 < len(words)
            and words[b - 1].key is not None
            and words[b].norm in _PREPOSITIONS_OF_PLACE
            and words[b + 1].cap
        ):
            e = b + 1
            while e < len(words) and words[e].cap and e - b < 4:
                e += 1
            b = e
        return a, b

    la, lb = widen(lw, l0, l1)
    ra, rb = widen(rw, r0, r1)
    # widen both sides alike so the shared context matches
    extra_before = max(l0 - la, r0 - ra)
    la, ra = max(0, l0 - extra_before), max(0, r0 - extra_before)
    return _lower_det(_phrase(g, "left", la, lb)), _lower_det(_phrase(g, "right", ra, rb))


# --- which rewordings change how something is seen

# Two wordings whose valence differs by at least this much (VADER's mean ratings, -4 to 4,
# summed over the words one side has and the other lacks) judge differently: "must respect"
# / "needs to consider" (2.1), "the conflict" / "the situation" (1.3). One point is where
# VADER's raters move from "neutral" to "slightly" positive or negative; set before
# looking at any finding, not tuned.
VALENCE_MIN_DIFFERENCE = 1.0
# How sure a wording is (the future "will", "can" and "expected to" are no doubt: "acquires" /
# "will buy", "to close" / "is expected to close" say when, not how sure)
_CERTAINTY = _wordset(
    """
    must should ought may might likely unlikely probably possibly perhaps certainly clearly
    definitely surely allegedly reportedly apparently alleged suspected
    """
)
# Harm done to someone: a passive of these on one side only hides who did it ("was killed")
_HARM = _wordset(
    """
    killed shot injured wounded attacked beaten stabbed murdered bombed targeted hurt
    slain massacred executed tortured assaulted abducted kidnapped
    """
)
# Endings of adjectives that judge ("sensible", "disastrous", "brutal", "successful")
_ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "al", "ic", "able", "ible", "less", "ant", "ent")
_DIED = _wordset("die died dies dead perished drowned")
_KILLED = _wordset("kill killed kills murdered slain shot massacred executed")
_GET = _wordset("get gets got getting gotten")


# A word of VADER's lexicon and its mean valence (emoticons and the rest left out)
_VALENCE_LINE = re.compile(r"^([a-z][a-z'-]*)\t(-?[0-9.]+)\t", re.MULTILINE)


@cache
def _valences() -> dict[str, str]:
    """VADER's valence of each word (``lexicons/vader/``, MIT), as written: a
    language resource framing reads as shipped, like its stemmer, not a list
    staff edit. Numbers are read when looked up (the file has 7,500 lines)."""
    try:
        text = (LEXICON_DIR / "vader" / "vader_lexicon.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return dict(_VALENCE_LINE.findall(text))


def _valence(norm: str) -> float:
    """A word's valence, also through a plural or verb ending ("attacked", "riots")."""
    table = _valences()
    word = without_possessive(norm)
    found = table.get(word)
    if found is not None:
        return float(found)
    for ending, stem_forms in (("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e")), ("d", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            for tail in stem_forms:
                found = table.get(word[: -len(ending)] + tail)
                if found is not None:
                    return float(found)
    return 0.0


def _frames(
    lw: Sequence[_Word], l0: int, l1: int, rw: Sequence[_Word], r0: int, r1: int, lex: _LexiconIndex
) -> bool:
    """A replaced wording changes how something is seen: a weighted term or loaded
    word, a judging modifier (valence of an adjective or adverb: "a sensible" /
    "a disastrous step"), a different certainty, or agency (an agentless passive
    on one side, "died" / "were killed"). Abbreviations, titles, spellings of a
    name, other names, tense and plain reporting-verb swaps change none of these;
    nor do event words whose valence is the event's ("struck" / "hit")."""
    left, right = lw[l0:l1], rw[r0:r1]
    if _weighted_rows(left, lex) ^ _weighted_rows(right, lex):
        return True
    lnorms = {w.norm for w in left if w.kind == "word"}
    rnorms = {w.norm for w in right if w.kind == "word"}
    lval = sum(_valence(lw[k].norm) for k in _judging(lw, l0, l1) if lw[k].norm not in rnorms)
    rval = sum(_valence(rw[k].norm) for k in _judging(rw, r0, r1) if rw[k].norm not in lnorms)
    if abs(lval - rval) >= VALENCE_MIN_DIFFERENCE:
        return True
    lkeys = [w for w in left if w.key is not None and not w.cap and not w.number]
    rkeys = [w for w in right if w.key is not None and not w.cap and not w.number]
    if len(lkeys) == len(rkeys) == 1:  # one word for another: "the incident" / "the attack"
        swing = abs(_valence(lkeys[0].norm) - _valence(rkeys[0].norm))
        if swing >= VALENCE_MIN_DIFFERENCE:
            return True
    if _certainty_change(left, right):
        return True
    if bool(lnorms & _DIED) != bool(rnorms & _DIED) and bool(lnorms & _KILLED) != bool(
        rnorms & _KILLED
    ):
        return True
    return _passive(lw, max(0, l0 - 1), l1) != _passive(rw, max(0, r0 - 1), r1)


def _judging(words: Sequence[_Word], a: int, b: int) -> list[int]:
    """Where in words[a:b] a word stands as a judging modifier: an adverb in
    "-ly" ("hugely"), an adjective between a determiner and a noun ("a sensible
    step") or after a form of "be" ("was brutal"). Names are never judgements."""
    out = []
    for k in range(a, b):
        w = words[k]
        if w.kind != "word" or w.cap or w.key is None or w.number:
            continue
        prev = words[k - 1] if k > 0 else None
        nxt = words[k + 1] if k + 1 < len(words) else None
        adverb = w.norm.endswith("ly") and w.norm not in _LY_WORDS
        attributive = (
            prev is not None
            and (prev.norm in _DETERMINERS or prev.possessive or prev.norm.endswith("ly"))
            and nxt is not None
            and nxt.key is not None
            and w.norm.endswith(_ADJECTIVE_ENDINGS)  # "a sensible step", not "the fire chief"
        )
        participle = w.norm.endswith(("ing", "ed")) or w.norm in _PARTICIPLES
        predicative = prev is not None and prev.norm in _BE and not participle  # "was brutal"
        if adverb or attributive or predicative:
            out.append(k)
    return out


def _certainty_change(left: Sequence[_Word], right: Sequence[_Word]) -> bool:
    """One wording is surer than the other: "will" / "may", "must" / "could"."""
    lnorms = {_BACKSHIFT.get(w.norm, w.norm) for w in left if w.norm in _CERTAINTY}
    rnorms = {_BACKSHIFT.get(w.norm, w.norm) for w in right if w.norm in _CERTAINTY}
    return bool(lnorms or rnorms) and lnorms != rnorms


# A modal and its past form are one certainty: "said he may" / "said he might" is tense
_BACKSHIFT = {"might": "may"}


def _frames_modifier(words: Sequence[_Word], a: int, b: int, lex: _LexiconIndex) -> bool:
    """Words one side adds inside a noun phrase frame it when they judge ("the
    brutal attack"), hedge ("the alleged attack") or name who did it before a
    weighted term ("Russia's invasion", "Russian aggression"); "the Ukraine war"
    only says where."""
    added = words[a:b]
    if _weighted_rows(added, lex) or any(w.norm in _CERTAINTY for w in added):
        return True
    judged = _judging(words, a, b)
    if abs(sum(_valence(words[k].norm) for k in judged)) >= VALENCE_MIN_DIFFERENCE:
        return True
    head = words[b : b + 1]
    agent = any(w.possessive or _is_demonym(w) for w in added)
    return agent and bool(_weighted_rows(head, lex))


def _weighted_rows(words: Sequence[_Word], lex: _LexiconIndex) -> set[str]:
    """The weighted terms among ``words`` that say more than a neutral word."""
    norms = tuple(w.norm for w in words)
    rows = (lex.term_rows[i] for _, _, i in lex.terms.matches(norms))
    return {r.term.lower() for r in rows if r.kind != "neutral"}


def _passive(words: Sequence[_Word], a: int, b: int) -> bool:
    """A passive of harm with no agent in words[a:b]: "was killed", "were
    reportedly shot", "got hurt"."""
    for k in range(a, min(b, len(words))):
        if words[k].norm in _BE or words[k].norm in _GET:
            j = k + 1
            while j < len(words) and _is_adverb(words[j]):
                j += 1
            if (
                j < len(words)
                and not words[j].cap
                and words[j].norm in _HARM
                and all(x.norm != "by" for x in words[j + 1 : j + 4])  # no agent named
            ):
                return True
    return False


def _word_choice(lp: str, rp: str, l_sent: tuple[int, ...], r_sent: tuple[int, ...]) -> Finding:
    return Finding(
        kind="word_choice",
        side="both",
        label="word choice",
        summary=(
            f"In a shared sentence, the left report says \u2018{lp}\u2019 where the right "
            f"report says \u2018{rp}\u2019."
        ),
        left_terms=(lp,),
        right_terms=(rp,),
        left_sentences=l_sent,
        right_sentences=r_sent,
        subkind="phrase",
    )


def _reworded_detail(
    g: _GroupText,
    c: _Change,
    l0: int,
    l1: int,
    r0: int,
    r1: int,
    reports: dict[Side, _Report],
    l_sent: tuple[int, ...],
    r_sent: tuple[int, ...],
) -> Finding | None:
    """A rewording is no word choice; flag it only for names one side adds that
    the other report never uses."""
    found: dict[Side, list[str]] = {"left": [], "right": []}
    for side, a, b in (("left", l0, l1), ("right", r0, r1)):
        other = reports[_other(side)]
        words = g.words[side]
        evidence = reports[side].evidence
        headline_case = _title_case(words)
        run: list[_Word] = []
        for k in range(a, b + 1):
            if k < b and _is_name_word(words, k, evidence, headline_case):
                run.append(words[k])
                continue
            known = any(
                w.key in other.cap_keys or other.has_place(_bare_norm(w.text)) for w in run if w.key
            )
            if (
                run
                and not known
                and not all(w.norm in _DATE_WORDS or w.norm in _TITLES for w in run)
            ):
                found[side].append(" ".join(w.text for w in run[:-1]) + " " + run[-1].bare)
            run = []
        found[side] = [t.strip() for t in dict.fromkeys(found[side])]
    if not found["left"] and not found["right"]:
        return None
    side: FindingSide = (
        "both" if found["left"] and found["right"] else ("left" if found["left"] else "right")
    )
    parts = [f"the {s} report adds {_join_terms(found[s])}" for s in SIDES if found[s]]
    return Finding(
        kind="only_one_side",
        side=side,
        label="reworded",
        summary="In a reworded shared sentence, " + " and ".join(parts) + ".",
        left_terms=tuple(found["left"]),
        right_terms=tuple(found["right"]),
        left_sentences=l_sent,
        right_sentences=r_sent,
        subkind="detail",
    )


# --- statistics


def _stats(
    report: _Report,
    only_terms: list[_Term],
    markers: tuple[list[Marker], list[Marker]],
    attributions: list[Attribution],
) -> ReportStats:
    hedges, boosters = markers
    counts: dict[Part, list[int]] = {p: [0, 0, 0] for p in PARTS}
    only_words = 0
    for i in report.order:
        n = report.read[i].n_words
        part = report.part(i)
        counts[part][0] += n
        if i in report.only:
            counts[part][2] += n
            only_words += n
        else:
            counts[part][1] += n
    ranked = _rank_terms(only_terms, report.position_of)
    return ReportStats(
        words=report.n_words,
        sentences=len(report.order),
        hedges=tuple(hedges),
        boosters=tuple(boosters),
        hedges_per_100_words=_per_100(len(hedges), report.n_words),
        boosters_per_100_words=_per_100(len(boosters), report.n_words),
        attributions=tuple(attributions),
        only_terms=tuple(KeyTerm(t.text, t.kind, t.sentences) for t in ranked),
        only_share=round(only_words / report.n_words, 4) if report.n_words else 0.0,
        parts=tuple(PartShare(p, *counts[p]) for p in PARTS if counts[p][0]),
    )


# --------------------------------------------------------------------------------------
# JSON


def framing_to_dict(framing: Framing) -> dict[str, Any]:
    """The framing as plain JSON-ready data with stable keys."""
    return {
        "version": framing.version,
        "findings": [_plain(f) for f in framing.findings],
        "stats": {"left": _stats_dict(framing.left), "right": _stats_dict(framing.right)},
        "naming": [
            {
                "family": row.family,
                "left": [_plain(p) for p in row.left],
                "right": [_plain(p) for p in row.right],
            }
            for row in framing.naming
        ],
        "placements": [_plain(p) for p in framing.placements],
    }


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(item: Any) -> dict[str, Any]:
    """A dataclass of plain values and tuples of them as a dict, tuples as lists
    (``dataclasses.asdict`` without its deep copies: findings are made by the
    thousand for long reports)."""
    out = {}
    for name in _field_names(type(item)):
        value = getattr(item, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _stats_dict(stats: ReportStats) -> dict[str, Any]:
    return {
        "words": stats.words,
        "sentences": stats.sentences,
        "hedges": [_plain(m) for m in stats.hedges],
        "boosters": [_plain(m) for m in stats.boosters],
        "hedges_per_100_words": stats.hedges_per_100_words,
        "boosters_per_100_words": stats.boosters_per_100_words,
        "attributions": [_plain(a) for a in stats.attributions],
        "only_terms": [_plain(t) for t in stats.only_terms],
        "only_share": stats.only_share,
        "parts": [_plain(p) for p in stats.parts],
    }
