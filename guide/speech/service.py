"""The SpeechService the guide talks to: commands in, events out, never blocking.

Every public method puts a command on a queue and returns; one service thread
owns all state, the engine processes and the player. Sentence N+1 is synthesised
while N plays, so the next sentence starts as soon as the last ends; stopping
kills the player's process group; a busy engine is killed and a warm spare takes
over; a watchdog replaces a hung or crashed engine and carries on from the
sentence it was making. Three failures in a row and speech says it is
unavailable, once, and the guide goes on silently.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import itertools
import os
import queue
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide.speech.api import (
    RATE_STEPS,
    VOLUME_STEPS,
    Cue,
    Listener,
    SpeechEvent,
    SpeechService,
    Unit,
    Utterance,
)
from guide.speech.players import KILLED, Playback, Player, find_player
from guide.speech.text import announcement, announcement_parts
from guide.speech.worker import EngineProcess, Message

MAX_FAILURES = 3
NO_ENGINE = (
    "Speech is unavailable: the espeak-ng speech engine is not installed. "
    "Install it with: sudo apt-get install espeak-ng"
)
NO_PYTTSX3 = "Speech is unavailable: the pyttsx3 package is missing. Reinstall the guide (pip install immunoguide)."


def nearest_step(steps: Sequence[tuple[str, Any]], value: float) -> int:
    return min(range(len(steps)), key=lambda i: abs(float(steps[i][1]) - value))


def engine_problem() -> str | None:
    """Why the engine cannot run here (checked cheaply, without starting it), or None."""
    try:
        if importlib.util.find_spec("pyttsx3") is None:
            return NO_PYTTSX3
    except (ImportError, ValueError):
        return NO_PYTTSX3
    import ctypes

    for name in ("libespeak-ng.so.1", "libespeak-ng.1.dylib", "libespeak.so.1"):
        try:
            ctypes.CDLL(name)
            return None
        except OSError:
            continue
    return NO_ENGINE


class _Listeners:
    def __init__(self) -> None:
        self.items: list[Listener] = []

    def emit(self, event: SpeechEvent) -> None:
        for listener in list(self.items):
            with contextlib.suppress(Exception):
                listener(event)


class SilentSpeechService:
    """Speech that cannot work here: says why once (in events and status) and does nothing."""

    def __init__(self, reason: str, enabled: bool = False) -> None:
        self.reason = reason
        self._enabled = enabled
        self._rate = nearest_step(RATE_STEPS, 165)
        self._volume = nearest_step(VOLUME_STEPS, 0.75)

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
        event = SpeechEvent("unavailable", message=self.reason)
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


@dataclass
class _Job:
    id: int
    key: tuple[Any, ...]
    utterance: Utterance
    path: Path
    engine: EngineProcess
    deadline: float


@dataclass(frozen=True)
class _Settings:
    rate: int
    volume: float
    voice: str | None


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
        self._enabled = enabled
        self._available = True
        self._reason = ""
        level = volume if volume is not None else VOLUME_STEPS[2][1]
        self._settings = _Settings(rate or RATE_STEPS[2][1], max(VOLUME_STEPS[0][1], min(level, 1.0)), voice)
        self._settings_lock = threading.Lock()
        self._active = self._settings
        """The settings the service thread uses: changed only through the queue, so a WAV's
        cache key and the engine that made it always agree."""
        self._hang_timeout = hang_timeout
        self._start_timeout = start_timeout
        self._engine_argv = engine_argv
        self._listeners = _Listeners()
        self._commands: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        # Sentences are held in RAM where the system offers it, so what a kiosk visitor heard
        # never reaches a disk; the folder is removed on close and emptied on a kiosk reset.
        ram = Path("/dev/shm")
        ram_dir = str(ram) if ram.is_dir() and os.access(ram, os.W_OK) else None
        self._dir = Path(tempfile.mkdtemp(prefix="immunoguide-speech-", dir=ram_dir))
        self._job_ids = itertools.count(1)
        # state below is touched only by the service thread
        self._engine: EngineProcess | None = None
        self._spare: EngineProcess | None = None
        self._job: _Job | None = None
        self._wavs: OrderedDict[tuple[Any, ...], Path] = OrderedDict()
        self._failures = 0
        self._player_failures = 0
        self._last_failure = ""
        self._doc: list[Utterance] = []
        self._index = -1
        self._mode = "idle"  # idle | reading | announcing | paused
        self._want: Utterance | None = None
        self._want_index = -1
        self._playback: Playback | None = None
        self._play_id = 0
        self._last: tuple[Utterance, int] | None = None
        self._resume_after = False
        self._announcing_next: list[Utterance] = []
        self._voices: list[tuple[str, str]] = []
        self._position = (-1, 0)
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="speech-service", daemon=True)
        self._thread.start()
        atexit.register(self.close)  # engines and temporary WAVs go even if the caller forgets
        if enabled:
            self._commands.put(("warm",))

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
        index, total = self._position
        doing = {"reading": "reading", "paused": "paused", "announcing": "speaking"}.get(self._mode, "")
        where = f", {doing} {index + 1} of {total}" if doing and total and index >= 0 else ""
        if doing == "speaking":
            where = ", speaking"
        rate = RATE_STEPS[nearest_step(RATE_STEPS, self._settings.rate)][0]
        volume = VOLUME_STEPS[nearest_step(VOLUME_STEPS, self._settings.volume)][0]
        return f"Speech on{where}, rate {rate}, volume {volume}"

    def subscribe(self, listener: Listener) -> None:
        self._listeners.items.append(listener)
        if not self._available:
            self._commands.put(("tell", listener, SpeechEvent("unavailable", message=self._reason)))

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self._commands.put(("enable", enabled))

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        if self._enabled and self._available:
            self._commands.put(("announce", str(text), Cue(cue)))

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        if self._enabled and self._available:
            self._commands.put(("read", list(utterances), start))

    def stop(self) -> None:
        self._commands.put(("stop",))

    def pause(self) -> None:
        self._commands.put(("pause",))

    def resume(self) -> None:
        if self._enabled:
            self._commands.put(("resume",))

    def move(self, unit: Unit, step: int) -> None:
        if self._enabled:
            self._commands.put(("move", Unit(unit), 1 if step > 0 else -1))

    def repeat(self) -> None:
        if self._enabled:
            self._commands.put(("repeat",))

    def where(self) -> tuple[int, int]:
        return self._position

    def change_rate(self, step: int) -> str:
        with self._settings_lock:
            index = max(0, min(len(RATE_STEPS) - 1, nearest_step(RATE_STEPS, self._settings.rate) + step))
            word, wpm = RATE_STEPS[index]
            self._settings = _Settings(wpm, self._settings.volume, self._settings.voice)
            self._commands.put(("settings", self._settings))
        self.announce(word)
        return word

    def change_volume(self, step: int) -> str:
        with self._settings_lock:
            index = max(0, min(len(VOLUME_STEPS) - 1, nearest_step(VOLUME_STEPS, self._settings.volume) + step))
            word, level = VOLUME_STEPS[index]
            self._settings = _Settings(self._settings.rate, level, self._settings.voice)
            self._commands.put(("settings", self._settings))
        self.announce(word)
        return word

    def voices(self) -> list[tuple[str, str]]:
        """Known once an engine has started; asking starts one, so ask again a moment later."""
        if not self._voices and self._available and not self._closed:
            self._commands.put(("warm",))
        return list(self._voices)

    def set_voice(self, voice_id: str) -> None:
        with self._settings_lock:
            self._settings = _Settings(self._settings.rate, self._settings.volume, voice_id or None)
            self._commands.put(("settings", self._settings))
        name = dict(self._voices).get(voice_id, voice_id)
        self.announce(f"Voice: {name}")

    def configure(self, rate: int, volume: float, voice: str | None = None) -> None:
        """Set rate, volume and voice at once, silently, and forget every sentence made so far
        (a kiosk reset: the next visitor starts from the defaults, with no trace of the last)."""
        level = max(VOLUME_STEPS[0][1], min(float(volume), 1.0))
        with self._settings_lock:
            self._settings = _Settings(int(rate), level, voice or None)
            self._commands.put(("settings", self._settings))
            self._commands.put(("forget",))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._commands.put(("close",))
            self._thread.join(timeout=2)

    # --- extras for the command line, tests and benchmarks --------------------------------

    @property
    def settings(self) -> tuple[int, float, str | None]:
        s = self._settings
        return (s.rate, s.volume, s.voice)

    def engine_pids(self) -> tuple[int | None, int | None]:
        """(active engine, warm spare) process ids."""
        return (self._engine.pid if self._engine else None, self._spare.pid if self._spare else None)

    def busy_engine_pid(self) -> int | None:
        """The engine process making a sentence right now, if any (for the watchdog tests)."""
        job = self._job
        return job.engine.pid if job is not None else None

    def warm_up(self) -> None:
        """Start the engine processes now rather than at the first utterance."""
        self._commands.put(("warm",))

    # --- the service thread -----------------------------------------------------------------

    def _run(self) -> None:
        while True:
            timeout = None
            if self._job is not None:
                timeout = max(0.0, self._job.deadline - time.perf_counter())
            try:
                command = self._commands.get(timeout=timeout)
            except queue.Empty:
                command = ("tick",)
            if command[0] == "close":
                self._shutdown()
                return
            try:
                self._handle(command)
                self._watchdog()
                self._pump()
            except Exception as exc:  # a bug here must not kill speech silently
                self._fail(f"speech service error: {type(exc).__name__}: {exc}")

    def _emit(self, kind: str, index: int = -1, utterance: Utterance | None = None, message: str = "") -> None:
        self._listeners.emit(SpeechEvent(kind, index, utterance, message))

    def _handle(self, command: tuple[Any, ...]) -> None:
        kind = command[0]
        if kind == "engine":
            self._on_engine(command[1], command[2])
        elif kind == "played":
            self._on_played(command[1], command[2])
        elif kind == "settings":
            self._active = command[1]
        elif kind == "forget":
            for path in self._wavs.values():
                with contextlib.suppress(OSError):
                    path.unlink()
            self._wavs.clear()
        elif kind == "tell":
            with contextlib.suppress(Exception):
                command[1](command[2])
        elif not self._available:
            return
        elif kind == "warm":
            self._ensure_engines()
        elif kind == "announce":
            parts = announcement_parts(command[1], command[2], self.pronunciations)
            self._say(parts[0])
            self._announcing_next = parts[1:]
        elif kind == "read":
            self._silence()
            self._doc = command[1]
            start = max(0, min(command[2], len(self._doc) - 1))
            if self._doc:
                self._play_doc(start)
            else:
                self._mode, self._index = "idle", -1
            self._position = (self._index, len(self._doc))
        elif kind == "stop":
            was_busy = self._playback is not None or self._want is not None
            self._silence()
            self._want = None
            self._announcing_next = []
            if self._mode != "idle":
                self._mode = "paused" if self._doc else "idle"
            if was_busy:
                self._emit("stopped", self._index)
        elif kind == "pause":
            if self._mode in ("reading", "announcing"):
                self._silence()
                self._want = None
                self._announcing_next = []
                self._mode = "paused"
                self._emit("paused", self._index)
        elif kind == "resume":
            if self._doc and self._mode != "reading" and 0 <= self._index < len(self._doc):
                self._play_doc(self._index)
                self._emit("resumed", self._index)
        elif kind == "move":
            self._move(command[1], command[2])
        elif kind == "repeat":
            self._repeat()
        elif kind == "enable":
            self._silence()
            self._want = None
            self._mode = "paused" if self._doc and self._mode != "idle" else "idle"
            self._resume_after = False
            self._say(announcement("Speech on" if command[1] else "Speech off"), force=True)
            self._emit("status", message="Speech on" if command[1] else "Speech off")

    # --- what to say --------------------------------------------------------------------------

    def _say(self, utterance: Utterance, force: bool = False) -> None:
        if not (self._enabled or force):
            return
        # A word said over the reading ("faster", "where am I") leaves the reading going on after it.
        self._resume_after = self._mode == "reading" or (self._mode == "announcing" and self._resume_after)
        self._silence()
        self._announcing_next = []
        self._mode = "announcing"
        self._want, self._want_index = utterance, -1

    def _play_doc(self, index: int) -> None:
        self._silence()
        self._announcing_next = []
        self._mode = "reading"
        self._index = index
        self._want, self._want_index = self._doc[index], index
        self._position = (index, len(self._doc))

    def _move(self, unit: Unit, step: int) -> None:
        if not self._doc:
            self._say(announcement("Nothing is being read."))
            return
        i = max(0, self._index)
        doc = self._doc
        if unit is Unit.SENTENCE:
            target = i + step
        else:
            def group(u: Utterance) -> int:
                return u.section if unit is Unit.SECTION else u.paragraph

            if step > 0:
                target = next((j for j in range(i + 1, len(doc)) if group(doc[j]) != group(doc[i])), len(doc))
            else:
                start = i
                while start > 0 and group(doc[start - 1]) == group(doc[i]):
                    start -= 1
                target = start - 1
                while target > 0 and group(doc[target - 1]) == group(doc[target]):
                    target -= 1
        if target >= len(doc):
            self._index = i
            self._say(announcement("End of topic."))
            self._resume_after = False
            return
        self._play_doc(max(0, target))

    def _repeat(self) -> None:
        if self._last is None:
            return
        utterance, index = self._last
        if index >= 0 and self._doc and index < len(self._doc) and self._doc[index] is utterance:
            self._play_doc(index)
        else:
            self._say(utterance)

    # --- audio ----------------------------------------------------------------------------------

    def _silence(self) -> None:
        if self._playback is not None:
            self._playback.kill()
            self._playback = None
            self._play_id += 1

    def _tone_for(self, utterance: Utterance, index: int) -> bool:
        """Cue tones at the start of a heading or link, and once before a run of urgent sentences."""
        if utterance.cue is Cue.NONE:
            return False
        if index < 0:
            return True
        if utterance.cue is Cue.URGENT:
            return index == 0 or self._doc[index - 1].cue is not Cue.URGENT
        return utterance.start == 0

    def _key(self, utterance: Utterance, index: int) -> tuple[Any, ...]:
        s = self._active
        return (utterance.spoken, utterance.cue, self._tone_for(utterance, index), s.rate, s.volume, s.voice)

    def _pump(self) -> None:
        """Make what should be heard happen: start playing, or get the sentence made; prefetch."""
        if not self._available:
            return
        if self._want is not None and self._playback is None:
            key = self._key(self._want, self._want_index)
            wav = self._wavs.get(key)
            if wav is not None and wav.exists():
                self._start_playing(self._want, self._want_index, wav)
            elif self._job is None or self._job.key != key:
                self._request(self._want, self._want_index)
        if self._job is None and self._mode == "reading" and 0 <= self._index + 1 < len(self._doc):
            nxt = self._doc[self._index + 1]
            if self._key(nxt, self._index + 1) not in self._wavs:
                self._request(nxt, self._index + 1)
        elif self._job is None and self._mode == "announcing" and self._announcing_next:
            part = self._announcing_next[0]
            if self._key(part, -1) not in self._wavs:
                self._request(part, -1)

    def _start_playing(self, utterance: Utterance, index: int, wav: Path) -> None:
        self._play_id += 1
        play_id = self._play_id
        playback = self.player.play(wav, utterance)
        self._playback = playback
        self._want = None
        self._last = (utterance, index)

        def wait() -> None:
            try:
                code = playback.wait()
            except Exception:
                code = 1
            self._commands.put(("played", play_id, code))

        threading.Thread(target=wait, name="speech-playback", daemon=True).start()
        self._emit("started", index, utterance)

    def _on_played(self, play_id: int, code: int) -> None:
        if play_id != self._play_id or self._playback is None:
            return
        self._playback = None
        if code == 0:
            self._player_failures = 0
        elif code != KILLED:
            self._player_failures += 1
            if self._player_failures >= MAX_FAILURES:
                self._unavailable(f"the sound player {self.player.name} does not work here (exit status {code})")
                return
        if self._mode == "reading":
            if self._index + 1 < len(self._doc):
                self._play_doc(self._index + 1)
            else:
                self._mode = "idle"
                self._emit("finished", self._index)
        elif self._mode == "announcing":
            if self._announcing_next:
                self._want, self._want_index = self._announcing_next.pop(0), -1
            elif self._resume_after and self._doc and 0 <= self._index < len(self._doc):
                self._play_doc(self._index)
            else:
                self._mode = "paused" if self._doc and 0 <= self._index < len(self._doc) else "idle"

    # --- engines --------------------------------------------------------------------------------

    def _spawn(self) -> EngineProcess:
        s = self._active
        settings = {"rate": s.rate, "volume": s.volume, "voice": s.voice}
        return EngineProcess(lambda proc, msg: self._commands.put(("engine", proc, msg)), settings, self._engine_argv)

    def _ensure_engines(self) -> None:
        """An active engine and a warm spare, both made with the current settings."""
        if not self._available:
            return
        s = self._active
        wanted = {"rate": s.rate, "volume": s.volume, "voice": s.voice}
        for proc in (self._engine, self._spare):
            if proc is not None and proc.settings != wanted:
                proc.kill()
                if self._job is not None and self._job.engine is proc:
                    self._job = None
        if self._engine is not None and self._engine.killed:
            self._engine = None
        if self._spare is not None and self._spare.killed:
            self._spare = None
        if self._engine is None:
            self._engine, self._spare = self._spare, None
            if self._engine is None:
                self._engine = self._spawn()
        if self._spare is None and self._engine.ready:
            # started once the active engine is up, so two cold starts never compete for the CPU
            self._spare = self._spawn()
            if not self._voices:
                self._spare.send({"op": "voices", "id": "voices"})

    def _request(self, utterance: Utterance, index: int) -> None:
        if self._job is not None:
            # The engine is busy with something no longer wanted: kill it, the spare takes over.
            self._job.engine.kill()
            if self._engine is self._job.engine:
                self._engine = None
            self._job = None
        self._ensure_engines()
        engine = self._engine
        assert engine is not None
        job_id = next(self._job_ids)
        path = self._dir / f"u{job_id}.wav"
        sent = engine.send({
            "op": "synth", "id": job_id, "text": utterance.spoken, "path": str(path),
            "cue": str(utterance.cue), "tone": self._tone_for(utterance, index),
        })
        allowance = self._hang_timeout + (0 if engine.ready else self._start_timeout)
        self._job = _Job(job_id, self._key(utterance, index), utterance, path, engine,
                         time.perf_counter() + allowance)
        if not sent:
            self._engine_failed(engine, "the speech engine stopped")

    def _on_engine(self, proc: EngineProcess, message: Message) -> None:
        if "voices" in message:
            voices = sorted(message["voices"], key=lambda v: (v.get("language", ""), v.get("name", "")))
            self._voices = [(v["id"], f"{v.get('language') or '?'}: {v.get('name', v['id'])}") for v in voices]
            return
        if message.get("ready"):
            if message.get("warning"):
                self._emit("status", message=f"Speech: {message['warning']}; using the default voice.")
            if proc is self._engine:
                self._ensure_engines()  # now start the spare
            return
        if "fatal" in message:
            self._engine_failed(proc, f"the speech engine could not start ({message['fatal']})")
            return
        if "exit" in message:
            if not proc.killed:
                self._engine_failed(proc, f"the speech engine stopped (exit status {message['exit']})")
            return
        job = self._job
        if job is None or message.get("id") != job.id or proc is not job.engine:
            return
        self._job = None
        if not message.get("ok"):
            self._engine_failed(proc, f"the speech engine failed ({message.get('error')})", kill=False)
            return
        self._failures = 0
        self._wavs[job.key] = job.path
        while len(self._wavs) > 48:
            _, old = self._wavs.popitem(last=False)
            with contextlib.suppress(OSError):
                old.unlink()

    def _engine_failed(self, proc: EngineProcess, reason: str, kill: bool = True) -> None:
        """A crash, hang, fatal start or error: replace the engine and carry on from the same sentence."""
        if kill:
            proc.kill()
            if self._engine is proc:
                self._engine = None
            if self._spare is proc:
                self._spare = None
        job = self._job
        if job is not None and job.engine is proc:
            self._job = None
        self._fail(reason)
        if self._available:
            self._ensure_engines()
            # _pump re-requests the wanted sentence (the one that was being made) on the new engine.

    def _watchdog(self) -> None:
        job = self._job
        if job is not None and time.perf_counter() > job.deadline:
            self._engine_failed(job.engine, "the speech engine stopped responding")

    def _fail(self, reason: str) -> None:
        self._failures += 1
        self._last_failure = reason
        if self._failures >= MAX_FAILURES:
            self._unavailable(reason)

    def _unavailable(self, reason: str) -> None:
        """Give up on speech for this run: say why once, stop everything, keep the guide going."""
        if self._available:
            self._available = False
            self._reason = f"Speech is unavailable: {reason}. The guide works without it."
            self._silence()
            self._want = None
            self._kill_engines()
            self._emit("unavailable", message=self._reason)

    def _kill_engines(self) -> None:
        for proc in (self._engine, self._spare):
            if proc is not None:
                proc.kill()
        self._engine = self._spare = None
        self._job = None

    def _shutdown(self) -> None:
        self._silence()
        self._kill_engines()
        shutil.rmtree(self._dir, ignore_errors=True)


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
