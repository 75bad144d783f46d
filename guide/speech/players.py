"""How audio reaches ears: a system player we can kill, or a sink for tests.

Every system player runs in its own process group with stdout/stderr on /dev/null,
so stopping is one ``killpg`` (no waiting) and nothing it prints (ALSA warnings, "no
soundcards found") can reach the guide's terminal. It reads raw samples from a pipe
on its stdin, fed by a writer thread as the engine makes them, so sound starts before
the sentence is finished and no audio is ever a file; a player whose guide dies reads
the end of its pipe and exits.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from guide.speech.api import Utterance
from guide.speech.stream import SAMPLE_RATE, AudioStream

PLAYER_ENV = "IMMUNOGUIDE_SPEECH_PLAYER"
"""Force a player (aplay, paplay, pw-play, null): for machines where detection guesses wrong, and tests."""

KILLED = -9
STREAM_STALL_SECONDS = 10.0
"""A writer waits this long for the engine's next samples before it ends the sound (a stuck engine
is replaced by the watchdog long before)."""


class Playback(Protocol):
    def wait(self) -> int:
        """Block until the sound ends; 0 when it played to the end."""
        ...

    def kill(self) -> None:
        """Silence at once; never blocks."""


class Player(Protocol):
    name: str

    def play(self, audio: AudioStream, utterance: Utterance) -> Playback:
        """Start playing ``audio``, which may still be arriving."""
        ...


class _ProcessPlayback:
    def __init__(self, argv: list[str], audio: AudioStream) -> None:
        self._proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
        assert self._proc.stdin is not None
        threading.Thread(target=_feed, args=(audio, self._proc.stdin), name="speech-feed", daemon=True).start()

    def wait(self) -> int:
        return self._proc.wait()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGKILL)


def _feed(audio: AudioStream, pipe: IO[bytes]) -> None:
    """Hand the samples to the player as they arrive; a killed player (broken pipe) ends it quietly."""
    with contextlib.suppress(OSError, ValueError):
        for samples in audio.chunks(STREAM_STALL_SECONDS):
            pipe.write(samples)
            pipe.flush()
    with contextlib.suppress(OSError, ValueError):
        pipe.close()


RAW = {
    # -F: a 10 ms period, or aplay holds the first bytes back until a long default period fills
    "aplay": ("aplay", "-q", "-t", "raw", "-f", "S16_LE", "-r", str(SAMPLE_RATE), "-c", "1", "-F", "10000", "-"),
    "paplay": ("paplay", "--raw", "--format=s16le", f"--rate={SAMPLE_RATE}", "--channels=1"),
    "pw-play": ("pw-play", "--raw", "--format=s16", f"--rate={SAMPLE_RATE}", "--channels=1", "-"),
}
"""Each player told the format of the raw samples it reads from stdin."""


@dataclass
class SystemPlayer:
    """aplay, paplay or pw-play (or any command reading raw samples on stdin), one process per utterance."""

    name: str
    argv: tuple[str, ...]

    def play(self, audio: AudioStream, utterance: Utterance) -> Playback:
        return _ProcessPlayback(list(self.argv), audio)


class NowPlaying:
    """The one sound the service is playing, seen from the service thread.

    Each sound gets an id; a thread waits for it to end and reports ``(id, exit code)``
    through ``on_end``, so the service thread can tell the end of the current sound
    from the late end of one it has already silenced.
    """

    def __init__(self, player: Player, on_end: Callable[[int, int], None]) -> None:
        self.player = player
        self.failures = 0
        """Sounds in a row the player failed to play: a player that never works means no speech."""
        self._on_end = on_end
        self._playback: Playback | None = None
        self._audio: AudioStream | None = None
        self._id = 0

    @property
    def playing(self) -> bool:
        return self._playback is not None

    def play(self, audio: AudioStream, utterance: Utterance) -> None:
        self._id += 1
        play_id = self._id
        playback = self.player.play(audio, utterance)
        self._playback, self._audio = playback, audio

        def wait() -> None:
            try:
                code = playback.wait()
            except Exception:
                code = 1
            self._on_end(play_id, code)

        threading.Thread(target=wait, name="speech-playback", daemon=True).start()

    def broke_off(self) -> bool:
        """Silence the sound playing if its engine died part-way (its stream failed); True if so."""
        if self._playback is not None and self._audio is not None and self._audio.failed:
            self.silence()
            return True
        return False

    def silence(self) -> None:
        if self._playback is not None:
            self._playback.kill()
            self._playback = None
            self._id += 1

    def ended(self, play_id: int, code: int) -> bool:
        """A sound ended; True if it was the one playing (False for one already silenced)."""
        if play_id != self._id or self._playback is None:
            return False
        self._playback = None
        if code == 0:
            self.failures = 0
        elif code != KILLED:
            self.failures += 1
        return True


@dataclass
class PlayRecord:
    """What a recording sink heard: which utterance, when, and whether it played to the end."""

    utterance: Utterance
    audio: AudioStream
    started: float
    ended: float | None = None
    completed: bool = False

    @property
    def samples(self) -> bytes:
        """The whole sound (waiting for the rest of it if it is still arriving)."""
        self.audio.wait(STREAM_STALL_SECONDS)
        return self.audio.samples()

    @property
    def seconds(self) -> float:
        self.audio.wait(STREAM_STALL_SECONDS)
        return self.audio.seconds


class _TimedPlayback:
    """Silence lasting as long as the sound would, so timing behaves like a real player."""

    def __init__(self, record: PlayRecord, time_scale: float, done: threading.Condition) -> None:
        self._record = record
        self._time_scale = time_scale
        self._killed = threading.Event()
        self._done = done

    def wait(self) -> int:
        audio, begun = self._record.audio, time.perf_counter()
        # the length is known once the whole sound has arrived (a few ms); a kill ends the wait
        while not audio.wait(0.002) and not self._killed.is_set():
            pass
        left = audio.seconds * self._time_scale - (time.perf_counter() - begun)
        killed = self._killed.wait(max(0.0, left)) or audio.failed
        with self._done:
            if self._record.ended is None:
                self._record.ended = time.perf_counter()
                self._record.completed = not killed
            self._done.notify_all()
        return KILLED if killed else 0

    def kill(self) -> None:
        with self._done:
            if self._record.ended is None:
                self._record.ended = time.perf_counter()
            self._done.notify_all()
        self._killed.set()


@dataclass
class RecordingPlayer:
    """A sink that records what would be heard (tests, benchmarks) or plays nothing (null).

    ``time_scale`` shortens playback so tests run fast; each record keeps its audio in
    memory, so a test can measure the real voice.
    """

    name: str = "recording"
    time_scale: float = 1.0
    records: list[PlayRecord] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def play(self, audio: AudioStream, utterance: Utterance) -> Playback:
        record = PlayRecord(utterance, audio, time.perf_counter())
        if self.name != "null":  # the null sink forgets, so a long session does not grow
            with self.changed:
                self.records.append(record)
                self.changed.notify_all()
        return _TimedPlayback(record, self.time_scale, self.changed)

    def wait_for(self, predicate: Callable[[list[PlayRecord]], bool], timeout: float = 5.0) -> bool:
        """Block until ``predicate(records)`` is true (tests only)."""
        with self.changed:
            return bool(self.changed.wait_for(lambda: predicate(self.records), timeout))


def _has_alsa_device() -> bool:
    snd = Path("/dev/snd")
    try:
        return any(p.name.startswith("pcmC") and p.name.endswith("p") for p in snd.iterdir())
    except OSError:
        return False


def _runtime_socket(name: str) -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    return Path(runtime, name).exists()


NO_DEVICE = (
    "No sound device was found, so the guide will not speak. Connect speakers or headphones "
    "and start it again; `immunoguide speak ID --to FILE.wav` writes audio to a file instead."
)


def find_player(name: str = "auto") -> Player | str:
    """The player to use, or a sentence saying why there is none."""
    if name == "auto":
        name = os.environ.get(PLAYER_ENV, "auto") or "auto"
    if name in ("null", "recording"):
        return RecordingPlayer(name=name)
    commands = RAW
    if name in commands:
        if shutil.which(name) is None:
            return f"The sound player {name} is not installed, so the guide will not speak."
        return SystemPlayer(name, commands[name])
    if name != "auto":
        return f"Unknown sound player '{name}'; use aplay, paplay, pw-play or null."
    if shutil.which("pw-play") and _runtime_socket("pipewire-0"):
        return SystemPlayer("pw-play", commands["pw-play"])
    if shutil.which("paplay") and (os.environ.get("PULSE_SERVER") or _runtime_socket("pulse/native")):
        return SystemPlayer("paplay", commands["paplay"])
    if shutil.which("aplay"):
        if _has_alsa_device():
            return SystemPlayer("aplay", commands["aplay"])
        return NO_DEVICE
    return (
        "No sound player was found, so the guide will not speak. "
        "Install one with: sudo apt-get install alsa-utils"
    )
