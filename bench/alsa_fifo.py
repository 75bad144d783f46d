"""A sound device without a sound card: ALSA's file plugin writing to a FIFO, and a reader that
notes when the first byte of each sound arrives.

    with FifoDevice() as device:
        subprocess.run(["aplay", "-q", "x.wav"], env=device.env)
        device.first_bytes  # perf_counter() of the first byte of each sound, in order, as it arrives
        device.sizes        # bytes of each sound, once it has ended

ALSA reads ALSA_CONFIG_PATH; the file written here includes the system's alsa.conf and
makes the default PCM a `file` plugin (raw samples, slave `null`) whose file is the FIFO.
Every process that plays to the default device therefore writes to the FIFO, and the
moment its first byte reaches the reader is the moment the "device" got sound. Each
player opens the FIFO afresh, so each sound is one open-to-EOF run of the reader.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

SYSTEM_CONFIG = Path("/usr/share/alsa/alsa.conf")


class FifoDevice:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="immunoguide-fifo-"))
        self.fifo = self.folder / "device.fifo"
        self.config = self.folder / "asound.conf"
        self.first_bytes: list[float] = []
        self.sizes: list[int] = []
        self.changed = threading.Condition()
        self._closing = False
        self._thread: threading.Thread | None = None

    @property
    def env(self) -> dict[str, str]:
        """The environment a player needs to play to this device (the caller's, plus ALSA_CONFIG_PATH)."""
        return {**os.environ, "ALSA_CONFIG_PATH": str(self.config)}

    def __enter__(self) -> FifoDevice:
        os.mkfifo(self.fifo)
        self.config.write_text(
            f"<{SYSTEM_CONFIG}>\n"
            "pcm.!default {\n  type file\n  slave.pcm \"null\"\n"
            f"  file \"{self.fifo}\"\n  format \"raw\"\n}}\n",
            encoding="utf-8",
        )
        self._thread = threading.Thread(target=self._read, name="fifo-device", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._closing = True
        # wake a reader blocked in open() by opening the write end once
        try:
            fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass
        if self._thread is not None:
            self._thread.join(timeout=2)
        for path in (self.fifo, self.config):
            path.unlink(missing_ok=True)
        self.folder.rmdir()

    def _read(self) -> None:
        while not self._closing:
            fd = os.open(self.fifo, os.O_RDONLY)
            try:
                first = os.read(fd, 65536)
                if not first:
                    continue
                with self.changed:  # told at once, so a long sound's start is known while it plays
                    self.first_bytes.append(time.perf_counter())
                    self.changed.notify_all()
                size = len(first)
                while chunk := os.read(fd, 65536):
                    size += len(chunk)
            finally:
                os.close(fd)
            with self.changed:
                self.sizes.append(size)
                self.changed.notify_all()

    def first_byte_after(self, moment: float, timeout: float = 10.0) -> float:
        """The arrival time of the first sound to reach the device after ``moment``."""
        with self.changed:
            ok = self.changed.wait_for(lambda: any(t > moment for t in self.first_bytes), timeout)
            if not ok:
                raise TimeoutError("no sound reached the device")
            return next(t for t in self.first_bytes if t > moment)
