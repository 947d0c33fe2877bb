"""Plain data passed between the analysis steps.

Everything here is a frozen dataclass so results can be cached, compared and
handed across threads without surprises. Nothing in this package imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Role = Literal["headline", "standfirst", "body"]
ROLES: tuple[Role, ...] = ("headline", "standfirst", "body")


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line taken out of the article body, kept so staff can see and restore it."""

    line: int  # 0-based line number in the decoded raw text
    text: str
    reason: str  # a short, human-readable explanation ("donation appeal", ...)


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The result of cleaning one article as received.

    ``raw`` is the decoded text exactly as received (only decoded, never
    normalised). Every other field is derived from it. ``body`` holds the
    article's paragraphs separated by one blank line, NFC-normalised, with page
    furniture and the metadata lines removed.
    """

    raw: str
    body: str
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    wire_agency: str = ""
    dateline: str = ""  # the date exactly as printed
    published_at: datetime | None = None  # aware datetime parsed from the dateline
    removed: tuple[RemovedLine, ...] = ()
    encoding: str = "utf-8"
    raw_html: str = ""  # the HTML as received, when the input was HTML
    language: str = "en"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence located in a block of text: ``text == block[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article.

    ``index`` is its position in the whole document (headline first, 0-based).
    ``paragraph`` is 0 for the headline and standfirst and counts the body's
    paragraphs from 1. ``start``/``end`` are character offsets into the text of
    the field the sentence comes from: the headline, the standfirst or the
    cleaned body.
    """

    index: int
    text: str
    role: Role = "body"
    paragraph: int = 1
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Sentences of the two reports that tell the same thing (1:1, 1:n or n:1)."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float  # 0..1, how much of the content words the two sides share
    kind: Literal["identical", "reworded", "partly shared"]
    terms: tuple[str, ...] = ()  # the shared content words and names that justify the pair
    # "words": paired on shared terms; "meaning": paired mainly on the sentence
    # vectors (meaning.py), which the reader should be able to judge
    evidence: Literal["words", "meaning"] = "words"
    cosine: float | None = None  # the sentence vectors' cosine, when they were given


@dataclass(frozen=True, slots=True)
class Restatement:
    """A sentence that repeats another sentence of the same report (a standfirst
    restating its lede). It belongs with the sentence it restates."""

    side: Literal["left", "right"]
    index: int  # the restating sentence
    restates: int  # the sentence it repeats, in the same report
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    groups: tuple[AlignedGroup, ...]
    only_left: tuple[int, ...]
    only_right: tuple[int, ...]
    restatements: tuple[Restatement, ...] = field(default_factory=tuple)

    def mirrored(self) -> Alignment:
        """The same alignment seen from the other side."""
        return Alignment(
            groups=tuple(
                AlignedGroup(g.right, g.left, g.score, g.kind, g.terms, g.evidence, g.cosine)
                for g in self.groups
            ),
            only_left=self.only_right,
            only_right=self.only_left,
            restatements=tuple(
                Restatement("right" if r.side == "left" else "left", r.index, r.restates, r.score)
                for r in self.restatements
            ),
        )


@dataclass(frozen=True, slots=True)
class DiffSpan:
    """One run of tokens in a word-level diff of an aligned group.

    ``op`` is ``equal``, ``replace``, ``insert`` (only on the right) or
    ``delete`` (only on the left). The texts keep the original spelling.
    """

    op: Literal["equal", "replace", "insert", "delete"]
    left: str
    right: str
