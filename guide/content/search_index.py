"""The topics in SQLite FTS5: one row per topic, one column per field.

FTS5 does the stemming (porter), the inverted index and BM25 with column weights; this
module only turns topics into rows and asks the questions. Snippets are marked by FTS5's
highlight(), so the words shown as matched are found by the same stemming that found the topic.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from functools import cached_property

from guide.content.model import Library, Topic
from guide.content.query import quoted, words

COLUMNS = ("title", "keywords", "names", "summary", "headings", "body")
WEIGHTS = (10.0, 6.0, 6.0, 3.0, 2.5, 1.0)
"""Weight of each column's BM25 score: a word in the title says more than one in the body."""
TOKENIZER = "porter unicode61 remove_diacritics 2"
MARK_START, MARK_END = "\x02", "\x03"
"""Around matched words in a snippet; presenters turn them into bold, underline or *stars*."""


def topic_fields(topic: Topic, names: Iterable[str]) -> tuple[str, ...]:
    """The indexed text of a topic, in COLUMNS order."""
    body: list[str] = []
    for block in topic.urgent:
        body.extend((block.text, *block.signs))
    for section in topic.sections:
        body.extend(section.paragraphs)
    body.extend(topic.key_points)
    body.extend(topic.questions)
    return (
        topic.title,
        "\n".join(topic.keywords),
        "\n".join(names),
        topic.summary,
        "\n".join(s.heading for s in topic.sections),
        "\n".join(body),
    )


class TopicTable:
    """An in-memory FTS5 database of one library; safe to query from any one thread at a time."""

    def __init__(self, library: Library) -> None:
        self.count = len(library.topics)
        names: dict[str, list[str]] = {}
        for term in library.glossary:
            if term.topic:
                names.setdefault(term.topic, []).extend((*term.names, *term.lay))
        self._lock = threading.Lock()
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.execute(f"CREATE VIRTUAL TABLE topic USING fts5({', '.join(COLUMNS)}, tokenize='{TOKENIZER}')")
        db.executemany(
            f"INSERT INTO topic(rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})",
            ((i, *topic_fields(t, names.get(t.id, ()))) for i, t in enumerate(library.topics)),
        )
        db.commit()
        self._db = db
        self._library = library
        summary, body = COLUMNS.index("summary"), COLUMNS.index("body")
        self._marked_sql = (
            f"SELECT rowid, highlight(topic, {summary}, ?, ?), highlight(topic, {body}, ?, ?) FROM topic "
            "WHERE topic MATCH ?"
        )
        # One bm25() per column, each weighted after its own saturation: in a single bm25() the
        # weights multiply counts before BM25 saturates them, so a title match barely outranks
        # a word said twice in the body of a short topic.
        per_column = " + ".join(
            f"{weight} * bm25(topic, {', '.join('1' if c == n else '0' for c in range(len(COLUMNS)))})"
            for n, weight in enumerate(WEIGHTS)
        )
        self._knows_sql = "SELECT 1 FROM topic WHERE topic MATCH ? LIMIT 1"
        self._rank_sql = f"SELECT rowid, -({per_column}) FROM topic WHERE topic MATCH ?"

    @cached_property
    def vocabulary(self) -> list[str]:
        """Every distinct word the topics use, folded but not stemmed, for correcting misspellings.

        Made on the first misspelling, not with the index: most searches never need it."""
        return sorted({w for t in self._library.topics for text in t.all_text() for w in words(text)})

    def knows(self, word: str) -> bool:
        """Whether any topic has this word (or another form of it: 'rashes' for 'rash')."""
        with self._lock:
            return self._db.execute(self._knows_sql, (quoted([word]),)).fetchone() is not None

    def scores(self, expression: str) -> dict[int, float]:
        """Topic number -> BM25 score (higher is better) for every topic the expression matches."""
        with self._lock:
            return dict(self._db.execute(self._rank_sql, (expression,)).fetchall())

    def in_title(self, expression: str) -> set[int]:
        with self._lock:
            rows = self._db.execute("SELECT rowid FROM topic WHERE topic MATCH ?", (f"title : ({expression})",))
            return {r for (r,) in rows}

    def marked_fields(self, topics: list[int], expression: str) -> dict[int, tuple[str, str]]:
        """Each topic's summary and body with every matched word between MARK_START and MARK_END."""
        if not topics:
            return {}
        sql = self._marked_sql + f" AND rowid IN ({', '.join('?' * len(topics))})"
        with self._lock:
            rows = self._db.execute(sql, (MARK_START, MARK_END) * 2 + (expression, *topics)).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}
