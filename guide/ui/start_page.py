"""The start screen's words: welcome, how to move, help, speech, and the disclaimer.

Built as DocBlocks so the start page is shown, focused and read aloud exactly
like a topic.
"""

from __future__ import annotations

from guide.content.document import BlockKind, DocBlock

DISCLAIMER = (
    "This guide gives general information about immunotherapy. It is not medical advice and "
    "does not replace your care team. If you feel unwell, call your care team. "
    "In an emergency, call your local emergency number."
)

_START: tuple[tuple[BlockKind, str], ...] = (
    (BlockKind.TITLE, "Welcome to the immunotherapy guide"),
    (
        BlockKind.SUMMARY,
        "This guide explains cancer immunotherapy in plain words: what it is, how it works, "
        "its side effects, and when to call for help. It is general information, not medical advice.",
    ),
    (BlockKind.HEADING, "How to move"),
    (BlockKind.BULLET, "Use the Up and Down arrow keys to move through the topics. Press Enter to open one."),
    (BlockKind.BULLET, "Press Tab to move between the list of topics and the text. Press l to show or hide the list."),
    (BlockKind.BULLET, "Press n for the next topic and p for the previous one. Press Backspace to go back."),
    (BlockKind.BULLET, "Press / to search, g for the word list, and t to change the colours."),
    (BlockKind.HEADING, "Help and speech"),
    (BlockKind.BULLET, "Press F1 at any time for help and a list of every key."),
    (BlockKind.BULLET, "Press F2 to turn speech on or off. Press r to read a topic aloud, and any key to stop."),
    (BlockKind.HEADING, "Please note"),
    (BlockKind.PARAGRAPH, DISCLAIMER),
)


def start_blocks() -> tuple[DocBlock, ...]:
    blocks: list[DocBlock] = []
    section = 0
    for index, (kind, text) in enumerate(_START):
        if kind is BlockKind.HEADING:
            section += 1
        blocks.append(DocBlock(index, kind, text, section, index + 1))
    return tuple(blocks)
