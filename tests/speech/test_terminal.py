"""Nothing the engine or the player prints ever reaches the terminal (checked in a real tmux pane).

This machine has no sound card, so aplay fails loudly ("no soundcards found") if
anyone lets it speak to the terminal; pyttsx3 prints "Audio saved to ..." on every file.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from guide.speech.service import engine_problem

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed"),
    pytest.mark.slow,
    pytest.mark.e2e,
]

FIXTURES = Path(__file__).parent / "fixtures" / "en"
NOISE = ("aplay:", "ALSA lib", "Audio saved", "Traceback", "no soundcards", "espeak-ng:", "snd_", "Playing WAVE")


def command() -> list[str]:
    installed = Path(sys.executable).parent / "immunoguide"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "guide"]


def run_in_tmux(args: list[str], env: dict[str, str] | None = None, timeout: float = 60) -> list[str]:
    """Run a command in a fresh tmux pane; return the pane's non-blank lines once it has finished."""
    session = f"speech-{uuid.uuid4().hex[:8]}"
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    line = f"{exports} {shlex.join(args)}; echo EXIT=$?; sleep 60"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50", line], check=True)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pane = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if "EXIT=" in pane:
                return [row for row in pane.splitlines() if row.strip()]
            time.sleep(0.1)
        raise AssertionError(f"did not finish in {timeout} s")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_speaking_aloud_without_a_sound_card_prints_only_our_message() -> None:
    rows = run_in_tmux([*command(), "speak", "basics", "--content", str(FIXTURES)])
    assert rows[-1] == "EXIT=1"
    text = " ".join(rows[:-1])
    assert text.startswith("No sound device was found, so the guide will not speak.")
    assert not any(word in text for word in NOISE), rows


def test_a_failing_player_and_the_engine_stay_silent_in_the_terminal() -> None:
    """Force the real aplay (which fails here) and the real engine: only our one message shows."""
    rows = run_in_tmux([*command(), "speak", "basics", "--content", str(FIXTURES)],
                       env={"IMMUNOGUIDE_SPEECH_PLAYER": "aplay"})
    assert rows[-1] == "EXIT=1"
    assert rows[0].startswith("Reading 'The basics' aloud")
    assert " ".join(rows[1:-1]).startswith("Speech is unavailable: the sound player aplay does not work here")
    assert not any(word in " ".join(rows) for word in NOISE), rows


def test_exporting_prints_only_progress(tmp_path: Path) -> None:
    rows = run_in_tmux([*command(), "speak", "--all", "--content", str(FIXTURES), "--to", str(tmp_path)])
    assert rows[-1] == "EXIT=0"
    assert rows[:-1] == [row for row in rows[:-1] if row.startswith(("1/2 ", "2/2 ", "Wrote "))], rows


def test_the_full_guide_reading_aloud_keeps_the_screen_clean(tmp_path: Path) -> None:
    """The TUI owns the terminal: a stray line from aplay or espeak would corrupt it."""
    session = f"speech-ui-{uuid.uuid4().hex[:8]}"
    env = {"IMMUNOGUIDE_SPEECH_PLAYER": "aplay", "IMMUNOGUIDE_CONFIG_DIR": str(tmp_path), "TERM": "xterm-256color"}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    line = f"{exports} {shlex.join([*command(), 'run', '--speech', 'on', '--content', str(FIXTURES)])}; sleep 60"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", line], check=True)

    def pane() -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout

    try:
        deadline = time.monotonic() + 30
        while "immunotherapy guide" not in pane() and time.monotonic() < deadline:
            time.sleep(0.2)
        for key in ("n", "r"):
            subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            time.sleep(0.5)
        time.sleep(3)  # aplay fails on every sentence here until speech gives up
        screen = pane()
        assert "The basics" in screen, screen
        assert not any(word in screen for word in NOISE), screen
        assert "Speech is unavailable" in screen, screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
