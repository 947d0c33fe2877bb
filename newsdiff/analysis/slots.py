"""Slots: the place a number or a name fills in a sentence.

Two reports often tell different facts in one template: "The Dow climbed 164
points, or 1.91 percent" / "The Dow tacked on 97 points, or 1.14 percent". The
words they share make them look alike; the figures in the same places say they
are not. A slot is named by the word that a number or a name stands next to:

- a number's slot is the content word right after it ("164 points" fills
  ``#point`` with 164; "31-24 win" fills ``#win`` with 24);
- a name's slot is the content word right before it ("Police Chief Scott
  Russell" / "Police Chief Bratton" fill ``<chief``); a name is a run of names
  and acronyms. The word after a name is not a slot: it is most often the verb
  of an attribution, and two reports readily credit one fact to different
  sources ("the Academy announced" / "producers Zadan and Meron announced").

Two sentences *conflict* on a slot when both fill it and share none of their
values: "164 points" / "97 points" do, "10 people" / "at least 10 people" and
"164 points" / "the index rose" do not. A conflict is evidence against a pair,
never a veto on its own: "killing 10" / "killing at least three" (one
earthquake, two early counts) tell the same event. The count is symmetric, so
swapping the two reports changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

Slots = dict[str, frozenset[str]]  # slot name -> the values that fill it
NO_SLOTS: Slots = {}


def sentence_slots(
    terms: Sequence[str | None], numbers: frozenset[str], names: frozenset[str]
) -> Slots:
    """The slots a sentence fills. ``terms``: its words' terms in reading order
    (``None`` for function words and punctuation); ``numbers`` and ``names``: the
    terms that are numbers and names in these reports."""
    found: dict[str, set[str]] = {}
    n = len(terms)
    k = 0
    while k < n:
        term = terms[k]
        if term is None:
            k += 1
            continue
        if term in numbers:
            after = terms[k + 1] if k + 1 < n else None
            if after is not None and after not in numbers and after not in names:
                found.setdefault("#" + after, set()).add(term)
            k += 1
            continue
        if term in names:
            end = k
            while end < n and terms[end] is not None and terms[end] in names:
                end += 1
            run = {t for t in terms[k:end] if t is not None}
            before = terms[k - 1] if k > 0 else None
            if before is not None and before not in numbers:
                found.setdefault("<" + before, set()).update(run)
            k = end
            continue
        k += 1
    return {slot: frozenset(values) for slot, values in found.items()}


def conflicts(a: Slots, b: Slots) -> int:
    """How many slots both sentences fill with no value in common."""
    if not a or not b:
        return 0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    count = 0
    for slot, values in small.items():
        other = large.get(slot)
        if other is not None and values.isdisjoint(other):
            count += 1
    return count
