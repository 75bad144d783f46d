"""The speech service that stands in when speech cannot work here (no engine, no sound device).

It says why once, in one 'unavailable' event and in its status, and otherwise does
nothing, so the guide runs the same way with or without a voice.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from guide.speech.api import (
    RATE_STEPS,
    VOLUME_STEPS,
    Cue,
    EventKind,
    Listener,
    SpeechEvent,
    Unit,
    Utterance,
    nearest_step,
)


class SilentSpeechService:
    """Speech that cannot work here: says why once (in events and status) and does nothing."""

    def __init__(self, reason: str, enabled: bool = False) -> None:
        self.reason = reason
        self._enabled = enabled
        self._rate = [name for name, _ in RATE_STEPS].index("normal")
        self._volume = [name for name, _ in VOLUME_STEPS].index("normal")

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def available(self) -> bool:
        return False

    @property
    def status(self) -> str:
        return self.reason

    def subscribe(self, listener: Listener) -> None:
        """The listener hears 'unavailable' once, from a background thread like every event."""
        event = SpeechEvent(EventKind.UNAVAILABLE, message=self.reason)
        threading.Thread(target=listener, args=(event,), daemon=True).start()

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None: ...
    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None: ...
    def stop(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def move(self, unit: Unit, step: int) -> None: ...
    def repeat(self) -> None: ...

    def where(self) -> tuple[int, int]:
        return (-1, 0)

    def change_rate(self, step: int) -> str:
        """Still answers with the word, so the settings screen and saved settings behave as usual."""
        self._rate = max(0, min(len(RATE_STEPS) - 1, self._rate + step))
        return RATE_STEPS[self._rate][0]

    def change_volume(self, step: int) -> str:
        self._volume = max(0, min(len(VOLUME_STEPS) - 1, self._volume + step))
        return VOLUME_STEPS[self._volume][0]

    def voices(self) -> list[tuple[str, str]]:
        return []

    def set_voice(self, voice_id: str) -> None: ...

    def configure(self, rate: int, volume: float, voice: str | None = None) -> None:
        self._rate = nearest_step(RATE_STEPS, rate)
        self._volume = nearest_step(VOLUME_STEPS, volume)

    def close(self) -> None: ...
