"""Back and forward across topics, the start page and searches, like a web browser."""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    kind: str
    """'start', 'topic' or 'search'."""
    value: str = ""
    """Topic id or search words."""


START = Place("start")


class History:
    def __init__(self) -> None:
        self.places: list[Place] = [START]
        self.index = 0

    @property
    def current(self) -> Place:
        return self.places[self.index]

    def visit(self, place: Place) -> None:
        """Going somewhere new drops whatever was 'forward' from here."""
        if place == self.current:
            return
        del self.places[self.index + 1 :]
        self.places.append(place)
        self.index += 1

    def back(self) -> Place | None:
        if self.index == 0:
            return None
        self.index -= 1
        return self.current

    def forward(self) -> Place | None:
        if self.index + 1 >= len(self.places):
            return None
        self.index += 1
        return self.current

    def clear(self) -> None:
        self.places = [START]
        self.index = 0
