"""The last notices, whole: the status line cuts a long one ("...and start i..."), this shows it all.

Handed the notices, newest first; the first is highlighted and said in full as the
dialog opens, and Up and Down go through the older ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from guide.ui.screens.dialog import Dialog


class NoticesScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,i", "close", "Close", id="notices.close"),
    ]

    def __init__(self, notices: Sequence[str]) -> None:
        super().__init__(id="notices")
        self.notices = list(notices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small"):
            yield Static(Content("Notices, newest first"), classes="dialog-title")
            if self.notices:
                yield OptionList(*(Option(Content(text)) for text in self.notices), id="notice-list")
            else:
                yield Static(Content("There has been no notice yet."), id="no-notices")

    def on_mount(self) -> None:
        if not self.notices:
            self.announce("There has been no notice yet.")
            return
        rows = self.query_one("#notice-list", OptionList)
        rows.focus()
        rows.highlighted = 0
        count = len(self.notices)
        self.announce_opening(f"Notices, {count}, newest first. Press Escape to close.")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if 0 <= index < len(self.notices):
            self.announce(f"{self.notices[index]} {index + 1} of {len(self.notices)}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_close()

    def action_close(self) -> None:
        if self.is_current:  # keys typed fast may ask twice before the dialog has gone
            self.dismiss(None)
