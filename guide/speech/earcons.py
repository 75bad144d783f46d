"""Short generated tones put in front of headings, links and urgent warnings.

Generated (not shipped as files) so they always match the engine's WAV format
(22,050 Hz, 16-bit mono) and can be joined to a sentence without resampling.
"""

from __future__ import annotations

import math
import struct
from functools import lru_cache

from guide.speech.api import Cue

RATE = 22050

_TONES: dict[Cue, tuple[tuple[float, float, float], ...]] = {
    # (frequency start Hz, frequency end Hz, seconds); silence when frequency is 0
    Cue.URGENT: ((880.0, 880.0, 0.12), (0.0, 0.0, 0.04), (660.0, 660.0, 0.12), (0.0, 0.0, 0.08)),
    Cue.HEADING: ((520.0, 520.0, 0.05), (0.0, 0.0, 0.05)),
    Cue.LINK: ((700.0, 1050.0, 0.06), (0.0, 0.0, 0.04)),
}


@lru_cache(maxsize=32)
def earcon_frames(cue: Cue, volume: float = 0.75) -> bytes:
    """16-bit little-endian mono samples of the cue's tone (empty for Cue.NONE)."""
    out = bytearray()
    amplitude = 0.35 * max(0.05, min(volume, 1.0)) * 32767
    for f0, f1, seconds in _TONES.get(cue, ()):
        count = int(RATE * seconds)
        fade = max(1, int(RATE * 0.008))
        phase = 0.0
        for i in range(count):
            if f0 == 0.0:
                out += b"\x00\x00"
                continue
            freq = f0 + (f1 - f0) * i / count
            phase += 2 * math.pi * freq / RATE
            envelope = min(1.0, i / fade, (count - i) / fade)
            out += struct.pack("<h", int(amplitude * envelope * math.sin(phase)))
    return bytes(out)
