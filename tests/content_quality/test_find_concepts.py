"""Every concept a patient may look for, in lay words, terms and misspellings, is found in the top three.

The tables live with each family's other checks; this module runs them all the same way.
"""

from __future__ import annotations

import pytest

from guide.content.search import SearchIndex

from .test_find_basics_types import CONCEPTS as BASICS_TYPES
from .test_find_course_and_care import CONCEPTS as COURSE_AND_CARE
from .test_find_side_effects import CONCEPTS as SIDE_EFFECTS

ALL_CONCEPTS = [*BASICS_TYPES, *COURSE_AND_CARE, *SIDE_EFFECTS]


def test_there_are_at_least_sixty_distinct_concepts() -> None:
    assert len({query.casefold() for query, _ in ALL_CONCEPTS}) >= 60


@pytest.mark.parametrize(("query", "topic_id"), ALL_CONCEPTS, ids=[q for q, _ in ALL_CONCEPTS])
def test_concept_is_found_in_the_top_three(index: SearchIndex, query: str, topic_id: str) -> None:
    found = [r.topic_id for r in index.search(query, limit=3)]
    assert topic_id in found, f"{query!r} should find {topic_id!r} in the top three; got {found}"


def test_every_row_names_a_topic_that_exists(index: SearchIndex) -> None:
    """A renamed topic must fail loudly here, not as dozens of mysterious search misses."""
    missing = {topic_id for _, topic_id in ALL_CONCEPTS if topic_id not in index.library}
    assert not missing, f"no topic has these ids: {sorted(missing)}"
