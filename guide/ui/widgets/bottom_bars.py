"""The two bottom lines: what speech is doing, and the handful of keys that matter, each clickable.

One widget draws both lines: every widget costs the first screen its styling and layout,
and two lines need only one. The key line is built once from the app's bindings (show=True), not
by Textual's Footer, which rebuilds itself on every focus change; the guide's main
keys do not change with focus. Neither line wraps: a long notice is cut with an
ellipsis and never pushes the keys out of sight. Help, Quit and Speech come first,
so a narrow screen (a large font) cuts the other keys, never these.

A notice cut short ends with the key that shows it whole ("… i: whole"); the last
NOTICES_KEPT notices are kept, newest first, for that key's list and for help.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from guide.ui.keys import key_label

FIRST_ACTIONS = ("help", "quit", "toggle_speech")
"""Keys the key line shows before all others: how to get help, to leave, and to hear."""
NOTICES_KEPT = 10
"""How many notices are kept to be read again."""
CUT_HINT = "… i: whole"
"""Ends a notice too long for the status line: the key (keys.py, view.notices) that shows it whole."""


class BottomBars(Static):
    def __init__(self, status: str = "", *, id: str | None = None) -> None:
        self.status = self._one_line(status)
        self.keys = Content("")
        self.notices: deque[str] = deque(maxlen=NOTICES_KEPT)
        """The last notices, newest first, each whole."""
        super().__init__(Content(""), id=id, markup=False)  # drawn by render(), at the width shown

    @staticmethod
    def _one_line(text: str) -> str:
        """Status text (an engine's error message, say) may hold line breaks; the bar is one line."""
        return " ".join(text.split())

    def _lines(self) -> Content:
        status = self.status
        width = self.size.width if self.is_attached else 0
        if width > len(CUT_HINT) + 10 and len(status) > width and status in self.notices:
            status = status[: width - len(CUT_HINT)].rstrip() + CUT_HINT
        return Content("\n").join([Content(status), self.keys])

    def render(self) -> Content:
        """Built at the width drawn, so a cut notice ends with how to read it whole."""
        return self._lines()

    def show_notice(self, text: str) -> None:
        """A notice (an error, a setting's problem, 'this is the last topic') on the status line,
        kept to be read again whole."""
        text = self._one_line(text)
        if text and (not self.notices or self.notices[0] != text):
            self.notices.appendleft(text)
        self.show_status(text)

    def show_status(self, text: str) -> None:
        text = self._one_line(text)
        if text != self.status:
            self.status = text
            self._keep_if_cut()
            self.update(self._lines())

    def _keep_if_cut(self) -> None:
        """A status too wide to show whole (speech's "No sound device was found, ...") is kept with
        the notices, so the key that shows them whole has it too."""
        width = self.size.width if self.is_attached else 0
        if 0 < width < len(self.status) and self.status not in self.notices:
            self.notices.appendleft(self.status)

    def on_resize(self) -> None:
        self._keep_if_cut()

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
