"""The kiosk as a visitor meets it: a silent attract screen, a visit, the idle warning and a fresh start."""

from __future__ import annotations

from textual.widgets import Input

from guide.kiosk.rules import SessionDefaults
from guide.kiosk.screens import AttractScreen, IdleWarningScreen
from guide.speech.api import SpeechEvent
from guide.ui.history import START

from .fake_clock import FakeClock
from .kiosk_pilot import (
    SIZE,
    THEME_ALLOWED,
    MakeKiosk,
    countdown_text,
    settle,
    until,
)


async def test_starts_silent_on_the_attract_screen_and_stays_silent(make_kiosk: MakeKiosk, clock: FakeClock) -> None:
    app, speech = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Press any key to start" in text and "F2" in text and "staff" in text
        clock.now += 3600  # an hour with nobody there
        await settle(pilot, 0.5)
        assert isinstance(app.screen, AttractScreen)
        assert speech.sounds() == []  # nothing said to an empty room


async def test_first_key_starts_a_visit_and_speaks_how_to_use_it_once(make_kiosk: MakeKiosk) -> None:
    app, speech = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, AttractScreen)
        assert app.current_topic is None  # the waking key is not acted on
        welcome = [s for s in speech.said() if s.startswith("Welcome to the immunotherapy guide")]
        assert len(welcome) == 1 and "F2" in welcome[0] and "F1" in welcome[0]
        await pilot.press("n")
        assert await until(pilot, lambda: app.current_topic == "basics")


async def test_f2_as_first_key_starts_without_speech(make_kiosk: MakeKiosk) -> None:
    app, speech = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert not isinstance(app.screen, AttractScreen)
        assert not speech.enabled and speech.sounds() == []




async def test_idle_warning_counts_down_and_any_key_continues(make_kiosk: MakeKiosk, clock: FakeClock) -> None:
    app, speech = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await pilot.press("n")
        assert await until(pilot, lambda: app.current_topic == "basics")
        clock.now += 60.1
        assert await until(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        assert await until(pilot, lambda: "in 30 seconds" in countdown_text(app))
        assert any("Are you still there?" in s and "30 seconds" in s for s in speech.said())
        clock.now += 21
        assert await until(pilot, lambda: "in 9 seconds" in countdown_text(app))
        assert await until(pilot, lambda: "9 seconds." in speech.said())
        await pilot.press("x")
        assert await until(pilot, lambda: not isinstance(app.screen, IdleWarningScreen))
        assert app.current_topic == "basics"  # the visitor carries on where they were


async def test_full_reset_wipes_the_last_visitor(make_kiosk: MakeKiosk, clock: FakeClock) -> None:
    app, speech = make_kiosk(features=THEME_ALLOWED, defaults=SessionDefaults(theme="guide-dark"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        start_theme = app.theme
        await pilot.press("space")
        await pilot.press("n", "n")
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"rash")
        await settle(pilot, 0.6)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.current_topic and len(app.history.places) > 2
        await pilot.press("plus", "f8", "t")
        await pilot.press("slash")
        await pilot.press(*"diarrhoea")
        await settle(pilot)
        assert app.theme != start_theme and speech.rate != "normal" and speech.volume != "normal"
        speech.clear()
        clock.now += 60 + 30 + 0.5
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        assert ("stop",) in speech.calls
        assert not speech.enabled
        assert len(app.screen_stack) == 2  # the reader and the attract screen, no dialog left
        assert app.history.places == [START] and app.current_topic is None
        assert app.theme == start_theme and speech.rate == "normal" and speech.volume == "normal"
        assert [c for c in speech.sounds()] == []  # the reset itself is silent
        await pilot.press("space")
        await pilot.press("slash")
        await settle(pilot)
        assert app.screen.query_one(Input).value == ""  # the last search is gone
        await pilot.press("escape", "b")
        await settle(pilot)
        assert app.current_topic is None  # nothing to go back to


async def test_notices_wait_for_a_visitor(make_kiosk: MakeKiosk) -> None:
    app, speech = make_kiosk()
    unavailable = SpeechEvent("unavailable", message="No sound device was found.")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for listener in speech.listeners:
            listener(unavailable)
        await settle(pilot)
        assert not app.screen.query("Toast")  # nothing covers the attract screen
        await pilot.press("space")
        await settle(pilot)
        for listener in speech.listeners:
            listener(unavailable)
        assert await until(pilot, lambda: bool(app.screen.query("Toast")))
