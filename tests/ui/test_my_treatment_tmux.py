"""My treatment in a real terminal (tmux), by keys alone: m, "keytruda", Enter, the urgent signs
first, then down to a linked topic and Enter."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide.content.document import BlockKind, topic_blocks
from guide.content.loader import load_or_raise
from guide.content.open import content_folder
from guide.content.treatment_choices import TreatmentCatalog

from .test_terminal_e2e import Tmux, tmux  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_keytruda_by_keys_alone(tmux: Tmux, tmp_path: Path) -> None:  # noqa: F811
    library = load_or_raise(None)
    summary = TreatmentCatalog.load(library, content_folder(None, "en")).summary("pembrolizumab")
    assert summary is not None
    blocks = topic_blocks(summary, library)
    first_link = next(b for b in blocks if b.kind is BlockKind.RELATED)
    command = shutil.which("immunoguide") or str(Path(sys.executable).with_name("immunoguide"))
    tmux.start([command], {"IMMUNOGUIDE_CONFIG_DIR": str(tmp_path), "TERM": "tmux-256color"}, width=120, height=40)
    tmux.wait_for("Welcome to the immunotherapy guide")
    tmux.keys("m")
    tmux.wait_for("Type the name of your treatment")
    subprocess.run(["tmux", "send-keys", "-t", tmux.name, "-l", "keytruda"], check=True)
    tmux.wait_for("Press Enter to open: Pembrolizumab")
    tmux.keys("Enter")
    screen = tmux.wait_for("EMERGENCY")
    lines = screen.splitlines()
    assert lines[0].strip().startswith("My treatment: pembrolizumab (Keytruda")
    emergency = next(i for i, line in enumerate(lines) if "EMERGENCY" in line)
    urgent = next(i for i, line in enumerate(lines) if "URGENT: call your care team now" in line)
    assert emergency < urgent
    assert not any("How it is given" in line for line in lines[:emergency])  # the urgent signs come first
    # One Down at a time, as a person presses them, until the terminal's cursor (which follows the
    # focus) stands on the first topic to read next: counting presses alone lost keys under load.
    for _ in range(first_link.index + 5):
        if first_link.text in _cursor_line(tmux):
            break
        subprocess.run(["tmux", "send-keys", "-t", tmux.name, "Down"], check=True)
        time.sleep(0.15)
    assert first_link.text in _cursor_line(tmux)
    tmux.keys("Enter")
    target = library[first_link.target or ""]
    screen = tmux.wait_for(target.summary.split(".")[0][:50])
    assert screen.splitlines()[0].strip().endswith(target.title)
    tmux.keys("BSpace")
    tmux.wait_for("My treatment: pembrolizumab")
    tmux.keys("q")
    tmux.wait_for("EXIT-STATUS=0")


def _cursor_line(session: Tmux) -> str:
    """The screen line the terminal's cursor is on (where braille displays would read)."""
    where = subprocess.run(
        ["tmux", "display", "-p", "-t", session.name, "#{cursor_y}"], capture_output=True, text=True, check=True
    )
    lines = session.text().splitlines()
    row = int(where.stdout.strip() or 0)
    return lines[row] if 0 <= row < len(lines) else ""
