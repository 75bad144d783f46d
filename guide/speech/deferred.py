"""A SpeechService that builds the real one off the UI thread, after the first screen is shown.

Importing and starting the speech service (engine probe, worker processes) takes
a noticeable part of start-up; the guide should be readable before that. Until
the real service is ready this stand-in keeps what was asked (on/off, the last
thing to read or say, rate and volume steps) and hands it over when it is. It
knows no voices until then; a "voices" event says when they can be asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from guide.speech.api import (
    RATE_STEPS,
    VOLUME_STEPS,
    Cue,
    Listener,
    SpeechEvent,
    SpeechService,
    Unit,
    Utterance,
    step_along,
)


class DeferredSpeech:
    def __init__(self, factory: Callable[[], SpeechService], *, enabled: bool, rate: str, volume: str) -> None:
        self._factory = factory
        self._real: SpeechService | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._listeners: list[Listener] = []
        self._enabled = enabled
        self._pending: tuple[str, object, object] | None = None
        self._rate_steps: list[int] = []
        self._volume_steps: list[int] = []
        self._rate: float = dict(RATE_STEPS)[rate]
        self._volume = dict(VOLUME_STEPS)[volume]
        self._voice: str | None = None
        self._closed = False
        self._failure = ""

    @property
    def real(self) -> SpeechService | None:
        return self._real

    def warm_up(self) -> None:
        """Start building the real service in a thread (returns at once; called again it does nothing)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._build, name="speech-start", daemon=True)
            self._thread.start()

    def wait_ready(self, timeout: float = 10.0) -> bool:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self._real is not None

    def _build(self) -> None:
        try:
            real = self._factory()
        except Exception as exc:  # the guide must keep working without speech, whatever happened
            self._failure = f"Speech could not start ({type(exc).__name__}); the guide works without it."
            for listener in list(self._listeners):
                listener(SpeechEvent("unavailable", message=self._failure))
            return
        with self._lock:
            if self._closed:
                real.close()
                return
            for listener in self._listeners:
                real.subscribe(listener)
            if real.enabled != self._enabled:
                real.set_enabled(self._enabled)
            for step in self._rate_steps:
                real.change_rate(step)
            for step in self._volume_steps:
                real.change_volume(step)
            if self._voice:
                real.set_voice(self._voice)
            pending, self._pending = self._pending, None
            self._real = real
        warm = getattr(real, "warm_up", None)
        if callable(warm):
            warm()
        if pending is not None:
            kind, first, second = pending
            if kind == "read":
                real.read(first, second)  # type: ignore[arg-type]
            else:
                real.announce(first, second)  # type: ignore[arg-type]
        voices_known = bool(real.voices())
        for listener in list(self._listeners):
            listener(SpeechEvent("status", message=real.status))
            if voices_known:  # whoever asked for them before now was told none, and may ask again
                listener(SpeechEvent("voices"))

    # ----- the Protocol ---------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._real.enabled if self._real is not None else self._enabled

    @property
    def available(self) -> bool:
        return self._real.available if self._real is not None else not self._failure

    @property
    def status(self) -> str:
        if self._real is not None:
            return self._real.status
        if self._failure:
            return self._failure
        return "Speech is starting." if self._enabled else "Speech off. Press F2 to turn it on."

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)
            real = self._real
        if real is not None:
            real.subscribe(listener)

    def set_enabled(self, enabled: bool) -> None:
        with self._lock:
            self._enabled = enabled
            real = self._real
        if real is not None:
            real.set_enabled(enabled)
        elif enabled:
            self.warm_up()  # turned on before the real service was wanted: build it now

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        with self._lock:
            real = self._real
            if real is None:
                self._pending = ("announce", text, cue)
        if real is not None:
            real.announce(text, cue)
        else:
            self.warm_up()

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        with self._lock:
            real = self._real
            if real is None:
                self._pending = ("read", list(utterances), start)
        if real is not None:
            real.read(utterances, start)
        else:
            self.warm_up()

    def stop(self) -> None:
        with self._lock:
            self._pending = None
            real = self._real
        if real is not None:
            real.stop()

    def pause(self) -> None:
        if self._real is not None:
            self._real.pause()

    def resume(self) -> None:
        if self._real is not None:
            self._real.resume()

    def move(self, unit: Unit, step: int) -> None:
        if self._real is not None:
            self._real.move(unit, step)

    def repeat(self) -> None:
        if self._real is not None:
            self._real.repeat()

    def where(self) -> tuple[int, int]:
        return self._real.where() if self._real is not None else (-1, 0)

    def change_rate(self, step: int) -> str:
        with self._lock:
            real = self._real
            if real is None:
                self._rate_steps.append(step)
                word, self._rate = step_along(RATE_STEPS, self._rate, step)
                return word
        return real.change_rate(step)

    def change_volume(self, step: int) -> str:
        with self._lock:
            real = self._real
            if real is None:
                self._volume_steps.append(step)
                word, self._volume = step_along(VOLUME_STEPS, self._volume, step)
                return word
        return real.change_volume(step)

    def voices(self) -> list[tuple[str, str]]:
        return self._real.voices() if self._real is not None else []

    def set_voice(self, voice_id: str) -> None:
        with self._lock:
            self._voice = voice_id
            real = self._real
        if real is not None:
            real.set_voice(voice_id)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            real = self._real
        if real is not None:
            real.close()
