"""Small formatting helpers for newsdiff's templates."""

from datetime import datetime

from django import template
from django.utils.html import format_html

register = template.Library()

_DIFF_TAGS = {
    "delete": ('<del class="w w--delete">{}</del>', "removed"),
    "insert": ('<ins class="w w--insert">{}</ins>', "added"),
    "replace": ('<mark class="w w--replace">{}</mark>', "changed"),
}


@register.simple_tag
def diffpart(part) -> str:
    """One run of a word diff, escaped, wrapped in the element that marks its change."""
    if part.op in _DIFF_TAGS:
        markup, _ = _DIFF_TAGS[part.op]
        return format_html(markup, part.text)
    return format_html("{}", part.text)


@register.filter
def percent(value) -> str:
    try:
        return f"{float(value) * 100:.0f} %"
    except (TypeError, ValueError):
        return "—"


def _moment(value: str | None) -> datetime | str:
    """The ISO timestamp as a datetime, or the text itself when it is not one."""
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return value


@register.filter
def iso_date(value: str | None) -> str:
    """'2023-09-18T06:31:00+01:00' -> '18 Sep 2023, 06:31 (UTC+01:00)'."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        return moment
    offset = moment.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return f"{moment.day} {moment:%b %Y, %H:%M}{zone}"


@register.filter
def iso_day(value: str | None) -> str:
    """'2023-09-18T06:31:00+01:00' -> '18 Sep 2023'."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        return moment
    return f"{moment.day} {moment:%b %Y}"


# Words whose first letter misleads: a vowel said as "w" or "y", a silent "h".
_A_BEFORE = ("one", "once", "uni", "use", "usu", "eu", "ewe")
_AN_BEFORE = ("hour", "honest", "honour", "heir")


@register.filter
def a_or_an(word: str) -> str:
    """The indefinite article to put before ``word``: "an" before a vowel sound
    ("an “Attribution” finding", "an “Only in one report” finding"), else "a"."""
    text = str(word).lstrip(" “‘\"'").lower()
    if text.startswith(_AN_BEFORE):
        return "an"
    if not text or text.startswith(_A_BEFORE):
        return "a"
    return "an" if text[0] in "aeiou" else "a"
