"""What the export tests share: the shared fixture library, the real command, a tiny WAV.

A module with its own name (not conftest) so imports never pick up another folder's conftest."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

from ..fixtures import FIXTURE_LIBRARY

# Its "&", "<" and quotes must be escaped, its third level indented, its two urgent blocks kept first.
FIXTURE_CONTENT = FIXTURE_LIBRARY


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
