"""The kiosk's input layer: no byte sequence a keyboard, barcode scanner or browser can send
may crash the kiosk, stop it, or make it lay out an impossible screen.

Textual's drivers decode stdin as strict UTF-8 and hand it to its escape-sequence parser,
and either can raise on hostile input (an invalid byte, a key code beyond Unicode, a
number too large for an int); the input thread then dies and the app exits. The drivers
here are public subclasses (passed with ``App(driver_class=...)``) whose input loop
decodes leniently, drops a sequence the parser cannot take and starts a fresh parser, and
whose ``process_message`` clamps terminal sizes. They also refuse to be suspended.
"""

from __future__ import annotations

import json
import os
import signal
import time
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual import events, messages
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver
from textual.geometry import Size
from textual.message import Message

MAX_COLUMNS = 1000
MAX_ROWS = 500
"""Larger than any real screen at a readable font, small enough that a layout stays cheap."""

MAX_CHUNK_CHARACTERS = 16384
"""One read from the terminal; longer pastes arrive in several reads."""

_STOP_SIGNALS = (signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU)


def clamp_size(width: object, height: object) -> Size | None:
    """A size the screen can be laid out for, or None for one no terminal reports (not whole
    numbers, or below one cell). Anything larger than a real screen is cut down to one."""
    if isinstance(width, bool) or isinstance(height, bool):
        return None
    if not isinstance(width, int) or not isinstance(height, int) or width < 1 or height < 1:
        return None
    return Size(min(width, MAX_COLUMNS), min(height, MAX_ROWS))


def guard_size(message: Message) -> Message | None:
    """The message with a sane size if it is a resize, None to drop it; others unchanged."""
    if not isinstance(message, events.Resize):
        return message
    size = clamp_size(message.size.width, message.size.height)
    if size is None:
        return None
    if size == message.size:
        return message
    return events.Resize(size, size)


PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
MAX_PASTE_CHARACTERS = 16384
"""More than a visitor ever pastes into a search box; a longer paste is cut off there."""
MAX_PASTE_SECONDS = 2.0
"""A terminal sends a whole paste at once, end marker included; one still open after this is no paste."""


class PasteWatch:
    """Where the input is in a bracketed paste. Textual's parser takes every character after a
    paste's start marker as pasted text until the end marker, so a start marker alone (a scanner
    or macro keyboard can send one) would swallow every later key, and hold them all in memory."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._recent = ""
        self._since: float | None = None
        self._length = 0
        self.discarding = False
        """True after a paste was cut off: its rest is dropped until its end marker (or time)."""

    def note(self, character: str) -> None:
        self._recent = (self._recent + character)[-len(PASTE_START):]
        if self._recent == PASTE_START:
            self._since, self._length = self._clock(), 0
        elif self._recent == PASTE_END:
            self._since, self.discarding = None, False
        elif self._since is not None:
            self._length += 1

    def overdue(self) -> bool:
        """A paste too long, or open too long: the parser must start again (and drop its rest)."""
        if self._since is None:
            return False
        if self._clock() - self._since > MAX_PASTE_SECONDS:
            self._since, self.discarding = None, False  # no end will come: keys count again
            return True
        if self._length > MAX_PASTE_CHARACTERS and not self.discarding:
            self.discarding = True
            return True
        return False


class GuardedParser:
    """Textual's terminal parser behind a lenient decoder and a catch: invalid UTF-8 is
    dropped byte by byte, and a sequence the parser raises on is dropped alone: a fresh
    parser carries on from the next character, so keys typed in the same read still count.
    A paste is bounded (PasteWatch), so no sequence can make the kiosk deaf to keys.

    Characters are handed over one at a time. Textual's parser reads one character at a
    time anyway (its state lives in a generator), so the parse is the same; handing a whole
    read over would lose everything after the bad sequence, since a raising generator
    cannot say how far it got. A 16 KiB paste costs about 1.5 times as long this way."""

    def __init__(self, make_parser: Callable[[], XTermParser] = XTermParser,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._make_parser = make_parser
        self._parser = make_parser()
        self._decode = getincrementaldecoder("utf-8")(errors="ignore").decode
        self._paste = PasteWatch(clock)
        self.dropped = 0
        """How many sequences (or cut-off pastes) were dropped, for tests and the journal."""

    def _restart(self) -> None:
        self.dropped += 1
        self._parser = self._make_parser()

    def _run(self, produce: Callable[[], Iterable[Message]], out: list[Message]) -> None:
        try:
            for message in produce():
                out.append(message)
        except Exception:  # any parser failure means the same: drop that sequence, start again
            self._restart()

    def feed_bytes(self, data: bytes) -> list[Message]:
        out: list[Message] = []
        for character in self._decode(data):
            discarding = self._paste.discarding
            self._paste.note(character)
            if self._paste.overdue():
                self._restart()
            if not (discarding or self._paste.discarding):  # nor the last of a dropped paste's end
                self._run(partial(self._parser.feed, character), out)
        return out

    def tick(self) -> list[Message]:
        if self._paste.overdue():
            self._restart()
        out: list[Message] = []
        self._run(self._parser.tick, out)
        return out


def ignore_stop_signals() -> None:
    """Ctrl+Z (or a signal from outside) must never stop the kiosk and leave its terminal in
    cooked mode; background reads and writes must not stop it either."""
    for number in _STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)


class KioskDriver(LinuxDriver):
    """The terminal driver for the kiosk: hostile bytes are dropped, sizes clamped, and no
    suspend. The input loop is Textual's, reading through a GuardedParser."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        ignore_stop_signals()  # after LinuxDriver's own SIGTSTP handler, which would stop us

    @property
    def can_suspend(self) -> bool:
        return False

    def start_application_mode(self) -> None:
        super().start_application_mode()  # type: ignore[no-untyped-call]
        ignore_stop_signals()  # Textual puts SIGTTIN/SIGTTOU back to their defaults

    def run_input_thread(self) -> None:
        import selectors

        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = GuardedParser()
        try:
            while not self.exit_event.is_set():
                for _key, mask in selector.select(0.1):
                    if mask & selectors.EVENT_READ:
                        data = os.read(self.fileno, MAX_CHUNK_CHARACTERS)
                        if not data:
                            self.exit_event.wait(0.1)  # stdin closed: nothing will come, do not spin
                            continue
                        self._deliver(parser.feed_bytes(data))
                self._deliver(parser.tick())
        finally:
            selector.close()

    def _deliver(self, messages: list[Message]) -> None:
        for message in messages:
            self.process_message(message)

    def process_message(self, message: Message) -> None:
        # A size typed in-band is checked against the terminal's own (the kernel's), which a
        # key cannot fake; with no terminal to ask, the reported size is clamped.
        if isinstance(message, events.Resize):
            try:
                columns, rows = os.get_terminal_size(self.fileno)
            except OSError:
                pass
            else:
                message = events.Resize(Size(columns, rows), Size(columns, rows))
        guarded = guard_size(message)
        if guarded is not None:
            super().process_message(guarded)


class KioskWebDriver(WebDriver):
    """The browser kiosk's driver (textual-serve): the same guarded parser for keys, and the
    server's meta messages checked before use, so a bad message is dropped instead of
    freezing the session. When the browser has gone (the input ends) the kiosk ends too,
    so no session outlives its visitor."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        width, height = self._size or (80, 24)
        size = clamp_size(width, height) or Size(80, 24)  # ?width=3000 in the page's address
        self._size = (size.width, size.height)

    def run_input_thread(self) -> None:
        from textual.drivers._byte_stream import ByteStream

        parser = GuardedParser()
        byte_stream = ByteStream()
        try:
            for data in self._input_reader:
                if data:
                    for packet_type, payload in self._packets(byte_stream, data):
                        if packet_type == "D":
                            for message in parser.feed_bytes(payload):
                                self.process_message(message)
                        elif not self._meta(packet_type, payload):
                            return
                for message in parser.tick():
                    self.process_message(message)
        finally:
            self._input_reader.close()
            self._app.post_message(messages.ExitApp())

    @staticmethod
    def _packets(byte_stream: Any, data: bytes) -> list[tuple[str, bytes]]:
        try:
            return list(byte_stream.feed(data))
        except Exception:  # a broken frame is dropped like a bad key
            return []

    def _meta(self, packet_type: str, payload: bytes) -> bool:
        """Handle one meta packet; False when the server says the session is over."""
        try:
            meta = json.loads(payload)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return True
        if not isinstance(meta, dict) or not isinstance(meta.get("type"), str):
            return True
        kind = meta["type"]
        if kind == "exit":
            return False
        if kind == "resize":
            size = clamp_size(meta.get("width"), meta.get("height"))
            if size is not None:
                self._size = (size.width, size.height)
                self._app.post_message(events.Resize(size, size))
            return True
        if kind in ("focus", "blur", "quit"):
            self.on_meta(kind, meta)
        return True  # file deliveries are not offered in the kiosk: everything else is dropped

    def process_message(self, message: Message) -> None:
        guarded = guard_size(message)
        if guarded is not None:
            super().process_message(guarded)


def kiosk_driver_class() -> type[LinuxDriver] | type[WebDriver]:
    """The guarded driver for where the kiosk runs: textual-serve names its web driver in
    TEXTUAL_DRIVER for each browser session; anywhere else the kiosk has a terminal."""
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        return KioskWebDriver
    return KioskDriver
