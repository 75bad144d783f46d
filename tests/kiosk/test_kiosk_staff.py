"""The kiosk as staff meet it: the key sequence, the PIN prompt and its lock-out, the staff menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from guide.content.model import Library
from guide.exit_codes import EXIT_STAFF
from guide.kiosk.app import build_kiosk
from guide.kiosk.config import load_config
from guide.kiosk.screens import AttractScreen, PinScreen, StaffScreen

from ..speech_fake import RecordingSpeech
from .fake_clock import FakeClock
from .kiosk_pilot import (
    PIN,
    PIN_HASH,
    SIZE,
    MakeKiosk,
    settle,
    until,
)


async def test_staff_sequence_and_pin_exit(make_kiosk: MakeKiosk) -> None:
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


async def test_wrong_pins_lock_the_prompt(make_kiosk: MakeKiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)

        def message() -> str:
            return str(app.screen.query_one("#pin-message").render())

        def shows(text: str) -> Callable[[], bool]:
            return lambda: text in message()

        for expected in ("4 tries left", "3 tries left", "2 tries left", "1 try left", "locked for 3 min"):
            await pilot.press(*"111111", "enter")
            assert await until(pilot, shows(expected)), message()
        assert app.screen.query_one("#pin-input", Input).disabled
        await pilot.press("escape")
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)
        await pilot.press(*PIN, "enter")
        await settle(pilot, 0.5)
        assert isinstance(app.screen, PinScreen)  # still locked: the right PIN is refused too
        assert "locked" in message()
        assert app.is_running


async def test_pin_prompt_closes_itself(make_kiosk: MakeKiosk) -> None:
    app, _ = make_kiosk()
    app.pin_prompt_seconds = 1.0
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12", "f12", "f12")
        assert await until(pilot, lambda: isinstance(app.screen, PinScreen))
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))


async def test_no_pin_set_tells_staff_how(make_kiosk: MakeKiosk) -> None:
    app, _ = make_kiosk(pin_hash=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)
        await pilot.press(*"123456", "enter")
        await settle(pilot, 0.4)
        assert "--set-pin" in str(app.screen.query_one("#pin-message").render())


async def test_broken_config_still_gives_a_working_kiosk(library: Library, tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text(f'pin_hash: "{PIN_HASH}"\nidle_seconds: [60\n')
    config = load_config(path)
    assert config.problems
    speech = RecordingSpeech(enabled=False)
    app = build_kiosk(library, speech, config, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        await pilot.press("space", "n")
        assert await until(pilot, lambda: app.current_topic == "basics")
        await pilot.press("f12", "f12", "f12")
        await settle(pilot)
        await pilot.press(*PIN, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StaffScreen))  # the salvaged PIN still lets staff out


async def test_staff_can_start_over_for_the_next_visitor(make_kiosk: MakeKiosk) -> None:
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
