"""The real kiosk in a private tmux server, typed at with raw bytes (send-keys -H), so the
bytes reach Textual's real terminal driver exactly as a keyboard or scanner sends them."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ATTRACT = "Press any key to start"


def isolated_env(root: Path) -> dict[str, str]:
    """HOME and the XDG folders inside ``root``, so a run can be searched for files it left."""
    home = root / "home"
    env = {"HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    for name, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                      ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    for name in ("PATH", "PYTHONPATH", "VIRTUAL_ENV"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def kiosk_command(config: Path, *args: str) -> str:
    return shlex.join([sys.executable, "-m", "guide", "kiosk", "--config", str(config), *args])


class Terminal:
    """One tmux pane running ``command``; the pane stays after the command ends (to read it)."""

    def __init__(self, command: str, env: dict[str, str], width: int = 100, height: int = 30) -> None:
        self.socket = f"kiosk-attack-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t", f"env -i {exports} {command}")
        self.tmux("set-option", "-t", "t", "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                                text=True, timeout=30)
        return result.stdout

    def send_bytes(self, data: bytes) -> None:
        """Type these exact bytes (tmux takes at most a few hundred per call)."""
        for start in range(0, len(data), 200):
            chunk = data[start:start + 200]
            self.tmux("send-keys", "-t", "t", "-H", *(f"{b:02x}" for b in chunk))

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def alive(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "t", "#{pane_dead}").strip() == "0"

    def wait_for(self, check: str | Callable[[str], bool], timeout: float = 30.0) -> bool:
        test = (lambda text: check in text) if isinstance(check, str) else check
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if test(self.screen()):
                return True
            time.sleep(0.1)
        return False

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


def on_kiosk_screen(text: str) -> bool:
    """The attract screen, the reader (its key line), or one of the kiosk's dialogs (a frame)."""
    return ATTRACT in text or "f1 help" in text.lower() or ("┏" in text and "┃" in text)


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and "Error" not in text
