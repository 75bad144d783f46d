"""serve's helpers beside its sessions: the session zygote and the shared speech pool, each
started in serve's private runtime folder, noticed when gone, and stopped. Imports no Textual.

The folder (0700, in IMMUNOGUIDE_RUNTIME_DIR or XDG_RUNTIME_DIR when set, else the temporary
folder) holds only their sockets, so only serve's own user can ask for a session or a sentence.
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
import time
from pathlib import Path

READY_SECONDS = 30.0
"""How long serve waits for the zygote to have loaded everything before it serves without one."""
STOP_SECONDS = 2.0
ZYGOTE_MODULE = "guide.kiosk.session_zygote"
CLIENT_MODULE = "guide.kiosk.session_client"
POOL_MODULE = "guide.speech.pool_server"


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


class Helper:
    """A process serve starts beside its sessions (the zygote, the speech pool), listening on a
    socket in serve's runtime folder once it has printed "ready"."""

    def __init__(self, name: str, process: subprocess.Popen[bytes], socket: Path) -> None:
        self.name = name
        self.process = process
        self.socket = socket

    @classmethod
    def start(cls, name: str, module: str, socket: Path, arguments: list[str]) -> Helper | None:
        """The helper once it is ready; None (and a message) if it cannot be."""
        command = [sys.executable, "-m", module, "--socket", str(socket), *arguments]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        helper = cls(name, process, socket)
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], READY_SECONDS)
        line = process.stdout.readline() if ready else b""
        process.stdout.close()
        if line.strip() != b"ready":
            print(f"serve: the {name} did not start.", file=sys.stderr, flush=True)
            helper.stop()
            return None
        return helper

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        stop_all([self])


def stop_all(helpers: list[Helper]) -> None:
    """Tell every helper to end at once, then give them STOP_SECONDS together (killing any still
    there), so stopping two never takes twice as long: serve's SIGTERM must end all within 5 s."""
    running = [helper.process for helper in helpers if helper.process.poll() is None]
    for process in running:
        process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in running:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_zygote(exec_command: str, folder: Path) -> Helper | None:
    """The session zygote for sessions of this kiosk command, or None: then sessions are exec'd."""
    arguments = kiosk_arguments(exec_command)
    if arguments is None:
        return None
    return Helper.start("session zygote", ZYGOTE_MODULE, folder / "sessions", arguments)


def start_speech_pool(folder: Path) -> Helper | None:
    """The engine pool every session's speech uses; None: then each session starts its own engines."""
    return Helper.start("speech pool", POOL_MODULE, folder / "speech", [])


def launcher_command(zygote: Helper, exec_command: str) -> str:
    """What textual-serve runs per session: the launcher, which falls back to the kiosk itself."""
    parts = shlex.split(exec_command)[1:]
    return "exec " + shlex.join([sys.executable, "-m", CLIENT_MODULE, str(zygote.socket), "--", *parts])


def remove_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)
