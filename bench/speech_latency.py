"""How fast speech answers a key: first audio, silence, the engine's own floor, idle CPU.

    python bench/speech_latency.py [--json] [--runs 50]

key_to_audio_ms     announce()/read() call -> the new utterance's audio handed to the player
                    (recording sink, the service's own path: queue, engine process, stream)
key_to_audio_process_ms  the same with a real player process (aplay -D null) spawned
key_to_silence_ms   stop() call -> the playing player process is dead (killpg + reaped)
floor_ms            espeak-ng's own time to first audio for the same sentences
                    (`espeak-ng --stdout`, first byte), measured in the same run
idle_cpu_percent    CPU of the guide process plus its engine processes over 5 s idle, speech on

device: measured at the sound device (bench/alsa_fifo.py: ALSA's file plugin writing to a FIFO,
first byte timestamped), with the guide's aplay and a cold `espeak-ng --stdout | aplay` pair in
the same run, each sentence new (the sentence cache would hide the cost):
device_short_ms / device_long_ms        announce() -> first byte, short / 250-character sentence
cold_pipeline_short_ms / _long_ms       Popen of the pair -> first byte, same sentences
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from alsa_fifo import FifoDevice

from guide.speech.api import Utterance
from guide.speech.players import RAW, Playback, RecordingPlayer, SystemPlayer
from guide.speech.service import EngineSpeechService
from guide.speech.stream import AudioStream

SENTENCES = [
    "Call your care team now if you have a fever of {n} degrees or more.",
    "Immunotherapy helps your immune system find cancer, step {n}.",
    "Side effects can start at any time, even week {n} after treatment ends.",
]


def sentence(n: int) -> str:
    return SENTENCES[n % len(SENTENCES)].format(n=n + 30)


class TimedPlayer:
    """Wraps a player to note when each sound reaches it and when each player process is gone."""

    def __init__(self, inner: SystemPlayer | RecordingPlayer) -> None:
        self.inner = inner
        self.name = inner.name
        self.started: dict[str, float] = {}
        self.ended: list[float] = []
        self.changed = threading.Condition()

    def play(self, audio: AudioStream, utterance: Utterance) -> Playback:
        playback = self.inner.play(audio, utterance)
        with self.changed:
            self.started[utterance.text] = time.perf_counter()
            self.changed.notify_all()
        outer = self

        class Timed:
            def wait(self) -> int:
                code = playback.wait()
                with outer.changed:
                    outer.ended.append(time.perf_counter())
                    outer.changed.notify_all()
                return code

            def kill(self) -> None:
                playback.kill()

        return Timed()

    def wait_started(self, text: str, timeout: float = 5.0) -> float:
        with self.changed:
            assert self.changed.wait_for(lambda: text in self.started, timeout), f"never played: {text}"
            return self.started[text]


def key_to_audio(player: TimedPlayer, runs: int, offset: int) -> list[float]:
    service = EngineSpeechService(player, enabled=True)  # type: ignore[arg-type]
    try:
        service.announce("Ready.")
        player.wait_started("Ready.", timeout=10)
        time.sleep(0.3)
        out = []
        for i in range(runs):
            text = sentence(offset + i)
            pressed = time.perf_counter()
            if i % 2:
                service.announce(text)
            else:
                service.read([Utterance(text, text)])
            out.append((player.wait_started(text) - pressed) * 1000)
            time.sleep(0.05)
        return out
    finally:
        service.close()


def key_to_silence(runs: int) -> list[float]:
    """A real process player that would play for 30 s; stop() must end it."""
    player = TimedPlayer(SystemPlayer("long-player", ("sh", "-c", 'sleep 30; : "$0"')))
    service = EngineSpeechService(player, enabled=True)  # type: ignore[arg-type]
    out = []
    try:
        for i in range(runs):
            text = sentence(i)
            service.announce(text)
            player.wait_started(text, timeout=10)
            time.sleep(0.02)
            ended = len(player.ended)
            pressed = time.perf_counter()
            service.stop()
            with player.changed:
                assert player.changed.wait_for(lambda: len(player.ended) > ended, 5)  # noqa: B023
                out.append((player.ended[-1] - pressed) * 1000)
    finally:
        service.close()
    return out


def espeak_floor(runs: int) -> list[float]:
    out = []
    for i in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(
            ["espeak-ng", "--stdout", "-s", "165", sentence(i)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert proc.stdout is not None
        proc.stdout.read(1)
        out.append((time.perf_counter() - started) * 1000)
        proc.stdout.read()
        proc.wait()
    return out


def cpu_seconds(pids: list[int]) -> float:
    total = time.process_time()
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            pass
    return total


def idle_cpu(seconds: float = 5.0) -> float:
    player = TimedPlayer(RecordingPlayer(time_scale=0.1))
    service = EngineSpeechService(player, enabled=True)  # type: ignore[arg-type]
    try:
        service.announce("Speech on.")
        player.wait_started("Speech on.", timeout=10)
        time.sleep(1.0)
        pids = [p for p in service.engine_pids() if p]
        before = cpu_seconds(pids)
        time.sleep(seconds)
        return (cpu_seconds(pids) - before) / seconds * 100
    finally:
        service.close()


LONG = (
    "In week {n}, immunotherapy helps your immune system find and attack cancer cells, and many people feel "
    "well enough to keep working, but side effects can start at any time, even months after the last dose, "
    "so tell your care team about any new cough, rash or diarrhoea straight away."
)


def long_sentence(n: int) -> str:
    """A new sentence of 250 characters for each n (the number comes first, so no two are alike)."""
    return LONG.format(n=n)[:249].rstrip(" ,") + "."


def device_latency(runs: int) -> dict[str, list[float]]:
    """Key -> first byte at the FIFO device, the guide (warm) against a cold espeak-ng | aplay pair."""
    out: dict[str, list[float]] = {"short": [], "long": [], "cold_short": [], "cold_long": []}
    with FifoDevice() as device:
        os.environ["ALSA_CONFIG_PATH"] = str(device.config)  # the guide's player processes inherit it
        service = EngineSpeechService(SystemPlayer("aplay", RAW["aplay"]), enabled=True)
        try:
            service.announce("Ready.")
            device.first_byte_after(0, timeout=15)
            time.sleep(0.5)
            for i in range(runs):
                for kind, text in (("short", f"Speech on, step {i}."), ("long", long_sentence(i))):
                    pressed = time.perf_counter()
                    service.announce(text)
                    out[kind].append((device.first_byte_after(pressed) - pressed) * 1000)
                    time.sleep(0.3)
                    pressed = time.perf_counter()
                    speak = subprocess.Popen(["espeak-ng", "--stdout", text + " again"], stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL)
                    play = subprocess.Popen(["aplay", "-q"], stdin=speak.stdout, stderr=subprocess.DEVNULL)
                    assert speak.stdout is not None
                    speak.stdout.close()
                    out[f"cold_{kind}"].append((device.first_byte_after(pressed) - pressed) * 1000)
                    play.wait()
                    speak.wait()
                    time.sleep(0.1)
        finally:
            service.close()
            os.environ.pop("ALSA_CONFIG_PATH", None)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--device-only", action="store_true", help="only the measurements at the FIFO device")
    args = parser.parse_args()
    runs = max(args.runs, 1)
    device = device_latency(max(runs, 20)) if shutil.which("aplay") and shutil.which("espeak-ng") else {}
    at_device = {f"{'cold_pipeline' if k.startswith('cold') else 'device'}_{k.removeprefix('cold_')}_ms":
                 round(statistics.median(v), 2) for k, v in device.items()}
    if args.device_only:
        print(json.dumps({"runs": max(runs, 20), **at_device}, indent=2))
        return 0
    audio = key_to_audio(TimedPlayer(RecordingPlayer(time_scale=0.05)), runs, 0)
    process_audio: list[float] = []
    if shutil.which("aplay"):
        null_device = ("aplay", "-D", "null", *RAW["aplay"][1:])
        process_audio = key_to_audio(TimedPlayer(SystemPlayer("aplay-null", null_device)), runs, 0)
    silence = key_to_silence(runs)
    floor = espeak_floor(runs)
    idle = idle_cpu()
    result = {
        "runs": runs,
        "key_to_audio_ms": round(statistics.median(audio), 2),
        "key_to_audio_p90_ms": round(statistics.quantiles(audio, n=10)[-1], 2) if runs >= 10 else None,
        "key_to_audio_process_ms": round(statistics.median(process_audio), 2) if process_audio else None,
        "key_to_silence_ms": round(statistics.median(silence), 2),
        "key_to_silence_max_ms": round(max(silence), 2),
        "floor_ms": round(statistics.median(floor), 2),
        "key_to_audio_over_floor": round(statistics.median(audio) / statistics.median(floor), 2),
        "idle_cpu_percent": round(idle, 3),
        **at_device,
        "targets": {"key_to_audio_ms": 30, "key_to_silence_ms": 10, "device_short_ms": 15, "device_long_ms": 15},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
