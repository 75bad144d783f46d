"""The public set of patient questions: the answer is in the top three for at least 95% of them,
on the tuning part and on the held-out part alike, and the guide beats plain FTS5 BM25."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guide.content.loader import load_or_raise
from guide.content.search import SearchIndex
from tests.search.baseline import PlainFts, hit_rate
from tests.search.questions import Question, load_questions

QUESTIONS = load_questions()
LIBRARY = load_or_raise()


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(LIBRARY)


def _guide(index: SearchIndex) -> Callable[[str], list[str]]:
    return lambda text: [r.topic_id for r in index.search(text, limit=3)]


def test_the_set_is_large_and_has_a_held_out_part() -> None:
    assert len(QUESTIONS) >= 150
    assert len([q for q in QUESTIONS if q.held_out]) >= 30
    assert len({q.text.casefold() for q in QUESTIONS}) == len(QUESTIONS), "a question is in the set twice"


def test_every_answer_names_a_topic_that_exists() -> None:
    """A renamed topic must fail here by name, not as a mysterious drop in the hit rate."""
    missing = [(q.text, a) for q in QUESTIONS for a in q.answers if a not in LIBRARY]
    assert not missing


@pytest.mark.parametrize("held_out", [False, True], ids=["tuning", "held-out"])
def test_answer_in_top_three_for_at_least_95_percent(index: SearchIndex, held_out: bool) -> None:
    part: list[Question] = [q for q in QUESTIONS if q.held_out is held_out]
    hits, misses = hit_rate(_guide(index), part)
    assert hits / len(part) >= 0.95, "\n".join(f"{q.text!r} wants {q.answers}, got {found}" for q, found in misses)


def test_the_guide_beats_plain_fts5_bm25(index: SearchIndex) -> None:
    guide, _ = hit_rate(_guide(index), QUESTIONS)
    baseline, _ = hit_rate(PlainFts(LIBRARY).search, QUESTIONS)
    assert guide > baseline
