"""Urgent blocks come before the summary in every copy of a topic: what to do now is met first,
whether the topic is read in the terminal, in Markdown or JSON, on a web page, on paper or by ear."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from guide.content import plaintext
from guide.content.loader import load_or_raise
from guide.content.model import Library, Topic
from guide.copies.html import SiteLayout, topic_body
from guide.copies.text import topic_file_text
from guide.speech.text import topic_utterances

from .export_run import FIXTURE_CONTENT

LIBRARY = load_or_raise(FIXTURE_CONTENT)
URGENT_TOPICS = [t for t in LIBRARY.topics if t.urgent]


def spoken(topic: Topic, library: Library) -> str:
    """What `speak` says, one sentence a line (no sound is made)."""
    return "\n".join(u.text for u in topic_utterances(topic, library))


COPIES: dict[str, Callable[[Topic, Library], str]] = {
    "show text": plaintext.topic_text,
    "show markdown": plaintext.topic_markdown,
    "show json": lambda topic, library: json.dumps(plaintext.topic_dict(topic, library)),
    "export html": lambda topic, library: topic_body(topic, library, SiteLayout(), None, None),
    "export text": lambda topic, library: topic_file_text(topic, library, 72),
    "speak": spoken,
}


def test_the_fixture_has_topics_with_urgent_blocks() -> None:
    assert len(URGENT_TOPICS) >= 2


@pytest.mark.parametrize("copy", list(COPIES))
@pytest.mark.parametrize("topic", URGENT_TOPICS, ids=lambda t: t.id)
def test_urgent_before_summary(copy: str, topic: Topic) -> None:
    text = COPIES[copy](topic, LIBRARY)
    label = topic.urgent[0].level.label
    first_sentence = topic.summary.split(". ")[0]
    assert label in text and first_sentence in text
    assert text.index(label) < text.index(first_sentence), f"{copy}: the summary comes before {label!r}"
