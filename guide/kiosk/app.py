"""KioskApp: the reader, locked down for a waiting room.

Every key passes through ``on_event`` here before the reader sees it, so the kiosk's
rules hold on every screen: keys that would quit, suspend or open the command
palette are swallowed; the staff sequence opens the PIN prompt; the first key wakes
the attract screen; any key answers the idle warning. Timing and lock-out rules live
in guide.kiosk.rules (no Textual) and are tested there with a fake clock.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import rich
from rich.segment import Segments
from textual import events, on
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.widgets import Input

from guide.content.model import Library
from guide.exit_codes import EXIT_STAFF
from guide.kiosk.config import KioskConfig
from guide.kiosk.input_guard import kiosk_driver_class
from guide.kiosk.pin import PIN_PROMPT_TIMEOUT_SECONDS, PinGate, lockout_file, verify_pin
from guide.kiosk.rules import (
    BLOCKED_KEYS,
    MAX_SEARCH_CHARACTERS,
    STAFF_SEQUENCE,
    STAFF_SEQUENCE_SECONDS,
    BlockedAction,
    Clock,
    Feature,
    IdlePhase,
    IdleTimer,
    KeySequence,
    UsageCounts,
)
from guide.kiosk.screens import SPOKEN_WELCOME, AttractScreen, IdleWarningScreen, PinScreen, StaffScreen
from guide.kiosk.take_home import PRINT_CHOICE, TakeHomeApp
from guide.settings import THEMES, Settings
from guide.speech.api import SpeechService
from guide.ui.app import GuideApp
from guide.ui.key_lookup import bindings_for_key
from guide.ui.keys import reader_bindings

DEFAULT_KIOSK_THEME = "guide-high-contrast"
TICK_SECONDS = 0.25

# Reader actions a visitor never gets in a kiosk, whatever the config says.
REMOVED_ACTIONS = frozenset({"quit"})
# Reader actions that depend on a feature in the kiosk config.
FEATURE_ACTIONS: dict[str, Feature] = {
    "search": Feature.SEARCH,
    "glossary": Feature.GLOSSARY,
    "define": Feature.GLOSSARY,
    "define_term": Feature.GLOSSARY,
    "toggle_speech": Feature.SPEECH_TOGGLE,
    "rate": Feature.SPEECH_RATE,
    "volume": Feature.SPEECH_RATE,
    "cycle_theme": Feature.THEME,
    "choose_voice": Feature.SETTINGS,  # a voice would outlast the visitor: a setting for staff
}


def kiosk_settings(config: KioskConfig) -> Settings:
    """What every visitor starts with, from the kiosk config (unknown themes fall back)."""
    d = config.defaults
    theme = d.theme if d.theme in THEMES else DEFAULT_KIOSK_THEME
    return Settings(theme=theme, speech=d.speech, rate=d.rate, volume=d.volume)


class KioskApp(TakeHomeApp, inherit_bindings=False):
    """The guide for a waiting room: no way out without the staff PIN, and a fresh start
    for every visitor. ``inherit_bindings=False`` drops Textual's own ctrl+q / ctrl+c."""

    CSS_PATH: ClassVar[list[str | Path]] = [  # type: ignore[assignment,misc]
        GuideApp.CSS_PATH,
        Path(__file__).parent / "kiosk.tcss",
    ]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        *(b for b in reader_bindings() if b.action not in REMOVED_ACTIONS),
        Binding("f5", "treatment_card", "Photo", id="find.treatment-card", show=False,
                tooltip="Show my treatment's urgent signs large, to photograph"),
    ]  # fmt: skip

    def __init__(
        self,
        library: Library,
        speech: SpeechService,
        config: KioskConfig,
        *,
        clock: Clock = time.monotonic,
    ) -> None:
        settings = kiosk_settings(config)
        super().__init__(library, speech, settings, persist=False, defaults=settings)
        self.config = config
        self.idle = IdleTimer(config.idle_seconds, config.warning_seconds, clock)
        verifier = (lambda pin: verify_pin(pin, config.pin_hash or "")) if config.pin_hash else None
        self.pin_gate = PinGate(verifier, clock=clock, state_file=lockout_file())
        self.staff_keys = KeySequence(STAFF_SEQUENCE, STAFF_SEQUENCE_SECONDS, clock)
        self.usage = UsageCounts(enabled=config.usage_counts)
        self._said_last_seconds = False
        self.pin_prompt_seconds = PIN_PROMPT_TIMEOUT_SECONDS

    # ----- start-up -----------------------------------------------------------------------------

    def get_driver_class(self) -> type[Driver]:
        """Textual's public seam for the driver: the kiosk's survive any input (input_guard)."""
        return kiosk_driver_class()

    @on(events.Mount)
    def _start_kiosk(self) -> None:
        # Runs before GuideApp.on_mount (Textual calls each class's handler, subclass first).
        # Speech stays off while nobody is there; the first key turns it on.
        if self.speech.enabled:
            self.speech.set_enabled(False)
        self.speech.stop()
        self.set_interval(TICK_SECONDS, self._tick)
        # Pushed now, not after the first refresh: Textual paints the current screen once
        # Mount is done, and that first frame must be the invitation, not the reader behind it.
        self.show_attract()
        self.clear_clipboard()
        self._end_on_signals()

    def _end_on_signals(self) -> None:
        """SIGTERM, SIGHUP (a closed terminal) and SIGINT end the kiosk through its normal
        exit, so speech closes and deletes its audio, with 128 + the signal's number as the
        status (never 0, which would look like a clean end)."""
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            try:
                loop.add_signal_handler(number, self._end_by_signal, number)
            except (ValueError, RuntimeError, NotImplementedError):
                return  # not the main thread (a test's app): the process's own handlers stay

    def _end_by_signal(self, number: int) -> None:
        self.speech.stop()
        self.exit(return_code=128 + number)

    def show_attract(self) -> None:
        if not any(isinstance(s, AttractScreen) for s in self.screen_stack):
            self.push_screen(AttractScreen(id="attract"))

    @property
    def attract_showing(self) -> bool:
        return isinstance(self.screen, AttractScreen)

    def _warning(self) -> IdleWarningScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, IdleWarningScreen)), None)

    # ----- every input passes here first --------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self._key_allowed(event):
                return
        elif isinstance(event, events.MouseDown) and not event.is_forwarded:
            self.idle.touch()
            if self.attract_showing:
                self.start_visit()
                return
            if self._warning() is not None:
                self._still_here()
                return
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            self.idle.touch()
            if self.attract_showing or self._warning() is not None:
                return
            if len(event.text) > MAX_SEARCH_CHARACTERS:
                event = events.Paste(event.text[:MAX_SEARCH_CHARACTERS])
        await super().on_event(event)

    def note_user_activity(self, kind: str) -> None:
        """The reader's hook for keys, clicks, scrolls and pastes: all mean someone is there."""
        self.idle.touch()
        super().note_user_activity(kind)

    def _key_allowed(self, event: events.Key) -> bool:
        """False when the kiosk has dealt with the key and the reader must not see it."""
        self.idle.touch()
        if self.staff_keys.feed(event.key):
            self.open_pin_prompt()
            return False
        if event.key in BLOCKED_KEYS or event.key in STAFF_SEQUENCE:
            self.speech.stop()  # any key silences speech, even one the kiosk swallows
            return False
        if isinstance(self.screen, PinScreen | StaffScreen):
            return True
        if self.attract_showing:
            self.start_visit(toggle_speech=event.key == "f2")
            return False
        if self._warning() is not None:
            self._still_here()
            return False
        focused = self.focused
        if isinstance(focused, Input) and not focused.max_length:
            focused.max_length = MAX_SEARCH_CHARACTERS  # key mashing cannot grow a search without end
        return True

    # ----- visits -------------------------------------------------------------------------------

    def start_visit(self, toggle_speech: bool = False) -> None:
        """The first key on the attract screen: a visitor is here."""
        self.idle.wake()
        self.usage.session_started()
        if isinstance(self.screen, AttractScreen):
            self.pop_screen()
        speech_on = self.defaults.speech != toggle_speech
        if toggle_speech and not self.config.allows(Feature.SPEECH_TOGGLE):
            speech_on = self.defaults.speech
        if speech_on:
            self.speech.set_enabled(True)
            self.speech.announce(SPOKEN_WELCOME)
        self.status_line.show_status(self.speech.status)

    def _still_here(self) -> None:
        warning = self._warning()
        if warning is not None:
            warning.dismiss()
        self.speech.stop()
        self.announce("Welcome back.")

    def _tick(self) -> None:
        phase = self.idle.phase()
        warning = self._warning()
        if phase in (IdlePhase.ASLEEP, IdlePhase.ACTIVE):
            if warning is not None:
                warning.dismiss()
            return
        if phase is IdlePhase.EXPIRED:
            self.start_over(by_idle=True)
            return
        left = self.idle.seconds_left()
        if warning is None:
            self._said_last_seconds = False
            self.push_screen(IdleWarningScreen(left))
            self.speech.stop()
            self.announce(f"Are you still there? Press any key to keep reading. "
                          f"The guide will start over in {left} seconds.")
        else:
            warning.show_seconds(left)
            if left <= 10 and not self._said_last_seconds:
                self._said_last_seconds = True
                self.announce(f"{left} seconds.")

    def start_over(self, by_idle: bool = False) -> None:
        """Wipe everything the last visitor did and show the attract screen."""
        if by_idle:
            self.usage.idle_reset()
        self.idle.sleep()
        self.clear_clipboard()
        self.clear_notifications()
        self.speech.stop()
        if self.speech.enabled:
            self.speech.set_enabled(False)  # first, so stepping rate and volume back says nothing
        self.reset_session(self.defaults)
        configure = getattr(self.speech, "configure", None)  # the real service's silent reset, voice too
        if callable(configure):
            configure(self.defaults.rate_wpm, self.defaults.volume_level, None)
        self.speech.stop()  # and silence whatever the switch-off queued
        self.call_later(self.show_attract)

    # ----- staff --------------------------------------------------------------------------------

    def open_pin_prompt(self) -> None:
        if any(isinstance(s, PinScreen | StaffScreen) for s in self.screen_stack):
            return
        self.push_screen(PinScreen(self.pin_gate, self.pin_prompt_seconds), self._pin_done)

    def _pin_done(self, accepted: bool | None) -> None:
        if accepted:
            more = self.staff_take_home_choices()
            self.push_screen(StaffScreen(self.staff_details(), more=more), self._staff_choice)

    def staff_details(self) -> list[str]:
        lines = [f"Config: {self.config.path}", self.usage.summary()]
        problems = self.config.problems
        if problems:
            lines.append(f"The config has {len(problems)} problem(s); the first: {problems[0].format()}")
        return lines

    def _staff_choice(self, choice: str | None) -> None:
        if choice == "exit":
            self.speech.stop()
            self.exit(return_code=EXIT_STAFF)
        elif choice == "reset":
            self.start_over()
        elif choice == PRINT_CHOICE:
            self.print_treatment()

    # ----- what a visitor must never reach ------------------------------------------------------

    def kiosk_allows(self, action: str) -> bool:
        """False for actions a visitor never gets, or that the config withholds."""
        name = action.split("(", 1)[0]
        if name in {a.value for a in BlockedAction} or name in REMOVED_ACTIONS:
            return False
        feature = FEATURE_ACTIONS.get(name)
        return feature is None or self.config.allows(feature)

    def offers(self, action: str) -> bool:
        """The start page names only the keys a visitor has."""
        return self.kiosk_allows(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.kiosk_allows(action):
            return False
        return super().check_action(action, parameters)

    def all_bindings(self) -> Iterable[Binding]:
        """Help and the key describer list only the keys a visitor can use here."""
        return (b for b in super().all_bindings() if self.kiosk_allows(b.action))

    def describe_key(self, key: str) -> str:
        if any(not self.kiosk_allows(b.action) for b in bindings_for_key(self._bindings, key)):
            return "This key does nothing in the guide."
        return super().describe_key(key)

    def copy_to_clipboard(self, text: str) -> None:
        """Copying is off: what one visitor copied (a search) would be pasted by the next."""

    def clear_clipboard(self) -> None:
        """Empty Textual's clipboard and, with an empty OSC 52, the terminal's."""
        super().copy_to_clipboard("")

    async def action_quit(self) -> None:
        """No quit key in a kiosk: staff leave through the PIN prompt."""

    def action_help_quit(self) -> None:
        """Textual's 'press ctrl+q to quit' hint would tell visitors how to try."""

    def action_suspend_process(self) -> None:
        """Suspending would leave the terminal to whatever started the guide."""

    def action_command_palette(self) -> None:
        """The palette offers quit, themes and screenshots."""

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """A screenshot is a file on disk with what a visitor was reading."""

    def action_change_theme(self) -> None:
        """Themes come from the kiosk config (and `t` when the config allows it)."""

    def action_toggle_dark(self) -> None:
        """See action_change_theme."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notices wait for a visitor: on the attract screen nobody would read them, and they
        would cover the invitation (a missing sound card is reported again at the first key)."""
        if self.idle.asleep:
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """In the browser kiosk a link would leave the guide; say where to find it instead."""
        self.tell(f"Links do not open here. You can look this up at home: {url}")

    def _fatal_error(self) -> None:
        # Textual's crash report prints local variables, which could hold what a visitor
        # searched for; the kiosk's goes to the journal without them.
        from rich.traceback import Traceback

        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()


def build_kiosk(library: Library, speech: SpeechService, config: KioskConfig, **kwargs: Any) -> KioskApp:
    """The one way to make the kiosk (tests hand in a fake speech service and a fake clock)."""
    return KioskApp(library, speech, config, **kwargs)
