"""The installed kiosk in a real terminal (tmux): escape attempts, idle warning and
reset, staff PIN exit and lock-out, a broken config, and no files left behind."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .tmux_session import TmuxSession

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed"),
]

PIN = "482913"
ATTRACT = "Press any key to start"


class Visit:
    """An isolated machine for one kiosk run: its own HOME, XDG dirs and config file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.env = {"HOME": str(self.home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        for name, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                          ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
            self.env[name] = str(self.home / sub)
        self.config = root / "kiosk.yaml"
        self.stderr = root / "stderr.txt"
        self.session: TmuxSession | None = None

    def set_pin(self) -> None:
        result = subprocess.run([sys.executable, "-m", "guide", "kiosk", "--config", str(self.config), "--set-pin"],
                                input=f"{PIN}\n{PIN}\n", text=True, capture_output=True,
                                env={**os.environ, **self.env}, timeout=60)
        assert result.returncode == 0, result.stderr

    def files(self) -> set[Path]:
        return set(self.home.rglob("*"))

    def start(self, *args: str) -> TmuxSession:
        command = shlex.join([sys.executable, "-m", "guide", "kiosk", "--config", str(self.config), *args])
        keep = {k: os.environ[k] for k in ("PATH", "PYTHONPATH", "VIRTUAL_ENV") if k in os.environ}
        self.session = TmuxSession(f"sh -c {shlex.quote(command + ' 2>' + shlex.quote(str(self.stderr)))}",
                                   env={**keep, **self.env})
        assert self.session.wait_for(ATTRACT, 30), self.session.screen()
        return self.session


@pytest.fixture
def visit(tmp_path: Path) -> Iterator[Visit]:
    made = Visit(tmp_path)
    yield made
    if made.session is not None:
        made.session.close()


def on_kiosk_screen(text: str) -> bool:
    return ATTRACT in text or ("F1" in text and "Help" in text)


ESCAPE_ATTEMPTS: list[list[str]] = [
    ["C-c"], ["C-q"], ["C-z"], ["C-\\"], ["C-d"], ["C-p"], ["q"], ["Escape"], ["F10"], ["C-s"],
    ["C-w"], ["C-t"], ["M-F4"], ["F12"], ["C-l"],
    ["q", "Enter"], [":q!", "Enter"], ["C-x", "C-c"], ["exit", "Enter"], ["C-c", "C-c", "C-c"],
    ["C-z", "fg", "Enter"], ["Escape", "Escape", "Escape", "Escape"], ["C-d", "C-d", "C-d"], ["C-b", "d"],
    ["C-a", "d"], ["C-]"], ["M-x", "kill-emacs", "Enter"], ["/", "C-c", "C-q"],
]


def test_escape_attempts_leave_the_kiosk_running_on_its_screen(visit: Visit) -> None:
    visit.set_pin()
    session = visit.start()
    before = visit.files()
    assert len(ESCAPE_ATTEMPTS) >= 20
    for attempt in ESCAPE_ATTEMPTS:
        for key in attempt:
            literal = len(key) > 1 and not key[0].isupper() and "-" not in key
            session.send(key, literal=literal)
        time.sleep(0.3)
        screen = session.screen()
        assert session.alive(), f"{attempt} ended the kiosk:\n{screen}"
        assert on_kiosk_screen(screen), f"after {attempt} the screen is:\n{screen}"
    for width, height in [(30, 8), (160, 50), (60, 12), (100, 30)] * 3:  # a resize storm
        session.resize(width, height)
    session.send("Escape")
    session.send("Escape")
    session.send("Home")
    assert session.wait_for(lambda s: "Start" in s and "Help" in s, 10), session.screen()
    assert session.alive()
    assert visit.files() == before


def test_idle_warning_continue_and_full_reset(visit: Visit) -> None:
    session = visit.start("--idle-seconds", "4", "--warning-seconds", "3")
    before = visit.files()
    session.send("Space")
    session.send("n")
    assert session.wait_for("Basics", 10), session.screen()
    session.send("/")
    session.send("rash", literal=True)
    assert session.wait_for("rash", 5)
    assert session.wait_for("Are you still there?", 10), session.screen()
    assert "start over for the next person in" in session.screen()
    session.send("x")  # any key continues
    assert session.wait_for(lambda s: "Are you still there?" not in s, 5)
    assert "rash" in session.screen()  # the visitor's search is still there for them
    assert session.wait_for("Are you still there?", 10)
    assert session.wait_for(ATTRACT, 10), session.screen()  # reset
    session.send("Space")
    assert session.wait_for(lambda s: ATTRACT not in s and "Start" in s, 5), session.screen()
    screen = session.screen()
    assert "rash" not in screen
    session.send("b")  # back: nothing from the last visitor
    session.send("/")
    time.sleep(0.5)
    screen = session.screen()
    assert "rash" not in screen and "Basics ›" not in screen
    assert visit.files() == before
    assert "below the 20 s" in visit.stderr.read_text()


def test_staff_pin_exit(visit: Visit) -> None:
    visit.set_pin()
    session = visit.start()
    session.send("F12")
    session.send("F12")
    session.send("F12")
    assert session.wait_for("Staff only", 5), session.screen()
    session.send(PIN, literal=True)
    session.send("Enter")
    assert session.wait_for("Staff menu", 5), session.screen()
    session.send("Enter")
    deadline = time.monotonic() + 10
    while session.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not session.alive()
    assert session.exit_status() == 10


def test_wrong_pin_locks_the_prompt(visit: Visit) -> None:
    visit.set_pin()
    session = visit.start()
    session.send("F12")
    session.send("F12")
    session.send("F12")
    assert session.wait_for("Staff only", 5)
    for _ in range(5):
        session.send("111111", literal=True)
        session.send("Enter")
        time.sleep(0.4)
    assert session.wait_for("Too many wrong tries", 5), session.screen()
    session.send(PIN, literal=True)
    session.send("Enter")
    time.sleep(0.5)
    assert "Staff menu" not in session.screen()
    assert session.alive()


def test_broken_config_names_the_line_and_the_kiosk_still_starts(visit: Visit) -> None:
    visit.config.write_text("idle_seconds: 60\nwarning_seconds: [30\n")
    session = visit.start()
    session.send("Space")
    assert session.wait_for(lambda s: "Start" in s and "Help" in s, 10), session.screen()
    message = visit.stderr.read_text()
    assert f"{visit.config}:3:" in message or f"{visit.config}:2:" in message
    assert "safe defaults" in message
