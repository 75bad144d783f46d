"""Find in page: where typed words occur in the open document, and which match is current.

Plain code over DocBlocks (no Textual), so it is tested without an app. Matching is
case-insensitive over the whole text of each block (the text speech reads too), and a
match never spans two blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from guide.content.document import DocBlock


class Match(NamedTuple):
    block: int
    start: int
    end: int


def find_matches(blocks: Sequence[DocBlock], query: str) -> list[Match]:
    """Every occurrence of ``query`` (spaces at its ends ignored), in reading order; none for ''.

    casefold() can change a text's length (German ß becomes ss), so each folded character
    remembers which character of the block's own text it came from, and a match is given
    in the block's own offsets (those the pane marks)."""
    wanted = query.strip().casefold()
    if not wanted:
        return []
    found: list[Match] = []
    for block in blocks:
        folded: list[str] = []
        origin: list[int] = []
        for position, character in enumerate(block.text):
            for piece in character.casefold():
                folded.append(piece)
                origin.append(position)
        text = "".join(folded)
        start = text.find(wanted)
        while start >= 0:
            end = start + len(wanted)
            found.append(Match(block.index, origin[start], origin[end - 1] + 1))
            start = text.find(wanted, end)
    return found


class PageFinder:
    """The matches of the last query in one document, and which one is current."""

    def __init__(self) -> None:
        self.query = ""
        self.matches: list[Match] = []
        self.current: int | None = None

    def search(self, blocks: Sequence[DocBlock], query: str, from_block: int = 0) -> Match | None:
        """Find ``query``; the current match is the first at or after ``from_block`` (the reader's
        place), else the first of all, so finding never jumps back over what is being read."""
        self.query = query
        self.matches = find_matches(blocks, query)
        if not self.matches:
            self.current = None
            return None
        self.current = next((i for i, m in enumerate(self.matches) if m.block >= from_block), 0)
        return self.matches[self.current]

    def step(self, step: int) -> Match | None:
        """The next (1) or previous (-1) match, going round from the last to the first."""
        if not self.matches:
            return None
        self.current = ((self.current if self.current is not None else -step) + step) % len(self.matches)
        return self.matches[self.current]

    def clear(self) -> None:
        self.query, self.matches, self.current = "", [], None

    def words(self) -> str:
        """What the find bar shows and says: '3 of 7 matches', or 'No match for "x".'."""
        if not self.query.strip():
            return "Type the words to find in this page."
        if not self.matches or self.current is None:
            return f'No match for "{self.query.strip()}".'
        count = len(self.matches)
        return f"{self.current + 1} of {count} {'match' if count == 1 else 'matches'}"

    def spans(self) -> list[tuple[int, int, int]]:
        """(block, start, end) of every match, for the pane to mark."""
        return list(self.matches)
