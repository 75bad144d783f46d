"""The two bottom lines: what speech is doing, and the handful of keys that matter, each clickable.

One widget draws both lines: every widget costs the first screen its styling and layout,
and two lines need only one. The key line is built once from the app's bindings (show=True), not
by Textual's Footer, which rebuilds itself on every focus change; the guide's main
keys do not change with focus. Neither line wraps: a long notice is cut with an
ellipsis and never pushes the keys out of sight. Help, Quit and Speech come first,
so a narrow screen (a large font) cuts the other keys, never these.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from guide.ui.keys import key_label

FIRST_ACTIONS = ("help", "quit", "toggle_speech")
"""Keys the key line shows before all others: how to get help, to leave, and to hear."""


class BottomBars(Static):
    def __init__(self, status: str = "", *, id: str | None = None) -> None:
        self.status = self._one_line(status)
        self.keys = Content("")
        super().__init__(self._lines(), id=id, markup=False)

    @staticmethod
    def _one_line(text: str) -> str:
        """Status text (an engine's error message, say) may hold line breaks; the bar is one line."""
        return " ".join(text.split())

    def _lines(self) -> Content:
        return Content("\n").join([Content(self.status), self.keys])

    def show_status(self, text: str) -> None:
        text = self._one_line(text)
        if text != self.status:
            self.status = text
            self.update(self._lines())

    def show_bindings(self, bindings: Iterable[Binding]) -> None:
        parts: list[Content] = []
        seen: set[str] = set()
        first = {action: place for place, action in enumerate(FIRST_ACTIONS)}
        ordered = sorted(bindings, key=lambda b: first.get(b.action, len(first)))
        for binding in ordered:
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            click = Style.from_meta({"@click": f"app.{binding.action}"})
            key = Content(key_label(binding.key.split(",")[0])).stylize("bold").stylize(click)
            words = Content(f" {binding.description}").stylize(click)
            parts.append(key + words)
        self.keys = Content("  ").join(parts)
        self.update(self._lines())
