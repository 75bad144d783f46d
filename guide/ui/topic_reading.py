"""Where the speech keys land in a document, counted in its whole list of sentences.

Plain functions over a document's utterances (no Textual, no speech service), shared
by reading aloud and by moving with speech off, so both go to the same sentence and
every count is of the whole topic, whatever part of it was handed to speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guide.speech.api import Cue, Unit, Utterance

OPENING_HINT = "Press r to read the topic, or greater than for the next section."
"""Said after a topic's title and urgent warnings when the rest is not read on."""

_ADDRESS = re.compile(r"\s*\b(?:https?://|www\.)\S*\s*$", re.IGNORECASE)


def opening_length(utterances: Sequence[Utterance]) -> int:
    """How many sentences at the top are the title and the urgent warnings: what opening a topic
    reads. They come first in every topic (guide.content.document), so the opening is a prefix."""
    count = 0
    for index, utterance in enumerate(utterances):
        if utterance.block != 0 and utterance.cue is not Cue.URGENT:
            break
        count = index + 1
    return count


def move_target(utterances: Sequence[Utterance], index: int, unit: Unit, step: int) -> int:
    """The sentence a move by one sentence, paragraph or section reaches from ``index`` (-1: before
    the first). len(utterances) means past the end and -1 before the start; the speech service's
    own moves land on the same sentences."""
    if unit is Unit.SENTENCE:
        return index + step
    if index < 0:  # nothing heard yet: forward goes on from the first sentence
        if step < 0:
            return -1
        index = 0

    def group(utterance: Utterance) -> int:
        return utterance.section if unit is Unit.SECTION else utterance.paragraph

    here = group(utterances[index])
    if step > 0:
        return next((j for j in range(index + 1, len(utterances)) if group(utterances[j]) != here), len(utterances))
    start = index
    while start > 0 and group(utterances[start - 1]) == here:
        start -= 1
    target = start - 1
    while target > 0 and group(utterances[target - 1]) == group(utterances[target]):
        target -= 1
    return target


def first_of_block(utterances: Sequence[Utterance], block: int) -> int:
    """The first sentence of a block (-1 when the block has none, a rule or an empty line)."""
    return next((i for i, u in enumerate(utterances) if u.block == block), -1)


def section_heading(utterances: Sequence[Utterance], index: int) -> str:
    """The heading of the section that holds sentence ``index`` ('' before the first heading)."""
    if not 0 <= index < len(utterances):
        return ""
    section = utterances[index].section
    heading = next((u for u in utterances if u.section == section), None)
    if section == 0 or heading is None or heading.cue is not Cue.HEADING:
        return ""
    return heading.text.rstrip(".:")


_NAMES = "ay bee see dee ee ef jee aitch eye jay kay el em en oh pee cue ar ess tee you vee double-you ex why zed"
LETTER_NAMES = dict(zip("abcdefghijklmnopqrstuvwxyz", _NAMES.split(" "), strict=True))
"""Letters said by name: an engine reads a lone "a" as the article and may run letters together."""


def spelling_words(text: str) -> list[str]:
    """The words of a sentence worth spelling, longest first (a drug name is nearly always the longest)."""
    words = {w.strip("'-") for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)}
    return sorted((w for w in words if len(w) > 3), key=lambda w: (-len(w), text.find(w)))


def spelled(word: str) -> str:
    """'nivolumab' -> 'nivolumab: en, eye, vee, oh, el, you, em, ay, bee.' (digits and hyphens said too)."""
    names = [LETTER_NAMES.get(ch.casefold(), "hyphen" if ch == "-" else ch) for ch in word if not ch.isspace()]
    return f"{word}: {', '.join(names)}."


def without_address(text: str) -> str:
    """A source's text as read aloud: its organisation and title, without the web address at its end."""
    return _ADDRESS.sub("", text).strip() or text
