"""Reading by structure (issue 14 item 2): the contents list, the section keys with speech on
or off, and find in page, from the plain functions to the keys in the app."""

from __future__ import annotations

from collections.abc import Callable

from guide.content.document import BlockKind, DocBlock, topic_blocks
from guide.content.model import Library
from guide.ui.app import GuideApp
from guide.ui.find_in_page import Match, PageFinder, find_matches
from guide.ui.sections import TOP_LABEL, section_of, section_step, sections
from guide.ui.start_page import start_blocks

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
    assert [e.label for e in start] == [TOP_LABEL, "How to move", "Help and speech", "Please note"]


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
