"""A dialog with the plain meaning of one or more glossary terms."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from guide.content.model import GlossaryTerm
from guide.ui.screens.dialog import Dialog


def spoken_definitions(terms: tuple[GlossaryTerm, ...]) -> str:
    return " ".join(f"{t.term}: {t.definition}" for t in terms)


class DefinitionScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="definition.close"),
        Binding("enter", "close", "Close", id="definition.close-enter", show=False),
    ]

    def __init__(self, terms: tuple[GlossaryTerm, ...]) -> None:
        super().__init__(id="definition")
        self.terms = terms

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small"):
            yield Static(Content("What these words mean" if len(self.terms) > 1 else "What this word means"),
                         classes="dialog-title")
            with VerticalScroll(id="definitions"):
                for term in self.terms:
                    yield Static(Content(term.term), classes="term-name")
                    yield Static(Content(term.definition), classes="term-definition")
            yield Static(Content("Press Escape or Enter to close."), classes="dialog-intro")

    def on_mount(self) -> None:
        self.query_one("#definitions").focus()
        self.announce(spoken_definitions(self.terms))

    def action_close(self) -> None:
        self.dismiss(None)
