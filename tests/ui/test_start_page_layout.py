"""The start page tells the person what to do in the layout that is showing, on screen and by ear."""

from __future__ import annotations

from collections.abc import Callable

from guide.ui.app import GuideApp
from guide.ui.start_page import StartLayout, TreeLayout, start_blocks
from guide.ui.voicing import START_ID

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

WIDE = (120, 40)
NARROW = (80, 40)


def spoken_start(app: GuideApp) -> str:
    return " ".join(u.text for u in app.voicing.utterances(START_ID))


async def test_a_wide_window_names_the_list_beside_the_text(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Use the Up and Down arrow keys to move through the topics" in shown
        assert "Press Tab to open the list of topics" not in shown


async def test_a_narrow_window_says_tab_opens_the_hidden_list(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "Press Tab to open the list of topics" in screen_text(app)
        assert "move through the topics. Press Enter" not in spoken_start(app)


async def test_hiding_the_list_changes_the_words_and_what_is_read(make_app: Callable[..., GuideApp]) -> None:
    app = make_app(RecordingSpeech(enabled=True))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert "The list of topics is hidden. Press l to show it" in screen_text(app)
        assert "The list of topics is hidden" in spoken_start(app)
        await pilot.press("l")
        await settle(pilot)
        assert "Use the Up and Down arrow keys to move through the topics" in screen_text(app)


async def test_a_resize_to_narrow_changes_the_words(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(*NARROW)
        await settle(pilot, 0.2)
        assert "Press Tab to open the list of topics" in screen_text(app)


def test_keys_withheld_are_not_named() -> None:
    def text(layout: StartLayout) -> str:
        return " ".join(b.text for b in start_blocks(layout))

    every = text(StartLayout())
    assert "Press / to search, g for the word list, and t to change the colours." in every
    no_colours = text(StartLayout(colours=False))
    assert "Press / to search and g for the word list." in no_colours
    assert "colours" not in no_colours
    assert "Press / to search." in text(StartLayout(glossary=False, colours=False))
    nothing = text(StartLayout(search=False, glossary=False, colours=False, speech_toggle=False))
    assert "Press /" not in nothing and "F2" not in nothing
    assert "Press r to read a topic aloud" in nothing
    assert "Press l to show it" in text(StartLayout(TreeLayout.HIDDEN))
