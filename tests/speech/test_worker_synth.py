"""A sentence that comes back empty is made again before anything is heard; an audio copy cut short
is made again too (an export once lost 9 s)."""

from __future__ import annotations

from collections.abc import Callable

from guide.speech.worker import SAMPLE_RATE, _Engine


def engine_returning(frames: list[int], rate: int = 165) -> tuple[_Engine, list[str]]:
    """An _Engine whose espeak call is replaced by a script of frame counts (the unit under test is the retry)."""
    engine = _Engine.__new__(_Engine)
    engine.rate = rate
    calls: list[str] = []

    def speak_once(text: str, sink: Callable[[bytes], None]) -> int:
        calls.append(text)
        made = frames[min(len(calls), len(frames)) - 1]
        sink(b"\1\0" * made)
        return made

    engine._speak_once = speak_once  # type: ignore[method-assign]
    return engine, calls


def full_length(words: int, rate: int = 165) -> int:
    return int(words * 60 / rate * SAMPLE_RATE)


def test_a_cut_off_copy_is_made_again_and_only_the_whole_one_kept() -> None:
    text = "Call your care team now if you have a fever or chills."
    whole = full_length(12)
    engine, calls = engine_returning([whole // 5, whole])
    assert len(engine.synth(text)) == 2 * whole
    assert len(calls) == 2


def test_an_empty_sentence_is_made_again_at_most_three_times() -> None:
    engine, calls = engine_returning([0, 0, 0, 0])
    assert engine.speak("Any fever, even a mild one.", lambda samples: None) == 0
    assert len(calls) == 3


def test_a_streamed_sentence_is_never_made_twice_once_heard() -> None:
    """Audio already sent to the player cannot be taken back, so a short stream is not repeated."""
    engine, calls = engine_returning([full_length(12) // 5])
    heard = bytearray()
    engine.speak("Call your care team now if you have a fever or chills.", heard.extend)
    assert len(calls) == 1 and len(heard) == 2 * (full_length(12) // 5)


def test_text_with_no_words_is_not_retried() -> None:
    engine, calls = engine_returning([0])
    engine.speak("…", lambda samples: None)
    assert len(calls) == 1
