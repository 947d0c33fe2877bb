"""Rendered comparison pages in the shared cache. Every key is built here.

A key names the comparison, what the page draws from it (filter, layout, kind,
chunk of rows) and the state of its two articles: when an article is corrected (its
``updated_at`` moves) or deleted, every key of the pages that show it changes, so
no page naming the old state is served again; the old entries age out. A value
larger than CACHE_MAX_VALUE_BYTES is never stored, so the cache is bounded in bytes
(at most MAX_ENTRIES values of at most that size).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from newsdiff.models import Article, Comparison

PREFIX = "newsdiff:v1"


# What a cached page depends on, read in one small query (no model instances).
STATE_FIELDS = (
    "pk",
    "short_id",
    "engine_version",
    "status",
    "left_article__updated_at",
    "right_article__updated_at",
)


def comparison_state(short_id: str) -> dict[str, object] | None:
    """The comparison's id and state and its articles' edit times (None: deleted)."""
    rows = Comparison.objects.filter(short_id=short_id).order_by().values(*STATE_FIELDS)[:1]
    return next(iter(rows), None)


def state_of(comparison: Comparison) -> dict[str, object]:
    def edited(article: Article | None):
        return article.updated_at if article is not None else None

    return {
        "pk": comparison.pk,
        "short_id": comparison.short_id,
        "engine_version": comparison.engine_version,
        "status": comparison.status,
        "left_article__updated_at": edited(comparison.left_article),
        "right_article__updated_at": edited(comparison.right_article),
    }


def comparison_key(part: str, state: dict[str, object], **variant: object) -> str:
    """The key of one rendered ``part`` ("page", "body", "section", "rows") of a
    comparison in ``state`` (``comparison_state`` or ``state_of``)."""
    words = [
        str(state[name]) if name.endswith("_at") and state[name] else str(state[name] or "gone")
        for name in STATE_FIELDS
    ]
    words += [f"{name}={variant[name]}" for name in sorted(variant)]
    digest = hashlib.sha256("\x1f".join(words).encode()).hexdigest()[:32]
    return f"{PREFIX}:{part}:{state['short_id']}:{digest}"


def get(key: str) -> str | None:
    return cache.get(key)


def put(key: str, html: str) -> bool:
    """Keep ``html`` under ``key`` unless it is larger than one value may be."""
    if len(html.encode()) > settings.CACHE_MAX_VALUE_BYTES:
        return False
    cache.set(key, html, settings.NEWSDIFF_PAGE_CACHE_SECONDS)
    return True


def throttle_key(client: str, window: int) -> str:
    return f"{PREFIX}:create:{hashlib.sha256(client.encode()).hexdigest()[:24]}:{window}"
