"""A SpeechService that records calls, to check what the kiosk says and when (and that
it says nothing to an empty room). Satisfies guide.speech.api.SpeechService."""

from __future__ import annotations

from collections.abc import Sequence

from guide.speech.api import RATE_STEPS, VOLUME_STEPS, Cue, Listener, SpeechEvent, Unit, Utterance


class SpeechRecorder:
    def __init__(self, enabled: bool = False) -> None:
        self._enabled = enabled
        self.calls: list[tuple[object, ...]] = []
        self.listeners: list[Listener] = []
        self.rate = 2
        self.volume = 2

    def said(self) -> list[str]:
        return [str(c[1]) for c in self.calls if c[0] == "announce"]

    def sounds(self) -> list[tuple[object, ...]]:
        """Calls that would make a sound (announce, read)."""
        return [c for c in self.calls if c[0] in ("announce", "read")]

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def available(self) -> bool:
        return True

    @property
    def status(self) -> str:
        return f"Speech {'on' if self._enabled else 'off'}"

    def subscribe(self, listener: Listener) -> None:
        self.listeners.append(listener)

    def _emit(self, event: SpeechEvent) -> None:
        for listener in self.listeners:
            listener(event)

    def set_enabled(self, enabled: bool) -> None:
        self.calls.append(("set_enabled", enabled))
        self._enabled = enabled

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        if self._enabled:
            self.calls.append(("announce", text))

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        if self._enabled:
            self.calls.append(("read", len(utterances), start))

    def stop(self) -> None:
        self.calls.append(("stop",))

    def pause(self) -> None:
        self.calls.append(("pause",))

    def resume(self) -> None:
        self.calls.append(("resume",))

    def move(self, unit: Unit, step: int) -> None:
        self.calls.append(("move", unit, step))

    def repeat(self) -> None:
        self.calls.append(("repeat",))

    def where(self) -> tuple[int, int]:
        return (-1, 0)

    def change_rate(self, step: int) -> str:
        self.rate = max(0, min(len(RATE_STEPS) - 1, self.rate + step))
        self.calls.append(("rate", RATE_STEPS[self.rate][0]))
        return RATE_STEPS[self.rate][0]

    def change_volume(self, step: int) -> str:
        self.volume = max(0, min(len(VOLUME_STEPS) - 1, self.volume + step))
        self.calls.append(("volume", VOLUME_STEPS[self.volume][0]))
        return VOLUME_STEPS[self.volume][0]

    def voices(self) -> list[tuple[str, str]]:
        return [("en", "English")]

    def set_voice(self, voice_id: str) -> None:
        self.calls.append(("voice", voice_id))

    def close(self) -> None:
        self.calls.append(("close",))
