"""Reading a topic the way the figure tests need it: paragraphs, sentences and the rates in them.

The figure tests assert facts ("about 7 to 12 in 100"), not whole sentences, so a rewording
keeps passing while a wrong figure fails. A rate is read in the forms the guide writes
("1 in 4", "27 in 100", "about half", "19%") and turned into a share of 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guide.content.model import Topic

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
_ONE_IN = r"(\d+(?:\.\d+)?)\s+in\s+(\d+)"
_RATE = re.compile(rf"{_ONE_IN}|(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)|\b(half)\b", re.IGNORECASE)
# "7 to 12 in 100", "between about 3 and 12 in 100": both ends share the one denominator
# (and "4 to 1 in 2", the tail of "1 in 4 to 1 in 2", is not one of these).
_RANGE = re.compile(
    r"(?<!\bin\s)(?<![\d.])(\d+(?:\.\d+)?)\s+(?:to|and)\s+(?:about\s+)?(\d+(?:\.\d+)?)\s+in\s+(\d+)", re.IGNORECASE
)
# "from about 1 in 4 to about 1 in 2": each end has its own denominator.
_FRACTION_RANGE = re.compile(rf"from\s+(?:about\s+)?{_ONE_IN}\s+to\s+(?:about\s+)?{_ONE_IN}", re.IGNORECASE)


def paragraphs(topic: Topic) -> Iterator[str]:
    """Every piece of text a reader meets in the topic: summary, urgent blocks, sections, key points."""
    yield from topic.all_text()


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def all_sentences(topic: Topic) -> Iterator[str]:
    for paragraph in paragraphs(topic):
        yield from sentences(paragraph)


def rates(text: str) -> list[float]:
    """Each single rate in the text as a share of 1; a range counts as its two ends."""
    out: list[float] = []
    rest = text
    for match in _RANGE.finditer(text):
        low, high, out_of = (float(g) for g in match.groups())
        out += [low / out_of, high / out_of]
        rest = rest.replace(match.group(0), " ")
    for match in _RATE.finditer(rest):
        count, denominator, percent, half = match.groups()
        if count is not None:
            out.append(float(count) / float(denominator))
        elif percent is not None:
            out.append(float(percent) / 100)
        elif half is not None:
            out.append(0.5)
    return out


def ranges(text: str) -> list[tuple[float, float]]:
    """Ranges written "N to M in D", "between N and M in D" or "from A in B to C in D", as shares of 1."""
    shared = [(float(a) / float(d), float(b) / float(d)) for a, b, d in _RANGE.findall(text)]
    own = [(float(a) / float(b), float(c) / float(d)) for a, b, c, d in _FRACTION_RANGE.findall(text)]
    return shared + own


def mentions(text: str, *words: str) -> bool:
    """Whether any of the words or patterns occurs in the text (case ignored)."""
    return any(re.search(w, text, re.IGNORECASE) for w in words)
