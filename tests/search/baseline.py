"""The baseline the guide's search must beat, and how a hit is counted (shared by the test and the bench).

The baseline is what SQLite gives for free: FTS5 with BM25 and the porter stemmer over the text of
`immunoguide show` for each topic, queried with the typed words minus a stop-word list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from guide.content.model import Library
from guide.content.plaintext import topic_text
from guide.content.query import STOP_WORDS, quoted, words
from tests.search.questions import Question

TOP = 3
"""A question passes when one of its answers is in the first this many results."""


class PlainFts:
    """The baseline: one FTS5 row per topic holding its `show` text, ranked by bm25()."""

    def __init__(self, library: Library) -> None:
        self.ids = [t.id for t in library.topics]
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE doc USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')")
        self.db.executemany(
            "INSERT INTO doc(rowid, text) VALUES (?, ?)",
            ((i, topic_text(t, library, lambda kind, text: text)) for i, t in enumerate(library.topics)),
        )

    def search(self, query: str, limit: int = TOP) -> list[str]:
        terms = [quoted([w]) for w in dict.fromkeys(words(query)) if w not in STOP_WORDS]
        if not terms:
            return []
        rows = self.db.execute(
            "SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?", (" OR ".join(terms), limit)
        )
        return [self.ids[r] for (r,) in rows]


def hit_rate(
    search: Callable[[str], list[str]], questions: list[Question]
) -> tuple[int, list[tuple[Question, list[str]]]]:
    hits, misses = 0, []
    for question in questions:
        found = search(question.text)
        if set(found[:TOP]) & set(question.answers):
            hits += 1
        else:
            misses.append((question, found[:TOP]))
    return hits, misses
