"""Compare two reports end to end and return the stable, JSON-ready result.

``compare_texts(left_text, right_text)`` takes two raw texts as pasted (page
furniture included); ``compare_sentences`` takes already segmented documents
(the web app stores sentences, so it starts there). Both return the schema
documented in the README ("The comparison JSON"). Bump ``SCHEMA_VERSION`` when
the shape of the result changes; ``version`` in the result names the schema and
the alignment engine together so a stored result can be recomputed when either
changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np

from newsdiff.analysis import align, clean, encode, framing, segment, worddiff
from newsdiff.analysis.collector import collection_paused
from newsdiff.analysis.types import Alignment, CleanedText, DiffSpan, Sentence

SCHEMA_VERSION = "1"
SIDES = ("left", "right")
# The kinds of aligned pair, as each pair's "kind" names them (align.Kind).
PAIR_KINDS = ("reworded", "partly shared", "identical")


def engine_version() -> str:
    """The version stored with every comparison: schema, aligner (with the sentence
    encoder's identity) and framing."""
    return f"{SCHEMA_VERSION}.{align.ENGINE_VERSION}-{encode.MODEL_ID}.{framing.FRAMING_VERSION}"


# Pairing by meaning weighs every leftover sentence of one report against every one
# of the other (a matrix of cosines, then a model per candidate pair). Beyond this many
# pairs (2,000 x 2,000 sentences) it is left out: a 57k x 100k comparison would need
# a 23 GB matrix (it was killed for lack of memory) and hours of encoding and scoring.
MAX_MEANING_PAIRS = 4_000_000


def sentence_vectors(
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    left_meta: Mapping[str, Any],
    right_meta: Mapping[str, Any],
    stored: tuple[np.ndarray | None, np.ndarray | None] = (None, None),
) -> tuple[tuple[np.ndarray, np.ndarray] | None, list[str]]:
    """Both reports' sentence vectors and the notes to show about them.

    ``stored``: vectors already made for a side (saved with its sentences), used
    instead of encoding it again.

    The encoder is English-only: when either text is not English there are no
    vectors (the alignment is lexical, and the language note says so), so that
    subword likeness between unrelated languages never pairs anything. Raises
    ``encode.EncoderUnavailable`` when the model files are missing or altered:
    results never silently change to lexical-only.
    """
    languages = (left_meta.get("language") or "en", right_meta.get("language") or "en")
    if languages != ("en", "en"):
        return None, []
    if len(left) * len(right) > MAX_MEANING_PAIRS:
        return None, [
            f"These reports are too long to pair by meaning ({len(left):,} × {len(right):,} "
            "sentences): sentences were paired by the words they share only."
        ]
    encoder = encode.get_encoder()
    texts = ([s.text for s in left], [s.text for s in right])
    # What is not stored is encoded in one call for both sides: the encoder then
    # makes fuller batches and keeps both its threads busy (a sentence's vector does
    # not depend on the sentences beside it).
    missing = [k for k in (0, 1) if stored[k] is None]
    vectors = list(stored)
    cut = [encoder.truncated(texts[k]) if stored[k] is not None else () for k in (0, 1)]
    if missing:
        encoded = encoder.encode([t for k in missing for t in texts[k]])
        offset = 0
        for k in missing:
            n = len(texts[k])
            vectors[k] = encoded.vectors[offset : offset + n]
            cut[k] = tuple(i - offset for i in encoded.truncated if offset <= i < offset + n)
            offset += n
    notes = []
    for side, truncated in zip(("left", "right"), cut, strict=True):
        if truncated:
            n = len(truncated)
            notes.append(
                f"{n} sentence{'s' if n > 1 else ''} of the {side} text "
                f"{'are' if n > 1 else 'is'} longer than the sentence encoder reads "
                f"({encode.MAX_TOKENS} word pieces, about 90 words); only the beginning "
                "counts when pairing by meaning."
            )
    return (vectors[0], vectors[1]), notes


def _sentence_dict(s: Sentence) -> dict[str, Any]:
    return {"index": s.index, "text": s.text, "role": s.role, "paragraph": s.paragraph}


def _metadata(cleaned: CleanedText) -> dict[str, Any]:
    return {
        "headline": cleaned.headline,
        "standfirst": cleaned.standfirst,
        "byline": cleaned.byline,
        "wire_agency": cleaned.wire_agency,
        "dateline": cleaned.dateline,
        "published_at": cleaned.published_at.isoformat() if cleaned.published_at else None,
        "language": cleaned.language,
        "removed": [asdict(r) for r in cleaned.removed],
    }


def _coverage(sentences: Sequence[Sentence], covered: set[int]) -> float:
    """Share of a report's characters that sit in sentences the other report covers."""
    total = sum(len(s.text) for s in sentences)
    if not total:
        return 0.0
    return round(sum(len(s.text) for s in sentences if s.index in covered) / total, 4)


def count_pair_kinds(kinds: Iterable[str]) -> dict[str, int]:
    """How many pairs of each kind (PAIR_KINDS, every one listed, zeros included)."""
    counts = dict.fromkeys(PAIR_KINDS, 0)
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def summarise(
    left: Sequence[Sentence], right: Sequence[Sentence], alignment: Alignment
) -> dict[str, Any]:
    """The counts a journalist sees first."""
    covered = {"left": set(), "right": set()}
    for group in alignment.groups:
        covered["left"].update(group.left)
        covered["right"].update(group.right)
    for r in alignment.restatements:
        # a restatement is covered when the sentence it repeats is
        if r.restates in covered[r.side]:
            covered[r.side].add(r.index)
    return {
        "pairs": len(alignment.groups),
        "identical_pairs": sum(g.kind == "identical" for g in alignment.groups),
        # every pair that is not identical (reworded or partly shared), as it always
        # counted: "pair_kinds" tells them apart
        "reworded_pairs": sum(g.kind != "identical" for g in alignment.groups),
        "pair_kinds": count_pair_kinds(g.kind for g in alignment.groups),
        "only_left": len(alignment.only_left),
        "only_right": len(alignment.only_right),
        "left_covered": _coverage(left, covered["left"]),
        "right_covered": _coverage(right, covered["right"]),
    }


def group_diffs(
    left: Sequence[Sentence], right: Sequence[Sentence], alignment: Alignment
) -> list[list[DiffSpan]]:
    """The word diff of each aligned group: its sentences on each side joined
    with single spaces, diffed word by word."""
    by_index = {"left": {s.index: s.text for s in left}, "right": {s.index: s.text for s in right}}
    return [
        worddiff.diff_sentences(
            [by_index["left"][i] for i in group.left], [by_index["right"][i] for i in group.right]
        )
        for group in alignment.groups
    ]


@collection_paused()  # 5,700 x 10,000 sentences: 6.0-6.8 s with it, 3.4-4.5 s without
def compare_sentences(
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    left_meta: Mapping[str, Any] | None = None,
    right_meta: Mapping[str, Any] | None = None,
    lexicon: framing.Lexicon | None = None,
    stored_vectors: tuple[np.ndarray | None, np.ndarray | None] = (None, None),
) -> dict[str, Any]:
    """Align two segmented reports, diff every aligned group and label the framing.

    ``stored_vectors``: a side's sentence vectors when they were saved with its
    sentences (one row per sentence, in order); other sides are encoded here.
    """
    vectors, encoder_notes = sentence_vectors(
        left, right, left_meta or {}, right_meta or {}, stored_vectors
    )
    alignment = align.align_sentences(left, right, vectors)
    diffs = group_diffs(left, right, alignment)
    pairs = [
        {
            "left": list(group.left),
            "right": list(group.right),
            "score": round(group.score, 4),
            "kind": group.kind,
            "terms": list(group.terms),
            "evidence": group.evidence,
            "cosine": group.cosine,
            "diff": [asdict(span) for span in diff],
        }
        for group, diff in zip(alignment.groups, diffs, strict=True)
    ]
    result: dict[str, Any] = {
        "left": {**(left_meta or {}), "sentences": [_sentence_dict(s) for s in left]},
        "right": {**(right_meta or {}), "sentences": [_sentence_dict(s) for s in right]},
        "pairs": pairs,
        "only_left": list(alignment.only_left),
        "only_right": list(alignment.only_right),
        "restatements": [asdict(r) for r in alignment.restatements],
        "summary": summarise(left, right, alignment),
        "framing": framing.framing_to_dict(
            framing.analyse_framing(left, right, alignment, lexicon=lexicon, diffs=diffs)
        ),
        "notes": _notes(left_meta or {}, right_meta or {}, left, right) + encoder_notes,
        "version": engine_version(),
    }
    return result


def _notes(
    left_meta: Mapping[str, Any],
    right_meta: Mapping[str, Any],
    left: Sequence[Sentence],
    right: Sequence[Sentence],
) -> list[str]:
    notes = []
    for side, meta, sentences in (("left", left_meta, left), ("right", right_meta, right)):
        language = meta.get("language", "en")
        if language and language != "en":
            notes.append(
                f"The {side} text does not look like English (detected: {language}); "
                "alignment and framing are tuned for English news."
            )
        if not sentences:
            notes.append(f"The {side} text has no sentences to compare.")
    return notes


def document_from_cleaned(cleaned: CleanedText) -> tuple[list[Sentence], dict[str, Any]]:
    sentences = segment.segment_document(cleaned.headline, cleaned.standfirst, cleaned.body)
    return sentences, _metadata(cleaned)


def compare_texts(left_text: str, right_text: str) -> dict[str, Any]:
    """Clean, segment, align and label two raw texts (as pasted, furniture included).

    Raises ``clean.CleaningError`` with a readable message for empty or
    unreadable input.
    """
    left, left_meta = document_from_cleaned(clean.clean_text(left_text))
    right, right_meta = document_from_cleaned(clean.clean_text(right_text))
    return compare_sentences(left, right, left_meta, right_meta)
