"""The guide's side of an engine process (guide.speech.worker): start one, send it sentences,
and take its replies and audio on a reader thread.

``EngineProcess`` starts the worker in its own session (process group), so killing it takes
any child with it and a terminal signal never reaches it; its reader thread adds each
sentence's audio to that sentence's AudioStream without waiting for the service thread.
The protocol is JSON lines, each ``{"id": N, "audio": n}`` line followed by n bytes of raw
samples; the pool's engines (guide.speech.pool_client) speak it over a socket.
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
from collections.abc import Callable
from typing import IO, Any

from guide.speech.api import Cue
from guide.speech.stream import AudioStream

Message = dict[str, Any]


class EngineProcess:
    """One engine process, seen from the guide: send jobs, get replies and audio on a reader thread."""

    def __init__(
        self,
        on_message: Callable[[EngineProcess, Message], None],
        settings: dict[str, Any],
        argv: list[str] | None = None,
    ) -> None:
        self._begin(on_message, settings)
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

    def _begin(self, on_message: Callable[[EngineProcess, Message], None], settings: dict[str, Any]) -> None:
        """The state every engine has before it starts, whatever is behind it (a process, the pool)."""
        self.on_message = on_message
        self.settings = dict(settings)
        self.started = time.perf_counter()
        self.ready = False
        self.killed = False
        self.streams: dict[int, AudioStream] = {}
        """Sentences being streamed, by job id: added by the service thread, ended by the reader."""

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

    def stream(self, job: int, text: str, cue: Cue, tone: bool) -> AudioStream:
        """Ask for a sentence's audio; it arrives in the stream returned (failed if the engine dies)."""
        audio = AudioStream()
        self.streams[job] = audio
        if not self.send({"op": "stream", "id": job, "text": text, "cue": str(cue), "tone": tone}):
            self.streams.pop(job, None)
            audio.fail()
        return audio

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
        self._take_replies(stdout)
        with contextlib.suppress(OSError):
            stdout.close()
        self._ended(self.proc.wait())

    def _take_replies(self, incoming: IO[bytes]) -> None:
        """Replies and audio until the engine's end closes: samples go straight to their sentence's
        stream, and a sentence's end finishes it here, before the service thread hears of it, so the
        player's writer reaches the end of the sound without waiting for that thread."""
        with contextlib.suppress(OSError, ValueError):
            while line := incoming.readline():
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(message, dict):
                    continue
                if "audio" in message:
                    samples = incoming.read(int(message["audio"]))
                    audio = self.streams.get(message.get("id", -1))
                    if audio is not None:
                        audio.add(samples)
                    continue
                if message.get("ready"):
                    self._on_ready(message)
                audio = self.streams.pop(message.get("id", -1), None) if "ok" in message else None
                if audio is not None and message["ok"]:
                    audio.finish()
                elif audio is not None:
                    audio.fail()
                self.on_message(self, message)

    def _on_ready(self, message: Message) -> None:
        self.ready = True

    def _ended(self, code: int) -> None:
        """The engine is gone: its unfinished sentences fail, and the service hears its exit."""
        for audio in list(self.streams.values()):
            audio.fail()
        self.streams.clear()
        self.on_message(self, {"exit": code})
