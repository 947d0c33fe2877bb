"""Step 1, decoding: bytes to text, or a refusal naming what the file looks like.

A byte-order mark first, then strict UTF-8, UTF-16 without a mark only when the
zero bytes say so, then Windows-1252 only when the result reads like text. PDFs,
images, archives and other binary files are refused by their magic bytes (or
their file name or content type) with a message naming what they look like.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from .errors import _PASTE_INSTEAD, CleaningError
from .normalise import _CONTROLS

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
