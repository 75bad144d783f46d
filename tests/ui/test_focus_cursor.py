"""Pilot tests: the terminal's cursor sits at the start of the focused item (braille displays and
magnifiers follow it), after every move, scroll, opening and dialog, hidden unless asked for."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, OptionList

from guide.settings import Settings, load_settings
from guide.ui.app import GuideApp
from guide.ui.widgets.reading_pane import ReadingPane
from guide.ui.widgets.topic_tree import TopicTree

from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


def text_from_cursor(app: GuideApp) -> str:
    """What the screen shows from the terminal's cursor to the end of its row."""
    x, y = app.cursor_position
    return screen_text(app).splitlines()[y][x:]


def focused_words(app: GuideApp) -> str:
    """The first words of the focused item, as it is drawn."""
    focused = app.focused
    if isinstance(focused, ReadingPane):
        block = focused.focused_block()
        assert block is not None
        return block.text.split()[0]
    if isinstance(focused, TopicTree):
        assert focused.cursor_node is not None
        return str(focused.cursor_node.label).split()[0]
    if isinstance(focused, OptionList):
        assert focused.highlighted is not None
        return str(focused.get_option_at_index(focused.highlighted).prompt).split()[0]
    raise AssertionError(f"unexpected focus {focused!r}")


def assert_cursor_on_focus(app: GuideApp, after: str = "") -> None:
    """On the focused item's first words (the reading pane keeps its focused block in view)."""
    focused = app.focused
    assert focused is not None
    at_cursor = text_from_cursor(app)
    assert focused_words(app) in at_cursor[:40], (after, app.cursor_position, at_cursor, screen_text(app))


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_the_cursor_follows_every_move(make_app: MakeApp, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_cursor_on_focus(app)
        seen = {app.cursor_position}
        if app.narrow:
            await pilot.press("l")  # the topic list, a panel on small screens
            await settle(pilot)
        for key in ["down", "down", "space", "down", "enter", "down", "down", "pagedown", "down", "tab", "up"]:
            await pilot.press(key)
            await settle(pilot)
            assert_cursor_on_focus(app, key)
            seen.add(app.cursor_position)
        assert len(seen) >= 5  # it really moved with the focus


async def test_the_cursor_is_on_dialog_rows_and_back_on_the_text_after(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = app.cursor_position
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.focused, OptionList)
        assert_cursor_on_focus(app)
        await pilot.press("down", "down")
        await settle(pilot)
        assert_cursor_on_focus(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.cursor_position == before
        await pilot.press("slash")
        await settle(pilot)
        field = app.focused
        assert isinstance(field, Input)
        assert app.cursor_position == field.content_region.offset  # on the caret of the empty box
        await pilot.press(*"rash")
        await settle(pilot)
        box = field.content_region
        assert app.cursor_position == (box.x + 4, box.y)  # just after the word


async def test_the_cursor_follows_a_page_down_scroll(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await app.open_topic("colitis")
        await settle(pilot)
        for _ in range(3):
            await pilot.press("down")
        await settle(pilot)
        row = app.cursor_position.y
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.cursor_position.y != row  # Page Down brings the focus with it
        assert_cursor_on_focus(app)


async def test_the_cursor_is_hidden_unless_asked_for(make_app: MakeApp) -> None:
    for settings, shown in ((Settings(), False), (Settings(show_cursor=True), True)):
        app = make_app(settings=settings)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.focus_cursor.shown is shown


def test_show_cursor_is_kept_in_settings(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "settings.json"
    path.write_text('{"show_cursor": true}')
    assert load_settings(path) == (Settings(show_cursor=True), None)
    path.write_text('{"show_cursor": "yes"}')
    settings, notice = load_settings(path)
    assert settings.show_cursor is False and notice and "show_cursor" in notice
