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

from guide.content.loader import bundled_content_dir, load_or_raise

from .tmux_session import TmuxSession

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed"),
]

PIN = "482913"
ATTRACT = "Press any key to start"
BASICS = load_or_raise(bundled_content_dir() / "en")["basics"].title


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
        self.status_file = root / "exit-status"
        self.session: TmuxSession | None = None

    def set_pin(self) -> None:
        result = subprocess.run([sys.executable, "-m", "guide", "kiosk", "--config", str(self.config), "--set-pin"],
                                input=f"{PIN}\n{PIN}\n", text=True, capture_output=True,
                                env={**os.environ, **self.env}, timeout=60)
        assert result.returncode == 0, result.stderr

    def files(self) -> set[Path]:
        return set(self.home.rglob("*"))

    def start(self, *args: str) -> TmuxSession:
        kiosk = shlex.join([sys.executable, "-m", "guide", "kiosk", "--config", str(self.config), *args])
        command = f"sh -c {shlex.quote(kiosk + '; echo $? > ' + shlex.quote(str(self.status_file)))}"
        keep = {k: os.environ[k] for k in ("PATH", "PYTHONPATH", "VIRTUAL_ENV") if k in os.environ}
        self.session = TmuxSession(command, env={**keep, **self.env})
        assert self.session.wait_for(ATTRACT, 30), self.session.screen()
        return self.session


@pytest.fixture
def visit(tmp_path: Path) -> Iterator[Visit]:
    made = Visit(tmp_path)
    yield made
    if made.session is not None:
        made.session.close()


def on_kiosk_screen(text: str) -> bool:
    """The attract screen, the reader (its footer), or one of the guide's dialogs (its frame)."""
    return ATTRACT in text or "f1 help" in text.lower() or ("┏" in text and "┃" in text)


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
    for _ in range(3):
        session.send("Escape")
        time.sleep(0.3)
    session.send("h")  # the start page
    assert session.wait_for(lambda s: "Start" in s and "f1 help" in s.lower(), 10), session.screen()
    assert session.alive()
    assert visit.files() == before


def test_idle_warning_continue_and_full_reset(visit: Visit) -> None:
    session = visit.start("--idle-seconds", "5", "--warning-seconds", "3")
    before = visit.files()
    session.send("Space")
    session.send("n")
    assert session.wait_for(BASICS, 5), session.screen()
    session.send("/")
    assert session.wait_for("Search the guide", 5), session.screen()
    session.send("itchy", literal=True)
    assert session.wait_for("itchy", 5)
    assert session.wait_for("Are you still there?", 10), session.screen()
    assert "start over for the next person in" in session.screen()
    session.send("x")  # any key continues
    assert session.wait_for(lambda s: "Are you still there?" not in s, 5)
    assert "itchy" in session.screen()  # the visitor's search is still there for them
    assert session.wait_for("Are you still there?", 10)
    assert session.wait_for(ATTRACT, 10), session.screen()  # reset
    session.send("Space")
    assert session.wait_for(lambda s: ATTRACT not in s and "Start" in s, 5), session.screen()
    screen = session.screen()
    assert "itchy" not in screen
    session.send("b")  # back: nothing from the last visitor
    session.send("/")
    time.sleep(0.5)
    screen = session.screen()
    assert "itchy" not in screen and BASICS not in screen.splitlines()[0]
    assert visit.files() == before


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
    assert visit.status_file.read_text().strip() == "10"


def test_wrong_pin_locks_the_prompt(visit: Visit) -> None:
    visit.set_pin()
    session = visit.start()
    session.send("F12")
    session.send("F12")
    session.send("F12")
    assert session.wait_for("Staff only", 5)
    for expected in ("4 tries left", "3 tries left", "2 tries left", "1 try left", "Too many wrong tries"):
        session.send("111111", literal=True)
        session.send("Enter")
        assert session.wait_for(expected, 10), session.screen()
    session.send(PIN, literal=True)
    session.send("Enter")
    time.sleep(0.5)
    assert "Staff menu" not in session.screen()
    assert session.alive()


def test_broken_config_still_starts_and_shows_staff_the_line(visit: Visit) -> None:
    visit.set_pin()
    with visit.config.open("a") as config:
        config.write("warning_seconds: [30\n")  # a syntax error on the last line
    broken_line = len(visit.config.read_text().splitlines())
    session = visit.start()
    session.send("Space")
    assert session.wait_for(lambda s: "Start" in s and "f1 help" in s.lower(), 10), session.screen()
    session.send("F12")
    session.send("F12")
    session.send("F12")
    assert session.wait_for("Staff only", 5)
    session.send(PIN, literal=True)  # the PIN hash survived the broken file
    session.send("Enter")
    assert session.wait_for("Staff menu", 5), session.screen()
    flat = " ".join(session.screen().split())
    assert ("problem" in flat and f":{broken_line + 1}:" in flat) or f":{broken_line}:" in flat, flat


def test_set_pin_on_a_terminal_asks_twice_without_echo(visit: Visit) -> None:
    command = shlex.join([sys.executable, "-m", "guide", "kiosk", "--config", str(visit.config), "--set-pin"])
    keep = {k: os.environ[k] for k in ("PATH", "PYTHONPATH", "VIRTUAL_ENV") if k in os.environ}
    visit.session = TmuxSession(command, env={**keep, **visit.env})
    assert visit.session.wait_for("New staff PIN", 10), visit.session.screen()
    visit.session.send(PIN, literal=True)
    visit.session.send("Enter")
    assert visit.session.wait_for("The same PIN again", 5)
    visit.session.send(PIN, literal=True)
    visit.session.send("Enter")
    assert visit.session.wait_for("Staff PIN set", 10), visit.session.screen()
    assert PIN not in visit.session.screen()  # never echoed
    assert PIN not in visit.config.read_text()
