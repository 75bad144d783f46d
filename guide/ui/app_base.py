"""GuideAppBase: what the guide's window is. GuideApp (guide.ui.app) adds what its keys do.

The app owns navigation (history, topics, dialogs) and routes every key; what is
said lives in Voicing, a plain object the app holds. Widgets and dialogs only show
things and post typed messages (guide.ui.messages), and are handed what they need
when they are made. Speech events arrive from the service's thread and are carried
onto the UI thread with post_message, where Voicing reads them and the app shows
what it answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.reactive import Initialize, Reactive
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Static

from guide.content.document import DocBlock, topic_blocks
from guide.content.model import Library
from guide.settings import THEMES, Settings, save_settings
from guide.speech.api import Cue, SpeechEvent, SpeechService
from guide.ui.cursor import FocusCursor
from guide.ui.glossary_marks import GlossaryMarker
from guide.ui.history import START, History, Place
from guide.ui.key_lookup import describe_key, each_binding, is_speech_control
from guide.ui.keys import reader_bindings
from guide.ui.messages import (
    Announce,
    DefineTerms,
    FocusMoved,
    OpenTopic,
    SpeechEventArrived,
    TopicOpened,
    UserActivity,
)
from guide.ui.start_page import StartLayout, start_blocks
from guide.ui.themes import ANSI_VARIABLES, THEME_LABELS, guide_themes
from guide.ui.voicing import START_ID, Voicing
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
        elif isinstance(self.app, GuideAppBase):  # a dialog closed: say where focus is again
            self.app.voicing.focus_returned()


def _first_theme(app: GuideAppBase) -> str:
    """The theme the app starts in: the settings' one, or the dark theme for a name it does not offer."""
    return app.settings.theme if app.settings.theme in THEMES else "guide-dark"


class GuideAppBase(App[int]):
    """The window and its state; it stands alone (tests of the layout need no actions)."""

    CSS_PATH = Path(__file__).with_name("guide.tcss")
    """Absolute, so subclasses in other folders (the kiosk) load the same stylesheet."""
    TITLE = "Immunotherapy guide"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = list(reader_bindings())
    PRIORITY_MAIN_ONLY = frozenset({"switch_pane", "go_start", "pause_resume"})
    """Priority actions that belong to the main view; in a dialog their keys keep their usual meaning."""
    theme: Reactive[str] = Reactive(Initialize(_first_theme))
    """The settings' theme is the app's theme from the first time Textual asks for one. Set after
    App.__init__ instead, it would be a change of theme, which parses every stylesheet again."""

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
        self.settings = settings  # before App.__init__, which may ask for the theme (see theme)
        # The themes t cycles through (settings.THEMES): the guide's own and Textual's ansi-dark.
        self._offered_themes: dict[str, Theme] = {t.name: t for t in guide_themes()}
        self._offered_themes.update((name, BUILTIN_THEMES[name]) for name in THEMES if name in BUILTIN_THEMES)
        super().__init__()
        self.animation_level = "none"
        self.library = library
        self.speech = speech
        self.settings_path = settings_path
        self.persist = persist
        self.notice = notice
        self.defaults = defaults or Settings()
        self.history = History()
        self.marker = GlossaryMarker(library)
        self.current_topic: str | None = None
        self.voicing = Voicing(speech, library, rate=settings.rate, volume=settings.volume, save=self.save,
                               opening=settings.opening, verbosity=settings.verbosity)
        self._index: SearchIndex | None = None
        for theme in self._offered_themes.values():
            if theme.name not in BUILTIN_THEMES:
                self.register_theme(theme)

    # ----- layout -------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return ReaderScreen(id="_default")

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(ANSI_VARIABLES)

    def get_theme(self, theme_name: str) -> Theme | None:
        """The guide's themes are known from the start, whenever Textual first looks for one."""
        return self._offered_themes.get(theme_name) or super().get_theme(theme_name)

    def compose(self) -> ComposeResult:
        yield Static(Content("Start"), id="breadcrumb", markup=False)
        yield TopicTree(self.library, id="tree")
        yield ReadingPane(self.marker, id="pane")
        yield BottomBars(self.speech.status, id="bottom-bars")

    @property
    def topic_tree(self) -> TopicTree:
        return self.query_one("#tree", TopicTree)

    @property
    def reading_pane(self) -> ReadingPane:
        return self.query_one("#pane", ReadingPane)

    @property
    def status_line(self) -> BottomBars:
        """The bottom bars; their first line is speech's status (and notices)."""
        return self.query_one("#bottom-bars", BottomBars)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    async def on_mount(self) -> None:
        self.speech.subscribe(self._from_speech_thread)
        self.status_line.show_bindings(self.all_bindings())
        self._apply_width(self.size.width)
        self.focus_cursor = FocusCursor(self, self.reading_pane, shown=self.settings.show_cursor)
        await self.show_start(record=False)
        if self.notice:
            self.tell(self.notice, "warning")
        if self.speech.enabled:  # reading the welcome builds the engine at once
            self.voicing.read(START_ID, self.voicing.utterances(START_ID))
        else:  # building it competes with drawing the first screen: wait a moment
            self.set_timer(SPEECH_WARM_UP_DELAY_S, self.warm_up_speech)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            self.call_later(self.refresh_start_page)
            if narrow and not self.has_class("-tree-open") and self.topic_tree.has_focus:
                self._focus_pane()

    # ----- user activity and "any key stops speech" ----------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.voicing.quiet_focus = False
            self.note_user_activity("key")
            describer = self.screen
            if getattr(describer, "describing", False):
                describer.describe(event)  # type: ignore[attr-defined]
                return
            if not self._is_speech_control(event.key) and self.voicing.stop():
                self.status_line.show_status(self.voicing.status())
        elif isinstance(event, events.MouseDown | events.MouseScrollDown | events.MouseScrollUp) and (
            not event.is_forwarded
        ):
            self.note_user_activity("mouse")
            if isinstance(event, events.MouseDown):
                self.voicing.quiet_focus = False
                self.speech.stop()
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            self.note_user_activity("paste")
        await super().on_event(event)

    def note_user_activity(self, kind: str) -> None:
        """Every key, click, scroll or paste. The kiosk overrides this (or listens for UserActivity)."""
        self.post_message(UserActivity(kind))

    def _is_speech_control(self, key: str) -> bool:
        return is_speech_control(self._bindings, key, pausing=bool(self.check_action("pause_resume", ())))

    def all_bindings(self) -> Iterable[Binding]:
        """The app's own bindings in declaration order (help and the key describer read these)."""
        return each_binding(self._bindings)

    def describe_key(self, key: str) -> str:
        return describe_key(self._bindings, key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.PRIORITY_MAIN_ONLY and len(self.screen_stack) > 1:
            return False
        if action == "pause_resume":
            return self.voicing.reading
        return True

    def warm_up_speech(self) -> None:
        """Let a service that starts lazily (DeferredSpeech) get going (at once if it already is)."""
        warm_up = getattr(self.speech, "warm_up", None)
        if callable(warm_up):
            warm_up()

    # ----- speech and notices -------------------------------------------------------------------

    def announce(self, text: str, cue: Cue = Cue.NONE) -> None:
        """Say it if speech is on (self-voicing); never blocks."""
        self.voicing.announce(text, cue)

    def tell(self, text: str, severity: SeverityLevel = "information") -> None:
        """A notice shown and spoken: errors, settings problems, 'this is the last topic'."""
        self.notify(text, severity=severity, markup=False, timeout=6)
        self.status_line.show_notice(text)
        self.announce(text)

    def _from_speech_thread(self, event: SpeechEvent) -> None:
        """Called on the speech service's thread: hand over to the UI thread, never touch widgets here."""
        self.post_message(SpeechEventArrived(event))

    def on_speech_event_arrived(self, message: SpeechEventArrived) -> None:
        pane = self.reading_pane
        heard = self.voicing.heard(message.event, pane.document_id, self.settings.speech)
        if heard.highlight is not None:
            pane.highlight(*heard.highlight, place=self.voicing.reading_whole)
        elif heard.clear_highlight:
            pane.highlight(-1, 0, 0)
        if heard.warning:
            self.notify(heard.warning, severity="warning", markup=False, timeout=8)
        self.status_line.show_status(heard.status)

    def on_focus_moved(self, message: FocusMoved) -> None:
        block = self.reading_pane.focused_block()
        self.voicing.focus_moved(message, self.shown_document, block.index if block is not None else None)

    def on_announce(self, message: Announce) -> None:
        self.announce(message.text)

    # ----- documents ----------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """Built on first use, from the search thread (never on the event loop)."""
        if self._index is None:
            from guide.content.search import SearchIndex

            self._index = SearchIndex(self.library)
        return self._index

    @property
    def shown_document(self) -> str:
        return self.reading_pane.document_id or START_ID

    def offers(self, action: str) -> bool:
        """Whether this window has the action (the kiosk withholds some): the start page names only these."""
        return True

    def start_page_blocks(self) -> tuple[DocBlock, ...]:
        """The start page for the layout showing now and the keys this window offers."""
        blocks = start_blocks(StartLayout.of(self.narrow, self.has_class("-tree-hidden"), self.offers))
        self.voicing.set_start_page(blocks)
        return blocks

    async def refresh_start_page(self) -> None:
        """The layout changed while the start page shows: show the words for the new layout."""
        shown = self.voicing.start_page
        if self.shown_document == START_ID and self.start_page_blocks() != shown:
            await self.reading_pane.show_document(START_ID, self.voicing.start_page)

    async def show_start(self, record: bool = True) -> None:
        leaving_at = self.reading_pane.reading_place  # kept in history: Back returns there
        self.current_topic = None
        await self.reading_pane.show_document(START_ID, self.start_page_blocks())
        self.query_one("#breadcrumb", Static).update(Content("Start"))
        if record:
            self.history.visit(START, leaving_at)
        self.voicing.quiet_focus = True
        if self.narrow and not self.has_class("-tree-open"):
            self.reading_pane.move_to_block(0)
        else:
            self.topic_tree.focus()

    async def open_topic(self, topic_id: str, record: bool = True) -> None:
        topic = self.library.get(topic_id)
        if topic is None:
            self.tell(f"There is no topic '{topic_id}'.", "error")
            return
        leaving_at, self.current_topic = self.reading_pane.reading_place, topic_id
        await self.reading_pane.show_document(topic_id, topic_blocks(topic, self.library))
        crumb = self.library.breadcrumb(topic_id)
        self.query_one("#breadcrumb", Static).update(Content(crumb))
        self.topic_tree.show_topic(topic_id)
        if record:
            self.history.visit(Place("topic", topic_id), leaving_at)
        self.remove_class("-tree-open")
        self.voicing.quiet_focus = True
        self.reading_pane.move_to_block(0)
        self.post_message(TopicOpened(topic_id, topic.title, crumb))
        self.voicing.read_opening(topic_id)

    async def on_open_topic(self, message: OpenTopic) -> None:
        await self.open_topic(message.topic_id)

    def on_define_terms(self, message: DefineTerms) -> None:
        self.show_definitions(message.term_ids)

    def show_definitions(self, term_ids: Sequence[str]) -> None:
        terms = tuple(t for t in (self.library.glossary_term(i) for i in term_ids) if t is not None)
        if terms:
            from guide.ui.screens.definition import DefinitionScreen

            if not any(isinstance(screen, DefinitionScreen) for screen in self.screen_stack):  # Enter twice, fast
                self.push_screen(DefinitionScreen(terms))

    def _focus_pane(self) -> None:
        """The pane takes the focus with its cursor where it was (it says where that is)."""
        if self.reading_pane.blocks:
            self.reading_pane.focus(scroll_visible=False)

    # ----- settings and sessions ----------------------------------------------------------------

    def set_theme(self, name: str, *, save: bool = True) -> None:
        self.theme = name
        label = THEME_LABELS.get(name, name)
        self.status_line.show_status(f"Colours: {label}")
        self.announce(f"Colours: {label}")
        if save:
            self.save(theme=name)

    def save(self, **changes: object) -> None:
        self.settings = self.settings.with_changes(**changes)
        if self.persist:
            self._write_settings(self.settings)

    @work(thread=True, exclusive=True, group="settings")
    def _write_settings(self, settings: Settings) -> None:
        problem = save_settings(settings, self.settings_path)
        if problem:
            self.call_from_thread(self.tell, problem, "warning")

    def reset_session(self, defaults: Settings | None = None) -> None:
        """Back to a fresh start for the next person: speech stopped, dialogs closed, history,
        searches, theme, rate and volume back to the defaults. Used by the kiosk after idling."""
        wanted = defaults or self.defaults
        self.speech.stop()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.history.clear()
        self.remove_class("-tree-open", "-tree-hidden")
        if self.theme != wanted.theme:
            self.theme = wanted.theme
        self.voicing.reset(wanted.rate, wanted.volume)
        self.speech.stop()
        self.settings = wanted
        self.call_later(self._reset_view)

    async def _reset_view(self) -> None:
        await self.show_start(record=False)
        self.topic_tree.collapse_all_parts()
        self.status_line.show_status(self.speech.status)
