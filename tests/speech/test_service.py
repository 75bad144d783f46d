"""The real speech service (real espeak-ng engine processes) heard through a recording sink."""

from __future__ import annotations

import array
import os
import signal
import time
from collections.abc import Callable

import pytest

from guide.content.model import Library
from guide.speech.api import NORMAL_RATE, NORMAL_VOLUME, RATE_STEPS, VOLUME_STEPS, Cue, Unit, Utterance
from guide.speech.earcons import earcon_frames
from guide.speech.players import PlayRecord, RecordingPlayer
from guide.speech.service import EngineSpeechService, engine_problem
from guide.speech.text import topic_utterances

from .event_log import EventLog

pytestmark = pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed")


def frames_of(record: PlayRecord) -> bytes:
    return record.samples


def peak(frames: bytes) -> float:
    samples = array.array("h", frames)
    return max((abs(s) for s in samples), default=0) / 32768


@pytest.fixture
def doc(library: Library) -> list[Utterance]:
    return topic_utterances(library["side-effects"], library)


def test_reads_a_topic_in_order_to_the_end(service: EngineSpeechService, recorder: RecordingPlayer,
                                           doc: list[Utterance]) -> None:
    recorder.time_scale = 0.03
    events = EventLog(service)
    service.read(doc)
    events.wait(lambda e: e.kind == "finished", timeout=30)
    assert [r.utterance for r in recorder.records] == doc
    assert all(r.completed for r in recorder.records)
    assert [e.index for e in events.items if e.kind == "started"] == list(range(len(doc)))
    assert all(peak(frames_of(r)) > 0.05 for r in recorder.records[:3]), "the sentences must not be silent"


def test_stop_silences_at_once_and_nothing_more_is_said(service: EngineSpeechService, recorder: RecordingPlayer,
                                                       doc: list[Utterance]) -> None:
    recorder.time_scale = 1.0
    events = EventLog(service)
    service.read(doc)
    events.started(1)
    playing = recorder.records[-1]
    pressed = time.perf_counter()
    service.stop()
    assert recorder.wait_for(lambda r: playing.ended is not None, timeout=1)
    assert playing.ended is not None and playing.ended - pressed < 0.05
    assert not playing.completed
    count = len(recorder.records)
    time.sleep(0.5)
    assert len(recorder.records) == count
    assert events.wait(lambda e: e.kind == "stopped").index == 1


def test_next_and_previous_land_on_the_right_utterance(library: Library, doc: list[Utterance]) -> None:
    player = RecordingPlayer(time_scale=1.0)  # sentences last seconds: nothing moves on by itself
    service = EngineSpeechService(player, enabled=True)
    try:
        events = EventLog(service)

        def go(unit: Unit, step: int, expected: int) -> None:
            mark = events.mark()
            service.move(unit, step)
            events.started(expected, after=mark)
            assert player.records[-1].utterance is doc[expected]
            assert service.where() == (expected, len(doc))

        service.read(doc, start=3)
        events.started(3)
        go(Unit.SENTENCE, 1, 4)
        go(Unit.SENTENCE, -1, 3)
        next_paragraph = next(i for i, u in enumerate(doc) if u.paragraph > doc[3].paragraph)
        go(Unit.PARAGRAPH, 1, next_paragraph)
        first_of_previous = min(i for i, u in enumerate(doc) if u.paragraph == doc[3].paragraph)
        go(Unit.PARAGRAPH, -1, first_of_previous)
        section_2 = next(i for i, u in enumerate(doc) if u.section == 1)
        go(Unit.SECTION, 1, section_2)
        section_3 = next(i for i, u in enumerate(doc) if u.section == 2)
        go(Unit.SECTION, 1, section_3)
        go(Unit.SECTION, -1, section_2)
        mark = events.mark()
        service.repeat()
        events.started(section_2, after=mark)
        go(Unit.SECTION, -1, 0)
        go(Unit.SENTENCE, -1, 0)
    finally:
        service.close()


def test_pause_resume_and_announcements_keep_the_place(service: EngineSpeechService, recorder: RecordingPlayer,
                                                       doc: list[Utterance]) -> None:
    recorder.time_scale = 1.0
    events = EventLog(service)
    service.read(doc, start=5)
    events.started(5)
    service.pause()
    events.wait(lambda e: e.kind == "paused")
    assert not recorder.records[-1].completed
    mark = events.mark()
    service.resume()
    events.started(5, after=mark)
    mark = events.mark()
    service.announce("Side effects, section, 3 of 8")
    said = events.wait(lambda e: e.kind == "started" and e.index == -1, after=mark)
    assert said.utterance is not None and said.utterance.text == "Side effects, section, 3 of 8"
    assert service.where() == (5, len(doc))
    mark = events.mark()
    service.resume()
    events.started(5, after=mark)


def test_a_long_announcement_is_said_sentence_by_sentence_in_full(service: EngineSpeechService,
                                                                   recorder: RecordingPlayer) -> None:
    recorder.time_scale = 0.005
    lines = [f"Press key {n} to open the part of the guide about the thing that has the number {n}, then read it."
             for n in range(45)]  # like a help screen
    assert len(" ".join(lines)) > 4000
    service.announce(" ".join(lines))
    assert recorder.wait_for(lambda r: len(r) >= 45, timeout=30)
    assert [r.utterance.text for r in recorder.records] == lines


def test_announcements_use_the_library_pronunciations(library: Library) -> None:
    player = RecordingPlayer(time_scale=0.05)
    service = EngineSpeechService(player, enabled=True, pronunciations=library.pronunciations)
    try:
        service.announce("PD-L1 tests, section, 2 of 5")
        assert player.wait_for(lambda r: bool(r), timeout=10)
        assert player.records[0].utterance.spoken == "P D L 1 tests, section, 2 of 5"
        assert player.records[0].utterance.text == "PD-L1 tests, section, 2 of 5"
    finally:
        service.close()


def test_urgent_sentences_have_a_distinct_tone(service: EngineSpeechService, recorder: RecordingPlayer,
                                               doc: list[Utterance]) -> None:
    recorder.time_scale = 0.03
    events = EventLog(service)
    service.read(doc)
    events.wait(lambda e: e.kind == "finished", timeout=30)
    urgent = [r for r in recorder.records if r.utterance.cue is Cue.URGENT]
    plain = [r for r in recorder.records if r.utterance.cue is Cue.NONE]
    tone = earcon_frames(Cue.URGENT, service.settings[1])
    assert urgent and frames_of(urgent[0]).startswith(tone)
    assert not any(frames_of(r).startswith(tone) for r in plain)
    assert not frames_of(urgent[1]).startswith(tone), "one tone per run of urgent sentences, not one each"


def test_rate_steps_are_announced_and_survive_an_engine_restart(service: EngineSpeechService,
                                                                recorder: RecordingPlayer) -> None:
    events = EventLog(service)
    sentence = "Your immune system guards you against germs every day."

    def say() -> float:
        mark = events.mark()
        service.announce(sentence)
        events.wait(lambda e: e.kind == "started" and e.utterance is not None and e.utterance.text == sentence,
                    after=mark)
        return recorder.records[-1].seconds

    normal = say()
    assert [service.change_rate(+1) for _ in range(6)][-2:] == ["top speed", "top speed"]
    recorder.wait_for(lambda r: r[-1].utterance.text == "Fastest already: top speed")
    fastest = say()
    assert fastest < normal * 0.5, "top speed is more than twice normal"
    active, _ = service.engine_pids()
    assert active is not None
    os.kill(active, signal.SIGKILL)
    time.sleep(0.2)
    after_crash = say()
    assert abs(after_crash - fastest) < 0.1 * fastest, "the rate must survive the engine restart"
    assert service.change_rate(-1) == "very fast"
    assert [service.change_rate(-1) for _ in range(9)][-1] == RATE_STEPS[0][0] == "very slow"


def test_a_rate_change_while_reading_is_said_and_the_reading_goes_on_faster(
        service: EngineSpeechService, recorder: RecordingPlayer, doc: list[Utterance]) -> None:
    recorder.time_scale = 0.3
    events = EventLog(service)
    service.read(doc, start=2)
    events.started(2)
    assert recorder.records[-1].seconds > 1, "heard (in part) at the old rate before the key"
    assert service.change_rate(+2) == "fast"
    assert recorder.wait_for(lambda r: len(r) >= 3 and r[-2].utterance.text == "Faster: fast"
                             and r[-1].utterance is doc[2], timeout=10)
    first, again = (r for r in recorder.records if r.utterance is doc[2])
    assert again.seconds < 0.85 * first.seconds
    events.started(3)


def test_configure_resets_settings_silently(service: EngineSpeechService, recorder: RecordingPlayer) -> None:
    service.change_rate(+2)
    service.change_volume(-2)
    assert recorder.wait_for(lambda r: bool(r) and r[-1].utterance.text == "Quieter: quietest", timeout=10)
    heard = len(recorder.records)
    service.configure(NORMAL_RATE, NORMAL_VOLUME)
    assert service.settings == (NORMAL_RATE, NORMAL_VOLUME, None)
    time.sleep(0.3)
    assert len(recorder.records) == heard, "a reset says nothing"
    assert service.status.endswith("rate normal, volume normal")


def test_a_kiosk_reset_forgets_the_sentences_kept_for_repeats(service: EngineSpeechService,
                                                               recorder: RecordingPlayer, doc: list[Utterance]) -> None:
    service.read(doc[:3])
    assert recorder.wait_for(lambda r: len(r) >= 3, timeout=15)
    assert service.kept_sentences() >= 3, "sentences are kept (in memory) while a visitor listens"
    service.stop()
    service.configure(NORMAL_RATE, NORMAL_VOLUME)
    deadline = time.monotonic() + 5
    while service.kept_sentences() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert service.kept_sentences() == 0, "a reset forgets what the last visitor heard"


def test_volume_steps_never_reach_silence(service: EngineSpeechService, recorder: RecordingPlayer) -> None:
    words = [service.change_volume(-1) for _ in range(6)]
    assert words[-1] == VOLUME_STEPS[0][0] == "quietest"
    assert service.settings[1] > 0
    assert recorder.wait_for(lambda r: bool(r) and r[-1].utterance.text == "Quietest already: quietest",
                             timeout=10)
    time.sleep(0.3)
    assert peak(frames_of(recorder.records[-1])) > 0.02, "the quietest step must still be heard"
    assert service.change_volume(+1) == "quiet"


def test_voices_are_grouped_by_language_and_include_spanish(service: EngineSpeechService) -> None:
    listed = EventLog(service)
    assert service.voices() == [], "not known before an engine has started"
    listed.wait(lambda e: e.kind == "voices")  # the voice screen can then ask again
    voices = service.voices()
    assert len(voices) > 50
    languages = [description.split(":")[0] for _, description in voices]
    assert languages == sorted(languages)
    spanish = [vid for vid, description in voices if description.startswith("es:")]
    assert spanish
    service.set_voice(spanish[0])
    events = EventLog(service)
    service.announce("Hola")
    events.wait(lambda e: e.kind == "started" and e.utterance is not None and e.utterance.text == "Hola")
    assert service.settings[2] == spanish[0]
    assert not any(e.kind == "status" and "not installed" in e.message for e in events.items)


def test_speech_off_and_on_are_announced(service: EngineSpeechService, recorder: RecordingPlayer) -> None:
    service.set_enabled(False)
    assert recorder.wait_for(lambda r: bool(r) and r[-1].utterance.text == "Speech off")
    assert service.status == "Speech off"
    service.announce("You should not hear this")
    time.sleep(0.4)
    assert all(r.utterance.text != "You should not hear this" for r in recorder.records)
    service.set_enabled(True)
    assert recorder.wait_for(lambda r: r[-1].utterance.text == "Speech on")
    assert service.status.startswith("Speech on")


def test_every_method_returns_at_once_even_with_a_hung_engine(service: EngineSpeechService,
                                                              doc: list[Utterance]) -> None:
    service.warm_up()
    deadline = time.monotonic() + 15
    while not all(service.engine_pids()) and time.monotonic() < deadline:
        time.sleep(0.05)
    active, spare = service.engine_pids()
    assert active and spare
    for pid in (active, spare):
        os.kill(pid, signal.SIGSTOP)
    calls: list[Callable[[], object]] = [
        lambda: service.read(doc), lambda: service.announce("Hello"), service.stop, service.pause, service.resume,
        lambda: service.move(Unit.SECTION, 1), service.repeat, service.where, lambda: service.change_rate(1),
        lambda: service.change_volume(-1), service.voices, lambda: service.set_voice("gmw/en"),
        lambda: service.set_enabled(True), lambda: service.status,
    ]
    for call in calls:
        started = time.perf_counter()
        call()
        assert time.perf_counter() - started < 0.05  # a blocked call would wait for the stopped worker
