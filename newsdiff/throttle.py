"""How many new comparisons a visitor who is not signed in may start."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render

from newsdiff import page_cache


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the header a trusted proxy sets
    (NEWSDIFF_CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP) when the app runs behind one."""
    header = settings.NEWSDIFF_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    return value.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "") or "unknown"


def may_create(request) -> bool:
    """Count one creation for this visitor; False once the window's limit is used up.
    Signed-in staff are not limited."""
    if request.user.is_authenticated and request.user.is_staff:
        return True
    window_seconds = settings.NEWSDIFF_ANON_CREATE_WINDOW
    window = int(time.time() // window_seconds)
    key = page_cache.throttle_key(client_address(request), window)
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count <= settings.NEWSDIFF_ANON_CREATE_LIMIT


def retry_after_seconds() -> int:
    window_seconds = settings.NEWSDIFF_ANON_CREATE_WINDOW
    return int(window_seconds - time.time() % window_seconds) + 1


def wait_in_words(seconds: int) -> str:
    """How long until the visitor may start one again, as a reader says it
    ("in about 2 minutes" for 128 seconds)."""
    if seconds < 45:
        return "in less than a minute"
    minutes = round(seconds / 60)
    if minutes < 2:
        return "in about a minute"
    if minutes < 60:
        return f"in about {minutes} minutes"
    hours = round(minutes / 60)
    return "in about an hour" if hours < 2 else f"in about {hours} hours"


def refusal(request, context: dict) -> HttpResponse:
    """The 429 page for a visitor over the limit: its Retry-After and its text name
    the same wait."""
    seconds = retry_after_seconds()
    window_minutes = max(round(settings.NEWSDIFF_ANON_CREATE_WINDOW / 60), 1)
    context = {
        **context,
        "wait": wait_in_words(seconds),
        "limit": settings.NEWSDIFF_ANON_CREATE_LIMIT,
        "window_minutes": window_minutes,
    }
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
