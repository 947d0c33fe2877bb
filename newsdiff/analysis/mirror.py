"""A comparison result read the other way round: the right report on the left.

The engine is symmetric (swapping the reports swaps "left" and "right" in the
alignment, the word diffs and every finding, and nothing else), so the comparison of
B with A is the comparison of A with B mirrored. newsdiff stores one result per pair
of texts and shows it in the order asked for through ``mirrored``.
"""

from __future__ import annotations

import re
from typing import Any

_SWAP = {"left": "right", "right": "left"}
_OPS = {"insert": "delete", "delete": "insert"}
# The engine's own prose names a side only as "the left report" / "the left text"
# (summaries, notes) or as the one side word of a finding's label ("only left",
# "hedges more, right"); report text in it may hold the words too ("the right-wing
# mayor"), so only those are swapped, and never inside a quotation.
_QUOTED = re.compile(r"(‘[^’]*’(?=\W|$)|“[^”]*”)")
_SIDE_NOUN = re.compile(r"\b(left|right) (report|text)\b")
_SIDE_WORD = re.compile(r"(?<![\w-])(left|right)(?![\w-])")


def outside_quotes(text: str, swap) -> str:
    """``swap`` applied to the parts of ``text`` outside ‘…’ and “…” quotations."""
    pieces = _QUOTED.split(text)
    for n in range(0, len(pieces), 2):  # even pieces are outside quotations
        pieces[n] = swap(pieces[n])
    return "".join(pieces)


def swap_side_words(text: str) -> str:
    """'the left report' <-> 'the right report' in a summary or note."""
    return outside_quotes(text, lambda t: _SIDE_NOUN.sub(lambda m: f"{_SWAP[m[1]]} {m[2]}", t))


def swap_label_side(label: str) -> str:
    """The side word of a finding's label ('only left, in a shared sentence')."""

    def swap(text: str) -> str:
        return _SIDE_WORD.sub(lambda m: _SWAP[m[1]], text)

    return outside_quotes(label, swap)


def _swap_key(key: str) -> str:
    for side, other in _SWAP.items():
        if key == side:
            return other
        if key.startswith(side + "_"):
            return other + key[len(side) :]
        if key.endswith("_" + side):
            return key[: -len(side)] + other
    return key


def _mirror(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        out = {_swap_key(k): _mirror(v, k) for k, v in value.items()}
        if "op" in value and value["op"] in _OPS:
            out["op"] = _OPS[value["op"]]
        return out
    if isinstance(value, list):
        return [_mirror(item, key) for item in value]
    if isinstance(value, str):
        if key == "side":
            return _SWAP.get(value, value)
        if key in ("summary", "notes"):
            return swap_side_words(value)
        if key == "label":
            return swap_label_side(value)
    return value


def mirrored(result: dict[str, Any]) -> dict[str, Any]:
    """The comparison result with its two reports swapped (a new dict)."""
    return _mirror(result)
