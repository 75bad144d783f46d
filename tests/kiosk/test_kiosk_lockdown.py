"""The kiosk's lock-down, as key mashing and a curious visitor try it: no way out, nothing kept."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import Input, OptionList

from guide.kiosk.rules import SessionDefaults
from guide.kiosk.screens import AttractScreen, PinScreen

from .fake_clock import FakeClock
from .kiosk_pilot import (
    SIZE,
    THEME_ALLOWED,
    MakeKiosk,
    settle,
    until,
)

ESCAPE_KEYS = ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+d", "ctrl+p", "q", "ctrl+s", "escape",
               "ctrl+w", "ctrl+x", "f10", "ctrl+t", "t", "v"]


async def test_escape_keys_are_harmless_on_every_screen(make_kiosk: MakeKiosk) -> None:
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


async def test_huge_paste_and_key_mashing_keep_search_bounded(make_kiosk: MakeKiosk) -> None:
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


async def test_resize_storm_keeps_the_kiosk_running(make_kiosk: MakeKiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")
        for width, height in [(20, 5), (200, 60), (40, 10), (1, 1), (80, 24)] * 3:
            await pilot.resize_terminal(width, height)
        await settle(pilot)
        assert app.is_running and app.size == (80, 24)
        assert max(w.region.width for w in app.screen.walk_children(Widget)) >= 40  # laid out again at 80 wide


def snapshot_files(*roots: Path) -> set[Path]:
    return {p for root in roots if root.exists() for p in root.rglob("*")}


async def test_a_visit_writes_nothing_to_disk(make_kiosk: MakeKiosk, clock: FakeClock, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
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


async def test_help_lists_only_keys_a_visitor_can_use(make_kiosk: MakeKiosk) -> None:
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
        shown += " ".join(str(option.prompt) for ol in app.screen.query(OptionList) for option in ol.options)
        assert "Search" in shown and "Quit" not in shown
