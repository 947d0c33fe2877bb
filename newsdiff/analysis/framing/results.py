"""What framing returns: findings, per-report statistics and the ``Framing`` of
a comparison, the names of the sides, kinds and parts they use, and
``FRAMING_VERSION`` (bump it when findings change)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FRAMING_VERSION = "6"

Side = Literal["left", "right"]
FindingSide = Literal["left", "right", "both"]
FindingKind = Literal[
    "only_one_side", "word_choice", "naming", "weighted_term", "attribution", "hedging", "emphasis"
]
TermKind = Literal["name", "number", "date", "label", "phrase"]
Part = Literal["headline", "lede", "first third", "middle third", "last third"]

SIDES: tuple[Side, Side] = ("left", "right")
KINDS: tuple[FindingKind, ...] = (
    "only_one_side",
    "word_choice",
    "naming",
    "weighted_term",
    "attribution",
    "hedging",
    "emphasis",
)
PARTS: tuple[Part, ...] = ("headline", "lede", "first third", "middle third", "last third")


# --------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Finding:
    """One difference in framing, with its evidence.

    ``side`` is the report the finding is about ("both" when it compares the
    two). ``label`` is short ("only left", "word choice"); ``summary`` is one
    line of plain English saying why it was flagged. ``subkind`` refines
    ``kind`` (``passage``/``detail`` for one-sided content, the family for
    naming, ``source``/``verb``/``unattributed`` for attribution, and so on).
    ``left_value``/``right_value`` hold a number when the finding compares
    amounts (hedges per 100 words, position in the text from 0 to 1).
    ``salience`` says how much the finding matters, 0 to 100 (``salience.py``):
    the page leads with the most salient.
    """

    kind: FindingKind
    side: FindingSide
    label: str
    summary: str
    left_terms: tuple[str, ...] = ()
    right_terms: tuple[str, ...] = ()
    left_sentences: tuple[int, ...] = ()
    right_sentences: tuple[int, ...] = ()
    subkind: str = ""
    left_value: float | None = None
    right_value: float | None = None
    salience: int = 0


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """A name, number or key phrase that only one report uses."""

    text: str
    kind: TermKind
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    """One hedge or booster: the phrase as written and the sentence it is in."""

    sentence: int
    phrase: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Someone a report cites: ``source`` (as written, "" when the text does not
    say), the reporting ``verb`` as written, and the two as one ``phrase``."""

    sentence: int
    source: str
    verb: str
    phrase: str
    note: str = ""  # what the verb adds, from the lexicon ("accused": a charge)
    quoted: bool = False  # the sentence holds a direct quotation
    cited_by_both: bool = False  # the other report cites the same source


@dataclass(frozen=True, slots=True)
class NamedPhrase:
    text: str
    term: str  # the lexicon term it is built on ("conflict")
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class NamingRow:
    """How each report names one thing (a family of the weighted-term lexicon)."""

    family: str
    left: tuple[NamedPhrase, ...]
    right: tuple[NamedPhrase, ...]


@dataclass(frozen=True, slots=True)
class PartShare:
    """How many words of one part of a report are shared with the other report."""

    part: Part
    words: int
    shared_words: int
    only_words: int


@dataclass(frozen=True, slots=True)
class ReportStats:
    words: int
    sentences: int
    hedges: tuple[Marker, ...]
    boosters: tuple[Marker, ...]
    hedges_per_100_words: float
    boosters_per_100_words: float
    attributions: tuple[Attribution, ...]
    only_terms: tuple[KeyTerm, ...]
    only_share: float  # share of the words in sentences the other report lacks
    parts: tuple[PartShare, ...]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one aligned group sits in each report."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    left_part: Part
    right_part: Part
    left_position: float  # 0 = top of the body, 1 = bottom; headline and standfirst are 0
    right_position: float


@dataclass(frozen=True, slots=True)
class Framing:
    findings: tuple[Finding, ...]
    left: ReportStats
    right: ReportStats
    naming: tuple[NamingRow, ...] = ()
    placements: tuple[Placement, ...] = ()
    version: str = FRAMING_VERSION


def _sided(
    kind: FindingKind,
    side: Side,
    label: str,
    summary: str,
    terms: tuple[str, ...],
    sentences: tuple[int, ...],
    subkind: str = "",
    values: tuple[float | None, float | None] = (None, None),
) -> Finding:
    return Finding(
        kind=kind,
        side=side,
        label=label,
        summary=summary,
        left_terms=terms if side == "left" else (),
        right_terms=terms if side == "right" else (),
        left_sentences=sentences if side == "left" else (),
        right_sentences=sentences if side == "right" else (),
        subkind=subkind,
        left_value=values[0],
        right_value=values[1],
    )
