"""serve's speech pool when an engine cannot start (settings it cannot use, a broken espeak):
it says so and waits before it tries those settings again, instead of starting engine after
engine as fast as they fail, which took the CPU from every session's screen."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WATCH_SECONDS = 3.0


def test_an_engine_that_cannot_start_is_not_started_again_at_once(tmp_path: Path) -> None:
    address = tmp_path / "speech"
    pool = subprocess.Popen([sys.executable, "-m", "guide.speech.pool_server", "--socket", str(address)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert pool.stdout is not None and pool.stdout.readline().strip() == b"ready"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as session:
            session.connect(str(address))
            session.sendall(json.dumps({"settings": {"rate": "fast", "volume": 1, "voice": ""}}).encode() + b"\n")
            session.settimeout(30)
            assert b'"ready"' in session.recv(4096)
        time.sleep(WATCH_SECONDS)  # counting what happens in a while: nothing to wait for
    finally:
        pool.terminate()
        _, errors = pool.communicate(timeout=10)
    failed_starts = errors.decode(errors="replace").count("an engine could not start")
    assert 1 <= failed_starts <= 2, failed_starts  # the two warm engines once, not one after another
