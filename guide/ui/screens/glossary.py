"""The word list: every glossary term with its plain meaning; type to narrow it down."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from guide.content.model import GlossaryTerm, Library
from guide.ui.screens.dialog import Dialog


class GlossaryScreen(Dialog[str | None]):
    """Dismisses with the id of a topic to open (Enter on a term that has one), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="glossary.close"),
        Binding("down", "to_list", "Terms", id="glossary.list", show=False),
    ]

    def __init__(self, library: Library, term_id: str | None = None) -> None:
        super().__init__(id="glossary")
        self.library = library
        self.initial_term = term_id
        self.shown: list[GlossaryTerm] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Word list: medical words in plain language"), classes="dialog-title")
            yield Input(placeholder="Type to find a word", id="filter")
            yield OptionList(id="terms")
            yield Static(Content(""), id="meaning")

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = False
        self._fill("")
        terms = self.query_one("#terms", OptionList)
        terms.focus()
        start = next((i for i, t in enumerate(self.shown) if t.id == self.initial_term), 0)
        if self.shown:
            terms.highlighted = start
        self.announce_opening(
            f"Word list, {len(self.shown)} words. Use Up and Down to hear each meaning. Type to find a word."
        )

    def _fill(self, text: str) -> None:
        wanted = text.strip().casefold()
        terms = sorted(self.library.glossary, key=lambda t: t.term.casefold())
        self.shown = [t for t in terms if not wanted or any(wanted in n.casefold() for n in (*t.names, *t.lay))]
        options = self.query_one("#terms", OptionList)
        options.clear_options()
        options.add_options(Option(Content(t.term), id=t.id) for t in self.shown)
        if not self.shown:
            self.query_one("#meaning", Static).update(Content(f'No word in the list matches "{text}".'))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)
        if self.shown:
            self.query_one("#terms", OptionList).highlighted = 0

    def on_key(self, event: object) -> None:
        """Typing a letter while in the list goes to the filter box."""
        from textual import events

        if isinstance(event, events.Key) and event.is_printable and event.character and event.character.isalpha():
            field = self.query_one("#filter", Input)
            if not field.has_focus:
                field.focus()
                field.insert_text_at_cursor(event.character)
                event.stop()
                event.prevent_default()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if not 0 <= index < len(self.shown):
            return
        term = self.shown[index]
        extra = " Press Enter to open its topic." if term.topic else ""
        self.query_one("#meaning", Static).update(Content(f"{term.term}: {term.definition}{extra}"))
        self.announce(f"{term.term}, {index + 1} of {len(self.shown)}. {term.definition}{extra}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        term = self.library.glossary_term(event.option.id or "")
        if term is not None and term.topic:
            self.dismiss(term.topic)

    def action_to_list(self) -> None:
        self.query_one("#terms", OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
