"""DeferredSpeech: the guide can be used before the speech service exists, and nothing asked is lost."""

from __future__ import annotations

import threading
import time
from typing import Any

from guide.settings import Settings
from guide.speech.api import SpeechEvent, Utterance
from guide.speech.deferred import DeferredSpeech
from guide.ui.app_base import SPEECH_WARM_UP_DELAY_S

from ..speech_fake import RecordingSpeech
from .harness import screen_text


def test_requests_before_the_service_exists_are_handed_over() -> None:
    real = RecordingSpeech(enabled=False)
    release = threading.Event()

    def slow_factory() -> RecordingSpeech:
        release.wait(5)
        return real

    speech = DeferredSpeech(slow_factory, enabled=False, rate="normal", volume="normal")
    events: list[SpeechEvent] = []
    speech.subscribe(events.append)
    speech.warm_up()
    assert speech.real is None and speech.where() == (-1, 0) and speech.voices() == []
    speech.stop()  # harmless before the service exists
    speech.set_enabled(True)
    assert speech.change_rate(1) == "brisk"
    assert speech.change_volume(-1) == "quiet"
    speech.read([Utterance("Hello.", "Hello.", block=0)], 0)
    release.set()
    assert speech.wait_ready()
    assert ("set_enabled", True) in real.calls
    assert ("rate", 1) in real.calls and ("volume", -1) in real.calls
    assert ("read", 1, 0) in real.calls
    assert any(e.kind == "started" for e in events)  # the listener was passed on to the real service
    assert [e.kind for e in events[-2:]] == ["status", "voices"]  # started, and its voices can be asked for
    assert speech.voices() == real.voices()
    speech.close()
    assert ("close",) in real.calls


def test_stop_before_ready_drops_what_was_pending() -> None:
    real = RecordingSpeech(enabled=True)
    release = threading.Event()
    speech = DeferredSpeech(lambda: (release.wait(5), real)[1], enabled=True, rate="normal", volume="normal")
    speech.warm_up()
    speech.announce("Welcome")
    speech.stop()
    release.set()
    assert speech.wait_ready()
    assert not real.said()


def test_closed_before_ready_closes_the_real_service_too() -> None:
    real = RecordingSpeech(enabled=True)
    release = threading.Event()
    speech = DeferredSpeech(lambda: (release.wait(5), real)[1], enabled=True, rate="normal", volume="normal")
    speech.warm_up()
    speech.close()
    release.set()
    speech.wait_ready()
    assert ("close",) in real.calls


def test_a_factory_that_fails_leaves_a_silent_guide_with_a_reason() -> None:
    def broken() -> RecordingSpeech:
        raise OSError("no engine")

    speech = DeferredSpeech(broken, enabled=True, rate="normal", volume="normal")
    events: list[SpeechEvent] = []
    speech.subscribe(events.append)
    speech.warm_up()
    assert not speech.wait_ready()
    assert not speech.available and "could not start" in speech.status
    assert events and events[-1].kind == "unavailable"
    speech.read([Utterance("Hello.", "Hello.")])  # still returns at once, says nothing
    speech.stop()


def test_turning_speech_on_or_asking_to_speak_builds_the_service_at_once() -> None:
    real = RecordingSpeech(enabled=False)
    speech = DeferredSpeech(lambda: real, enabled=False, rate="normal", volume="normal")
    assert speech.real is None  # nothing is built until it is wanted
    speech.set_enabled(True)
    assert speech.wait_ready(5) and ("set_enabled", True) in real.calls

    spoken = RecordingSpeech(enabled=True)
    speech = DeferredSpeech(lambda: spoken, enabled=True, rate="normal", volume="normal")
    speech.read([Utterance("Hello.", "Hello.", block=0)], 0)
    assert speech.wait_ready(5) and ("read", 1, 0) in spoken.calls


async def test_with_speech_off_the_engine_is_built_just_after_the_first_screen(make_app: Any) -> None:
    built: list[float] = []

    def factory() -> RecordingSpeech:
        built.append(time.monotonic())
        return RecordingSpeech(enabled=False)

    speech = DeferredSpeech(factory, enabled=False, rate="normal", volume="normal")

    app = make_app(speech=speech)
    started = time.monotonic()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Welcome to the immunotherapy guide" in screen_text(app)
        while not built and time.monotonic() - started < 5:
            await pilot.pause(0.05)
        assert built and speech.wait_ready(5)
        # Not while the first screen was drawn: only once the app had been up for the delay.
        assert built[0] - started >= SPEECH_WARM_UP_DELAY_S * 0.9
        assert not app.speech.enabled


async def test_with_speech_on_the_engine_is_built_at_once_and_reads_the_welcome(make_app: Any) -> None:
    real = RecordingSpeech(enabled=True)
    speech = DeferredSpeech(lambda: real, enabled=True, rate="normal", volume="normal")

    app = make_app(speech=speech, settings=Settings(speech=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert speech.wait_ready(5)
        assert any(call[0] == "read" for call in real.calls)
