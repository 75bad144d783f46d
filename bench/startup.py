"""Time from process start to the guide's first interactive screen, against a minimal Textual app.

Both programs are started the same way in the same run: a small script run by the
same Python (for the guide, the lines its installed `immunoguide` command runs), in a
pseudo-terminal of the same size, timed from just before the fork until the
screen shows their first text (the guide's welcome; the minimal app's label).
Runs come in pairs, in alternating order, so drift hits both; "ratio" is the
ratio of the two medians and "median_pair_ratio" the median of each pair's ratio
(the steadier of the two when the machine's speed drifts). Both run with compiled bytecode, as an
installed program does: PYTHONDONTWRITEBYTECODE is dropped and both keep their
bytecode in one temporary PYTHONPYCACHEPREFIX, filled by the warm-up runs
(otherwise, where that variable is set, the guide's modules were compiled from
source on every run while Textual's came precompiled from site-packages).
Prints medians and the ratio; --json for machines. Target: ratio <= 1.3.

    python bench/startup.py [--runs 15] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANSI = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Minimal app ready")

Minimal().run()
"""
GUIDE_READY = "Welcome to the immunotherapy guide"
MINIMAL_READY = "Minimal app ready"


class PtyApp:
    """A program running in a pseudo-terminal whose screen output we can wait on."""

    def __init__(self, command: list[str], env: dict[str, str], columns: int = 120, lines: int = 40) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.environ.update(env)
            os.environ.pop("COLUMNS", None)
            os.environ.pop("LINES", None)
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.execvp(command[0], command)
        self.pid, self.fd = pid, fd
        import fcntl
        import struct
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.text = b""
        self.raw = b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return False
            self.raw += chunk
            self.text += ANSI.sub(b"", chunk)
        return True

    def wait_for(self, wanted: str, timeout: float = 30.0) -> float:
        """perf_counter time when ``wanted`` first appears anywhere in the output."""
        needle = wanted.encode()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self._read(0.05):
            if needle in self.text:
                return time.perf_counter()
        raise TimeoutError(f"{wanted!r} did not appear; last output: {self.text[-500:]!r}")

    def wait_for_row(self, row: int, wanted: str, timeout: float = 30.0) -> float:
        """perf_counter time when a frame writes ``wanted`` at the start of screen row ``row`` (1-based)."""
        start = rb"\x1b\[%d;1H(?:\x1b\[[0-9;]*m|\s)*" % row
        end = rb"(?:\x1b\[[0-9;]*m)*(?:\s\s|\r)"  # the whole text, not the start of a longer one
        pattern = re.compile(start + re.escape(wanted.encode()) + end)
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self._read(0.05):
            if pattern.search(self.raw):
                return time.perf_counter()
        raise TimeoutError(f"{wanted!r} never written on row {row}; last output: {self.text[-500:]!r}")

    def drain(self, quiet: float = 0.15, limit: float = 5.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds (its frame is finished)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            try:
                os.read(self.fd, 65536)
            except OSError:
                return

    def send(self, keys: bytes) -> float:
        self.text = b""
        self.raw = b""
        moment = time.perf_counter()
        os.write(self.fd, keys)
        return moment

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            with contextlib.suppress(OSError):
                os.read(self.fd, 65536)
            time.sleep(0.02)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


LAUNCHER = """import sys
from guide.cli import main
sys.argv[1:] = ["run"]
sys.exit(main())
"""
"""What the installed `immunoguide` command runs (pip writes the same few lines)."""


def guide_command(folder: Path) -> list[str]:
    """The guide started as its installed command starts it: a small script run by this Python.

    The minimal app is a script too. `python -m guide` would add runpy's start-up (about
    8 ms here) that neither the installed command nor the minimal app pays."""
    launcher = folder / "immunoguide_launcher.py"
    if not launcher.exists():
        launcher.write_text(LAUNCHER)
    return [sys.executable, str(launcher)]


def guide_env(config_dir: str) -> dict[str, str]:
    return {"IMMUNOGUIDE_CONFIG_DIR": config_dir, "TERM": "xterm-256color"}


def time_start(command: list[str], env: dict[str, str], ready: str) -> float:
    app = PtyApp(command, env)
    try:
        return app.wait_for(ready) - app.started
    finally:
        app.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        config = str(Path(tmp) / "config")
        bytecode = {"PYTHONPYCACHEPREFIX": str(Path(tmp) / "bytecode")}
        guide_start = {**guide_env(config), **bytecode}
        minimal_start = {"TERM": "xterm-256color", **bytecode}
        # One warm-up of each, so both read their files from the page cache and have their bytecode.
        time_start(guide_command(Path(tmp)), guide_start, GUIDE_READY)
        time_start([sys.executable, str(minimal)], minimal_start, MINIMAL_READY)
        guide_times: list[float] = []
        minimal_times: list[float] = []
        for run in range(args.runs):
            # Pairs, in alternating order: each pair is started close together in time, so the
            # machine's drift (its speed moves by a third from minute to minute) hits both alike.
            guide_first = run % 2 == 0
            if guide_first:
                guide_times.append(time_start(guide_command(Path(tmp)), guide_start, GUIDE_READY))
            minimal_times.append(time_start([sys.executable, str(minimal)], minimal_start, MINIMAL_READY))
            if not guide_first:
                guide_times.append(time_start(guide_command(Path(tmp)), guide_start, GUIDE_READY))
    guide_ms = statistics.median(guide_times) * 1000
    minimal_ms = statistics.median(minimal_times) * 1000
    pair_ratio = statistics.median(g / m for g, m in zip(guide_times, minimal_times, strict=True))
    result = {
        "runs": args.runs,
        "guide_first_screen_ms": round(guide_ms, 1),
        "minimal_textual_app_ms": round(minimal_ms, 1),
        "ratio": round(guide_ms / minimal_ms, 3),
        "median_pair_ratio": round(pair_ratio, 3),
        "target_ratio": 1.3,
        "guide_min_ms": round(min(guide_times) * 1000, 1),
        "minimal_min_ms": round(min(minimal_times) * 1000, 1),
        "python": sys.version.split()[0],
        "textual": subprocess.run(
            [sys.executable, "-c", "import textual; print(textual.__version__)"], capture_output=True, text=True
        ).stdout.strip(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"guide {result['guide_first_screen_ms']} ms, minimal Textual app {result['minimal_textual_app_ms']} ms, "
            f"ratio {result['ratio']} (target <= 1.3), median of {args.runs}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
