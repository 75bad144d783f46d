"""Kiosk rules that need no screen: the idle clock, what a reset wipes, which keys a visitor
must never reach and which features staff may offer. The staff PIN and its lock-out are in
guide.kiosk.pin.

Kept free of Textual so the timing rules are tested with a fake clock in milliseconds, and
the Textual kiosk (guide.kiosk.app) only wires them to keys and screens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

# Importable from here too, for the kiosk app and screens, which import them from the rules.

Clock = Callable[[], float]
"""Seconds from any fixed point (time.monotonic by default; tests pass a fake)."""

MIN_WARNING_SECONDS = 20.0
"""Section 508 (1194.25(b)) and EZ Access: a visitor gets at least 20 s to say 'still here'."""


class IdlePhase(StrEnum):
    """Where the visitor's session stands."""

    ASLEEP = "asleep"  # attract screen, nobody there: no countdown runs, nothing is said
    ACTIVE = "active"  # someone is using the guide
    WARNING = "warning"  # no input for idle_seconds: the countdown is shown and spoken
    EXPIRED = "expired"  # the countdown ran out: wipe the session now


class IdleTimer:
    """Counts time without input and says when to warn and when to reset.

    Poll-driven (``poll()`` from a UI interval) rather than callback-driven, so a
    blocked or slow event loop can never skip the reset: the phase is computed from
    the clock, not from timers firing.
    """

    def __init__(self, idle_seconds: float, warning_seconds: float, clock: Clock = time.monotonic) -> None:
        if idle_seconds <= 0 or warning_seconds <= 0:
            raise ValueError("idle and warning times must be positive")
        self.idle_seconds = float(idle_seconds)
        self.warning_seconds = float(warning_seconds)
        self._clock = clock
        self._last_input = clock()
        self._asleep = True

    @property
    def asleep(self) -> bool:
        return self._asleep

    def wake(self) -> None:
        """A visitor arrived (first key on the attract screen): start counting."""
        self._asleep = False
        self._last_input = self._clock()

    def touch(self) -> None:
        """Any input: the visitor is still here, so the countdown starts over."""
        self._last_input = self._clock()

    def sleep(self) -> None:
        """The session was wiped and the attract screen is back: stop counting."""
        self._asleep = True

    def idle_for(self) -> float:
        return max(0.0, self._clock() - self._last_input)

    def phase(self) -> IdlePhase:
        if self._asleep:
            return IdlePhase.ASLEEP
        idle = self.idle_for()
        if idle < self.idle_seconds:
            return IdlePhase.ACTIVE
        if idle < self.idle_seconds + self.warning_seconds:
            return IdlePhase.WARNING
        return IdlePhase.EXPIRED

    def seconds_left(self) -> int:
        """Whole seconds until the reset, rounded up (what the countdown shows)."""
        remaining = self.idle_seconds + self.warning_seconds - self.idle_for()
        whole = int(remaining)
        return max(0, whole + (1 if remaining > whole else 0))


STAFF_SEQUENCE: tuple[str, ...] = ("f12", "f12", "f12")
"""Keys that open the staff PIN prompt: three presses of F12 within STAFF_SEQUENCE_SECONDS.

F12 is on every keyboard, does nothing else in the guide, and three presses in a row
is hard to hit by chance; the PIN is the real protection.
"""

STAFF_SEQUENCE_SECONDS = 3.0


class KeySequence:
    """Recognises a short key sequence typed within a time window."""

    def __init__(self, keys: tuple[str, ...], within: float, clock: Clock = time.monotonic) -> None:
        self.keys = keys
        self.within = within
        self._clock = clock
        self._seen: list[tuple[str, float]] = []

    def feed(self, key: str) -> bool:
        """Record a key; True when it completes the sequence (which then starts over)."""
        now = self._clock()
        self._seen.append((key, now))
        self._seen = [(k, t) for k, t in self._seen[-len(self.keys):] if now - t <= self.within]
        if tuple(k for k, _ in self._seen) == self.keys:
            self._seen.clear()
            return True
        return False


class BlockedAction(StrEnum):
    """Textual actions that would let a visitor leave, stall or change the kiosk."""

    QUIT = "quit"
    HELP_QUIT = "help_quit"  # ctrl+c's 'press ctrl+q to quit' notice
    SUSPEND = "suspend_process"  # ctrl+z: would drop to the shell that started it
    COMMAND_PALETTE = "command_palette"  # themes, screenshots, quit: all in one place
    SCREENSHOT = "screenshot"  # writes a file to disk: a visitor's screen must not be stored
    CHANGE_THEME = "change_theme"
    TOGGLE_DARK = "toggle_dark"


BLOCKED_KEYS: tuple[str, ...] = (
    "ctrl+c",
    "ctrl+q",
    "ctrl+z",
    "ctrl+backslash",
    "ctrl+d",
    "ctrl+p",
    "ctrl+s",
    "ctrl+w",
    "ctrl+x",
    "ctrl+t",
)
"""Keys a kiosk swallows whatever screen has focus (priority bindings to a no-op)."""

MAX_SEARCH_CHARACTERS = 200
"""A paste longer than this is cut: no health question needs more, and a huge paste
must not stall the search or the screen."""


class Feature(StrEnum):
    """Parts of the guide staff can offer or withhold in the kiosk config."""

    SEARCH = "search"
    GLOSSARY = "glossary"
    SPEECH_TOGGLE = "speech_toggle"  # visitors may turn speech on and off
    SPEECH_RATE = "speech_rate"  # visitors may change rate and volume (reset after each visitor)
    THEME = "theme"  # visitors may change the theme (reset after each visitor)
    SETTINGS = "settings"  # the settings screen: off by default, it could strand the next visitor
    EXPORT = "export"  # writing take-home files: off, the kiosk writes nothing to disk


DEFAULT_FEATURES: dict[Feature, bool] = {
    Feature.SEARCH: True,
    Feature.GLOSSARY: True,
    Feature.SPEECH_TOGGLE: True,
    Feature.SPEECH_RATE: True,
    Feature.THEME: False,
    Feature.SETTINGS: False,
    Feature.EXPORT: False,
}


@dataclass(frozen=True)
class SessionDefaults:
    """What every visitor starts with; a reset returns here."""

    speech: bool = True
    rate: str = "normal"  # a word from guide.speech.api.RATE_STEPS
    volume: str = "normal"  # a word from guide.speech.api.VOLUME_STEPS
    theme: str = "guide-high-contrast"  # WCAG AAA; a name from guide.settings.THEMES
    language: str = "en"


class ResetStep(StrEnum):
    """Everything a reset wipes, in order; the UI does each and a test checks each."""

    STOP_SPEECH = "stop speech"  # first: silence at once, whatever else is slow
    CLOSE_DIALOGS = "close dialogs"  # every pushed screen, modal and notification
    CLEAR_SEARCH = "clear search"
    CLEAR_HISTORY = "clear history"  # back/forward and the last topic read
    CLOSE_TOPIC = "close topic"  # the reading pane and tree selection back to the start
    RESTORE_SPEECH = "restore speech settings"  # on/off, rate, volume
    RESTORE_THEME = "restore theme"
    SHOW_ATTRACT = "show attract screen"


RESET_STEPS: tuple[ResetStep, ...] = tuple(ResetStep)


@dataclass
class UsageCounts:
    """Aggregate counts for staff (sessions started, resets), never what anyone read.

    Off by default; when on, only these integers exist, in memory, shown on the staff
    screen. Nothing is written to disk.
    """

    enabled: bool = False
    sessions: int = 0
    idle_resets: int = 0

    def session_started(self) -> None:
        if self.enabled:
            self.sessions += 1

    def idle_reset(self) -> None:
        if self.enabled:
            self.idle_resets += 1

    def summary(self) -> str:
        if not self.enabled:
            return "Usage counts are off (usage_counts: false in the kiosk config)."
        return f"Visitor sessions since start: {self.sessions}. Ended by the idle timer: {self.idle_resets}."
