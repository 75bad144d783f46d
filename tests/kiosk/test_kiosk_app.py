"""The kiosk as a visitor and staff meet it, driven with Pilot and a fake clock."""

from __future__ import annotations

import asyncio
import functools
import os
import random
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.content.model import Library
from guide.kiosk.app import EXIT_STAFF, KioskApp, build_kiosk
from guide.kiosk.config import KioskConfig, hash_pin, load_config
from guide.kiosk.rules import DEFAULT_FEATURES, Feature, SessionDefaults
from guide.kiosk.screens import AttractScreen, IdleWarningScreen, PinScreen, StaffScreen
from guide.speech.api import SpeechEvent
from guide.ui.history import START

from .speech_fake import SpeechRecorder

PIN = "482913"
PIN_HASH = hash_pin(PIN)
SIZE = (100, 32)
THEME_ALLOWED = {**DEFAULT_FEATURES, Feature.THEME: True}


def in_loop(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no pytest-asyncio needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(asyncio.wait_for(test(*args, **kwargs), 60))

    return run


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def library() -> Library:
    return load_or_raise(bundled_content_dir() / "en")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_kiosk(library: Library, clock: FakeClock, tmp_path: Path) -> Callable[..., tuple[KioskApp, SpeechRecorder]]:
    def make(**changes: object) -> tuple[KioskApp, SpeechRecorder]:
        config = replace(KioskConfig(path=tmp_path / "kiosk.yaml", idle_seconds=60, warning_seconds=30,
                                     pin_hash=PIN_HASH), **changes)  # type: ignore[arg-type]
        speech = SpeechRecorder(enabled=False)
        return build_kiosk(library, speech, config, clock=clock), speech

    return make


async def settle(pilot: object, seconds: float = 0.35) -> None:
    await pilot.pause(seconds)  # type: ignore[attr-defined]


def countdown_text(app: object) -> str:
    """The warning's countdown line, or '' while the warning is still being put on screen."""
    found = app.screen.query("#idle-countdown")  # type: ignore[attr-defined]
    return str(found.first().render()) if found else ""


async def until(pilot: object, condition: Callable[[], object], timeout: float = 10) -> bool:
    """Wait for what a person would wait for, without fixed sleeps (the CI machine is slow)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    return bool(condition())


@in_loop
async def test_starts_silent_on_the_attract_screen_and_stays_silent(make_kiosk, clock) -> None:
    app, speech = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Press any key to start" in text and "F2" in text and "staff" in text
        clock.now += 3600  # an hour with nobody there
        await settle(pilot, 0.5)
        assert isinstance(app.screen, AttractScreen)
        assert speech.sounds() == []  # nothing said to an empty room


@in_loop
async def test_first_key_starts_a_visit_and_speaks_how_to_use_it_once(make_kiosk) -> None:
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


@in_loop
async def test_f2_as_first_key_starts_without_speech(make_kiosk) -> None:
    app, speech = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert not isinstance(app.screen, AttractScreen)
        assert not speech.enabled and speech.sounds() == []


ESCAPE_KEYS = ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+d", "ctrl+p", "q", "ctrl+s", "escape",
               "ctrl+w", "ctrl+x", "f10", "ctrl+t", "t", "v"]


@in_loop
async def test_escape_keys_are_harmless_on_every_screen(make_kiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theme = app.theme
        for key in ESCAPE_KEYS:  # on the attract screen (the first wakes it)
            await pilot.press(key)
        await pilot.press("slash")  # and inside search
        await settle(pilot)
        for key in ESCAPE_KEYS[:-4]:
            await pilot.press(key)
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert app.theme == theme  # t is off unless the config allows themes
        assert not any(type(s).__name__ == "CommandPalette" for s in app.screen_stack)
        assert not any(isinstance(s, PinScreen) for s in app.screen_stack)


@in_loop
async def test_huge_paste_and_key_mashing_keep_search_bounded(make_kiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await pilot.press("slash")
        await settle(pilot)
        field = app.screen.query_one(Input)
        field.focus()
        app.post_message(events.Paste("rash " * 50_000))
        await settle(pilot)
        assert 0 < len(field.value) <= 200
        await pilot.press(*(["x"] * 20))
        await settle(pilot)
        assert len(field.value) <= 200
        rng = random.Random(6)
        keys = ["up", "down", "left", "right", "enter", "tab", "escape", "backspace", "slash", "g", "n", "p", "b",
                "f", "home", "f1", "space", "a", "w", "r", "s", "d", "l", "plus", "minus", "f7", "f8", "pageup"]
        await pilot.press(*(rng.choice(keys) for _ in range(80)))
        await settle(pilot, 0.6)
        assert app.is_running and app.return_code is None


@in_loop
async def test_resize_storm_keeps_the_kiosk_running(make_kiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")
        for width, height in [(20, 5), (200, 60), (40, 10), (1, 1), (80, 24)] * 3:
            await pilot.resize_terminal(width, height)
        await settle(pilot)
        assert app.is_running and app.size == (80, 24)
        assert max(w.region.width for w in app.screen.walk_children()) >= 40  # laid out again at 80 wide


@in_loop
async def test_idle_warning_counts_down_and_any_key_continues(make_kiosk, clock) -> None:
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


@in_loop
async def test_full_reset_wipes_the_last_visitor(make_kiosk, clock) -> None:
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
        assert app.theme != start_theme and speech.rate == 3 and speech.volume == 3
        speech.calls.clear()
        clock.now += 60 + 30 + 0.5
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        assert ("stop",) in speech.calls
        assert not speech.enabled
        assert len(app.screen_stack) == 2  # the reader and the attract screen, no dialog left
        assert app.history.places == [START] and app.current_topic is None
        assert app.theme == start_theme and speech.rate == 2 and speech.volume == 2
        assert [c for c in speech.sounds()] == []  # the reset itself is silent
        await pilot.press("space")
        await pilot.press("slash")
        await settle(pilot)
        assert app.screen.query_one(Input).value == ""  # the last search is gone
        await pilot.press("escape", "b")
        await settle(pilot)
        assert app.current_topic is None  # nothing to go back to


@in_loop
async def test_staff_sequence_and_pin_exit(make_kiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12", "f12", "f12")
        assert await until(pilot, lambda: isinstance(app.screen, PinScreen))
        await pilot.press(*PIN, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StaffScreen))
        await pilot.press("enter")  # the first choice: close the kiosk
        await settle(pilot)
    assert app.return_code == EXIT_STAFF


@in_loop
async def test_wrong_pins_lock_the_prompt(make_kiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)
        def message() -> str:
            return str(app.screen.query_one("#pin-message").render())

        for expected in ("4 tries left", "3 tries left", "2 tries left", "1 try left", "locked for 3 min"):
            await pilot.press(*"111111", "enter")
            assert await until(pilot, lambda expected=expected: expected in message()), message()
        assert app.screen.query_one("#pin-input", Input).disabled
        await pilot.press("escape")
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)
        await pilot.press(*PIN, "enter")
        await settle(pilot, 0.5)
        assert isinstance(app.screen, PinScreen)  # still locked: the right PIN is refused too
        assert "locked" in message()
        assert app.is_running


@in_loop
async def test_pin_prompt_closes_itself(make_kiosk) -> None:
    app, _ = make_kiosk()
    app.pin_prompt_seconds = 1.0
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12", "f12", "f12")
        assert await until(pilot, lambda: isinstance(app.screen, PinScreen))
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))


@in_loop
async def test_no_pin_set_tells_staff_how(make_kiosk) -> None:
    app, _ = make_kiosk(pin_hash=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)
        await pilot.press(*"123456", "enter")
        await settle(pilot, 0.4)
        assert "--set-pin" in str(app.screen.query_one("#pin-message").render())


@in_loop
async def test_broken_config_still_gives_a_working_kiosk(library: Library, tmp_path: Path, clock) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text(f'pin_hash: "{PIN_HASH}"\nidle_seconds: [60\n')
    config = load_config(path)
    assert config.problems
    speech = SpeechRecorder()
    app = build_kiosk(library, speech, config, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        await pilot.press("space", "n")
        assert await until(pilot, lambda: app.current_topic == "basics")
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)
        await pilot.press(*PIN, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StaffScreen))  # the salvaged PIN still lets staff out


def snapshot_files(*roots: Path) -> set[Path]:
    return {p for root in roots if root.exists() for p in root.rglob("*")}


@in_loop
async def test_a_visit_writes_nothing_to_disk(make_kiosk, clock, tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    dirs = {name: home / sub for name, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                                               ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state"))}
    for name, path in dirs.items():
        path.mkdir(parents=True)
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("IMMUNOGUIDE_CONFIG_DIR", raising=False)
    before = snapshot_files(home)
    app, _ = make_kiosk(features=THEME_ALLOWED, defaults=SessionDefaults(theme="guide-dark"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "n", "plus", "t", "f2", "slash")
        await pilot.press(*"rash")
        await settle(pilot, 0.6)
        clock.now += 100
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
    assert snapshot_files(home) == before
    assert os.listdir(tmp_path) == ["home"]  # not even the kiosk config was touched


@in_loop
async def test_help_lists_only_keys_a_visitor_can_use(make_kiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")
        described = {binding.action for binding in app.all_bindings()}
        assert "search" in described and "toggle_speech" in described
        assert not described & {"quit", "cycle_theme", "choose_voice"}
        assert app.describe_key("t") == "This key does nothing in the guide."
        assert app.describe_key("q") == "This key does nothing in the guide."
        assert "Search" in app.describe_key("slash")
        await pilot.press("f1")
        assert await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        shown += " ".join(str(option.prompt) for ol in app.screen.query("OptionList") for option in ol.options)
        assert "Search" in shown and "Quit" not in shown


@in_loop
async def test_staff_can_start_over_for_the_next_visitor(make_kiosk) -> None:
    app, _ = make_kiosk(usage_counts=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "n")
        assert await until(pilot, lambda: app.current_topic == "basics")
        await pilot.press("f12", "f12", "f12")
        assert await until(pilot, lambda: isinstance(app.screen, PinScreen))
        await pilot.press(*PIN, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StaffScreen))
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Visitor sessions since start: 1" in shown  # aggregate counts only, when switched on
        await pilot.press("down", "enter")  # "Start over now"
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        assert app.current_topic is None and app.is_running


@in_loop
async def test_notices_wait_for_a_visitor(make_kiosk) -> None:
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
