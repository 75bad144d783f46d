"""`immunoguide speak`: say a topic aloud, or write topics to WAV files with a playlist.

Audio copies use the same engine process, sentences and cue tones as the live
guide, so what a patient takes home sounds like what they heard in the clinic,
and tests can measure the real voice with sox.
"""

from __future__ import annotations

import argparse
import queue
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Sequence
from pathlib import Path

from guide.content.model import Library, Topic
from guide.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from guide.speech.api import NORMAL_RATE, VOLUME_STEPS, Cue, SpeechEvent, Utterance
from guide.speech.engine_process import EngineProcess, Message
from guide.speech.text import topic_utterances

RATE = 22050
PARAGRAPH_GAP = 0.35
SECTION_GAP = 0.8


class SpeechUnavailable(RuntimeError):
    """The engine cannot run here; the message says what to install."""


class Synthesizer:
    """Blocking sentence-to-WAV through one engine process, replaced if it crashes or hangs."""

    def __init__(self, rate: int, volume: float, voice: str | None, timeout: float = 10.0) -> None:
        from guide.speech.service import engine_problem

        problem = engine_problem()
        if problem:
            raise SpeechUnavailable(problem)
        self.rate, self.volume, self.voice, self.timeout = rate, volume, voice, timeout
        self.warnings: list[str] = []
        self._replies: queue.SimpleQueue[Message] = queue.SimpleQueue()
        self._engine = self._spawn()
        self._ids = 0

    def _spawn(self) -> EngineProcess:
        settings = {"rate": self.rate, "volume": self.volume, "voice": self.voice}
        return EngineProcess(lambda proc, msg: self._replies.put(msg), settings)

    def synth(self, text: str, path: Path, cue: Cue = Cue.NONE, tone: bool = False) -> None:
        last = ""
        for _ in range(3):
            self._ids += 1
            self._engine.send({"op": "synth", "id": self._ids, "text": text, "path": str(path), "cue": str(cue),
                               "tone": tone})
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    reply = self._replies.get(timeout=max(0.01, deadline - time.monotonic()))
                except queue.Empty:
                    last = "the speech engine stopped responding"
                    break
                if "fatal" in reply:
                    raise SpeechUnavailable(f"The speech engine could not start: {reply['fatal']}")
                if reply.get("ready"):
                    if reply.get("warning") and reply["warning"] not in self.warnings:
                        self.warnings.append(reply["warning"])
                    continue
                if "exit" in reply:
                    last = f"the speech engine stopped (exit status {reply['exit']})"
                    break
                if reply.get("id") == self._ids:
                    if reply.get("ok"):
                        return
                    last = str(reply.get("error"))
                    break
            self._engine.kill()
            self._engine = self._spawn()
        raise SpeechUnavailable(f"Speech failed three times: {last}")

    def close(self) -> None:
        self._engine.kill()


def write_topic_wav(utterances: Sequence[Utterance], target: Path, synth: Synthesizer) -> float:
    """Speak every utterance into one WAV with pauses between paragraphs and sections; returns seconds."""
    frames = bytearray()
    with tempfile.TemporaryDirectory(prefix="immunoguide-speak-") as tmp:
        previous: Utterance | None = None
        for n, utterance in enumerate(utterances):
            if previous is not None:
                gap = SECTION_GAP if utterance.section != previous.section else (
                    PARAGRAPH_GAP if utterance.paragraph != previous.paragraph else 0.0)
                frames += b"\x00\x00" * int(RATE * gap)
            tone = utterance.cue is not Cue.NONE and (
                utterance.start == 0 if utterance.cue is not Cue.URGENT else (previous is None or previous.cue
                                                                               is not Cue.URGENT))
            path = Path(tmp, f"{n}.wav")
            synth.synth(utterance.spoken, path, utterance.cue, tone)
            with wave.open(str(path), "rb") as f:
                frames += f.readframes(f.getnframes())
            previous = utterance
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    with wave.open(str(part), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    part.replace(target)
    return len(frames) / 2 / RATE


def write_all(library: Library, folder: Path, synth: Synthesizer, progress: bool = True) -> Path:
    """One WAV per topic (<id>.wav) and playlist.m3u in reading order."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["#EXTM3U"]
    order = library.reading_order()
    for number, topic in enumerate(order, start=1):
        seconds = write_topic_wav(topic_utterances(topic, library), folder / f"{topic.id}.wav", synth)
        lines += [f"#EXTINF:{round(seconds)},{library.breadcrumb(topic.id)}", f"{topic.id}.wav"]
        if progress:
            print(f"{number}/{len(order)} {topic.id}.wav ({seconds:.0f} s)", flush=True)
    playlist = folder / "playlist.m3u"
    playlist.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return playlist


def speak_aloud(topic: Topic, library: Library, rate: int, voice: str | None) -> int:
    """Read one topic through the live service; Ctrl+C stops at once."""
    from guide.speech.service import create_speech_service

    service = create_speech_service(enabled=True, rate=rate, voice=voice)
    if not service.available:
        print(service.status, file=sys.stderr)
        if "--to" not in service.status:
            print("To write the topic to a file instead: immunoguide speak ID --to FILE.wav", file=sys.stderr)
        return EXIT_PROBLEM
    done = threading.Event()
    outcome: list[SpeechEvent] = []

    def on_event(event: SpeechEvent) -> None:
        if event.kind in ("finished", "unavailable"):
            outcome.append(event)
            done.set()

    service.subscribe(on_event)
    utterances = topic_utterances(topic, library)
    print(f"Reading '{topic.title}' aloud ({len(utterances)} sentences). Press Ctrl+C to stop.", flush=True)
    try:
        service.read(utterances)
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:
        service.stop()
        return 130
    finally:
        service.close()
    if outcome and outcome[0].kind == "unavailable":
        print(outcome[0].message, file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK


def main(args: argparse.Namespace) -> int:
    from guide.content.open import find_topic, no_such_topic, open_library

    if args.all and not args.to:
        print("speak --all needs --to DIR: the folder for one WAV per topic and the playlist.", file=sys.stderr)
        return EXIT_USAGE
    if not args.all and not args.id:
        print("Say which topic to speak (see `immunoguide topics`), or use --all --to DIR.", file=sys.stderr)
        return EXIT_USAGE
    library = open_library(args.content, args.lang)
    rate = int(args.rate or NORMAL_RATE)
    voice = args.voice or None
    topic = None
    if not args.all:
        topic = find_topic(library, args.id)
        if topic is None:
            print(no_such_topic(library, args.id), file=sys.stderr)
            return EXIT_PROBLEM
        if not args.to:
            return speak_aloud(topic, library, rate, voice)
    try:
        synth = Synthesizer(rate, VOLUME_STEPS[-1][1], voice)
    except SpeechUnavailable as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEM
    try:
        if topic is None:
            playlist = write_all(library, Path(args.to), synth)
            print(f"Wrote {len(library.reading_order())} topics and {playlist}.")
        else:
            target = Path(args.to)
            if target.is_dir():
                target = target / f"{topic.id}.wav"
            seconds = write_topic_wav(topic_utterances(topic, library), target, synth)
            print(f"Wrote {target} ({seconds:.0f} seconds).")
    except SpeechUnavailable as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as exc:
        print(f"Could not write the audio: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        synth.close()
    for warning in synth.warnings:
        print(f"Note: {warning}; the default voice was used.", file=sys.stderr)
    return EXIT_OK
