"""What the keys for reading by structure do: the section keys, the contents list, find in page,
the notices read whole, and going back to the block a page was left at.

GuideApp (guide.ui.app) derives from this; the window itself is GuideAppBase. The
structure is found by plain functions (guide.ui.sections, guide.ui.find_in_page) over the
blocks the reading pane shows, so the keys land where speech counts and the dialogs are
handed only what they list.
"""

from __future__ import annotations

from guide.content.document import BlockKind
from guide.settings import Settings
from guide.ui.app_base import GuideAppBase
from guide.ui.find_in_page import Match, PageFinder
from guide.ui.sections import section_of, section_step, sections
from guide.ui.topic_reading import first_of_block

MAIN_VIEW_ONLY = frozenset({"contents", "find_in_page", "find_next", "notices", "back", "forward"})
"""Actions about the page shown; inside a dialog their keys do nothing (no dialog opens over another,
and no page changes under one). The search dialog has its own Back and Forward."""


class StructureActions(GuideAppBase):
    _finder: PageFinder | None = None
    _found_in: str | None = None
    """The document the finder's matches are in (its marks go when another is shown)."""

    @property
    def finder(self) -> PageFinder:
        if self._finder is None:
            self._finder = PageFinder()
        return self._finder

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MAIN_VIEW_ONLY and len(self.screen_stack) > 1:
            return False
        return super().check_action(action, parameters)

    def _page_title(self) -> str:
        blocks = self.reading_pane.blocks
        return blocks[0].text if blocks and blocks[0].kind is BlockKind.TITLE else "this page"

    # ----- sections -----------------------------------------------------------------------------

    def move_section(self, step: int) -> None:
        """> and <: the cursor to the next or previous heading (the top counts as the first section).
        With speech on, reading goes on from that heading; with speech off the status line says
        which section it is. Past either end: "Last section." or "First section."."""
        pane = self.reading_pane
        document = self.shown_document
        voicing = self.voicing
        utterances = voicing.utterances(document)
        steering = voicing.reading and voicing.reading_whole and voicing.reading_document == document
        here = pane.cursor_block
        if steering:  # while reading, the place is the sentence being read
            sentence = self.speech.where()[0]
            if 0 <= sentence < len(utterances):
                here = utterances[sentence].block
        target = section_step(pane.blocks, here, step)
        if target is None:
            words = "Last section." if step > 0 else "First section."
            self.status_line.show_status(words)
            self.announce(words)
            return
        entries = sections(pane.blocks)
        position = section_of(entries, target)
        if voicing.audible:
            voicing.quiet_focus = True  # reading the heading says it; the focus words would cut in
            pane.move_to_block(target)
            if steering:
                voicing.move("section", step, document)
            else:
                voicing.read(document, utterances, max(0, first_of_block(utterances, target)))
        else:
            pane.move_to_block(target)
            self.status_line.show_status(f"Section {position + 1} of {len(entries)}: {entries[position].label}")

    def action_contents(self) -> None:
        from guide.ui.screens.contents import ContentsScreen

        pane = self.reading_pane
        entries = sections(pane.blocks)
        if len(entries) < 2:
            self.tell("This page has no sections.")
            return

        def chosen(block: int | None) -> None:
            if block is not None:
                self.voicing.quiet_focus = False
                pane.move_to_block(block)
            self.focus_cursor.follow()

        current = section_of(entries, pane.cursor_block)
        self.push_screen(ContentsScreen(self._page_title(), entries, current), chosen)

    # ----- find in page -------------------------------------------------------------------------

    def action_find_in_page(self) -> None:
        from guide.ui.screens.find import FindScreen

        pane = self.reading_pane
        start = pane.cursor_block
        same_page = self._found_in == pane.document_id

        def find(query: str) -> tuple[str, str]:
            self._found_in = pane.document_id
            return self._show_found(self.finder.search(pane.blocks, query, start), quiet=True)

        def step(by: int) -> tuple[str, str]:
            return self._show_found(self.finder.step(by), quiet=True)

        def closed(keep: bool | None) -> None:
            if not keep:
                self._clear_found()
            self.focus_cursor.follow()  # the bar has gone: the terminal cursor back on the text's cursor

        self.push_screen(FindScreen(find, step, self.finder.query if same_page else ""), closed)

    def action_find_next(self, step: int) -> None:
        """F3 or Ctrl+N, and Ctrl+P, in the text, after the find bar has closed with its marks."""
        if self._found_in != self.reading_pane.document_id or not self.finder.matches:
            self.tell("Nothing is being found in this page. Press Ctrl+F to find words.")
            return
        shown, said = self._show_found(self.finder.step(step), quiet=True)
        self.status_line.show_status(shown)
        self.announce(said)

    def _show_found(self, match: Match | None, *, quiet: bool) -> tuple[str, str]:
        """Mark the matches, put the cursor on the current one; the words to show and to say."""
        pane = self.reading_pane
        pane.set_found(self.finder.spans(), self.finder.current)
        words = self.finder.words()
        if match is None:
            return words, words
        self.voicing.quiet_focus = quiet
        pane.move_to_block(match.block)
        self.voicing.set_place(self.shown_document, match.block)  # unannounced, so set here: '.' goes on from the match
        return words, f"{words}. {pane.blocks[match.block].text}"

    def _clear_found(self) -> None:
        if self._found_in is not None:
            self._found_in = None
            self.finder.clear()
            self.reading_pane.set_found((), None)

    # ----- notices and places -------------------------------------------------------------------

    def reset_session(self, defaults: Settings | None = None) -> None:
        """The next person starts with nothing found and no notices of the last one's."""
        self._clear_found()
        self.status_line.notices.clear()
        super().reset_session(defaults)

    def action_notices(self) -> None:
        from guide.ui.screens.notices import NoticesScreen

        self.push_screen(NoticesScreen(tuple(self.status_line.notices)))

    def return_to_block(self, block: int) -> None:
        """After Back or Forward: the cursor on the block the page was left at, and that block said."""
        pane = self.reading_pane
        if 0 < block < len(pane.blocks):
            self.voicing.quiet_focus = False
            pane.move_to_block(block)
