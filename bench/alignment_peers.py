"""The two peers the alignment benchmark runs beside newsdiff's aligner, each
turned into an ``Alignment`` of sentence indexes so one scorer serves all three.

difflib
    ``difflib.SequenceMatcher`` over the two lists of sentences, each sentence
    one item, compared after light normalisation (NFKC, case-folded, quotes and
    dashes unified, punctuation dropped, spaces collapsed). Matching blocks give
    1:1 pairs. A side-by-side diff shows a ``replace`` block of equally many
    sentences line against line, so reading those as pairs is the fairest
    reading of what a diff tool tells its user; that is the main peer
    ("difflib"). "difflib exact" counts only the matching blocks.

CollateX
    The Python port (``collatex`` on PyPI), as a user would run it: the two
    reports as two plain-text witnesses (sentences joined by a space), its own
    word/punctuation tokenizer, its edit-graph aligner, no near matching, no
    segmentation of the result. Every vertex of the variant graph that holds a
    token of both witnesses is an aligned token pair; each token is mapped back
    to the sentence its first character falls in. A left and a right sentence
    form a pair when they share at least ``MIN_SHARED`` (2) aligned content
    tokens (a token with a letter or digit that is not a stop-word of
    ``newsdiff.analysis.tokens.STOPWORDS``), or at least one when the shorter
    sentence has at most ``SHORT`` (3) content tokens (short headlines).
    Punctuation and function words never make a pair, which is kinder to
    CollateX than its raw alignment, where they anchor much of it.
"""

from __future__ import annotations

import re
import types
import unicodedata
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from newsdiff.analysis.tokens import STOPWORDS
from newsdiff.analysis.types import AlignedGroup, Alignment, Sentence

MIN_SHARED = 2
SHORT = 3

_PUNCT = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014`", "''\"\"--'")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


def _alignment(pairs: set[tuple[int, int]], n_left: int, n_right: int, score: dict) -> Alignment:
    groups = tuple(
        AlignedGroup((i,), (j,), score.get((i, j), 1.0), "reworded") for i, j in sorted(pairs)
    )
    paired_left = {i for i, _ in pairs}
    paired_right = {j for _, j in pairs}
    return Alignment(
        groups=groups,
        only_left=tuple(i for i in range(n_left) if i not in paired_left),
        only_right=tuple(j for j in range(n_right) if j not in paired_right),
    )


# --------------------------------------------------------------------------- difflib


def difflib_align(
    left: Sequence[Sentence], right: Sequence[Sentence], *, pair_replace: bool = True
) -> Alignment:
    a = [_normalise(s.text) for s in left]
    b = [_normalise(s.text) for s in right]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    pairs: set[tuple[int, int]] = set()
    score: dict[tuple[int, int], float] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and pair_replace and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                pairs.add((i, j))
                score[(i, j)] = 1.0 if tag == "equal" else 0.0
    return _alignment(pairs, len(left), len(right), score)


def difflib_exact(left: Sequence[Sentence], right: Sequence[Sentence]) -> Alignment:
    return difflib_align(left, right, pair_replace=False)


# --------------------------------------------------------------------------- CollateX


def _import_collatex() -> types.ModuleType:
    """Imported lazily: collatex is slow to import and only the bench needs it.
    It uses the ``Levenshtein`` package without declaring it; pyproject's dev
    extras install it."""
    import collatex

    return collatex


def _is_content(token: str) -> bool:
    norm = unicodedata.normalize("NFKC", token.strip()).translate(_QUOTES).casefold()
    return any(ch.isalnum() for ch in norm) and norm not in STOPWORDS


def _sentence_of_tokens(witness_tokens: list, sentences: Sequence[Sentence]) -> list[int]:
    """For each CollateX token of a witness, the sentence it starts in."""
    ends = []
    offset = 0
    for s in sentences:
        offset += len(s.text)
        ends.append(offset)
        offset += 1  # the joining space
    owner = []
    position = 0
    k = 0
    for token in witness_tokens:
        while k < len(ends) - 1 and position >= ends[k]:
            k += 1
        owner.append(k)
        position += len(token.token_data["t"])
    return owner


def collatex_align(
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    *,
    min_shared: int = MIN_SHARED,
    short: int = SHORT,
) -> Alignment:
    collatex = _import_collatex()
    collation = collatex.Collation()
    collation.add_plain_witness("L", " ".join(s.text for s in left))
    collation.add_plain_witness("R", " ".join(s.text for s in right))
    graph = collatex.collate(collation, output="graph", segmentation=False)

    owners: dict[int, int] = {}
    content: list[Counter[int]] = []
    for witness, sentences in zip(collation.witnesses, (left, right), strict=True):
        tokens = witness.tokens()
        counts: Counter[int] = Counter()
        for token, sentence in zip(tokens, _sentence_of_tokens(tokens, sentences), strict=True):
            owners[id(token)] = sentence
            if _is_content(token.token_data["t"]):
                counts[sentence] += 1
        content.append(counts)

    shared: Counter[tuple[int, int]] = Counter()
    for vertex in graph.vertices():
        if "L" in vertex.tokens and "R" in vertex.tokens:
            for lt in vertex.tokens["L"]:
                if not _is_content(lt.token_data["t"]):
                    continue
                for rt in vertex.tokens["R"]:
                    shared[(owners[id(lt)], owners[id(rt)])] += 1

    pairs: set[tuple[int, int]] = set()
    score: dict[tuple[int, int], float] = {}
    for (i, j), n in shared.items():
        shorter = min(content[0][i], content[1][j])
        if n >= min_shared or (n >= 1 and shorter <= short):
            pairs.add((i, j))
            score[(i, j)] = n / max(1, shorter)
    return _alignment(pairs, len(left), len(right), score)


def collatex_version() -> str:
    from importlib.metadata import version

    return version("collatex")
