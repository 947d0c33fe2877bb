"""Rendered comparison pages in the shared cache. Every key is built here.

A key names the comparison, what the page draws from it (filter, layout, kind,
chunk of rows) and the state of its two articles: when an article is corrected (its
``updated_at`` moves) or deleted, every key of the pages that show it changes, so
no page naming the old state is served again; the old entries age out. A value
larger than CACHE_MAX_VALUE_BYTES is never stored, so the cache is bounded in bytes
(at most MAX_ENTRIES values of at most that size).

A page read from the shared cache is also kept in the reading process, in a
least-recently-used store of at most NEWSDIFF_LOCAL_PAGE_BYTES: a popular page is
then served without fetching and decoding its text from the shared cache on every
view. A key names the state of what it shows, so what a process keeps is never out
of date, only unused.
"""

from __future__ import annotations

import hashlib
import sys
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router

from newsdiff.models import Article, Comparison

PREFIX = "newsdiff:v2"


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
    """The comparison's id and state and its articles' edit times (None: deleted).
    Asked before every view of a page, so the query is built once per connection."""
    sql, compiler = _state_query()
    with compiler.connection.cursor() as cursor:
        cursor.execute(sql, [short_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = next(compiler.results_iter(results=[[row]]))  # the fields' own conversions
    return dict(zip(STATE_FIELDS, values, strict=True))


_prepared = threading.local()  # a connection belongs to one thread


def _state_query():
    """The state query's SQL and its compiler (which converts what it reads, e.g.
    SQLite's text into aware datetimes) for this thread's connection."""
    connection = connections[router.db_for_read(Comparison)]
    made = getattr(_prepared, "state", None)
    if made is None or made[0] is not connection:
        query = Comparison.objects.filter(short_id="").order_by().values(*STATE_FIELDS)[:1]
        compiler = query.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if list(params) != [""]:
            raise RuntimeError(f"the state query takes other parameters: {params!r}")
        made = _prepared.state = (connection, sql, compiler)
    return made[1], made[2]


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


class _LocalPages:
    """Pages kept in this process, least recently used first out, at most
    ``settings.NEWSDIFF_LOCAL_PAGE_BYTES`` of text in all."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, str] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
            return html

    def keep(self, key: str, html: str) -> None:
        limit, size = settings.NEWSDIFF_LOCAL_PAGE_BYTES, sys.getsizeof(html)
        if size > limit:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = html
            self._size += size
            while self._size > limit:
                self._size -= sys.getsizeof(self._pages.popitem(last=False)[1])

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._size = 0


local_pages = _LocalPages()


def get(key: str) -> str | None:
    html = local_pages.get(key)
    if html is None:
        html = cache.get(key)
        if html is not None:
            local_pages.keep(key, html)
    return html


def put(key: str, html: str) -> bool:
    """Keep ``html`` under ``key`` unless it is larger than one value may be."""
    if len(html.encode()) > settings.CACHE_MAX_VALUE_BYTES:
        return False
    cache.set(key, html, settings.NEWSDIFF_PAGE_CACHE_SECONDS)
    return True


def throttle_key(client: str, window: int) -> str:
    return f"{PREFIX}:create:{hashlib.sha256(client.encode()).hexdigest()[:24]}:{window}"
