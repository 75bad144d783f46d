"""Run a command in a private tmux server and read its screen, as a person at the
terminal would see it (send-keys to type, capture-pane to read)."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid
from collections.abc import Callable


class TmuxSession:
    """One tmux pane running ``command``; the pane stays after the command ends (to read it).

    ``env`` is added to tmux's environment, or with ``clear_env`` is the whole environment (env -i).
    """

    def __init__(self, command: str, width: int = 100, height: int = 30, env: dict[str, str] | None = None,
                 *, clear_env: bool = False) -> None:
        self.socket = f"kiosk-test-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        if clear_env:
            command = f"env -i {exports} {command}"
        elif exports:
            command = f"env {exports} {command}"
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t", command)
        self._tmux("set-option", "-t", "t", "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                                text=True, timeout=30)
        return result.stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t")

    def alive(self) -> bool:
        return self._tmux("display-message", "-p", "-t", "t", "#{pane_dead}").strip() == "0"

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def wait_for(self, check: str | Callable[[str], bool], timeout: float = 20.0) -> bool:
        test = (lambda text: check in text) if isinstance(check, str) else check
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if test(self.screen()):
                return True
            time.sleep(0.1)
        return False

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)
