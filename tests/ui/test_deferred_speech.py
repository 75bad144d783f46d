"""DeferredSpeech: the guide can be used before the speech service exists, and nothing asked is lost."""

from __future__ import annotations

import threading

from guide.speech.api import SpeechEvent, Utterance
from guide.ui.deferred_speech import DeferredSpeech

from .fake_speech import RecordingSpeech


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
    assert speech.change_rate(1) == "faster"
    assert speech.change_volume(-1) == "quieter"
    speech.read([Utterance("Hello.", "Hello.", block=0)], 0)
    release.set()
    assert speech.wait_ready()
    assert ("set_enabled", True) in real.calls
    assert ("rate", 1) in real.calls and ("volume", -1) in real.calls
    assert ("read", 1, 0) in real.calls
    assert any(e.kind == "started" for e in events)  # the listener was passed on to the real service
    assert events[-1].kind == "status"
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
