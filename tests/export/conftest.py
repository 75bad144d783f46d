"""Shared pieces for the export tests: the fixture library, the real command, a tiny WAV."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

FIXTURE_CONTENT = Path(__file__).resolve().parents[1] / "reader" / "fixtures" / "en"


def run_guide(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command line, in a child process, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "guide", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


def write_wav(path: Path, seconds: float = 0.2, rate: int = 8000) -> None:
    """A short mono 16-bit WAV with a quiet square wave (not silence, so players show it as sound)."""
    frames = bytearray()
    for n in range(int(seconds * rate)):
        value = 3000 if (n // 20) % 2 else -3000
        frames += value.to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


@pytest.fixture(scope="session")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `speak --all` leaves behind, for one topic only: colitis.wav plus a playlist."""
    folder = tmp_path_factory.mktemp("audio")
    write_wav(folder / "colitis.wav")
    (folder / "guide.m3u").write_text("#EXTM3U\ncolitis.wav\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, audio_dir: Path) -> Path:
    """The fixture library exported to HTML by the real command, with audio for one topic."""
    out = tmp_path_factory.mktemp("site")
    done = run_guide("export", "html", "--to", str(out), "--content", str(FIXTURE_CONTENT), "--audio", str(audio_dir))
    assert done.returncode == 0, done.stderr
    return out
