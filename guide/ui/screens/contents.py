"""Contents: the open document's sections (its top and its headings); Enter goes to one.

Reaching "How it is treated" by arrows means a press for every block before it; here it
is a few presses of Down, or the first letters of its heading, and Enter. The dialog is
handed the sections and the one the reader is in; it dismisses with the block index of the
chosen section's start (the app moves the reading cursor there), or None.
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
from guide.ui.sections import Section


class ContentsScreen(Dialog[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="contents.close"),
        Binding("o", "close", "Close", id="contents.close-letter", show=False),
    ]

    def __init__(self, title: str, entries: Sequence[Section], current: int = 0) -> None:
        super().__init__(id="contents")
        self.title_text = title
        self.entries = list(entries)
        self.current = current if 0 <= current < len(self.entries) else 0
        self._current_said = False

    def compose(self) -> ComposeResult:
        rows = [
            Option(Content(f"{entry.label}{'  (you are here)' if i == self.current else ''}"), id=str(entry.block))
            for i, entry in enumerate(self.entries)
        ]
        with Vertical(classes="dialog -small"):
            yield Static(Content(f"Contents: {self.title_text}"), classes="dialog-title")
            yield OptionList(*rows, id="sections")

    def on_mount(self) -> None:
        sections = self.query_one("#sections", OptionList)
        sections.focus()
        if self.entries:
            sections.highlighted = self.current
        self.announce_opening(
            f"Contents of {self.title_text}, {len(self.entries)} sections. Press Enter to go to one, Escape to close."
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if not self._current_said and index != self.current:
            return  # the list's own first highlight, before the current section's
        self._current_said = True
        if 0 <= index < len(self.entries):
            here = ", you are here" if index == self.current else ""
            self.announce(f"{self.entries[index].label}{here}, {index + 1} of {len(self.entries)}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = event.option_index
        if 0 <= index < len(self.entries) and self.is_current:  # Enter twice, fast: dismissed once
            self.dismiss(self.entries[index].block)

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
