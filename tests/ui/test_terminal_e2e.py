"""End to end in a real terminal (tmux): the installed command, real bundled content, keys only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide.content.loader import load_or_raise
from guide.content.search import SearchIndex
from guide.ui.app import GuideApp

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TMUX_KEY_NAMES = {
    "f1": "F1", "f2": "F2", "f7": "F7", "f8": "F8", "home": "Home", "backspace": "BSpace", "escape": "Escape",
    "space": "Space", "enter": "Enter", "tab": "Tab", "up": "Up", "down": "Down", "slash": "/", "full_stop": ".",
    "comma": ",", "left_square_bracket": "[", "right_square_bracket": "]", "less_than_sign": "<",
    "greater_than_sign": ">", "plus": "+", "equals_sign": "=", "minus": "-", "question_mark": "?",
    "pageup": "PPage", "pagedown": "NPage",
    "alt+left": "M-Left", "alt+right": "M-Right", "ctrl+f": "C-f", "f3": "F3", "ctrl+n": "C-n", "ctrl+p": "C-p",
}


class Tmux:
    def __init__(self, name: str) -> None:
        self.name = name

    def start(self, command: list[str], env: dict[str, str], width: int = 120, height: int = 40) -> None:
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        line = f"env -u COLUMNS -u LINES {exports} {' '.join(command)}; echo EXIT-STATUS=$?; sleep 60"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), line],
                       check=True)

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def text(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], check=True,
                              capture_output=True, text=True).stdout

    def wait_for(self, wanted: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if wanted in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{wanted!r} never appeared; screen was:\n{self.text()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False, capture_output=True)


@pytest.fixture
def tmux(request: pytest.FixtureRequest) -> Iterator[Tmux]:
    session = Tmux(f"ig-{os.getpid()}-{request.node.name[:20]}")
    yield session
    session.kill()


def _bound_keys() -> list[str]:
    keys: list[str] = []
    for binding in GuideApp.BINDINGS:
        keys.extend(k.strip() for k in binding.key.split(","))  # type: ignore[union-attr]
    return keys


def test_every_key_the_guide_uses_arrives_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    log = tmp_path / "keys.txt"
    tmux.start([sys.executable, str(Path(__file__).with_name("key_echo_app.py")), str(log)], {"TERM": "tmux-256color"})
    tmux.wait_for("ready")
    wanted = [*dict.fromkeys([*_bound_keys(), "up", "down", "enter", "pageup", "pagedown"])]
    for key in wanted:
        tmux.keys(TMUX_KEY_NAMES.get(key, key))
    tmux.keys("C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "ctrl+q" not in (log.read_text() if log.exists() else ""):
        time.sleep(0.1)
    received = log.read_text().split()
    assert received[:-1] == wanted


def test_installed_command_reaches_a_named_topic_by_keys(tmux: Tmux, tmp_path: Path) -> None:
    command = shutil.which("immunoguide") or str(Path(sys.executable).with_name("immunoguide"))
    library = load_or_raise(None)
    basics = library["basics"]
    following = library.neighbour("basics", 1)
    assert following is not None
    tmux.start([command], {"IMMUNOGUIDE_CONFIG_DIR": str(tmp_path), "TERM": "tmux-256color"})
    tmux.wait_for("Welcome to the immunotherapy guide")
    tmux.keys("Enter")  # the first part of the tree, highlighted at start: The basics
    screen = tmux.wait_for(basics.summary.split(".")[0])
    assert screen.splitlines()[0].strip() == basics.title  # the breadcrumb
    assert "URGENT" not in screen or basics.urgent
    tmux.keys("n")
    screen = tmux.wait_for(f"{basics.title} > {following.title}")
    tmux.keys("h")
    tmux.wait_for("Welcome to the immunotherapy guide")
    tmux.keys("BSpace")
    tmux.wait_for(f"{basics.title} > {following.title}")
    tmux.keys("q")
    tmux.wait_for("EXIT-STATUS=0")


def test_installed_command_searches_and_opens_a_result(tmux: Tmux, tmp_path: Path) -> None:
    command = shutil.which("immunoguide") or str(Path(sys.executable).with_name("immunoguide"))
    tmux.start([command], {"IMMUNOGUIDE_CONFIG_DIR": str(tmp_path), "TERM": "tmux-256color"}, width=80, height=24)
    tmux.wait_for("Welcome")
    tmux.keys("/")
    tmux.wait_for("Search the guide")
    subprocess.run(["tmux", "send-keys", "-t", tmux.name, "-l", "immunotherapy"], check=True)
    tmux.wait_for(" found")  # the count line: "63 found, showing 8"
    tmux.keys("Enter")
    top = SearchIndex(load_or_raise(None)).search("immunotherapy", limit=1)[0]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "Search the guide" in tmux.text():
        time.sleep(0.1)
    screen = tmux.text()
    assert screen.splitlines()[0].strip().endswith(top.title[:60])
    tmux.keys("q")
    tmux.wait_for("EXIT-STATUS=0")
