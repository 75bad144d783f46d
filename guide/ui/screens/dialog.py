"""The base of every dialog (the reader's and the kiosk's): its rules, and how it asks to be heard.

Textual reads a screen's CSS_PATH when that screen is first shown, so the rules in
dialogs.tcss are parsed with the first dialog, not at start-up, where the first
screen has no use for them. A dialog never calls the app: what it wants said is
posted to the app as an Announce message, and what was chosen is its dismiss value.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual.screen import ModalScreen

from guide.ui.messages import Announce

DIALOG_RULES = Path(__file__).parent.parent / "dialogs.tcss"

DialogResult = TypeVar("DialogResult")


class Dialog(ModalScreen[DialogResult]):
    CSS_PATH = DIALOG_RULES

    def announce(self, text: str) -> None:
        """Have this said (when speech is on). Posted to the app itself, so it is said even when
        this dialog closes at once."""
        self.app.post_message(Announce(text))
