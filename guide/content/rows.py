"""A topic, or a whole library, as JSON types (lists, strings, numbers) and back: the one form in
which content crosses to another process (the content process of `run`) or goes into the cache.
Kept apart from cache.py so `run` needs none of the cache's imports to receive it. `run` sends
these rows with marshal, which needs no import; json is imported for the cache only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from guide.content.model import (
    Block,
    BulletList,
    GlossaryTerm,
    Library,
    Section,
    Source,
    Topic,
    UrgencyLevel,
    UrgentBlock,
)

FORMAT = 3
"""Changes whenever the layout below does, so an old cache is never read as new."""


def topic_row(t: Topic) -> list[Any]:
    return [
        t.id, t.title, t.summary, t.parent, t.order,
        [[s.heading, [list(b.items) if isinstance(b, BulletList) else b for b in s.blocks]] for s in t.sections],
        list(t.key_points), list(t.questions), list(t.related),
        [[s.organisation, s.title, s.url] for s in t.sources], t.reviewed.isoformat(),
        [[u.level.value, u.text, list(u.signs), list(u.triage)] for u in t.urgent], list(t.keywords), t.path, t.checked,
    ]  # fmt: skip


def _block(value: str | list[str]) -> Block:
    return value if isinstance(value, str) else BulletList(tuple(value))


def topic_from_row(r: Sequence[Any]) -> Topic:
    return Topic(
        id=r[0], title=r[1], summary=r[2], parent=r[3], order=r[4],
        sections=tuple(Section(h, tuple(_block(b) for b in blocks)) for h, blocks in r[5]),
        key_points=tuple(r[6]), questions=tuple(r[7]), related=tuple(r[8]),
        sources=tuple(Source(*s) for s in r[9]), reviewed=dt.date.fromisoformat(r[10]),
        urgent=tuple(UrgentBlock(UrgencyLevel(u[0]), u[1], tuple(u[2]), tuple(u[3])) for u in r[11]),
        keywords=tuple(r[12]), path=r[13], checked=r[14],
    )  # fmt: skip


def plain(library: Library) -> dict[str, Any]:
    """The library as JSON types only: lists, strings, numbers."""
    return {
        "format": FORMAT,
        "language": library.language,
        "topics": [topic_row(t) for t in library.topics],
        "glossary": [[g.id, g.term, g.definition, list(g.aliases), list(g.lay), g.topic] for g in library.glossary],
        "pronunciations": [list(p) for p in library.pronunciations],
        "synonyms": [[phrase, list(targets)] for phrase, targets in library.synonyms],
    }


def library_from_plain(data: dict[str, Any]) -> Library:
    """The Library that plain() turned into JSON types."""
    if data["format"] != FORMAT:
        raise ValueError("another layout of the content")
    topics = tuple(topic_from_row(t) for t in data["topics"])
    glossary = tuple(GlossaryTerm(g[0], g[1], g[2], tuple(g[3]), tuple(g[4]), g[5]) for g in data["glossary"])
    return Library(
        language=data["language"],
        topics=topics,
        glossary=glossary,
        pronunciations=tuple((w, s) for w, s in data["pronunciations"]),
        synonyms=tuple((p, tuple(t)) for p, t in data["synonyms"]),
    )


def to_json(library: Library) -> bytes:
    """plain() as compact UTF-8 JSON, made in one piece (json.dump writes piece by piece, twice as slow)."""
    import json

    return json.dumps(plain(library), ensure_ascii=False, separators=(",", ":")).encode()


def from_json(data: bytes) -> Library:
    """The Library that to_json wrote; ValueError, KeyError, TypeError... for anything else."""
    import json

    return library_from_plain(json.loads(data))
