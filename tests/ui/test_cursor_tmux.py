"""End to end in tmux at the small grids of a large font: after each key the terminal's own cursor
(what BRLTTY and magnifiers follow) is on the row of the focused item's text, hidden unless asked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide.content.loader import load_or_raise

from .test_terminal_e2e import Tmux, tmux  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def cursor(session: Tmux) -> tuple[int, int, bool]:
    out = subprocess.run(["tmux", "display", "-p", "-t", session.name, "#{cursor_x} #{cursor_y} #{cursor_flag}"],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1]), out[2] == "1"


def at_cursor(session: Tmux, wanted: str, timeout: float = 8.0) -> tuple[int, int, bool]:
    """Wait until the cursor's row, from the cursor on, begins with the wanted words."""
    deadline = time.monotonic() + timeout
    while True:
        x, y, shown = cursor(session)
        row = session.text().splitlines()[y] if y < len(session.text().splitlines()) else ""
        if row[x:].lstrip("█▶▼├└│ ").startswith(wanted):
            return x, y, shown
        if time.monotonic() > deadline:
            raise AssertionError(f"cursor at {x},{y} on {row!r}, wanted {wanted!r}:\n{session.text()}")
        time.sleep(0.1)


@pytest.mark.parametrize(("width", "height", "show"), [(80, 24, False), (60, 20, True)])
def test_the_terminal_cursor_is_on_the_focused_item(
    tmux: Tmux, tmp_path: Path, width: int, height: int, show: bool  # noqa: F811
) -> None:
    command = shutil.which("immunoguide") or str(Path(sys.executable).with_name("immunoguide"))
    library = load_or_raise(None)
    parts = library.children(None)
    second = parts[1]
    tmux.start([command, "run", *(["--show-cursor"] if show else [])],
               {"IMMUNOGUIDE_CONFIG_DIR": str(tmp_path), "TERM": "tmux-256color"}, width=width, height=height)
    tmux.wait_for("Welcome")
    assert at_cursor(tmux, "Welcome to the")[2] is show  # hidden unless --show-cursor
    tmux.keys("Down")
    at_cursor(tmux, "This guide explains")
    tmux.keys("l")  # the topic list, a panel at this size, its first row highlighted
    at_cursor(tmux, parts[0].title[:12])
    tmux.keys("Down")
    at_cursor(tmux, second.title[:12])
    tmux.keys("Enter")
    at_cursor(tmux, second.title[:12])  # the opened topic's title block
    tmux.keys("Down")
    at_cursor(tmux, second.summary.split()[0])
    tmux.keys("F1")
    at_cursor(tmux, "Up / Down")  # help's first key row
    tmux.keys("Down")
    at_cursor(tmux, "Enter")
    tmux.keys("Escape")
    at_cursor(tmux, second.summary.split()[0])  # back on the block it left
    tmux.keys("/")
    at_cursor(tmux, "What do you want")  # the search box's caret, before its placeholder
    tmux.keys("Escape", "q")
    tmux.wait_for("EXIT-STATUS=0")


def on_focused_block(session: Tmux, words: list[str], timeout: float = 15.0) -> str:
    """Wait until the cursor is on a block drawn focused (the bar two cells to its left) whose text
    begins one of the blocks' opening words; return those words."""
    deadline = time.monotonic() + timeout
    while True:
        x, y, _shown = cursor(session)
        rows = session.text().splitlines()
        row = rows[y] if y < len(rows) else ""
        text = row[x:].lstrip("•?!-> ")
        found = next((w for w in words if text.startswith(w)), "")
        if found and x >= 2 and row[x - 2] == "█":
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"cursor at {x},{y} on {row!r}:\n{session.text()}")
        time.sleep(0.1)


@pytest.mark.parametrize(("width", "height"), [(80, 24), (60, 20)])
def test_the_cursor_follows_the_document_view_through_a_long_topic(
    tmux: Tmux, tmp_path: Path, width: int, height: int  # noqa: F811
) -> None:
    from guide.content.document import topic_blocks

    command = shutil.which("immunoguide") or str(Path(sys.executable).with_name("immunoguide"))
    library = load_or_raise(None)
    topic = library["colitis"]
    blocks = topic_blocks(topic, library)
    openings = [" ".join(b.text.split()[:2]) for b in blocks]
    tmux.start([command, "run"], {"IMMUNOGUIDE_CONFIG_DIR": str(tmp_path), "TERM": "tmux-256color"},
               width=width, height=height)
    tmux.wait_for("Welcome")
    tmux.keys("/")
    tmux.wait_for("What do you want")
    tmux.keys(*"Diarrhoea and colitis")
    tmux.wait_for("Press Down to choose")
    tmux.keys("Down", "Enter")  # the first result
    assert on_focused_block(tmux, openings) == openings[0]
    tmux.keys("Down")
    assert on_focused_block(tmux, openings) == openings[1]  # the urgent box
    seen = [openings[1]]
    for key in ["PageDown", "Down", "PageDown", "End", "Up", "PageUp"]:
        tmux.keys(key)
        seen.append(on_focused_block(tmux, [o for o in openings if o != seen[-1]]))
    assert openings.index(seen[1]) > 1 and openings.index(seen[2]) > openings.index(seen[1])  # not back at the top
    assert seen[4] == openings[-1]  # End: the review date
    assert seen[5] == openings[-2]  # Up from there
    tmux.keys("q")
    tmux.wait_for("EXIT-STATUS=0")
