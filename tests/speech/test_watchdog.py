"""Speech never freezes the guide: crashed or hung engines are replaced, and after three
failures in a row speech gives up once, clearly, while the caller keeps working."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from guide.content.model import Library
from guide.speech.api import EventKind, SpeechEvent, Unit, Utterance
from guide.speech.players import PlayRecord, RecordingPlayer
from guide.speech.service import EngineSpeechService, engine_problem
from guide.speech.silent import SilentSpeechService
from guide.speech.text import topic_utterances

pytestmark = pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed")

FIXTURES = Path(__file__).parent / "fixtures" / "en"


def collect(service: EngineSpeechService | SilentSpeechService) -> list[SpeechEvent]:
    events: list[SpeechEvent] = []
    service.subscribe(events.append)
    return events


def wait_until(test: object, timeout: float = 10.0) -> bool:
    assert callable(test)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return True
        time.sleep(0.0005)
    return False


def assert_carried_on(records: list[Utterance], doc: list[Utterance], to_the_end: bool = True) -> None:
    """Every sentence is heard, in order; after a restart only the current one may be said again."""
    indexes = [doc.index(u) for u in records]
    assert indexes[0] == 0
    for before, after in itertools.pairwise(indexes):
        assert after in (before, before + 1), f"skipped or jumped: {indexes}"
    if to_the_end:
        assert indexes[-1] == len(doc) - 1


@pytest.mark.slow
def test_killing_the_engine_mid_sentence_twenty_times_speech_carries_on(library: Library) -> None:
    once = topic_utterances(library["side-effects"], library) + topic_utterances(library["basics"], library)
    doc = once + [u._replace(text=f"{u.text} (again)", spoken=f"Again, {u.spoken}") for u in once]
    player = RecordingPlayer(time_scale=0.04)
    service = EngineSpeechService(player, enabled=True, hang_timeout=2.0)
    events = collect(service)
    try:
        service.read(doc)
        kills = 0
        while kills < 20:
            # wait until an engine is making a sentence, then kill it right then
            assert wait_until(lambda: service.busy_engine_pid() is not None or
                              any(e.kind == "finished" for e in events), timeout=10)
            pid = service.busy_engine_pid()
            if pid is None:
                break
            heard = len(player.records)
            os.kill(pid, signal.SIGKILL)
            kills += 1
            # speech continues: two more sentences are heard after each kill
            def two_more(records: list[PlayRecord], n: int = heard) -> bool:
                return len(records) >= n + 2 or any(e.kind == "finished" for e in events)

            assert player.wait_for(two_more, timeout=10), f"speech stopped after kill {kills}"
            if any(e.kind == "finished" for e in events):
                break
        assert kills >= 20, f"the document ended after {kills} kills; make it longer"
        service.stop()
        assert service.available
        assert not any(e.kind == "unavailable" for e in events)
        assert_carried_on([r.utterance for r in player.records], doc, to_the_end=False)
    finally:
        service.close()


@pytest.mark.slow
def test_a_hung_engine_is_replaced_and_the_same_sentence_is_said(library: Library) -> None:
    doc = topic_utterances(library["basics"], library)
    player = RecordingPlayer(time_scale=0.04)
    service = EngineSpeechService(player, enabled=True, hang_timeout=0.4, start_timeout=1.0)
    events = collect(service)
    try:
        service.read(doc)
        for _ in range(3):
            assert wait_until(lambda: service.busy_engine_pid() is not None, timeout=10)
            pid = service.busy_engine_pid()
            assert pid is not None
            os.kill(pid, signal.SIGSTOP)  # hung: alive but silent
        assert wait_until(lambda: any(e.kind == "finished" for e in events), timeout=30)
        assert service.available
        assert_carried_on([r.utterance for r in player.records], doc)
    finally:
        service.close()


def test_three_failures_in_a_row_make_speech_unavailable_once(library: Library) -> None:
    doc = topic_utterances(library["basics"], library)
    crashing = [sys.executable, "-c", "import sys; sys.exit(7)"]
    service = EngineSpeechService(RecordingPlayer(), enabled=True, engine_argv=crashing)
    events = collect(service)
    try:
        service.read(doc)
        assert wait_until(lambda: any(e.kind == "unavailable" for e in events), timeout=10)
        assert not service.available
        time.sleep(0.3)
        unavailable = [e for e in events if e.kind == "unavailable"]
        assert len(unavailable) == 1
        assert "Speech is unavailable" in unavailable[0].message and "exit status 7" in unavailable[0].message
        assert service.status == unavailable[0].message
        # the caller keeps working: every call returns at once and nothing else happens
        for call in (lambda: service.read(doc), service.stop, lambda: service.move(Unit.SENTENCE, 1),
                     service.repeat, lambda: service.announce("x"), lambda: service.change_rate(1)):
            started = time.perf_counter()
            call()
            assert time.perf_counter() - started < 0.05  # a blocked call would wait for the stopped worker
        time.sleep(0.3)
        assert [e.kind for e in events].count(EventKind.UNAVAILABLE) == 1
        assert service.engine_pids() == (None, None)
    finally:
        service.close()


def test_an_engine_that_never_answers_counts_as_failing(library: Library) -> None:
    silent = [sys.executable, "-c", "import time; time.sleep(60)"]
    service = EngineSpeechService(RecordingPlayer(), enabled=True, engine_argv=silent,
                                  hang_timeout=0.2, start_timeout=0.2)
    events = collect(service)
    try:
        service.announce("Hello")
        assert wait_until(lambda: any(e.kind == "unavailable" for e in events), timeout=10)
        assert not service.available
        assert "stopped responding" in service.status
        assert [e.kind for e in events].count(EventKind.UNAVAILABLE) == 1
    finally:
        service.close()


def test_a_player_that_always_fails_makes_speech_unavailable(library: Library) -> None:
    from guide.speech.players import SystemPlayer

    player = SystemPlayer("broken-player", (sys.executable, "-c", "import sys; print('noise'); sys.exit(1)"))
    service = EngineSpeechService(player, enabled=True)
    events = collect(service)
    try:
        service.read(topic_utterances(library["basics"], library))
        assert wait_until(lambda: any(e.kind == "unavailable" for e in events), timeout=15)
        assert not service.available
        assert "broken-player" in service.status
        assert [e.kind for e in events].count(EventKind.UNAVAILABLE) == 1
    finally:
        service.close()


def run_isolated(code: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=60, env=env)


def test_no_pyttsx3_gives_a_silent_service_with_a_clear_message() -> None:
    result = run_isolated("""
        import sys, json, threading
        sys.modules["pyttsx3"] = None  # import pyttsx3 now fails
        from guide.speech.service import create_speech_service
        s = create_speech_service(enabled=True)
        got = threading.Event(); seen = []
        s.subscribe(lambda e: (seen.append((e.kind, e.message, threading.current_thread().name)), got.set()))
        got.wait(5)
        s.announce("hello"); s.read([]); s.stop()
        print(json.dumps({"available": s.available, "status": s.status, "events": seen}))
    """)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["available"] is False
    assert "pyttsx3" in out["status"]
    assert len(out["events"]) == 1 and out["events"][0][0] == "unavailable"
    assert out["events"][0][2] != "MainThread", "events come from a background thread, as the UI expects"


def test_missing_espeak_library_says_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(textwrap.dedent("""
        import ctypes
        _real = ctypes.CDLL
        class _NoEspeak(_real):
            def __init__(self, name, *a, **k):
                if name and "espeak" in str(name):
                    raise OSError(f"{name}: cannot open shared object file")
                super().__init__(name, *a, **k)
        ctypes.CDLL = _NoEspeak
    """))
    env = {"PYTHONPATH": str(tmp_path)}
    result = run_isolated("""
        from guide.speech.service import create_speech_service
        s = create_speech_service(enabled=True)
        print(s.available, s.status)
    """, env)
    assert result.stdout.startswith("False ")
    assert "sudo apt-get install espeak-ng" in result.stdout
    cli = subprocess.run([sys.executable, "-m", "guide", "speak", "basics", "--content", str(FIXTURES), "--to",
                          str(tmp_path / "out.wav")], capture_output=True, text=True, timeout=60,
                         env={**os.environ, **env})
    assert cli.returncode == 1
    assert "sudo apt-get install espeak-ng" in cli.stderr and "Traceback" not in cli.stderr
    assert not (tmp_path / "out.wav").exists()


def test_an_engine_that_cannot_start_is_reported_once(tmp_path: Path) -> None:
    fake = tmp_path / "pyttsx3"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "drivers").mkdir()
    (fake / "drivers" / "__init__.py").write_text("")
    # espeak-ng's own answer when it cannot start (no data files, a broken install)
    (fake / "drivers" / "_espeak.py").write_text("AUDIO_OUTPUT_SYNCHRONOUS = 2\n"
                                                 "def Initialize(*a, **k):\n    return -1\n")
    result = run_isolated("""
        import threading, time
        from guide.speech.players import PlayRecord, RecordingPlayer
        from guide.speech.service import create_speech_service
        s = create_speech_service(enabled=True, player=RecordingPlayer())
        seen = []
        s.subscribe(seen.append)
        s.announce("hello")
        deadline = time.monotonic() + 20
        while s.available and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)
        print([e.kind for e in seen].count("unavailable"), s.available, s.status)
        s.close()
    """, {"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 False Speech is unavailable: the speech engine could not start")
    assert "could not initialize espeak" in result.stdout


def test_silent_service_does_nothing_and_never_raises() -> None:
    service = SilentSpeechService("No sound device was found.")
    got = threading.Event()
    service.subscribe(lambda e: got.set())
    assert got.wait(2)
    assert service.where() == (-1, 0) and service.voices() == []
    assert service.change_rate(1) == "brisk" and service.change_volume(-9) == "quietest"
