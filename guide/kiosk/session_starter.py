"""serve's side of the session zygote: start it in a private runtime folder, give textual-serve
the launcher's command, notice when it has gone, and stop it. Imports no Textual.

The folder (0700, in IMMUNOGUIDE_RUNTIME_DIR or XDG_RUNTIME_DIR when set, else the temporary
folder) holds only the zygote's socket, so only serve's own user can ask for a session.
"""

from __future__ import annotations

import contextlib
import os
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

READY_SECONDS = 30.0
"""How long serve waits for the zygote to have loaded everything before it serves without one."""
STOP_SECONDS = 2.0
ZYGOTE_MODULE = "guide.kiosk.session_zygote"
CLIENT_MODULE = "guide.kiosk.session_client"


def runtime_folder() -> Path:
    """A new private folder for serve's sockets, in RAM where the system gives one."""
    for variable in ("IMMUNOGUIDE_RUNTIME_DIR", "XDG_RUNTIME_DIR"):
        place = os.environ.get(variable)
        if place and os.path.isdir(place) and os.access(place, os.W_OK):
            return Path(tempfile.mkdtemp(prefix="immunoguide-serve-", dir=place))
    return Path(tempfile.mkdtemp(prefix="immunoguide-serve-"))


def kiosk_arguments(exec_command: str) -> list[str] | None:
    """The flags of ``exec PYTHON -m guide kiosk FLAGS...`` (guide.kiosk.command.kiosk_command),
    or None for any other command, which the zygote cannot stand in for."""
    parts = shlex.split(exec_command)
    if parts[:1] != ["exec"] or parts[2:5] != ["-m", "guide", "kiosk"]:
        return None
    return parts[5:]


class SessionZygote:
    """The running zygote process and its socket."""

    def __init__(self, process: subprocess.Popen[bytes], folder: Path) -> None:
        self.process = process
        self.folder = folder
        self.socket = folder / "sessions"

    @classmethod
    def start(cls, exec_command: str) -> SessionZygote | None:
        """The zygote once it is ready to fork sessions; None (and a message) if it cannot be."""
        arguments = kiosk_arguments(exec_command)
        if arguments is None:
            return None
        folder = runtime_folder()
        command = [sys.executable, "-m", ZYGOTE_MODULE, "--socket", str(folder / "sessions"), *arguments]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        zygote = cls(process, folder)
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], READY_SECONDS)
        line = process.stdout.readline() if ready else b""
        process.stdout.close()
        if line.strip() != b"ready":
            print("serve: the session zygote did not start; each session is started as its own process.",
                  file=sys.stderr, flush=True)
            zygote.stop()
            return None
        return zygote

    def launcher_command(self, exec_command: str) -> str:
        """What textual-serve runs per session: the launcher, which falls back to the kiosk itself."""
        parts = shlex.split(exec_command)[1:]
        return "exec " + shlex.join([sys.executable, "-m", CLIENT_MODULE, str(self.socket), "--", *parts])

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """End the zygote (sessions it forked end with their launchers) and remove its folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder)
