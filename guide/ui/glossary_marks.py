"""Where glossary terms occur in a piece of text, so the reading pane can mark them.

Pure text work (no Textual): one compiled pattern per library, longest names
first, whole words only, case ignored.
"""

from __future__ import annotations

import re
from typing import NamedTuple

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


class TermMark(NamedTuple):
    start: int
    end: int
    term_id: str


_WORD = re.compile(r"\w+")


def _lower_same_length(text: str) -> str:
    """Lower case without changing any offsets (a few characters grow when lowered; those stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class GlossaryMarker:
    """Finds glossary names by looking up runs of words in a dictionary.

    One big alternation regex over hundreds of names took over 100 ms to compile
    at start-up; a dictionary of names and the word spans of the text do the same
    in a fraction of that, longest name first, whole words only.
    """

    def __init__(self, library: Library) -> None:
        self._by_name: dict[str, str] = {}
        longest = 1
        for entry in library.glossary:
            for name in entry.names:
                key = _lower_same_length(name.strip())
                if key:
                    self._by_name.setdefault(key, entry.id)
                    longest = max(longest, len(_WORD.findall(key)))
        self._longest = longest

    def marks(self, text: str) -> list[TermMark]:
        if not self._by_name:
            return []
        lowered = _lower_same_length(text)
        spans = [(m.start(), m.end()) for m in _WORD.finditer(lowered)]
        found: list[TermMark] = []
        i = 0
        while i < len(spans):
            start = spans[i][0]
            hit = None
            if start == 0 or lowered[start - 1] != "-":
                for count in range(min(self._longest, len(spans) - i), 0, -1):
                    end = spans[i + count - 1][1]
                    if end < len(lowered) and lowered[end] == "-":
                        continue
                    term_id = self._by_name.get(lowered[start:end])
                    if term_id is not None:
                        hit = (count, TermMark(start, end, term_id))
                        break
            if hit is None:
                i += 1
            else:
                found.append(hit[1])
                i += hit[0]
        return found

    def term_ids(self, text: str) -> tuple[str, ...]:
        """Distinct terms in the text, in order of first appearance."""
        return tuple(dict.fromkeys(mark.term_id for mark in self.marks(text)))
