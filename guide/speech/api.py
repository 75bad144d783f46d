"""What the user interface may ask of speech, and what speech tells it back.

The UI depends on this Protocol only; the real pyttsx3-backed service, the silent
service (no engine) and the recording fake used in tests all satisfy it, so a
missing engine or a crash can never reach the UI as anything but an event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol


class Unit(StrEnum):
    """How far next / previous move while reading."""

    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    SECTION = "section"


class Cue(StrEnum):
    """A distinct sound or voice change before an utterance (headings, links, urgent warnings)."""

    NONE = "none"
    HEADING = "heading"
    URGENT = "urgent"
    LINK = "link"


class Utterance(NamedTuple):
    """One sentence as shown (``text``) and as said (``spoken``), with where it lives on screen.

    ``block`` is a DocBlock index of the open topic (guide.content.document) and
    ``start``/``end`` a character span in that block's text, so the reading pane can
    highlight exactly what is being said. Announcements have block = -1.
    """

    text: str
    spoken: str
    block: int = -1
    start: int = 0
    end: int = 0
    section: int = 0
    paragraph: int = 0
    cue: Cue = Cue.NONE


class EventKind(StrEnum):
    """What a SpeechEvent reports. The values are plain words, so ``event.kind == "started"`` works."""

    STARTED = "started"
    """An utterance begins; ``index`` is its place in the document being read, or -1 for an announcement."""
    FINISHED = "finished"
    """The document being read reached its end."""
    STOPPED = "stopped"
    PAUSED = "paused"
    RESUMED = "resumed"
    STATUS = "status"
    """``message`` is a line for the status bar."""
    UNAVAILABLE = "unavailable"
    """Speech cannot work; ``message`` says why. Sent once."""
    VOICES = "voices"
    """The service's voices are known now (they were not when it was asked): ask voices() again."""


@dataclass(frozen=True, init=False)
class SpeechEvent:
    """Sent from speech to whoever subscribed, from a background thread."""

    kind: EventKind
    index: int
    utterance: Utterance | None
    message: str

    def __init__(
        self, kind: EventKind | str, index: int = -1, utterance: Utterance | None = None, message: str = ""
    ) -> None:
        # The kind may be given as its word (the fakes and the deferred service do); turning it into
        # an EventKind here makes a misspelt kind fail where the event is made, not where it is missed.
        object.__setattr__(self, "kind", EventKind(kind))
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "utterance", utterance)
        object.__setattr__(self, "message", message)


Listener = Callable[[SpeechEvent], None]


class SpeechService(Protocol):
    """The one object the UI talks to. Every method returns at once; none may block or raise."""

    @property
    def enabled(self) -> bool: ...

    @property
    def available(self) -> bool: ...

    @property
    def status(self) -> str:
        """A short line for the status bar, e.g. 'Speech on, reading 3 of 40, rate normal'."""
        ...

    def subscribe(self, listener: Listener) -> None: ...

    def set_enabled(self, enabled: bool) -> None:
        """Turn speech on or off; the change itself is announced."""

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        """Interrupt whatever is being said and say this (focus changes, notices, errors)."""

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        """Interrupt and read a document from ``start``; 'started' events follow it."""

    def stop(self) -> None:
        """Silence now: the most important call. Must take effect within milliseconds."""

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def move(self, unit: Unit, step: int) -> None:
        """While reading: jump by sentence, paragraph or section (step +1 or -1)."""

    def repeat(self) -> None:
        """Say the last utterance again."""

    def where(self) -> tuple[int, int]:
        """(current index, total) in the document being read; (-1, 0) when none."""
        ...

    def change_rate(self, step: int) -> str:
        """Faster (+1) or slower (-1); returns and says the word for the new rate."""
        ...

    def change_volume(self, step: int) -> str:
        """Louder or quieter; never silent. Returns and says the new level."""
        ...

    def voices(self) -> list[tuple[str, str]]:
        """(id, description) of the voices available, grouped by language."""
        ...

    def set_voice(self, voice_id: str) -> None: ...

    def close(self) -> None: ...


RATE_STEPS: tuple[tuple[str, int], ...] = (
    ("very slow", 80),
    ("slow", 110),
    ("relaxed", 140),
    ("normal", 175),
    ("brisk", 220),
    ("fast", 280),
    ("very fast", 360),
    ("top speed", 450),
)
"""Named speech rates in words per minute, from a slow dictation pace to the rates experienced
screen-reader listeners use; the name is what a step announces ("Faster: brisk")."""

VOLUME_STEPS: tuple[tuple[str, float], ...] = (
    ("quietest", 0.3),
    ("quiet", 0.5),
    ("normal", 0.75),
    ("loud", 0.9),
    ("loudest", 1.0),
)
"""Volume never reaches zero: a kiosk visitor must never be left in silence by a key."""

NORMAL_RATE = dict(RATE_STEPS)["normal"]
NORMAL_VOLUME = dict(VOLUME_STEPS)["normal"]

OLD_RATE_NAMES = {"slowest": "slow", "slower": "relaxed", "faster": "brisk", "fastest": "brisk"}
"""Rate names an earlier version saved, and the step nearest the speed each one meant."""
OLD_VOLUME_NAMES = {"quieter": "quiet", "louder": "loud"}
"""Volume names an earlier version saved."""


def step_words(kind: str, before: str, after: str, step: int) -> str:
    """What a rate or volume key says: the direction and the level ("Faster: brisk"), or at an end
    that nothing changed ("Fastest already: top speed"). ``kind`` is "rate" or "volume"."""
    up, down = ("Faster", "Slower") if kind == "rate" else ("Louder", "Quieter")
    ends = ("Fastest", "Slowest") if kind == "rate" else ("Loudest", "Quietest")
    if before == after:
        return f"{ends[0] if step > 0 else ends[1]} already: {after}"
    return f"{up if step > 0 else down}: {after}"


def nearest_step(steps: Sequence[tuple[str, float]], value: float) -> int:
    """The index of the named step closest to ``value`` (a rate or volume set by number)."""
    return min(range(len(steps)), key=lambda i: abs(float(steps[i][1]) - value))


def step_along(steps: Sequence[tuple[str, float]], value: float, step: int) -> tuple[str, float]:
    """The named step ``step`` places on from the one nearest ``value``, stopping at either end."""
    return steps[max(0, min(len(steps) - 1, nearest_step(steps, value) + step))]
