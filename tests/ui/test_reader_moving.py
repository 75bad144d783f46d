"""Pilot tests: moving around the guide with the keyboard, as a patient would: topics, history, panes, the list."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from guide.content.model import Library
from guide.ui.app import GuideApp
from guide.ui.messages import TopicOpened
from guide.ui.screens.search import SearchScreen
from guide.ui.start_page import DISCLAIMER
from guide.ui.widgets.reading_pane import ReadingPane

from .harness import breadcrumb, screen_text, settle

MakeApp = Callable[..., GuideApp]


async def test_start_screen_welcomes_and_carries_the_disclaimer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome to the immunotherapy guide" in text
        assert "F1" in text and "F2" in text  # how to get help and turn on speech
        assert "It is not medical" in text  # the disclaimer, wrapped on screen
        assert DISCLAIMER.startswith("This guide gives general information")
        assert "The basics" in text and "Side effects" in text  # the tree beside the pane
        assert breadcrumb(app) == "Start"
        assert app.focused is app.topic_tree


async def test_arrows_and_enter_open_a_topic_with_its_breadcrumb(make_app: MakeApp) -> None:
    opened: list[str] = []

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        original = app.post_message

        def spy(message: object) -> bool:
            if isinstance(message, TopicOpened):
                opened.append(message.topic_id)
            return original(message)  # type: ignore[arg-type]

        app.post_message = spy  # type: ignore[method-assign]
        await pilot.press("down", "down", "space", "down", "enter")  # the first row is highlighted at start
        await settle(pilot)
        assert app.current_topic == "colitis"
        assert breadcrumb(app) == "Side effects > Diarrhoea and colitis"
        assert "Diarrhoea and colitis" in screen_text(app)
        assert isinstance(app.focused, ReadingPane)
    assert opened == ["colitis"]


async def test_n_and_p_follow_reading_order(make_app: MakeApp, library: Library) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        order = [t.id for t in library.reading_order()]
        for expected in order:
            await pilot.press("n")
            await settle(pilot)
            assert app.current_topic == expected
        await pilot.press("n")
        await settle(pilot)
        assert app.current_topic == order[-1]
        assert "This is the last topic." in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert app.current_topic == order[-2]


async def test_back_and_forward_cross_topics_searches_and_home(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")  # basics, what-is-immunotherapy
        await settle(pilot)
        await pilot.press("slash", *"the runs")
        await settle(pilot, 0.6)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_topic == "colitis"
        await pilot.press("backspace")
        await settle(pilot, 0.6)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "the runs"
        await pilot.press("escape")
        await pilot.press("b")
        await settle(pilot)
        assert app.current_topic == "what-is-immunotherapy"
        await pilot.press("backspace")
        await settle(pilot)
        assert app.current_topic == "basics"
        await pilot.press("f")
        await settle(pilot)
        assert app.current_topic == "what-is-immunotherapy"
        await pilot.press("h")
        await settle(pilot)
        assert app.current_topic is None and breadcrumb(app) == "Start"
        await pilot.press("backspace")
        await settle(pilot)
        assert app.current_topic == "what-is-immunotherapy"


async def test_tab_switches_between_tree_and_text_with_focus_always_visible(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is app.topic_tree
        await pilot.press("tab")
        assert isinstance(app.focused, ReadingPane)
        # the focused block is drawn with a bar beside it (and the focus colours)
        x, y = app.cursor_position
        assert screen_text(app).splitlines()[y][x - 2] == "█"
        await pilot.press("down")
        assert app.reading_pane.cursor_block == 1
        await pilot.press("tab")
        assert app.focused is app.topic_tree


async def test_narrow_screen_turns_the_tree_into_a_panel_and_resizing_works(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.narrow and not app.topic_tree.display
        assert app.reading_pane.outer_size.width == 80
        await pilot.press("l")
        await settle(pilot)
        assert app.topic_tree.display and app.focused is app.topic_tree
        await pilot.press("escape")
        await settle(pilot)
        assert not app.topic_tree.display and isinstance(app.focused, ReadingPane)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("enter")  # the first row, highlighted from the start
        await settle(pilot)
        assert app.current_topic == "basics" and not app.topic_tree.display
        await pilot.resize_terminal(160, 50)
        await settle(pilot)
        assert not app.narrow and app.topic_tree.display
        await pilot.resize_terminal(250, 70)
        await settle(pilot)
        assert "The basics" in screen_text(app)
        await pilot.resize_terminal(90, 24)
        await settle(pilot)
        assert app.narrow and not app.topic_tree.display


async def test_page_down_and_up_scroll_the_text(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.reading_pane.scroll_y > 0
        await pilot.press("pageup")
        await settle(pilot)
        assert app.reading_pane.scroll_y == 0


async def test_right_and_left_open_and_close_parts_of_the_topic_list(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.topic_tree
        await pilot.press("down", "down")
        part = tree.cursor_node
        assert part is not None and part.data == "side-effects" and not part.is_expanded
        await pilot.press("right")
        assert part.is_expanded, "Right opens a closed part"
        assert "Diarrhoea and colitis" in screen_text(app)
        await pilot.press("right")
        assert tree.cursor_node is part.children[0], "Right on an open part steps into it"
        await pilot.press("left")
        assert tree.cursor_node is part, "Left on a topic steps out to its part"
        await pilot.press("left")
        assert not part.is_expanded, "Left closes an open part"


async def test_opening_a_part_shows_its_topics_in_the_list(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.current_topic == "side-effects"
        part = app.topic_tree.cursor_node
        assert part is not None and part.data == "side-effects" and part.is_expanded
        assert "Diarrhoea and colitis" in screen_text(app)
