"""A zygote that cannot fork (the system is out of processes for a moment) refuses that one
session, whose launcher then runs the kiosk itself, and stays to fork the next ones: it used to
raise out of its loop and end, and every later session was started the slow way."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from guide.kiosk.session_client import REPLY_BYTES, SESSION_FDS
from guide.kiosk.session_zygote import WEB_ENVIRONMENT

ZYGOTE_THAT_CANNOT_FORK = """
import errno, os, socket, sys
from guide.kiosk import session_zygote

def no_process(*_args):
    raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

os.fork = no_process
listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
listener.bind(sys.argv[1])
listener.listen(8)
print("ready", flush=True)
session_zygote.serve_sessions(listener, None)
"""


def ask_for_a_session(path: Path, environment: dict[str, str]) -> bytes:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    conn.settimeout(10)
    try:
        conn.connect(str(path))
        with open(os.devnull, "rb") as null_in, open(os.devnull, "wb") as null_out:
            fds = [null_in.fileno(), null_out.fileno(), null_out.fileno()][: len(SESSION_FDS)]
            socket.send_fds(conn, [json.dumps(environment).encode()], fds)
        return conn.recv(REPLY_BYTES)
    finally:
        conn.close()


def test_a_zygote_that_cannot_fork_refuses_each_session_and_stays(tmp_path: Path) -> None:
    path = tmp_path / "sessions"
    # The same Textual variables on both sides, as serve gives them, so the zygote would fork.
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "TEXTUAL"))}
    environment.update(WEB_ENVIRONMENT, TEXTUAL_ANIMATIONS="none")
    zygote = subprocess.Popen([sys.executable, "-c", ZYGOTE_THAT_CANNOT_FORK, str(path)], env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert zygote.stdout is not None and zygote.stdout.readline() == b"ready\n"
        for _ in range(3):
            assert ask_for_a_session(path, environment) == b"refused"
        time.sleep(0.2)
        assert zygote.poll() is None, zygote.stderr.read() if zygote.stderr else ""
    finally:
        zygote.kill()
        zygote.wait()
