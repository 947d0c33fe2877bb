"""How many new comparisons a visitor who is not signed in may start."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

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
