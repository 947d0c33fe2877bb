"""Word-level differences inside one aligned group of sentences.

Both texts are split into words, numbers and punctuation by ``tokens.tokenize``
and compared on the normalised form of each token, so case, curly quotes and
"U.S."/"US" never show as changes. The spans keep the original spelling and the
whitespace between tokens: joining the ``left`` of every span gives back the left
text exactly, and likewise on the right.

A diff is not symmetric (``difflib`` breaks ties by position), so the two texts
are always diffed in one fixed order, the smaller text first, and the result is
read the other way round when needed: swapping the two reports mirrors every
diff exactly, and framing can read the same diff the page shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from .tokens import Token, tokenize
from .types import DiffSpan

Op = Literal["equal", "replace", "insert", "delete"]
Opcode = tuple[Op, int, int, int, int]  # op, left start, left end, right start, right end


def diff_words(left: str, right: str) -> list[DiffSpan]:
    """The word-level diff of ``left`` against ``right``.

    Whitespace between an unchanged and a changed token stays with the unchanged
    run, so a replaced word is marked alone: "the conflict in Ukraine" against
    "the situation in Ukraine" gives ``equal "the "``, ``replace "conflict" ->
    "situation"``, ``equal " in Ukraine"``.
    """
    return _diff(left, tokenize(left), right, tokenize(right))


def diff_sentences(left: Sequence[str], right: Sequence[str]) -> list[DiffSpan]:
    """``diff_words`` of the sentences of each side joined with single spaces,
    from the tokens of each sentence (cached by ``sentence_tokens``, which
    framing reads too)."""
    left_text, left_tokens = _joined(left)
    right_text, right_tokens = _joined(right)
    return _diff(left_text, left_tokens, right_text, right_tokens)


@lru_cache(maxsize=8192)
def sentence_tokens(text: str) -> tuple[Token, ...]:
    """``tokenize(text)``, cached: one sentence is diffed and read by framing."""
    return tuple(tokenize(text))


def _joined(sentences: Sequence[str]) -> tuple[str, list[Token]]:
    """The sentences joined with single spaces, and their tokens. A token never
    spans a space, so these are the tokens of the joined text, except that
    ``acronym`` is decided per sentence (the diff only reads ``norm``)."""
    if len(sentences) == 1:
        return sentences[0], list(sentence_tokens(sentences[0]))
    tokens: list[Token] = []
    offset = 0
    for sentence in sentences:
        if offset:
            tokens.extend(
                t._replace(start=t.start + offset, end=t.end + offset)
                for t in sentence_tokens(sentence)
            )
        else:
            tokens.extend(sentence_tokens(sentence))
        offset += len(sentence) + 1
    return " ".join(sentences), tokens


def _diff(
    left: str, left_tokens: Sequence[Token], right: str, right_tokens: Sequence[Token]
) -> list[DiffSpan]:
    opcodes = ordered_opcodes(
        left, [t.norm for t in left_tokens], right, [t.norm for t in right_tokens]
    )
    ops: list[Op] = [op for op, *_ in opcodes]
    left_texts = _side_texts(left, left_tokens, ops, [(i1, i2) for _, i1, i2, _, _ in opcodes])
    right_texts = _side_texts(right, right_tokens, ops, [(j1, j2) for _, _, _, j1, j2 in opcodes])
    spans = [DiffSpan(op, lt, rt) for op, lt, rt in zip(ops, left_texts, right_texts, strict=True)]
    if not left_tokens and not right_tokens:
        return _blank_diff(left, right)
    # a blank side (whitespace only) facing words still gives back its text
    if not left_tokens and left:
        spans.insert(0, DiffSpan("delete", left, ""))
    if not right_tokens and right:
        spans.append(DiffSpan("insert", "", right))
    return spans


def token_opcodes(left: Sequence[str], right: Sequence[str]) -> list[Opcode]:
    """How to turn one sequence of normalised tokens into the other: the
    ``difflib`` opcodes ``diff_words`` is built on (framing reads them directly
    from tokens it already has)."""
    return SequenceMatcher(None, left, right, autojunk=False).get_opcodes()


_MIRROR: dict[Op, Op] = {
    "equal": "equal",
    "replace": "replace",
    "insert": "delete",
    "delete": "insert",
}


def ordered_opcodes(
    left_text: str, left: Sequence[str], right_text: str, right: Sequence[str]
) -> list[Opcode]:
    """``token_opcodes(left, right)``, computed with the smaller of the two
    texts first whichever side it is on, so that swapping the sides gives the
    mirror image of the same diff."""
    if left_text <= right_text:
        return token_opcodes(left, right)
    return [(_MIRROR[op], i1, i2, j1, j2) for op, j1, j2, i1, i2 in token_opcodes(right, left)]


def _blank_diff(left: str, right: str) -> list[DiffSpan]:
    """The diff of two texts that hold no tokens (empty or whitespace only)."""
    if left == right:
        return [DiffSpan("equal", left, right)] if left else []
    if not right:
        return [DiffSpan("delete", left, "")]
    if not left:
        return [DiffSpan("insert", "", right)]
    return [DiffSpan("replace", left, right)]


def _side_texts(
    text: str, tokens: Sequence[Token], ops: list[Op], ranges: list[tuple[int, int]]
) -> list[str]:
    """The text of one side for each opcode, whitespace included.

    The whitespace between two tokens goes to the run that holds both; between
    an unchanged run and a changed one, it goes to the unchanged run. Text before
    the first token and after the last goes to the first and last runs that have
    tokens, so the pieces joined give back ``text``.
    """
    n = len(tokens)
    if n == 0:
        return ["" for _ in ops]
    owner = [0] * n  # which opcode holds token k
    for k, (a, b) in enumerate(ranges):
        for t in range(a, b):
            owner[t] = k
    bounds: list[tuple[int, int] | None] = []
    for k, (a, b) in enumerate(ranges):
        if a == b:
            bounds.append(None)
            continue
        start = 0 if a == 0 else tokens[a].start
        if a > 0 and ops[k] == "equal" and ops[owner[a - 1]] != "equal":
            start = tokens[a - 1].end
        end = len(text) if b == n else tokens[b - 1].end
        if b < n and ops[k] == "equal":
            end = tokens[b].start
        elif b < n and ops[owner[b]] != "equal":
            end = tokens[b].start  # two changed runs side by side: keep it contiguous
        bounds.append((start, end))
    return ["" if bound is None else text[bound[0] : bound[1]] for bound in bounds]
