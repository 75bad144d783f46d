"""Issue 17 for reading by structure: the words a visitor found in a page, their notices and the
place they were reading are gone when the kiosk starts over for the next one."""

from __future__ import annotations

from textual.widgets import Input

from guide.kiosk.screens import AttractScreen
from guide.speech.api import SpeechEvent

from .fake_clock import FakeClock
from .kiosk_pilot import SIZE, MakeKiosk, settle, until

NOTICE = ("No sound device was found. Check that the headphones are plugged in, ask a member of staff "
          "if they are not, then press F2 to try again.")
"""Wider than the status line, so it is kept with the notices to be read whole with i."""


async def test_reset_forgets_found_words_notices_and_the_reading_place(make_kiosk: MakeKiosk, clock: FakeClock) -> None:
    app, speech = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "n")
        assert await until(pilot, lambda: app.current_topic == "basics")
        topic = app.current_topic
        for listener in speech.listeners:
            listener(SpeechEvent("unavailable", message=NOTICE))
        await settle(pilot)
        assert app.status_line.notices  # the visitor's notice is kept for i
        app.reading_pane.focus()
        await pilot.press("ctrl+f", *"the")
        await settle(pilot)
        await pilot.press("enter")  # the find bar closes and keeps its marks
        await settle(pilot)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert app.finder.matches and app.reading_pane.cursor_block > 0
        clock.now += 60 + 30 + 0.5
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        assert not app.status_line.notices
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert app.screen.query("#no-notices")  # the next visitor hears of no notice of the last one's
        await pilot.press("escape")
        await settle(pilot)
        assert topic is not None
        await pilot.press("n")  # the same topic again
        assert await until(pilot, lambda: app.current_topic == topic)
        assert app.reading_pane.cursor_block == 0  # at its top, not where the last visitor was
        app.reading_pane.focus()
        await pilot.press("f3")
        await settle(pilot)
        assert "Nothing is being found" in app.status_line.status
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert app.screen.query_one("#find-query", Input).value == ""  # not the last visitor's words
