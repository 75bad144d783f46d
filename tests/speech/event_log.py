"""A speech service's events as they arrive on its own thread, for tests to wait on without sleeps."""

from __future__ import annotations

import threading
from collections.abc import Callable

from guide.speech.api import SpeechEvent, SpeechService


class EventLog:
    """Every event a service sends, in order, with waits on a condition (never a fixed time)."""

    def __init__(self, service: SpeechService) -> None:
        self.items: list[SpeechEvent] = []
        self.changed = threading.Condition()
        service.subscribe(self.add)

    def add(self, event: SpeechEvent) -> None:
        with self.changed:
            self.items.append(event)
            self.changed.notify_all()

    def arrived(self, test: Callable[[SpeechEvent], bool], timeout: float = 15, after: int = 0) -> bool:
        """Whether an event passing ``test`` arrives (among those after the first ``after``)."""
        with self.changed:
            return self.changed.wait_for(lambda: any(test(e) for e in self.items[after:]), timeout)

    def wait(self, test: Callable[[SpeechEvent], bool], after: int = 0, timeout: float = 10.0) -> SpeechEvent:
        """The first event passing ``test`` (after the first ``after``); fails the test if none comes."""
        assert self.arrived(test, timeout, after), f"no such event; got {[e.kind for e in self.items]}"
        with self.changed:
            return next(e for e in self.items[after:] if test(e))

    def started(self, index: int, after: int = 0) -> SpeechEvent:
        return self.wait(lambda e: e.kind == "started" and e.index == index, after)

    def mark(self) -> int:
        """How many events so far: pass it as ``after`` to wait only for later ones."""
        with self.changed:
            return len(self.items)
