"""Where glossary terms occur in a piece of text, so the reading pane can mark them.

Pure text work (no Textual): one compiled pattern per library, longest names
first, whole words only, case ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide.content.document import BlockKind
from guide.content.model import Library

MARKED_KINDS = frozenset(
    {
        BlockKind.SUMMARY,
        BlockKind.URGENT,
        BlockKind.URGENT_SIGN,
        BlockKind.PARAGRAPH,
        BlockKind.BULLET,
        BlockKind.KEY_POINT,
        BlockKind.QUESTION,
    }
)
"""Block kinds whose words are marked (not titles, headings, links or sources)."""


@dataclass(frozen=True)
class TermMark:
    start: int
    end: int
    term_id: str


class GlossaryMarker:
    def __init__(self, library: Library) -> None:
        self._by_name: dict[str, str] = {}
        for entry in library.glossary:
            for name in entry.names:
                self._by_name.setdefault(name.casefold(), entry.id)
        names = sorted(self._by_name, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE)
            if names
            else None
        )

    def marks(self, text: str) -> list[TermMark]:
        if self._pattern is None:
            return []
        return [
            TermMark(m.start(), m.end(), self._by_name[m.group(0).casefold()])
            for m in self._pattern.finditer(text)
            if m.group(0).casefold() in self._by_name
        ]

    def term_ids(self, text: str) -> tuple[str, ...]:
        """Distinct terms in the text, in order of first appearance."""
        return tuple(dict.fromkeys(mark.term_id for mark in self.marks(text)))
