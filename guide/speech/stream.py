"""One utterance's audio, complete or still arriving from the engine.

An engine process streams raw samples (16-bit little-endian mono at SAMPLE_RATE) while
it is still making the sentence; its reader thread adds them here, and a player's
writer thread hands them on as they come, so the first sound is heard before the
sentence is finished. The finished audio stays in memory for repeats (the engines'
replay cache): nothing a visitor heard is ever written to a file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

SAMPLE_RATE = 22050
"""Samples per second of the engine's audio (espeak-ng's own rate)."""
BYTES_PER_SECOND = SAMPLE_RATE * 2


class AudioStream:
    """Samples appended by one thread, read by any number of others, each from its own place."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._size = 0
        self._done = False
        self._failed = False
        self._changed = threading.Condition()

    @classmethod
    def of(cls, samples: bytes) -> AudioStream:
        """A stream that is already complete (tests, cue tones, audio made elsewhere)."""
        stream = cls()
        stream.add(samples)
        stream.finish()
        return stream

    def add(self, samples: bytes) -> None:
        if not samples:
            return
        with self._changed:
            self._parts.append(samples)
            self._size += len(samples)
            self._changed.notify_all()

    def finish(self) -> None:
        """Everything has arrived."""
        with self._changed:
            self._done = True
            self._changed.notify_all()

    def fail(self) -> None:
        """The engine died before the end: readers stop where they are; the audio is not kept."""
        with self._changed:
            if not self._done:
                self._failed = self._done = True
            self._changed.notify_all()

    @property
    def done(self) -> bool:
        return self._done

    @property
    def failed(self) -> bool:
        return self._failed

    @property
    def size(self) -> int:
        """Bytes so far."""
        return self._size

    @property
    def seconds(self) -> float:
        return self._size / BYTES_PER_SECOND

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the stream is complete (or failed); False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._done, timeout)

    def samples(self) -> bytes:
        """Everything that has arrived so far, as one value."""
        with self._changed:
            return b"".join(self._parts)

    def chunks(self, timeout: float | None = None) -> Iterator[bytes]:
        """The samples from the start, each piece as soon as it arrives; ends when the stream does
        (or after ``timeout`` seconds with nothing new)."""
        taken = 0

        def ready() -> bool:
            return len(self._parts) > taken or self._done

        while True:
            with self._changed:
                if not self._changed.wait_for(ready, timeout):
                    return
                new = self._parts[taken:]
                taken = len(self._parts)
                if not new and self._done:
                    return
            yield b"".join(new) if len(new) > 1 else new[0]
