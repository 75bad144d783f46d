"""Where each block of a document falls on the reading pane's lines, for one width (no Textual).

The pane draws only the lines that are visible, from this plan: which cursor stop and
block each line belongs to and which stretch of the block's text it shows. An urgent
box (its label, warning and signs) is one cursor stop, so Down passes it in one press;
every other block is a stop of its own. Blocks keep their DocBlock numbering, which
speech uses too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from rich.cells import cell_len

from guide.content.document import BlockKind, DocBlock

PREFIX: dict[BlockKind, str] = {
    BlockKind.BULLET: "• ",
    BlockKind.KEY_POINT: "• ",
    BlockKind.QUESTION: "? ",
    BlockKind.URGENT_SIGN: "! ",
    BlockKind.RELATED: "-> ",
}
"""What stands before a block's first word; wrapped lines hang under that word."""

SPACED = frozenset({BlockKind.TITLE, BlockKind.SUMMARY, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.REVIEWED})
"""Kinds with a blank line above them (so does an urgent box)."""

BOXED = frozenset({BlockKind.URGENT, BlockKind.URGENT_SIGN})
"""Kinds that join the box an urgent label opens."""

KIND_WORDS: dict[BlockKind, str] = {
    BlockKind.TITLE: "title",
    BlockKind.SUMMARY: "summary",
    BlockKind.URGENT_LABEL: "urgent warning",
    BlockKind.URGENT: "urgent warning",
    BlockKind.URGENT_SIGN: "urgent sign",
    BlockKind.HEADING: "heading",
    BlockKind.PARAGRAPH: "paragraph",
    BlockKind.BULLET: "list item",
    BlockKind.KEY_POINT: "key point",
    BlockKind.QUESTION: "question",
    BlockKind.RELATED: "link",
    BlockKind.SOURCE: "source",
    BlockKind.REVIEWED: "review date",
}
"""How each kind of block is named when the cursor lands on it."""

TEXT_MAX = 84
"""The widest a block is drawn (its text about 80 columns): on a wide screen it is centred."""
PAD_LEFT, PAD_RIGHT = 2, 1
"""Cells beside a block's text; the focus bar is drawn in the left ones."""

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_URL_BREAKS = "/?&=-_."
"""Where an address longer than a whole line is cut, if it has to be (after one of these)."""


class Role:
    """What a line of the pane is (plain strings: cheaper to import than an Enum)."""

    BLANK: Final = "blank"
    TEXT: Final = "text"
    BOX_TOP: Final = "box-top"
    BOX_BOTTOM: Final = "box-bottom"


class Line(NamedTuple):
    """One line of the pane: a stretch [start, end) of a block's text, or a blank or border."""

    role: str
    """One of Role's names."""
    stop: int = -1
    block: int = -1
    start: int = 0
    end: int = 0
    first: bool = False
    """The block's first line: it shows the prefix; later lines hang under the first word."""


class Stop(NamedTuple):
    """One place the cursor rests: DocBlocks first..last, on lines top..bottom (bottom excluded)."""

    first: int
    last: int
    top: int
    bottom: int
    level: str | None = None
    """The urgency level when the stop is an urgent box."""

    @property
    def boxed(self) -> bool:
        return self.level is not None


class Layout(NamedTuple):
    """The plan of a whole document at one pane width."""

    width: int
    left: int
    """Cells from the pane's edge to the block frame (centring on a wide pane)."""
    frame: int
    """The width of a block's frame: its padding, text and (for a box) border."""
    lines: tuple[Line, ...]
    stops: tuple[Stop, ...]

    def text_x(self, stop: Stop) -> int:
        """The column where a block's text (its prefix) starts in this stop."""
        return self.left + PAD_LEFT + (1 if stop.boxed else 0)

    def stop_of_block(self, index: int) -> int:
        for number, stop in enumerate(self.stops):
            if stop.first <= index <= stop.last:
                return number
        return -1


def group_stops(blocks: Sequence[DocBlock]) -> list[tuple[int, int, str | None]]:
    """(first, last, level) per cursor stop: an urgent label with the warning and signs after it."""
    groups: list[tuple[int, int, str | None]] = []
    for block in blocks:
        open_box = groups and groups[-1][2] is not None and groups[-1][1] == block.index - 1
        if block.kind in BOXED and open_box:
            first, _last, level = groups[-1]
            groups[-1] = (first, block.index, level)
        elif block.kind is BlockKind.URGENT_LABEL:
            groups.append((block.index, block.index, block.level or "call-team-now"))
        else:
            groups.append((block.index, block.index, None))
    return groups


def wrap(text: str, width: int, prefix: str = "") -> list[tuple[int, int]]:
    """Where each line of ``text`` starts and ends when it is drawn ``width`` cells wide after
    ``prefix``, the later lines hanging under the first word (indented by the prefix's width).

    Lines break at spaces. A word or web address that does not fit on the line starts the
    next one, so an address is never split; only a word longer than a whole line is cut
    (unavoidable: an address after a '/' or other separator where it can be, else at the edge).
    """
    hang = cell_len(prefix)
    room = max(1, width - hang)
    lines: list[tuple[int, int]] = []
    start = end = -1
    used = 0
    for token in _TOKEN.finditer(text):
        size = cell_len(token.group())
        if start >= 0 and used + 1 + size <= room:
            end, used = token.end(), used + 1 + size
            continue
        if start >= 0:
            lines.append((start, end))
        if size <= room:
            start, end, used = token.start(), token.end(), size
            continue
        pieces = _cut(text, token.start(), token.end(), room, bool(_URL.fullmatch(token.group())))
        lines.extend(pieces[:-1])
        start, end = pieces[-1]
        used = cell_len(text[start:end])
    if start >= 0:
        lines.append((start, end))
    return lines or [(0, 0)]


def _cut(text: str, start: int, end: int, room: int, address: bool) -> list[tuple[int, int]]:
    """A word longer than a line, in line-long pieces (an address after a separator if it has one)."""
    pieces: list[tuple[int, int]] = []
    while start < end:
        stop, used = start, 0
        while stop < end and used + cell_len(text[stop]) <= room:
            used += cell_len(text[stop])
            stop += 1
        stop = max(stop, start + 1)
        if address and stop < end:
            cut = max((i + 1 for i in range(start, stop) if text[i] in _URL_BREAKS), default=0)
            if cut > start + room // 3:
                stop = cut
        pieces.append((start, stop))
        start = stop
    return pieces


def lay_out(blocks: Sequence[DocBlock], pane_width: int) -> Layout:
    """The lines of the whole document for a pane ``pane_width`` cells wide (its text area)."""
    frame = max(PAD_LEFT + PAD_RIGHT + 3, min(pane_width, TEXT_MAX))
    left = max(0, (pane_width - frame) // 2)
    lines: list[Line] = []
    stops: list[Stop] = []
    for number, (first, last, level) in enumerate(group_stops(blocks)):
        boxed = level is not None
        if boxed or blocks[first].kind in SPACED:
            lines.append(Line(Role.BLANK))
        top = len(lines)
        if boxed:
            lines.append(Line(Role.BOX_TOP, number))
        room = frame - PAD_LEFT - PAD_RIGHT - (2 if boxed else 0)
        for block in blocks[first : last + 1]:
            for i, (start, end) in enumerate(wrap(block.text, room, PREFIX.get(block.kind, ""))):
                lines.append(Line(Role.TEXT, number, block.index, start, end, first=i == 0))
        if boxed:
            lines.append(Line(Role.BOX_BOTTOM, number))
        stops.append(Stop(first, last, top, len(lines), level))
    lines.append(Line(Role.BLANK))  # room under the last block, as the pane's bottom padding was
    return Layout(pane_width, left, frame, tuple(lines), tuple(stops))


def stop_words(blocks: Sequence[DocBlock]) -> str:
    """What a stop says: its block, or a whole urgent warning with its signs, one sentence each."""
    parts = [b.text.strip() for b in blocks if b.text.strip()]
    if len(parts) == 1:
        return parts[0]
    return " ".join(p if p[-1] in ".!?" else p + "." for p in parts)


def offset_at(text: str, start: int, end: int, column: int) -> int:
    """The index in ``text`` of the character drawn ``column`` cells into the line [start, end)."""
    used = 0
    for index in range(start, end):
        used += cell_len(text[index])
        if used > column:
            return index
    return end
