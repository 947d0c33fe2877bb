"""Pasted text and HTML pages to ``CleanedText``: the steps run in order, then
the body is put together from the lines left (hard-wrapped paragraphs joined),
with warnings for text that is not English or looks garbled.

Every non-blank line of the text ends up in exactly one place: ``headline``,
``standfirst``, ``byline``, ``dateline``, ``body`` or ``removed``. Blank and
whitespace-only lines are paragraph breaks, not furniture. ``RemovedLine.line``
counts lines as ``str.splitlines`` does; for HTML input it refers to the text
trafilatura extracted, one paragraph per line.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ..types import CleanedText, RemovedLine
from .errors import _EMPTY, CleaningError
from .furniture import _Line, _mark, _read_lines
from .html import _looks_like_html, read_page
from .language import _LANGUAGE_NAMES, NOT_ENGLISH_WARNING, detect_language
from .layout import _classify
from .metadata import _agency, _Fields
from .normalise import _MOJIBAKE


def _looks_wrapped(block: list[_Line]) -> bool:
    """A block of lines hard-wrapped at a fixed width (one paragraph)."""
    if len(block) < 2:
        return False
    inner = block[:-1]
    lengths = [len(line.text) for line in inner]
    widest = max(len(line.text) for line in block)
    unfinished = sum(1 for line in inner if not line.terminal)
    return (
        min(lengths) >= 55
        and widest <= 100
        and widest - min(lengths) <= 25
        and unfinished * 2 >= len(inner)
    )


# A text of at most this many lines, all of them ordinary sentences, is kept whole
PROSE_ONLY_MAX_LINES = 2
# ... when its furniture vocabulary weighs at most this (one strong phrase, see _VOCABULARY)
PROSE_ONLY_MAX_TOPIC = 2


def _only_prose(lines: list[_Line]) -> bool:
    """The text is one or two lines of ordinary prose: sentences of eight words or
    more that call the reader to no action and hold at most one furniture phrase
    ("we hicks don't subscribe to that nonsense" is an opinion, not a paywall;
    "Thank you for registering. Please refresh …" holds two)."""
    filled = [line for line in lines if line.text.strip()]
    return 0 < len(filled) <= PROSE_ONLY_MAX_LINES and all(
        line.prose
        and line.topic <= PROSE_ONLY_MAX_TOPIC
        and "starts with a call to action" not in line.shape_reasons
        for line in filled
    )


def _body(lines: list[_Line], join_wrapped: bool) -> str:
    blocks: dict[int, list[_Line]] = {}
    for line in lines:
        if line.role == "body":
            blocks.setdefault(line.block, []).append(line)
    paragraphs: list[str] = []
    for block in blocks.values():
        if join_wrapped and _looks_wrapped(block):
            paragraphs.append(" ".join(line.text for line in block))
        else:
            paragraphs.extend(line.text for line in block)
    return "\n\n".join(paragraphs)


def _clean(
    raw: str,
    text: str,
    *,
    keep_lines: Collection[int],
    join_wrapped: bool,
    encoding: str = "utf-8",
    raw_html: str = "",
    hints: _Fields | None = None,
    warnings: Iterable[str] = (),
) -> CleanedText:
    if not text.strip():
        raise CleaningError(_EMPTY)
    lines = _read_lines(text)
    fields = _classify(lines, keep_lines)
    if hints:  # metadata from the HTML page fills what the text itself does not print
        fields.headline = fields.headline or hints.headline
        fields.byline = fields.byline or hints.byline
        if fields.published_at is None:
            fields.published_at = hints.published_at
    fields.wire_agency = _agency(fields, lines) or (hints.wire_agency if hints else "")
    body = _body(lines, join_wrapped)
    if not body and not fields.headline and _only_prose(lines):
        for line in lines:  # one or two sentences of opinion are an article, not furniture
            if line.role == "furniture":
                _mark(line, "body")
        body = _body(lines, join_wrapped)
    if not body and not fields.headline:
        raise CleaningError(
            "newsdiff found no article text here, only page furniture such as menus, appeals "
            "and log-in prompts. Paste the article's own text."
        )
    language = detect_language(f"{fields.headline}\n{fields.standfirst}\n{body}")
    notes = list(warnings)
    if language not in ("en", "und"):
        name = _LANGUAGE_NAMES.get(language)
        notes.append(NOT_ENGLISH_WARNING.format(guess=f" (it may be {name})" if name else ""))
    if _MOJIBAKE.search(text):
        notes.append(
            "Some characters look garbled (for example “â€™” where “’” was meant): the text "
            "was probably saved in one encoding and read in another. Check it against the source."
        )
    if not body:
        notes.append("newsdiff found a headline but no article text under it.")
    removed = tuple(
        RemovedLine(line.number, line.original, line.reason)
        for line in lines
        if line.role == "furniture"
    )
    return CleanedText(
        raw=raw,
        body=body,
        headline=fields.headline,
        standfirst=fields.standfirst,
        byline=fields.byline,
        wire_agency=fields.wire_agency,
        dateline=fields.dateline,
        published_at=fields.published_at,
        removed=removed,
        encoding=encoding,
        raw_html=raw_html,
        language=language,
        warnings=tuple(notes),
    )


def clean_text(text: str, *, keep_lines: Collection[int] = ()) -> CleanedText:
    """Clean pasted text or a decoded .txt file. ``raw`` is ``text`` exactly as given.

    ``keep_lines`` lists line numbers (as in ``RemovedLine.line``) that staff restored:
    they stay in the body whatever the classifier thinks. Text that is really an
    HTML page (it starts with a doctype or ``<html>``) is handed to ``clean_html``.
    """
    if "\x00" in text:
        raise CleaningError(
            "This text contains null characters (U+0000), which never occur in an article: "
            "part of it is binary data. Copy the article text again and paste it."
        )
    if _looks_like_html(text):
        return clean_html(text, keep_lines=keep_lines)
    return _clean(text, text, keep_lines=keep_lines, join_wrapped=True)


def clean_html(html: str, *, keep_lines: Collection[int] = ()) -> CleanedText:
    """Clean an HTML page: the article text comes from trafilatura, one paragraph a line.

    ``raw`` and ``raw_html`` are the HTML as received. Scripts, styles and event
    handlers are stripped before extraction, so they never reach the body. The
    page's title, author and publication date fill in what the text does not print.
    """
    page = read_page(html)
    return _clean(
        html,
        page.text,
        keep_lines=keep_lines,
        join_wrapped=False,
        raw_html=html,
        hints=page.hints,
        warnings=page.warnings,
    )
