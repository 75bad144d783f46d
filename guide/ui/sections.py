"""A document's sections, for the contents list and for moving a section at a time.

Plain functions over DocBlocks (no Textual): every section after the top begins with a
HEADING block (guide.content.document), so the headings are the contents, and "the top"
(the title, the summary and the urgent warnings) is the first entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from guide.content.document import BlockKind, DocBlock

TOP_LABEL = "Top: title and warnings"
"""The first entry when the top holds urgent warnings (most topics)."""
TOP_LABEL_PLAIN = "Top: title"
"""The first entry of a page with no warning above its first heading (the start page, some topics)."""
WARNING_KINDS = frozenset({BlockKind.URGENT_LABEL, BlockKind.URGENT, BlockKind.URGENT_SIGN})


class Section(NamedTuple):
    block: int
    """The index of the block the section starts at (its heading, or 0 for the top)."""
    label: str


def sections(blocks: Sequence[DocBlock]) -> list[Section]:
    """The top, then every heading, in reading order (an empty document has none). The top's label
    names warnings only when there are some: the contents and the section key say it."""
    if not blocks:
        return []
    headings = [Section(b.index, b.text) for b in blocks if b.kind is BlockKind.HEADING]
    if blocks[0].kind is BlockKind.HEADING:
        return headings
    top_end = headings[0].block if headings else len(blocks)
    warned = any(b.kind in WARNING_KINDS for b in blocks[:top_end])
    return [Section(0, TOP_LABEL if warned else TOP_LABEL_PLAIN), *headings]


def section_of(entries: Sequence[Section], block: int) -> int:
    """The position in ``entries`` of the section that holds ``block`` (0 before the first)."""
    here = 0
    for position, entry in enumerate(entries):
        if entry.block <= block:
            here = position
    return here


def section_step(blocks: Sequence[DocBlock], block: int, step: int) -> int | None:
    """The block a next (step 1) or previous (step -1) section key lands on from ``block``: the next
    heading after it, or the heading of the section it is in (the one before when it is on a
    heading), the top counting as the first section. None past the last or before the first."""
    starts = [entry.block for entry in sections(blocks)]
    if step > 0:
        return next((start for start in starts if start > block), None)
    return next((start for start in reversed(starts) if start < block), None)
