"""The session zygote of `immunoguide serve`: one process that has already imported Textual
and the kiosk and loaded and checked the content, and that forks a kiosk for each browser
session, so a session starts in a few milliseconds of CPU instead of half a second.

serve starts it with the kiosk's own flags; it listens on a unix socket in serve's private
runtime folder, where each session's launcher (guide.kiosk.session_client) hands over the
pipes textual-serve gave it and its environment. The zygote stays single-threaded (a fork
of a threaded process can inherit a held lock), freezes what it has loaded before the first
fork (gc.freeze, so the collector never touches those pages and copy-on-write keeps them
shared), and does nothing else. Each child is the session exactly as `immunoguide kiosk`
would be: the same lock-down and config, a fresh app, its own process group, and it ends
when its launcher ends.

    python -m guide.kiosk.session_zygote --socket PATH [--config FILE] [--content DIR] ...
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import random
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from guide.kiosk.command import UNSAFE_ENVIRONMENT, effective_config, harden_environment, tell_config_problems
from guide.kiosk.config import KioskConfig
from guide.kiosk.session_client import PR_SET_PDEATHSIG, REPLY_BYTES, SESSION_FDS
from guide.kiosk.start import kiosk_language, run_kiosk

WEB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
"""What textual-serve sets for each session and Textual reads once, when it is imported:
the zygote imports Textual with these, and forks only for a session whose own values agree."""
ENVIRONMENT_BYTES = 256 * 1024
"""The largest environment a launcher may send (a normal one is a few kilobytes)."""
QUIT_SECONDS = 3.0
"""How long a kiosk whose launcher has gone has to end by itself before it kills itself."""
HANDOVER_SECONDS = 5.0
"""How long the zygote waits for a launcher that has connected to send its descriptors."""
ACCEPT_PAUSE_SECONDS = 0.1
"""A pause after a failed accept (out of descriptors), so the zygote never spins."""


def textual_environment(environment: dict[str, str]) -> dict[str, str]:
    """The variables Textual reads at import, as the kiosk will see them (after hardening)."""
    return {name: value for name, value in environment.items()
            if name.startswith("TEXTUAL") or name in ("TERM_PROGRAM", "ESCDELAY", "NO_COLOR")}


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The zygote's socket and the kiosk's own flags, as serve gives them to `immunoguide kiosk`."""
    parser = argparse.ArgumentParser(prog="python -m guide.kiosk.session_zygote")
    parser.add_argument("--socket", required=True)
    parser.add_argument("--config")
    parser.add_argument("--content")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--idle-seconds", type=float)
    parser.add_argument("--warning-seconds", type=float)
    return parser.parse_args(argv)


class Preloaded:
    """What every session shares, read-only: the checked config and the loaded content,
    and the kiosk's modules already imported."""

    def __init__(self, args: argparse.Namespace, config: KioskConfig) -> None:
        from guide.content.open import open_library
        from guide.kiosk import app  # noqa: F401  (imports Textual and every screen now, once)
        from guide.speech import service  # noqa: F401  (and speech, which each session builds after its first screen)
        from guide.ui import command  # noqa: F401

        self.args = args
        self.config = config
        self.library = open_library(args.content, kiosk_language(config, args))

    def run_session(self) -> int:
        """One visitor's kiosk on this process's stdio: what `immunoguide kiosk` says and runs."""
        tell_config_problems(self.config)
        return run_kiosk(self.config, self.args, self.library)


def die_with_serve() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def end_with_launcher(conn: socket.socket) -> None:
    """The launcher is the process serve knows: when it has gone (ended, killed, or serve
    died), this kiosk ends too, through its normal exit first (SIGTERM), then for certain."""
    def watch() -> None:
        with contextlib.suppress(OSError):
            while conn.recv(REPLY_BYTES):
                pass
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(QUIT_SECONDS)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="session-launcher", daemon=True).start()


def become_session(conn: socket.socket, fds: list[int], environment: dict[str, str],
                   listener: socket.socket, run: Callable[[], int]) -> None:
    """In the forked child: take over the session's pipes and environment, run the kiosk,
    tell the launcher its status, and leave without running the zygote's exit handlers."""
    status = 1
    try:
        listener.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the zygote ignores it; the kiosk waits for its children
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()
        # The launcher says "go" once it knows we exist; one that has given up (and runs the
        # session itself) closes instead, and we leave without touching its pipes.
        conn.send(b"pid %d" % os.getpid())
        conn.settimeout(HANDOVER_SECONDS)
        if conn.recv(REPLY_BYTES) != b"go":
            os._exit(1)
        conn.settimeout(None)
        for target, fd in zip(SESSION_FDS, fds, strict=True):
            os.dup2(fd, target)
        for fd in fds:
            if fd not in SESSION_FDS:
                os.close(fd)
        os.environ.clear()
        os.environ.update(environment)
        harden_environment()
        random.seed()  # a fresh seed, not the zygote's (random reseeds at fork too; this says so)
        end_with_launcher(conn)
        status = run()
    except BaseException:  # whatever happens, the launcher hears the end
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        with contextlib.suppress(OSError):
            conn.send(b"exit %d" % (status & 0xFF))
        os._exit(status & 0xFF)


def receive(conn: socket.socket) -> tuple[list[int], dict[str, str]] | None:
    """A launcher's three descriptors and environment, or None (and nothing left open)."""
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
        if int.from_bytes(creds[4:8], sys.byteorder) != os.getuid():
            return None  # the folder is 0700 already; this says who may ask, not only where
        conn.settimeout(HANDOVER_SECONDS)
        data, fds, _flags, _address = socket.recv_fds(conn, ENVIRONMENT_BYTES, len(SESSION_FDS))
        conn.settimeout(None)
    except OSError:
        return None
    try:
        environment = json.loads(data)
        valid = isinstance(environment, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in environment.items())
    except ValueError:
        valid = False
    if not valid or len(fds) != len(SESSION_FDS):
        for fd in fds:
            os.close(fd)
        return None
    return fds, environment


def fork_session() -> int:
    """os.fork, or -1 when the system has no process to spare (a limit reached): then that one
    session is refused and runs as its own process, and the zygote carries on for the next."""
    try:
        return os.fork()
    except OSError:
        return -1


def serve_sessions(listener: socket.socket, preloaded: Preloaded) -> None:
    """Accept launchers for ever, one fork each; the zygote itself runs nothing of a session."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the kiosks; their launchers hear the status
    imported_with = textual_environment(dict(os.environ))
    while True:
        try:
            conn, _address = listener.accept()
        except OSError:  # out of descriptors for a moment: that launcher times out and runs its own
            time.sleep(ACCEPT_PAUSE_SECONDS)
            continue
        received = receive(conn)
        if received is None:
            conn.close()
            continue
        fds, environment = received
        session_environment = {**environment}
        for name in UNSAFE_ENVIRONMENT:
            session_environment.pop(name, None)
        session_environment.setdefault("TEXTUAL_ANIMATIONS", "none")
        forkable = textual_environment(session_environment) == imported_with and threading.active_count() == 1
        child = fork_session() if forkable else -1
        if child == 0:
            become_session(conn, fds, environment, listener, preloaded.run_session)
        elif child < 0:
            with contextlib.suppress(OSError):
                conn.send(b"refused")  # the launcher runs the session as its own process instead
        for fd in fds:
            os.close(fd)
        conn.close()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    die_with_serve()
    os.environ.update(WEB_ENVIRONMENT)
    harden_environment()
    config = effective_config(args)
    if config is None:
        return 2
    preloaded = Preloaded(args, config)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(args.socket)
    listener.listen(64)
    signal.signal(signal.SIGTERM, leave)
    gc.collect()
    gc.freeze()  # everything loaded so far stays out of the collector's reach: shared pages stay shared
    print("ready", flush=True)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 1)  # serve has read its line; a session's output goes to that session alone
    os.close(null)
    try:
        serve_sessions(listener, preloaded)
    finally:
        remove_socket(Path(args.socket))
    return 0


def leave(number: int, frame: object) -> None:
    """SIGTERM (from serve, or because serve died): stop accepting and clear the socket away."""
    raise SystemExit(128 + number)


def remove_socket(path: Path) -> None:
    """The socket, and serve's runtime folder if nothing else is left in it (serve itself
    may have been killed outright, so no one else would)."""
    with contextlib.suppress(OSError):
        path.unlink()
    with contextlib.suppress(OSError):
        path.parent.rmdir()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
