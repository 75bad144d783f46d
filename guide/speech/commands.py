"""What the service thread is asked to do: one small frozen class per command.

The public methods of EngineSpeechService only put one of these on the service's
queue and return; engine reader threads and playback threads put theirs on the
same queue. So one thread sees every change in the order it happened and owns
all speech state without locks, and `match` over `Command` is the whole list of
what can happen.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide.speech.api import Cue, Listener, SpeechEvent, Unit, Utterance
from guide.speech.engine_process import EngineProcess, Message
from guide.speech.engines import EngineSettings

# --- from the public methods ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Warm:
    """Start the engines now, so the first sentence does not wait for a cold start."""


@dataclass(frozen=True, slots=True)
class Announce:
    text: str
    cue: Cue


@dataclass(frozen=True, slots=True)
class Read:
    utterances: tuple[Utterance, ...]
    start: int


@dataclass(frozen=True, slots=True)
class Stop:
    pass


@dataclass(frozen=True, slots=True)
class Pause:
    pass


@dataclass(frozen=True, slots=True)
class Resume:
    pass


@dataclass(frozen=True, slots=True)
class Move:
    unit: Unit
    step: int
    """+1 or -1."""


@dataclass(frozen=True, slots=True)
class Repeat:
    pass


@dataclass(frozen=True, slots=True)
class SetEnabled:
    enabled: bool


@dataclass(frozen=True, slots=True)
class UseSettings:
    """Rate, volume or voice changed: sentences from now on are made (and cached) with these."""

    settings: EngineSettings


@dataclass(frozen=True, slots=True)
class Forget:
    """Delete every sentence made so far (a kiosk reset)."""


@dataclass(frozen=True, slots=True)
class Tell:
    """Give one listener one event from the service thread, as every event is given."""

    listener: Listener
    event: SpeechEvent


@dataclass(frozen=True, slots=True)
class Close:
    pass


# --- from the service's own threads --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EngineReply:
    """One line from an engine process, passed on by its reader thread."""

    engine: EngineProcess
    message: Message


@dataclass(frozen=True, slots=True)
class Played:
    """A playback ended: ``code`` 0 played to the end, KILLED was silenced, anything else failed."""

    play_id: int
    code: int


@dataclass(frozen=True, slots=True)
class Tick:
    """Nothing arrived before the watchdog's deadline: time to check the busy engine."""


Command = (
    Warm | Announce | Read | Stop | Pause | Resume | Move | Repeat | SetEnabled | UseSettings | Forget | Tell
    | Close | EngineReply | Played | Tick
)
