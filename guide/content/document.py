"""A topic as a flat list of blocks, in reading order.

The reading pane shows these blocks and the speech service reads them; both
number them the same way, so "highlight sentence 2 of block 7" means the same
thing on screen and in the ear. No Textual and no speech here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from guide.content.model import BulletList, Library, Topic


class BlockKind(StrEnum):
    TITLE = "title"
    SUMMARY = "summary"
    URGENT_LABEL = "urgent-label"
    URGENT = "urgent"
    URGENT_SIGN = "urgent-sign"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    KEY_POINT = "key-point"
    QUESTION = "question"
    RELATED = "related"
    SOURCE = "source"
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class DocBlock:
    """One visible, speakable piece of a topic.

    ``section`` numbers the parts a listener jumps between with next/previous
    section: 0 is the top (title, summary, urgent), then one per content section,
    then key points, questions, related topics and sources.
    ``paragraph`` numbers paragraphs across the whole topic (a bullet is one).
    """

    index: int
    kind: BlockKind
    text: str
    section: int
    paragraph: int
    target: str | None = None
    """For RELATED blocks: the topic id the link opens."""
    level: str | None = None
    """For URGENT blocks: the urgency level value."""


def topic_blocks(topic: Topic, library: Library) -> tuple[DocBlock, ...]:
    blocks: list[DocBlock] = []
    section = 0
    paragraph = 0

    def add(kind: BlockKind, text: str, *, new_paragraph: bool = True, **extra: str | None) -> None:
        nonlocal paragraph
        if new_paragraph:
            paragraph += 1
        blocks.append(DocBlock(len(blocks), kind, text, section, paragraph, **extra))

    add(BlockKind.TITLE, topic.title)
    for urgent in topic.urgent:
        add(BlockKind.URGENT_LABEL, urgent.level.label, level=urgent.level.value)
        add(BlockKind.URGENT, urgent.text, new_paragraph=False, level=urgent.level.value)
        for sign in urgent.signs:
            add(BlockKind.URGENT_SIGN, sign, level=urgent.level.value)
    add(BlockKind.SUMMARY, topic.summary)
    for part in topic.sections:
        section += 1
        add(BlockKind.HEADING, part.heading)
        for item in part.blocks:
            if isinstance(item, BulletList):
                for entry in item.items:
                    add(BlockKind.BULLET, entry)
            else:
                add(BlockKind.PARAGRAPH, item)
    section += 1
    add(BlockKind.HEADING, "Key points")
    for point in topic.key_points:
        add(BlockKind.KEY_POINT, point)
    section += 1
    add(BlockKind.HEADING, "Questions to ask your care team")
    for question in topic.questions:
        add(BlockKind.QUESTION, question)
    related = [library[r] for r in topic.related if r in library]
    if related:
        section += 1
        add(BlockKind.HEADING, "Related topics")
        for other in related:
            add(BlockKind.RELATED, other.title, target=other.id)
    section += 1
    add(BlockKind.HEADING, "Sources")
    for source in topic.sources:
        add(BlockKind.SOURCE, f"{source.organisation}: {source.title}. {source.url}")
    checked = f" Checked: {topic.checked}" if topic.checked else ""
    add(BlockKind.REVIEWED, f"Last reviewed on {topic.reviewed.strftime('%-d %B %Y')}.{checked}")
    return tuple(blocks)
