"""A bare Textual app that writes the name of every key it receives to a file (for the tmux key test)."""

from __future__ import annotations

import sys
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static


class KeyEcho(App[None]):
    def __init__(self, log: Path) -> None:
        super().__init__()
        self.key_log = log

    def compose(self) -> ComposeResult:
        yield Static("ready", id="ready")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            with self.key_log.open("a", encoding="utf-8") as handle:
                handle.write(event.key + "\n")
            if event.key == "ctrl+q":
                self.exit()
            return
        await super().on_event(event)


if __name__ == "__main__":
    KeyEcho(Path(sys.argv[1])).run()
