"""A topic as a flat row of JSON types (lists, strings, numbers) and back: the one form in which
topics cross to another process (parallel.py, the content process of `run`) or go into the cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from guide.content.model import Block, BulletList, Section, Source, Topic, UrgencyLevel, UrgentBlock


def topic_row(t: Topic) -> list[Any]:
    return [
        t.id, t.title, t.summary, t.parent, t.order,
        [[s.heading, [list(b.items) if isinstance(b, BulletList) else b for b in s.blocks]] for s in t.sections],
        list(t.key_points), list(t.questions), list(t.related),
        [[s.organisation, s.title, s.url] for s in t.sources], t.reviewed.isoformat(),
        [[u.level.value, u.text, list(u.signs)] for u in t.urgent], list(t.keywords), t.path,
    ]  # fmt: skip


def _block(value: str | list[str]) -> Block:
    return value if isinstance(value, str) else BulletList(tuple(value))


def topic_from_row(r: Sequence[Any]) -> Topic:
    return Topic(
        id=r[0], title=r[1], summary=r[2], parent=r[3], order=r[4],
        sections=tuple(Section(h, tuple(_block(b) for b in blocks)) for h, blocks in r[5]),
        key_points=tuple(r[6]), questions=tuple(r[7]), related=tuple(r[8]),
        sources=tuple(Source(*s) for s in r[9]), reviewed=dt.date.fromisoformat(r[10]),
        urgent=tuple(UrgentBlock(UrgencyLevel(u[0]), u[1], tuple(u[2])) for u in r[11]),
        keywords=tuple(r[12]), path=r[13],
    )  # fmt: skip
