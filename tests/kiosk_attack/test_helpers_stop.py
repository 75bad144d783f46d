"""serve's helpers (the session zygote and the speech pool) are stopped together: two helpers that
ignore SIGTERM cost one stop's grace, not two, so serve and everything it started end within 5 s."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from guide.kiosk.session_starter import STOP_SECONDS, Helper, stop_all

STUBBORN = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print('ready', flush=True); time.sleep(60)")


def stubborn_helper(name: str, tmp_path: Path) -> Helper:
    process = subprocess.Popen([sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline() == b"ready\n"  # SIGTERM is ignored now
    return Helper(name, process, tmp_path / name)


def test_two_helpers_that_ignore_sigterm_are_killed_within_one_grace(tmp_path: Path) -> None:
    helpers = [stubborn_helper("zygote", tmp_path), stubborn_helper("pool", tmp_path)]
    started = time.monotonic()
    stop_all(helpers)
    took = time.monotonic() - started
    assert all(helper.process.poll() is not None for helper in helpers)
    assert took < STOP_SECONDS * 1.5, took  # one after the other took twice STOP_SECONDS


def test_helpers_that_end_at_once_cost_no_wait(tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    started = time.monotonic()
    stop_all([Helper("pool", process, tmp_path / "pool")])
    assert process.poll() is not None and time.monotonic() - started < STOP_SECONDS
