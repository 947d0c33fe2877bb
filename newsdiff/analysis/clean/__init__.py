"""Turn an article as received (pasted text, a .txt or an .html file) into ``CleanedText``.

Four steps, each kept small enough to explain to a journalist, one module each:

1. ``decode``: bytes to text (a byte-order mark, strict UTF-8, UTF-16 without a
   mark, Windows-1252 when it reads like text); binary files are refused with a
   message naming what they look like.
2. ``normalise``: every line NFC, odd spaces plain, invisible characters gone;
   ``raw`` keeps the text exactly as received.
3. ``furniture``: page furniture found by a general line classifier (topic and
   shape evidence, no list of any site's strings); ``layout`` gives every line
   its role from where it stands (menus above the headline, the page footer).
   Removed lines are kept in ``removed`` with a readable reason, so staff can
   see and restore them (``keep_lines=`` takes the line numbers to keep).
4. ``metadata`` (with ``dates``): headline, standfirst, byline, wire agency and
   the dateline ("Monday 18 September 2023 06:31 BST" becomes an aware datetime).

``article`` runs the steps on pasted text (``clean_text``) or an HTML page
(``clean_html``, read by ``html``); ``upload`` checks and decodes a file first
(``clean_upload``); ``language`` warns when the text is not English.
``kept_in_body`` tells the datelines and headlines a page left in its body,
for framing to set aside.
"""

from .article import PROSE_ONLY_MAX_LINES, PROSE_ONLY_MAX_TOPIC, clean_html, clean_text
from .dates import parse_dateline
from .decode import decode_bytes
from .errors import CleaningError
from .kept_in_body import DATE_WORDS, headline_case, is_metadata_line, is_title_case
from .language import NOT_ENGLISH_WARNING, detect_language
from .metadata import EXTRA_DATE_REASON, wire_agency
from .normalise import normalise
from .upload import MAX_UPLOAD_BYTES, clean_upload, size_message

__all__ = [
    "DATE_WORDS",
    "EXTRA_DATE_REASON",
    "MAX_UPLOAD_BYTES",
    "NOT_ENGLISH_WARNING",
    "PROSE_ONLY_MAX_LINES",
    "PROSE_ONLY_MAX_TOPIC",
    "CleaningError",
    "clean_html",
    "clean_text",
    "clean_upload",
    "decode_bytes",
    "detect_language",
    "headline_case",
    "is_metadata_line",
    "is_title_case",
    "normalise",
    "parse_dateline",
    "size_message",
    "wire_agency",
]
