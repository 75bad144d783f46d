"""The bottom line: the handful of keys that matter, each clickable.

Built once from the app's bindings (show=True) instead of Textual's Footer, which
rebuilds itself on every focus change: that cost showed in start-up and in
opening a topic, and the guide's main keys do not change with focus.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from guide.ui.keys import key_label


class KeyBar(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id, markup=False)

    def show_bindings(self, bindings: Iterable[Binding]) -> None:
        parts: list[Content] = []
        seen: set[str] = set()
        for binding in bindings:
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            click = Style.from_meta({"@click": f"app.{binding.action}"})
            key = Content(key_label(binding.key.split(",")[0])).stylize("bold").stylize(click)
            words = Content(f" {binding.description}").stylize(click)
            parts.append(key + words)
        self.update(Content("  ").join(parts))
