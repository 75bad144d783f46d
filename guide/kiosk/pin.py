"""The staff PIN: which PINs may be chosen, how one is stored and checked, how it is written
into the config file, and the gate that locks the prompt after too many wrong tries.

Only a salted scrypt hash is ever stored, so a copied config file does not give the PIN
away. No Textual and nothing else from the kiosk is imported here: `kiosk --set-pin` runs
over ssh on a machine with no terminal UI, and the gate is tested with a fake clock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

PIN_DIGITS = (6, 12)

# scrypt at n=2**14, r=8: costly to brute-force offline, quick enough that staff do not notice.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_HASH_RE = re.compile(r"^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")
_HASH_LINE_RE = re.compile(r"""^pin_hash:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$""")

PIN_PROMPT_TIMEOUT_SECONDS = 30.0
"""An abandoned PIN prompt closes by itself, so the next visitor never finds it open."""


def pin_problem(pin: str) -> str | None:
    """Why this PIN cannot be used, or None. Digits only, so a keypad is enough."""
    low, high = PIN_DIGITS
    if not pin.isascii() or not pin.isdigit():
        return "the PIN must be digits only (0-9)"
    if not low <= len(pin) <= high:
        return f"the PIN must have {low} to {high} digits"
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        return "the PIN is too easy to guess (all one digit, or a run like 123456)"
    return None


def hash_pin(pin: str) -> str:
    """A salted scrypt hash; the PIN itself is never stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def valid_hash(stored: str) -> bool:
    """Whether this is a hash hash_pin could have written, at a cost a PIN check can afford."""
    match = _HASH_RE.match(stored)
    if not match:
        return False
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    # Bounds keep a tampered file from making each PIN check slow: at most four times the
    # work of the hash hash_pin writes, and 32 MiB.
    return n >= 2 and n & (n - 1) == 0 and n <= 2**15 and 1 <= r <= 8 and 1 <= p <= 2 and 128 * r * n * p <= 2**26


def verify_pin(pin: str, stored: str) -> bool:
    """Compare in constant time; a malformed hash never matches."""
    if not valid_hash(stored):
        return False
    match = _HASH_RE.match(stored)
    assert match is not None
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        expected = base64.b64decode(match.group(5), validate=True)
    except (binascii.Error, ValueError):
        return False
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected), maxmem=2**29)
    return hmac.compare_digest(digest, expected)


def find_pin_hash_line(text: str) -> tuple[int, str] | None:
    """The line number and hash of a well-formed `pin_hash:` line, read without a YAML parser, so
    that a syntax error elsewhere in the file does not lock staff out."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HASH_LINE_RE.match(line)
        if match and valid_hash(match.group(1)):
            return number, match.group(1)
    return None


def write_pin_hash(path: Path, pin_hash: str, new_file: str) -> None:
    """Put the hash in the config file, keeping every other line; ``new_file`` is the text to
    start from when there is no file yet. Atomic, so a crash leaves the old file."""
    try:
        text = path.read_text(encoding="utf-8")
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = new_file, 0o600
    line = f'pin_hash: "{pin_hash}"'
    pattern = re.compile(r"^pin_hash:.*$", re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: line, text, count=1)
    else:
        text = text.rstrip("\n") + "\n" + line + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".kiosk-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class PinOutcome(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no-pin"


@dataclass(frozen=True)
class PinResult:
    outcome: PinOutcome
    tries_left: int = 0
    locked_seconds: int = 0

    def message(self) -> str:
        """What the prompt shows (and says): no detail that would help a guesser."""
        if self.outcome is PinOutcome.ACCEPTED:
            return "PIN accepted."
        if self.outcome is PinOutcome.NO_PIN:
            return "No staff PIN is set. Set one with: immunoguide kiosk --set-pin"
        if self.outcome is PinOutcome.LOCKED:
            minutes, seconds = divmod(self.locked_seconds, 60)
            wait = f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
            return f"Too many wrong tries. The PIN prompt is locked for {wait}."
        plural = "try" if self.tries_left == 1 else "tries"
        return f"Wrong PIN. {self.tries_left} {plural} left."


LOCKOUT_FILE = "pin-lockout.json"
_LOCKOUT_FILE_BYTES = 256


def lockout_file() -> Path | None:
    """Where the lock-out is kept across restarts: the kiosk's runtime folder (made by its
    wrapper or systemd's RuntimeDirectory=, in RAM, gone at reboot), or None outside one."""
    folder = os.environ.get("IMMUNOGUIDE_RUNTIME_DIR")
    return Path(folder) / LOCKOUT_FILE if folder else None


class PinGate:
    """Five wrong PINs lock the prompt for a few minutes, so a visitor cannot guess it.

    With a ``state_file`` the count and the lock are written after every wrong try and read
    at start, so crashing or restarting the kiosk gives no extra tries; ``clock`` is then
    time.monotonic, which on Linux counts from boot and so means the same in the next
    process. Tests pass a fake clock.
    """

    def __init__(
        self,
        verify: Callable[[str], bool] | None,
        max_tries: int = 5,
        lockout_seconds: float = 180.0,
        clock: Callable[[], float] = time.monotonic,
        state_file: Path | None = None,
    ) -> None:
        self._verify = verify
        self.max_tries = max_tries
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._state_file = state_file
        self._wrong = 0
        self._locked_until = 0.0
        self._load()

    def _load(self) -> None:
        if self._state_file is None:
            return
        try:
            fd = os.open(self._state_file, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
            try:
                data = os.read(fd, _LOCKOUT_FILE_BYTES) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
            finally:
                os.close(fd)
            state = json.loads(data)
            wrong, until = int(state["wrong"]), float(state["locked_until"])
        except (OSError, ValueError, KeyError, TypeError, OverflowError):
            return
        if not math.isfinite(until):
            return
        self._wrong = min(max(wrong, 0), self.max_tries - 1)
        # A lock never lasts longer than one lock-out from now, whatever the file says.
        self._locked_until = min(until, self._clock() + self.lockout_seconds)

    def _save(self) -> None:
        if self._state_file is None:
            return
        text = json.dumps({"wrong": self._wrong, "locked_until": self._locked_until})
        try:
            handle, temporary = tempfile.mkstemp(prefix=".lockout-", dir=self._state_file.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self._state_file)
        except OSError:
            pass  # the lock still holds in memory for this run

    def locked_for(self) -> int:
        """Whole seconds the prompt stays locked (0 when open)."""
        remaining = self._locked_until - self._clock()
        if remaining <= 0:
            return 0
        return int(remaining) + (1 if remaining > int(remaining) else 0)

    def attempt(self, pin: str) -> PinResult:
        locked = self.locked_for()
        if locked:
            return PinResult(PinOutcome.LOCKED, locked_seconds=locked)
        if self._verify is None:
            return PinResult(PinOutcome.NO_PIN)
        if self._verify(pin):
            self._wrong = 0
            self._save()
            return PinResult(PinOutcome.ACCEPTED)
        self._wrong += 1
        if self._wrong >= self.max_tries:
            self._wrong = 0
            self._locked_until = self._clock() + self.lockout_seconds
            self._save()
            return PinResult(PinOutcome.LOCKED, locked_seconds=self.locked_for())
        self._save()
        return PinResult(PinOutcome.WRONG, tries_left=self.max_tries - self._wrong)
