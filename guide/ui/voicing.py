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

from guide.content.document import DocBlock
from guide.content.model import Library, Topic
from guide.settings import RATE_NAMES, VOLUME_NAMES
from guide.speech.api import RATE_STEPS, Cue, SpeechEvent, SpeechService, Unit, Utterance, step_words
from guide.ui.messages import FocusMoved
from guide.ui.start_page import start_blocks
from guide.ui.topic_reading import (
    OPENING_HINT,
    first_of_block,
    move_target,
    opening_length,
    section_heading,
    spelled,
    spelling_words,
    without_address,
)

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


class Moved(NamedTuple):
    """What a sentence, paragraph or section key did: the words to show (empty while reading, when
    the status line follows the reading), and with speech off the sentence focus moved to."""

    status: str
    utterance: Utterance | None = None


class Voicing:
    def __init__(
        self,
        speech: SpeechService,
        library: Library,
        *,
        rate: str,
        volume: str,
        save: Save,
        opening: str = "prompt",
        verbosity: str = "full",
    ) -> None:
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
        self.start_page: tuple[DocBlock, ...] = start_blocks()
        """The start page as shown now: its words follow the layout, so speech reads what is on screen."""
        self.opening = opening
        """"prompt": opening a topic reads its title and urgent warnings, then says how to go on;
        "read-on": it reads the whole topic."""
        self.verbosity = verbosity
        self.cursor = -1
        """The sentence of ``cursor_document`` last heard or moved to (-1: none yet), counted in the
        whole document, so every position said or shown is of the whole topic."""
        self.cursor_document: str | None = None
        self.reading_whole = False
        """Speech was handed the whole document (not the opening), so its own moves can steer it."""
        self.documents: dict[str, Topic] = {}
        """Documents shown that are not the library's topics (a treatment summary), by id."""

    # ----- saying -------------------------------------------------------------------------------

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        """Say it if speech is on (self-voicing); never blocks."""
        if self.speech.enabled:
            self.speech.announce(text, cue)

    def focus_moved(self, message: FocusMoved, document_id: str | None = None, block: int | None = None) -> None:
        """Say where focus landed; a block of the text chosen by the person is where the sentence
        keys go on from (``block``: its index in ``document_id``)."""
        self.last_focus = message
        if self.quiet_focus:
            return
        if document_id is not None and block is not None:
            self.set_place(document_id, block)
        cue = Cue.NONE
        if "urgent" in message.kind:
            cue = Cue.URGENT
        elif message.kind == "link":
            cue = Cue.LINK
        elif message.kind in ("heading", "title"):
            cue = Cue.HEADING
        self.announce(self.focus_words(message), cue)

    def set_place(self, document_id: str, block: int) -> None:
        """The sentence keys go on from the first sentence of ``block``: where the reader chose to be,
        also when that move was not announced (a match found while the find bar has the focus)."""
        first = first_of_block(self.utterances(document_id), block)
        if first >= 0:
            self.cursor, self.cursor_document = first, document_id

    def focus_returned(self) -> None:
        """A dialog closed (Escape, or a choice that opens nothing): say where focus is again."""
        if self.last_focus is not None and not self.quiet_focus:
            self.announce(self.focus_words(self.last_focus))

    def focus_words(self, message: FocusMoved) -> str:
        """What a focus move says. Brief leaves out the kind and the count of topics inside; a kind
        the label already says ("URGENT: call your care team now") is not said again; a source
        is said without its web address when brief."""
        label, kind, children = message.label, message.kind, message.children
        if self.verbosity == "brief":
            kind, children = "", 0
            if message.kind == "source":
                label = without_address(label)
        elif kind and kind.split()[0].casefold() in label.casefold():
            kind = ""
        return FocusMoved(label, kind, message.position, message.total, children, message.closed).spoken

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
            if utterance is not None and utterance.block >= 0 and event.index >= 0:
                self.cursor, self.cursor_document = event.index, self.reading_document
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
        if shown and event.kind == "status" and self.speech.enabled and self.speech.available and shown != "Speech on":
            shown = f"{shown.rstrip('.')}. {self.status()}"  # "working again": and what it is doing now
        return Heard(shown or self.status(), highlight, clear, warning)

    def status(self) -> str:
        """The status line, true to what the keys will do: "reading N of M" while reading, "paused
        N of M" only while Space resumes, and no position when idle (after a stop, or an
        announcement that has ended). N and M count the whole document."""
        if not (self.speech.enabled and self.speech.available):
            return self.speech.status
        where = ""
        document = self.reading_document
        if self.state != "idle" and document is not None and self.cursor_document == document:
            total = len(self.utterances(document))
            if 0 <= self.cursor < total:
                where = f", {self.state} {self.cursor + 1} of {total}"
        return f"Speech on{where}, rate {self.rate}, volume {self.volume}"

    # ----- reading ------------------------------------------------------------------------------

    def utterances(self, document_id: str) -> list[Utterance]:
        """The sentences of a document, numbered like the reading pane's blocks."""
        if document_id not in self._utterances:
            # Imported on first use: with speech off nothing needs its patterns until the engine is built.
            from guide.speech.text import block_utterances, topic_utterances

            if document_id == START_ID:
                found = [u for block in self.start_page for u in block_utterances(block)]
            else:
                topic = self.documents.get(document_id) or self.library[document_id]
                found = self._brief_sources(topic, topic_utterances(topic, self.library))
            self._utterances[document_id] = found
        return self._utterances[document_id]

    def _brief_sources(self, topic: Topic, utterances: list[Utterance]) -> list[Utterance]:
        """Sources are read as their organisation and title; the web address is on screen, and
        focus on a source says it in full."""
        from guide.content.document import BlockKind, topic_blocks
        from guide.speech.text import spoken_form

        sources = {b.index for b in topic_blocks(topic, self.library) if b.kind is BlockKind.SOURCE}
        pairs = self.library.pronunciations
        return [
            u._replace(spoken=spoken_form(without_address(u.text), pairs)) if u.block in sources else u
            for u in utterances
        ]

    def set_start_page(self, blocks: tuple[DocBlock, ...]) -> None:
        """The start page changed with the layout: its sentences are made again from the new words."""
        if blocks != self.start_page:
            self.start_page = blocks
            self._utterances.pop(START_ID, None)

    def read(self, document_id: str, utterances: Sequence[Utterance], start: int = 0, *, whole: bool = True) -> None:
        """Read from ``start``; ``whole`` is False when ``utterances`` is only the top of the document
        (its indices are then still those of the whole document)."""
        if utterances:
            self.reading_document = document_id
            self.reading_whole = whole
            self.speech.read(list(utterances), start)

    def read_opening(self, topic_id: str) -> None:
        """A topic just opened: its title and urgent warnings (never skipped), then, as the settings
        say, either how to go on or the rest of the topic."""
        self.cursor, self.cursor_document = -1, topic_id
        if not self.speech.enabled:
            return
        utterances = self.utterances(topic_id)
        if self.opening == "read-on":
            self.read(topic_id, utterances, 0)
            return
        from guide.speech.text import announcement

        first = utterances[: opening_length(utterances)]
        self.read(topic_id, [*first, announcement(OPENING_HINT, self.library)], 0, whole=False)

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

    def stop(self) -> bool:
        """Silence; True if something was being read or paused (the status line changes then)."""
        self.speech.stop()
        was = self.state != "idle"
        self.state = "idle"
        return was

    def pause_resume(self) -> None:
        if self.state == "paused":
            self.speech.resume()
        else:
            self.speech.pause()

    _spelling: tuple[int, str | None, int] = (-1, None, 0)
    """(sentence, document, how many words of it were spelled), so e again spells the next word."""

    def spell(self, document_id: str) -> tuple[str, str]:
        """The next word of the sentence heard or moved to last, spelled: (what to show, what to say)."""
        utterances = self.utterances(document_id)
        index = self.cursor if self.cursor_document == document_id else 0
        if not 0 <= index < len(utterances):
            return "No word to spell here.", "No word to spell here."
        words = spelling_words(utterances[index].text)
        if not words:
            return "No word to spell here.", "No word to spell here."
        turn = self._spelling[2] if self._spelling[:2] == (index, document_id) else 0
        word = words[turn % len(words)]
        self._spelling = (index, document_id, turn + 1)
        said = spelled(word)
        self.announce(said)
        return f"{word}: {' '.join(word.upper())}", said

    @property
    def audible(self) -> bool:
        return self.speech.enabled and self.speech.available

    def move(self, unit: str, step: int, document_id: str) -> Moved:
        """A sentence, paragraph or section key in the shown document. With speech on it reads from
        there (the whole topic, even after only its opening was read); with speech off it moves the
        focus there. At either end it says so, and nothing else changes."""
        utterances = self.utterances(document_id)
        steering = self.reading and self.reading_whole and self.reading_document == document_id
        here = self.cursor if self.cursor_document == document_id else -1
        if steering:
            here = self.speech.where()[0]
        target = move_target(utterances, here, Unit(unit), step)
        if not 0 <= target < len(utterances):
            words = "End of the text." if target >= 0 else "Top of the text."
            self.announce(words)
            return Moved(words)
        self.cursor, self.cursor_document = target, document_id
        if not self.audible:
            return Moved(f"Sentence {target + 1} of {len(utterances)}.", utterances[target])
        if steering:
            self.speech.move(Unit(unit), step)
        else:
            self.read(document_id, utterances, target)
        return Moved("")

    def where(self, place: str, document_id: str) -> str:
        """'You are in <place>, <section heading>.' and the position in the whole document (of the
        sentence read or moved to last), or else of the focus."""
        utterances = self.utterances(document_id)
        index = self.cursor if self.cursor_document == document_id else -1
        heading = section_heading(utterances, index)
        place = f"{place}, under the heading {heading}" if heading else place
        if 0 <= index < len(utterances):
            from guide.speech.text import position_words

            words_per_minute = dict(RATE_STEPS)[self.rate]
            detail = position_words(utterances, index, words_per_minute)
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
        self.cursor, self.cursor_document, self.reading_whole = -1, None, False
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
