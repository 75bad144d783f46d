"""What the kiosk's Pilot tests share: the staff PIN, the screen size and waiting helpers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from guide.kiosk.app import KioskApp
from guide.kiosk.pin import hash_pin
from guide.kiosk.rules import DEFAULT_FEATURES, Feature

from ..speech_fake import RecordingSpeech

PIN = "482913"
PIN_HASH = hash_pin(PIN)
SIZE = (100, 32)
THEME_ALLOWED = {**DEFAULT_FEATURES, Feature.THEME: True}

MakeKiosk = Callable[..., tuple[KioskApp, RecordingSpeech]]
"""The make_kiosk fixture: KioskConfig fields to change in, a kiosk and its recording speech out."""


async def settle(pilot: Pilot[Any], seconds: float = 0.35) -> None:
    await pilot.pause(seconds)


def countdown_text(app: App[Any]) -> str:
    """The warning's countdown line, or '' while the warning is still being put on screen."""
    found = app.screen.query("#idle-countdown")
    return str(found.first().render()) if found else ""


async def until(pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 10) -> bool:
    """Wait for what a person would wait for, without fixed sleeps (the CI machine is slow)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return bool(condition())
