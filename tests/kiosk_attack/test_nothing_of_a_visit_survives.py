"""What one visitor typed or tried never reaches the next: copying is off and the clipboard
is emptied at reset; wrong PINs count across a crash; a tampered hash cannot slow the prompt."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.kiosk.app import build_kiosk
from guide.kiosk.config import KioskConfig
from guide.kiosk.pin import PinGate, PinOutcome, hash_pin, valid_hash, verify_pin
from guide.speech.silent import SilentSpeechService


def test_copied_search_text_is_not_pasted_by_the_next_visitor(tmp_path: Path) -> None:
    library = load_or_raise(bundled_content_dir() / "en")
    app = build_kiosk(library, SilentSpeechService("tests"), KioskConfig(path=tmp_path / "kiosk.yaml"))

    async def visit() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("a")  # wake the attract screen
            await pilot.press("slash")
            await pilot.pause(0.2)
            search = app.focused
            assert isinstance(search, Input)
            await pilot.press(*"my diagnosis")
            search.select_all()
            for key in ("ctrl+c", "super+c", "ctrl+shift+a"):
                await pilot.press(key)
            app.copy_to_clipboard("my diagnosis")  # and any other path to the clipboard
            assert app.clipboard == ""
            app.start_over()
            await pilot.pause(0.3)
            assert app.clipboard == ""
            await pilot.press("a", "slash")
            await pilot.pause(0.2)
            await pilot.press("ctrl+v")
            focused = app.focused
            assert isinstance(focused, Input) and "diagnosis" not in focused.value

    asyncio.run(visit())


def test_the_lock_out_survives_a_crash(tmp_path: Path) -> None:
    pin = "482917"
    stored = hash_pin(pin)
    state = tmp_path / "pin-lockout.json"

    def gate() -> PinGate:  # a new kiosk process: same runtime folder, same boot clock
        return PinGate(lambda typed: verify_pin(typed, stored), state_file=state)

    first = gate()
    for _ in range(4):
        assert first.attempt("000000").outcome is PinOutcome.WRONG
    after_crash = gate()
    assert after_crash.attempt("000000").outcome is PinOutcome.LOCKED  # the fifth, not a first
    after_second_crash = gate()
    assert after_second_crash.locked_for() > 170
    assert after_second_crash.attempt(pin).outcome is PinOutcome.LOCKED  # not even the right PIN


def test_a_broken_or_hostile_lock_out_file_neither_hangs_nor_crashes(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    hostile = (b"[" * 200_000, b"\xff\xfe", b'{"wrong": 1e999, "locked_until": "x"}',
               b'{"wrong": 1, "locked_until": NaN}', b"[]", b"")
    for content in hostile:
        state.write_bytes(content)
        assert PinGate(lambda _: False, state_file=state).locked_for() == 0
    state.unlink()
    os.mkfifo(state)  # a FIFO would block a plain open for ever
    started = time.monotonic()
    assert PinGate(lambda _: False, state_file=state).locked_for() == 0
    assert time.monotonic() - started < 1


def test_a_lock_in_the_file_never_lasts_longer_than_one_lock_out(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    state.write_text('{"wrong": 0, "locked_until": 1e12}')
    assert PinGate(lambda _: False, state_file=state).locked_for() <= 180


@pytest.mark.parametrize("params", ["1048576$1$1", "524288$2$1", "65536$8$1", "16384$8$4", "16384$32$1"])
def test_a_tampered_hash_that_would_make_each_check_slow_is_refused(params: str) -> None:
    genuine = hash_pin("482917")
    salt_and_digest = genuine.split("$", 4)[4]
    tampered = f"scrypt${params}${salt_and_digest}"
    assert not valid_hash(tampered)
    started = time.monotonic()
    assert not verify_pin("482917", tampered)
    assert time.monotonic() - started < 0.05


def test_the_hash_the_kiosk_writes_is_still_accepted_and_quick() -> None:
    stored = hash_pin("482917")
    started = time.monotonic()
    assert verify_pin("482917", stored)
    assert time.monotonic() - started < 1
