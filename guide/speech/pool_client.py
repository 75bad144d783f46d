"""A session's engine in serve's shared pool (guide.speech.pool_server): to the engines and the
service it is an EngineProcess like any other; behind it is a unix socket to the pool, not a
process of the session's own.

It speaks the worker's protocol on the socket. Killing it closes the socket, which tells the
pool to kill the real engine if it is still making this session's sentence, and no other.
When the pool cannot be reached, creating one raises OSError and the session starts its own
engine processes instead (guide.speech.engines).
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from typing import Any

from guide.speech.engine_process import EngineProcess, Message

POOL_VARIABLE = "IMMUNOGUIDE_SPEECH_POOL"
"""The pool's socket, set by serve for its sessions; a session without it starts its own engines."""
CONNECT_SECONDS = 2.0
GONE = -1
"""The exit status reported when the pool's end of the socket closes (the pool or its engine died)."""


class PoolEngine(EngineProcess):
    """One engine of the shared pool, seen from a session (same interface as EngineProcess)."""

    def __init__(
        self,
        on_message: Callable[[EngineProcess, Message], None],
        settings: dict[str, Any],
        address: str,
    ) -> None:
        # EngineProcess.__init__ starts a process; this one connects instead.
        self._begin(on_message, settings)
        self._pool_pid = 0
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._socket.settimeout(CONNECT_SECONDS)
            self._socket.connect(address)
            self._socket.settimeout(None)
            self._socket.sendall(json.dumps({"settings": self.settings}).encode() + b"\n")
        except OSError:
            self._socket.close()
            raise
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="speech-pool-engine", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        """The pool's process id (the engine making a sentence may change from one to the next)."""
        return self._pool_pid

    def send(self, message: Message) -> bool:
        if self.killed:
            return False
        try:
            with self._lock:
                self._socket.sendall(json.dumps(message).encode() + b"\n")
            return True
        except OSError:
            return False

    def kill(self) -> None:
        """Close the socket: never blocks; the pool drops this session's sentence, if any."""
        self.killed = True
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)

    def _read(self) -> None:
        with contextlib.suppress(OSError, ValueError), self._socket.makefile("rb") as incoming:
            self._take_replies(incoming)
        with contextlib.suppress(OSError):
            self._socket.close()
        self._ended(GONE)

    def _on_ready(self, message: Message) -> None:
        self._pool_pid = int(message.get("pid") or 0)
        self.ready = True
