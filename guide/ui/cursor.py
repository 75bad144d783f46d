"""The terminal's own cursor on the focused item, for braille displays and screen magnifiers.

BRLTTY, speakup, Fenrir and magnifiers follow the terminal's cursor, not Textual's
highlight. Textual writes its public `App.cursor_position` after every frame it
draws, so after each frame that may have moved the focus (a key, a click, a resize,
a focus change, a scroll to the spoken sentence) the start of the focused item is
put there: a tree row, the block under the reading pane's cursor, a dialog's
highlighted row, an Input's caret. The cursor is hidden, as Textual leaves it, unless
the reader asks to see it (`--show-cursor`, or show_cursor in settings.json).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.errors import NoWidget
from textual.geometry import Offset, Region
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Tree

from guide.ui.widgets.reading_pane import ReadingPane

FOLLOWED = (events.Key, events.MouseDown, events.MouseUp, events.Click, events.Resize, events.DescendantFocus)
"""Events after which the focus may have moved (scrolls of the reading view are watched)."""
SHOW_CURSOR = "\x1b[?25h"
"""DECTCEM: show the cursor. Textual's driver hides it at start and shows it again at exit."""


def _tree_row(tree: Tree[object]) -> Offset | None:
    """The start of the cursor row's label: guides are guide_depth cells for each level below the top."""
    node = tree.cursor_node
    if node is None or tree.cursor_line < 0:
        return None
    depth = 0
    parent = node.parent
    while parent is not None and parent is not tree.root:
        depth += 1
        parent = parent.parent
    if tree.show_root:
        depth += 1
    box = tree.content_region
    scroll_x, scroll_y = tree.scroll_offset
    return Offset(box.x + depth * tree.guide_depth - scroll_x, box.y + tree.cursor_line - scroll_y)


def _caret(field: Input) -> Offset:
    """The cell of the Input's caret. Input sets the cursor itself, but one cell past the caret
    at the end of the text, and before a new dialog is laid out."""
    box = field.content_region
    return Offset(box.x + cell_len(field.value[: field.cursor_position]) - field.scroll_offset.x, box.y)


def _option_row(options: OptionList) -> Offset | None:
    """The first line of the highlighted option. OptionList keeps where each option starts only in
    a private map, read here (never changed); without it the list's first row is used."""
    highlighted = options.highlighted
    if highlighted is None:
        return None
    lines: dict[int, int] = getattr(options, "_index_to_line", {})
    line = lines.get(highlighted, 0)
    box = options.content_region
    return Offset(box.x, box.y + line - options.scroll_offset.y)


def focus_offset(screen: Screen[Any]) -> Offset | None:
    """Where the focused item starts on screen, kept inside what is visible of it; when it is
    scrolled out of sight, the nearest visible row of the view that holds it. None when nothing
    is focused or it is not laid out (the cursor then stays where it was)."""
    focused: Widget | None = screen.focused
    if focused is None:
        return None
    try:
        geometry = screen.find_widget(focused)
    except NoWidget:  # not laid out yet, or hidden: the next frame answers
        return None
    region, clip = geometry.region, geometry.clip
    if not clip:
        return None
    spot: Offset | None
    if isinstance(focused, Input):
        spot = _caret(focused)
    elif isinstance(focused, Tree):
        spot = _tree_row(focused)
    elif isinstance(focused, OptionList):
        spot = _option_row(focused)
    elif isinstance(focused, ReadingPane):  # the first cell of the block under the pane's cursor
        spot = focused.cursor_offset()
    else:
        spot = region.shrink(focused.styles.gutter).offset
    inner = region.shrink(focused.styles.gutter).intersection(clip) or region.intersection(clip) or clip
    if spot is None:  # a tree or list with nothing highlighted: its first row
        spot = inner.offset
    return Offset(min(max(spot.x, inner.x), inner.right - 1), min(max(spot.y, inner.y), inner.bottom - 1))


class FocusCursor:
    """Moves the app's terminal cursor to the focused item after the frames that may move it.

    Made once the app runs (its signals take only running nodes): it hears every message the
    app handles through Textual's public message_signal, so the app needs no hook of its own;
    it shows the cursor if asked for, again after a resume from suspend (when Textual's driver
    has hidden it), and follows the scrolls and layouts of the view that holds the text."""

    def __init__(self, app: App[Any], scrolled: Widget, *, shown: bool) -> None:
        self.app = app
        self.shown = shown
        self._pending = False
        app.message_signal.subscribe(app, self.noticed, immediate=True)
        app.app_resume_signal.subscribe(app, lambda _app: self.reveal())
        app.watch(scrolled, "scroll_y", lambda _y: self.follow(), init=False)
        # A document laid out (opened, or shown again at a new width) moves its cursor's cell.
        app.watch(scrolled, "virtual_size", lambda _size: self.follow(), init=False)
        self.reveal()

    def noticed(self, message: Message) -> None:
        """Every message the app has handled; those that may move the focus bring the cursor after it."""
        if isinstance(message, FOLLOWED):
            self.follow()

    def follow(self) -> None:
        """Place the cursor once the frame now being made is drawn (several calls make one)."""
        if not self._pending and self.app.call_after_refresh(self.place):
            self._pending = True

    def place(self) -> None:
        self._pending = False
        if not self.app.is_running or not self.app.screen_stack:  # closing: no screen left
            return
        screen = self.app.screen
        spot = focus_offset(screen)
        if spot is not None and spot != self.app.cursor_position:
            self.app.cursor_position = spot
            # Textual moves the cursor as it writes a frame: repaint one cell so one is written.
            screen.refresh(Region(spot.x, spot.y, 1, 1))

    def reveal(self) -> None:
        """Show the terminal's cursor if the reader asked for it (a real terminal only)."""
        if not self.shown or self.app.is_headless or self.app.is_web:
            return
        terminal = sys.__stdout__ if os.name == "nt" else sys.__stderr__  # where Textual's driver draws
        if terminal is not None:
            terminal.write(SHOW_CURSOR)
            terminal.flush()
