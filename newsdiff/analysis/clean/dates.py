"""Printed dates: "Monday 18 September 2023 06:31 BST" read as an aware datetime,
and whether a line is nothing but a date line.

A dateline without a time zone is read as UTC; one without a time as midnight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?,?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?(?!\d)"
)
_TEXT_DATES = (
    re.compile(  # 18 September 2023, 2nd of July, 2013
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(  # Sept. 18, 2023 / Jun 11th, 2012 / Mar 8 2013
        rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
)
_NUMERIC_DATES = (
    (re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b"), "mdy"),
    (re.compile(r"\b(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{4})\b"), "dmy"),
)
_TIME = re.compile(
    r"(?<![\d.])(?P<H>\d{1,2})\s?[:.]\s?(?P<M>\d{2})(?:\s?:\s?(?P<S>\d{2}))?"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?|\s*(?P<ap2>[ap])\b)?"
    r"|(?<![\d.])(?P<H2>\d{1,2})\s*(?P<ap3>[ap])\.?\s?m\b\.?"
    r"|\b(?P<H3>[01]\d|2[0-3])(?P<M3>[0-5]\d)(?=\s*\(?(?:GMT|UTC|[A-Z]{1,3}T)\b)",  # 1052 GMT
    re.IGNORECASE,
)
_ZONE_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5, "SGT": 8, "HKT": 8, "AWST": 8,
    "JST": 9, "KST": 9, "ACST": 9.5, "ACDT": 10.5, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip
# Zones printed without saying whether summer time applies.
_ZONE_NAMES = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "UK": "Europe/London",
}  # fmt: skip
_ZONE = re.compile(
    r"\b(?P<abbr>"
    + "|".join(sorted([*_ZONE_OFFSETS, *_ZONE_NAMES], key=len, reverse=True))
    + r")\b(?:\s?(?P<sign>[+-])\s?(?P<oh>\d{1,2})(?::?\s?(?P<om>\d{2}))?)?"
    r"|(?<![\d:])(?P<sign2>[+-])(?P<oh2>\d{2}):?(?P<om2>\d{2})\b"
)
_DATE_FILLER = {
    "published", "updated", "posted", "last", "first", "modified", "on", "at", "date",
    "time", "local", "hrs", "h", "uk", "and", "the", "of", "issued", "created",
}  # fmt: skip


_AGO = re.compile(
    r"\b(?:\d+|an?)\s+(?:year|month|week|day|hour|minute|min|hr)s?\s+ago\b", re.IGNORECASE
)


@dataclass(slots=True)
class _ParsedDate:
    when: datetime
    leftover: str  # the text with the date, time, zone and weekday taken out


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _parse_date(text: str) -> _ParsedDate | None:
    """Find a printed date (and time and zone) in ``text``."""
    consumed: list[tuple[int, int]] = []
    year = month = day = None
    hour = minute = second = 0
    zone: tzinfo | None = None
    iso = _ISO_DATE.search(text)
    if iso:
        year, month, day = int(iso["y"]), int(iso["m"]), int(iso["d"])
        if iso["H"]:
            hour, minute, second = int(iso["H"]), int(iso["M"]), int(iso["S"] or 0)
        if iso["tz"]:
            zone = _fixed_zone(iso["tz"])
        consumed.append(iso.span())
    else:
        for pattern in _TEXT_DATES:
            match = pattern.search(text)
            if match:
                year, day = int(match["y"]), int(match["d"])
                month = _MONTHS[match["mon"][:3].lower()]
                consumed.append(match.span())
                break
        else:
            for pattern, order in _NUMERIC_DATES:
                match = pattern.search(text)
                if match:
                    a, b = int(match["a"]), int(match["b"])
                    if order == "dmy" or a > 12:
                        a, b = b, a
                    year, month, day = _year(match["y"]), a, b
                    consumed.append(match.span())
                    break
    if year is None or month is None or day is None or not 1900 <= year <= 2100:
        return None
    rest = _blank_out(text, consumed)
    if not (iso and iso["H"]):
        time = _TIME.search(rest)
        if time:
            hour = int(time["H"] or time["H2"] or time["H3"])
            minute = int(time["M"] or time["M3"] or 0)
            second = int(time["S"] or 0)
            meridiem = (time["ap"] or time["ap2"] or time["ap3"] or "").lower()
            if meridiem == "p" and hour < 12:
                hour += 12
            elif meridiem == "a" and hour == 12:
                hour = 0
            consumed.append(time.span())
            rest = _blank_out(text, consumed)
    if zone is None:
        found = _ZONE.search(rest)
        if found:
            zone = _zone_from_match(found)
            consumed.append(found.span())
            rest = _blank_out(text, consumed)
    try:
        when = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    when = when.replace(tzinfo=zone or UTC)
    return _ParsedDate(when, _WEEKDAY.sub(" ", rest))


def _blank_out(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _fixed_zone(offset: str) -> timezone:
    if offset == "Z":
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def _zone_from_match(found: re.Match[str]) -> tzinfo:
    if found["sign2"]:
        return _fixed_zone(f"{found['sign2']}{found['oh2']}{found['om2']}")
    abbr = found["abbr"]
    if found["sign"]:  # GMT+02:00, UTC-5
        sign = -1 if found["sign"] == "-" else 1
        return timezone(sign * timedelta(hours=int(found["oh"]), minutes=int(found["om"] or 0)))
    if abbr in _ZONE_NAMES:
        try:
            return ZoneInfo(_ZONE_NAMES[abbr])
        except ZoneInfoNotFoundError:  # no time zone database: fall back to winter time
            return timezone(timedelta(hours={"ET": -5, "CT": -6, "MT": -7, "PT": -8}.get(abbr, 0)))
    return timezone(timedelta(hours=_ZONE_OFFSETS[abbr]))


def parse_dateline(text: str) -> datetime | None:
    """Read a printed date as an aware datetime, or None when there is no full date.

    ``"Monday 18 September 2023 06:31 BST"`` is 2023-09-18 06:31+01:00; US
    ("Sept. 18, 2023 1:31 AM EDT"), ISO and numeric (month first unless the
    first number is over 12) dates work too. No zone means UTC.
    """
    parsed = _parse_date(text)
    return parsed.when if parsed else None


def _dateline(text: str) -> _ParsedDate | None:
    """The parsed date when ``text`` is nothing but a date line."""
    if len(text.split()) > 16:
        return None
    parsed = _parse_date(text)
    if parsed is None:
        return None
    # Other dates, times and zones may follow ("Posted ... Updated ...").
    leftover = parsed.leftover
    for pattern in (_ISO_DATE, *_TEXT_DATES, *(p for p, _ in _NUMERIC_DATES), _TIME, _ZONE):
        leftover = pattern.sub(" ", leftover)
    leftover = _AGO.sub(" ", _WEEKDAY.sub(" ", leftover))
    words = re.findall(r"[^\W\d_]+|\d+", leftover.lower())
    return parsed if all(word in _DATE_FILLER for word in words) else None
