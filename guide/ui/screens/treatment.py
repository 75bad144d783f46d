"""My treatment: type the name on an infusion bag or letter, see the treatments it may be, open one.

Matches are worked out off the event loop (the first one reads the treatment entries), a moment
after the last key, like search. The dialog is handed the catalog's getter and whether it may
offer to remember the choice (never in the kiosk); it reports the choice through its dismiss
value and leaves opening the summary, and any saving, to the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from guide.ui.screens.dialog import Dialog

if TYPE_CHECKING:
    from guide.content.treatment_choices import Choice, TreatmentCatalog

DEBOUNCE_SECONDS = 0.15
"""Wait this long after the last key before matching, so typing never stutters."""
INTRO = (
    "Type the name of your treatment, as on your infusion bag or appointment letter: "
    "for example Keytruda, or nivo and ipi. Spelling mistakes are fine."
)
NO_ENTRIES = "This guide has no list of treatments, so it cannot look one up."


class TreatmentChosen(NamedTuple):
    treatment_id: str
    remember: bool
    """Keep it in the settings for next time (only when the dialog offered that and it was asked)."""


class TreatmentScreen(Dialog[TreatmentChosen | None]):
    """Dismisses with the chosen treatment, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="treatment.close"),
        Binding("down", "to_matches", "Matches", id="treatment.matches", show=False),
        Binding("f4", "toggle_remember", "Remember", id="treatment.remember",
                tooltip="Remember my treatment on this computer, or stop remembering it"),
    ]  # fmt: skip

    def __init__(
        self,
        catalog: Callable[[], TreatmentCatalog],
        *,
        remember: bool | None = None,
        remembered: str | None = None,
    ) -> None:
        """``catalog`` is called only from the matching thread. ``remember`` is None where the choice
        may not be kept (the kiosk); else whether it is kept now. ``remembered`` is the kept id."""
        super().__init__(id="my-treatment")
        self.catalog = catalog
        self.remember = remember
        self.remembered = remembered
        self.choices: list[Choice] = []
        self.typed = ""
        self.matched = ""
        """The text the choices shown were matched for."""
        self._open_when_matched = False
        self.matchings_done = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("My treatment"), classes="dialog-title")
            yield Static(Content(INTRO), classes="dialog-intro")
            yield Input(placeholder="The name of your treatment", id="treatment-name")
            yield Static(Content(""), id="treatment-message")
            yield OptionList(id="treatment-matches")
            if self.remember is not None:
                yield Static(Content(self._remember_line()), id="treatment-remember")

    def on_mount(self) -> None:
        field = self.query_one("#treatment-name", Input)
        field.cursor_blink = False
        field.focus()
        self.announce("My treatment. Type the name of your treatment, then press Enter to open what applies to it.")
        self._match("")  # reads the entries now, and offers a remembered treatment

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.remember is not None if action == "toggle_remember" else True

    def _remember_line(self) -> str:
        if self.remember:
            return "Remembered on this computer: yes. F4 stops remembering it."
        return "Remembered on this computer: no. F4 remembers the treatment you open."

    def action_toggle_remember(self) -> None:
        if self.remember is None:
            return
        self.remember = not self.remember
        line = self._remember_line()
        self.query_one("#treatment-remember", Static).update(Content(line))
        self.announce(line)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.typed = event.value
        self.after_typing(DEBOUNCE_SECONDS, lambda: self._match(event.value))

    @work(thread=True, exclusive=True, group="treatment-match")
    def _match(self, typed: str) -> None:
        """In a thread: the first call reads the entries, and fuzzy matching never blocks keys."""
        catalog = self.catalog()
        if not typed.strip():
            kept = catalog.by_id.get(self.remembered or "")
            from guide.content.treatment_choices import Choice, label

            choices = [Choice(kept.id, label(kept), True)] if kept is not None else []
        else:
            choices = catalog.choices(typed)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, typed, choices, len(catalog))

    def _show(self, typed: str, choices: list[Choice], known: int) -> None:
        self.choices = choices
        self.matched = typed
        self.matchings_done += 1
        if self._open_when_matched and typed == self.typed:
            self._open_when_matched = False
            if choices and choices[0].exact:
                self._choose(choices[0].treatment_id)
                return
        options = self.query_one("#treatment-matches", OptionList)
        options.clear_options()
        options.add_options(Option(Content(c.label), id=c.treatment_id) for c in choices)
        message = self.query_one("#treatment-message", Static)
        if not known:
            text = NO_ENTRIES
        elif not typed.strip():
            text = f"Your remembered treatment: {choices[0].label}. Press Enter to open it." if choices else ""
        elif not choices:
            from guide.content.treatment_summary import CARE_TEAM_REMINDER

            text = f'The guide has no treatment called "{typed.strip()}". {CARE_TEAM_REMINDER}'
        elif choices[0].exact:
            more = f" {len(choices) - 1} more: press Down." if len(choices) > 1 else ""
            text = f"Press Enter to open: {choices[0].label}.{more}"
        else:
            text = f"{len(choices)} may be yours. Press Down to choose, Enter to open the first: {choices[0].label}."
        message.update(Content(text))
        if text and typed.strip():
            self.announce(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.cancel_typing()
        if self.choices and event.value == self.matched:
            self._choose(self.choices[0].treatment_id)
        elif event.value.strip():  # Enter before the matches came: match now, and open a sure one
            self.typed = event.value
            self._open_when_matched = True
            self._match(event.value)

    def action_to_matches(self) -> None:
        options = self.query_one("#treatment-matches", OptionList)
        if options.option_count:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if 0 <= index < len(self.choices):
            self.announce(f"{self.choices[index].label}, {index + 1} of {len(self.choices)}.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._choose(event.option.id)

    def _choose(self, treatment_id: str) -> None:
        self.dismiss(TreatmentChosen(treatment_id, bool(self.remember)))

    def action_close(self) -> None:
        self.dismiss(None)


class TreatmentCardScreen(Dialog[None]):
    """The card lines on the whole screen, one per line with space between, for a photo (the kiosk,
    where nothing may be written and no printer is set up). Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", id="treatment-card.close")]

    def __init__(self, lines: list[str]) -> None:
        super().__init__(id="treatment-card")
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="treatment-card-lines"):
            yield Static(Content(self.lines[0] if self.lines else "My treatment"), classes="dialog-title")
            for line in self.lines[1:]:
                heading = not line.startswith("- ")
                yield Static(Content(line), classes="dialog-title" if heading else "dialog-intro")

    def on_mount(self) -> None:
        self.query_one("#treatment-card-lines", VerticalScroll).focus()
        self.announce(" ".join(["Your treatment card, to photograph.", *self.lines]))

    def action_close(self) -> None:
        self.dismiss(None)
