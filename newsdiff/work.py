"""The state of a result made in the background (a comparison, a coverage).

A row exists as soon as its result is asked for (queued). Whoever makes it claims
it (running), marks it alive while it works, and saves the result in one write
(done). An error is retried once, then the row is marked failed with a plain
message; a half-made result is never saved. This module knows rows and their
states only: what is computed, and how it is queued, the pipeline says.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone

from newsdiff.models import BackgroundWork, WorkStatus

logger = logging.getLogger(__name__)

# A result is tried this many times (a crash, a killed worker) before it is shown
# as failed.
MAX_ATTEMPTS = 2
# The worker making a result marks it alive this often; a row with no sign of life
# for settings.NEWSDIFF_STALLED_AFTER seconds has lost its worker.
HEARTBEAT_SECONDS = 5

Enqueue = Callable[[BackgroundWork], None]


class Unavailable(Exception):
    """The result cannot be made; the message is shown to journalists."""


class _Heartbeat(threading.Thread):
    """Marks a running row alive every HEARTBEAT_SECONDS until stopped."""

    def __init__(self, model: type[BackgroundWork], pk: int):
        super().__init__(daemon=True)
        self.model, self.pk, self.stopped = model, pk, threading.Event()

    def run(self) -> None:
        used = False
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            used = True
            try:
                self.model.objects.filter(pk=self.pk, status=WorkStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
            except DatabaseError:
                # A write that could not be made now (SQLite busy with another
                # worker's long write, a dropped connection) is tried again at the
                # next beat; a thread that died here would let a working worker's
                # result be taken for stalled.
                logger.warning("%s %s: a heartbeat was missed", self.model.__name__, self.pk)
                connection.close()
        if used:
            connection.close()


def _noun(model: type[BackgroundWork]) -> str:
    return str(model._meta.verbose_name)


def make(
    model: type[BackgroundWork],
    pk: int,
    compute: Callable[[Any], dict[str, Any]],
    enqueue: Enqueue,
    doing: str,
) -> None:
    """Make a queued row (the task's body): ``compute(row)`` returns the fields to
    save with it. A row another worker has taken, or one already made, is left
    alone. ``doing`` ends the plain message of an unexpected error ("newsdiff hit an
    unexpected error while <doing>.")."""
    now = timezone.now()
    claimed = model.objects.filter(pk=pk, status=WorkStatus.QUEUED).update(
        status=WorkStatus.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        error="",
    )
    if not claimed:
        return
    heartbeat = _Heartbeat(model, pk)
    heartbeat.start()
    try:
        fields = compute(model.objects.defer("result").get(pk=pk))
    except Unavailable as err:
        _fail(model, pk, str(err))
        return
    except Exception:
        logger.exception("%s %s failed", model.__name__, pk)
        message = f"newsdiff hit an unexpected error while {doing}."
        retry_or_fail(model, pk, message, enqueue)
        return
    finally:
        heartbeat.stopped.set()
    model.objects.filter(pk=pk, status=WorkStatus.RUNNING).update(
        **fields, status=WorkStatus.DONE, finished_at=timezone.now()
    )


def _fail(model: type[BackgroundWork], pk: int, message: str) -> None:
    model.objects.filter(pk=pk).update(
        status=WorkStatus.FAILED, error=message, finished_at=timezone.now()
    )


def retry_or_fail(
    model: type[BackgroundWork],
    pk: int,
    message: str,
    enqueue: Enqueue,
    status: str = WorkStatus.RUNNING,
) -> None:
    """Queue the row again if it has a try left, else mark it failed."""
    retried = model.objects.filter(pk=pk, status=status, attempts__lt=MAX_ATTEMPTS).update(
        status=WorkStatus.QUEUED
    )
    if retried:
        enqueue(model.objects.defer("result").get(pk=pk))
    else:
        model.objects.filter(pk=pk, status=status).update(
            status=WorkStatus.FAILED,
            error=f"{message} It was tried {MAX_ATTEMPTS} times.",
            finished_at=timezone.now(),
        )


def recover_if_stalled(row: BackgroundWork, enqueue: Enqueue) -> BackgroundWork:
    """A row whose worker died (no sign of life for NEWSDIFF_STALLED_AFTER seconds) is
    queued again or, on its last try, marked failed. Returns the current row."""
    model = type(row)
    cutoff = timezone.now() - timedelta(seconds=settings.NEWSDIFF_STALLED_AFTER)
    beat = row.heartbeat_at
    if row.status == WorkStatus.RUNNING and beat is not None and beat < cutoff:
        stalled = model.objects.filter(
            pk=row.pk, status=WorkStatus.RUNNING, heartbeat_at__lt=cutoff
        )
        if stalled.exists():
            retry_or_fail(model, row.pk, f"The worker making this {_noun(model)} stopped.", enqueue)
        row.refresh_from_db()
    return row


def reset_failed(row: BackgroundWork) -> bool:
    """Staff's retry of a failed row: it gets its tries again (queued). False when the
    row had not failed."""
    return bool(
        type(row)
        .objects.filter(pk=row.pk, status=WorkStatus.FAILED)
        .update(status=WorkStatus.QUEUED, attempts=0, error="", finished_at=None)
    )
