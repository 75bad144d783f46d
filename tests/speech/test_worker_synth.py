"""A sentence that comes back empty or cut short is made again, not kept (an export once lost 9 s)."""

from __future__ import annotations

from pathlib import Path

from guide.speech.worker import SAMPLE_RATE, _Engine


def engine_returning(frames: list[int], rate: int = 165) -> tuple[_Engine, list[str]]:
    """An _Engine whose espeak call is replaced by a script of frame counts (the unit under test is the retry)."""
    engine = _Engine.__new__(_Engine)
    engine.rate = rate
    calls: list[str] = []

    def synth_once(text: str, part: Path) -> int:
        calls.append(text)
        return frames[min(len(calls), len(frames)) - 1]

    engine._synth_once = synth_once  # type: ignore[method-assign]
    return engine, calls


def full_length(words: int, rate: int = 165) -> int:
    return int(words * 60 / rate * SAMPLE_RATE)


def test_a_cut_off_sentence_is_made_again(tmp_path: Path) -> None:
    text = "Call your care team now if you have a fever or chills."
    whole = full_length(12)
    engine, calls = engine_returning([whole // 5, whole])
    assert engine.synth(text, tmp_path / "s.wav") == whole
    assert len(calls) == 2


def test_an_empty_sentence_is_made_again_at_most_three_times(tmp_path: Path) -> None:
    engine, calls = engine_returning([0, 0, 0, 0])
    assert engine.synth("Any fever, even a mild one.", tmp_path / "s.wav") == 0
    assert len(calls) == 3


def test_a_sentence_of_normal_length_is_made_once(tmp_path: Path) -> None:
    engine, calls = engine_returning([int(full_length(6) * 0.8)])
    engine.synth("Skin rash and itching are common.", tmp_path / "s.wav")
    assert len(calls) == 1


def test_text_with_no_words_is_not_retried(tmp_path: Path) -> None:
    engine, calls = engine_returning([0])
    engine.synth("…", tmp_path / "s.wav")
    assert len(calls) == 1
