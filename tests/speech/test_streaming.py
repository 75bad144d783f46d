"""Streaming speech heard at a sound device: the real engine, the real aplay, ALSA's file plugin
writing to a FIFO (bench/alsa_fifo.py), so no sound card is needed. Every sentence of a topic
reaches the device in order and whole; stop silences a sentence that is still streaming."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide.content.model import Library
from guide.speech.api import NORMAL_RATE, Cue, EventKind, SpeechEvent, Utterance
from guide.speech.engine_process import EngineProcess
from guide.speech.players import RAW, Playback, SystemPlayer
from guide.speech.service import EngineSpeechService, engine_problem
from guide.speech.stream import BYTES_PER_SECOND, AudioStream
from guide.speech.text import topic_utterances

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from alsa_fifo import FifoDevice  # type: ignore[import-not-found]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(engine_problem() is not None or shutil.which("aplay") is None, reason="no espeak-ng or aplay"),
]

TOP_SPEED = 450
"""Words a minute: the fastest step, so a whole topic is heard in seconds."""


@pytest.fixture
def device(monkeypatch: pytest.MonkeyPatch) -> Iterator[FifoDevice]:
    with FifoDevice() as fifo:
        monkeypatch.setenv("ALSA_CONFIG_PATH", str(fifo.config))  # the guide's aplay processes inherit it
        yield fifo


def alone(utterances: list[Utterance], rate: int) -> list[int]:
    """Bytes of audio each sentence makes on its own, from a separate engine process."""
    done = threading.Event()
    engine = EngineProcess(lambda proc, message: done.set() if message.get("ready") else None,
                           {"rate": rate, "volume": 0.75, "voice": None})
    try:
        assert done.wait(15), "the engine did not start"
        sizes = []
        for n, u in enumerate(utterances):
            tone = u.cue is not Cue.NONE and u.start == 0
            audio = engine.stream(n + 1, u.spoken, u.cue, tone)
            assert audio.wait(10) and not audio.failed
            sizes.append(audio.size)
        return sizes
    finally:
        engine.kill()


def test_a_topic_is_heard_at_the_device_sentence_by_sentence_in_order(library: Library, device: FifoDevice) -> None:
    doc = [u for u in topic_utterances(library["side-effects"], library) if u.cue.value in ("none", "heading")][:10]
    service = EngineSpeechService(SystemPlayer("aplay", RAW["aplay"]), enabled=True, rate=TOP_SPEED)
    events: list[SpeechEvent] = []
    finished = threading.Event()

    def note(event: SpeechEvent) -> None:
        events.append(event)
        if event.kind == EventKind.FINISHED:
            finished.set()

    service.subscribe(note)
    try:
        service.warm_up()
        time.sleep(1.0)  # engines up, so the "Speech on" of a cold start is not part of the reading
        heard_before = len(device.sizes)
        service.read(doc)
        assert finished.wait(60), "the reading never finished"
        time.sleep(0.3)  # the last player's end reaches the reader
    finally:
        service.close()
    started = [e.index for e in events if e.kind == EventKind.STARTED]
    assert started == list(range(len(doc))), "every sentence started, in order, once"
    heard = device.sizes[heard_before:]
    expected = alone(doc, TOP_SPEED)
    assert len(set(expected)) > len(expected) // 2, "sentences of different lengths, so the order shows"
    assert_heard_in_order(heard, expected)


def assert_heard_in_order(heard: list[int], expected: list[int]) -> None:
    """Each sound at the device is one sentence, or several in a row (ALSA's null device takes samples
    as fast as they come, so the next player can open the FIFO before the reader saw the last one end):
    the sizes must be the sentences' own sizes, whole and in order."""
    slack = BYTES_PER_SECOND // 50  # at most a 10 ms period of padding a sentence
    n = 0
    for got in heard:
        total, group = 0, 0
        while n < len(expected) and total + expected[n] <= got + slack * (group + 1):
            total += expected[n]
            n += 1
            group += 1
        assert group and abs(got - total) <= slack * group, f"{got} bytes at the device: not sentences {n}.. whole"
    assert n == len(expected), f"only {n} of {len(expected)} sentences reached the device"


def live(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class NotedPlayer(SystemPlayer):
    """aplay, noting each player process it starts."""

    def __init__(self) -> None:
        super().__init__("aplay", RAW["aplay"])
        self.pids: list[int] = []

    def play(self, audio: AudioStream, utterance: Utterance) -> Playback:
        playback = super().play(audio, utterance)
        self.pids.append(playback._proc.pid)  # type: ignore[attr-defined]
        return playback


def test_stop_while_a_long_sentence_streams_silences_at_once(device: FifoDevice) -> None:
    """ALSA's null device takes samples as fast as they come, so the stop is pressed as soon as the first
    sound arrives, while the engine is still making the sentence (about 120 ms for 2000 characters)."""
    long = " ".join(f"Sentence part {n} tells you about a side effect to report." for n in range(32))
    whole = alone([Utterance(long, long)], NORMAL_RATE)[0]
    player = NotedPlayer()
    service = EngineSpeechService(player, enabled=True)
    try:
        service.warm_up()
        time.sleep(1.0)
        pressed = time.perf_counter()
        service.announce(long)
        first = device.first_byte_after(pressed, timeout=10)
        assert first - pressed < 0.1, "the first sound of a long sentence comes at once"
        players = player.pids[-1:]
        assert players and live(players[0]), "an aplay is playing"
        stopped = time.perf_counter()
        service.stop()
        while any(live(p) for p in players) and time.perf_counter() - stopped < 1:
            time.sleep(0.0005)
        assert not any(live(p) for p in players)
        assert time.perf_counter() - stopped < 0.05, "stop kills the player at once"
        with device.changed:
            assert device.changed.wait_for(lambda: len(device.sizes) == len(device.first_bytes), 2)
            heard = device.sizes[-1]
        assert heard < whole // 2, f"only what played before the stop reached the device ({heard} of {whole})"
        time.sleep(0.5)
        assert all(t < stopped for t in device.first_bytes), "nothing more is said after stop"
        assert service.kept_sentences() >= 1, "the engine carried on to the end, so a repeat is instant"
    finally:
        service.close()
