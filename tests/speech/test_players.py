"""Players: stopping kills the whole player process group at once; detection says why there is no sound."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from guide.speech.api import Utterance
from guide.speech.players import NO_DEVICE, PLAYER_ENV, RecordingPlayer, SystemPlayer, find_player
from guide.speech.stream import AudioStream


def live_members(group: int) -> list[int]:
    """Processes of a process group that are still running (zombies do not make sound)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(after[2]) == group and after[0] != "Z":
            out.append(int(stat.parent.name))
    return out


def test_killing_a_playback_silences_the_player_and_its_children() -> None:
    # a "player" that starts a helper of its own, as pw-play or a shell wrapper might
    player = SystemPlayer("fake", ("sh", "-c", 'sleep 30 & sleep 30; echo "$0" noise; echo noise >&2'))
    playback = player.play(AudioStream.of(b"\0\0" * 22050), Utterance("x", "x"))
    group = playback._proc.pid  # type: ignore[attr-defined]
    deadline = time.monotonic() + 5
    while len(live_members(group)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(live_members(group)) >= 2
    started = time.perf_counter()
    playback.kill()
    assert playback.wait() != 0
    while live_members(group) and time.perf_counter() - started < 1:
        time.sleep(0.001)
    assert live_members(group) == []
    assert time.perf_counter() - started < 0.1


def test_player_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PLAYER_ENV, "null")
    assert isinstance(find_player(), RecordingPlayer)
    monkeypatch.delenv(PLAYER_ENV)
    assert "Unknown sound player" in str(find_player("boombox"))
    monkeypatch.setenv("PATH", "/nonexistent")
    assert str(find_player("aplay")) == "The sound player aplay is not installed, so the guide will not speak."
    assert "sudo apt-get install alsa-utils" in str(find_player())


@pytest.mark.skipif(Path("/dev/snd").exists() or shutil.which("aplay") is None,
                    reason="this machine has a sound card, or no aplay")
def test_no_sound_card_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PLAYER_ENV, raising=False)
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent")
    assert find_player() == NO_DEVICE
