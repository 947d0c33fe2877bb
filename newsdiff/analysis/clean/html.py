"""Reading an HTML page: the article's text (from trafilatura, one paragraph a
line, scripts, styles and event handlers stripped first) and the page's own
metadata (title, author, publication date), which fill in what the text does
not print."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import parse_dateline
from .errors import _EMPTY, _PASTE_INSTEAD, CleaningError
from .metadata import _Fields, wire_agency
from .normalise import _normalise

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"</?(?:p|div|article|body|head|span|a|h[1-6]|br)\b[^>]*>", re.I)
_ACTIVE_CONTENT = re.compile(r"<script\b|\son[a-z]+\s*=|javascript:", re.I)
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "date", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date",
    "sailthru.date",
)  # fmt: skip


def _looks_like_html(text: str) -> bool:
    if _HTML_START.match(text[:2000]):
        return True
    head = text[:5000]
    return len(_HTML_TAGS.findall(head)) >= 5 and head.lstrip().startswith("<")


def _page_hints(html: str, document: object) -> _Fields:
    """Headline, author and date from the page's own metadata."""
    hints = _Fields(
        headline=_normalise(getattr(document, "title", None) or ""),
        byline=_normalise(getattr(document, "author", None) or ""),
    )
    from lxml import html as lxml_html  # trafilatura's own parser

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    found: list[str] = []
    if tree is not None:
        for meta in tree.iter("meta"):
            key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
            if key in _DATE_META and meta.get("content"):
                found.append(meta.get("content", ""))
        found += [t.get("datetime", "") for t in tree.iter("time") if t.get("datetime")]
    date = getattr(document, "date", None)
    if date:
        found.append(str(date))
    for value in found:
        when = parse_dateline(value)
        if when:
            hints.published_at = when
            break
    sitename = getattr(document, "sitename", None) or ""
    hints.wire_agency = wire_agency(f"{hints.byline} {sitename}")
    return hints


@dataclass(frozen=True, slots=True)
class _Page:
    text: str  # the article's text, one paragraph a line
    hints: _Fields  # what the page's metadata says
    warnings: tuple[str, ...]


def read_page(html: str) -> _Page:
    """The article text of an HTML page (from trafilatura), the page's metadata, and
    a warning when it held scripts or event handlers; ``CleaningError`` when there
    is no text to find."""
    if not html.strip():
        raise CleaningError(_EMPTY)
    import trafilatura  # imported here: it is slow to import and only HTML needs it
    from lxml_html_clean import Cleaner

    warnings = []
    if _ACTIVE_CONTENT.search(html):
        warnings.append(
            "This page contained scripts or event handlers; newsdiff ignored them and kept "
            "only the article text."
        )
    cleaner = Cleaner(
        scripts=True,
        javascript=True,
        style=True,
        comments=True,
        embedded=True,
        frames=True,
        forms=True,
        meta=False,
        page_structure=False,
        links=False,
        safe_attrs_only=False,
    )
    try:
        safe = cleaner.clean_html(html)
    except (ValueError, TypeError):  # lxml refuses some documents (an XML declaration, ...)
        safe = cleaner.clean_html(re.sub(r"^\s*<\?xml[^>]*>", "", html))
    options = {"include_comments": False, "include_tables": False, "with_metadata": True}
    document = trafilatura.bare_extraction(safe, **options)
    if document is None or not (getattr(document, "text", "") or "").strip():
        document = trafilatura.bare_extraction(safe, favor_recall=True, **options)
    text = (getattr(document, "text", "") or "") if document is not None else ""
    if not text.strip():
        raise CleaningError(
            "newsdiff could not find the article text in this web page. Open the page in a "
            "browser, " + _PASTE_INSTEAD
        )
    return _Page(text, _page_hints(safe, document), tuple(warnings))
