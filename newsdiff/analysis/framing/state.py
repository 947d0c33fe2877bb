"""What one comparison works out about its sentences and remembers while it
runs (``ComparisonState``): made by ``analyse_framing`` (or coverage's framing
across outlets) with the reports, shared by them, and dropped with them, so
nothing about a comparison's texts outlives it and a long-running worker's
memory does not grow with the comparisons it makes.

What stays at module level, and why (all bounded, none keyed by a sentence):

- ``words._token_word``, ``words._PLAIN_WORDS``, ``words._numberish``,
  ``words._content_key``, ``words._bare_norm`` and ``lexicon._verb_key``: pure
  functions of one token or word, each holding at most 65,536 entries.
- ``words.read_sentence``: a sentence's reading, a pure function of its text,
  holding at most 8,192 sentences (a comparison reads each sentence once and
  keeps the readings on its reports; the cache serves the short phrases the
  lexicon, salience and attribution read, and ``attribution_cues``).
- ``lexicon._default_lexicon`` (the shipped lists, loaded once),
  ``choice._valences`` (VADER's lexicon, loaded once) and the ``_LexiconIndex``
  built with each ``Lexicon``: they hold the lists only.
- ``__init__._field_names``: the fields of each result class.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import _MarkerSpan, _SentenceAttribution

_TermMatch = tuple[int, int, int]  # word start, word end, index into the term rows


@dataclass(slots=True, eq=False)
class ComparisonState:
    """A comparison's memos, by sentence text (or its word norms): what the
    kinds of finding ask of a sentence more than once, or of a sentence both
    reports share."""

    # content keys in order, None where punctuation breaks a run (words._key_runs)
    key_runs: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    # content keys of capitalised words inside the sentence (one_sided)
    mid_caps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # where the weighted terms stand, by the sentence's word norms (naming, key terms)
    terms: dict[tuple[str, ...], tuple[_TermMatch, ...]] = field(default_factory=dict)
    markers: dict[str, tuple[_MarkerSpan, ...]] = field(default_factory=dict)  # hedging
    attributions: dict[str, tuple[_SentenceAttribution, ...]] = field(default_factory=dict)
    # word norm -> may a reporting verb start there? (``verb_hits``: those that may)
    verb_norms: dict[str, bool] = field(default_factory=dict)
    verb_hits: set[str] = field(default_factory=set)
