"""The SpeechService the guide talks to: commands in, events out, never blocking.

Every public method puts a command (guide.speech.commands) on a queue and returns;
one service thread takes them in order and owns all state: the reading state
(guide.speech.reading), the engine processes (guide.speech.engines) and the
sound playing now. A sentence plays while it is still being made (its audio
streams from the engine to the player); stopping kills the player's process group; a
busy engine is killed and a warm spare takes over; the watchdog replaces a hung
or crashed engine and carries on from the sentence it was making, from its start. After repeated
failures speech rests and is tried again later (guide.speech.recovery); it says
so once, and the guide goes on silently meanwhile.
"""

from __future__ import annotations

import atexit
import contextlib
import queue
import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import assert_never

from guide.speech import commands
from guide.speech.api import (
    NORMAL_RATE,
    NORMAL_VOLUME,
    RATE_STEPS,
    VOLUME_STEPS,
    Cue,
    EventKind,
    Listener,
    SpeechEvent,
    SpeechService,
    Unit,
    Utterance,
    nearest_step,
    step_along,
    step_words,
)
from guide.speech.engines import (
    EngineFailed,
    Engines,
    EngineSettings,
    EngineWarning,
    Outcome,
    SentenceMade,
    VoicesListed,
    engine_problem,
)
from guide.speech.players import KILLED, NowPlaying, Player, find_player
from guide.speech.playout import pump
from guide.speech.reading import Reading
from guide.speech.recovery import MAX_FAILURES, Recovery
from guide.speech.silent import SilentSpeechService
from guide.speech.text import announcement_parts

__all__ = ["MAX_FAILURES", "EngineSpeechService", "SilentSpeechService", "create_speech_service", "engine_problem"]


class EngineSpeechService:
    """The real service: pyttsx3 in supervised engine processes, a killable player."""

    def __init__(
        self,
        player: Player,
        *,
        enabled: bool = False,
        rate: int | None = None,
        volume: float | None = None,
        voice: str | None = None,
        hang_timeout: float = 3.0,
        start_timeout: float = 5.0,
        engine_argv: list[str] | None = None,
        pronunciations: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.player = player
        self.pronunciations = tuple(pronunciations)
        self._enabled, self._available, self._reason = enabled, True, ""
        level = volume if volume is not None else NORMAL_VOLUME
        self._settings = EngineSettings(rate or NORMAL_RATE, max(VOLUME_STEPS[0][1], min(level, 1.0)), voice)
        """What the UI asked for; the service thread's copy changes only through the queue."""
        self._settings_lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._queue: queue.SimpleQueue[commands.Command] = queue.SimpleQueue()
        # state below is changed only by the service thread
        self._engines = Engines(lambda engine, message: self._queue.put(commands.EngineReply(engine, message)),
                                self._settings, hang_timeout=hang_timeout, start_timeout=start_timeout,
                                argv=engine_argv)
        self._sound = NowPlaying(player, lambda play_id, code: self._queue.put(commands.Played(play_id, code)))
        self._reading = Reading(silence=self._sound.silence, enabled=lambda: self._enabled)
        self._recovery = Recovery()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="speech-service", daemon=True)
        self._thread.start()
        atexit.register(self.close)  # engines and temporary WAVs go even if the caller forgets
        if enabled:
            self._queue.put(commands.Warm())

    # --- the Protocol: every method only enqueues ----------------------------------------

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def available(self) -> bool:
        return self._available

    @property
    def status(self) -> str:
        if not self._available:
            return self._reason
        if not self._enabled:
            return "Speech off"
        where = self._reading.status_part()
        rate = RATE_STEPS[nearest_step(RATE_STEPS, self._settings.rate)][0]
        volume = VOLUME_STEPS[nearest_step(VOLUME_STEPS, self._settings.volume)][0]
        return f"Speech on{where}, rate {rate}, volume {volume}"

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)
        if not self._available:
            self._queue.put(commands.Tell(listener, SpeechEvent(EventKind.UNAVAILABLE, message=self._reason)))

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self._queue.put(commands.SetEnabled(enabled))

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        if self._enabled and not self._recovery.resting:
            self._queue.put(commands.Announce(str(text), Cue(cue)))

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        if self._enabled and not self._recovery.resting:
            self._queue.put(commands.Read(tuple(utterances), start))

    def stop(self) -> None:
        self._queue.put(commands.Stop())

    def pause(self) -> None:
        self._queue.put(commands.Pause())

    def resume(self) -> None:
        if self._enabled:
            self._queue.put(commands.Resume())

    def move(self, unit: Unit, step: int) -> None:
        if self._enabled:
            self._queue.put(commands.Move(Unit(unit), 1 if step > 0 else -1))

    def repeat(self) -> None:
        if self._enabled:
            self._queue.put(commands.Repeat())

    def where(self) -> tuple[int, int]:
        return self._reading.position

    def change_rate(self, step: int) -> str:
        """Returns the new level's name; says the direction and the level ("Faster: brisk")."""
        with self._settings_lock:
            before = RATE_STEPS[nearest_step(RATE_STEPS, self._settings.rate)][0]
            word, wpm = step_along(RATE_STEPS, self._settings.rate, step)
            self._use(replace(self._settings, rate=int(wpm)))
        self.announce(step_words("rate", before, word, step))
        return word

    def change_volume(self, step: int) -> str:
        with self._settings_lock:
            before = VOLUME_STEPS[nearest_step(VOLUME_STEPS, self._settings.volume)][0]
            word, level = step_along(VOLUME_STEPS, self._settings.volume, step)
            self._use(replace(self._settings, volume=level))
        self.announce(step_words("volume", before, word, step))
        return word

    def voices(self) -> list[tuple[str, str]]:
        """Known once an engine has started; asking starts one, so ask again a moment later."""
        known = self._engines.voices
        if not known and not self._recovery.resting and not self._closed:
            self._queue.put(commands.Warm())
        return list(known)

    def set_voice(self, voice_id: str) -> None:
        with self._settings_lock:
            self._use(replace(self._settings, voice=voice_id or None))
        name = dict(self._engines.voices).get(voice_id, voice_id)
        self.announce(f"Voice: {name}")

    def configure(self, rate: int, volume: float, voice: str | None = None) -> None:
        """Set rate, volume and voice at once, silently, and forget every sentence made so far
        (a kiosk reset: the next visitor starts from the defaults, with no trace of the last)."""
        level = max(VOLUME_STEPS[0][1], min(float(volume), 1.0))
        with self._settings_lock:
            self._use(EngineSettings(int(rate), level, voice or None))
            self._queue.put(commands.Forget())

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._queue.put(commands.Close())
            self._thread.join(timeout=2)

    def _use(self, settings: EngineSettings) -> None:
        """Called under the settings lock, so the queue gets settings in the order they were made."""
        self._settings = settings
        self._queue.put(commands.UseSettings(settings))

    # --- extras for the command line, tests and benchmarks --------------------------------

    @property
    def settings(self) -> tuple[int, float, str | None]:
        return (self._settings.rate, self._settings.volume, self._settings.voice)

    def engine_pids(self) -> tuple[int | None, int | None]:
        """(active engine, warm spare) process ids."""
        active, spare = self._engines.active, self._engines.spare
        return (active.pid if active else None, spare.pid if spare else None)

    def kept_sentences(self) -> int:
        """Sentences in the in-memory replay cache (a kiosk reset empties it)."""
        return self._engines.kept

    def busy_engine_pid(self) -> int | None:
        """The engine process making a sentence right now, if any (for the watchdog tests)."""
        return self._engines.busy_pid

    def warm_up(self) -> None:
        """Start the engine processes now rather than at the first utterance."""
        self._queue.put(commands.Warm())

    # --- the service thread -----------------------------------------------------------------

    def _run(self) -> None:
        while True:
            # wait for the next command, or (as a Tick) until the sentence being made is overdue
            waits = [t for t in (self._engines.time_left(), self._recovery.time_left()) if t is not None]
            try:
                command = self._queue.get(timeout=min(waits) if waits else None)
            except queue.Empty:
                command = commands.Tick()
            if isinstance(command, commands.Close):
                self._shutdown()
                return
            try:
                self._handle(command)
                if self._recovery.due():
                    self._try_again()
                self._engine_failed(self._engines.watchdog())
                if not self._recovery.resting:
                    pump(self._reading, self._engines, self._sound,
                         lambda u, i: self._emit(EventKind.STARTED, i, u), self._engine_failed)
            except Exception as exc:  # a bug here must not kill speech silently
                self._fail(f"speech service error: {type(exc).__name__}: {exc}")

    def _handle(self, command: commands.Command) -> None:
        reading = self._reading
        match command:
            # what the service's own threads report, and what holds even when speech gave up
            case commands.EngineReply(engine, message):
                self._on_engine_reply(self._engines.handle(engine, message))
            case commands.Played(play_id, code):
                self._on_played(play_id, code)
            case commands.UseSettings(settings):
                self._engines.settings = settings
            case commands.Forget():
                self._engines.forget()
            case commands.Tell(listener, event):
                with contextlib.suppress(Exception):
                    listener(event)
            case commands.Tick() | commands.Close():
                pass
            case commands.SetEnabled(enabled):
                if enabled and self._recovery.resting:
                    self._try_again()  # F2: try at once rather than wait out the rest
                if not self._recovery.resting:
                    reading.switched(enabled)
                    self._emit(EventKind.STATUS, message="Speech on" if enabled else "Speech off")
            case _ if self._recovery.resting:
                pass
            # what the UI asked for
            case commands.Warm():
                self._engines.ensure()
            case commands.Announce(text, cue):
                reading.announce(announcement_parts(text, cue, self.pronunciations))
            case commands.Read(utterances, start):
                reading.read(utterances, start)
            case commands.Stop():
                was_busy = self._sound.playing or reading.want is not None
                reading.stop()
                if was_busy:
                    self._emit(EventKind.STOPPED, reading.index)
            case commands.Pause():
                if reading.pause():
                    self._emit(EventKind.PAUSED, reading.index)
            case commands.Resume():
                if reading.resume():
                    self._emit(EventKind.RESUMED, reading.index)
            case commands.Move(unit, step):
                reading.move(unit, step)
            case commands.Repeat():
                reading.repeat()
            case _:
                assert_never(command)

    def _emit(self, kind: EventKind, index: int = -1, utterance: Utterance | None = None, message: str = "") -> None:
        event = SpeechEvent(kind, index, utterance, message)
        for listener in list(self._listeners):
            with contextlib.suppress(Exception):  # a listener's bug must not stop speech
                listener(event)

    # --- making and playing sentences ---------------------------------------------------------

    def _on_played(self, play_id: int, code: int) -> None:
        if self._sound.broke_off():
            self._reading.again()  # its engine died part-way: the sentence is said again, whole
        if not self._sound.ended(play_id, code):
            return
        if code == 0 and self._recovery.worked():
            self._available, self._reason = True, ""
            self._emit(EventKind.STATUS, message="Speech is working again.")
        if code not in (0, KILLED) and (self._sound.failures >= MAX_FAILURES or self._recovery.trying):
            self._fail(f"the sound player {self.player.name} does not work here (exit status {code})", now=True)
        elif self._reading.ended():
            self._emit(EventKind.FINISHED, self._reading.index)

    # --- failures -----------------------------------------------------------------------------

    def _on_engine_reply(self, outcome: Outcome) -> None:
        match outcome:
            case SentenceMade():
                self._recovery.failures = 0
            case VoicesListed():
                self._emit(EventKind.VOICES)
            case EngineFailed():
                self._engine_failed(outcome)
            case EngineWarning(text):
                self._emit(EventKind.STATUS, message=f"Speech: {text}; using the default voice.")

    def _engine_failed(self, failure: EngineFailed | None) -> None:
        """Count it and start a replacement; pump() then asks the new engine for the sentence still wanted."""
        if failure is not None:
            if self._sound.broke_off():
                self._reading.again()
            self._fail(failure.reason)
            self._engines.ensure()

    def _fail(self, reason: str, now: bool = False) -> None:
        if self._recovery.failed(reason, now=now):
            self._rest()

    def _rest(self) -> None:
        """Stop trying for a while: silence, drop the engines, and say why once (guide.speech.recovery)."""
        recovery = self._recovery
        self._sound.silence()
        self._reading.want = None
        self._engines.retire()
        self._available, self._reason = False, recovery.message()
        if not recovery.told:
            recovery.told = True
            self._emit(EventKind.UNAVAILABLE, message=self._reason)

    def _try_again(self) -> None:
        self._recovery.try_again()
        self._sound.failures = 0
        self._engines.revive()
        self._engines.ensure()

    def _shutdown(self) -> None:
        self._sound.silence()
        self._engines.close()


def create_speech_service(
    *,
    enabled: bool = False,
    rate: int | None = None,
    volume: float | None = None,
    voice: str | None = None,
    player: str | Player = "auto",
    pronunciations: Sequence[tuple[str, str]] = (),
) -> SpeechService:
    """The speech service for this machine; never raises.

    With no engine or no sound device it returns a service whose ``available`` is
    False and whose ``status`` (and one 'unavailable' event) says what to install.
    ``pronunciations`` (a Library's) are applied to announcements too, so a focus
    change to "PD-L1 tests" is said like the topic text ("P D L 1 tests").
    """
    try:
        problem = engine_problem()
        if problem is not None:
            return SilentSpeechService(problem, enabled)
        found = find_player(player) if isinstance(player, str) else player
        if isinstance(found, str):
            return SilentSpeechService(found, enabled)
        return EngineSpeechService(found, enabled=enabled, rate=rate, volume=volume, voice=voice,
                                   pronunciations=pronunciations)
    except Exception as exc:
        return SilentSpeechService(f"Speech could not start ({type(exc).__name__}: {exc}); the guide works without it.")
