"""The one error cleaning raises, and the words its messages share."""

from __future__ import annotations


class CleaningError(ValueError):
    """Input newsdiff cannot read. ``str(err)`` is written for the journalist who sent it."""


_EMPTY = "There is no text here: it is empty or only spaces. Paste the article's text."
_PASTE_INSTEAD = "copy the article text and paste it instead."
