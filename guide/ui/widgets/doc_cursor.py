"""Where the reading pane's cursor and view go (no Textual): plain answers from the line plan.

The pane asks these with its scroll position and height, then scrolls and moves; keeping
the arithmetic here lets it be read (and tested) apart from the widget.
"""

from __future__ import annotations

from collections.abc import Sequence

from guide.ui.widgets.doc_layout import Layout, Stop


def in_view(stop: Stop, top: int, height: int) -> bool:
    return stop.top < top + height and stop.bottom > top


def step_target(stops: Sequence[Stop], cursor: int, step: int, top: int, height: int) -> int:
    """Up or Down from ``cursor``; from a cursor scrolled out of sight (the wheel, the spoken
    sentence), the first stop in view going down or the last going up. May be off either end."""
    if not in_view(stops[cursor], top, height):
        seen = [n for n, stop in enumerate(stops) if in_view(stop, top, height)]
        if seen:
            return seen[0] if step > 0 else seen[-1]
    return cursor + step


def page_target(stops: Sequence[Stop], cursor: int, step: int, before: int, after: int, height: int) -> int:
    """The stop after a page scroll from ``before`` to ``after`` (views ``height`` lines high): the
    first that starts in the new view, always at least one stop on (the last or first when the view
    could not move). A cursor the wheel or the spoken sentence left out of sight does not count: the
    page is from what was on screen, so Page Up never jumps back to a cursor left at the title."""
    last = len(stops) - 1
    starting = next((n for n, stop in enumerate(stops) if stop.top >= after), last)
    here = stops[cursor]
    if not in_view(here, before, height):
        return starting
    border = 1 if here.boxed else 0  # a box's top and bottom lines hold no words
    if here.bottom - here.top > height and after != before and (
        here.bottom - border > before + height if step > 0 else here.top + border < before
    ):  # a stop taller than the view (an urgent box at a large font) with words not yet shown: paged through
        return cursor
    if step > 0:
        if after == before:
            return last
        holding = next((n for n, stop in enumerate(stops) if _words_continue(stop, after)), cursor)
        if holding > cursor and stops[holding].bottom - stops[holding].top > height:
            return holding  # a tall stop begun above the new view goes on in it: its words are not skipped
        return max(starting, min(cursor + 1, last))
    return 0 if after == 0 else min(starting, max(cursor - 1, 0))


def _words_continue(stop: Stop, line: int) -> bool:
    """The stop began above ``line`` and has words on it or below (a box's bottom line has none)."""
    return stop.top < line < stop.bottom - (1 if stop.boxed else 0)


def scroll_to_show(stop: Stop, first: bool, top: int, height: int) -> int | None:
    """The scroll position that shows the stop (all of it if it fits, else its first line); None
    when it is already in view, or when it is taller than the view and the view starts inside it
    (Page Down going through it). The first stop scrolls to the very top (the blank line above it)."""
    if first:
        return 0 if top else None
    if stop.bottom - stop.top > height and stop.top <= top < stop.bottom:
        return None  # a stop taller than the view, being paged through: the view is inside it
    if stop.top < top:
        return stop.top
    if stop.bottom > top + height:
        return min(stop.top, stop.bottom - height)
    return None


def scroll_to_span(layout: Layout, block: int, start: int, end: int, top: int, height: int) -> int | None:
    """The scroll position that shows the lines of ``block`` holding text [start, end) (the spoken
    sentence), or None when they are in view."""
    rows = [n for n, line in enumerate(layout.lines) if line.block == block and line.end > start]
    rows = [n for n in rows if layout.lines[n].start < max(end, start + 1)] or rows[:1]
    if not rows:
        return None
    if rows[0] < top:
        return rows[0]
    if rows[-1] >= top + height:
        return min(rows[0], rows[-1] - height + 1)
    return None
