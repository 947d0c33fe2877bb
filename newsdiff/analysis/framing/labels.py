"""Where a label of the weighted-term lexicon names the thing of its family in a
sentence ("the war", not "war crimes", "were fighting" or "the 2006 war"), and
which capitalised words are names."""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import _LexiconIndex
from .words import (
    _AUX,
    _CONJ,
    _DATE_WORDS,
    _DETERMINERS,
    _OPENERS,
    _PREPOSITIONS,
    _QUOTES,
    _verbish,
    _Word,
    _wordset,
)


def _is_name_word(words: Sequence[_Word], k: int, evidence: set[str], headline_case: bool) -> bool:
    w = words[k]
    if w.kind != "word" or not w.cap or w.key is None:
        return False
    sentence_start = k == 0 or (words[k - 1].kind == "punct" and words[k - 1].text in _OPENERS)
    if sentence_start or headline_case:
        return w.key in evidence
    return True


# Words before a label that make it name a past thing, not the one the reports are about
# ("the former junta", "previous conflicts in Lebanon").
_PAST_QUALIFIERS = _wordset("former previous past earlier onetime erstwhile ex")


# After these a gerund label is a noun of place or extent ("fighting in Gaza", "fighting
# between the army and rebels"); after other words it is a verb ("fighting for", "to fight").
_GERUND_NOUN_NEXT = _wordset("in between among around across near along on")


def _is_year(w: _Word) -> bool:
    """A year or a span of years: "1974", "1967-74", "2006-2008"."""
    first = w.norm.split("-")[0]
    return len(first) == 4 and first.isdigit() and first[:2] in ("18", "19", "20")


# A sentence that opens with a time in the past names a past instance of what it labels
_TIME_OPENERS = _wordset("in on during by since after before until from")


def _dated_opening(words: Sequence[_Word]) -> int:
    """Where a sentence's opening time phrase with a year ends ("In November
    1973," "In 1974"); a large number when it opens otherwise."""
    opening = words[:5]
    if not opening or opening[0].norm not in _TIME_OPENERS:
        return 1 << 30
    for k, w in enumerate(opening[1:], start=1):
        if _is_year(w):
            return k + 1
        if w.kind == "punct" or not (w.norm in _DATE_WORDS or w.kind == "number"):
            break
    return 1 << 30


def _names_the_thing(words: Sequence[_Word], start: int, end: int) -> bool:
    """A label of the weighted-term lexicon names the thing of its family here:
    not a gerund used as a verb ("were fighting", "fighting for"), a subheading
    ("Fighting in Blue Nile state") or a past instance ("the military junta in
    1974", "the former junta", "the 2006 war")."""
    before = words[max(0, start - 3) : start]
    if any(w.norm in _PAST_QUALIFIERS or _is_year(w) for w in before):
        return False
    if _dated_opening(words) < start:
        return False  # "In November 1973, students rebelled against the junta"
    after = words[end : end + 2]
    if after and (
        _is_year(after[0])
        or (after[0].norm in ("in", "of") and len(after) > 1 and _is_year(after[1]))
    ):
        return False
    last = words[end - 1]
    if not last.norm.endswith("ing") or end - start > 1:
        return True
    # a gerund ("fighting") is a noun after a determiner, a possessive or an adjective
    prev = words[start - 1] if start > 0 else None
    if prev is not None and (prev.norm in _DETERMINERS or prev.possessive):
        return True
    if (
        prev is not None
        and prev.kind == "word"
        and prev.key is not None
        and (not prev.cap or start == 1)
        and not prev.norm.endswith("s")
        and prev.norm not in _AUX
        and prev.norm not in _PREPOSITIONS
    ):
        return True  # "heavy fighting", "renewed fighting"
    nxt = words[end] if end < len(words) else None
    if nxt is None or nxt.norm not in _GERUND_NOUN_NEXT:
        return False
    if prev is not None and not (
        prev.kind == "punct" or prev.norm in _PREPOSITIONS or prev.norm in _CONJ
    ):
        return False  # "are fighting in", "rebels fighting in"
    # a subheading: a few words and no full stop ("Fighting in Blue Nile state")
    heading = sum(1 for w in words if w.kind != "punct") < 8 and words[-1].text not in (
        ".",
        "!",
        "?",
        *_QUOTES,
    )
    return not heading


def _modifies_next(words: Sequence[_Word], k: int) -> bool:
    """The term that ends before ``k`` modifies ``words[k]`` ("war crimes",
    "government spending") rather than heading its own phrase ("the regime
    shelled", "the war goes on")."""
    if k >= len(words):
        return False
    nxt = words[k]
    if not _is_lower_content(nxt) or _verbish(words, k) or nxt.norm in _IRREGULAR_PAST:
        return False
    return not (nxt.norm.endswith("s") and not nxt.norm.endswith("ss"))


# Past tenses that are no nouns: "the rioter threw", "the militant fled" (the term heads
# its phrase)
_IRREGULAR_PAST = _wordset(
    """
    threw went came took gave ran fled broke stole drove rode tore swore began sank rose fell
    stood spoke wrote chose froze shook grew knew drew flew ate hid bit sought struck fought
    """
)


def _is_lower_content(w: _Word) -> bool:
    return w.kind == "word" and w.key is not None and not w.cap


def _excepted(
    lexicon: _LexiconIndex, family: str, words: Sequence[_Word], start: int, end: int
) -> bool:
    index = lexicon.naming_exceptions.get(family)
    if index is None:
        return False
    lo = max(0, start - 4)
    norms = tuple(w.norm for w in words[lo : end + 4])
    return any(s + lo <= start and e + lo >= end for s, e, _ in index.matches(norms))
