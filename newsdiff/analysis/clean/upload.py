"""Uploaded files: size and type checks, decoding, then text or HTML."""

from __future__ import annotations

from dataclasses import replace

from ..types import CleanedText
from .article import clean_html, clean_text
from .decode import _binary_kind, _extension, decode_bytes
from .errors import CleaningError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_HTML_EXTENSIONS = {"html", "htm", "xhtml", "shtml"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


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
