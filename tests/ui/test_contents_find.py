"""Reading by structure (issue 14 item 2): the contents list, the section keys with speech on
or off, and find in page, from the plain functions to the keys in the app."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from guide.content.document import BlockKind, DocBlock, topic_blocks
from guide.content.model import Library
from guide.speech.api import Unit
from guide.ui.app import GuideApp
from guide.ui.find_in_page import Match, PageFinder, find_matches
from guide.ui.screens.contents import ContentsScreen
from guide.ui.screens.dialog import OPENING_WAIT_S
from guide.ui.screens.find import FIND_WAIT_S, FindScreen
from guide.ui.sections import TOP_LABEL, TOP_LABEL_PLAIN, section_of, section_step, sections
from guide.ui.start_page import start_blocks
from guide.ui.topic_reading import first_of_block

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


def block(index: int, text: str, kind: BlockKind = BlockKind.PARAGRAPH) -> DocBlock:
    return DocBlock(index, kind, text, 0, index)


# ----- the plain functions ------------------------------------------------------------------------


def test_matches_ignore_case_and_are_found_in_every_block_in_reading_order() -> None:
    blocks = [block(0, "Stools and more stools"), block(1, "No match here"), block(2, "STOOLS")]
    assert find_matches(blocks, " stools ") == [Match(0, 0, 6), Match(0, 16, 22), Match(2, 0, 6)]
    assert find_matches(blocks, "   ") == []
    assert find_matches(blocks, "diarrhoea") == []


def test_a_fold_that_changes_length_still_marks_the_words_own_characters() -> None:
    blocks = [block(0, "Die Straße ist groß")]
    (first, second) = find_matches(blocks, "SS")
    assert blocks[0].text[first.start : first.end] == "ß"
    assert blocks[0].text[second.start : second.end] == "ß"
    (street,) = find_matches(blocks, "strasse")
    assert blocks[0].text[street.start : street.end] == "Straße"


def test_the_current_match_starts_at_the_readers_place_and_goes_round() -> None:
    blocks = [block(i, "a rash") for i in range(5)]
    finder = PageFinder()
    assert finder.search(blocks, "rash", from_block=3) == Match(3, 2, 6)
    assert finder.words() == "4 of 5 matches"
    assert finder.step(1) == Match(4, 2, 6)
    assert finder.step(1) == Match(0, 2, 6)
    assert finder.words() == "1 of 5 matches"
    assert finder.step(-1) == Match(4, 2, 6)
    assert finder.search(blocks, "itch") is None
    assert finder.words() == 'No match for "itch".'
    assert finder.step(1) is None
    finder.search(blocks[:1], "rash")
    assert finder.words() == "1 of 1 match"


def test_contents_are_the_top_then_every_heading(library: Library) -> None:
    blocks = topic_blocks(library["colitis"], library)
    entries = sections(blocks)
    assert [e.label for e in entries] == [
        TOP_LABEL,
        "What colitis is",
        "Key points",
        "Questions to ask your care team",
        "Related topics",
        "Sources",
    ]
    assert all(blocks[e.block].kind is BlockKind.HEADING for e in entries[1:])
    assert section_of(entries, 0) == 0
    assert section_of(entries, entries[2].block + 1) == 2
    start = sections(start_blocks())
    assert [e.label for e in start] == [TOP_LABEL_PLAIN, "How to move", "Help and speech", "Please note"]


def test_section_step_goes_heading_to_heading_and_stops_at_either_end(library: Library) -> None:
    blocks = topic_blocks(library["colitis"], library)
    starts = [e.block for e in sections(blocks)]
    assert section_step(blocks, 0, 1) == starts[1]
    assert section_step(blocks, starts[1] + 1, 1) == starts[2]
    assert section_step(blocks, starts[1] + 1, -1) == starts[1]  # back to the heading of this section
    assert section_step(blocks, starts[1], -1) == 0
    assert section_step(blocks, 0, -1) is None
    assert section_step(blocks, starts[-1], 1) is None
    assert section_step(blocks, len(blocks) - 1, -1) == starts[-1]


# ----- the keys in the app ------------------------------------------------------------------------


def stop_of(app: GuideApp, block: int) -> int:
    """The first block of the cursor stop that holds ``block`` (an urgent box is one stop)."""
    return next(stop.first for stop in app.reading_pane.stops if stop.first <= block <= stop.last)


def headings(app: GuideApp) -> list[int]:
    return [b.index for b in app.reading_pane.blocks if b.kind is BlockKind.HEADING]


async def test_section_keys_with_speech_off_go_heading_by_heading_through_colitis(make_app: MakeApp) -> None:
    app = make_app(RecordingSpeech(enabled=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot, 0.1)
        marks = headings(app)
        entries = sections(app.reading_pane.blocks)
        for number, heading in enumerate(marks, start=2):
            await pilot.press("greater_than_sign")
            await settle(pilot)
            assert app.reading_pane.cursor_block == heading
            label = app.reading_pane.blocks[heading].text
            assert f"Section {number} of {len(entries)}: {label}" in screen_text(app)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.reading_pane.cursor_block == marks[-1]
        assert "Last section." in screen_text(app)
        for heading in [*reversed(marks[:-1]), 0]:
            await pilot.press("less_than_sign")
            await settle(pilot)
            assert app.reading_pane.cursor_block == heading
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert app.reading_pane.cursor_block == 0
        assert "First section." in screen_text(app)


async def test_section_keys_with_speech_on_read_from_the_heading_and_move_the_cursor(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot, 0.1)
        whole = app.voicing.utterances("colitis")
        first, second = headings(app)[:2]
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.reading_pane.cursor_block == first
        assert ("read", len(whole), first_of_block(whole, first)) in speech.calls
        await pilot.press("greater_than_sign")  # reading the whole topic now: the reading is steered
        await settle(pilot)
        assert ("move", Unit.SECTION, 1) in speech.calls
        assert app.reading_pane.cursor_block == second
        assert whole[speech.position].block == second
        speech.clear()
        for _ in range(len(headings(app))):
            await pilot.press("greater_than_sign")
        await settle(pilot)
        assert "Last section." in speech.said()


async def test_contents_lists_the_sections_and_enter_goes_to_one(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        speech.clear()
        await pilot.press("o")
        await settle(pilot, OPENING_WAIT_S + 0.1)
        assert isinstance(app.screen, ContentsScreen)
        rows = app.screen.query_one("#sections", OptionList)
        assert rows.highlighted == 1  # the section the cursor is in
        assert any(s.startswith("Contents of Diarrhoea and colitis, 6 sections.") and "What colitis is, you are here"
                   in s for s in speech.said())
        await pilot.press("down", "down")
        await settle(pilot)
        assert any("Questions to ask your care team, 4 of 6" in s for s in speech.said())
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ContentsScreen)
        questions = next(b for b in app.reading_pane.blocks if b.text == "Questions to ask your care team")
        assert app.reading_pane.cursor_block == questions.index
        await pilot.press("o", "up", "up", "up", "enter")
        await settle(pilot)
        assert app.reading_pane.cursor_block == 0


async def test_contents_of_the_start_page_are_its_headings(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ContentsScreen)
        labels = [e.label for e in app.screen.entries]
        assert labels == ["Top: title", "How to move", "Help and speech", "Please note"]  # no warnings there


async def test_find_marks_the_matches_moves_to_each_and_says_how_many(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        expected = find_matches(app.reading_pane.blocks, "stools")
        assert len(expected) >= 3
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        await pilot.press(*"STOOLS")
        await settle(pilot, FIND_WAIT_S + 0.1)
        count = f"1 of {len(expected)} matches"
        assert count in screen_text(app)
        assert any(s.startswith(count) for s in speech.said())
        assert app.reading_pane.cursor_block == stop_of(app, expected[0].block)
        assert app.finder.spans() == list(expected)
        await pilot.press("f3")
        await settle(pilot)
        assert f"2 of {len(expected)} matches" in screen_text(app)
        assert app.reading_pane.cursor_block == stop_of(app, expected[1].block)
        await pilot.press("ctrl+p", "ctrl+p")
        await settle(pilot)
        assert f"{len(expected)} of {len(expected)} matches" in screen_text(app)
        await pilot.press("enter")  # the bar closes, the cursor stays on the match, the marks stay
        await settle(pilot)
        assert not isinstance(app.screen, FindScreen)
        assert app.reading_pane.cursor_block == stop_of(app, expected[-1].block)
        await pilot.press("f3")
        await settle(pilot)
        assert app.reading_pane.cursor_block == stop_of(app, expected[0].block)
        assert f"1 of {len(expected)} matches" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.finder.matches == []
        await pilot.press("f3")
        await settle(pilot)
        assert "Press Ctrl+F" in screen_text(app)


async def test_find_says_when_nothing_matches_and_escape_clears(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("ctrl+f", *"zebra")
        await settle(pilot, FIND_WAIT_S + 0.1)
        assert 'No match for "zebra".' in screen_text(app)
        assert 'No match for "zebra".' in speech.said()
        await pilot.press("enter")  # nothing to go to: the bar stays
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FindScreen)
        assert app.finder.matches == []


async def test_no_dialog_opens_over_another_and_a_fast_second_enter_is_harmless(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("f1", "o", "ctrl+f", "i", "b")
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["ReaderScreen", "HelpScreen"]
        assert app.current_topic == "colitis"
        await pilot.press("escape", "o", "down", "enter", "enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert app.reading_pane.cursor_block == headings(app)[0]


async def test_the_sentence_keys_go_on_from_the_match_found(make_app: MakeApp) -> None:
    """After find (Enter on a match, or F3 from the text) the next-sentence key goes on from the
    match, not from where the reader was before finding (here the title)."""
    app = make_app()  # speech off: '.' moves the cursor to the next sentence's block
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        app.reading_pane.focus()
        matches = find_matches(app.reading_pane.blocks, "the")
        await pilot.press("ctrl+f", *"the")
        await settle(pilot, FIND_WAIT_S + 0.1)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        found = app.reading_pane.cursor_block
        assert found == stop_of(app, matches[2].block) and found > 1
        await pilot.press("full_stop")
        await settle(pilot)
        assert app.reading_pane.cursor_block >= found
        await pilot.press("f3")
        await settle(pilot)
        found = app.reading_pane.cursor_block
        assert found == stop_of(app, matches[3].block)
        await pilot.press("full_stop")
        await settle(pilot)
        assert app.reading_pane.cursor_block >= found
