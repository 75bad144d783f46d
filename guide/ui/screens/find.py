"""The find bar: words to find in the open page, the matches marked in the text above it.

A bar over the two bottom lines, not a dialog over the text, so the marked matches stay
in sight. It is handed what finding does (``find`` and ``step``, each answering with the
words to show, "3 of 7 matches", and those to say, the count and the matched paragraph);
the app marks the matches and moves the reading cursor to the current one as the person
types. Enter closes the bar with the cursor on the match (F3 or Ctrl+N, and Ctrl+P, then
go on from the text; Shift+F3 never reaches the guide through tmux); Escape closes it and clears the marks. It
dismisses with True to keep the marks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from guide.ui.screens.dialog import Dialog

FIND_WAIT_S = 0.25
"""Wait this long after the last key before finding and saying the count, so each letter does not
interrupt the last one's count."""
HINT = "Type the words to find in this page. Enter: go there. Down or F3: next match. Up: the one before."


class FindScreen(Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="find-bar.close"),
        Binding("f3,down,ctrl+n", "step(1)", "Next match", id="find-bar.next", show=False),
        Binding("up,ctrl+p", "step(-1)", "Previous match", id="find-bar.previous", show=False),
    ]

    def __init__(
        self,
        find: Callable[[str], tuple[str, str]],
        step: Callable[[int], tuple[str, str]],
        query: str = "",
    ) -> None:
        super().__init__(id="find")
        self.find = find
        self.step = step
        self.initial_query = query
        self.found_query: str | None = None
        """The words the matches shown are for (None: nothing found yet)."""
        self.words = HINT
        """What the bar shows under the words: the count, or that nothing matched."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small find-bar"):
            with Horizontal(id="find-line"):
                yield Static(Content("Find:"), id="find-label")
                yield Input(value=self.initial_query, placeholder="Find in this page", id="find-query")
            yield Static(Content(HINT), id="find-count")

    @property
    def query_text(self) -> str:
        return self.query_one("#find-query", Input).value

    def on_mount(self) -> None:
        field = self.query_one("#find-query", Input)
        field.cursor_blink = False
        field.focus()
        if self.initial_query:
            field.select_all()
            self._find()
        else:
            self.announce("Find in page. " + HINT)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self.found_query:
            self.after_typing(FIND_WAIT_S, self._find)

    def _find(self) -> None:
        self.found_query = self.query_text
        self._show(*self.find(self.query_text))

    def _show(self, words: str, said: str) -> None:
        self.words = words
        self.query_one("#find-count", Static).update(Content(words))
        self.announce(said)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.cancel_typing()
        if self.found_query != self.query_text:
            self._find()
        if self.query_text.strip() and not self.words.startswith("No match") and self.is_current:
            self.dismiss(True)

    def action_step(self, step: int) -> None:
        self.cancel_typing()
        if self.found_query != self.query_text:
            self._find()
        else:
            self._show(*self.step(step))

    def action_close(self) -> None:
        if self.is_current:  # a second Escape before the bar has gone
            self.dismiss(False)
