"""The start screen's words: welcome, how to move, help, speech, and the disclaimer.

Built as DocBlocks so the start page is shown, focused and read aloud exactly
like a topic. What it tells the person to do depends on the layout showing and
the keys this window offers (a kiosk may withhold search or colours), so it never
names a list that is hidden or a key that does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from guide.content.document import BlockKind, DocBlock

DISCLAIMER = (
    "This guide gives general information about immunotherapy. It is not medical advice and "
    "does not replace your care team. If you feel unwell, call your care team. "
    "In an emergency, call your local emergency number."
)


class TreeLayout(StrEnum):
    """Where the list of topics is."""

    BESIDE = "beside"  # a column beside the text (wide screens)
    PANEL = "panel"  # a panel over the text that Tab opens (narrow screens)
    HIDDEN = "hidden"  # hidden with l on a wide screen


@dataclass(frozen=True)
class StartLayout:
    """The layout showing and the keys offered: what the start page may tell the person to do."""

    tree: TreeLayout = TreeLayout.BESIDE
    search: bool = True
    glossary: bool = True
    colours: bool = True
    speech_toggle: bool = True

    @classmethod
    def of(cls, narrow: bool, tree_hidden: bool, offers: Callable[[str], bool]) -> StartLayout:
        """The layout of a window (narrow: the list is a panel) whose ``offers(action)`` says which
        actions it has."""
        tree = TreeLayout.PANEL if narrow else TreeLayout.HIDDEN if tree_hidden else TreeLayout.BESIDE
        return cls(tree, offers("search"), offers("glossary"), offers("cycle_theme"), offers("toggle_speech"))


_TREE_WORDS: dict[TreeLayout, tuple[str, ...]] = {
    TreeLayout.BESIDE: (
        "Use the Up and Down arrow keys to move through the topics. Press Enter to open one.",
        "Press Tab to move between the list of topics and the text. Press l to show or hide the list.",
    ),
    TreeLayout.PANEL: (
        "Press Tab to open the list of topics. In the list, use the Up and Down arrow keys and press Enter "
        "to open a topic.",
        "In the text, the Up and Down arrow keys move a paragraph at a time.",
    ),
    TreeLayout.HIDDEN: (
        "The list of topics is hidden. Press l to show it, then use the Up and Down arrow keys and Enter "
        "to open a topic.",
        "In the text, the Up and Down arrow keys move a paragraph at a time.",
    ),
}


def _finding_words(layout: StartLayout) -> str:
    """'Press / to search, g for the word list, and t to change the colours.' with only the keys offered."""
    parts = [
        words
        for offered, words in (
            (layout.search, "/ to search"),
            (layout.glossary, "g for the word list"),
            (layout.colours, "t to change the colours"),
        )
        if offered
    ]
    if not parts:
        return ""
    if len(parts) > 1:
        parts[-1] = "and " + parts[-1]
    return "Press " + (", " if len(parts) > 2 else " ").join(parts) + "."


def _speech_words(layout: StartLayout) -> str:
    read = "Press r to read a topic aloud, and any key to stop."
    return f"Press F2 to turn speech on or off. {read}" if layout.speech_toggle else read


def start_blocks(layout: StartLayout | None = None) -> tuple[DocBlock, ...]:
    """The start page for this layout (the default: a wide window offering every key)."""
    layout = layout or StartLayout()
    moving = _TREE_WORDS[layout.tree]
    finding = _finding_words(layout)
    parts: list[tuple[BlockKind, str]] = [
        (BlockKind.TITLE, "Welcome to the immunotherapy guide"),
        (
            BlockKind.SUMMARY,
            "This guide explains cancer immunotherapy in plain words: what it is, how it works, "
            "its side effects, and when to call for help. It is general information, not medical advice.",
        ),
        (BlockKind.HEADING, "How to move"),
        *((BlockKind.BULLET, line) for line in moving),
        (BlockKind.BULLET, "Press n for the next topic and p for the previous one. Press Backspace to go back."),
        *(((BlockKind.BULLET, finding),) if finding else ()),
        (BlockKind.HEADING, "Help and speech"),
        (BlockKind.BULLET, "Press F1 at any time for help and a list of every key."),
        (BlockKind.BULLET, _speech_words(layout)),
        (BlockKind.HEADING, "Please note"),
        (BlockKind.PARAGRAPH, DISCLAIMER),
    ]
    blocks: list[DocBlock] = []
    section = 0
    for index, (kind, text) in enumerate(parts):
        if kind is BlockKind.HEADING:
            section += 1
        blocks.append(DocBlock(index, kind, text, section, index + 1))
    return tuple(blocks)
