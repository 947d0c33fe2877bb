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


@register.filter
def iso_date(value: str | None) -> str:
    """'2023-09-18T06:31:00+01:00' -> '18 Sep 2023, 06:31 (UTC+01:00)'."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    offset = moment.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return f"{moment.day} {moment:%b %Y, %H:%M}{zone}"


@register.filter
def iso_day(value: str | None) -> str:
    """'2023-09-18T06:31:00+01:00' -> '18 Sep 2023'."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment.day} {moment:%b %Y}"
