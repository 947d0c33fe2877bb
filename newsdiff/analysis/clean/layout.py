"""Where each part of the page is: every line gets a role (headline, standfirst,
byline, dateline, furniture or body).

The head of the page is everything before the first sentence of the article.
There, metadata, menus and furniture are set aside: a run of three or more
short labels above the headline is a menu; short lines wedged between furniture
below the headline go with it. The headline is the first line left that reads
like a title (first substantial line without a full stop); the standfirst is a
summary paragraph right after it, when it has no full stop or is followed by
the byline/dateline block. After the article, the first furniture line starts
the page footer, and everything after it is furniture too.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .dates import _parse_date
from .furniture import _furniture_reason, _is_furniture, _Line, _mark
from .metadata import _Fields, _is_metadata, _name_like, _take_metadata

_HEAD_LIMIT = 150  # lines before the first sentence that may be menus, headline and byline


# Furniture whose vocabulary never makes a headline (unlike "log in" or "donate").
_NOT_HEADLINE_TOPICS = {
    "navigation link", "page notice", "sharing buttons", "advertising",
    "link to more coverage", "copyright notice", "credits",
}  # fmt: skip


def _headline_shaped(line: _Line) -> bool:
    """A title: a few words, no full stop, nothing that speaks to the reader, no full date."""
    if line.text.endswith(".") or not 2 <= line.words <= 30:
        return False
    if line.topic >= 2 and (line.words < 5 or line.topics & _NOT_HEADLINE_TOPICS):
        return False
    if line.words <= 16 and _parse_date(line.text):
        return False
    generic = {"short line without a full stop", "a label rather than a sentence"}
    generic.add("a slogan in capitals")
    if not line.topic:  # "... move on": a phrasal verb, not a cut-off link
        generic.add("breaks off where a link was")
    return set(line.shape_reasons) <= generic


def _is_label(line: _Line) -> bool:
    return not line.terminal and line.words <= 3


def _menu_lines(head: list[_Line], kinds: list[str]) -> set[int]:
    """Runs of three or more short labels above the first real title: a menu."""
    title = next(
        (
            j
            for j, line in enumerate(head)
            if kinds[j] == "candidate" and line.words >= 4 and _headline_shaped(line)
        ),
        None,
    )
    if title is None:  # no headline to be above
        return set()
    found: set[int] = set()
    run: list[int] = []
    for j in range(title + 1):
        if j < title and kinds[j] != "metadata" and _is_label(head[j]):
            run.append(j)
            continue
        if len(run) >= 3:
            found.update(run)
        run = []
    return found


def _starts_article(lines: list[_Line], j: int) -> bool:
    """The first sentence of the article (not a headline ending in "!" or "?" over a date)."""
    line = lines[j]
    if not line.prose or line.score >= 3:
        return False
    over_a_date = j + 1 < len(lines) and _is_metadata(lines[j + 1])
    return not (line.text[-1] in "!?" and over_a_date)


def _classify(lines: list[_Line], keep_lines: Collection[int]) -> _Fields:
    """Give every line a role: headline, standfirst, byline, dateline, furniture or body.

    The head of the page is everything before the first sentence of the article.
    There, metadata, menus and furniture are set aside; the headline is the
    first line left that reads like a title (lines above it stay in the body);
    the standfirst may follow it. The body runs from the first sentence on.
    """
    fields = _Fields()
    # The head is short on any real page; the limit keeps odd input fast.
    first = next((j for j in range(len(lines)) if _starts_article(lines, j)), len(lines))
    first = min(first, _HEAD_LIMIT)
    head = lines[:first]
    kinds: list[str] = []
    for line in head:
        if _is_metadata(line):
            kinds.append("metadata")
        elif _is_furniture(line, in_zone=True) and not _headline_shaped(line):
            kinds.append("furniture")
        else:
            kinds.append("candidate")
    for j in _menu_lines(head, kinds):
        kinds[j] = "menu"
    headline = _find_headline(head, kinds, first < len(lines))
    if headline is not None:
        _read_head(head, kinds, headline, first < len(lines))
    for j, line in enumerate(head):
        kind = kinds[j]
        if kind in ("menu", "furniture", "beside furniture"):
            below = headline is not None and j > headline
            where = "below the headline" if below else "above the headline"
            context = {
                "menu": "menu or section links above the article",
                "beside furniture": "short line among page furniture",
            }.get(kind, "")
            _mark(line, "furniture", _furniture_reason(line, where, context))
        elif kind == "metadata":
            _take_metadata(line, fields)
        elif kind == "name":
            fields.byline = f"{fields.byline}, {line.text}" if fields.byline else line.text
            _mark(line, "byline")
        elif kind in ("headline", "standfirst"):
            _mark(line, kind)
            setattr(fields, kind, line.text)
        else:
            _mark(line, "body")
    start = first
    rest = kinds[headline + 1 :] if headline is not None else ["candidate"]
    if first < len(lines) and "candidate" not in rest and "standfirst" not in rest:
        # The first sentence may be a standfirst with a full stop over the byline block.
        start = _standfirst_sentence(lines, first, fields)
    _read_body(lines, start)
    for line in lines:
        if line.number in keep_lines and line.role == "furniture":
            line.role = "body"
    return fields


def _find_headline(head: list[_Line], kinds: list[str], article_follows: bool) -> int | None:
    """The first candidate that reads like a title; a two-word one only right above the
    byline block, a summary or the article."""
    kept = [j for j, kind in enumerate(kinds) if kind in ("metadata", "candidate")]
    for n, j in enumerate(kept):
        line = head[j]
        if kinds[j] != "candidate" or not _headline_shaped(line):
            continue
        if line.words >= 3:
            return j
        k = kept[n + 1] if n + 1 < len(kept) else None
        if k is None and article_follows or k is not None and kinds[k] == "metadata":
            return j
    return None


def _read_head(head: list[_Line], kinds: list[str], headline: int, article_follows: bool) -> None:
    """Below the headline: standfirst, bylines without "By", and furniture."""
    kinds[headline] = "headline"
    changed = True
    while changed:  # "Jane Smith in Beijing" beside the dateline is a byline
        changed = False
        for j in range(headline + 1, len(head)):
            if kinds[j] != "candidate" or not _is_name_line(head[j]):
                continue
            neighbours = [kinds[k] for k in (j - 1, j + 1) if headline < k < len(head)]
            if "metadata" in neighbours or "name" in neighbours:
                kinds[j] = "name"
                changed = True
    below = [
        j for j in range(headline + 1, len(head)) if kinds[j] in ("metadata", "name", "candidate")
    ]
    if below and kinds[below[0]] == "candidate":
        j = below[0]
        after = below[1] if len(below) > 1 else None
        if after is not None:
            followed_by = "metadata" if kinds[after] in ("metadata", "name") else "line"
        else:
            followed_by = "article" if article_follows else "end"
        if _standfirst_shaped(head[j], followed_by):
            kinds[j] = "standfirst"
    changed = True
    while changed:  # short lines among sharing buttons and the like
        changed = False
        for j in range(headline + 1, len(head)):
            if kinds[j] != "candidate" or head[j].terminal or head[j].words > 4:
                continue
            neighbours = [kinds[k] for k in (j - 1, j + 1) if headline < k < len(head)]
            if {"furniture", "beside furniture"} & set(neighbours):
                kinds[j] = "beside furniture"
                changed = True


_TITLE_CASE_SMALL_WORDS = re.compile(
    r"\b(?:With|For|Of|To|On|At|The|A|An|After|Over|From)\b|['’]s\b"
)


def _is_name_line(line: _Line) -> bool:
    """ "Jane Smith in Beijing", "BBC News, Beijing": a byline printed without "By"
    (not a subheading in title case, which has "With", "Of" or a possessive)."""
    if not 2 <= line.words <= 6 or line.terminal or line.topic:
        return False
    return _name_like(line.text) and not _TITLE_CASE_SMALL_WORDS.search(line.text)


def _standfirst_shaped(line: _Line, followed_by: str) -> bool:
    """A summary under the headline: no full stop, or the byline block right after it."""
    if line.words < 6 or (line.words <= 16 and _parse_date(line.text)):
        return False
    if line.score >= 3:
        return False
    if followed_by == "metadata":
        return True
    return not line.terminal and line.words >= 8 and followed_by == "article"


def _standfirst_sentence(lines: list[_Line], first: int, fields: _Fields) -> int:
    """Where the body starts when the first sentence may be a standfirst with a full stop."""
    j = first + 1
    while j < len(lines) and not lines[j].prose and _is_furniture(lines[j], in_zone=True):
        j += 1
    if j >= len(lines) or not _is_metadata(lines[j]) or lines[first].words < 6:
        return first
    _mark(lines[first], "standfirst")
    fields.standfirst = lines[first].text
    for k in range(first + 1, len(lines)):
        line = lines[k]
        if _take_metadata(line, fields):
            continue
        if not line.prose and _is_furniture(line, in_zone=True):
            _mark(line, "furniture", _furniture_reason(line, "below the headline"))
            continue
        return k
    return len(lines)


_AFTER_FURNITURE = "after the article, among page furniture"


def _read_body(lines: list[_Line], start: int) -> None:
    """Body and furniture from ``start`` on; the footer starts after the last sentence."""
    content = [j for j in range(start, len(lines)) if lines[j].prose and lines[j].score < 3]
    last_content = content[-1] if content else len(lines)
    for j in range(start, len(lines)):
        line = lines[j]
        footer = j > last_content
        if _is_furniture(line, in_zone=footer):
            where = "after the article" if footer else "inside the article"
            _mark(line, "furniture", _furniture_reason(line, where))
        else:
            _mark(line, "body")
    footer_start = next(
        (j for j in range(last_content + 1, len(lines)) if lines[j].role == "furniture"), None
    )
    if footer_start is None:
        return
    # Once the page furniture has started after the article, the rest is furniture too...
    for line in lines[footer_start + 1 :]:
        if line.role == "body":
            reason = _furniture_reason(line, "after the article", _AFTER_FURNITURE)
            _mark(line, "furniture", reason)
    # ...and so are the short lines just above it ("Topics", tags, "Explore more").
    j = footer_start - 1
    while j > last_content and lines[j].role == "body" and not lines[j].prose:
        line = lines[j]
        if line.words > 15 or (line.topic < 1 and line.shape < 2):
            break
        _mark(line, "furniture", _furniture_reason(line, "after the article", _AFTER_FURNITURE))
        j -= 1
