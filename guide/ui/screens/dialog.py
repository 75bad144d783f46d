"""The base of every dialog (the reader's and the kiosk's): its rules, and how it asks to be heard.

Textual reads a screen's CSS_PATH when that screen is first shown, so the rules in
dialogs.tcss are parsed with the first dialog, not at start-up, where the first
screen has no use for them. A dialog never calls the app: what it wants said is
posted to the app as an Announce message, and what was chosen is its dismiss value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen

from guide.ui.messages import Announce

if TYPE_CHECKING:
    from textual.timer import Timer

DIALOG_RULES = Path(__file__).parent.parent / "dialogs.tcss"

DialogResult = TypeVar("DialogResult")

OPENING_WAIT_S = 0.1
"""How long a dialog's title waits for its first row's words, which then follow it in one announcement."""


class Dialog(ModalScreen[DialogResult]):
    CSS_PATH = DIALOG_RULES
    _opening = ""
    _typing: Timer | None = None

    def after_typing(self, delay: float, then: Callable[[], object]) -> None:
        """Call ``then`` once no key has come for ``delay`` seconds: each call restarts the wait."""
        self.cancel_typing()
        self._typing = self.set_timer(delay, then)

    def cancel_typing(self) -> None:
        """Forget the wait after_typing started (a key that acts at once, such as Enter)."""
        if self._typing is not None:
            self._typing.stop()

    def announce_opening(self, text: str) -> None:
        """The dialog's title and count, said before its first row. Every announcement interrupts the
        one before, so the title is held back a moment and the first row's words join it; said
        alone, it would be cut off by the row highlighted as the dialog opens."""
        self._opening = text
        self.set_timer(OPENING_WAIT_S, self._say_opening)

    def _say_opening(self) -> None:
        if self._opening:
            text, self._opening = self._opening, ""
            self.app.post_message(Announce(text))

    def announce(self, text: str) -> None:
        """Have this said (when speech is on). Posted to the app itself, so it is said even when
        this dialog closes at once."""
        if self._opening:
            text, self._opening = f"{self._opening} {text}", ""
        self.app.post_message(Announce(text))
