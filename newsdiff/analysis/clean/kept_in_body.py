"""Datelines and headlines a page kept in its body.

Text that did not go through the cleaner's head of the page (the ECB+ corpus,
one sentence a paragraph; pages whose layout the cleaner could not read) keeps
lines such as "Posted: 12/09/2008 10:31 AM" or "Lawman's Unwavering Compass Led
Him to White House Showdown" among the body's sentences. Framing sets them
aside: a metadata line is not compared, and the capitals of a line in headline
case say nothing about names.

The tests read a sentence's words as the analysis reads them: each word has its
``text``, its ``kind`` ("word", "number" or "punct") and its ``norm`` (lower
case, as ``tokens.word_info`` gives it), as framing's words do.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol


class ReadWord(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def norm(self) -> str: ...


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


DATE_WORDS = _wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mon tue tues wed thu thur thurs fri sat
    sun jan feb mar apr jun jul aug sep sept oct nov dec am pm gmt bst utc cet cest est edt cst
    cdt pst pdt ist jst aest et pt
    """
)
# Words of dateline and metadata lines ("Posted: 12/09/2008 10:31 AM", "Published April 24th
# 2013-17:59", "UPDATED AT 12:48 PM"): page furniture, not the story's wording.
METADATA_WORDS = _wordset(
    """
    posted published updated last modified edited created filed date time at on by a m p
    breaking news update latest
    """
)
# A metadata line may keep this many other words (a place: "Bali, November 12, 2007")
METADATA_MAX_OTHER_WORDS = 2
SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "'", "\u2019")


def is_metadata_line(words: Sequence[ReadWord]) -> bool:
    """A dateline or metadata line ("Posted: 12/09/2008 10:31 AM", "December 20, 2005",
    "WEDNESDAY, APRIL 24TH, 2013 AT 10:40 AM"): a date or time and at most a place
    besides. ECB+ keeps these as body sentences; they say nothing about framing."""
    dated = False
    other = 0
    for w in words:
        if w.kind == "punct":
            continue
        norm = w.norm
        if norm in DATE_WORDS or norm[:1].isdigit() and _is_date_number(norm):
            dated = True
        elif norm not in METADATA_WORDS:
            other += 1
            if other > METADATA_MAX_OTHER_WORDS:
                return False
    return dated


def _is_date_number(norm: str) -> bool:
    """A number of a date or time: "12/09/2008", "10:31", "2013-17:59", "24th"."""
    digits = norm.replace(":", "").replace("-", "").replace("/", "").replace(",", "")
    return digits.isdigit() or norm[:-2].isdigit() and norm[-2:] in ("st", "nd", "rd", "th")


def headline_case(role: str, text: str, words: Sequence[ReadWord]) -> bool:
    """Whether a line's capitals say nothing about names: a headline or standfirst in
    title case, a body line in title case without a full stop (a headline the page
    kept in the body: "Lawman's Unwavering Compass Led Him to White House
    Showdown"), or a line in capitals."""
    return (
        (role != "body" or not text.rstrip().endswith(SENTENCE_ENDS)) and is_title_case(words)
    ) or is_shouted(text)


def is_title_case(words: Sequence[ReadWord]) -> bool:
    """Seven in ten of the words that start with a letter (four at least) are capitalised."""
    cased = [w for w in words if w.kind == "word" and w.text[:1].isalpha()]
    if len(cased) < 4:
        return False
    upper = sum(1 for w in cased if w.text[:1].isupper())
    return upper * 10 >= len(cased) * 7


@lru_cache(maxsize=8192)
def is_shouted(text: str) -> bool:
    """A line in capitals ("FALLOUT CONTINUES AFTER BRAZEN ESCAPE", a subheading
    in the body): its capitals say nothing about names."""
    return text.isupper() and len(text.split()) >= 3
