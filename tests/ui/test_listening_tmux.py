"""The whole topic by ear (issue 13 item 2), in a real terminal: the installed command in tmux with
speech on, real espeak-ng, and a recording player in place of the sound card.

The guide runs the player named by IMMUNOGUIDE_SPEECH_PLAYER, found by name on PATH, so a fake
`aplay` first on PATH hears everything: it logs when each sound starts and, if it plays to the end,
how many bytes it got, consuming them at a steady multiple of real time so sentences take time as
they would through a speaker.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from guide.content.loader import load_or_raise
from guide.speech.text import topic_utterances

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

PACE = 3
"""The fake player consumes audio this many times faster than real time, so the test is short."""

FAKE_APLAY = """#!{python}
import os, sys, time
log = {log!r}
pid, begun = os.getpid(), time.monotonic()
with open(log, "a") as out:
    out.write(f"start {{pid}}\\n")
got = 0
while chunk := sys.stdin.buffer.read1(4410):
    got += len(chunk)
    ahead = begun + got / (44100 * {pace}) - time.monotonic()
    if ahead > 0:
        time.sleep(ahead)
with open(log, "a") as out:
    out.write(f"end {{pid}} {{got}}\\n")
"""

HINT = "Press r to read the topic, or greater than for the next section."
ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>])")


class Sounds:
    """The fake player's log: one entry per sound, with its byte count once it has played to the end."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def entries(self) -> list[tuple[int, int | None]]:
        found: dict[int, int | None] = {}
        for line in (self.log.read_text().splitlines() if self.log.exists() else []):
            word, pid, *rest = line.split()
            found[int(pid)] = int(rest[0]) if word == "end" else None
        return list(found.items())


class Terminal:
    def __init__(self, command: str, env: dict[str, str], record: Path) -> None:
        self.socket = f"listening-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        self._tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "t",
                   f"env -u COLUMNS -u LINES {exports} {command}; sleep 60")
        # everything drawn, kept: a status shown only until the next sentence starts is still in here
        self._tmux("pipe-pane", "-t", "t", "-o", f"cat >> {record}")
        self.record = record

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                              text=True, timeout=30).stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def status(self) -> str:
        lines = self._tmux("capture-pane", "-p", "-t", "t").rstrip("\n").splitlines()
        return lines[-2].strip() if len(lines) >= 2 else ""

    def drawn(self) -> str:
        return ANSI.sub("", self.record.read_text(errors="replace")) if self.record.exists() else ""

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


def wait_until(check: Callable[[], bool], what: str, timeout: float = 20.0, every: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(every)
    raise AssertionError(f"never: {what}")


READING = re.compile(r"reading (\d+) of (\d+)")


@pytest.fixture
def listening(tmp_path: Path) -> Iterator[tuple[Terminal, Sounds]]:
    bin_dir, log = tmp_path / "bin", tmp_path / "sounds.log"
    bin_dir.mkdir()
    player = bin_dir / "aplay"
    player.write_text(FAKE_APLAY.format(python=sys.executable, log=str(log), pace=PACE))
    player.chmod(0o755)
    command = str(Path(sys.executable).with_name("immunoguide"))
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "IMMUNOGUIDE_SPEECH_PLAYER": "aplay",
           "IMMUNOGUIDE_CONFIG_DIR": str(tmp_path / "config"), "TERM": "tmux-256color"}
    terminal = Terminal(f"{command} run --speech on", env, tmp_path / "drawn.txt")
    try:
        yield terminal, Sounds(log)
    finally:
        terminal.close()


def espeak_bytes(text: str) -> int:
    """The samples espeak-ng makes for ``text`` alone at its default rate (the guide's normal rate)."""
    wav = subprocess.run(["espeak-ng", "--stdout", text], capture_output=True, check=True, timeout=30).stdout
    return len(wav) - 44


def test_a_topic_is_heard_from_its_opening_on_to_a_later_section_and_stops_on_a_key(
        listening: tuple[Terminal, Sounds]) -> None:
    terminal, sounds = listening
    library = load_or_raise(None)
    whole = topic_utterances(library["colitis"], library)
    wait_until(lambda: "Speech on" in terminal.status(), "speech on in the status line")
    wait_until(lambda: len(sounds.entries()) >= 1, "the start page heard")

    terminal.send("/")
    wait_until(lambda: "Search the guide" in terminal.drawn(), "the search dialog")
    terminal.send("colitis", literal=True)
    wait_until(lambda: " found" in terminal.drawn(), "the result count")
    before = len(sounds.entries())
    terminal.send("Enter")

    # the opening: title and urgent block read with their positions in the whole topic, then the hint
    seen: set[int] = set()

    def opening_done() -> bool:
        found = READING.search(terminal.status())
        if found:
            assert int(found.group(2)) == len(whole), terminal.status()
            seen.add(int(found.group(1)))
        entries = sounds.entries()
        return bool(seen) and found is None and entries[-1][1] is not None and len(entries) > before + 1

    wait_until(opening_done, "the opening read to its end", timeout=60)
    opening = max(seen)
    heard = sounds.entries()[before:]
    assert len(heard) >= opening + 1, (opening, heard)  # each sentence of the opening, and the hint
    assert all(played is not None for _, played in heard[-opening:]), heard  # nothing cut short
    hint = heard[-1][1]
    assert hint is not None and abs(hint - espeak_bytes(HINT)) < 0.1 * espeak_bytes(HINT), (hint, heard)
    assert terminal.status().startswith("Speech on, rate")  # idle: no position once the opening ended
    assert opening < len(whole) - 1

    # > reads on in the next section, counted in the whole topic
    before = len(sounds.entries())
    terminal.send(">")
    wait_until(lambda: bool(READING.search(terminal.status())), "reading after >", timeout=10)
    found = READING.search(terminal.status())
    assert found is not None
    later, total = int(found.group(1)), int(found.group(2))
    assert later > opening + 1 and total == len(whole), terminal.status()
    heading = next(i for i, u in enumerate(whole) if u.section == 1)
    assert later == heading + 1, (later, whole[heading].text)
    wait_until(lambda: len(sounds.entries()) > before, "a later sentence heard")

    # w names the section heading on the status line, and says it
    before = len(sounds.entries())
    terminal.send("w")
    wait_until(lambda: f"under the heading {whole[heading].text}" in terminal.drawn(), "w's heading shown")
    wait_until(lambda: len(sounds.entries()) > before, "w heard")

    # a key stops the sound at once: the player's process is gone, and nothing more is heard
    wait_until(lambda: bool(READING.search(terminal.status())), "reading on after w", timeout=15)
    wait_until(lambda: sounds.entries()[-1][1] is None, "a sentence playing", timeout=15)
    playing = sounds.entries()[-1][0]
    terminal.send("Space")
    wait_until(lambda: not Path(f"/proc/{playing}").exists(), "the player gone", timeout=2, every=0.01)
    wait_until(lambda: "paused" in terminal.status(), "paused in the status line", timeout=5)
    stopped = sounds.entries()
    assert stopped[-1] == (playing, None)  # killed, not played to its end
    time.sleep(1.5)
    assert sounds.entries() == stopped
