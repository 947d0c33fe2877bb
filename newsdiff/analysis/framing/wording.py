"""Wording: the changes inside each aligned group of sentences and what they
show: word choices that change how something is seen, details one report adds,
hedges and reporting verbs changed in a shared sentence."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import AlignedGroup, DiffSpan
from ..worddiff import ordered_opcodes
from .choice import _certainty_change, _frames, _frames_modifier
from .labels import _is_name_word
from .lexicon import _STEM_COLLISIONS, _LexiconIndex, _verb_key
from .report import ReadReport
from .results import SIDES, Finding, FindingSide, Side
from .words import (
    _CLAUSE_BREAKS,
    _DATE_WORDS,
    _DETERMINERS,
    _KIND,
    _PREPOSITIONS_OF_PLACE,
    _QUOTES,
    _SUBORDINATORS,
    _TITLES,
    _bare_norm,
    _join_terms,
    _other,
    _related,
    _span_text,
    _title_case,
    _Word,
    _wordset,
)

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


def _group_text(group: AlignedGroup, left: ReadReport, right: ReadReport) -> _GroupText:
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


def _same_norms(group: AlignedGroup, left: ReadReport, right: ReadReport) -> bool:
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


# --- inside aligned groups


def _group_findings(
    group: AlignedGroup,
    reports: dict[Side, ReadReport],
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
    reports: dict[Side, ReadReport],
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


def _role(reports: dict[Side, ReadReport], g: _GroupText, side: Side, word_index: int) -> str:
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
    reports: dict[Side, ReadReport],
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
