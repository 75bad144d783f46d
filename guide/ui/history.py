"""Back and forward across topics, the start page and searches, like a web browser.

Each place keeps the block the person was on when they left it (the reading pane's
cursor), so Back returns to the paragraph being read, not to the title.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    kind: str
    """'start', 'topic', 'treatment' or 'search'."""
    value: str = ""
    """Topic id or search words."""
    block: int = 0
    """The block the reading cursor was on when the person left this place (0: its top)."""

    def same_as(self, other: Place) -> bool:
        """The same page, wherever in it the cursor is."""
        return (self.kind, self.value) == (other.kind, other.value)


START = Place("start")


class History:
    def __init__(self) -> None:
        self.places: list[Place] = [START]
        self.index = 0

    @property
    def current(self) -> Place:
        return self.places[self.index]

    def leave(self, block: int | None) -> None:
        """Remember where the cursor is in the current place, before going elsewhere."""
        if block is not None and block >= 0:
            self.places[self.index] = self.current._replace(block=block)

    def visit(self, place: Place, leaving_at: int | None = None) -> None:
        """Going somewhere new drops whatever was 'forward' from here. ``leaving_at``: the block the
        cursor is on in the place being left."""
        if place.same_as(self.current):
            return
        self.leave(leaving_at)
        del self.places[self.index + 1 :]
        self.places.append(place)
        self.index += 1

    def back(self, leaving_at: int | None = None) -> Place | None:
        if self.index == 0:
            return None
        self.leave(leaving_at)
        self.index -= 1
        return self.current

    def forward(self, leaving_at: int | None = None) -> Place | None:
        if self.index + 1 >= len(self.places):
            return None
        self.leave(leaving_at)
        self.index += 1
        return self.current

    def clear(self) -> None:
        self.places = [START]
        self.index = 0
