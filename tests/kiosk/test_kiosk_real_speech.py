"""The kiosk with the real speech service (espeak-ng) and a recording sink: the first
key is answered aloud, the idle warning is spoken, and after the reset the empty room
hears nothing."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.kiosk.app import build_kiosk
from guide.kiosk.config import KioskConfig
from guide.kiosk.screens import AttractScreen, IdleWarningScreen
from guide.speech.players import RecordingPlayer
from guide.speech.service import create_speech_service, engine_problem

from .fake_clock import FakeClock

pytestmark = [pytest.mark.slow, pytest.mark.skipif(engine_problem() is not None, reason="no speech engine")]


def heard(player: RecordingPlayer, since: float = 0.0) -> list[str]:
    with player.changed:
        return [r.utterance.spoken for r in player.records if r.started >= since]


async def test_real_speech_speaks_to_visitors_and_never_to_an_empty_room() -> None:
    player = RecordingPlayer(time_scale=1.0)
    speech = create_speech_service(enabled=False, player=player)
    clock = FakeClock()
    config = KioskConfig(path=Path("/nonexistent/kiosk.yaml"), idle_seconds=60, warning_seconds=30)
    app = build_kiosk(load_or_raise(bundled_content_dir() / "en"), speech, config, clock=clock)
    resets: list[float] = []  # when the guide really started over (the idle timer's next tick)
    start_over = app.start_over

    def timed_start_over(by_idle: bool = False) -> None:
        resets.append(time.perf_counter())
        start_over(by_idle=by_idle)

    app.start_over = timed_start_over  # type: ignore[method-assign]

    try:
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause(1.0)
            assert isinstance(app.screen, AttractScreen)
            assert heard(player) == []  # silent until someone comes
            await pilot.press("space")
            assert await asyncio.to_thread(player.wait_for, lambda rs: any("Welcome" in r.utterance.spoken
                                                                          for r in rs), 10)
            await pilot.press("plus", "plus")  # faster: the reset must step back without a word
            await pilot.pause(0.5)
            clock.now += 60.5
            await pilot.pause(0.5)
            assert isinstance(app.screen, IdleWarningScreen)
            assert await asyncio.to_thread(player.wait_for, lambda rs: any("still there" in r.utterance.spoken
                                                                          for r in rs), 10)
            clock.now += 30
            deadline = time.monotonic() + 10
            while not resets and time.monotonic() < deadline:
                await pilot.pause(0.05)
            assert resets, "the idle reset never ran"
            await pilot.pause(1.5)
            assert isinstance(app.screen, AttractScreen)
            reset_at = resets[0]
            # Whatever was playing when the guide started over is cut within moments, and
            # nothing is heard after it (at most the switch-off word, cut at once).
            late = [(r.utterance.spoken, r.ended and r.ended - max(r.started, reset_at))
                    for r in player.records
                    if r.ended is None or (r.ended > reset_at and r.ended - max(r.started, reset_at) >= 0.05)]
            assert late == []
    finally:
        speech.close()
