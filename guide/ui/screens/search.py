"""Search: results as you type, computed off the event loop, each with its title and the sentence that
answers, a page at a time ("More results" at the end of the list brings the next page).

Back and Forward never get stuck here: letters always type (b is a "b" in the box), but
Alt+Left and Alt+Right go back and forward from anywhere in the dialog, and so does
Backspace in an empty box, or in a search reopened by Back before a key has changed it
(typed words are never thrown away by going back). The dialog then dismisses with BACK or FORWARD."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from guide.ui.screens.dialog import Dialog

if TYPE_CHECKING:
    from guide.content.model import Library
    from guide.content.search import Ranking, SearchIndex, SearchResult
    from guide.content.treatment_choices import Choice

DEBOUNCE_SECONDS = 0.2
"""Wait this long after the last key before searching, so typing never stutters."""
SPOKEN_PAUSE_S = 0.7
"""The results are shown DEBOUNCE_SECONDS after the last key, but said only once typing has paused
this long, so the count is heard once for a word, not at every key."""
EMPTY_HINT = "Type a word, for example rash, tired or the runs. Spelling mistakes are fine."
MORE_ID = "search-more"
TREATMENT_PREFIX = "treatment:"
"""The dismiss value for a treatment's summary is this and the entry's id (topic ids have no colon)."""
BACK = "history:back"
FORWARD = "history:forward"
"""Dismiss values that ask the app to go back or forward in its history (topic ids have no colon)."""
MARK_STYLE = "bold underline"
"""Matched words in a snippet: bold and underlined, so colour is never the only sign."""


class QueryInput(Input):
    """The search box. Backspace in an empty box asks to go back, instead of doing nothing. With
    words in the box it never does, even with the caret at their start: going back would throw
    the words away."""

    class BackspaceOut(Message):
        """Backspace in an empty box."""

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.BackspaceOut())
        else:
            super().action_delete_left()


class SearchScreen(Dialog[str | None]):
    """Dismisses with the chosen topic id, BACK or FORWARD, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "to_results", "Results", id="search.results", show=False),
        Binding("ctrl+n", "more", "More results", id="search.more"),
        Binding("alt+left", "leave('back')", "Back", id="search.back", show=False),
        Binding("alt+right", "leave('forward')", "Forward", id="search.forward", show=False),
    ]

    def __init__(
        self,
        library: Library,
        search_index: Callable[[], SearchIndex],
        query: str = "",
        treatment: Callable[[str], Choice | None] | None = None,
        *,
        from_history: bool = False,
    ) -> None:
        """``treatment`` names the treatment the words are (called from the search thread): its
        summary is offered above the results. ``from_history``: reopened by Back or Forward, so
        Backspace goes on back until a key changes the words."""
        self.from_history = from_history
        super().__init__(id="search")
        self.treatment = treatment
        self.offer: Choice | None = None
        self.library = library
        self.search_index = search_index
        """Gives the index, building it the first time: called only from the search thread."""
        self.initial_query = query
        self.results: list[SearchResult] = []
        self.ranking: Ranking | None = None
        self.query_text = query
        self.searches_done = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Search the guide"), classes="dialog-title")
            yield QueryInput(value=self.initial_query, placeholder="What do you want to know about?", id="query")
            yield Static(Content(EMPTY_HINT), id="search-message")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        field = self.query_one("#query", Input)
        field.cursor_blink = False
        field.focus()
        self.announce("Search. Type what you want to know about, then press Down for the results.")
        if self.initial_query:
            self._run_search(self.initial_query)

    _typed_at = 0.0
    _saying: Timer | None = None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self.initial_query:
            self.from_history = False
        self.query_text = event.value
        self._typed_at = time.monotonic()
        if self._saying is not None:
            self._saying.stop()
        self.after_typing(DEBOUNCE_SECONDS, lambda: self._run_search(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.offer is not None:
            self._close_with(TREATMENT_PREFIX + self.offer.treatment_id)
        elif self.results:
            self._close_with(self.results[0].topic_id)

    def _run_search(self, query: str) -> None:
        if not query.strip():
            self._show([], "")
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        """Runs in a thread: the index (built once) and the ranking never touch the event loop."""
        from guide.content.search import PAGE_SIZE

        index = self.search_index()
        ranking = index.rank(query)
        results = index.results(ranking, 0, PAGE_SIZE)
        offer = self.treatment(query) if self.treatment is not None else None
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show, results, query, ranking, offer)

    def _show(
        self, results: list[SearchResult], query: str, ranking: Ranking | None = None, offer: Choice | None = None
    ) -> None:
        self.results = results
        self.ranking = ranking
        self.offer = offer if query.strip() else None
        self.searches_done += 1
        options = self.query_one("#results", OptionList)
        options.clear_options()
        message = self.query_one("#search-message", Static)
        if not query.strip():
            message.update(Content(EMPTY_HINT))
            return
        if offer is not None:
            prompt = Content(f"My treatment: {offer.label}\n  What applies to you, urgent signs first")
            options.add_option(Option(prompt, id=TREATMENT_PREFIX + offer.treatment_id))
        if not results and offer is not None:
            message.update(Content("Press Enter to open what the guide says about your treatment."))
            self._say_when_typing_pauses(f"My treatment: {offer.label}. Press Enter to open it.")
            return
        if not results:
            tips = self.search_index().suggestions(query)
            close = f" Words in the guide close to yours: {', '.join(tips)}." if tips else ""
            text = f"Nothing found for \"{query}\".{close} Try a shorter or everyday word, such as rash or tired."
            message.update(Content(text))
            self._say_when_typing_pauses(text)
            return
        self._add_options(results)
        found = len(ranking) if ranking is not None else len(results)
        count = f"{found} found" + (f", showing {len(results)}" if found > len(results) else "")
        message.update(Content(f"{count}. Press Down to choose, Enter to open."))
        first = f"My treatment: {offer.label}" if offer is not None else f"{results[0].title}: {results[0].snippet}"
        self._say_when_typing_pauses(f"{count}. First: {first.rstrip('.')}. Press Down to choose.")

    def _say_when_typing_pauses(self, text: str) -> None:
        """Say what the search found once no key has come for SPOKEN_PAUSE_S (at once for a search
        given when the dialog opened); a key before then cancels it, and its own search speaks."""
        if self._saying is not None:
            self._saying.stop()
        wait = SPOKEN_PAUSE_S - (time.monotonic() - self._typed_at)
        if wait <= 0:
            self.announce(text)
        else:
            self._saying = self.set_timer(wait, lambda: self.announce(text))

    def _add_options(self, results: list[SearchResult]) -> None:
        """Results after those shown, then "More results" while some are left."""
        options = self.query_one("#results", OptionList)
        if MORE_ID in self._option_ids():
            options.remove_option(MORE_ID)
        for result in results:
            if options.option_count:
                options.add_option(None)  # a separator line between results
            path = self.library.breadcrumb(result.topic_id)
            snippet = Content(result.snippet)
            for start, end in result.marks:
                snippet = snippet.stylize(MARK_STYLE, start, end)
            options.add_option(Option(Content.assemble(f"{result.title}\n  {path}\n  ", snippet), id=result.topic_id))
        left = self._left()
        if left:
            options.add_option(Option(Content(f"More results: {left} more (Ctrl+N)"), id=MORE_ID))

    def _option_ids(self) -> set[str]:
        options = self.query_one("#results", OptionList)
        return {o.id for o in options.options if o.id}

    def _left(self) -> int:
        return len(self.ranking) - len(self.results) if self.ranking is not None else 0

    def action_more(self) -> None:
        """The next page of results, added below those shown; focus stays where it was."""
        from guide.content.search import PAGE_SIZE

        if self.ranking is None or not self._left():
            self.announce("No more results.")
            return
        start = len(self.results)
        page = self.search_index().results(self.ranking, start, PAGE_SIZE)
        self.results = [*self.results, *page]
        self._add_options(page)
        options = self.query_one("#results", OptionList)
        if self.focused is options:
            options.highlighted = options.get_option_index(page[0].topic_id)
        left = self._left()
        self.announce(f"{len(page)} more, {len(self.results)} of {len(self.ranking)} shown."
                      + (f" {left} left." if left else ""))

    def action_to_results(self) -> None:
        options = self.query_one("#results", OptionList)
        if options.option_count:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id == MORE_ID:
            self.announce(f"More results: {self._left()} more. Press Enter to show them.")
            return
        if self.offer is not None and event.option.id == TREATMENT_PREFIX + self.offer.treatment_id:
            self.announce(f"My treatment: {self.offer.label}. What applies to you, urgent signs first.")
            return
        ids = [r.topic_id for r in self.results]
        if event.option.id in ids:
            index = ids.index(event.option.id)
            result = self.results[index]
            self.announce(f"{result.title}, result {index + 1} of {len(self.results)}. {result.snippet}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE_ID:
            self.action_more()
            return
        self._close_with(event.option.id)

    def on_key(self, event: events.Key) -> None:
        """Backspace in a search reopened by Back, before any change, goes on back (the box would
        otherwise swallow a second Backspace by deleting a letter)."""
        if event.key == "backspace" and self.from_history:
            event.stop()
            event.prevent_default()
            self.action_leave("back")

    def on_query_input_backspace_out(self, message: QueryInput.BackspaceOut) -> None:
        self.action_leave("back")

    def action_leave(self, way: str) -> None:
        self._close_with(BACK if way == "back" else FORWARD)

    def action_close(self) -> None:
        self._close_with(None)

    def _close_with(self, value: str | None) -> None:
        """Keys typed fast (Enter, then Enter again) may ask twice before the dialog has gone."""
        if self.is_current:
            self.dismiss(value)
