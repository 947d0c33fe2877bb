"""A worker's sign of life survives a write that fails now and then."""

import threading

from django.db import OperationalError

from newsdiff import work


class _Rows:
    """Stands in for a model's rows: the first write fails as SQLite does when
    another worker holds its write lock past the busy timeout."""

    def __init__(self):
        self.writes, self.failures, self.beaten = 0, 0, threading.Event()

    def filter(self, **lookups):
        return self

    def update(self, **fields):
        self.writes += 1
        if self.writes == 1:
            self.failures += 1
            raise OperationalError("database is locked")
        self.beaten.set()
        return 1


class _Model:
    __name__ = "Comparison"
    objects = _Rows()


def test_a_missed_heartbeat_is_tried_again_at_the_next_beat(monkeypatch):
    monkeypatch.setattr(work, "HEARTBEAT_SECONDS", 0.01)
    beat = work._Heartbeat(_Model, 1)
    beat.start()
    try:
        assert _Model.objects.beaten.wait(5), "the heartbeat thread died on a failed write"
    finally:
        beat.stopped.set()
        beat.join(5)
    assert _Model.objects.failures == 1 and _Model.objects.writes >= 2
