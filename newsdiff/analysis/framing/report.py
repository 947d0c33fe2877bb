"""One report as framing reads it, once per comparison: its sentences'
readings, roles and parts, and the facts every kind of finding asks again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..clean import headline_case
from ..types import Alignment, Sentence
from .results import Part, Side
from .state import ComparisonState
from .words import (
    _has_run,
    _same_place,
    _SentenceWords,
    _Word,
    is_metadata_text,
    read_sentence,
)

# --------------------------------------------------------------------------------------
# One report, read once


@dataclass
class ReadReport:
    side: Side
    sentences: dict[int, Sentence]
    readings: dict[int, _SentenceWords]  # of every sentence
    read: dict[int, _SentenceWords]  # of the compared ones (``order``)
    words: dict[int, tuple[_Word, ...]]
    order: list[int]  # compared sentences in reading order (restatements left out)
    body_rank: dict[int, int]
    n_body: int
    first_paragraph: int
    n_paragraphs: int
    # the number of the last paragraph: "paragraph 34 of 35" uses the numbers the page
    # shows (datelines and restatements keep theirs), never "paragraph 34 of 33"
    last_paragraph: int
    only: set[int]
    state: ComparisonState  # the comparison's memos, shared by its reports
    metadata: set[int] = field(default_factory=set)  # dateline lines, not compared
    n_words: int = 0
    keys: set[str] = field(default_factory=set)
    # the sentences holding each content key, for the keys asked about so far
    _with_key: dict[str, list[int]] = field(default_factory=dict)
    _indexed: set[str] = field(default_factory=set)
    cap_keys: set[str] = field(default_factory=set)  # keys of capitalised words
    cap_norms: dict[str, set[str]] = field(default_factory=dict)  # by their first 4 letters
    evidence: set[str] = field(default_factory=set)  # words seen capitalised mid-sentence
    first_key_at: dict[str, int] = field(default_factory=dict)
    marker_spans: dict[int, list[tuple[int, int, str, str]]] = field(default_factory=dict)
    position_of: dict[int, int] = field(default_factory=dict)  # reading position of a sentence
    title_case: dict[int, bool] = field(default_factory=dict)
    keys_by_prefix: dict[str, set[str]] = field(default_factory=dict)

    def with_key(self, key: str) -> list[int]:
        """The compared sentences that hold a content key."""
        if key not in self._indexed:
            self.index_keys({key})
        return self._with_key.get(key, [])

    def index_keys(self, keys: set[str]) -> None:
        """Find the sentences of these keys in one pass (``with_key`` reads them)."""
        missing = keys - self._indexed
        if not missing:
            return
        self._indexed |= missing
        with_key, read = self._with_key, self.read
        for i in self.order:
            for key in missing.intersection(read[i].keys):
                with_key.setdefault(key, []).append(i)

    def part(self, index: int) -> Part:
        s = self.sentences[index]
        if s.role == "headline":
            return "headline"
        if s.role == "standfirst" or s.paragraph == self.first_paragraph:
            return "lede"
        pos = self.position(index)
        if pos < 1 / 3:
            return "first third"
        if pos < 2 / 3:
            return "middle third"
        return "last third"

    def position(self, index: int) -> float:
        if index not in self.body_rank or self.n_body <= 1:
            return 0.0
        return self.body_rank[index] / self.n_body

    def is_top(self, index: int) -> bool:
        return self.part(index) in ("headline", "lede")

    def has_place(self, norm: str) -> bool:
        return any(_same_place(norm, n) for n in self.cap_norms.get(norm[:4], ()))

    def where(self, indexes: Sequence[int]) -> str:
        """Where sentences sit, in words: "its headline", "paragraph 3 of 11"."""
        roles = {self.sentences[i].role for i in indexes}
        parts = [f"its {role}" for role in ("headline", "standfirst") if role in roles]
        paragraphs = sorted(
            {self.sentences[i].paragraph for i in indexes if self.sentences[i].role == "body"}
        )
        if len(paragraphs) > 1:
            parts.append(
                f"paragraphs {paragraphs[0]}\u2013{paragraphs[-1]} of {self.last_paragraph}"
            )
        elif paragraphs:
            parts.append(f"paragraph {paragraphs[0]} of {self.last_paragraph}")
        return " and ".join(parts)


def read_report(
    side: Side,
    sentences: Sequence[Sentence],
    alignment: Alignment,
    state: ComparisonState | None = None,
) -> ReadReport:
    """One report of a comparison, read; ``state``: the comparison's memos (the
    reports of one comparison share them; a new set when not given)."""
    restating = {r.index for r in alignment.restatements if r.side == side}
    by_index = {s.index: s for s in sentences}
    # every sentence read once, here: the analysis takes the readings from the report
    readings = {s.index: read_sentence(s.text) for s in sentences}
    # dateline and metadata lines are left out, as restatements are; a page's
    # "Updated: November 11, 2011 20:09 IST" may stand where its headline should
    metadata = {s.index for s in sentences if is_metadata_text(readings[s.index])}
    order = [
        s.index
        for s in sorted(sentences, key=lambda s: s.index)
        if s.index not in restating and s.index not in metadata
    ]
    body = [i for i in order if by_index[i].role == "body"]
    paragraphs = sorted({by_index[i].paragraph for i in body})
    only = set(alignment.only_left if side == "left" else alignment.only_right)
    read = {i: readings[i] for i in order}
    report = ReadReport(
        side=side,
        sentences=by_index,
        readings=readings,
        read=read,
        words={i: r.words for i, r in read.items()},
        order=order,
        body_rank={i: k for k, i in enumerate(body)},
        n_body=len(body),
        first_paragraph=paragraphs[0] if paragraphs else 1,
        n_paragraphs=len(paragraphs),
        last_paragraph=max((s.paragraph for s in sentences if s.role == "body"), default=0),
        only=only & set(order),
        state=state or ComparisonState(),
        metadata=metadata,
    )
    report.position_of = {i: n for n, i in enumerate(order)}
    keys, cap_keys = report.keys, report.cap_keys
    keys_by_prefix, first_key_at, cap_norms = (
        report.keys_by_prefix,
        report.first_key_at,
        report.cap_norms,
    )
    title_case = report.title_case
    n_words = 0
    for i in order:
        sentence = read[i]
        s = by_index[i]
        # headlines, lines in capitals, and body lines in title case without a full
        # stop (a headline the page kept in the body: "Lawman's Unwavering Compass Led
        # Him to White House Showdown"): their capitals say nothing about names
        title_case[i] = headline_case(s.role, s.text, sentence.words)
        n_words += sentence.n_words
        if not keys.issuperset(sentence.keys):
            for key in sentence.keys:
                if key not in keys:
                    keys.add(key)
                    keys_by_prefix.setdefault(key[:4], set()).add(key)
                    first_key_at[key] = i
        for key, norm in sentence.caps:
            cap_keys.add(key)
            cap_norms.setdefault(norm[:4], set()).add(norm)
    report.n_words = n_words
    return report


def _has_keys(report: ReadReport, keys: Sequence[str]) -> bool:
    """Whether the report has these content keys: one word anywhere, a phrase of
    2-4 words as a run in one sentence, a longer one word by word anywhere."""
    if not all(k in report.keys for k in keys):
        return False
    if len(keys) == 1 or len(keys) > 4:
        return True
    gram = tuple(keys)
    rarest = min((report.with_key(k) for k in keys), key=len)
    runs = report.state.key_runs
    return any(_has_run(report.sentences[i].text, report.read[i], gram, runs) for i in rarest)
