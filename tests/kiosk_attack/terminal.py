"""The real kiosk in a private tmux server, typed at with raw bytes (send-keys -H), so the
bytes reach Textual's real terminal driver exactly as a keyboard or scanner sends them."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from tests.kiosk.tmux_session import TmuxSession

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


class Terminal(TmuxSession):
    """A TmuxSession with only ``env`` as its environment, that can type raw bytes."""

    def __init__(self, command: str, env: dict[str, str], width: int = 100, height: int = 30) -> None:
        super().__init__(command, width, height, env, clear_env=True)

    def send_bytes(self, data: bytes) -> None:
        """Type these exact bytes (tmux takes at most a few hundred per call)."""
        for start in range(0, len(data), 200):
            chunk = data[start:start + 200]
            self._tmux("send-keys", "-t", "t", "-H", *(f"{b:02x}" for b in chunk))

    def pane_pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())


def on_kiosk_screen(text: str) -> bool:
    """The attract screen, the reader (its key line), or one of the kiosk's dialogs (a frame)."""
    return ATTRACT in text or "f1 help" in text.lower() or ("┏" in text and "┃" in text)


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and "Error" not in text
