"""The suite's one stand-in for guide.speech.api.SpeechService: it records every call and
answers the way a real service would, so UI and kiosk tests can check what was asked, what a
listener would have heard, and where reading has got to.

Events go out from a background thread, as the real service sends them, so the tests also
exercise the app's hand-over onto the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from guide.speech.api import (
    RATE_STEPS,
    VOLUME_STEPS,
    Cue,
    EventKind,
    Listener,
    SpeechEvent,
    SpeechService,
    Unit,
    Utterance,
    step_along,
)

Call = tuple[object, ...]


class RecordingSpeech:
    """Speech that remembers; ``calls`` holds every request in order, ``heard`` only what made a sound."""

    def __init__(self, enabled: bool = True, available: bool = True) -> None:
        self._enabled = enabled
        self._available = available
        self.calls: list[Call] = []
        self.heard: list[Call] = []
        self.listeners: list[Listener] = []
        self.document: list[Utterance] = []
        self.position = -1
        self.rate = "normal"
        self.volume = "normal"
        self.busy = False

    # What the tests look at.

    def names(self) -> list[str]:
        return [str(call[0]) for call in self.calls]

    def said(self) -> list[str]:
        """Every announcement asked for, heard or not (speech off still gets asked)."""
        return [str(call[1]) for call in self.calls if call[0] == "announce"]

    def sounds(self) -> list[Call]:
        """The announcements and readings asked for while speech was on: what someone in the room heard."""
        return list(self.heard)

    def clear(self) -> None:
        self.calls.clear()
        self.heard.clear()

    def emit(self, event: SpeechEvent) -> None:
        """Deliver from another thread, like the real service."""
        thread = threading.Thread(target=lambda: [listener(event) for listener in self.listeners])
        thread.start()
        thread.join()

    def _record(self, *call: object, audible: bool = False) -> None:
        self.calls.append(call)
        if audible and self._enabled:
            self.heard.append(call)

    def _start(self, index: int) -> None:
        self.position = index
        self.busy = True
        if 0 <= index < len(self.document):
            self.emit(SpeechEvent(EventKind.STARTED, index, self.document[index]))

    # The Protocol.

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def available(self) -> bool:
        return self._available

    @property
    def status(self) -> str:
        return f"Speech {'on' if self._enabled else 'off'} (test)"

    def subscribe(self, listener: Listener) -> None:
        self.listeners.append(listener)

    def set_enabled(self, enabled: bool) -> None:
        self._record("set_enabled", enabled)
        self._enabled = enabled

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        self._record("announce", text, cue, audible=True)

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        self._record("read", len(utterances), start, audible=True)
        self.document = list(utterances)
        self._start(start)

    def stop(self) -> None:
        self._record("stop")
        if self.busy:
            self.busy = False
            self.emit(SpeechEvent(EventKind.STOPPED, self.position))

    def pause(self) -> None:
        self._record("pause")
        self.busy = False
        self.emit(SpeechEvent(EventKind.PAUSED))

    def resume(self) -> None:
        self._record("resume")
        self.busy = True
        self.emit(SpeechEvent(EventKind.RESUMED))

    def move(self, unit: Unit, step: int) -> None:
        """Move like the real service: by sentence, or to the next or previous paragraph or section start."""
        self._record("move", unit, step)
        if not self.document:
            return
        if unit is Unit.SENTENCE:
            target = self.position + step
        else:
            target = _block_start(self.document, self.position, step, _PLACE[unit])
        self._start(max(0, min(len(self.document) - 1, target)))

    def repeat(self) -> None:
        self._record("repeat")

    def where(self) -> tuple[int, int]:
        return (self.position, len(self.document)) if self.document else (-1, 0)

    def change_rate(self, step: int) -> str:
        self._record("rate", step)
        self.rate, _ = step_along(RATE_STEPS, dict(RATE_STEPS)[self.rate], step)
        return self.rate

    def change_volume(self, step: int) -> str:
        self._record("volume", step)
        self.volume, _ = step_along(VOLUME_STEPS, dict(VOLUME_STEPS)[self.volume], step)
        return self.volume

    def voices(self) -> list[tuple[str, str]]:
        return [("en", "English (en)"), ("es", "Spanish (es)")]

    def set_voice(self, voice_id: str) -> None:
        self._record("set_voice", voice_id)

    def close(self) -> None:
        self._record("close")


_PLACE: dict[Unit, Callable[[Utterance], int]] = {
    Unit.PARAGRAPH: lambda utterance: utterance.paragraph,
    Unit.SECTION: lambda utterance: utterance.section,
}


def _block_start(document: Sequence[Utterance], index: int, step: int, place: Callable[[Utterance], int]) -> int:
    """Where the next (step > 0) or previous paragraph or section begins, seen from ``index``."""
    here = place(document[index])
    if step > 0:
        return next((j for j in range(index, len(document)) if place(document[j]) != here), len(document))
    first = next(j for j in range(index, -1, -1) if j == 0 or place(document[j - 1]) != here)
    if first == 0:
        return 0
    previous = place(document[first - 1])
    return next(j for j in range(first - 1, -1, -1) if j == 0 or place(document[j - 1]) != previous)


def as_service(fake: RecordingSpeech) -> SpeechService:
    """The fake where a SpeechService is wanted; mypy checks here that it still matches the Protocol."""
    return fake
