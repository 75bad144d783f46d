"""The base of every dialog (the reader's and the kiosk's): it brings the dialog rules with it.

Textual reads a screen's CSS_PATH when that screen is first shown, so the rules in
dialogs.tcss are parsed with the first dialog, not at start-up, where the first
screen has no use for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual.screen import ModalScreen

DIALOG_RULES = Path(__file__).parent.parent / "dialogs.tcss"

DialogResult = TypeVar("DialogResult")


class Dialog(ModalScreen[DialogResult]):
    CSS_PATH = DIALOG_RULES
