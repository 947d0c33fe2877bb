"""Step 4, the metadata printed around the headline: bylines ("By ...", "Via AP
news wire"), the wire agency (normalised to its full name) and the dateline.

Metadata lines that land in their own field are not listed in ``removed``; a
second date line ("Updated ...") has no field, so it is listed with reason
``EXTRA_DATE_REASON``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .dates import _MONTH, _WEEKDAY, _dateline, _ParsedDate
from .furniture import _Line, _mark

EXTRA_DATE_REASON = "another date line (the first is kept as the dateline)"


# (full name, names in any case, acronyms in capitals)
_AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("Associated Press", r"(?:the )?associated press", r"AP"),
    ("Reuters", r"(?:thomson )?reuters", ""),
    ("Agence France-Presse", r"agence france[- ]presse", r"AFP"),
    ("PA Media", r"press association|pa media|pa wire", r"PA"),
    ("Deutsche Presse-Agentur", r"deutsche presse[- ]agentur", r"dpa|DPA"),
    ("United Press International", r"united press international", r"UPI"),
    ("Australian Associated Press", r"australian associated press", r"AAP"),
    ("The Canadian Press", r"(?:the )?canadian press", r"CP"),
    ("Bloomberg News", r"bloomberg(?: news)?", ""),
    ("Xinhua", r"xinhua", ""),
    ("Kyodo News", r"kyodo(?: news)?", ""),
    ("Yonhap", r"yonhap", ""),
    ("EFE", "", r"EFE"),
    ("ANSA", "", r"ANSA"),
    ("Press Trust of India", r"press trust of india", r"PTI"),
    ("TASS", "", r"TASS"),
    ("Interfax", r"interfax", ""),
    ("Anadolu Agency", r"anadolu(?: agency)?", ""),
)
# One pattern, one named group per agency: names in any case, acronyms in capitals.
_AGENCY_PATTERN = re.compile(
    "|".join(
        rf"(?P<a{n}>\b(?:"
        + "|".join(([f"(?i:{names})"] if names else []) + ([acronyms] if acronyms else []))
        + r")\b)"
        for n, (_, names, acronyms) in enumerate(_AGENCIES)
    )
)
_BYLINE_START = re.compile(
    r"^(?:(?:written|reported|words|story|text|posted)\s+)?(?:by|via)\b[:\s]+(?P<who>.+)$",
    re.IGNORECASE,
)
_BYLINE_WORDS = {
    "and", "in", "news", "wire", "newswire", "staff", "reporter", "reporters", "writer",
    "correspondent", "correspondents", "editor", "editors", "the", "of", "for", "with",
    "de", "van", "von", "der", "da", "del", "la", "le", "di", "bin", "al", "agencies",
    "agency", "service", "team", "senior", "chief", "political", "foreign",
}  # fmt: skip
_CAPITALISED_WORD = re.compile(r"^[A-Z\u00c0-\u00de][\w'’.\-]*$")
_BYLINE_PARTS = re.compile(r"\s*(?:[|•·]|\s[-–—]\s|,)\s*")


def wire_agency(text: str) -> str:
    """The full name of the news agency named in ``text`` ("AP" -> "Associated Press")."""
    found = _AGENCY_PATTERN.search(text)
    return _AGENCIES[int(found.lastgroup[1:])][0] if found and found.lastgroup else ""


def _is_byline(text: str) -> bool:
    """``"By Jane Smith, Associated Press"``, ``"Via AP news wire"``, ``"Reuters"``."""
    if not text or text[-1] in ".!?" or len(text.split()) > 14:
        return False
    match = _BYLINE_START.match(text)
    if match is None:
        # An agency's name alone, or "Jane Smith, Associated Press".
        agency = wire_agency(text)
        if not agency:
            return False
        names = [part for part in _BYLINE_PARTS.split(text) if part]
        return 0 < len(names) <= 3 and all(_name_like(part) for part in names)
    return _name_like(match["who"])


def _name_like(text: str) -> bool:
    words = [w.strip(",;&|()") for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > 12:
        return False
    capitalised = [w for w in words if _CAPITALISED_WORD.match(w)]
    if not capitalised or _MONTH_OR_DAY.match(capitalised[0]) and len(capitalised) == 1:
        return False
    return all(w in capitalised or w.lower() in _BYLINE_WORDS for w in words)


_MONTH_OR_DAY = re.compile(rf"^(?:{_MONTH}|{_WEEKDAY.pattern})$", re.IGNORECASE)


def _split_byline_dateline(text: str) -> tuple[str, str, _ParsedDate] | None:
    """``"By Jane Smith | 18 Sept 2023"`` or ``"AFP, Tuesday 2 Jul 2013"`` -> both parts."""
    for separator in _BYLINE_PARTS.finditer(text):
        left, right = text[: separator.start()].strip(), text[separator.end() :].strip()
        for byline, date in ((left, right), (right, left)):
            parsed = _dateline(date)
            if parsed and _is_byline(byline):
                return byline, date, parsed
    agency = re.match(r"^(\S+(?:\s\S+)?)\s+(?=\S)", text)  # "Reuters Sep 18, 2013"
    if agency and wire_agency(agency[1]):
        date = text[agency.end() :]
        parsed = _dateline(date)
        if parsed and _is_byline(agency[1]):
            return agency[1], date, parsed
    return None


@dataclass(slots=True)
class _Fields:
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    published_at: datetime | None = None
    wire_agency: str = ""


def _take_metadata(line: _Line, fields: _Fields) -> bool:
    """Put a byline or dateline line into ``fields``; False when it is neither."""
    parsed = _dateline(line.text)
    if parsed:
        if fields.dateline:
            _mark(line, "furniture", EXTRA_DATE_REASON)
        else:
            fields.dateline, fields.published_at = line.text, parsed.when
            _mark(line, "dateline")
        return True
    if _is_byline(line.text):
        fields.byline = f"{fields.byline}, {line.text}" if fields.byline else line.text
        _mark(line, "byline")
        return True
    both = _split_byline_dateline(line.text)
    if both and not fields.dateline:
        byline, dateline, parsed = both
        fields.byline = f"{fields.byline}, {byline}" if fields.byline else byline
        fields.dateline, fields.published_at = dateline, parsed.when
        _mark(line, "byline")
        return True
    return False


def _is_metadata(line: _Line) -> bool:
    if line.words > 20:
        return False
    return (
        _dateline(line.text) is not None
        or _is_byline(line.text)
        or _split_byline_dateline(line.text) is not None
    )


# "BEIJING (AP) —", "MOSCOW, Sept 18 (Reuters) -": a place, perhaps a date after a comma
_CREDIT = re.compile(
    r"^\W{0,3}[A-Z][A-Za-z .'’-]{0,40}(?:,[A-Za-z0-9 .,'’-]{1,30})?"
    r"\((?P<agency>[^)]{2,40})\)\s*[-–—]"
)


def _agency(fields: _Fields, lines: list[_Line]) -> str:
    if fields.byline:
        agency = wire_agency(fields.byline)
        if agency:
            return agency
    for line in lines:  # "BEIJING (AP) — ..." at the start of the lede
        if line.role == "body":
            credit = _CREDIT.match(line.text)
            return wire_agency(credit["agency"]) if credit else ""
    return ""
