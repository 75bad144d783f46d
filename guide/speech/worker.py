"""The engine process: espeak-ng streaming one sentence at a time to the guide, as it is made.

espeak-ng can crash on very long text and cannot be interrupted part-way through a
synthesis call, so it never runs in the guide's process. This module is both sides of
a small protocol: JSON lines, each ``{"id": N, "audio": n}`` line followed by n bytes
of raw samples (16-bit little-endian mono, SAMPLE_RATE).

- ``python -m guide.speech.worker`` is the engine process. It puts /dev/null on
  its own stdin/stdout/stderr at once (espeak may print warnings) and talks only over
  duplicated pipe descriptors. ``stream`` sends a sentence's audio while it is being
  made, ending with an ``ok`` reply; ``synth`` writes a whole WAV (audio copies). It
  dies with the guide (PR_SET_PDEATHSIG, and the end of its request pipe).
- ``guide.speech.engine_process.EngineProcess`` starts one in its own session and
  reads its replies.

A subprocess rather than multiprocessing: no forkserver or resource-tracker
helpers that share the terminal, and no fork of a threaded Textual process.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import os
import signal
import sys
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from guide.speech.api import Cue
from guide.speech.earcons import earcon_frames
from guide.speech.stream import SAMPLE_RATE

HARD_LIMIT = 2000
"""Characters per synthesis call, whatever the caller sends: far below the length that crashes espeak."""
BUFFER_MS = 20
"""Milliseconds of audio per synthesis callback: small, so the first sound leaves at once."""
SHORT_FRACTION = 0.35
"""A sentence whose audio is shorter than this share of its words at the set rate was cut off."""
PR_SET_PDEATHSIG = 1

__all__ = ["HARD_LIMIT", "SAMPLE_RATE"]

Message = dict[str, Any]


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
    """espeak-ng called in this process through pyttsx3's ctypes binding, in synchronous mode.

    Synchronous mode hands each 20 ms buffer to a callback while the sentence is still
    being made, so the first audio can be on its way to the player within a millisecond;
    pyttsx3's own driver only gives the audio once the whole sentence is done. Rate and
    volume are set before every sentence; a change of voice means a fresh engine process.
    """

    def __init__(self, settings: dict[str, Any]) -> None:
        from pyttsx3.drivers import _espeak

        self._espeak = _espeak
        if _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS) == -1:
            raise RuntimeError("could not initialize espeak")
        self._sink: Callable[[bytes], None] | None = None
        _espeak.SetSynthCallback(self._on_audio)
        self.warning = ""
        self._voices: list[dict[str, str]] | None = None
        voice = settings.get("voice")
        if voice:
            known = {v["id"] for v in self.voices} | {v["name"] for v in self.voices}
            languages = {v["language"]: v["id"] for v in self.voices}
            voice = languages.get(voice, voice)
            if voice not in known or _espeak.SetVoiceByName(str(voice).encode()) != 0:
                self.warning = f"voice '{voice}' is not installed"
        self.rate = int(settings.get("rate", 165))
        self.volume = float(settings.get("volume", 1.0))

    @property
    def voices(self) -> list[dict[str, str]]:
        """Listed only when asked: listing is a large part of an engine's start."""
        if self._voices is None:
            self._voices = _voices(self._espeak)
        return self._voices

    def _on_audio(self, wav: Any, count: int, events: Any) -> int:
        if count > 0 and self._sink is not None:
            self._sink(ctypes.string_at(wav, count * 2))
        return 0  # go on

    def _speak_once(self, text: str, sink: Callable[[bytes], None]) -> int:
        """Make ``text``, handing each buffer to ``sink`` as it is made; returns the frames made."""
        frames = 0

        def counted(samples: bytes) -> None:
            nonlocal frames
            frames += len(samples) // 2
            sink(samples)

        espeak = self._espeak
        espeak.SetParameter(espeak.RATE, self.rate, 0)
        espeak.SetParameter(espeak.VOLUME, round(self.volume * 100), 0)
        self._sink = counted
        try:
            espeak.Synth(text, flags=espeak.ENDPAUSE | espeak.CHARS_UTF8)
        finally:
            self._sink = None
        return frames

    def speak(self, text: str, sink: Callable[[bytes], None]) -> int:
        """Stream ``text`` (cut to HARD_LIMIT) to ``sink``; returns the number of frames.

        Now and then espeak gives nothing for a real sentence; that is tried again (nothing has
        been sent yet, so the listener hears no repeat) rather than passed on as silence.
        """
        text = text[:HARD_LIMIT]
        frames = 0
        for _ in range(3):
            frames = self._speak_once(text, sink)
            if frames > 200 or not _words(text):
                break
        return frames

    def synth(self, text: str) -> bytes:
        """The whole sentence at once (audio copies): also made again when far shorter than its
        words should take, which is possible here because nothing has been heard yet."""
        text = text[:HARD_LIMIT]
        expected = _words(text) * 60 / max(self.rate, 1) * SAMPLE_RATE
        made = bytearray()
        for _ in range(3):
            made.clear()
            frames = self._speak_once(text, made.extend)
            if not expected or (frames > 200 and frames >= SHORT_FRACTION * expected):
                break
        return bytes(made)


def _words(text: str) -> int:
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])


def _write_wav(path: Path, frames: bytes) -> None:
    """Write a WAV by its .part name first, so a reader never sees half a file."""
    part = path.with_suffix(".part.wav")
    with wave.open(str(part), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(frames)
    os.replace(part, path)


def _voices(espeak: Any) -> list[dict[str, str]]:
    out = []
    for voice in espeak.ListVoices(None):
        # the first byte of an espeak language list is its priority, not part of the code
        language = voice.languages[1:].decode("utf-8", "ignore") if voice.languages else ""
        out.append({"id": voice.identifier.decode("utf-8").lower(), "name": voice.name.decode("utf-8"),
                    "language": language})
    return out


class _Outbox:
    """Replies and audio to the guide, written by one thread in the order they were made.

    The synthesis callback only appends here, so making a sentence never waits for the pipe;
    while the writer is busy, audio piles up and goes in one larger write, so the first
    buffer leaves at once and the rest costs few system calls.
    """

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._items: list[tuple[Message, bytes]] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._write, name="engine-outbox", daemon=True).start()

    def reply(self, message: Message) -> None:
        with self._changed:
            self._items.append((message, b""))
            self._changed.notify()

    def audio(self, job: object, samples: bytes) -> None:
        if samples:
            with self._changed:
                self._items.append(({"id": job, "audio": len(samples)}, samples))
                self._changed.notify()

    def drain(self, timeout: float = 2.0) -> None:
        with self._changed:
            self._changed.wait_for(lambda: not self._items, timeout)

    def _write(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: bool(self._items))
                items, self._items = self._items, []
                self._changed.notify_all()
            try:
                for message, samples in _merged(items):
                    self._out.write(json.dumps(message).encode() + b"\n" + samples)
                self._out.flush()
            except (OSError, ValueError):
                os._exit(0)  # the guide is gone: so is the listener


def _merged(items: list[tuple[Message, bytes]]) -> list[tuple[Message, bytes]]:
    """Consecutive audio of one sentence joined into one piece."""
    out: list[tuple[Message, bytes]] = []
    for message, samples in items:
        if samples and out and out[-1][1] and out[-1][0]["id"] == message["id"]:
            joined = out[-1][1] + samples
            out[-1] = ({"id": message["id"], "audio": len(joined)}, joined)
        else:
            out.append((message, samples))
    return out


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the guide dies, even by SIGKILL, so no engine outlives it."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def serve() -> int:
    """The engine process's loop: requests in; replies, and the audio of each sentence as it is made, out."""
    _die_with_parent()
    proto_in, proto_out = _quiet_stdio()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    outbox = _Outbox(proto_out)
    try:
        settings = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
        engine = _Engine(settings if isinstance(settings, dict) else {})
        engine.speak("ok", lambda samples: None)  # the first synthesis after start-up can come back empty
    except Exception as exc:
        outbox.reply({"fatal": f"{type(exc).__name__}: {exc}"})
        outbox.drain()
        return 3
    outbox.reply({"ready": True, "pid": os.getpid(), "warning": engine.warning})
    volume = float(settings.get("volume", 0.75))
    for line in proto_in:  # ends when the guide closes the pipe (or dies)
        try:
            request = json.loads(line)
        except ValueError:
            continue
        op, job = request.get("op"), request.get("id")
        if op == "quit":
            break
        if op == "voices":
            outbox.reply({"id": job, "voices": engine.voices})
            continue
        if op not in ("stream", "synth"):
            continue
        started = time.perf_counter()
        try:
            cue = Cue(request.get("cue", "none"))
            tone = earcon_frames(cue, volume) if request.get("tone", cue is not Cue.NONE) else b""
            text = str(request["text"])
            if op == "stream":
                outbox.audio(job, tone)
                frames = len(tone) // 2 + engine.speak(text, functools.partial(outbox.audio, job))
                outbox.reply({"id": job, "ok": True, "frames": frames, "ms": (time.perf_counter() - started) * 1000})
            else:
                audio = tone + engine.synth(text)
                _write_wav(Path(request["path"]), audio)
                outbox.reply({"id": job, "ok": True, "path": request["path"], "frames": len(audio) // 2,
                              "ms": (time.perf_counter() - started) * 1000})
        except Exception as exc:
            outbox.reply({"id": job, "ok": False, "error": f"{type(exc).__name__}: {exc}"})
    outbox.drain()
    return 0


if __name__ == "__main__":
    raise SystemExit(serve())
