"""The engine processes behind live speech: an active one, a warm spare, and a watchdog.

Changed only by the service thread, so nothing here takes a lock; other threads only
read whole values that are replaced, never changed in place (voices, process ids).
Sentences are made one at a time by the active engine, which streams each one's
audio as it makes it (an AudioStream the player can start on at once); the spare
starts once the active one is ready, so when a busy engine has to be killed (the
sentence it is making is no longer wanted) or a hung or crashed one replaced, the
next sentence goes to an engine that is already warm. Finished sentences are kept in
memory for repeats (a bounded replay cache), never in files. Each reply comes back on
the service's queue and is turned here into an Outcome the service acts on.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from guide.speech.api import Utterance
from guide.speech.engine_process import EngineProcess, Message
from guide.speech.pool_client import POOL_VARIABLE, PoolEngine
from guide.speech.stream import AudioStream

NO_ENGINE = (
    "Speech is unavailable: the espeak-ng speech engine is not installed. "
    "Install it with: sudo apt-get install espeak-ng"
)
NO_PYTTSX3 = "Speech is unavailable: the pyttsx3 package is missing. Reinstall the guide (pip install immunoguide)."
KEPT_SENTENCES = 48
"""Sentences kept ready to play again: enough for going back over a section, small enough for RAM."""
KEPT_BYTES = 24 * 1024 * 1024
"""And at most this much audio (about nine minutes) in all."""


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


@dataclass(frozen=True)
class EngineSettings:
    """What an engine process is started with; a change means new engine processes."""

    rate: int
    volume: float
    voice: str | None

    def as_message(self) -> dict[str, Any]:
        return {"rate": self.rate, "volume": self.volume, "voice": self.voice}


@dataclass(frozen=True)
class SentenceMade:
    """A sentence has been made to its end (its audio is complete and kept)."""


@dataclass(frozen=True)
class VoicesListed:
    """The installed voices are known now (Engines.voices)."""


@dataclass(frozen=True)
class EngineFailed:
    """An engine crashed, hung, could not start or failed a sentence; it has already been dropped."""

    reason: str


@dataclass(frozen=True)
class EngineWarning:
    """The engine started but not quite as asked (e.g. a voice that is not installed)."""

    text: str


Outcome = SentenceMade | VoicesListed | EngineFailed | EngineWarning | None

SentenceKey = tuple[str, str, bool, int, float, str | None]
"""What makes two sentences the same sound: the words said, the cue and its tone, and the settings."""


@dataclass
class _Job:
    id: int
    key: SentenceKey
    audio: AudioStream
    engine: EngineProcess
    deadline: float


class Engines:
    """The active engine, the warm spare, the sentence being made and the sentences made."""

    def __init__(
        self,
        post: Callable[[EngineProcess, Message], None],
        settings: EngineSettings,
        *,
        hang_timeout: float,
        start_timeout: float,
        argv: list[str] | None = None,
        pool: str | None = None,
    ) -> None:
        self.settings = settings
        """The settings new engines get and sentences are keyed by; only the service thread changes them."""
        self.active: EngineProcess | None = None
        self.spare: EngineProcess | None = None
        self.voices: list[tuple[str, str]] = []
        self._post = post
        self._hang_timeout = hang_timeout
        self._start_timeout = start_timeout
        self._argv = argv
        self._pool = pool or (os.environ.get(POOL_VARIABLE) or None if argv is None else None)
        """serve's shared engine pool (guide.speech.pool_server; serve names it in POOL_VARIABLE for
        its sessions), or None for engines of this process's own."""
        self._job: _Job | None = None
        self._job_ids = itertools.count(1)
        # in this process's memory only, so what a visitor heard dies with it, however it ends
        self._made: OrderedDict[SentenceKey, AudioStream] = OrderedDict()
        self._retired = False

    # --- the sentences ---------------------------------------------------------------------

    def key(self, utterance: Utterance, tone: bool) -> SentenceKey:
        s = self.settings
        return (utterance.spoken, str(utterance.cue), tone, s.rate, s.volume, s.voice)

    def audio(self, utterance: Utterance, tone: bool) -> AudioStream | None:
        """This sentence's audio if it has been made, or is being made now (still arriving)."""
        key = self.key(utterance, tone)
        if self._job is not None and self._job.key == key:
            return self._job.audio
        made = self._made.get(key)
        if made is not None:
            self._made.move_to_end(key)
        return made

    def known(self, utterance: Utterance, tone: bool) -> bool:
        """Already made (in the replay cache): no need to make it ahead of time."""
        return self.key(utterance, tone) in self._made

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def busy_pid(self) -> int | None:
        return self._job.engine.pid if self._job is not None else None

    def time_left(self) -> float | None:
        """Seconds until the sentence being made is overdue (the watchdog's clock); None when idle."""
        return None if self._job is None else max(0.0, self._job.deadline - time.perf_counter())

    @property
    def kept(self) -> int:
        """Sentences in the replay cache."""
        return len(self._made)

    def forget(self) -> None:
        """Drop every sentence made so far, so nothing a kiosk visitor heard is left behind."""
        self._made.clear()

    # --- the processes ---------------------------------------------------------------------

    def ensure(self) -> None:
        """An active engine and a warm spare, both made with the current settings."""
        if self._retired:
            return
        wanted = self.settings.as_message()
        for proc in (self.active, self.spare):
            # one making a sentence (perhaps playing already) finishes it first; the next request replaces it
            if proc is not None and proc.settings != wanted and (self._job is None or self._job.engine is not proc):
                proc.kill()
        if self.active is not None and self.active.killed:
            self.active = None
        if self.spare is not None and self.spare.killed:
            self.spare = None
        if self.active is None:
            self.active, self.spare = self.spare, None
            if self.active is None:
                self.active = self._spawn()
        if self.spare is None and self.active.ready:
            # started once the active engine is up, so two cold starts never compete for the CPU
            self.spare = self._spawn()
            if not self.voices:
                self.spare.send({"op": "voices", "id": "voices"})

    def request(self, utterance: Utterance, tone: bool) -> EngineFailed | None:
        """Have the active engine make this sentence, dropping any sentence still being made."""
        if self._job is not None:
            # The engine is busy with something no longer wanted: kill it, the spare takes over.
            self._job.audio.fail()
            self._job.engine.kill()
            if self.active is self._job.engine:
                self.active = None
            self._job = None
        self.ensure()
        engine = self.active
        assert engine is not None, "request() is not called once the engines are retired"
        job_id = next(self._job_ids)
        audio = engine.stream(job_id, utterance.spoken, utterance.cue, tone)
        allowance = self._hang_timeout + (0 if engine.ready else self._start_timeout)
        self._job = _Job(job_id, self.key(utterance, tone), audio, engine, time.perf_counter() + allowance)
        return None if not audio.failed else self._drop(engine, "the speech engine stopped")

    def handle(self, engine: EngineProcess, message: Message) -> Outcome:
        """One reply from an engine process (see guide.speech.worker for the protocol)."""
        match message:
            case {"voices": voices}:
                listed = sorted(voices, key=lambda v: (v.get("language", ""), v.get("name", "")))
                self.voices = [(v["id"], f"{v.get('language') or '?'}: {v.get('name', v['id'])}") for v in listed]
                return VoicesListed()
            case {"ready": ready} if ready:
                if engine is self.active:
                    self.ensure()  # now start the spare
                warning = message.get("warning")
                return EngineWarning(str(warning)) if warning else None
            case {"fatal": error}:
                return self._drop(engine, f"the speech engine could not start ({error})")
            case {"exit": code}:
                return None if engine.killed else self._drop(engine, f"the speech engine stopped (exit status {code})")
        job = self._job
        if job is None or message.get("id") != job.id or engine is not job.engine:
            return None
        self._job = None
        if not message.get("ok"):
            return self._drop(engine, f"the speech engine failed ({message.get('error')})", kill=False)
        self._keep(job.key, job.audio)
        return SentenceMade()

    def _keep(self, key: SentenceKey, audio: AudioStream) -> None:
        """Into the replay cache, dropping the least recently used beyond its bounds."""
        self._made[key] = audio
        while len(self._made) > KEPT_SENTENCES or (
                len(self._made) > 1 and sum(a.size for a in self._made.values()) > KEPT_BYTES):
            self._made.popitem(last=False)

    def watchdog(self) -> EngineFailed | None:
        """Drop the engine if the sentence it is making is overdue (hung, or stopped by a signal)."""
        job = self._job
        if job is not None and time.perf_counter() > job.deadline:
            return self._drop(job.engine, "the speech engine stopped responding")
        return None

    def retire(self) -> None:
        """Kill every engine for good (speech gave up, or the service is closing)."""
        self._retired = True
        for proc in (self.active, self.spare):
            if proc is not None:
                proc.kill()
        self.active = self.spare = None
        if self._job is not None:
            self._job.audio.fail()
        self._job = None

    @property
    def retired(self) -> bool:
        return self._retired

    def revive(self) -> None:
        """Allow engines again after a rest (guide.speech.recovery); ensure() then starts them."""
        self._retired = False

    def close(self) -> None:
        """Retire the engines and drop the sentences kept."""
        self.retire()
        self.forget()

    def _spawn(self) -> EngineProcess:
        if self._pool is not None:
            try:
                return PoolEngine(self._post, self.settings.as_message(), self._pool)
            except OSError:
                self._pool = None  # the pool has gone: this session makes its own engines from now on
        return EngineProcess(self._post, self.settings.as_message(), self._argv)

    def _drop(self, engine: EngineProcess, reason: str, kill: bool = True) -> EngineFailed:
        """Forget a failed engine; the service then calls ensure(), and the sentence that was being
        made is asked for again on the engine that takes over."""
        if kill:
            engine.kill()
            if self.active is engine:
                self.active = None
            if self.spare is engine:
                self.spare = None
        if self._job is not None and self._job.engine is engine:
            self._job.audio.fail()  # a sound already playing from it is said again from the start
            self._job = None
        return EngineFailed(reason)
