"""The reading state on its own (no engine, no player): what should be heard after each command.

These run where espeak-ng is missing too, where the service tests are skipped.
"""

from __future__ import annotations

import pytest

from guide.speech.api import Cue, EventKind, SpeechEvent, Unit, Utterance
from guide.speech.reading import Mode, Reading


def sentence(n: int, paragraph: int, section: int = 0, cue: Cue = Cue.NONE, start: int = 0) -> Utterance:
    return Utterance(f"Sentence {n}.", f"Sentence {n}.", block=paragraph, start=start, end=start + 12,
                     section=section, paragraph=paragraph, cue=cue)


DOC = [
    sentence(0, 0, cue=Cue.HEADING),
    sentence(1, 1), sentence(2, 1, start=13),
    sentence(3, 2, cue=Cue.URGENT), sentence(4, 2, cue=Cue.URGENT, start=13),
    sentence(5, 3, section=1, cue=Cue.HEADING), sentence(6, 4, section=1),
]


class Heard:
    """Stands in for the service: counts the silences and plays whatever is wanted, to its end."""

    def __init__(self, enabled: bool = True) -> None:
        self.silences = 0
        self.enabled = enabled
        self.reading = Reading(silence=self.silence, enabled=lambda: self.enabled)

    def silence(self) -> None:
        self.silences += 1

    def play_wanted(self) -> str:
        want = self.reading.want
        assert want is not None, "nothing is wanted"
        self.reading.started(want, self.reading.want_index)
        return want.text


def test_an_announcement_over_the_reading_is_said_then_the_reading_goes_on_from_the_same_sentence() -> None:
    heard = Heard()
    heard.reading.read(DOC, 2)
    assert heard.play_wanted() == "Sentence 2."
    heard.reading.say(Utterance("faster", "faster"))
    assert heard.reading.mode == Mode.ANNOUNCING and heard.silences >= 1, "the sentence is cut off for the word"
    assert heard.play_wanted() == "faster"
    assert not heard.reading.ended()
    assert heard.play_wanted() == "Sentence 2."
    assert heard.reading.position == (2, len(DOC))


def test_moving_past_the_end_says_so_and_keeps_the_place() -> None:
    heard = Heard()
    heard.reading.read(DOC, 6)
    heard.play_wanted()
    heard.reading.move(Unit.PARAGRAPH, 1)
    assert heard.play_wanted() == "End of topic."
    heard.reading.ended()
    assert heard.reading.mode == Mode.PAUSED and heard.reading.index == 6
    heard.reading.move(Unit.SECTION, -1)
    assert heard.play_wanted() == "Sentence 0."


def test_reading_to_the_end_finishes_once() -> None:
    heard = Heard()
    heard.reading.read(DOC, 5)
    heard.play_wanted()
    assert not heard.reading.ended()
    heard.play_wanted()
    assert heard.reading.ended()
    assert heard.reading.mode == Mode.IDLE and heard.reading.want is None


def test_tones_mark_a_heading_start_and_a_run_of_urgent_sentences_once() -> None:
    reading = Heard().reading
    reading.read(DOC, 0)
    tones = [reading.tone_for(u, i) for i, u in enumerate(DOC)]
    assert tones == [True, False, False, True, False, True, False]
    assert reading.tone_for(Utterance("Warning", "Warning", cue=Cue.URGENT), -1), "an announcement gets its tone"


def test_with_speech_off_moves_say_nothing_but_the_switch_itself_is_said() -> None:
    heard = Heard(enabled=False)
    heard.reading.move(Unit.SENTENCE, 1)
    assert heard.reading.want is None
    heard.reading.switched(False)
    assert heard.play_wanted() == "Speech off"


def test_an_event_kind_is_its_word_and_a_misspelt_kind_fails_where_it_is_made() -> None:
    event = SpeechEvent("started", 3)
    assert event.kind == "started"
    assert event.kind is EventKind.STARTED
    assert event == SpeechEvent(EventKind.STARTED, 3)
    with pytest.raises(ValueError):
        SpeechEvent("startd")
