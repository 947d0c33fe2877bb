"""Step 2, normalising every line: NFC, non-breaking and other odd spaces become
plain spaces, runs of spaces collapse, invisible characters (zero-width space,
soft hyphen) and control characters go. Curly quotes and dashes stay as they
are. ``raw`` keeps the text exactly as received; only the derived fields are
normalised."""

from __future__ import annotations

import re
import unicodedata

# Control characters, except the tab and line breaks plain text may hold.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
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
