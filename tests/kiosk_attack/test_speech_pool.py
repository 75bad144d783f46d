"""serve's shared speech engine pool, with the real espeak-ng engines: two sessions speak
through one pool and start no engine of their own, one session's stop silences only that
session, a session that reads nothing holds up no other, and without the pool a session
makes its own engines."""

from __future__ import annotations

import array
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide.content.loader import load_library
from guide.content.model import Library
from guide.speech.api import Utterance
from guide.speech.players import RecordingPlayer
from guide.speech.pool_client import POOL_VARIABLE
from guide.speech.service import EngineSpeechService, engine_problem
from guide.speech.text import topic_utterances
from tests.kiosk_attack.serving import alive, descendants
from tests.speech.event_log import EventLog

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed")]

LIBRARY = Path(__file__).parents[1] / "speech" / "fixtures" / "en"


def loud(samples: bytes) -> bool:
    return max((abs(s) for s in array.array("h", samples)), default=0) / 32768 > 0.05


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def workers_under(pid: int) -> list[int]:
    return [child for child in descendants(pid) if "guide.speech.worker" in command_line(child)]


@pytest.fixture(scope="module")
def library() -> Library:
    result = load_library(LIBRARY)
    assert result.library is not None
    return result.library


@pytest.fixture
def doc(library: Library) -> list[Utterance]:
    return topic_utterances(library["side-effects"], library)


@pytest.fixture
def pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """The pool as serve starts it, and this process's sessions pointed at it."""
    address = tmp_path / "speech"
    process = subprocess.Popen([sys.executable, "-m", "guide.speech.pool_server", "--socket", str(address)],
                               stdout=subprocess.PIPE, start_new_session=True)
    assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
    monkeypatch.setenv(POOL_VARIABLE, str(address))
    try:
        yield process, address
    finally:
        process.terminate()
        process.wait(timeout=10)


def sessions(count: int, time_scale: float) -> list[tuple[EngineSpeechService, RecordingPlayer, EventLog]]:
    made = []
    for _ in range(count):
        player = RecordingPlayer(time_scale=time_scale)
        service = EngineSpeechService(player, enabled=True)
        made.append((service, player, EventLog(service)))
    return made


def test_two_sessions_speak_through_one_pool_and_start_no_engine_of_their_own(
        pool: tuple[subprocess.Popen[bytes], Path], doc: list[Utterance]) -> None:
    process, _address = pool
    both = sessions(2, time_scale=0.05)
    try:
        for service, _player, _heard in both:
            service.read(doc)
        for _service, _player, heard in both:
            assert heard.arrived(lambda e: e.kind == "finished", timeout=60)
        for _service, player, _heard in both:
            assert [r.utterance for r in player.records] == doc
            assert all(loud(r.samples) for r in player.records[:3]), "real speech, not silence"
        pools = workers_under(process.pid)
        assert pools  # the pool's engines made every sentence
        assert set(workers_under(os.getpid())) - set(pools) == set()  # the sessions started none of their own
        assert {service.engine_pids()[0] for service, _p, _h in both} == {process.pid}
    finally:
        for service, _player, _heard in both:
            service.close()


def test_one_sessions_stop_silences_that_session_only(pool: tuple[subprocess.Popen[bytes], Path],
                                                      doc: list[Utterance]) -> None:
    first, second = sessions(2, time_scale=1.0)  # sentences last seconds: each is still playing
    try:
        for service, _player, _heard in (first, second):
            service.read(doc)
        for _service, _player, heard in (first, second):
            assert heard.arrived(lambda e: e.kind == "started" and e.index == 1, timeout=30)
        playing_first, playing_second = first[1].records[-1], second[1].records[-1]
        pressed = time.perf_counter()
        first[0].stop()
        assert first[1].wait_for(lambda r: playing_first.ended is not None, timeout=1)
        assert playing_first.ended is not None and playing_first.ended - pressed < 0.05
        assert second[2].arrived(lambda e: e.kind == "started" and e.index == 2, timeout=30)
        assert playing_second.completed  # played to its end, and the next sentence came
        assert loud(second[1].records[-1].samples)
        assert not first[2].arrived(lambda e: e.kind == "started" and e.index == 2, timeout=0.5)
    finally:
        for service, _player, _heard in (first, second):
            service.close()


def test_a_session_that_reads_nothing_holds_up_no_other(pool: tuple[subprocess.Popen[bytes], Path],
                                                        doc: list[Utterance]) -> None:
    _process, address = pool
    (service, player, heard), = sessions(1, time_scale=0.05)
    rate, volume, voice = service.settings  # the same settings: the same warm engines
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.connect(str(address))
    stuck.sendall(json.dumps({"settings": {"rate": rate, "volume": volume, "voice": voice}}).encode() + b"\n")
    long_text = "This sentence is asked for and its audio is never read. " * 40
    stuck.sendall(json.dumps({"op": "stream", "id": 1, "text": long_text, "cue": "none", "tone": False}).encode()
                  + b"\n")
    try:
        service.read(doc)
        assert heard.arrived(lambda e: e.kind == "finished", timeout=60)
        assert [r.utterance for r in player.records] == doc
    finally:
        service.close()
        stuck.close()


def test_without_the_pool_a_session_starts_its_own_engines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           doc: list[Utterance]) -> None:
    monkeypatch.setenv(POOL_VARIABLE, str(tmp_path / "no-pool-here"))
    (service, player, heard), = sessions(1, time_scale=0.05)
    try:
        service.read(doc[:2])
        assert heard.arrived(lambda e: e.kind == "finished", timeout=60)
        assert loud(player.records[0].samples)
        assert workers_under(os.getpid())  # its own, as without serve
    finally:
        service.close()


def test_a_hung_engine_holds_up_no_session_and_the_pool_ends_it(pool: tuple[subprocess.Popen[bytes], Path],
                                                                 doc: list[Utterance]) -> None:
    process, _address = pool
    first, second = sessions(2, time_scale=0.05)
    try:
        first[0].read(doc[:1])
        assert first[2].arrived(lambda e: e.kind == "finished", timeout=30)
        deadline = time.monotonic() + 10
        while len(workers_under(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        hung = workers_under(process.pid)
        for pid in hung:  # every warm engine, so the next sentences surely go to a hung one
            os.kill(pid, signal.SIGSTOP)  # alive, and answering nothing: as a hung espeak
        marks = [len(heard.items) for _service, _player, heard in (first, second)]
        for service, _player, _heard in (first, second):
            service.read(doc)
        for (_service, player, heard), mark in zip((first, second), marks, strict=True):
            assert heard.arrived(lambda e: e.kind == "finished", timeout=60, after=mark)
            # a sentence the hang cut off is said again from its start: every sentence is heard whole
            heard_whole = [r.utterance for r in player.records if r.completed]
            assert heard_whole[-len(doc):] == doc
        deadline = time.monotonic() + 10
        while all(map(alive, hung)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not all(map(alive, hung))  # those given a sentence are killed (one left idle may wait its turn)
    finally:
        for service, _player, _heard in (first, second):
            service.close()


def test_a_session_whose_pool_dies_mid_sentence_reads_on_with_engines_of_its_own(
        pool: tuple[subprocess.Popen[bytes], Path], doc: list[Utterance]) -> None:
    """serve's pool killed outright while a visitor listens: the sentence cut off is said again
    and the reading goes on to its end, on engines the session starts itself."""
    process, _address = pool
    (service, player, heard), = sessions(1, time_scale=0.3)
    try:
        service.read(doc[:4])
        assert heard.arrived(lambda e: e.kind == "started" and e.index == 1, timeout=30)
        assert workers_under(os.getpid()) == workers_under(process.pid)  # the pool's engines only, so far
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        assert heard.arrived(lambda e: e.kind == "finished", timeout=60), [
            (e.kind, e.index, e.message) for e in heard.items]
        assert [r.utterance for r in player.records if r.completed][-3:] == doc[1:4]
        assert not any(e.kind == "unavailable" for e in heard.items)
        assert set(workers_under(os.getpid())) - set(workers_under(process.pid))  # its own now
    finally:
        service.close()
