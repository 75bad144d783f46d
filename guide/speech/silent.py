"""The speech service that stands in when speech cannot work here (no engine, no sound device).

It says why once, in one 'unavailable' event and in its status, and otherwise does
nothing, so the guide runs the same way with or without a voice.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from guide.speech.api import (
    NORMAL_RATE,
    NORMAL_VOLUME,
    RATE_STEPS,
    VOLUME_STEPS,
    Cue,
    EventKind,
    Listener,
    SpeechEvent,
    Unit,
    Utterance,
    step_along,
)


class SilentSpeechService:
    """Speech that cannot work here: says why once (in events and status) and does nothing."""

    def __init__(self, reason: str, enabled: bool = False) -> None:
        self.reason = reason
        self._enabled = enabled
        self._rate: float = NORMAL_RATE
        self._volume = NORMAL_VOLUME

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
        word, self._rate = step_along(RATE_STEPS, self._rate, step)
        return word

    def change_volume(self, step: int) -> str:
        word, self._volume = step_along(VOLUME_STEPS, self._volume, step)
        return word

    def voices(self) -> list[tuple[str, str]]:
        return []

    def set_voice(self, voice_id: str) -> None: ...

    def configure(self, rate: int, volume: float, voice: str | None = None) -> None:
        self._rate, self._volume = rate, volume

    def close(self) -> None: ...
