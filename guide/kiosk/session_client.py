"""The command textual-serve runs for each browser session when serve has a session zygote.

textual-serve starts one command per websocket and talks to it over its stdin and
stdout. This launcher keeps that contract without importing Textual: it hands its
stdin, stdout and stderr (and its environment, which carries the terminal size) to the
zygote over a unix socket, and the zygote forks a kiosk that is already loaded onto
them. The launcher then only waits: it ends with the kiosk's exit status, and the kiosk
ends when the launcher does (the socket between them closes), so serve ending the
launcher ends the session. If the zygote cannot be reached or refuses, the launcher
becomes the old session instead, by exec'ing the fallback command it was given.

    python -m guide.kiosk.session_client SOCKET -- PYTHON -m guide kiosk [ARGS]
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import sys

PR_SET_PDEATHSIG = 1
SESSION_FDS = (0, 1, 2)
REPLY_BYTES = 64
"""Messages are short: b"pid N" from a forked kiosk, answered b"go"; b"exit N" when it ends;
b"refused" from a zygote that cannot run this session."""
REPLY_SECONDS = 5.0
"""A zygote that has not answered by then (stopped, or stuck) is given up for the old way."""
FALLBACK_STATUS = 1
"""The status when the kiosk ended without saying how (killed by a signal)."""


def die_with_parent() -> None:
    """serve starts this command through ``exec``, so serve is the parent: when serve dies,
    so does the launcher, and with it the session."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def hand_over(path: str) -> socket.socket | None:
    """Connect to the zygote and give it this session's descriptors; the socket once the
    kiosk is running, or None if there is no zygote or it refused."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    conn.settimeout(REPLY_SECONDS)
    try:
        conn.connect(path)
        socket.send_fds(conn, [json.dumps(dict(os.environ)).encode()], list(SESSION_FDS))
        reply = conn.recv(REPLY_BYTES)
    except OSError:  # a timeout too: closing the socket ends any kiosk forked for us meanwhile
        conn.close()
        return None
    try:
        if not reply.startswith(b"pid "):
            raise ConnectionRefusedError(reply.decode(errors="replace"))
        conn.sendall(b"go")  # from now on the kiosk has the session's pipes, and we only wait
    except OSError:
        conn.close()
        return None
    conn.settimeout(None)
    return conn


def wait_for_exit(conn: socket.socket) -> int:
    """Block until the kiosk ends; its status, or FALLBACK_STATUS if it said nothing."""
    # The kiosk alone holds the session's pipes now: serve sees their end when it ends.
    null = os.open(os.devnull, os.O_RDWR)
    for fd in SESSION_FDS:
        os.dup2(null, fd)
    os.close(null)
    while True:
        try:
            reply = conn.recv(REPLY_BYTES)
        except InterruptedError:
            continue
        except OSError:
            return FALLBACK_STATUS
        if not reply:
            return FALLBACK_STATUS
        if reply.startswith(b"exit "):
            try:
                return int(reply.split()[1])
            except (IndexError, ValueError):
                return FALLBACK_STATUS


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m guide.kiosk.session_client SOCKET -- COMMAND...", file=sys.stderr)
        return 2
    path, fallback = argv[0], argv[2:]
    die_with_parent()
    conn = hand_over(path)
    if conn is None:
        os.execv(fallback[0], fallback)  # the session as it was before the zygote
    return wait_for_exit(conn)


if __name__ == "__main__":
    os._exit(main(sys.argv[1:]))  # nothing to flush: the session's output is the kiosk's
