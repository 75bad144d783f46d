"""Drawing one line of the reading pane from its plan (guide.ui.widgets.doc_layout).

Text is always literal: a block's words become a Content and are styled by span,
never parsed as markup. The styles come from the pane's component classes (theme
variables in guide.tcss), handed in as a Palette, so this module holds no colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from guide.content.document import BlockKind, DocBlock
from guide.ui.glossary_marks import TermMark
from guide.ui.widgets.doc_layout import PAD_LEFT, PAD_RIGHT, PREFIX, Layout, Line, Role

FOCUS_BAR = "█"
"""Drawn at the left of the focused block, so focus is not shown by colour alone."""

KIND_CLASS: dict[BlockKind, str] = {
    BlockKind.TITLE: "pane--title",
    BlockKind.HEADING: "pane--heading",
    BlockKind.RELATED: "pane--link",
    BlockKind.SOURCE: "pane--muted",
    BlockKind.REVIEWED: "pane--muted",
}
"""The component class that styles each kind of block outside an urgent box (others: plain text)."""

COMPONENTS = frozenset(
    {
        *KIND_CLASS.values(),
        "pane--focus",
        "pane--urgent",
        "pane--urgent-label",
        "pane--urgent-focus",
        "pane--term",
        "pane--term-plain",
        "pane--speaking",
        "pane--found",
        "pane--found-current",
    }
)


class Palette(NamedTuple):
    """The styles a line is drawn with, read from the pane's component classes."""

    base: Style
    parts: dict[str, Style]
    border: Style
    """The urgent box's border (its colour is a theme variable the pane reads)."""

    def kind(self, block: DocBlock, focused: bool) -> Style:
        style = self.base
        if block.kind in (BlockKind.URGENT, BlockKind.URGENT_SIGN, BlockKind.URGENT_LABEL):
            style += self.parts["pane--urgent"]
            if block.kind is BlockKind.URGENT_LABEL and not focused:
                style += self.parts["pane--urgent-label"]
            return style + self.parts["pane--urgent-focus"] if focused else style
        if block.kind in KIND_CLASS:
            style += self.parts[KIND_CLASS[block.kind]]
        return style + self.parts["pane--focus"] if focused else style


class Marks(NamedTuple):
    """What is marked in one block: glossary terms, find matches and the spoken sentence."""

    terms: Sequence[TermMark] = ()
    found: Sequence[tuple[int, int, bool]] = ()
    """(start, end, is the current match)."""
    speaking: tuple[int, int] | None = None


def read_palette(pane: Widget) -> Palette:
    """The pane's styles now (after a theme change, again). Parts are partial Rich styles: Textual's
    partial visual styles drop the background."""
    parts = {name: Style.from_rich_style(pane.get_component_rich_style(name, partial=True)) for name in COMPONENTS}
    base = pane.get_visual_style()
    border = Color.parse(pane.app.theme_variables.get("g-urgent-border", "red"))
    return Palette(base, parts, base + Style(background=parts["pane--urgent"].background, foreground=border))


def block_content(block: DocBlock, marks: Marks, palette: Palette, focused: bool, boxed: bool) -> Content:
    """The block's words with their marks. Terms are coloured like links outside the focused block and
    urgent boxes; there only underlined, so the block's own colours stay."""
    content = Content(block.text)
    term = palette.parts["pane--term-plain" if focused or boxed else "pane--term"]
    for mark in marks.terms:
        content = content.stylize(term, mark.start, mark.end)
    for start, end, current in marks.found:
        content = content.stylize(palette.parts["pane--found-current" if current else "pane--found"], start, end)
    if marks.speaking is not None:
        content = content.stylize(palette.parts["pane--speaking"], *marks.speaking)
    return content


def draw_line(
    layout: Layout, line: Line, block: DocBlock | None, content: Content | None, palette: Palette, focused: bool
) -> Strip:
    """One line of the pane, ``layout.width`` cells wide."""
    base = palette.base.rich_style
    segments = [Segment(" " * layout.left, base)]
    frame = layout.frame
    stop = layout.stops[line.stop] if line.stop >= 0 else None
    if line.role == Role.BLANK or stop is None:
        return Strip([Segment(" " * layout.width, base)], layout.width)
    border = palette.border.rich_style
    if line.role == Role.BOX_TOP:
        segments.append(Segment("┏" + "━" * (frame - 2) + "┓", border))
    elif line.role == Role.BOX_BOTTOM:
        segments.append(Segment("┗" + "━" * (frame - 2) + "┛", border))
    elif block is not None and content is not None:
        style = palette.kind(block, focused)
        # Padding takes the block's colours but not its underline or reverse (those mark the words).
        rich = Style(background=style.background, foreground=style.foreground).rich_style
        room = frame - PAD_LEFT - PAD_RIGHT - (2 if stop.boxed else 0)
        if stop.boxed:
            segments.append(Segment("┃", border))
        segments.append(Segment((FOCUS_BAR if focused else " ") + " " * (PAD_LEFT - 1), rich))
        prefix = PREFIX.get(block.kind, "")
        if not line.first and prefix:  # a wrapped line hangs under the first word
            segments.append(Segment(" " * cell_len(prefix), rich))
        text = (Content(prefix) if line.first else Content()) + content[line.start : line.end]
        segments.extend(text.render_segments(style))
        used = text.cell_length + (0 if line.first else cell_len(prefix))
        segments.append(Segment(" " * (max(0, room - used) + PAD_RIGHT), rich))
        if stop.boxed:
            segments.append(Segment("┃", border))
    strip = Strip(segments)
    return strip.extend_cell_length(layout.width, base).crop(0, layout.width)
