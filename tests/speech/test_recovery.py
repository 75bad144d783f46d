"""Speech never gives up for good: it rests after repeated failures, tries again, says so once,
and F2 (speech on) tries again at once."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from guide.speech.api import EventKind, SpeechEvent, Utterance
from guide.speech.players import Playback, RecordingPlayer
from guide.speech.recovery import FIRST_REST, MAX_FAILURES, MAX_REST, Recovery
from guide.speech.service import EngineSpeechService, engine_problem
from guide.speech.stream import AudioStream


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rests_after_repeated_failures_then_tries_again_for_longer_each_time() -> None:
    clock = Clock()
    recovery = Recovery(clock=clock)
    assert [recovery.failed("crash") for _ in range(MAX_FAILURES)] == [False] * (MAX_FAILURES - 1) + [True]
    assert recovery.resting and recovery.time_left() == FIRST_REST and not recovery.due()
    clock.now += FIRST_REST
    assert recovery.due()
    recovery.try_again()
    assert not recovery.resting
    assert recovery.failed("crash again"), "one failure while trying again is enough"
    assert recovery.time_left() == 2 * FIRST_REST
    for _ in range(10):
        clock.now += MAX_REST
        recovery.try_again()
        recovery.failed("still broken")
    assert recovery.time_left() == MAX_REST, "the wait stops growing"
    clock.now += MAX_REST
    recovery.try_again()
    assert recovery.worked(), "heard again: the outage is over"
    assert not recovery.worked(), "and that is said only once"
    assert recovery.failed("new", now=False) is False and recovery.rest == FIRST_REST


pytestmark_real = pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed")


class BreakablePlayer(RecordingPlayer):
    """A recording sink that fails every sound (exit status 1) while ``broken`` is set."""

    def __init__(self) -> None:
        super().__init__(time_scale=0.05)
        self.broken = threading.Event()

    def play(self, audio: AudioStream, utterance: Utterance) -> Playback:
        if not self.broken.is_set():
            return super().play(audio, utterance)

        class Failed:
            def wait(self) -> int:
                time.sleep(0.01)
                return 1

            def kill(self) -> None:
                pass

        return Failed()


def wait_for(test: object, timeout: float = 15.0) -> bool:
    assert callable(test)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return True
        time.sleep(0.005)
    return False


def break_speech(service: EngineSpeechService, player: BreakablePlayer, events: list[SpeechEvent]) -> None:
    player.broken.set()
    for n in range(MAX_FAILURES + 2):
        service.announce(f"Attempt {n}.")
        time.sleep(0.3)
    assert wait_for(lambda: any(e.kind == EventKind.UNAVAILABLE for e in events))
    assert not service.available and "F2" in service.status


@pytestmark_real
def test_speech_comes_back_by_itself_and_says_it_once() -> None:
    player = BreakablePlayer()
    service = EngineSpeechService(player, enabled=True)
    events: list[SpeechEvent] = []
    service.subscribe(events.append)
    try:
        break_speech(service, player, events)
        player.broken.clear()
        # after the rest the service tries again by itself; the first sentence heard ends the outage
        def heard_again() -> bool:
            service.announce("Are you there?")
            time.sleep(0.2)
            return bool(player.records) and player.records[-1].utterance.text == "Are you there?"

        assert wait_for(heard_again, timeout=3 * FIRST_REST + 10)
        assert wait_for(lambda: service.available)
        assert [e.kind for e in events].count(EventKind.UNAVAILABLE) == 1
        assert [e.message for e in events if e.kind == EventKind.STATUS][-1] == "Speech is working again."
    finally:
        service.close()


@pytestmark_real
def test_engine_killed_twice_in_a_second_then_f2_speaks_at_once() -> None:
    player = RecordingPlayer(time_scale=0.05)
    service = EngineSpeechService(player, enabled=True)
    events: list[SpeechEvent] = []
    service.subscribe(events.append)
    try:
        service.announce("Ready.")
        assert player.wait_for(lambda r: bool(r), timeout=15)
        for _ in range(2):  # both engines, twice, within a second
            for pid in service.engine_pids():
                if pid:
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.4)
        service.announce("Still here.")
        heard = player.wait_for(lambda r: r[-1].utterance.text == "Still here.", timeout=10)
        if not heard:  # speech rested: F2 must bring it back at once, not after the rest
            assert any(e.kind == EventKind.UNAVAILABLE for e in events)
        pressed = time.monotonic()
        service.set_enabled(True)
        assert player.wait_for(lambda r: r[-1].utterance.text == "Speech on", timeout=10)
        assert time.monotonic() - pressed < FIRST_REST + 3
        service.announce("Back again.")
        assert player.wait_for(lambda r: r[-1].utterance.text == "Back again.", timeout=10)
        assert service.available
    finally:
        service.close()


@pytestmark_real
def test_f2_while_resting_tries_at_once() -> None:
    player = BreakablePlayer()
    service = EngineSpeechService(player, enabled=True)
    events: list[SpeechEvent] = []
    service.subscribe(events.append)
    try:
        break_speech(service, player, events)
        player.broken.clear()
        pressed = time.monotonic()
        service.set_enabled(True)
        assert player.wait_for(lambda r: bool(r) and r[-1].utterance.text == "Speech on", timeout=FIRST_REST)
        assert time.monotonic() - pressed < FIRST_REST, "F2 does not wait out the rest"
        assert wait_for(lambda: service.available, timeout=5)
        assert [e.kind for e in events].count(EventKind.UNAVAILABLE) == 1
    finally:
        service.close()
