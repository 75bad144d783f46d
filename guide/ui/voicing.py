"""Voicing: what the guide says as focus moves and notices appear, and the state of reading aloud.

A plain object the app holds and calls (no widgets, no Textual): it owns the speech
state, the document being read, the sentences of each document, the rate and volume
names, the last focus and whether the next focus move is quiet. Its answers are the
words for the status line; the app puts them on screen, so this object never waits
on the UI and the UI never reaches into it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple

from guide.content.model import Library, Topic
from guide.settings import RATE_NAMES, VOLUME_NAMES
from guide.speech.api import RATE_STEPS, Cue, SpeechEvent, SpeechService, Unit, Utterance, step_words
from guide.ui.messages import FocusMoved
from guide.ui.start_page import start_blocks

START_ID = "start"
"""The document id of the start page (topics use their own ids)."""

SpeechState = Literal["idle", "reading", "paused"]

Save = Callable[..., None]
"""Keeps changed settings: save(rate="faster")."""


class Heard(NamedTuple):
    """What one speech event changes on screen. A NamedTuple, not a frozen dataclass: this module is
    imported at every start, and a dataclass compiles its methods then."""

    status: str
    """The status line's new text."""
    highlight: tuple[int, int, int] | None = None
    """(block, start, end) of the sentence now spoken in the shown document."""
    clear_highlight: bool = False
    warning: str = ""
    """A notice to show as well (speech cannot work, and the person asked for it)."""


class Voicing:
    def __init__(self, speech: SpeechService, library: Library, *, rate: str, volume: str, save: Save) -> None:
        self.speech = speech
        self.library = library
        self.save = save
        self.state: SpeechState = "idle"
        """From the service's events: reading, paused or idle."""
        self.reading_document: str | None = None
        """The id of the document last handed to speech to read (the highlight follows only that one)."""
        self.rate = rate if rate in RATE_NAMES else "normal"
        self.volume = volume if volume in VOLUME_NAMES else "normal"
        self.last_focus: FocusMoved | None = None
        self.quiet_focus = False
        """True after the app itself moved focus (opening a topic), until the next key or click:
        those moves are not announced, so they never cut off what is being read."""
        self._utterances: dict[str, list[Utterance]] = {}
        self.documents: dict[str, Topic] = {}
        """Documents shown that are not the library's topics (a treatment summary), by id."""

    # ----- saying -------------------------------------------------------------------------------

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        """Say it if speech is on (self-voicing); never blocks."""
        if self.speech.enabled:
            self.speech.announce(text, cue)

    def focus_moved(self, message: FocusMoved) -> None:
        self.last_focus = message
        if self.quiet_focus:
            return
        cue = Cue.NONE
        if "urgent" in message.kind:
            cue = Cue.URGENT
        elif message.kind == "link":
            cue = Cue.LINK
        elif message.kind in ("heading", "title"):
            cue = Cue.HEADING
        self.announce(message.spoken, cue)

    def heard(self, event: SpeechEvent, shown_document: str | None, speech_wanted: bool) -> Heard:
        """Follow one event from the service (on the UI thread): the state, and what the screen shows."""
        highlight: tuple[int, int, int] | None = None
        clear = False
        warning = ""
        if event.kind == "started":
            if event.index >= 0:
                self.state = "reading"
            utterance = event.utterance
            if utterance is not None and utterance.block >= 0 and self.reading_document == shown_document:
                highlight = (utterance.block, utterance.start, utterance.end)
        elif event.kind in ("finished", "stopped"):
            self.state = "idle"
            clear = event.kind == "finished"
        elif event.kind == "paused":
            self.state = "paused"
        elif event.kind == "resumed":
            self.state = "reading"
        elif event.kind == "unavailable" and event.message and speech_wanted:
            warning = event.message
        shown = event.message if event.kind in ("status", "unavailable") and event.message else ""
        return Heard(shown or self.speech.status, highlight, clear, warning)

    # ----- reading ------------------------------------------------------------------------------

    def utterances(self, document_id: str) -> list[Utterance]:
        """The sentences of a document, numbered like the reading pane's blocks."""
        if document_id not in self._utterances:
            # Imported on first use: with speech off nothing needs its patterns until the engine is built.
            from guide.speech.text import block_utterances, topic_utterances

            if document_id == START_ID:
                found = [u for block in start_blocks() for u in block_utterances(block)]
            else:
                topic = self.documents.get(document_id) or self.library[document_id]
                found = topic_utterances(topic, self.library)
            self._utterances[document_id] = found
        return self._utterances[document_id]

    def read(self, document_id: str, utterances: Sequence[Utterance], start: int = 0) -> None:
        if utterances:
            self.reading_document = document_id
            self.speech.read(list(utterances), start)

    def read_opening(self, topic_id: str) -> None:
        """A topic just opened: its title, then its urgent warnings (never skipped)."""
        if self.speech.enabled:
            first = [u for u in self.utterances(topic_id) if u.block == 0 or u.cue is Cue.URGENT]
            self.read(topic_id, first, 0)

    def read_section(self, document_id: str, section: int | None) -> None:
        """Read from the heading of a section (from the top when there is none)."""
        utterances = self.utterances(document_id)
        start = 0
        if section is not None:
            start = next((i for i, u in enumerate(utterances) if u.section == section and u.block >= 0), 0)
        self.read(document_id, utterances, start)

    def speech_off_notice(self) -> str:
        """Why reading cannot start ('' when speech is on)."""
        if self.speech.enabled:
            return ""
        if self.speech.available:
            return "Speech is off. Press F2 to turn it on."
        return self.speech.status or "Speech is not available on this computer."

    @property
    def reading(self) -> bool:
        """Reading or paused: what pause / resume can act on."""
        return self.state in ("reading", "paused")

    def stop(self) -> None:
        self.speech.stop()
        self.state = "idle"

    def pause_resume(self) -> None:
        if self.state == "paused":
            self.speech.resume()
        else:
            self.speech.pause()

    def move(self, unit: str, step: int) -> None:
        self.speech.move(Unit(unit), step)

    def where(self, place: str) -> str:
        """'You are in <place>.' and the position: in what is read, or else of the focus."""
        index, total = self.speech.where()
        if total and self.reading_document:
            from guide.speech.text import position_words

            words_per_minute = dict(RATE_STEPS)[self.rate]
            detail = position_words(self.utterances(self.reading_document), index, words_per_minute)
        else:
            focus = self.last_focus
            detail = f"{focus.kind} {focus.position} of {focus.total}." if focus and focus.total else ""
        return f"You are in {place}. {detail}".strip()

    # ----- settings -----------------------------------------------------------------------------

    def change_rate(self, step: int) -> str:
        """The words to show for a rate key ("Faster: brisk"); the service says them itself."""
        before = self.rate
        word = self.speech.change_rate(step)
        if word in RATE_NAMES:
            self.rate = word
            self.save(rate=word)
        return step_words("rate", before, word, step)

    def change_volume(self, step: int) -> str:
        """The words to show for a volume key ("Quieter: quiet"); the service says them itself."""
        before = self.volume
        word = self.speech.change_volume(step)
        if word in VOLUME_NAMES:
            self.volume = word
            self.save(volume=word)
        return step_words("volume", before, word, step)

    def toggle(self) -> str:
        """Speech on or off; the warning to show when it was turned on but cannot work ('' if none)."""
        turning_on = not self.speech.enabled
        self.speech.set_enabled(turning_on)
        self.save(speech=turning_on)
        return self.speech.status if turning_on and not self.speech.available else ""

    def choose_voice(self, voice_id: str) -> None:
        self.speech.set_voice(voice_id)
        self.save(voice=voice_id)

    def reset(self, rate: str, volume: str) -> None:
        """A fresh start (the kiosk's next visitor): nothing remembered, rate and volume stepped back."""
        self.stop()
        self._utterances.clear()
        self.documents.clear()
        self.reading_document = None
        self.last_focus = None
        self.rate = _step_to(self.speech.change_rate, RATE_NAMES, self.rate, rate)
        self.volume = _step_to(self.speech.change_volume, VOLUME_NAMES, self.volume, volume)


def _step_to(change: Callable[[int], str], names: tuple[str, ...], now: str, target: str) -> str:
    """Step a setting the service knows only as +1 / -1 steps from ``now`` to ``target``."""
    if target not in names or now not in names:
        return now
    diff = names.index(target) - names.index(now)
    for _ in range(abs(diff)):
        now = change(1 if diff > 0 else -1)
    return target
