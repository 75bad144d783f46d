"""The speech half of the reader: speech keys, self-voicing and the spoken-sentence highlight.

A mixin of GuideApp (kept apart to keep each file small). Every call to the
SpeechService returns at once; events come back from the service's thread and are
handed to the UI thread with post_message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.notifications import SeverityLevel

from guide.settings import RATE_NAMES, VOLUME_NAMES
from guide.speech.api import RATE_STEPS, Cue, SpeechEvent, Unit, Utterance
from guide.ui.messages import FocusMoved, SpeechEventArrived
from guide.ui.start_page import start_blocks

if TYPE_CHECKING:
    from guide.content.model import Library
    from guide.settings import Settings
    from guide.speech.api import SpeechService
    from guide.ui.widgets.bottom_bars import BottomBars
    from guide.ui.widgets.reading_pane import ReadingPane

START_ID = "start"


class SpeechControls(App[int]):
    """Base of GuideApp holding everything speech; GuideApp sets these attributes up."""

    library: Library
    speech: SpeechService
    settings: Settings
    speech_state: str
    current_topic: str | None
    last_focus: FocusMoved | None
    _reading_document: str | None
    _utterances: dict[str, list[Utterance]]
    _quiet_focus: bool
    _rate: str
    _volume: str

    @property
    def reading_pane(self) -> ReadingPane:
        from guide.ui.widgets.reading_pane import ReadingPane

        return self.query_one("#pane", ReadingPane)

    @property
    def status_line(self) -> BottomBars:
        """The bottom bars; their first line is speech's status (and notices)."""
        from guide.ui.widgets.bottom_bars import BottomBars

        return self.query_one("#bottom-bars", BottomBars)

    def save(self, **changes: object) -> None:
        """Keep changed settings (GuideApp writes them to disk)."""
        raise NotImplementedError

    # ----- speaking and telling -----------------------------------------------------------------

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        """Say it if speech is on (self-voicing); never blocks."""
        if self.speech.enabled:
            self.speech.announce(text, cue)

    def tell(self, text: str, severity: SeverityLevel = "information") -> None:
        """A notice shown and spoken: errors, settings problems, 'this is the last topic'."""
        self.notify(text, severity=severity, markup=False, timeout=6)
        self.status_line.show_status(text)
        self.announce(text)

    def _from_speech_thread(self, event: SpeechEvent) -> None:
        """Called on the speech service's thread: hand over to the UI thread, never touch widgets here."""
        self.post_message(SpeechEventArrived(event))

    def on_speech_event_arrived(self, message: SpeechEventArrived) -> None:
        event = message.event
        if event.kind == "started":
            utterance = event.utterance
            if event.index >= 0:
                self.speech_state = "reading"
            pane = self.reading_pane
            if utterance is not None and utterance.block >= 0 and self._reading_document == pane.document_id:
                pane.highlight(utterance.block, utterance.start, utterance.end)
        elif event.kind in ("finished", "stopped"):
            self.speech_state = "idle"
            if event.kind == "finished":
                self.reading_pane.highlight(-1, 0, 0)
        elif event.kind == "paused":
            self.speech_state = "paused"
        elif event.kind == "resumed":
            self.speech_state = "reading"
        elif event.kind == "unavailable" and event.message and self.settings.speech:
            self.notify(event.message, severity="warning", markup=False, timeout=8)
        shown = event.message if event.kind in ("status", "unavailable") and event.message else self.speech.status
        self.status_line.show_status(shown)

    def on_focus_moved(self, message: FocusMoved) -> None:
        self.last_focus = message
        if self._quiet_focus:
            return
        cue = Cue.NONE
        if "urgent" in message.kind:
            cue = Cue.URGENT
        elif message.kind == "link":
            cue = Cue.LINK
        elif message.kind in ("heading", "title"):
            cue = Cue.HEADING
        self.announce(message.spoken, cue)

    def document_utterances(self, document_id: str | None = None) -> list[Utterance]:
        """The sentences of the shown document (or another), numbered like the pane's blocks."""
        document_id = document_id or self.reading_pane.document_id or START_ID
        if document_id not in self._utterances:
            # Imported on first use: its thirty patterns cost the first screen 3-5 ms, and with
            # speech off nothing needs them until the speech engine is built.
            from guide.speech.text import block_utterances, topic_utterances

            if document_id == START_ID:
                found = [u for block in start_blocks() for u in block_utterances(block)]
            else:
                found = topic_utterances(self.library[document_id], self.library)
            self._utterances[document_id] = found
        return self._utterances[document_id]

    def _read(self, document_id: str, utterances: Sequence[Utterance], start: int) -> None:
        if utterances:
            self._reading_document = document_id
            self.speech.read(list(utterances), start)

    # ----- actions: speech ----------------------------------------------------------------------

    def _speech_off_notice(self) -> bool:
        if not self.speech.enabled:
            self.tell(
                "Speech is off. Press F2 to turn it on."
                if self.speech.available
                else self.speech.status or "Speech is not available on this computer."
            )
            return True
        return False

    def action_read_topic(self) -> None:
        if not self._speech_off_notice():
            self._read(self.reading_pane.document_id or START_ID, self.document_utterances(), 0)

    def action_read_section(self) -> None:
        if self._speech_off_notice():
            return
        view = self.reading_pane.focused_view() or self.reading_pane.speaking_view
        utterances = self.document_utterances()
        start = 0
        if view is not None:
            section = view.block.section
            start = next((i for i, u in enumerate(utterances) if u.section == section and u.block >= 0), 0)
        self._read(self.reading_pane.document_id or START_ID, utterances, start)

    def action_pause_resume(self) -> None:
        if self.speech_state == "paused":
            self.speech.resume()
        else:
            self.speech.pause()

    def action_stop_speech(self) -> None:
        self.speech.stop()
        self.speech_state = "idle"

    def action_speech_move(self, unit: str, step: int) -> None:
        self.speech.move(Unit(unit), step)

    def action_repeat(self) -> None:
        self.speech.repeat()

    def action_where(self) -> None:
        place = self.library.breadcrumb(self.current_topic) if self.current_topic else "the start page"
        index, total = self.speech.where()
        if total and self._reading_document:
            from guide.speech.text import position_words

            words_per_minute = dict(RATE_STEPS)[self._rate]
            detail = position_words(self.document_utterances(self._reading_document), index, words_per_minute)
        else:
            focus = self.last_focus
            detail = f"{focus.kind} {focus.position} of {focus.total}." if focus and focus.total else ""
        text = f"You are in {place}. {detail}".strip()
        self.status_line.show_status(text)
        self.announce(text)

    def action_rate(self, step: int) -> None:
        word = self.speech.change_rate(step)
        if word in RATE_NAMES:
            self._rate = word
            self.save(rate=word)
        self.status_line.show_status(f"Speech rate: {word}")

    def action_volume(self, step: int) -> None:
        word = self.speech.change_volume(step)
        if word in VOLUME_NAMES:
            self._volume = word
            self.save(volume=word)
        self.status_line.show_status(f"Speech volume: {word}")

    def action_toggle_speech(self) -> None:
        turning_on = not self.speech.enabled
        self.speech.set_enabled(turning_on)
        self.save(speech=turning_on)
        if turning_on and not self.speech.available:
            self.notify(self.speech.status, severity="warning", markup=False, timeout=8)
        self.status_line.show_status(self.speech.status)

    def action_choose_voice(self) -> None:
        self._warm_up_speech()
        self._list_voices()

    def _warm_up_speech(self) -> None:
        """Let a service that starts lazily (DeferredSpeech) get going (at once if it already is)."""
        warm_up = getattr(self.speech, "warm_up", None)
        if callable(warm_up):
            warm_up()

    @work(thread=True, exclusive=True, group="voices")
    def _list_voices(self) -> None:
        """Listing voices may start an engine: done in a thread, then the chooser opens."""
        voices = self.speech.voices()
        self.call_from_thread(self._show_voices, voices)

    def _show_voices(self, voices: list[tuple[str, str]]) -> None:
        from guide.ui.screens.voice import VoiceScreen

        def chosen(voice_id: str | None) -> None:
            if voice_id:
                self.speech.set_voice(voice_id)
                self.save(voice=voice_id)

        self.push_screen(VoiceScreen(voices), chosen)
