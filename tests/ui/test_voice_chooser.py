"""The voice chooser (v) right after start: it waits for a slow engine's voices, never says "No voices" while
voices are on their way, and says so at once when speech cannot start."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from guide.speech.api import SpeechEvent
from guide.speech.deferred import DeferredSpeech
from guide.ui.app import GuideApp
from guide.ui.screens.voice import VoiceScreen

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    return condition()


class VoicesLater(RecordingSpeech):
    """A service whose engine lists its voices a while after it starts, then sends a voices event."""

    def __init__(self) -> None:
        super().__init__(enabled=False)
        self.listed = False

    def voices(self) -> list[tuple[str, str]]:
        return super().voices() if self.listed else []

    def arrive(self) -> None:
        self.listed = True
        self.emit(SpeechEvent("voices"))


async def test_v_before_the_engine_has_started_opens_the_chooser_when_the_voices_come(make_app: MakeApp) -> None:
    release = threading.Event()

    def slow_start() -> RecordingSpeech:
        release.wait(10)
        return RecordingSpeech(enabled=False)

    speech = DeferredSpeech(slow_start, enabled=False, rate="normal", volume="normal")

    app = make_app(speech=speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot, 0.3)
        assert not isinstance(app.screen, VoiceScreen)  # not "No voices" while they are on their way
        assert "Looking for voices" in screen_text(app)
        release.set()
        assert await until(pilot, lambda: isinstance(app.screen, VoiceScreen))
        await settle(pilot)
        text = screen_text(app)
        assert "English (en)" in text and "Spanish (es)" in text and "No voices" not in text
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(speech.real, RecordingSpeech) and ("set_voice", "es") in speech.real.calls
    speech.close()


async def test_v_while_the_engine_lists_its_voices_waits_for_its_voices_event(make_app: MakeApp) -> None:
    speech = VoicesLater()

    app = make_app(speech=speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot, 0.3)
        assert not isinstance(app.screen, VoiceScreen)
        speech.arrive()
        assert await until(pilot, lambda: isinstance(app.screen, VoiceScreen))
        await settle(pilot)
        assert "English (en)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("v")  # asked again: the voices are known, the chooser opens at once
        await settle(pilot)
        assert isinstance(app.screen, VoiceScreen) and "Spanish (es)" in screen_text(app)


async def test_v_when_speech_cannot_start_says_there_are_no_voices(make_app: MakeApp) -> None:
    def broken() -> RecordingSpeech:
        raise OSError("no engine")

    speech = DeferredSpeech(broken, enabled=False, rate="normal", volume="normal")

    app = make_app(speech=speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        assert await until(pilot, lambda: isinstance(app.screen, VoiceScreen))
        await settle(pilot)
        assert "No voices are available" in screen_text(app)
