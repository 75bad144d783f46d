"""How audio reaches ears: a system player we can kill, or a sink for tests and exports.

Every system player runs in its own process group with stdin/stdout/stderr on
/dev/null, so stopping is one ``killpg`` (no waiting) and nothing it
prints (ALSA warnings, "no soundcards found") can reach the guide's terminal.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from guide.speech.api import Utterance

PLAYER_ENV = "IMMUNOGUIDE_SPEECH_PLAYER"
"""Force a player (aplay, paplay, pw-play, null): for machines where detection guesses wrong, and tests."""

KILLED = -9


class Playback(Protocol):
    def wait(self) -> int:
        """Block until the sound ends; 0 when it played to the end."""
        ...

    def kill(self) -> None:
        """Silence at once; never blocks."""


class Player(Protocol):
    name: str

    def play(self, wav: Path, utterance: Utterance) -> Playback: ...


def wav_seconds(path: Path) -> float:
    try:
        with wave.open(str(path), "rb") as f:
            return f.getnframes() / float(f.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


class _ProcessPlayback:
    def __init__(self, argv: list[str]) -> None:
        self._proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )

    def wait(self) -> int:
        return self._proc.wait()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGKILL)


@dataclass
class SystemPlayer:
    """aplay, paplay or pw-play, one process per utterance."""

    name: str
    argv: tuple[str, ...]

    def play(self, wav: Path, utterance: Utterance) -> Playback:
        return _ProcessPlayback([*self.argv, str(wav)])


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
        self._id = 0

    @property
    def playing(self) -> bool:
        return self._playback is not None

    def play(self, wav: Path, utterance: Utterance) -> None:
        self._id += 1
        play_id = self._id
        playback = self.player.play(wav, utterance)
        self._playback = playback

        def wait() -> None:
            try:
                code = playback.wait()
            except Exception:
                code = 1
            self._on_end(play_id, code)

        threading.Thread(target=wait, name="speech-playback", daemon=True).start()

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
    wav: Path | None
    seconds: float
    started: float
    ended: float | None = None
    completed: bool = False


class _TimedPlayback:
    """Silence lasting as long as the sound would, so timing behaves like a real player."""

    def __init__(self, record: PlayRecord, duration: float, done: threading.Condition) -> None:
        self._record = record
        self._duration = duration
        self._killed = threading.Event()
        self._done = done

    def wait(self) -> int:
        killed = self._killed.wait(self._duration)
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

    ``time_scale`` shortens playback so tests run fast; ``keep_dir`` copies each WAV
    so a test can measure the real audio with sox.
    """

    name: str = "recording"
    time_scale: float = 1.0
    keep_dir: Path | None = None
    records: list[PlayRecord] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def play(self, wav: Path, utterance: Utterance) -> Playback:
        seconds = wav_seconds(wav)
        kept: Path | None = wav
        if self.keep_dir is not None:
            self.keep_dir.mkdir(parents=True, exist_ok=True)
            kept = self.keep_dir / f"{len(self.records):04d}.wav"
            shutil.copyfile(wav, kept)
        record = PlayRecord(utterance, kept, seconds, time.perf_counter())
        if self.name != "null":  # the null sink forgets, so a long session does not grow
            with self.changed:
                self.records.append(record)
                self.changed.notify_all()
        return _TimedPlayback(record, seconds * self.time_scale, self.changed)

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
    commands = {"aplay": ("aplay", "-q"), "paplay": ("paplay",), "pw-play": ("pw-play",)}
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
