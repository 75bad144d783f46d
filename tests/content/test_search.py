"""Search finds what people mean: lay words, misspellings and feelings, against the fixture library."""

from __future__ import annotations

import pytest

from guide.content.loader import load_or_raise
from guide.content.model import Library
from guide.content.search import SearchIndex

from ._library import FIXTURE

# (what a person types, the topic that must be in the top three)
QUERIES = [
    ("immunotherapy", "what-is-immunotherapy"),
    ("immunotheraphy", "what-is-immunotherapy"),
    ("imunotherapy", "what-is-immunotherapy"),
    ("what is immuno therapy", "what-is-immunotherapy"),
    ("immune treatment", "what-is-immunotherapy"),
    ("interleukin", "cytokines"),
    ("interlukin", "cytokines"),
    ("interleukin 2", "cytokines"),
    ("IL-2", "cytokines"),
    ("the runs", "colitis"),
    ("got the runs", "colitis"),
    ("diarrhoea", "colitis"),
    ("diarrhea", "colitis"),
    ("diarhea", "colitis"),
    ("colitus", "colitis"),
    ("loose stools", "colitis"),
    ("blood in my poo stools", "colitis"),
    ("my scan got bigger", "pseudoprogression"),
    ("scan shows tumour bigger", "pseudoprogression"),
    ("my tumor grew on the scan", "pseudoprogression"),
    ("pseudo progression", "pseudoprogression"),
    ("pembrolizumab", "checkpoint-inhibitors"),
    ("pembrolizamab", "checkpoint-inhibitors"),
    ("keytruda", "checkpoint-inhibitors"),
    ("opdivo", "checkpoint-inhibitors"),
    ("checkpoint inhibiters", "checkpoint-inhibitors"),
    ("car t", "car-t"),
    ("CAR-T cells", "car-t"),
    ("itchy skin", "skin-rash"),
    ("rashes", "skin-rash"),
    ("tired all the time", "fatigue"),
    ("exausted no energy", "fatigue"),
    ("i cannot breathe", "pneumonitis"),
    ("short of breath", "pneumonitis"),
    ("coughing", "pneumonitis"),
    ("thyriod", "thyroid"),
    ("hormone gland in neck", "thyroid"),
    ("side efects", "side-effects"),
    ("high temperature at night", "when-to-call"),
    ("who do i call with a fever", "when-to-call"),
    ("what to eat with colitis", "eating-with-colitis"),
]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_or_raise(FIXTURE)


@pytest.fixture(scope="module")
def index(library: Library) -> SearchIndex:
    return SearchIndex(library)


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_expected_topic_in_top_three(index: SearchIndex, query: str, expected: str) -> None:
    ids = [r.topic_id for r in index.search(query, limit=3)]
    assert expected in ids, f"{query!r} -> {ids}"
