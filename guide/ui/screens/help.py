"""Help: every key, grouped, and the key describer (press a key to hear what it does)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from guide.ui.keys import help_rows, key_label, spoken_keys
from guide.ui.screens.dialog import Dialog

INTRO = (
    "Every key of the guide, grouped. Use Up and Down to go through them. "
    "Press k to start the key describer: each key you press is then said and shown, not done. "
    "Press Escape to close help."
)
NOTICES_GROUP = "Last notices, newest first"


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("k", "describe_keys", "Key describer", id="help.describer"),
    ]

    def __init__(
        self,
        bindings: Sequence[Binding],
        describe_key: Callable[[str], str],
        speech_note: str = "",
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__(id="help")
        self.notices = list(notices)
        """The last notices, newest first, listed whole after the keys."""
        self.bindings = list(bindings)
        self.describe_key = describe_key
        """What a key does where this help was opened (the kiosk's answer differs from the reader's)."""
        self.describing = False
        self.speech_note = speech_note

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        self.spoken_rows: list[str] = []
        """What each row says when highlighted: the keys by name ("greater than: Next section")."""
        for group, rows in help_rows(self.bindings):
            options.append(Option(Content(group.upper()), disabled=True))
            self.spoken_rows.append(group)
            for keys, text in rows:
                options.append(Option(Content(f"  {keys:<22} {text}")))
                self.spoken_rows.append(f"{spoken_keys(keys)}: {text}")
        if self.notices:
            options.append(Option(Content(NOTICES_GROUP.upper()), disabled=True))
            self.spoken_rows.append(NOTICES_GROUP)
            for notice in self.notices:
                options.append(Option(Content(f"  {notice}")))
                self.spoken_rows.append(notice)
        with Vertical(classes="dialog"):
            yield Static(Content("Help"), classes="dialog-title")
            yield Static(Content(INTRO), classes="dialog-intro")
            if self.speech_note:
                yield Static(Content(self.speech_note), classes="dialog-intro", id="speech-note")
            yield OptionList(*options, id="keys")
            yield Static(Content(""), id="describer")

    def on_mount(self) -> None:
        keys = self.query_one("#keys", OptionList)
        keys.focus()
        keys.highlighted = 1
        self.announce_opening("Help. " + INTRO + (" " + self.speech_note if self.speech_note else ""))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        text = self.spoken_rows[index] if index < len(self.spoken_rows) else str(event.option.prompt)
        self.announce(f"{' '.join(text.split())}, {index + 1} of {event.option_list.option_count}")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_describe_keys(self) -> None:
        self.describing = True
        self._show("Key describer on: press any key to hear what it does. Press Escape to stop.")

    def describe(self, event: events.Key) -> None:
        """Called by the app for every key while the describer is on."""
        if event.key == "escape":
            self.describing = False
            self._show("Key describer off.")
            return
        text = self.describe_key(event.key)
        label = key_label(event.key)
        self._show(f"{label}: {text}", f"{spoken_keys(label)}: {text}")

    def _show(self, text: str, spoken: str = "") -> None:
        self.query_one("#describer", Static).update(Content(text))
        self.announce(spoken or text)
