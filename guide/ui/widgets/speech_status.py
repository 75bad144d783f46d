"""The speech status line: what speech is doing, always in the same place."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class SpeechStatus(Static):
    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Content(text), id=id, markup=False)
        self.text = text

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.update(Content(text))
