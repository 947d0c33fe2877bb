"""Turn an article as received (pasted text, a .txt or an .html file) into ``CleanedText``.

Four steps, each kept small enough to explain to a journalist:

1. **Decode** bytes (``decode_bytes``): a byte-order mark first, then strict UTF-8,
   UTF-16 without a mark only when the zero bytes say so, then Windows-1252 only
   when the result reads like text. PDFs, images, archives and other binary files
   are refused with a message naming what they look like.
2. **Normalise** every line: NFC, non-breaking and other odd spaces become plain
   spaces, runs of spaces collapse, invisible characters (zero-width space, soft
   hyphen) go. Curly quotes and dashes stay as they are. ``raw`` keeps the text
   exactly as received; only the derived fields are normalised.
3. **Find the page furniture** with a general line classifier (no list of any
   site's strings). Each line gets *topic* evidence (vocabulary of navigation,
   appeals for donations, subscriptions and members, log-in prompts, sharing
   buttons, cookie notices, advertising, links to more coverage, copyright and
   credits; fundraising counters such as "£9,899 raised" or "12 days remaining")
   and *shape* evidence (speaks to the reader outside quotes, starts with a
   call-to-action verb, short line or label without a full stop, breaks off on a
   preposition where a link was, all capitals, words glued together from several
   links, repeated on the page), minus one for a long sentence. Lines in the
   head of the page (before the first sentence) or the footer (after the last
   one) get one more point. A line scoring ``_FURNITURE_SCORE`` or more is
   furniture when some of the evidence is its topic (or its shape alone is
   overwhelming). Structure adds a little: a run of three or more short labels
   above the headline is a menu; short lines wedged between furniture below the
   headline go with it; after the article, the first furniture line starts the
   page footer, and everything after it is furniture too. Removed lines are kept
   in ``removed`` with a readable reason, so staff can see and restore them
   (``keep_lines=`` takes the line numbers to keep).
4. **Read the metadata** printed around the headline: headline (first substantial
   line without a full stop), standfirst (a summary paragraph right after it,
   when it has no full stop or is followed by the byline/dateline block), byline
   ("By ...", "Via AP news wire"), wire agency (normalised to its full name) and
   the dateline ("Monday 18 September 2023 06:31 BST" becomes an aware datetime).

Decisions worth knowing:

- Every non-blank line of the text ends up in exactly one place: ``headline``,
  ``standfirst``, ``byline``, ``dateline``, ``body`` or ``removed``. Metadata lines
  that land in their own field are *not* listed in ``removed``; a second date
  line ("Updated ...") has no field, so it is listed with reason "another date
  line". Blank and whitespace-only lines are paragraph breaks, not furniture.
- ``RemovedLine.line`` counts lines as ``str.splitlines`` does. For HTML input
  ``raw`` is the HTML as received (and ``raw_html`` too); line numbers then refer
  to the text trafilatura extracted, one paragraph per line.
- A dateline without a time zone is read as UTC; one without a time as midnight.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import PurePath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdiff.analysis.types import CleanedText, RemovedLine

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
EXTRA_DATE_REASON = "another date line (the first is kept as the dateline)"
NOT_ENGLISH_WARNING = (
    "This text does not look like English{guess}; alignment and framing are tuned for English."
)


_EMPTY = "There is no text here: it is empty or only spaces. Paste the article's text."


class CleaningError(ValueError):
    """Input newsdiff cannot read. ``str(err)`` is written for the journalist who sent it."""


# ---------------------------------------------------------------------------
# Decoding bytes
# ---------------------------------------------------------------------------

_PASTE_INSTEAD = "copy the article text and paste it instead."
_DOCUMENT = "This file looks like {what}. newsdiff reads plain text or HTML: " + _PASTE_INSTEAD
_IMAGE = (
    "This file looks like {what}. newsdiff cannot read text in pictures: open the article "
    "in a browser, " + _PASTE_INSTEAD
)
_OTHER = (
    "This file looks like {what}, not an article. newsdiff reads plain text (.txt) or "
    "web pages (.html): " + _PASTE_INSTEAD
)

# (signature, offset, description, message template)
_SIGNATURES: tuple[tuple[bytes, int, str, str], ...] = (
    (b"%PDF-", 0, "a PDF", _DOCUMENT),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image", _IMAGE),
    (b"\xff\xd8\xff", 0, "a JPEG image", _IMAGE),
    (b"GIF87a", 0, "a GIF image", _IMAGE),
    (b"GIF89a", 0, "a GIF image", _IMAGE),
    (b"WEBP", 8, "a WebP image", _IMAGE),  # after b"RIFF" and a length
    (b"II*\x00", 0, "a TIFF image", _IMAGE),
    (b"MM\x00*", 0, "a TIFF image", _IMAGE),
    (b"{\\rtf", 0, "an RTF document", _DOCUMENT),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document", _DOCUMENT),
    (b"PK\x03\x04", 0, "a ZIP archive", _OTHER),
    (b"\x1f\x8b", 0, "a compressed (gzip) file", _OTHER),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive", _OTHER),
    (b"Rar!\x1a\x07", 0, "a RAR archive", _OTHER),
)
_ZIPPED_DOCUMENTS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "a Word document"),
    (b"application/vnd.oasis.opendocument.text", "an OpenDocument text"),
    (b"application/epub+zip", "an e-book (EPUB)"),
    (b"xl/", "an Excel spreadsheet"),
    (b"ppt/", "a PowerPoint presentation"),
)
_EXTENSIONS: dict[str, tuple[str, str]] = {
    "pdf": ("a PDF", _DOCUMENT),
    "doc": ("a Word document", _DOCUMENT),
    "docx": ("a Word document", _DOCUMENT),
    "odt": ("an OpenDocument text", _DOCUMENT),
    "rtf": ("an RTF document", _DOCUMENT),
    "pages": ("a Pages document", _DOCUMENT),
    "epub": ("an e-book (EPUB)", _DOCUMENT),
    "xls": ("a spreadsheet", _OTHER),
    "xlsx": ("a spreadsheet", _OTHER),
    "ppt": ("a presentation", _OTHER),
    "pptx": ("a presentation", _OTHER),
    "png": ("a PNG image", _IMAGE),
    "jpg": ("a JPEG image", _IMAGE),
    "jpeg": ("a JPEG image", _IMAGE),
    "gif": ("a GIF image", _IMAGE),
    "webp": ("a WebP image", _IMAGE),
    "heic": ("a photo (HEIC)", _IMAGE),
    "tif": ("a TIFF image", _IMAGE),
    "tiff": ("a TIFF image", _IMAGE),
    "zip": ("a ZIP archive", _OTHER),
}
_HTML_EXTENSIONS = {"html", "htm", "xhtml", "shtml"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Control characters, except the tab and line breaks plain text may hold.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Non-ASCII characters common in English text encoded as Windows-1252.
_TYPOGRAPHY = set("‘’‚“”„–—…•·€£¥¢©®™°±×÷§¶«»¡¿¼½¾²³µ\u00a0\u00ad")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _binary_kind(data: bytes, filename: str = "", content_type: str = "") -> str | None:
    """The message refusing ``data`` when it is a known binary format, else None."""
    for signature, offset, what, template in _SIGNATURES:
        if data[offset : offset + len(signature)] != signature:
            continue
        if signature == b"WEBP" and not data.startswith(b"RIFF"):
            continue
        if signature == b"PK\x03\x04":
            head = data[:4096]
            for marker, document in _ZIPPED_DOCUMENTS:
                if marker in head:
                    return _DOCUMENT.format(what=document)
            extension = _extension(filename)
            if extension in _EXTENSIONS:
                document, template = _EXTENSIONS[extension]
                return template.format(what=document)
        return template.format(what=what)
    if data[4:8] == b"ftyp":
        return _OTHER.format(what="a photo, video or audio file")
    extension = _extension(filename)
    if extension in _EXTENSIONS:
        what, template = _EXTENSIONS[extension]
        return template.format(what=what)
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/pdf":
        return _DOCUMENT.format(what="a PDF")
    if kind.startswith("image/"):
        return _IMAGE.format(what="an image")
    return None


def _extension(filename: str) -> str:
    return PurePath(filename).suffix.lower().lstrip(".") if filename else ""


def _refuse_controls(text: str) -> None:
    """Binary data decodes to many control characters; text has a stray one at most.
    A NUL character is never text (and no database column for text may hold one)."""
    if "\x00" in text:
        raise CleaningError(
            "This file contains null characters (U+0000), which never occur in text, so part "
            "of it is binary data. newsdiff reads plain text or HTML: " + _PASTE_INSTEAD
        )
    if len(_CONTROLS.findall(text)) > 2 + len(text) // 100:
        raise CleaningError(
            "This file contains control characters, so it looks like binary data rather than "
            "text. newsdiff reads plain text or HTML: " + _PASTE_INSTEAD
        )


def _undecodable(data: bytes, position: int) -> CleaningError:
    byte = data[position]
    return CleaningError(
        f"newsdiff could not read the characters in this file (byte 0x{byte:02X} at position "
        f"{position} is not UTF-8 or Windows-1252 text). Save the file as UTF-8 "
        "(in most editors: Save As, then Encoding: UTF-8) or paste the text instead."
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the zero bytes clearly say so, else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    halves = len(sample) // 2
    even_zeros = sample[0::2].count(0) / halves
    odd_zeros = sample[1::2].count(0) / halves
    if odd_zeros >= 0.3 and even_zeros <= 0.02:
        return "utf-16-le"
    if even_zeros >= 0.3 and odd_zeros <= 0.02:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an uploaded file to ``(text, encoding)``, or raise ``CleaningError``.

    The order: binary formats are refused by their magic bytes; then a BOM
    (UTF-8, UTF-16 LE/BE, UTF-32) decides; then strict UTF-8; UTF-16 without a
    BOM only when every other byte is zero; then Windows-1252 when the bytes are
    all defined there and the result reads as text. The BOM is not part of the
    returned text.
    """
    refusal = _binary_kind(data)
    if refusal:
        raise CleaningError(refusal)
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    )
    for bom, name, codec in boms:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise CleaningError(
                    f"This file says it is {name.upper()} text, but some of its bytes are "
                    f"broken (at position {err.start + len(bom)}). Save it again as UTF-8, "
                    "or paste the text instead."
                ) from None
            _refuse_controls(text)
            return text, name
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            _refuse_controls(text)
            return text, utf16
    if b"\x00" in data:
        raise CleaningError(
            "This file contains binary data (zero bytes), so it is not plain text. "
            "newsdiff reads plain text or HTML: " + _PASTE_INSTEAD
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    else:
        _refuse_controls(text)
        return text, "utf-8"
    if _UTF8_MULTIBYTE.search(data):
        # Mostly UTF-8 with a few broken bytes: reading it as Windows-1252 would
        # turn every curly quote into mojibake, so refuse instead of guessing.
        raise _undecodable(data, first_bad)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise _undecodable(data, err.start) from None
    _refuse_controls(text)
    non_ascii = [ch for ch in text if ord(ch) > 127]
    odd = [ch for ch in non_ascii if not ch.isalpha() and ch not in _TYPOGRAPHY]
    mostly_symbols = len(text) >= 50 and len(non_ascii) > 0.3 * len(text)
    if mostly_symbols or len(odd) > max(3, len(non_ascii) // 2):
        raise CleaningError(
            "newsdiff could not work out how this file's characters are encoded: it is not "
            "UTF-8 and does not read as Windows-1252 text. Save it as UTF-8 and upload it "
            "again, or paste the text instead."
        )
    return text, "cp1252"


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_SPACES = re.compile(" {2,}")
_MOJIBAKE = re.compile("â€[™œ\u009d˜“”¦¢]|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")


def _normalise(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", _CONTROLS.sub("", line))
    return _SPACES.sub(" ", _ODD_SPACES.sub(" ", line)).strip()


def normalise(text: str) -> str:
    """The normalisation every derived field gets, line by line: NFC, odd spaces to
    plain ones, runs of spaces collapsed, invisible characters dropped, lines trimmed.

    Useful to look up text given in its raw form (a gold substring with a
    non-breaking space) in ``body``.
    """
    return "\n".join(_normalise(line) for line in text.splitlines())


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Bylines and wire agencies
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# The furniture classifier
# ---------------------------------------------------------------------------

_FURNITURE_SCORE = 4  # topic + shape evidence at which a line is page furniture
_HEAD_LIMIT = 150  # lines before the first sentence that may be menus, headline and byline
_TERMINAL = re.compile(r"[.!?…][\"'’”)\]]*$")
_WORD = re.compile(r"[\w'’£$€%.,:-]+")

# (reason, weight, trigger substrings, pattern): a line collects the weights of
# the different patterns it matches. Strong phrases weigh 2; single words that
# news stories also use weigh 1. Patterns run on the lower-cased line, and only
# when one of their triggers occurs in it (a cheap test that spares most prose).
_VOCABULARY: tuple[tuple[str, int, tuple[str, ...], str], ...] = (
    (
        "navigation link",
        2,
        ("skip", "jump", "top", "menu", "navigation", "map", "search", "home", "sections"),
        r"\bskip (?:to|navigation)\b|\bjump to (?:main )?content\b|\bback to (?:top|home)\b"
        r"|\b(?:main|site) (?:menu|navigation)\b|\btoggle navigation\b|\bsite ?map\b"
        r"|^(?:menu|search|home|sections|close|open menu|more sections)$",
    ),
    (
        "donation appeal",
        2,
        ("donat", "fundrais", "crowdfund", "make a", "make an", "chip in", "support", "become"),
        r"\bdonat(?:e|es|ed|ing|ion|ions)\b|\bfundrais\w*|\bcrowdfund\w*"
        r"|\bmake an? (?:contribution|gift|one-off)\b|\bchip in\b"
        r"|\bsupport (?:us|our (?:journalism|work|reporting)|independent journalism)\b"
        r"|\bbecome an? (?:supporter|patron|donor|friend)\b",
    ),
    (
        "donation appeal",
        1,
        ("fund", "support", "contribut", "patron", "raised", "goal", "target"),
        r"\bfunds?\b|\bfunding\b|\bsupporters?\b|\bcontribut(?:e|ion|ions)\b|\bpatrons?\b"
        r"|\braised\b|\bgoal\b|\btarget\b",
    ),
    (
        "subscription appeal",
        2,
        ("subscri", "sign", "newsletter", "inbox", "trial", "unlimited", "paywall"),
        r"\bsubscri(?:be|bed|bes|bing|bers?|ptions?)\b|\bsign[- ]?up\b|\bnewsletters?\b"
        r"|\bin your inbox\b|\bfree trial\b|\bunlimited (?:access|articles)\b|\bpaywall\b",
    ),
    (
        "log-in prompt",
        2,
        ("log", "sign", "account", "password", "refresh", "navigate", "already", "thank you"),
        r"\blog(?:ged|ging)? ?(?:in|out)\b|\blogin\b|\bsign (?:in|out)\b(?! to law)"
        r"|\bcreate an? (?:free )?account\b|\bforgot (?:your )?password\b"
        r"|\brefresh (?:the|this|your) (?:page|browser)\b|\bnavigate to another page\b"
        r"|\balready (?:a subscriber|a member|have an account|registered)\b"
        r"|\bthank you for (?:registering|subscribing|signing up|your support|reading)\b",
    ),
    ("log-in prompt", 1, ("regist", "account"), r"\bregist(?:er|ered|ering|ration)\b|\baccount\b"),
    (
        "sharing buttons",
        2,
        ("share", "follow", "email", "print", "link", "comment", "tweet", "like", "save"),
        r"\bshare (?:this|on|via|the story|the article)\b|\bfollow us\b"
        r"|\b(?:email|print) (?:this|the) (?:article|story|page)\b|\bcopy (?:the )?link\b"
        r"|\b(?:leave|post|view|show|read) (?:a |the |all )?comments?\b"
        r"|^(?:share|tweet|email|print|comments?|like|save)$",
    ),
    (
        "cookie or privacy notice",
        2,
        ("cookie", "privacy", "terms"),
        r"\bcookies?\b|\bprivacy (?:policy|settings|notice)\b"
        r"|\bterms (?:of|and) (?:use|service|conditions)\b",
    ),
    (
        "advertising",
        2,
        ("advert", "sponsor", "promoted", "paid", "continue"),
        r"^(?:advertisement|advert|sponsored(?: content)?|promoted|paid (?:content|post))$"
        r"|\bad feedback\b|\b(?:story|article) continues below\b|\bcontinue reading\b",
    ),
    (
        "link to more coverage",
        2,
        ("read", "more", "available", "click", "related", "recommended", "popular", "trending")
        + ("latest", "most", "view", "see also", "watch", "listen", "top stories", "explore"),
        r"\bread more\b|\bread (?:the )?full (?:story|article)\b"
        r"|\bmore (?:of|from) \S.{0,40}\b(?:coverage|stories|news|articles)\b"
        r"|\b(?:is|are) available (?:at|on|here)\b|\bclick here\b"
        r"|\b(?:related|recommended|popular|trending|latest) (?:stories|articles|content|"
        r"reading|topics|news)\b|\bmost (?:read|popular|viewed|shared)\b"
        r"|\bview (?:all|more)\b|\bsee also\b|\bwatch (?:now|live|the video)\b"
        r"|\blisten to (?:this|the) (?:article|story)\b"
        r"|^(?:related|more|see more|top stories|explore more|more on this story)$"
        r"|^more (?:from|on|of|in) [^.!?]{1,40}$",
    ),
    (
        "page notice",
        2,
        ("this article", "this story", "first published", "last modified", "reading time"),
        r"\bthis (?:article|story) (?:is more than|was (?:first )?published|is over)\b"
        r"|\bfirst published\b|\blast modified\b|\breading time\b",
    ),
    (
        "copyright notice",
        2,
        ("©", "copyright", "(c)"),
        r"©|\bcopyright\b|\(c\) ?\d{4}",
    ),
    ("copyright notice", 2, ("rights reserved",), r"\ball rights reserved\b"),
    (
        "copyright notice",
        2,
        ("may not be", "without permission"),
        r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b"
        r"|\bwithout (?:prior |written )*permission\b",
    ),
    (
        "credits",
        2,
        ("by",),
        r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|produced|graphics)"
        r"(?: and \w+)? by\b",
    ),
    (
        "membership appeal",
        2,
        ("reader", "owned", "become", "shares", "join"),
        r"\breader[- ]owned\b|\bowned by (?:our|its|the) readers\b"
        r"|\bbecome (?:a )?(?:part|member|shareholder) of\b|\bbuy(?:ing)? (?:a )?shares? in\b"
        r"|\bjoin (?:us|our|the) (?:co-?op|community|members)\w*",
    ),
    (
        "membership appeal",
        1,
        ("operative", "member", "shareholder"),
        r"\bco-?operative\b|\bmembers(?:hip)?\b|\bshareholders?\b",
    ),
)
_VOCABULARY_PATTERNS = tuple(
    (reason, weight, re.compile("|".join(map(re.escape, triggers))), re.compile(pattern))
    for reason, weight, triggers, pattern in _VOCABULARY
)
_COUNTERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fundraising counter", re.compile(r"^[^£$€¥\d]{0,30}:\s*[£$€¥]\s?\d[\d,.]*\s*$")),
    (
        "fundraising counter",
        re.compile(
            r"\b(?:raised|need(?:ed)?|goal|target|total|so far|to go)\b\W{0,3}[£$€¥]\s?\d"
            r"|[£$€¥]\s?\d[\d,.]*k?\s+(?:raised|to go|goal|target)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "fundraising counter",
        re.compile(r"\b\d+\s+(?:days?|hours?|weeks?)\s+(?:remaining|left|to go)\b", re.I),
    ),
    (
        "fundraising counter",
        re.compile(r"\b\d{1,3}\s?%\s+(?:funded|of (?:our|the) (?:goal|target))\b", re.I),
    ),
    ("reading time", re.compile(r"^\d+\s*min(?:ute)?s?\s+(?:read|listen)$", re.I)),
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘.*?’(?!\w)")  # ’ followed by a letter is an apostrophe
_READER_WORDS = {
    "you", "your", "yours", "you're", "you've", "you'll", "you’re", "you’ve", "you’ll",
    "we", "our", "ours", "we're", "we've", "we'll", "we’re", "we’ve", "we’ll",
}  # fmt: skip
_LOWER_US = re.compile(r"\bus\b")  # "us", never "US"
_CALL_TO_ACTION = {
    "skip", "subscribe", "sign", "log", "login", "register", "donate", "give", "click", "tap",
    "read", "share", "follow", "join", "become", "download", "try", "refresh", "please",
    "enable", "accept", "allow", "continue", "watch", "listen", "view", "visit", "explore",
    "discover", "contribute", "support", "help", "get", "save", "print", "email", "back",
    "jump", "go", "manage", "upgrade", "unlock", "start", "shop", "buy",
}  # fmt: skip
_DANGLING = {
    "at", "to", "of", "for", "on", "in", "from", "with", "by", "via", "the", "a", "an",
    "and", "or", "here", "below",
}  # fmt: skip
_GLUED = re.compile(r"(?<![\w’'])[a-z]{2,}[A-Z][a-z]{2,}")  # "logged inPlease refresh"


@dataclass(slots=True)
class _Line:
    number: int  # 0-based line in the text as given
    original: str
    text: str  # normalised
    block: int  # paragraphs: lines between blank lines
    words: int = 0
    terminal: bool = False  # ends like a sentence: . ! ? … (and closing quotes)
    topic: int = 0
    shape: int = 0
    topic_reason: str = ""
    topics: set[str] = field(default_factory=set)
    shape_reasons: list[str] = field(default_factory=list)
    role: str = ""  # headline, standfirst, byline, dateline, furniture, body
    reason: str = ""

    @property
    def score(self) -> int:
        return self.topic + self.shape

    @property
    def prose(self) -> bool:
        return self.terminal and self.words >= 8


def _score(line: _Line, repeated: bool) -> None:
    """Fill in the topic and shape evidence of ``line``."""
    text = line.text
    lower = text.lower()
    words = _WORD.findall(text)
    line.words = len(words)
    line.terminal = bool(_TERMINAL.search(text))
    topic: list[tuple[int, str]] = []
    for reason, weight, triggers, pattern in _VOCABULARY_PATTERNS:
        if triggers.search(lower) and pattern.search(lower):
            topic.append((weight, reason))
    short = not line.terminal and line.words <= 10
    if short:
        topic.extend((2, reason) for reason, counter in _COUNTERS if counter.search(text))
    line.topic = min(4, sum(weight for weight, _ in topic))
    line.topic_reason = max(topic, key=lambda item: item[0])[1] if topic else ""
    line.topics = {reason for _, reason in topic}

    shape: list[str] = []
    unquoted = _QUOTED.sub(" ", text) if ('"' in text or "“" in text or "‘" in text) else text
    tokens = {w.strip(".,:;!?()").lower() for w in unquoted.split()}
    if tokens & _READER_WORDS or ("us" in tokens and _LOWER_US.search(unquoted)):
        shape.append("speaks to the reader")
    first = words[0].lower().strip(".,:;!?") if words else ""
    if first in _CALL_TO_ACTION:
        shape.append("starts with a call to action")
    if short:
        shape.append("short line without a full stop")
    if not line.terminal and line.words <= 3:
        shape.append("a label rather than a sentence")
    last = words[-1].lower() if words else ""
    if not line.terminal and (last in _DANGLING or text.endswith(":")):
        shape.append("breaks off where a link was")
    if 2 <= line.words <= 8 and text.isupper() and sum(ch.isalpha() for ch in text) >= 4:
        shape.append("a slogan in capitals")
    if _GLUED.search(text):
        shape.append("words glued together from several links")
    if repeated and line.words <= 10:
        shape.append("repeated on the page")
    # A long sentence is likely to be the article's, unless it talks to the reader.
    addressed = {"speaks to the reader", "starts with a call to action"} & set(shape)
    line.shape = len(shape) - (1 if line.prose and line.words >= 12 and not addressed else 0)
    line.shape_reasons = shape


def _furniture_reason(line: _Line, where: str, context: str = "") -> str:
    """``"donation appeal (after the article)"``; ``context`` when the line's own words say
    nothing ("menu above the article")."""
    if line.topic_reason:
        return f"{line.topic_reason} ({where})"
    if context:
        return context
    shape = line.shape_reasons[0] if line.shape_reasons else "page furniture"
    return f"{shape} ({where})"


# ---------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Fields:
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    published_at: datetime | None = None
    wire_agency: str = ""


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    previous_blank = True
    for number, original in enumerate(text.splitlines()):
        normal = _normalise(original)
        if not normal:
            previous_blank = True
            continue
        if previous_blank and lines:
            block += 1
        previous_blank = False
        lines.append(_Line(number, original, normal, block))
    counts = Counter(line.text.lower() for line in lines)
    for line in lines:
        _score(line, counts[line.text.lower()] > 1)
    return lines


def _mark(line: _Line, role: str, reason: str = "") -> None:
    line.role = role
    line.reason = reason


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


def _is_furniture(line: _Line, in_zone: bool) -> bool:
    """Enough evidence, and some of it about what the line says (or a lot about its shape)."""
    score = line.score + (1 if in_zone else 0)
    return score >= _FURNITURE_SCORE and (line.topic >= 1 or line.shape >= _FURNITURE_SCORE)


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


def _is_metadata(line: _Line) -> bool:
    if line.words > 20:
        return False
    return (
        _dateline(line.text) is not None
        or _is_byline(line.text)
        or _split_byline_dateline(line.text) is not None
    )


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


_CREDIT = re.compile(r"^\W{0,3}[A-Z][A-Za-z .,'’-]{0,60}\((?P<agency>[^)]{2,40})\)\s*[-–—]")


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


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

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


def clean_html(html: str, *, keep_lines: Collection[int] = ()) -> CleanedText:
    """Clean an HTML page: the article text comes from trafilatura, one paragraph a line.

    ``raw`` and ``raw_html`` are the HTML as received. Scripts, styles and event
    handlers are stripped before extraction, so they never reach the body. The
    page's title, author and publication date fill in what the text does not print.
    """
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
    hints = _page_hints(safe, document)
    return _clean(
        html,
        text,
        keep_lines=keep_lines,
        join_wrapped=False,
        raw_html=html,
        hints=hints,
        warnings=warnings,
    )


# ---------------------------------------------------------------------------
# Uploads
# ---------------------------------------------------------------------------


def clean_upload(
    data: bytes,
    *,
    filename: str = "",
    content_type: str = "",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> CleanedText:
    """Clean an uploaded file: size and type checks, decoding, then text or HTML."""
    if len(data) > max_bytes:
        raise CleaningError(size_message(max_bytes, len(data)))
    if not data:
        raise CleaningError(
            "This file is empty (0 bytes). Choose the file again, or paste the article text."
        )
    refusal = _binary_kind(data, filename, content_type)
    if refusal:
        raise CleaningError(refusal)
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise CleaningError(
            "This file holds only blank space. Choose the file again, or paste the article text."
        )
    kind = content_type.split(";")[0].strip().lower()
    if _extension(filename) in _HTML_EXTENSIONS or kind in _HTML_TYPES:
        cleaned = clean_html(text)
    else:
        cleaned = clean_text(text)  # hands HTML that comes as .txt to clean_html
    return replace(cleaned, encoding=encoding)


def size_message(max_bytes: int, size: int | None = None) -> str:
    """The refusal for input over the size limit, naming the limit in MB."""
    limit = _megabytes(max_bytes)
    what = f"This file is {_megabytes(size)}" if size else f"This is more than {limit}"
    return (
        f"{what}; newsdiff accepts up to {limit} for one article. Keep just the article's "
        "text and try again."
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


# ---------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------

_FUNCTION_WORDS = {
    "en": "the of and to in a is that for it was on with as he she said by at from his her "
    "an be have has are were which this but not they who had been will their its would",
    "fr": "le la les de des du un une et est en que qui dans pour pas sur au aux il elle ce "
    "par plus avec sont été cette ont",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch "
    "es an als wird bei hat sind",
    "es": "el la los las de del y que en un una es por con para se no al lo como más pero "
    "sus ha fue",
    "it": "il la di che e è un una per non con del della dei le si da al sono anche come "
    "ha nel gli",
    "pt": "o a os as de do da dos das e que em um uma para com não por se na no mais foi ao",
    "nl": "de het een en van is dat op te in voor niet met zijn er aan die ook als bij",
}
_FUNCTION_SETS = {code: set(words.split()) for code, words in _FUNCTION_WORDS.items()}
_SCRIPTS = {
    "CYRILLIC": "ru", "GREEK": "el", "ARABIC": "ar", "HEBREW": "he", "CJK": "zh",
    "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi", "THAI": "th",
    "BENGALI": "bn", "TAMIL": "ta", "GEORGIAN": "ka", "ARMENIAN": "hy",
}  # fmt: skip
_LANGUAGE_NAMES = {
    "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian or another language in Cyrillic script", "el": "Greek",
    "ar": "Arabic", "he": "Hebrew", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "hi": "Hindi", "th": "Thai", "bn": "Bengali", "ta": "Tamil", "ka": "Georgian",
    "hy": "Armenian",
}  # fmt: skip
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_ASCII = re.compile(r"[\x00-\x7f]+")


def detect_language(text: str) -> str:
    """``"en"`` for English, else a best-guess ISO 639-1 code, or ``"und"`` when unsure.

    A light heuristic: the script of the letters, then the share of each
    language's commonest function words.
    """
    scripts: Counter[str] = Counter()
    sample = text[:20000]
    scripts["LATIN"] = len(_ASCII_LETTERS.findall(sample))
    for ch in _ASCII.sub("", sample):
        if ch.isalpha():
            name = unicodedata.name(ch, "") if ord(ch) >= 0x250 else "LATIN"
            scripts[name.split(" ")[0] if name else "?"] += 1
    letters = sum(scripts.values())
    if not letters:
        return "und"
    other = {script: n for script, n in scripts.items() if script != "LATIN"}
    if sum(other.values()) > letters / 2:
        if scripts["HIRAGANA"] + scripts["KATAKANA"]:
            return "ja"
        script = max(other, key=lambda s: other[s])
        return _SCRIPTS.get(script, "und")
    words = Counter(w.lower() for w in _LATIN_WORD.findall(sample))
    total = sum(words.values())
    if total < 5:
        return "und"
    shares = {
        code: sum(words[w] for w in vocabulary) / total
        for code, vocabulary in _FUNCTION_SETS.items()
    }
    best = max(shares, key=lambda code: shares[code])
    if shares["en"] >= 0.12 and shares["en"] >= shares[best] * 0.9:
        return "en"
    return best if shares[best] >= 0.1 else "und"
