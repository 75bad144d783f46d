"""Choose a voice, grouped by language as the speech service lists them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from guide.ui.screens.dialog import Dialog


class VoiceScreen(Dialog[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", id="voice.close")]

    def __init__(self, voices: list[tuple[str, str]]) -> None:
        super().__init__(id="voice")
        self.voices = voices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small"):
            yield Static(Content("Choose a voice"), classes="dialog-title")
            if self.voices:
                yield OptionList(*(Option(Content(desc), id=vid) for vid, desc in self.voices), id="voices")
            else:
                yield Static(Content("No voices are available: speech is off or not installed."), id="no-voices")

    def on_mount(self) -> None:
        if self.voices:
            self.query_one("#voices", OptionList).focus()
            self.announce_opening(f"Choose a voice, {len(self.voices)} voices. Press Enter to choose, Escape to close.")
        else:
            self.announce("No voices are available.")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.announce(f"{event.option.prompt}, {event.option_index + 1} of {len(self.voices)}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
