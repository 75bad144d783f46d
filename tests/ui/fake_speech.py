"""A recording SpeechService for Pilot tests: it remembers every call and emits the events a real one would.

Events are emitted from a background thread, as the real service does, so the
tests also exercise the app's hand-over onto the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from guide.speech.api import RATE_STEPS, VOLUME_STEPS, Cue, Listener, SpeechEvent, Unit, Utterance


class RecordingSpeech:
    def __init__(self, enabled: bool = True, available: bool = True) -> None:
        self._enabled = enabled
        self._available = available
        self.calls: list[tuple[object, ...]] = []
        self.listeners: list[Listener] = []
        self.document: list[Utterance] = []
        self.position = -1
        self.rate = 2
        self.volume = 2
        self.busy = False

    # what the tests look at
    def names(self) -> list[str]:
        return [str(c[0]) for c in self.calls]

    def said(self) -> list[str]:
        return [str(c[1]) for c in self.calls if c[0] == "announce"]

    def clear(self) -> None:
        self.calls.clear()

    def emit(self, event: SpeechEvent) -> None:
        """Deliver from another thread, like the real service."""
        thread = threading.Thread(target=lambda: [listener(event) for listener in self.listeners])
        thread.start()
        thread.join()

    def _start(self, index: int) -> None:
        self.position = index
        self.busy = True
        if 0 <= index < len(self.document):
            self.emit(SpeechEvent("started", index, self.document[index]))

    # the Protocol
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
        self.calls.append(("set_enabled", enabled))
        self._enabled = enabled

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        self.calls.append(("announce", text, cue))

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        self.calls.append(("read", len(utterances), start))
        self.document = list(utterances)
        self._start(start)

    def stop(self) -> None:
        self.calls.append(("stop",))
        if self.busy:
            self.busy = False
            self.emit(SpeechEvent("stopped", self.position))

    def pause(self) -> None:
        self.calls.append(("pause",))
        self.busy = False
        self.emit(SpeechEvent("paused"))

    def resume(self) -> None:
        self.calls.append(("resume",))
        self.busy = True
        self.emit(SpeechEvent("resumed"))

    def move(self, unit: Unit, step: int) -> None:
        """Move like the real service: by sentence, or to the next paragraph / section start."""
        self.calls.append(("move", unit, step))
        i = self.position
        doc = self.document
        if unit is Unit.SENTENCE:
            target = i + step
        else:
            key = (lambda u: u.paragraph) if unit is Unit.PARAGRAPH else (lambda u: u.section)
            current = key(doc[i])
            if step > 0:
                target = next((j for j in range(i, len(doc)) if key(doc[j]) != current), len(doc))
            else:
                first = next(j for j in range(i, -1, -1) if j == 0 or key(doc[j - 1]) != current)
                prev = key(doc[first - 1]) if first > 0 else current
                target = next(j for j in range(first - 1, -1, -1) if j == 0 or key(doc[j - 1]) != prev) if first else 0
        self._start(max(0, min(len(doc) - 1, target)))

    def repeat(self) -> None:
        self.calls.append(("repeat",))

    def where(self) -> tuple[int, int]:
        return (self.position, len(self.document)) if self.document else (-1, 0)

    def change_rate(self, step: int) -> str:
        self.calls.append(("rate", step))
        self.rate = max(0, min(len(RATE_STEPS) - 1, self.rate + step))
        return RATE_STEPS[self.rate][0]

    def change_volume(self, step: int) -> str:
        self.calls.append(("volume", step))
        self.volume = max(0, min(len(VOLUME_STEPS) - 1, self.volume + step))
        return VOLUME_STEPS[self.volume][0]

    def voices(self) -> list[tuple[str, str]]:
        return [("en", "English (en)"), ("es", "Spanish (es)")]

    def set_voice(self, voice_id: str) -> None:
        self.calls.append(("set_voice", voice_id))

    def close(self) -> None:
        self.calls.append(("close",))
