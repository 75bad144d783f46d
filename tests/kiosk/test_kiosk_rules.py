"""The kiosk's timing, key and reset rules, driven by a fake clock (no waiting). The PIN's
lock-out is in test_kiosk_pin."""

from __future__ import annotations

import pytest

from guide.kiosk.rules import (
    DEFAULT_FEATURES,
    RESET_STEPS,
    STAFF_SEQUENCE,
    Feature,
    IdlePhase,
    IdleTimer,
    KeySequence,
    ResetStep,
    UsageCounts,
)

from .fake_clock import FakeClock


def test_idle_timer_sleeps_until_a_visitor_arrives() -> None:
    clock = FakeClock()
    timer = IdleTimer(120, 30, clock)
    clock.advance(10_000)
    assert timer.phase() is IdlePhase.ASLEEP  # an empty room is never warned or reset


def test_idle_timer_warns_then_expires_and_input_starts_over() -> None:
    clock = FakeClock()
    timer = IdleTimer(120, 30, clock)
    timer.wake()
    clock.advance(119.5)
    assert timer.phase() is IdlePhase.ACTIVE
    clock.advance(1)
    assert timer.phase() is IdlePhase.WARNING
    assert timer.seconds_left() == 30  # 29.5 s left shows as 30, never 0 too early
    timer.touch()
    assert timer.phase() is IdlePhase.ACTIVE
    clock.advance(149.9)
    assert timer.phase() is IdlePhase.WARNING
    assert timer.seconds_left() == 1
    clock.advance(0.2)
    assert timer.phase() is IdlePhase.EXPIRED
    assert timer.seconds_left() == 0
    timer.sleep()
    assert timer.phase() is IdlePhase.ASLEEP


def test_idle_timer_refuses_nonsense_times() -> None:
    with pytest.raises(ValueError):
        IdleTimer(0, 30)


def test_staff_sequence_must_be_typed_quickly_and_in_order() -> None:
    clock = FakeClock()
    sequence = KeySequence(("f12", "f12", "f12"), within=3, clock=clock)
    assert not sequence.feed("f12")
    assert not sequence.feed("f12")
    assert sequence.feed("f12")
    # Slow presses do not count.
    for _ in range(3):
        clock.advance(4)
        assert not sequence.feed("f12")
    # Another key in between breaks it.
    clock.advance(4)
    assert not sequence.feed("f12")
    assert not sequence.feed("a")
    assert not sequence.feed("f12")
    assert STAFF_SEQUENCE and all(key.startswith("f") for key in STAFF_SEQUENCE)


def test_reset_stops_speech_first_and_ends_on_the_attract_screen() -> None:
    assert RESET_STEPS[0] is ResetStep.STOP_SPEECH
    assert RESET_STEPS[-1] is ResetStep.SHOW_ATTRACT
    assert {ResetStep.CLEAR_HISTORY, ResetStep.CLEAR_SEARCH, ResetStep.RESTORE_THEME} <= set(RESET_STEPS)


def test_features_that_could_strand_the_next_visitor_are_off_by_default() -> None:
    assert DEFAULT_FEATURES[Feature.SETTINGS] is False
    assert DEFAULT_FEATURES[Feature.EXPORT] is False
    assert DEFAULT_FEATURES[Feature.SEARCH] is True


def test_usage_counts_are_off_by_default_and_aggregate_only() -> None:
    off = UsageCounts()
    off.session_started()
    assert off.sessions == 0 and "off" in off.summary()
    on = UsageCounts(enabled=True)
    on.session_started()
    on.session_started()
    on.idle_reset()
    assert (on.sessions, on.idle_resets) == (2, 1)
    assert "2" in on.summary()
