"""GuideApp: the reader. It is handed its Library, SpeechService and Settings (see build_app).

The app owns navigation (history, topics, dialogs) and the conversation with
speech; widgets only show things and post typed messages. Speech events arrive
from a background thread and are carried onto the UI thread with post_message.
Subclasses (the kiosk) override actions, BINDINGS, note_user_activity and use
reset_session().
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from guide.content.document import topic_blocks
from guide.content.model import Library
from guide.settings import RATE_NAMES, THEMES, VOLUME_NAMES, Settings, save_settings
from guide.speech.api import Cue, SpeechService, Utterance
from guide.ui.glossary_marks import GlossaryMarker
from guide.ui.history import START, History, Place
from guide.ui.keys import SPEECH_CONTROL_ACTIONS, WIDGET_KEYS, key_label, reader_bindings
from guide.ui.messages import DefineTerms, FocusMoved, OpenTopic, TopicOpened, UserActivity
from guide.ui.start_page import start_blocks
from guide.ui.themes import ANSI_VARIABLES, THEME_LABELS, guide_themes
from guide.ui.voicing import START_ID, SpeechControls
from guide.ui.widgets.bottom_bars import BottomBars
from guide.ui.widgets.reading_pane import ReadingPane
from guide.ui.widgets.topic_tree import TopicTree

if TYPE_CHECKING:
    from guide.content.search import SearchIndex

# Dialog screens (and the Input and OptionList widgets they use) are imported when first opened,
# which keeps them out of start-up.

SPEECH_WARM_UP_DELAY_S = 0.5
"""With speech off, the engine is built this long after the app mounts, when the first screen is
drawn; turning speech on, or anything to say (the welcome, with speech on), builds it at once."""

NARROW_WIDTH = 100
"""Below this many columns the topic list becomes a panel and the text gets the width."""


class ReaderScreen(Screen[Any]):
    """The main screen. Textual restyles a screen's widgets whenever it is shown, in case the theme
    changed while another screen was on top. The first time, every widget was styled a moment
    before, as it was mounted, so that pass is skipped."""

    _first_resume = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._first_resume:
            self._first_resume = False
            event.refresh_styles = False


class GuideApp(SpeechControls):
    CSS_PATH = Path(__file__).with_name("guide.tcss")
    """Absolute, so subclasses in other folders (the kiosk) load the same stylesheet."""
    TITLE = "Immunotherapy guide"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = list(reader_bindings())
    PRIORITY_MAIN_ONLY = frozenset({"switch_pane", "go_start", "pause_resume"})
    """Priority actions that belong to the main view; in a dialog their keys keep their usual meaning."""

    def __init__(
        self,
        library: Library,
        speech: SpeechService,
        settings: Settings,
        *,
        settings_path: Path | None = None,
        persist: bool = True,
        notice: str | None = None,
        defaults: Settings | None = None,
    ) -> None:
        super().__init__()
        self.animation_level = "none"
        self.library = library
        self.speech = speech
        self.settings = settings
        self.settings_path = settings_path
        self.persist = persist
        self.notice = notice
        self.defaults = defaults or Settings()
        self.history = History()
        self.marker = GlossaryMarker(library)
        self.current_topic: str | None = None
        self.speech_state = "idle"
        """'idle', 'reading' or 'paused', from the service's events."""
        self._index: SearchIndex | None = None
        self._utterances: dict[str, list[Utterance]] = {}
        self._reading_document: str | None = None
        self._quiet_focus = False
        """True after the app itself moved focus (opening a topic), until the next key or click:
        those moves are not announced, so they never cut off what is being read."""
        self._rate = settings.rate if settings.rate in RATE_NAMES else "normal"
        self._volume = settings.volume if settings.volume in VOLUME_NAMES else "normal"
        self.last_focus: FocusMoved | None = None
        for theme in guide_themes():
            self.register_theme(theme)
        self.theme = settings.theme if settings.theme in THEMES else "guide-dark"

    # ----- layout -------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return ReaderScreen(id="_default")

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(ANSI_VARIABLES)

    def compose(self) -> ComposeResult:
        yield Static(Content("Start"), id="breadcrumb", markup=False)
        yield TopicTree(self.library, id="tree")
        yield ReadingPane(self.marker, id="pane")
        yield BottomBars(self.speech.status, id="bottom-bars")

    @property
    def topic_tree(self) -> TopicTree:
        return self.query_one("#tree", TopicTree)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    async def on_mount(self) -> None:
        self.speech.subscribe(self._from_speech_thread)
        self.status_line.show_bindings(self.all_bindings())
        self._apply_width(self.size.width)
        await self.show_start(record=False)
        if self.notice:
            self.tell(self.notice, "warning")
        if self.speech.enabled:  # reading the welcome builds the engine at once
            self._read(START_ID, self.document_utterances(), 0)
        else:  # building it competes with drawing the first screen (about 25 ms): wait a moment
            self.set_timer(SPEECH_WARM_UP_DELAY_S, self._warm_up_speech)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            if narrow and not self.has_class("-tree-open") and self.topic_tree.has_focus:
                self._focus_pane()

    # ----- user activity and "any key stops speech" ----------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._quiet_focus = False
            self.note_user_activity("key")
            describer = self.screen
            if getattr(describer, "describing", False):
                describer.describe(event)  # type: ignore[attr-defined]
                return
            if not self._is_speech_control(event.key):
                self.speech.stop()
                self.speech_state = "idle"
        elif isinstance(event, events.MouseDown | events.MouseScrollDown | events.MouseScrollUp) and (
            not event.is_forwarded
        ):
            self.note_user_activity("mouse")
            if isinstance(event, events.MouseDown):
                self._quiet_focus = False
                self.speech.stop()
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            self.note_user_activity("paste")
        await super().on_event(event)

    def note_user_activity(self, kind: str) -> None:
        """Every key, click, scroll or paste. The kiosk overrides this (or listens for UserActivity)."""
        self.post_message(UserActivity(kind))

    def _is_speech_control(self, key: str) -> bool:
        for binding in self._bindings_for_key(key):
            if binding.action.split("(", 1)[0] in SPEECH_CONTROL_ACTIONS:
                return not (binding.action == "pause_resume" and not self.check_action("pause_resume", ()))
        return False

    def _bindings_for_key(self, key: str) -> list[Binding]:
        return list(self._bindings.key_to_bindings.get(key, ()))

    def all_bindings(self) -> Iterable[Binding]:
        """The app's own bindings in declaration order (help and the key describer read these)."""
        seen: set[int] = set()
        for bindings in self._bindings.key_to_bindings.values():
            for binding in bindings:
                if id(binding) not in seen:
                    seen.add(id(binding))
                    yield binding

    def describe_key(self, key: str) -> str:
        for binding in self._bindings_for_key(key):
            if binding.id:
                return binding.tooltip or binding.description
        label = key_label(key)
        for _, keys, text in WIDGET_KEYS:
            if label in keys.split(" / ") or label.capitalize() in keys.split(" / ") or keys == label:
                return text
        return "This key does nothing in the guide."

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.PRIORITY_MAIN_ONLY and len(self.screen_stack) > 1:
            return False
        if action == "pause_resume":
            return self.speech_state in ("reading", "paused")
        return True

    # ----- documents ----------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """Built on first use, from the search thread (never on the event loop)."""
        if self._index is None:
            from guide.content.search import SearchIndex

            self._index = SearchIndex(self.library)
        return self._index

    async def show_start(self, record: bool = True) -> None:
        self.current_topic = None
        await self.reading_pane.show_document(START_ID, start_blocks())
        self.query_one("#breadcrumb", Static).update(Content("Start"))
        if record:
            self.history.visit(START)
        self._quiet_focus = True
        if self.narrow and not self.has_class("-tree-open"):
            self.reading_pane.focus_block(0)
        else:
            self.topic_tree.focus()

    async def open_topic(self, topic_id: str, record: bool = True) -> None:
        topic = self.library.get(topic_id)
        if topic is None:
            self.tell(f"There is no topic '{topic_id}'.", "error")
            return
        self.current_topic = topic_id
        await self.reading_pane.show_document(topic_id, topic_blocks(topic, self.library))
        crumb = self.library.breadcrumb(topic_id)
        self.query_one("#breadcrumb", Static).update(Content(crumb))
        self.topic_tree.show_topic(topic_id)
        if record:
            self.history.visit(Place("topic", topic_id))
        self.remove_class("-tree-open")
        self._quiet_focus = True
        self.reading_pane.focus_block(0)
        self.post_message(TopicOpened(topic_id, topic.title, crumb))
        if self.speech.enabled:
            utterances = self.document_utterances(topic_id)
            first = [u for u in utterances if u.block == 0 or u.cue is Cue.URGENT]
            self._read(topic_id, first, 0)

    async def on_open_topic(self, message: OpenTopic) -> None:
        await self.open_topic(message.topic_id)

    def on_define_terms(self, message: DefineTerms) -> None:
        self.show_definitions(message.term_ids)

    def show_definitions(self, term_ids: Sequence[str]) -> None:
        terms = tuple(t for t in (self.library.glossary_term(i) for i in term_ids) if t is not None)
        if terms:
            from guide.ui.screens.definition import DefinitionScreen

            self.push_screen(DefinitionScreen(terms))

    async def go_to(self, place: Place) -> None:
        """Show a place from history without recording it again."""
        if place.kind == "start":
            await self.show_start(record=False)
        elif place.kind == "topic":
            await self.open_topic(place.value, record=False)
        elif place.kind == "search":
            self._push_search(place.value)

    # ----- actions: moving ----------------------------------------------------------------------

    def _focus_pane(self) -> None:
        view = self.reading_pane.focused_view()
        if view is None and self.reading_pane.views:
            self.reading_pane.focus_block(0)

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
        view = self.reading_pane.focused_view()
        if view is not None:
            index = self.reading_pane.views.index(view) + step
            if 0 <= index < len(self.reading_pane.views):
                self.reading_pane.focus_block(index)
            else:
                self.announce("End of the text." if step > 0 else "Top of the text.")

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

    async def action_back(self) -> None:
        place = self.history.back()
        if place is None:
            self.tell("You are at the beginning: there is nothing to go back to.")
            return
        await self.go_to(place)

    async def action_forward(self) -> None:
        place = self.history.forward()
        if place is None:
            self.tell("There is nothing to go forward to.")
            return
        await self.go_to(place)

    async def action_go_start(self) -> None:
        await self.show_start()

    def action_escape(self) -> None:
        """Escape on the main view: speech stops (as for any key) and an open topic panel closes."""
        self.speech.stop()
        self.speech_state = "idle"
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
        if opening:
            self.topic_tree.focus()
            self.announce("Topic list shown.")
        else:
            self._focus_pane()
            self.announce("Topic list hidden.")

    # ----- actions: finding ---------------------------------------------------------------------

    def action_search(self) -> None:
        self._push_search("")

    def _push_search(self, query: str) -> None:
        from guide.ui.screens.search import SearchScreen

        screen = SearchScreen(query)

        async def chosen(topic_id: str | None) -> None:
            if topic_id:
                self.history.visit(Place("search", screen.query_text))
                await self.open_topic(topic_id)

        self.push_screen(screen, chosen)

    def action_glossary(self, term_id: str | None = None) -> None:
        from guide.ui.screens.glossary import GlossaryScreen

        async def chosen(topic_id: str | None) -> None:
            if topic_id:
                await self.open_topic(topic_id)

        self.push_screen(GlossaryScreen(term_id), chosen)

    def action_define(self) -> None:
        view = self.reading_pane.focused_view() or self.reading_pane.speaking_view
        if view is None or not view.marks:
            self.tell("No marked words here. Press g for the word list.")
            return
        self.show_definitions(view.term_ids)

    def action_define_term(self, term_id: str) -> None:
        self.show_definitions([term_id])

    def action_help(self) -> None:
        from guide.ui.screens.help import HelpScreen

        note = "" if self.speech.available else self.speech.status
        self.push_screen(HelpScreen(note))

    # ----- actions: seeing ----------------------------------------------------------------------

    def action_cycle_theme(self) -> None:
        names = list(THEMES)
        current = names.index(self.theme) if self.theme in names else -1
        self.set_theme(names[(current + 1) % len(names)])

    def set_theme(self, name: str, *, save: bool = True) -> None:
        self.theme = name
        label = THEME_LABELS.get(name, name)
        self.status_line.show_status(f"Colours: {label}")
        self.announce(f"Colours: {label}")
        if save:
            self.save(theme=name)

    # ----- settings and sessions ----------------------------------------------------------------

    def save(self, **changes: object) -> None:
        self.settings = self.settings.with_changes(**changes)
        if self.persist:
            self._write_settings(self.settings)

    @work(thread=True, exclusive=True, group="settings")
    def _write_settings(self, settings: Settings) -> None:
        problem = save_settings(settings, self.settings_path)
        if problem:
            self.call_from_thread(self.tell, problem, "warning")

    def _step_speech_to(self, change: Callable[[int], str], names: tuple[str, ...], now: str, target: str) -> str:
        if target not in names or now not in names:
            return now
        diff = names.index(target) - names.index(now)
        for _ in range(abs(diff)):
            now = change(1 if diff > 0 else -1)
        return target

    def reset_session(self, defaults: Settings | None = None) -> None:
        """Back to a fresh start for the next person: speech stopped, dialogs closed, history,
        searches, theme, rate and volume back to the defaults. Used by the kiosk after idling."""
        wanted = defaults or self.defaults
        self.speech.stop()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.history.clear()
        self._utterances.clear()
        self._reading_document = None
        self.last_focus = None
        self.remove_class("-tree-open", "-tree-hidden")
        if self.theme != wanted.theme:
            self.theme = wanted.theme
        self._rate = self._step_speech_to(self.speech.change_rate, RATE_NAMES, self._rate, wanted.rate)
        self._volume = self._step_speech_to(self.speech.change_volume, VOLUME_NAMES, self._volume, wanted.volume)
        self.speech.stop()
        self.settings = wanted
        self.call_later(self._reset_view)

    async def _reset_view(self) -> None:
        await self.show_start(record=False)
        self.topic_tree.collapse_all_parts()
        self.status_line.show_status(self.speech.status)


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
    """The one way to make the reader: everything it depends on is handed in (tests pass fakes)."""
    return app_class(
        library,
        speech,
        settings,
        settings_path=settings_path,
        persist=persist,
        notice=notice,
        defaults=defaults,
    )
