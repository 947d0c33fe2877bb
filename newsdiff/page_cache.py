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


def _article_state(article: Article | None) -> str:
    return "gone" if article is None else article.updated_at.isoformat()


def comparison_key(part: str, comparison: Comparison, **variant: object) -> str:
    """The key of one rendered ``part`` ("page", "body", "rows") of a comparison."""
    state = [
        comparison.short_id,
        comparison.engine_version,
        comparison.status,
        _article_state(comparison.left_article),
        _article_state(comparison.right_article),
        *(f"{name}={variant[name]}" for name in sorted(variant)),
    ]
    digest = hashlib.sha256("\x1f".join(state).encode()).hexdigest()[:32]
    return f"{PREFIX}:{part}:{comparison.short_id}:{digest}"


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
