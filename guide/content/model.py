"""The content library as immutable values.

Everything a presenter (TUI, line reader, exporter, speech) needs is here and
nothing can change it after loading, so every view of the guide agrees. The parts
are NamedTuples, not frozen dataclasses: the guide imports this module on every
start, and a frozen dataclass is built by compiling six generated methods, about
1 ms a class here (a NamedTuple takes a tenth of that). Library keeps its
dataclass (one class, with derived indexes made in __post_init__).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class UrgencyLevel(StrEnum):
    """How urgent a red-flag block is; the label is shown and spoken first."""

    CALL_TEAM = "call-team-now"
    EMERGENCY = "emergency"

    @property
    def label(self) -> str:
        """The words that mark the block, so colour is never the only signal."""
        if self is UrgencyLevel.EMERGENCY:
            return "EMERGENCY: call an ambulance or go to the emergency department now"
        return "URGENT: call your care team now"


class BulletList(NamedTuple):
    """A list of short items inside a section."""

    items: tuple[str, ...]


Block = str | BulletList
"""A section is made of paragraphs (plain strings) and bullet lists, in order."""


class Section(NamedTuple):
    heading: str
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Paragraph texts, each bullet list flattened to one item per entry."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, BulletList):
                out.extend(block.items)
            else:
                out.append(block)
        return tuple(out)


class UrgentBlock(NamedTuple):
    level: UrgencyLevel
    text: str
    signs: tuple[str, ...] = ()
    triage: tuple[str, ...] = ()
    """Ids of the triage table's signs this block lists (content/en/triage.yaml)."""


class Source(NamedTuple):
    organisation: str
    title: str
    url: str


class Topic(NamedTuple):
    id: str
    title: str
    summary: str
    parent: str | None
    order: int
    sections: tuple[Section, ...]
    key_points: tuple[str, ...]
    questions: tuple[str, ...]
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    reviewed: dt.date
    urgent: tuple[UrgentBlock, ...] = ()
    keywords: tuple[str, ...] = ()
    path: str = ""
    """The file the topic came from, for messages to editors."""
    checked: str = ""
    """What was checked against which sources on the review date ("" when the file does not say)."""

    def all_text(self) -> Iterator[str]:
        """Every piece of readable text in reading order (used by search and checks)."""
        yield self.title
        yield self.summary
        for block in self.urgent:
            yield block.text
            yield from block.signs
        for section in self.sections:
            yield section.heading
            yield from section.paragraphs
        yield from self.key_points
        yield from self.questions


class GlossaryTerm(NamedTuple):
    id: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    lay: tuple[str, ...] = ()
    topic: str | None = None
    """The topic that explains this term best, if any."""

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form that means this term."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Library:
    """The whole validated guide for one language."""

    language: str
    topics: tuple[Topic, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    pronunciations: tuple[tuple[str, str], ...] = ()
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _by_id: dict[str, Topic] = field(default_factory=dict, compare=False, repr=False)
    _children: dict[str | None, tuple[Topic, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_id = {t.id: t for t in self.topics}
        children: dict[str | None, list[Topic]] = {}
        for topic in self.topics:
            children.setdefault(topic.parent, []).append(topic)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(
            self,
            "_children",
            {k: tuple(sorted(v, key=lambda t: (t.order, t.title))) for k, v in children.items()},
        )

    def get(self, topic_id: str) -> Topic | None:
        return self._by_id.get(topic_id)

    def __getitem__(self, topic_id: str) -> Topic:
        return self._by_id[topic_id]

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._by_id

    @property
    def roots(self) -> tuple[Topic, ...]:
        """The top-level sections, in order."""
        return self._children.get(None, ())

    def children(self, topic_id: str | None) -> tuple[Topic, ...]:
        return self._children.get(topic_id, ())

    def ancestors(self, topic_id: str) -> tuple[Topic, ...]:
        """From the root down to the topic's parent (the path shown in the header)."""
        chain: list[Topic] = []
        seen: set[str] = set()
        topic = self._by_id.get(topic_id)
        while topic is not None and topic.parent is not None and topic.parent not in seen:
            seen.add(topic.parent)
            parent = self._by_id.get(topic.parent)
            if parent is None:
                break
            chain.append(parent)
            topic = parent
        return tuple(reversed(chain))

    def breadcrumb(self, topic_id: str, sep: str = " > ") -> str:
        topic = self[topic_id]
        return sep.join([*(t.title for t in self.ancestors(topic_id)), topic.title])

    def reading_order(self) -> tuple[Topic, ...]:
        """Depth-first, in tree order: what n / p and the exporters follow."""
        out: list[Topic] = []

        def walk(parent: str | None) -> None:
            for child in self.children(parent):
                out.append(child)
                walk(child.id)

        walk(None)
        return tuple(out)

    def neighbour(self, topic_id: str, step: int) -> Topic | None:
        """The next (step=1) or previous (step=-1) topic in reading order."""
        order = self.reading_order()
        ids = [t.id for t in order]
        try:
            index = ids.index(topic_id)
        except ValueError:
            return None
        target = index + step
        if 0 <= target < len(order):
            return order[target]
        return None

    def glossary_term(self, word: str) -> GlossaryTerm | None:
        """Find a glossary entry by its id, term or alias, ignoring case."""
        key = word.casefold()
        for entry in self.glossary:
            if entry.id == key or any(n.casefold() == key for n in entry.names):
                return entry
        return None
