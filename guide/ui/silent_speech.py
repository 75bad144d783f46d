"""A speech service that says nothing, for when guide.speech.service is missing.

It keeps the same state a real service would (enabled, rate, volume, position)
and reports it through events, so the reader's keys behave the same without a
voice. Replaced by guide.speech.service.create_speech_service when that exists.
"""

from __future__ import annotations

from collections.abc import Sequence

from guide.speech.api import RATE_STEPS, VOLUME_STEPS, Cue, Listener, SpeechEvent, Unit, Utterance


class SilentSpeech:
    def __init__(self, rate: str = "normal", volume: str = "normal", reason: str = "Speech is not installed.") -> None:
        self._listeners: list[Listener] = []
        self._rate = [n for n, _ in RATE_STEPS].index(rate) if rate in dict(RATE_STEPS) else 2
        self._volume = [n for n, _ in VOLUME_STEPS].index(volume) if volume in dict(VOLUME_STEPS) else 2
        self._reason = reason

    @property
    def enabled(self) -> bool:
        return False

    @property
    def available(self) -> bool:
        return False

    @property
    def status(self) -> str:
        return f"Speech unavailable: {self._reason}"

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: SpeechEvent) -> None:
        for listener in self._listeners:
            listener(event)

    def set_enabled(self, enabled: bool) -> None:
        if enabled:
            self._emit(SpeechEvent("unavailable", message=self.status))

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        return None

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        return None

    def stop(self) -> None:
        return None

    def pause(self) -> None:
        return None

    def resume(self) -> None:
        return None

    def move(self, unit: Unit, step: int) -> None:
        return None

    def repeat(self) -> None:
        return None

    def where(self) -> tuple[int, int]:
        return (-1, 0)

    def change_rate(self, step: int) -> str:
        self._rate = max(0, min(len(RATE_STEPS) - 1, self._rate + step))
        return RATE_STEPS[self._rate][0]

    def change_volume(self, step: int) -> str:
        self._volume = max(0, min(len(VOLUME_STEPS) - 1, self._volume + step))
        return VOLUME_STEPS[self._volume][0]

    def voices(self) -> list[tuple[str, str]]:
        return []

    def set_voice(self, voice_id: str) -> None:
        return None

    def close(self) -> None:
        return None
