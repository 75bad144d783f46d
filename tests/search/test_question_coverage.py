"""Every topic is the answer to at least one question in the evaluation set.

The hit rate says nothing about a topic no question asks for: a new topic that search
never finds would leave the 95% untouched. So each bundled topic, part pages included,
must be an answer somewhere in questions.tsv, and a new topic fails here by name until
someone writes the questions patients would ask for it.
"""

from __future__ import annotations

from guide.content.open import open_library
from tests.search.questions import load_questions

# The topics issue 16 added; each needs questions of its own, not only a place beside older answers.
ISSUE_16_TOPICS = (
    "steroid-treatment",
    "adrenal-crisis",
    "blood-count-effects",
    "pancreatitis",
    "immune-modulating-drugs",
    "feelings-and-coping",
    "carers-and-family",
    "helplines-and-support",
    "older-adults",
    "everyday-health",
    "costs-outside-us",
)


def test_every_bundled_topic_answers_some_question() -> None:
    library = open_library(None, "en")
    answered = {a for q in load_questions() for a in q.answers}
    unasked = [t.id for t in library.topics if t.id not in answered]
    assert not unasked, f"no question in tests/search/questions.tsv has these topics as an answer: {unasked}"


def test_each_new_topic_has_at_least_two_tuning_questions() -> None:
    """Two, because one question can be phrased in the topic's own words by luck; and in the
    tuning part, since the held-out part must stay as it was written."""
    counts = {topic: 0 for topic in ISSUE_16_TOPICS}
    for question in load_questions():
        if not question.held_out:
            for answer in question.answers:
                if answer in counts:
                    counts[answer] += 1
    assert {t: n for t, n in counts.items() if n < 2} == {}
