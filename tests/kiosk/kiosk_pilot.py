"""What the kiosk's Pilot tests share: the staff PIN, the screen size, a fake clock and waiting helpers."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from guide.kiosk.config import hash_pin
from guide.kiosk.rules import DEFAULT_FEATURES, Feature

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
