"""The kiosk's first frame is the attract screen: the reader must not flash up before it.

Every byte the real kiosk writes to a pseudo-terminal (or the browser kiosk sends on its
websocket) is recorded from the moment it starts, so even a frame shown for a millisecond
is seen (polling a screen could miss it).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from guide.content.loader import bundled_content_dir, load_or_raise
from tests.kiosk_attack.serving import serving

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ANSI = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
ATTRACT = b"Press any key to start"
READER_WELCOME = b"Welcome to the immunotherapy guide"
BASICS = load_or_raise(bundled_content_dir() / "en")["basics"].title.encode()


class KioskInPty:
    """The kiosk as `immunoguide kiosk` runs it, in a 100 x 30 pseudo-terminal; ``text`` is
    everything it has written so far with the escape sequences taken out."""

    def __init__(self, root: Path) -> None:
        env = {"HOME": str(root), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(root / name.lower())
        for name in ("PATH", "PYTHONPATH", "VIRTUAL_ENV"):
            if name in os.environ:
                env[name] = os.environ[name]
        command = [sys.executable, "-m", "guide", "kiosk", "--config", str(root / "kiosk.yaml")]
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # the child: exec at once, nothing else
            os.execve(command[0], command, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.text = b""

    def read_until(self, wanted: bytes, timeout: float = 30.0) -> float:
        """Seconds from the start until ``wanted`` is written; keeps all text up to then."""
        deadline = time.monotonic() + timeout
        while wanted not in self.text:
            left = deadline - time.monotonic()
            assert left > 0, f"{wanted!r} never written; the kiosk wrote {self.text[-800:]!r}"
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.1))
            if ready:
                try:
                    self.text += ANSI.sub(b"", os.read(self.fd, 65536))
                except OSError:  # the kiosk has gone
                    break
        assert wanted in self.text, f"the kiosk ended before writing {wanted!r}: {self.text[-800:]!r}"
        return time.monotonic() - self.started

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def close(self) -> None:
        """SIGTERM, reading on so the kiosk never blocks on a full terminal; SIGKILL after 10 s."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                break
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                with contextlib.suppress(OSError):
                    os.read(self.fd, 65536)
        os.close(self.fd)


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[KioskInPty]:
    running = KioskInPty(tmp_path)
    yield running
    running.close()


def test_nothing_of_the_reader_is_written_before_the_attract_screen(kiosk: KioskInPty) -> None:
    kiosk.read_until(ATTRACT)
    before = kiosk.text[: kiosk.text.index(ATTRACT)]
    assert READER_WELCOME not in before and BASICS not in before, (
        f"the reader was drawn before the attract screen: {before[:800]!r}"
    )
    # The markers are the reader's: the first key starts a visit and the reader shows them.
    kiosk.text = b""
    kiosk.type(b"x")
    kiosk.read_until(READER_WELCOME)
    kiosk.read_until(BASICS, timeout=10)


def test_the_browser_kiosk_also_sends_the_attract_screen_first(tmp_path: Path) -> None:
    """`immunoguide serve`: everything the websocket carries up to the attract screen."""
    config = tmp_path / "kiosk.yaml"
    config.write_text("speech: false\n")

    async def first_bytes(port: int) -> bytes:
        seen = b""
        async with aiohttp.ClientSession() as client, client.ws_connect(
            f"http://127.0.0.1:{port}/ws?width=100&height=30", headers={"Origin": f"http://127.0.0.1:{port}"}
        ) as ws:
            async with asyncio.timeout(30):
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        seen += message.data
                        if ATTRACT in ANSI.sub(b"", seen):
                            break
        return ANSI.sub(b"", seen)

    with serving("--config", str(config)) as (port, _):
        text = asyncio.run(first_bytes(port))
    before = text[: text.index(ATTRACT)]
    assert READER_WELCOME not in before and BASICS not in before, before[:800]
