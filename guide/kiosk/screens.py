"""The kiosk's own screens: the attract screen, the idle warning, the staff PIN prompt
and the staff menu.

They only show things and report back (dismiss values); the KioskApp decides what
happens, so the rules stay in one place (guide.kiosk.rules, guide.kiosk.app).
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from guide.kiosk.pin import PIN_PROMPT_TIMEOUT_SECONDS, PinGate, PinOutcome, PinResult
from guide.ui.screens.dialog import Dialog

ATTRACT_TITLE = "Immunotherapy guide"
ATTRACT_LINES: tuple[str, ...] = (
    "Cancer immunotherapy, in plain words.",
    "",
    "Press any key to start.",
    "",
    "To hear it read aloud, put on the headphones.",
    "F2 turns speech on or off.",
    "",
    "F1 shows help with the keys.",
    "For help from a person, ask a member of staff.",
)
SPOKEN_WELCOME = (
    "Welcome to the immunotherapy guide. "
    "Use the Up and Down arrow keys to choose a topic, and Enter to open it. "
    "Press F1 for help with the keys. Press F2 to turn speech on or off. "
    "For help from a person, ask a member of staff."
)
"""Said once, when a visitor presses the first key: never on a loop to an empty room."""


class AttractScreen(Screen[None]):
    """Shown when nobody is using the kiosk. The app wakes the session on the first key."""

    def compose(self) -> ComposeResult:
        with Vertical(id="attract-box"):
            yield Static(Content(ATTRACT_TITLE), id="attract-title", markup=False)
            for number, line in enumerate(ATTRACT_LINES):
                classes = "attract-start" if line.startswith("Press any key") else "attract-line"
                yield Static(Content(line), classes=classes, id=f"attract-{number}", markup=False)


def warning_text(seconds_left: int) -> str:
    unit = "second" if seconds_left == 1 else "seconds"
    return f"The guide will start over for the next person in {seconds_left} {unit}."


class IdleWarningScreen(Dialog[None]):
    """'Are you still there?' with a countdown; the app closes it on any key or click."""

    def __init__(self, seconds_left: int) -> None:
        super().__init__(id="idle-warning")
        self.seconds_left = seconds_left

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog kiosk-dialog"):
            yield Static(Content("Are you still there?"), classes="dialog-title", markup=False)
            yield Static(Content("Press any key to keep reading."), markup=False)
            yield Static(Content(warning_text(self.seconds_left)), id="idle-countdown", markup=False)

    def show_seconds(self, seconds_left: int) -> None:
        if seconds_left != self.seconds_left:
            self.seconds_left = seconds_left
            self.query_one("#idle-countdown", Static).update(Content(warning_text(seconds_left)))


class PinScreen(Dialog[bool]):
    """Staff PIN prompt. Dismisses True when the PIN was accepted; closes itself when left alone."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", id="kiosk.pin-close")]

    def __init__(self, pin_gate: PinGate, timeout: float = PIN_PROMPT_TIMEOUT_SECONDS) -> None:
        super().__init__(id="pin-prompt")
        self.pin_gate = pin_gate
        self.timeout = timeout
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog kiosk-dialog"):
            yield Static(Content("Staff only"), classes="dialog-title", markup=False)
            yield Static(Content("Type the staff PIN and press Enter. Escape closes this."), markup=False)
            yield Input(password=True, restrict=r"[0-9]*", max_length=12, id="pin-input",
                        placeholder="PIN")
            yield Static(Content(""), id="pin-message", markup=False)

    def on_mount(self) -> None:
        field = self.query_one("#pin-input", Input)
        field.cursor_blink = False
        field.focus()
        self._closer = self.set_timer(self.timeout, self.action_close)
        locked = self.pin_gate.locked_for()
        if locked:
            self.show_result(PinResult(PinOutcome.LOCKED, locked_seconds=locked))
        else:
            self.announce("Staff only. Type the PIN and press Enter.")

    def on_key(self) -> None:
        self._closer.reset()  # an abandoned prompt closes; one being typed in does not

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.checking:
            return
        self.checking = True
        pin = event.value
        event.input.value = ""
        self._check(pin)

    @work(thread=True, exclusive=True, group="pin")
    def _check(self, pin: str) -> None:
        """scrypt takes tens of milliseconds: never on the event loop."""
        result = self.pin_gate.attempt(pin)
        self.app.call_from_thread(self._checked, result)

    def _checked(self, result: PinResult) -> None:
        self.checking = False
        if result.outcome is PinOutcome.ACCEPTED:
            self.dismiss(True)
            return
        self.show_result(result)

    def show_result(self, result: PinResult) -> None:
        text = result.message()
        self.query_one("#pin-message", Static).update(Content(text))
        self.query_one("#pin-input", Input).disabled = result.outcome in (PinOutcome.LOCKED, PinOutcome.NO_PIN)
        self.announce(text)

    def action_close(self) -> None:
        if self.is_current or self in self.app.screen_stack:
            self.dismiss(False)


class StaffScreen(Dialog[str]):
    """What staff may do once the PIN is accepted. Dismisses with 'exit', 'reset' or 'back'."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back", id="kiosk.staff-close")]
    CHOICES = (
        ("exit", "Close the kiosk (it stays closed until started again)"),
        ("reset", "Start over now for the next visitor"),
        ("back", "Back to the guide"),
    )

    def __init__(self, details: list[str], timeout: float = 60.0, more: tuple[tuple[str, str], ...] = ()) -> None:
        """``more``: (id, words) choices offered first, such as printing what a visitor has open."""
        super().__init__(id="staff-menu")
        self.details = details
        self.timeout = timeout
        self.choices = (*more, *self.CHOICES)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog kiosk-dialog"):
            yield Static(Content("Staff menu"), classes="dialog-title", markup=False)
            for line in self.details:
                yield Static(Content(line), classes="staff-detail", markup=False)
            yield OptionList(*(Option(Content(text), id=key) for key, text in self.choices), id="staff-choices")

    def on_mount(self) -> None:
        self.query_one("#staff-choices", OptionList).focus()
        self._closer = self.set_timer(self.timeout, self.action_close)

    def on_key(self) -> None:
        self._closer.reset()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "back")

    def action_close(self) -> None:
        if self in self.app.screen_stack:
            self.dismiss("back")
