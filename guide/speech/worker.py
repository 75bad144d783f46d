"""The engine process: pyttsx3 (espeak-ng) turning one sentence at a time into a WAV file.

pyttsx3 on Linux cannot be interrupted, may hang after stop(), and segfaults on
very long text (see docs/ARCHITECTURE.md), so it never runs in the guide's process.
This module is both sides of a small JSON-lines protocol:

- ``python -m guide.speech.worker`` is the engine process. It puts /dev/null on
  its own stdin/stdout/stderr at once (pyttsx3 prints "Audio saved to ..." and
  espeak may print warnings) and talks only over duplicated pipe descriptors.
- ``EngineProcess`` starts one in its own session (process group), so killing it
  takes any child with it and a terminal signal never reaches it.

A subprocess rather than multiprocessing: no forkserver or resource-tracker
helpers that share the terminal, and no fork of a threaded Textual process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from guide.speech.api import Cue
from guide.speech.earcons import earcon_frames

HARD_LIMIT = 2000
"""Characters per synthesis call, whatever the caller sends: far below the length that crashes espeak."""
SAMPLE_RATE = 22050
"""The rate of the mono WAV espeak-ng writes."""
SYNTH_WAIT_SECONDS = 8.0
"""Longest wait for one sentence's file; a sentence takes milliseconds, so this is only reached
when the engine is stuck, and the caller then replaces the engine and tries again."""
SHORT_FRACTION = 0.35
"""A sentence whose audio is shorter than this share of its words at the set rate was cut off."""


Message = dict[str, Any]


class EngineProcess:
    """One engine process, seen from the guide: send jobs, get replies on a reader thread."""

    def __init__(
        self,
        on_message: Callable[[EngineProcess, Message], None],
        settings: dict[str, Any],
        argv: list[str] | None = None,
    ) -> None:
        self.on_message = on_message
        self.settings = dict(settings)
        self.started = time.perf_counter()
        self.ready = False
        self.killed = False
        self.proc = subprocess.Popen(
            [*(argv or [sys.executable, "-m", "guide.speech.worker"]), json.dumps(settings)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name=f"speech-engine-{self.proc.pid}", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def send(self, message: Message) -> bool:
        """Write one request; False if the process is gone."""
        stdin = self.proc.stdin
        if stdin is None or self.killed:
            return False
        try:
            with self._lock:
                stdin.write(json.dumps(message).encode() + b"\n")
                stdin.flush()
            return True
        except (OSError, ValueError):
            return False

    def kill(self) -> None:
        """SIGKILL the whole process group: never blocks, works on a hung or stopped engine."""
        self.killed = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(OSError, ValueError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()

    def _read(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        for line in stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict):
                if message.get("ready"):
                    self.ready = True
                self.on_message(self, message)
        with contextlib.suppress(OSError):
            stdout.close()
        code = self.proc.wait()
        self.on_message(self, {"exit": code})


# --- the engine process side -----------------------------------------------------------------


def _quiet_stdio() -> tuple[IO[bytes], IO[bytes]]:
    """Keep the protocol on private descriptors; everything else printed goes to /dev/null."""
    proto_in = os.fdopen(os.dup(0), "rb")
    proto_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    return proto_in, proto_out


class _Engine:
    """pyttsx3 with its settings fixed for the life of the process.

    espeak-ng in pyttsx3's asynchronous mode applies a changed rate to a later
    utterance, not the next one, so settings are set once before the first synthesis
    and a change of rate, volume or voice means a fresh engine process.
    """

    def __init__(self, settings: dict[str, Any]) -> None:
        import pyttsx3

        self.engine = pyttsx3.init()
        _shorten_poll(self.engine)
        self.finished = threading.Event()
        self.engine.connect("finished-utterance", self._on_finished)
        self.warning = ""
        self._voices: list[dict[str, str]] | None = None
        voice = settings.get("voice")
        if voice:
            known = {v["id"] for v in self.voices} | {v["name"] for v in self.voices}
            languages = {v["language"]: v["id"] for v in self.voices}
            if voice in languages:
                voice = languages[voice]
            if voice in known:
                self.engine.setProperty("voice", voice)
            else:
                self.warning = f"voice '{voice}' is not installed"
        self.rate = int(settings.get("rate", 165))
        self.volume = float(settings.get("volume", 1.0))
        self.engine.setProperty("rate", self.rate)
        self.engine.setProperty("volume", self.volume)
        self._espeak = _espeak_module()

    @property
    def voices(self) -> list[dict[str, str]]:
        """Listed only when asked: listing is a large part of an engine's start."""
        if self._voices is None:
            self._voices = _voices(self.engine)
        return self._voices

    def _on_finished(self, name: object = None, completed: bool = True) -> None:
        self.finished.set()

    def _synth_once(self, text: str, part: Path) -> int:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
        self.finished.clear()
        if self._espeak is not None:
            # The rate set once above can reach espeak late or not at all (a whole export then
            # comes out at pyttsx3's default rate); set on espeak's own queue before every
            # sentence, it holds.
            self._espeak.SetParameter(self._espeak.RATE, self.rate, 0)
            self._espeak.SetParameter(self._espeak.VOLUME, round(self.volume * 100), 0)
        self.engine.save_to_file(text, str(part))
        self.engine.runAndWait()
        # runAndWait may return before the file is written (espeak synthesises on its own
        # thread): wait for finished-utterance, by the clock. Never call runAndWait again
        # here: pyttsx3 then starts the same sentence over and clears its buffer, and the
        # file written can be empty or cut short.
        if not self.finished.wait(SYNTH_WAIT_SECONDS):
            raise TimeoutError(f"the engine did not finish the sentence within {SYNTH_WAIT_SECONDS:.0f} s")
        deadline = time.monotonic() + 1.0
        while not part.exists() and time.monotonic() < deadline:
            time.sleep(0.001)
        with wave.open(str(part), "rb") as f:
            return f.getnframes()

    def synth(self, text: str, path: Path) -> int:
        """Write ``text`` to ``path``'s .part.wav; returns the number of frames.

        Now and then espeak returns an empty buffer for a real sentence;
        that is retried rather than played as silence, and so is audio far shorter than
        its words should take (a sentence cut off on a busy machine).
        """
        part = path.with_suffix(".part.wav")
        words = len([w for w in text[:HARD_LIMIT].split() if any(ch.isalnum() for ch in w)])
        # Frames the words should take at this rate; audio far shorter than that was cut off.
        expected = words * 60 / max(self.rate, 1) * SAMPLE_RATE
        frames = 0
        for _ in range(3):
            frames = self._synth_once(text[:HARD_LIMIT], part)
            if not words or (frames > 200 and frames >= SHORT_FRACTION * expected):
                break
        return frames


def _espeak_module() -> Any:
    """pyttsx3's espeak binding where that is the driver in use (Linux); None elsewhere."""
    try:
        from pyttsx3.drivers import _espeak
    except Exception:
        return None
    return _espeak


class _QuickTime:
    """The time module with sleeps capped at 1 ms (see _shorten_poll)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(min(seconds, 0.001))


def _shorten_poll(engine: Any) -> None:
    """pyttsx3's espeak loop sleeps between polls for longer than a sentence takes to make,
    so the sleep was most of the time to first audio; poll every millisecond in this process."""
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    module = sys.modules.get(type(driver).__module__) if driver is not None else None
    if module is not None and getattr(module, "time", None) is time:
        setattr(module, "time", _QuickTime())  # noqa: B010


def _join_cue(part: Path, path: Path, cue: Cue, volume: float) -> int:
    """Put the cue's tone in front of the sentence and move the finished file into place."""
    if cue is Cue.NONE:
        os.replace(part, path)
        with wave.open(str(path), "rb") as f:
            return f.getnframes()
    with wave.open(str(part), "rb") as f:
        params = f.getparams()
        frames = f.readframes(f.getnframes())
    tone = earcon_frames(cue, volume) if params.sampwidth == 2 and params.nchannels == 1 else b""
    with wave.open(str(path), "wb") as out:
        out.setparams(params)
        out.writeframes(tone + frames)
    part.unlink()
    return (len(tone) + len(frames)) // 2


def _voices(engine: Any) -> list[dict[str, str]]:
    out = []
    for voice in engine.getProperty("voices"):
        languages = [str(x) for x in (getattr(voice, "languages", None) or [])]
        out.append({"id": str(voice.id), "name": str(voice.name), "language": languages[0] if languages else ""})
    return out


def serve() -> int:
    """The engine process's loop: one request in, one reply out."""
    proto_in, proto_out = _quiet_stdio()
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def reply(message: Message) -> None:
        proto_out.write(json.dumps(message).encode() + b"\n")
        proto_out.flush()

    try:
        settings = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
        engine = _Engine(settings if isinstance(settings, dict) else {})
        warm = Path(os.environ.get("TMPDIR", "/tmp"), f"immunoguide-warm-{os.getpid()}.wav")
        engine.synth("ok", warm)  # the first synthesis after start-up can come back empty
        warm.with_suffix(".part.wav").unlink(missing_ok=True)
    except Exception as exc:
        reply({"fatal": f"{type(exc).__name__}: {exc}"})
        return 3
    reply({"ready": True, "pid": os.getpid(), "warning": engine.warning})
    for line in proto_in:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        op = request.get("op")
        if op == "quit":
            break
        if op == "voices":
            reply({"id": request.get("id"), "voices": engine.voices})
            continue
        if op != "synth":
            continue
        started = time.perf_counter()
        try:
            cue = Cue(request.get("cue", "none"))
            path = Path(request["path"])
            engine.synth(str(request["text"]), path)
            tone = cue if request.get("tone", cue is not Cue.NONE) else Cue.NONE
            frames = _join_cue(path.with_suffix(".part.wav"), path, tone, float(settings.get("volume", 0.75)))
            reply({"id": request.get("id"), "ok": True, "path": str(path), "frames": frames,
                   "ms": (time.perf_counter() - started) * 1000})
        except Exception as exc:
            reply({"id": request.get("id"), "ok": False, "error": f"{type(exc).__name__}: {exc}"})
    return 0


if __name__ == "__main__":
    raise SystemExit(serve())
