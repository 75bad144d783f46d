"""Pilot tests: the reading pane as one document view with a block cursor, as a keyboard reader at a
large font (small grids) uses it: Page Down and End bring the focus along, an urgent box is one
press, clicks land on a block, lines wrap under a list item's first word and web addresses stay whole."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guide.content.document import BlockKind, DocBlock
from guide.ui.app import GuideApp
from guide.ui.widgets.doc_cursor import page_target, scroll_to_show
from guide.ui.widgets.doc_layout import lay_out, wrap
from guide.ui.widgets.reading_pane import ReadingPane

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


def row_at_cursor(app: GuideApp) -> str:
    x, y = app.cursor_position
    return screen_text(app).splitlines()[y][x:]


def assert_focus_shown(app: GuideApp) -> DocBlock:
    """The focused block is on screen, marked with the focus bar, with the terminal cursor on its text."""
    pane = app.reading_pane
    block = pane.focused_block()
    assert block is not None
    x, y = app.cursor_position
    assert pane.scrollable_content_region.contains(x, y)
    row = screen_text(app).splitlines()[y]
    assert row[x - 2] == "█", row
    assert row[x:].lstrip("•?!-> ").startswith(block.text.split()[0]), (row, block.text)
    return block


async def open_colitis(pilot: object, app: GuideApp) -> ReadingPane:
    await app.open_topic("colitis")
    await settle(pilot)  # type: ignore[arg-type]
    return app.reading_pane


async def test_page_down_then_down_goes_on_from_the_new_page(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        pane = await open_colitis(pilot, app)
        for _ in range(2):
            before = pane.cursor_block
            await pilot.press("pagedown")
            await settle(pilot)
            assert pane.scroll_y > 0 and pane.cursor_block > before
            assert_focus_shown(app)
        paged = pane.cursor_block
        await pilot.press("down")
        await settle(pilot)
        assert pane.cursor_block > paged  # not back at the urgent box at the top
        assert_focus_shown(app)
        await pilot.press("pageup", "pageup", "pageup")
        await settle(pilot)
        assert pane.cursor_block == 0 and pane.scroll_y == 0


async def test_end_then_up_goes_to_the_block_before_the_last(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        pane = await open_colitis(pilot, app)
        await pilot.press("end")
        await settle(pilot)
        assert pane.cursor_block == pane.blocks[-1].index
        assert_focus_shown(app)
        await pilot.press("up")
        await settle(pilot)
        assert pane.cursor_block == pane.blocks[-2].index
        assert_focus_shown(app)
        await pilot.press("ctrl+home")
        await settle(pilot)
        assert pane.cursor_block == 0 and pane.scroll_y == 0


async def test_home_goes_to_the_first_block_in_the_text_and_the_first_topic_in_the_list(make_app: MakeApp) -> None:
    """Home and End mean the ends of whatever has the focus; the start page is h."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await open_colitis(pilot, app)
        await pilot.press("end")
        await pilot.press("home")
        await settle(pilot)
        assert app.current_topic is not None and pane.cursor_block == 0 and pane.scroll_y == 0
        app.topic_tree.focus()
        await pilot.press("end")
        await settle(pilot)
        assert app.topic_tree.cursor_line == app.topic_tree.last_line > 0
        await pilot.press("home")
        await settle(pilot)
        assert app.topic_tree.cursor_line == 0 and app.current_topic is not None
        await pilot.press("h")
        await settle(pilot)
        assert app.current_topic is None and "Welcome to the immunotherapy guide" in screen_text(app)


async def test_an_urgent_box_is_one_down_and_said_whole(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_colitis(pilot, app)
        labels = [b.index for b in pane.blocks if b.kind is BlockKind.URGENT_LABEL]
        assert len(labels) == 2
        await pilot.press("down")
        await settle(pilot)
        assert pane.cursor_block == labels[0]
        assert app.voicing.last_focus is not None and "Blood in your stools" in app.voicing.last_focus.label
        await pilot.press("down")
        await settle(pilot)
        assert pane.cursor_block == labels[1]  # past every sign of the first box in one press
        assert_focus_shown(app)
        await pilot.press("down")
        await settle(pilot)
        assert pane.focused_block() is not None and pane.focused_block().kind is BlockKind.SUMMARY  # type: ignore[union-attr]


async def test_a_click_lands_the_cursor_on_a_block(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_colitis(pilot, app)
        summary = next(b for b in pane.blocks if b.kind is BlockKind.SUMMARY)
        spot = pane.block_offset(summary.index)
        assert spot is not None
        await pilot.click(pane, offset=(spot.x + 1 - pane.region.x, spot.y - pane.region.y))  # "The": no mark
        await settle(pilot)
        assert pane.cursor_block == summary.index
        assert_focus_shown(app)


async def test_the_spoken_sentence_is_drawn_marked(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_colitis(pilot, app)
        summary = next(b for b in pane.blocks if b.kind is BlockKind.SUMMARY)
        pane.highlight(summary.index, 0, summary.text.index(".") + 1)
        await settle(pilot)
        spot = pane.block_offset(summary.index)
        assert spot is not None
        speaking = pane.get_component_rich_style("pane--speaking").bgcolor
        segments = list(pane.render_line(spot.y - pane.scrollable_content_region.y))
        marked = "".join(s.text for s in segments if s.style is not None and s.style.bgcolor == speaking)
        assert marked.startswith("The treatment can make")
        pane.highlight(-1, 0, 0)
        await settle(pilot)
        segments = list(pane.render_line(spot.y - pane.scrollable_content_region.y))
        assert not any(s.style is not None and s.style.bgcolor == speaking for s in segments)


async def test_found_words_are_marked_and_the_current_one_more_strongly(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_colitis(pilot, app)
        summary = next(b for b in pane.blocks if b.kind is BlockKind.SUMMARY)
        first = summary.text.index("bowel")
        second = summary.text.index("colitis")
        pane.set_found([(summary.index, first, first + 5), (summary.index, second, second + 7)], 1)
        await settle(pilot)
        spot = pane.block_offset(summary.index)
        assert spot is not None
        found = pane.get_component_rich_style("pane--found")
        current = pane.get_component_rich_style("pane--found-current")
        rows = [spot.y + n - pane.scrollable_content_region.y for n in range(3)]
        segments = [s for row in rows for s in pane.render_line(row)]
        assert [s.text for s in segments if s.style and s.style.bgcolor == found.bgcolor] == ["bowel"]
        assert [s.text for s in segments if s.style and s.style.bgcolor == current.bgcolor and s.style.bold] == [
            "colitis"
        ]


async def test_list_items_hang_under_their_first_word_at_a_narrow_width(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(40, 30)) as pilot:
        await app.open_topic("car-t")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "• You stay near" in line)
        column = lines[first].index("You")
        follow = lines[first + 1]
        assert follow[:column].strip() == "" and follow[column] != " ", (lines[first], follow)


def test_wrapping_keeps_web_addresses_whole_and_cuts_only_one_longer_than_a_line() -> None:
    text = "See the leaflet at www.example.org/colitis.pdf now."
    lines = [text[start:end] for start, end in wrap(text, 30)]
    assert lines[0] == "See the leaflet at"  # the address does not fit after it: it starts the next line
    assert "www.example.org/colitis.pdf" in lines
    short = "Read more at www.example.org/colitis today"
    assert "www.example.org/colitis" in [short[s:e] for s, e in wrap(short, 25)]
    long = "https://www.cancer.gov/about-cancer/treatment/types/immunotherapy/side-effects"
    pieces = [long[s:e] for s, e in wrap(long, 40)]
    assert "".join(pieces) == long and all(len(p) <= 40 for p in pieces)
    assert all(p[-1] in "/?&=-_." for p in pieces[:-1])  # cut after a separator, not mid-word


def test_a_bullet_wraps_with_its_later_lines_indented_by_the_prefix() -> None:
    bullet = DocBlock(0, BlockKind.BULLET, "one two three four five six seven eight nine ten", 1, 1)
    layout = lay_out([bullet], 20)
    texts = [bullet.text[line.start : line.end] for line in layout.lines if line.block == 0]
    room = layout.frame - 3 - 2  # padding and the "• " prefix
    assert len(texts) > 1 and all(len(t) <= room for t in texts)
    assert " ".join(texts) == bullet.text


async def test_text_is_at_most_about_80_columns_and_centred_on_a_wide_screen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(250, 40)) as pilot:
        pane = await open_colitis(pilot, app)
        spot = pane.block_offset(0)
        assert spot is not None
        box = pane.scrollable_content_region
        frame_left = spot.x - 2
        assert abs((frame_left - box.x) - (box.right - (frame_left + 84))) <= 1  # the 84-wide frame centred
        widest = max(len(line[: box.right].rstrip()) - spot.x for line in screen_text(app).splitlines()[1:-2])
        assert widest <= 82


async def test_a_theme_change_redraws_the_text_in_the_new_colours(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_colitis(pilot, app)
        summary = next(b for b in pane.blocks if b.kind is BlockKind.SUMMARY)
        spot = pane.block_offset(summary.index)
        assert spot is not None
        row = spot.y - pane.scrollable_content_region.y

        def colours() -> set[object]:
            return {s.style.bgcolor for s in pane.render_line(row) if s.style is not None}

        before = colours()
        await pilot.press("t")
        await settle(pilot)
        assert app.theme != "guide-dark" and colours() != before


async def test_after_the_wheel_scrolls_the_focus_away_down_lands_in_view(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        pane = await open_colitis(pilot, app)
        await pilot.press("down")  # the urgent box, at the top
        pane.scroll_to(y=20, animate=False)  # as the mouse wheel does: the view moves, the cursor stays
        await settle(pilot)
        top = round(pane.scroll_y)
        assert top > 0
        await pilot.press("down")
        await settle(pilot)
        stop = next(s for s in pane.stops if s.first == pane.cursor_block)
        assert stop.top >= top  # the first block in view, not the one after the box above
        assert_focus_shown(app)


async def test_after_the_wheel_scrolls_the_focus_away_page_up_moves_a_page_from_the_view(make_app: MakeApp) -> None:
    """Page Up and Page Down go a page from what is on screen, not from a cursor scrolled out of
    sight: after the wheel (or the spoken sentence) has moved the view on, Page Up does not jump
    back to the title, and Page Down does not leap from a cursor left far below."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        pane = await open_colitis(pilot, app)
        pane.focus()
        await settle(pilot)
        bottom = pane.max_scroll_y
        pane.scroll_to(y=bottom, animate=False)  # the cursor stays on the title, at the top
        await settle(pilot)
        await pilot.press("pageup")
        await settle(pilot)
        assert pane.cursor_block > 0 and 0 < pane.scroll_y < bottom
        assert_focus_shown(app)
        await pilot.press("end")
        pane.scroll_to(y=0, animate=False)  # the cursor stays on the last block
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        assert pane.cursor_block < pane.blocks[-1].index and 0 < pane.scroll_y < bottom
        assert_focus_shown(app)


async def test_a_window_made_shorter_keeps_the_focused_block_on_screen(make_app: MakeApp) -> None:
    """Only the height changes (the lines wrap as before): the block being read stays in view, with
    the terminal cursor on it, not below the bottom of the window."""
    app = make_app()
    async with app.run_test(size=(100, 44)) as pilot:
        pane = await open_colitis(pilot, app)
        pane.focus()
        while (spot := pane.cursor_offset()) is None or spot.y < 30:
            await pilot.press("down")
            await settle(pilot, 0.05)
        reading = pane.cursor_block
        await pilot.resize_terminal(100, 20)
        await settle(pilot)
        assert pane.cursor_block == reading
        assert_focus_shown(app)


async def test_page_home_and_end_at_an_edge_say_so(make_app: MakeApp) -> None:
    """A key that moves nothing still says something, as Down does at the end: a listener knows the
    key was heard and where they are."""
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_colitis(pilot, app)
        pane.focus()
        await pilot.press("end")
        await settle(pilot)
        for key in ("end", "pagedown"):
            speech.clear()
            await pilot.press(key)
            await settle(pilot)
            assert speech.said() == ["End of the text."], key
        await pilot.press("home")
        await settle(pilot)
        for key in ("home", "pageup"):
            speech.clear()
            await pilot.press(key)
            await settle(pilot)
            assert speech.said() == ["Top of the text."], key


@pytest.mark.parametrize("height", [4, 5, 6, 7, 8])
def test_page_down_goes_through_an_urgent_box_taller_than_the_view(height: int) -> None:
    """At a large font an urgent box with many signs is taller than the pane: Page Down shows its
    later signs with the cursor still on it (Down still goes to the next block), and only then goes on;
    before, Page Down jumped past the signs that had not been on screen."""
    def box(first: int, level: str) -> list[DocBlock]:
        return [
            DocBlock(first, BlockKind.URGENT_LABEL, "URGENT: get help now", 0, first, level=level),
            DocBlock(first + 1, BlockKind.URGENT, "Get help if you have any of these.", 0, first + 1),
            *(DocBlock(i, BlockKind.URGENT_SIGN, f"Sign number {i}", 0, i) for i in range(first + 2, first + 12)),
        ]

    blocks = [
        DocBlock(0, BlockKind.TITLE, "A topic", 0, 0),
        *box(1, "call-team-now"),
        *box(13, "emergency"),  # two boxes one after the other, as in "Warning signs"
        DocBlock(25, BlockKind.PARAGRAPH, "After the boxes.", 1, 25),
    ]
    layout = lay_out(blocks, 56)
    assert all(stop.bottom - stop.top > height for stop in layout.stops[1:3])
    cursor = 1
    top = scroll_to_show(layout.stops[1], False, 0, height) or 0  # Down onto the first box
    shown: set[int] = set()
    landed = [cursor]
    while cursor < 3:
        shown.update(range(top, top + height))
        after = min(top + height, len(layout.lines) - height)
        cursor = page_target(layout.stops, cursor, 1, top, after, height)
        landed.append(cursor)
        top = scroll_to_show(layout.stops[cursor], False, after, height) or after  # the pane's scroll
    assert set(landed) == {1, 2, 3}  # each box had the cursor on the way, then the paragraph after them
    sign_lines = {n for n, line in enumerate(layout.lines) if blocks[line.block].kind is BlockKind.URGENT_SIGN}
    assert sign_lines <= shown  # every sign was on screen on the way
