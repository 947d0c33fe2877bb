"""Only in one report: key terms (names, numbers, labels and phrases) one report
uses and the other lacks, and the passages only one report tells."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from .labels import _excepted, _is_lower_content, _is_name_word, _modifies_next, _names_the_thing
from .lexicon import _LexiconIndex
from .report import ReadReport, _has_keys
from .results import Finding, TermKind
from .words import (
    _CLOCK,
    _COMPLEMENTS,
    _DATE_WORDS,
    _NAME_STARTERS,
    _OPENERS,
    _PREPOSITIONS,
    _TITLES,
    _bare_norm,
    _is_demonym,
    _join_terms,
    _quote,
    _related,
    _span_text,
    _verbish,
    _Word,
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


def evidenced_caps(reports: Sequence[ReadReport]) -> set[str]:
    """Words written with a capital somewhere other than at the start of a
    sentence: evidence that a sentence-initial capital is a name."""
    caps: set[str] = set()
    for report in reports:
        for i in report.order:
            if not report.title_case[i]:
                caps.update(_mid_sentence_caps(report, i))
    return caps


def _mid_sentence_caps(report: ReadReport, i: int) -> tuple[str, ...]:
    """The content keys of a sentence's capitalised words that neither start it
    nor follow an opening quote or colon (remembered by the comparison)."""
    text = report.sentences[i].text
    memo = report.state.mid_caps
    found = memo.get(text)
    if found is None:
        found = memo[text] = _mid_caps(report.read[i].words)
    return found


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
    report: ReadReport, other: ReadReport, lexicon: _LexiconIndex, evidence: set[str]
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
        for start, end, row_index in lexicon.term_matches(
            report.read[i].word_norms, report.state.terms
        ):
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


def _term_is_only_here(term: _Term, other: ReadReport) -> bool:
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


def _near_keys(report: ReadReport, key: str) -> Iterable[str]:
    if key in report.keys:
        return (key,)
    return report.keys_by_prefix.get(key[:4], ())


def _only_terms(report: ReadReport, other: ReadReport, terms: list[_Term]) -> list[_Term]:
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
    position of each sentence (``ReadReport.position_of``)."""
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


# --- only in one report


def _passage_findings(
    report: ReadReport, terms: list[_Term], named: set[str] = frozenset()
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


def _clusters(report: ReadReport) -> list[list[int]]:
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
