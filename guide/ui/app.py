"""GuideApp: what the guide's keys do (the window itself is GuideAppBase, in guide.ui.app_base).

Each key's binding names an action here (guide.ui.keys). Actions that concern speech
hand over to the app's Voicing and show its answer; dialogs are handed what they need
and report back through their dismiss value. The kiosk (guide.kiosk.app) subclasses
this app, removing or guarding actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.timer import Timer

from guide.content.model import Library
from guide.settings import THEMES, Settings
from guide.speech.api import SpeechService
from guide.ui.app_structure import StructureActions
from guide.ui.history import Place
from guide.ui.key_words import edge_words, typed_words
from guide.ui.messages import SpeechEventArrived
from guide.ui.widgets.reading_pane import EDGE_WORDS

if TYPE_CHECKING:
    from guide.content.treatment_choices import TreatmentCatalog
    from guide.ui.screens.treatment import TreatmentChosen

VOICE_RETRY_S = 0.5
"""While the chooser waits for voices, they are asked for again this often (for a service that
does not send a voices event)."""
VOICE_WAIT_S = 20.0
"""How long the chooser waits for a starting engine's voices before saying there are none."""


class GuideApp(StructureActions):
    async def on_event(self, event: events.Event) -> None:
        """Keys that would say nothing say something: an edge of the topic list, and (with the
        echo_typing setting) each character typed into a search or word-list box."""
        words = ""
        if isinstance(event, events.Key) and not event.is_forwarded:
            words = edge_words(self.focused, event.key)
            if not words and self.settings.echo_typing:
                words = typed_words(event, self.focused)
        await super().on_event(event)
        if words:
            self.announce(words)

    treatments_folder: Path | None = None
    """The language folder whose treatments/ "My treatment" reads (None: the bundled one)."""
    OFFERS_REMEMBERING_TREATMENT: ClassVar[bool] = True
    """Whether "My treatment" may keep the choice in the settings (when the person asks)."""
    _treatments: TreatmentCatalog | None = None

    # ----- moving -------------------------------------------------------------------------------

    def action_switch_pane(self) -> None:
        if self.topic_tree.has_focus:
            if self.narrow:
                self.remove_class("-tree-open")
            self._focus_pane()
        else:
            if self.narrow:
                self.add_class("-tree-open")
            self.topic_tree.focus()

    def action_focus_block(self, step: int) -> None:
        """Up or Down in the text: the pane's cursor moves a block (an urgent box is one)."""
        pane = self.reading_pane
        if pane.focused_block() is not None and not pane.move_cursor(step):
            self.announce(EDGE_WORDS[step])

    async def action_next_topic(self) -> None:
        await self._neighbour(1)

    async def action_previous_topic(self) -> None:
        await self._neighbour(-1)

    async def _neighbour(self, step: int) -> None:
        order = self.library.reading_order()
        if not order:
            return
        if self.current_topic is None:
            target = order[0] if step > 0 else None
        else:
            target = self.library.neighbour(self.current_topic, step)
        if target is None:
            self.tell("This is the last topic." if step > 0 else "This is the first topic.")
            return
        await self.open_topic(target.id)

    async def go_to(self, place: Place) -> None:
        """Show a place from history without recording it again, the cursor on the block it was left at."""
        if place.kind == "search":
            self._push_search(place.value, from_history=True)
            return
        if place.kind == "start":
            await self.show_start(record=False)
        elif place.kind == "topic":
            await self.open_topic(place.value, record=False)
        elif place.kind == "treatment":
            await self.open_treatment(place.value, record=False)
        self.return_to_block(place.block)

    async def action_back(self) -> None:
        place = self.history.back(leaving_at=self.reading_pane.reading_place)
        if place is None:
            self.tell("You are at the beginning: there is nothing to go back to.")
            return
        await self.go_to(place)

    async def action_forward(self) -> None:
        place = self.history.forward(leaving_at=self.reading_pane.reading_place)
        if place is None:
            self.tell("There is nothing to go forward to.")
            return
        await self.go_to(place)

    async def action_go_start(self) -> None:
        await self.show_start()
        self.announce("Start page.")

    def action_escape(self) -> None:
        """Escape on the main view: speech stops (as for any key), found words lose their marks and an
        open topic panel closes."""
        self.voicing.stop()
        self._clear_found()
        if self.narrow and self.has_class("-tree-open"):
            self.remove_class("-tree-open")
            self._focus_pane()

    def action_toggle_tree(self) -> None:
        if self.narrow:
            opening = not self.has_class("-tree-open")
            self.set_class(opening, "-tree-open")
        else:
            opening = self.has_class("-tree-hidden")
            self.set_class(not opening, "-tree-hidden")
            self.call_later(self.refresh_start_page)
        if opening:
            self.topic_tree.focus()
            self.announce("Topic list shown.")
        else:
            self._focus_pane()
            self.announce("Topic list hidden.")

    # ----- finding ------------------------------------------------------------------------------

    def action_search(self) -> None:
        self._push_search("")

    def _push_search(self, query: str, *, from_history: bool = False) -> None:
        from guide.ui.screens.search import BACK, FORWARD, TREATMENT_PREFIX, SearchScreen

        screen = SearchScreen(self.library, self.search_index, query,
                              lambda words: self.treatment_catalog().named(words), from_history=from_history)

        async def chosen(topic_id: str | None) -> None:
            if topic_id in (BACK, FORWARD):  # Backspace in an empty box, or Alt+Left / Alt+Right
                await (self.action_back() if topic_id == BACK else self.action_forward())
            elif topic_id:
                # leaving the page under the search: Back through the search returns to its block
                self.history.visit(Place("search", screen.query_text), self.reading_pane.reading_place)
                if topic_id.startswith(TREATMENT_PREFIX):
                    await self.open_treatment(topic_id.removeprefix(TREATMENT_PREFIX))
                else:
                    await self.open_topic(topic_id)

        self.push_screen(screen, chosen)

    def treatment_catalog(self) -> TreatmentCatalog:
        """Read on first use, from the dialog's or search's thread (never on the event loop)."""
        if self._treatments is None:
            from guide.content.open import content_folder
            from guide.content.treatment_choices import TreatmentCatalog

            folder = self.treatments_folder or content_folder(None, self.library.language)
            self._treatments = TreatmentCatalog.load(self.library, folder)
        return self._treatments

    def action_my_treatment(self) -> None:
        from guide.ui.screens.treatment import TreatmentScreen

        kept = self.settings.treatment if self.OFFERS_REMEMBERING_TREATMENT else None
        remember = bool(kept) if self.OFFERS_REMEMBERING_TREATMENT else None

        async def chosen(choice: TreatmentChosen | None) -> None:
            if choice is None:
                return
            if remember is not None and (choice.treatment_id if choice.remember else None) != kept:
                self.save(treatment=choice.treatment_id if choice.remember else None)
            await self.open_treatment(choice.treatment_id)

        self.push_screen(TreatmentScreen(self.treatment_catalog, remember=remember, remembered=kept), chosen)

    async def open_treatment(self, treatment_id: str, record: bool = True) -> None:
        """The summary as a document in the reading pane, read like a topic: the title and the
        urgent signs first; its "Related topics" are the topics to read next, as links."""
        from textual.content import Content
        from textual.widgets import Static

        from guide.content.document import topic_blocks

        summary = self.treatment_catalog().summary(treatment_id)
        if summary is None:
            self.tell(f"The guide has no treatment '{treatment_id}'.", "error")
            return
        leaving_at = self.reading_pane.reading_place
        self.current_topic = None
        self.voicing.documents[summary.id] = summary
        await self.reading_pane.show_document(summary.id, topic_blocks(summary, self.library))
        self.query_one("#breadcrumb", Static).update(Content(summary.title))
        if record:
            self.history.visit(Place("treatment", treatment_id), leaving_at)
        self.remove_class("-tree-open")
        self.voicing.quiet_focus = True
        self.reading_pane.move_to_block(0)
        self.voicing.read_opening(summary.id)

    def action_glossary(self, term_id: str | None = None) -> None:
        from guide.ui.screens.glossary import GlossaryScreen

        async def chosen(topic_id: str | None) -> None:
            if topic_id:
                await self.open_topic(topic_id)

        self.push_screen(GlossaryScreen(self.library, term_id), chosen)

    def action_define(self) -> None:
        pane = self.reading_pane
        block = pane.focused_block() or pane.speaking_block
        terms = pane.term_ids(block.index) if block is not None else ()
        if not terms:
            self.tell("No marked words here. Press g for the word list.")
            return
        self.show_definitions(terms)

    def action_define_term(self, term_id: str) -> None:
        self.show_definitions([term_id])

    def action_help(self) -> None:
        from guide.ui.screens.help import HelpScreen

        note = "" if self.speech.available else self.speech.status
        notices = tuple(self.status_line.notices)
        self.push_screen(HelpScreen(list(self.all_bindings()), self.describe_key, note, notices))

    def action_cycle_theme(self) -> None:
        names = list(THEMES)
        current = names.index(self.theme) if self.theme in names else -1
        self.set_theme(names[(current + 1) % len(names)])

    # ----- speech -------------------------------------------------------------------------------

    def _speech_is_off(self) -> bool:
        notice = self.voicing.speech_off_notice()
        if notice:
            self.tell(notice)
        return bool(notice)

    def action_read_topic(self) -> None:
        if not self._speech_is_off():
            self.voicing.read(self.shown_document, self.voicing.utterances(self.shown_document))

    def action_read_section(self) -> None:
        if not self._speech_is_off():
            block = self.reading_pane.focused_block() or self.reading_pane.speaking_block
            self.voicing.read_section(self.shown_document, block.section if block is not None else None)

    def action_pause_resume(self) -> None:
        self.voicing.pause_resume()

    def action_stop_speech(self) -> None:
        self.voicing.stop()
        self.status_line.show_status(self.voicing.status())

    def action_speech_move(self, unit: str, step: int) -> None:
        if unit == "section":  # heading to heading, with speech on or off (app_structure)
            self.move_section(step)
            return
        moved = self.voicing.move(unit, step, self.shown_document)
        if moved.status:
            self.status_line.show_status(moved.status)
        utterance = moved.utterance
        if utterance is not None:  # speech off: focus goes to the sentence's block, the sentence marked
            self.voicing.quiet_focus = True
            self.reading_pane.move_to_block(utterance.block)
            self.reading_pane.highlight(utterance.block, utterance.start, utterance.end)

    def action_repeat(self) -> None:
        self.speech.repeat()

    def action_spell_word(self) -> None:
        shown, _said = self.voicing.spell(self.shown_document)
        self.status_line.show_status(shown)

    def action_where(self) -> None:
        place = self.library.breadcrumb(self.current_topic) if self.current_topic else "the start page"
        if self.shown_document in self.voicing.documents:
            place = self.voicing.documents[self.shown_document].title
        text = self.voicing.where(place, self.shown_document)
        self.status_line.show_status(text)
        self.announce(text)

    def action_rate(self, step: int) -> None:
        self.status_line.show_status(self.voicing.change_rate(step))

    def action_volume(self, step: int) -> None:
        self.status_line.show_status(self.voicing.change_volume(step))

    def action_toggle_speech(self) -> None:
        warning = self.voicing.toggle()
        if warning:
            self.notify(warning, severity="warning", markup=False, timeout=8)
        self.status_line.show_status(self.voicing.status())

    # ----- choosing a voice ---------------------------------------------------------------------

    _voices_wanted = False
    """The chooser was asked for and waits for the service's voices."""
    _voice_timers: tuple[Timer, ...] = ()

    def action_choose_voice(self) -> None:
        """The chooser opens with the voices: at once when they are known; else when a starting
        service sends them (a voices event); with "no voices" when it cannot start or takes too long."""
        self.warm_up_speech()
        if self._voices_wanted:
            return
        self._voices_wanted = True
        self._voice_timers = (
            self.set_interval(VOICE_RETRY_S, self._list_voices),
            self.set_timer(VOICE_WAIT_S, self._give_up_on_voices),
        )
        self._list_voices()

    @on(SpeechEventArrived)
    def _voices_may_have_arrived(self, message: SpeechEventArrived) -> None:
        if self._voices_wanted and message.event.kind in ("voices", "status", "unavailable"):
            self._list_voices()

    @work(thread=True, exclusive=True, group="voices")
    def _list_voices(self) -> None:
        """Listing voices may start an engine: done in a thread, then the chooser opens."""
        voices = self.speech.voices()
        self.call_from_thread(self._voices_listed, voices, final=False)

    def _give_up_on_voices(self) -> None:
        self._voices_listed(self.speech.voices(), final=True)

    def _voices_listed(self, voices: list[tuple[str, str]], *, final: bool) -> None:
        if not self._voices_wanted:
            return
        if not voices and self.speech.available and not final:
            if "Looking for voices" not in self.status_line.status:
                self.status_line.show_status("Looking for voices…")
                self.announce("Looking for voices.")
            return
        self._voices_wanted = False
        for timer in self._voice_timers:
            timer.stop()
        from guide.ui.screens.voice import VoiceScreen

        self.push_screen(VoiceScreen(voices), self._voice_chosen)

    def _voice_chosen(self, voice_id: str | None) -> None:
        if voice_id:
            self.voicing.choose_voice(voice_id)


def build_app(
    library: Library,
    speech: SpeechService,
    settings: Settings,
    *,
    settings_path: Path | None = None,
    persist: bool = True,
    notice: str | None = None,
    defaults: Settings | None = None,
    app_class: type[GuideApp] = GuideApp,
) -> GuideApp:
    """The one way to make the guide's window: everything it depends on is handed in (tests pass fakes)."""
    return app_class(
        library,
        speech,
        settings,
        settings_path=settings_path,
        persist=persist,
        notice=notice,
        defaults=defaults,
    )
