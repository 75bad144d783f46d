"""The reading pane: one document view with a block cursor, marked glossary terms and the spoken sentence.

The whole document is one widget that draws only its visible lines (Textual's line
API), from a plan of the wrapped lines made once per width (doc_layout) and lines
drawn once until they change (doc_drawing). Its cursor rests on the same numbered
DocBlocks speech reads, an urgent box being one stop: Up and Down move a stop,
Page Up and Page Down a screen (the cursor comes along), Home/End and ctrl+Home/ctrl+End
the ends. Each move posts FocusMoved with the position counted in stops, as focus
moves elsewhere do. Text is always literal (Content, never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Offset, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from guide.content.document import BlockKind, DocBlock
from guide.ui.glossary_marks import MARKED_KINDS, GlossaryMarker, TermMark
from guide.ui.messages import Announce, DefineTerms, FocusMoved, OpenTopic
from guide.ui.widgets.doc_cursor import page_target, scroll_to_show, scroll_to_span, step_target
from guide.ui.widgets.doc_drawing import COMPONENTS, Marks, Palette, block_content, draw_line, read_palette
from guide.ui.widgets.doc_layout import (
    KIND_WORDS,
    PREFIX,
    Layout,
    Role,
    Stop,
    group_stops,
    lay_out,
    offset_at,
    stop_words,
)

LAYOUTS_KEPT = 4
"""Plans kept per document, one per width (a resize back and forth does not wrap again)."""
EDGE_WORDS = {1: "End of the text.", -1: "Top of the text."}
"""Said for a move that cannot go further that way (Down, Page Down or End at the last block)."""


class ReadingPane(ScrollView, can_focus=True):
    """Shows one document (a topic or the start page) and the sentence being spoken."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENTS)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.focus_block(1)", "Next paragraph", show=False),
        Binding("up", "app.focus_block(-1)", "Previous paragraph", show=False),
        Binding("pagedown", "page(1)", "Next screen", show=False),
        Binding("pageup", "page(-1)", "Previous screen", show=False),
        Binding("end,ctrl+end", "last", "Last paragraph", show=False),
        Binding("home,ctrl+home", "first", "First paragraph", show=False),
        Binding("enter", "activate", "Open link or define words", show=False),
    ]

    def __init__(self, marker: GlossaryMarker, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marker = marker
        self.document_id: str | None = None
        self.blocks: tuple[DocBlock, ...] = ()
        self._terms: dict[int, tuple[TermMark, ...]] = {}
        self._groups: list[tuple[int, int, str | None]] = []
        self._layouts: dict[int, Layout] = {}
        self._layout: Layout | None = None
        self._cursor = 0
        self._announced = False
        self._speaking: tuple[int, int, int] | None = None
        self._heard: int | None = None  # the block last spoken since the cursor last moved
        self._found: dict[int, list[tuple[int, int, bool]]] = {}
        self._strips: dict[int, Strip] = {}
        self._contents: dict[int, Content] = {}
        """Each block's words with their marks, as last drawn (a paragraph's lines share one)."""
        self._palette: Palette | None = None

    # ----- what is shown --------------------------------------------------------------------------

    async def show_document(self, document_id: str, blocks: Sequence[DocBlock]) -> None:
        """Replace what is shown; the cursor goes to the first block and the view to the top."""
        self.document_id = document_id
        self.blocks = tuple(blocks)
        self._terms = {}  # found when a block is first drawn or asked about, not for the whole topic at once
        self._groups = group_stops(self.blocks)
        self._layouts.clear()
        self._layout = None
        self._cursor, self._announced = 0, False
        self._speaking = self._heard = None
        self._found.clear()
        self._contents.clear()
        self._plan()
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def _plan(self) -> None:
        """Lay the document out for the pane's width (the plan for a width is kept)."""
        width = self.scrollable_content_region.width
        if width <= 0 or not self.blocks:
            if not self.blocks:
                self._layout = None
                self.virtual_size = Size(0, 0)
            return
        if self._layout is not None and self._layout.width == width:
            return
        layout = self._layouts.get(width)
        if layout is None:
            if len(self._layouts) >= LAYOUTS_KEPT:
                self._layouts.clear()
            layout = self._layouts[width] = lay_out(self.blocks, width)
        self._layout = layout
        self._strips.clear()
        self.virtual_size = Size(width, len(layout.lines))

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again for a new width; at any new size, the focused block stays on screen (a window
        made only shorter wraps as before, but would leave it below the bottom)."""
        had = self._layout
        self._plan()
        if self._layout is None:
            return
        if self._layout is not had:
            self.refresh()
        self._show_stop(self._cursor)

    @property
    def stops(self) -> tuple[Stop, ...]:
        return self._layout.stops if self._layout is not None else ()

    def _stop_groups(self) -> list[tuple[int, int, str | None]]:
        """(first, last, level) per stop: known before the first layout, while the width is not."""
        return self._groups

    @property
    def cursor_block(self) -> int:
        """The DocBlock index of the first block of the stop the cursor is on (-1: nothing shown)."""
        return self._groups[self._cursor][0] if self._groups else -1

    @property
    def reading_place(self) -> int:
        """Where the reader is: the block last spoken if speech read on after the cursor last moved
        (a listener's place), else the cursor's. History keeps it, so Back returns there."""
        return self.cursor_block if self._heard is None else self._heard

    def focused_block(self) -> DocBlock | None:
        """The block under the cursor while the pane has the app's focus (no dialog over it), else None."""
        if not self.blocks or self.app.focused is not self:
            return None
        return self.blocks[self.cursor_block]

    @property
    def speaking_block(self) -> DocBlock | None:
        """The block whose sentence is being spoken (marked), if any."""
        return self.blocks[self._speaking[0]] if self._speaking is not None else None

    @property
    def speaking_span(self) -> tuple[int, int] | None:
        """Where the spoken sentence is in the speaking block's text, if one is marked."""
        return self._speaking[1:] if self._speaking is not None else None

    def term_ids(self, block_index: int) -> tuple[str, ...]:
        """The glossary terms marked in the stop that holds this block."""
        first, last = self._stop_span(block_index)
        return tuple(dict.fromkeys(m.term_id for i in range(first, last + 1) for m in self._marks(i)))

    def _marks(self, index: int) -> tuple[TermMark, ...]:
        """The glossary terms marked in block ``index`` (kinds that are never marked have none)."""
        marks = self._terms.get(index)
        if marks is None:
            block = self.blocks[index]
            marks = self._terms[index] = tuple(self.marker.marks(block.text)) if block.kind in MARKED_KINDS else ()
        return marks

    def _stop_span(self, block_index: int) -> tuple[int, int]:
        for first, last, _level in self._stop_groups():
            if first <= block_index <= last:
                return first, last
        return block_index, block_index

    # ----- the cursor -----------------------------------------------------------------------------

    def move_to_block(self, index: int) -> None:
        """Put the cursor on the stop holding block ``index``, show it and give the pane the focus."""
        groups = self._stop_groups()
        number = next((n for n, (first, last, _l) in enumerate(groups) if first <= index <= last), -1)
        if number >= 0:
            self._set_cursor(number)

    def move_cursor(self, step: int) -> bool:
        """Up or Down one stop (from a cursor scrolled out of sight, the first or last in view);
        False at the ends."""
        if not self.stops:
            return False
        target = step_target(self.stops, self._cursor, step, round(self.scroll_y), self._height())
        if not 0 <= target < len(self.stops):
            return False
        self._set_cursor(target)
        return True

    def action_page(self, step: int) -> None:
        """A screen down or up; the cursor goes to the first stop that starts in the new view."""
        if self.stops:
            before, height = round(self.scroll_y), self._height()
            self.scroll_to(y=before + step * max(1, height), animate=False)
            target = page_target(self.stops, self._cursor, step, before, round(self.scroll_y), height)
            stop = self.stops[target]
            if target == self._cursor and round(self.scroll_y) != before and stop.bottom - stop.top > height:
                return  # paging through a stop taller than the view: the view moves, the cursor stays
            self._move_or_say_edge(target, step)

    def action_first(self) -> None:
        if self.stops:
            self._move_or_say_edge(0, -1)

    def action_last(self) -> None:
        if self.stops:
            self._move_or_say_edge(len(self.stops) - 1, 1)

    def _move_or_say_edge(self, number: int, step: int) -> None:
        """Move the cursor to stop ``number``; already there, say the edge, so the key is not silent."""
        if number == self._cursor and self._announced and self.screen.focused is self:
            self.post_message(Announce(EDGE_WORDS[step]))
        else:
            self._set_cursor(number)

    def _set_cursor(self, number: int) -> None:
        old, self._cursor, self._heard = self._cursor, number, None
        self._redraw_stop(old)
        self._redraw_stop(number)
        self._show_stop(number)
        if self.screen.focused is not self:
            self.focus(scroll_visible=False)  # on_focus says where the cursor is
        elif old != number or not self._announced:
            self._announce()

    def _announce(self) -> None:
        self._announced = True
        groups = self._stop_groups()
        first, last, _level = groups[self._cursor]
        words = stop_words(self.blocks[first : last + 1])
        self.post_message(FocusMoved(words, KIND_WORDS[self.blocks[first].kind], self._cursor + 1, len(groups)))

    def on_focus(self) -> None:
        self._redraw_stop(self._cursor)
        if self.blocks:
            self._announce()

    def on_blur(self) -> None:
        self._redraw_stop(self._cursor)

    def _height(self) -> int:
        return self.scrollable_content_region.height

    def _show_stop(self, number: int) -> None:
        if 0 <= number < len(self.stops):
            y = scroll_to_show(self.stops[number], number == 0, round(self.scroll_y), self._height())
            if y is not None:
                self.scroll_to(y=y, animate=False)

    def cursor_offset(self) -> Offset | None:
        """Where the terminal cursor goes: the first cell of the focused block's first line, on screen
        (None before the document is laid out)."""
        return self.block_offset(self.cursor_block)

    def block_offset(self, index: int) -> Offset | None:
        """Where block ``index`` starts on screen (its prefix), scrolled out of sight or not; None
        before the document is laid out."""
        layout = self._layout
        number = layout.stop_of_block(index) if layout is not None else -1
        if layout is None or number < 0:
            return None
        line = next(n for n, line in enumerate(layout.lines) if line.block == index and line.first)
        box = self.scrollable_content_region
        return Offset(box.x + layout.text_x(layout.stops[number]), box.y + line - round(self.scroll_y))

    # ----- activating and clicking ----------------------------------------------------------------

    def action_activate(self) -> None:
        """Enter: follow a link, or define the marked words of the stop."""
        if not self.blocks:
            return
        block = self.blocks[self.cursor_block]
        if block.kind is BlockKind.RELATED and block.target:
            self.post_message(OpenTopic(block.target))
        elif terms := self.term_ids(block.index):
            self.post_message(DefineTerms(terms))

    def on_click(self, event: events.Click) -> None:
        """A click lands the cursor on a block; on a marked word it defines it, on a link it opens it."""
        layout = self._layout
        spot = event.get_content_offset(self)
        if layout is None or spot is None:
            return
        number = spot.y + round(self.scroll_y)
        if not 0 <= number < len(layout.lines) or layout.lines[number].stop < 0:
            return
        line = layout.lines[number]
        self._set_cursor(line.stop)
        if line.role != Role.TEXT:
            return
        block = self.blocks[line.block]
        if block.kind is BlockKind.RELATED and block.target:
            self.post_message(OpenTopic(block.target))
            return
        column = spot.x - layout.text_x(layout.stops[line.stop]) - cell_len(PREFIX.get(block.kind, ""))
        offset = offset_at(block.text, line.start, line.end, column)
        term = next((m.term_id for m in self._marks(block.index) if m.start <= offset < m.end), None)
        if term is not None:
            self.post_message(DefineTerms((term,)))

    # ----- marks: the spoken sentence and found words -----------------------------------------------

    def highlight(self, block_index: int, start: int, end: int, *, place: bool = True) -> None:
        """Mark the sentence being spoken and keep it in view; block -1 clears the mark. ``place``: it
        is the reader's place (read on, not just the title and warnings said on opening)."""
        if self._speaking is not None:
            self._redraw_block(self._speaking[0])
            self._speaking = None
        if 0 <= block_index < len(self.blocks):
            self._speaking = (block_index, start, end)
            self._heard = block_index if place else self._heard
            self._redraw_block(block_index)
            self._keep_in_view(block_index, start, end)

    def set_found(self, spans: Sequence[tuple[int, int, int]], current: int | None) -> None:
        """Mark find-in-page matches, (block index, start, end) each; ``current`` (an index into
        ``spans``) is marked more strongly. An empty sequence clears them."""
        for index in self._found:
            self._redraw_block(index)
        self._found = {}
        for number, (block, start, end) in enumerate(spans):
            self._found.setdefault(block, []).append((start, end, number == current))
            self._redraw_block(block)

    def _keep_in_view(self, block_index: int, start: int, end: int) -> None:
        if self._layout is not None:
            y = scroll_to_span(self._layout, block_index, start, end, round(self.scroll_y), self._height())
            if y is not None:
                self.scroll_to(y=y, animate=False)

    # ----- drawing --------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """A theme or style change: every line is drawn again in the new colours."""
        super().notify_style_update()
        self._palette = None
        self._strips.clear()
        self._contents.clear()

    def _palette_now(self) -> Palette:
        if self._palette is None:
            self._palette = read_palette(self)
        return self._palette

    def _redraw_stop(self, number: int) -> None:
        stops = self.stops
        if 0 <= number < len(stops):
            stop = stops[number]
            for line in range(stop.top, stop.bottom):
                self._strips.pop(line, None)
            for block in range(stop.first, stop.last + 1):
                self._contents.pop(block, None)
            self.refresh_lines(stop.top, stop.bottom - stop.top)

    def _redraw_block(self, block_index: int) -> None:
        layout = self._layout
        if layout is not None:
            number = layout.stop_of_block(block_index)
            if number >= 0:
                self._redraw_stop(number)

    def render_line(self, y: int) -> Strip:
        if self._layout is None and self.blocks:
            # The first frame after opening, before the Resize event arrives: lay out now, so the
            # text is in this frame rather than the next (the width is known once it is drawn).
            self._plan()
        layout = self._layout
        number = y + round(self.scroll_y)
        if layout is None or not 0 <= number < len(layout.lines):
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        strip = self._strips.get(number)
        if strip is None:
            strip = self._strips[number] = self._draw(layout, number)
        return strip

    def _draw(self, layout: Layout, number: int) -> Strip:
        line = layout.lines[number]
        palette = self._palette_now()
        focused = line.stop == self._cursor and self.screen.focused is self
        block = self.blocks[line.block] if line.block >= 0 else None
        content = self._contents.get(line.block) if block is not None else None
        if block is not None and content is None:
            speaking = self._speaking[1:] if self._speaking is not None and self._speaking[0] == block.index else None
            marks = Marks(self._marks(block.index), self._found.get(block.index, ()), speaking)
            boxed = layout.stops[line.stop].boxed
            content = self._contents[block.index] = block_content(block, marks, palette, focused, boxed)
        return draw_line(layout, line, block, content, palette, focused)
