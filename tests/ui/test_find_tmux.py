"""End to end in tmux at 80x24: find in page puts the terminal's cursor (what braille displays and
magnifiers follow) on the block of the match, and F3 on the next one's."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from guide.content.document import topic_blocks
from guide.content.loader import load_or_raise
from guide.ui.find_in_page import find_matches

from .test_cursor_tmux import on_focused_block
from .test_terminal_e2e import Tmux, tmux  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_find_moves_the_terminal_cursor_to_each_match(tmux: Tmux, tmp_path: Path) -> None:  # noqa: F811
    command = shutil.which("immunoguide") or str(Path(sys.executable).with_name("immunoguide"))
    library = load_or_raise(None)
    blocks = topic_blocks(library["colitis"], library)
    openings = [" ".join(b.text.split()[:4]) for b in blocks]  # four words: two blocks here begin "For grade"
    matches = find_matches(blocks, "steroid")
    places = list(dict.fromkeys(m.block for m in matches))
    assert len(places) >= 2 and places[0] > 3  # below the first screen at 80x24
    tmux.start([command, "run"], {"IMMUNOGUIDE_CONFIG_DIR": str(tmp_path), "TERM": "tmux-256color"},
               width=80, height=24)
    tmux.wait_for("Welcome")
    tmux.keys("/")
    tmux.wait_for("What do you want")
    tmux.keys(*"Diarrhoea and colitis")
    tmux.wait_for("Press Down to choose")
    tmux.keys("Down", "Enter")
    assert on_focused_block(tmux, openings) == openings[0]
    tmux.keys("C-f")
    tmux.wait_for("Find in this page")
    tmux.keys(*"steroid")
    tmux.wait_for(f"1 of {len(matches)} match")
    tmux.keys("Enter")  # the bar closes; the cursor is on the match's block
    assert on_focused_block(tmux, openings) == openings[places[0]]
    second = next(i for i, m in enumerate(matches) if m.block != places[0])
    tmux.keys(*["F3"] * second)
    assert on_focused_block(tmux, [o for o in openings if o != openings[places[0]]]) == openings[places[1]]
    tmux.keys("Escape", "q")
    tmux.wait_for("EXIT-STATUS=0")
