"""Search finds what people mean: lay words, misspellings and feelings, against the fixture library."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_LIBRARY = load_or_raise(FIXTURE)
_INDEX = SearchIndex(_LIBRARY)


@pytest.fixture(scope="module")
def library() -> Library:
    return _LIBRARY


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return _INDEX


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_expected_topic_in_top_three(index: SearchIndex, query: str, expected: str) -> None:
    ids = [r.topic_id for r in index.search(query, limit=3)]
    assert expected in ids, f"{query!r} -> {ids}"


def test_results_say_why_they_matched(index: SearchIndex) -> None:
    assert 'lay words: "the runs"' in index.search("the runs")[0].why
    assert 'close to "thyroid"' in index.search("thyriod")[0].why


def test_contractions_leave_no_stray_letters(index: SearchIndex) -> None:
    """ "can't breathe": the 't' left by the apostrophe must not match every 'T cell'."""
    with_apostrophe = [r.topic_id for r in index.search("I can't breathe")]
    assert with_apostrophe[0] == "pneumonitis"
    assert "car-t" not in with_apostrophe


def test_a_word_inside_a_longer_phrase_is_not_that_phrase(index: SearchIndex) -> None:
    """ "checkpoint" alone must not count as the lay phrase "checkpoint drug" (a whole-phrase match)."""
    why = index.search("checkpoint")[0].why
    assert "checkpoint drug" not in why


def test_results_are_ranked_and_limited(index: SearchIndex) -> None:
    results = index.search("cancer treatment immune", limit=4)
    assert len(results) == 4
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert [r.topic_id for r in results] == [r.topic_id for r in index.search("cancer treatment immune", limit=4)]


@pytest.mark.parametrize("query", ["", "   ", "?!", "the and of", "zzzqqqxxx"])
def test_empty_or_meaningless_queries_find_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_snippet_is_a_matching_sentence_not_the_title(index: SearchIndex, library: Library) -> None:
    (first,) = index.search("rice toast bananas", limit=1)
    assert first.topic_id == "eating-with-colitis"
    assert first.snippet == "Plain foods like rice, toast and bananas can help."
    assert first.title == library["eating-with-colitis"].title != first.snippet


def test_accents_and_case_are_ignored(index: SearchIndex) -> None:
    assert index.search("THYROÏD")[0].topic_id == "thyroid"


def test_suggestions_offer_real_words_for_a_near_miss(index: SearchIndex) -> None:
    tips = index.suggestions("thyrxxd")
    assert "thyroid" in tips
    assert all(len(t) >= 3 for t in tips)


def test_very_long_query_is_cut_not_slow(index: SearchIndex) -> None:
    import time

    started = time.perf_counter()
    index.search("rash " * 5000)
    assert time.perf_counter() - started < 2


def test_each_result_gives_only_its_own_reasons(index: SearchIndex) -> None:
    results = {r.topic_id: r.why for r in index.search("thyriod itchy skin", limit=10)}
    assert 'close to "thyroid"' in results["thyroid"]
    assert 'close to "thyroid"' not in results["skin-rash"]


def test_a_phrase_naming_a_topic_finds_it_even_without_shared_words(library: Library) -> None:
    """A synonym may point at a topic id whose words appear nowhere in the topic (found by a crash)."""
    import dataclasses

    odd = library["fatigue"]._replace(id="zz-qq")
    small = dataclasses.replace(library, topics=(*library.topics, odd), synonyms=(("wiped out", ("zz-qq",)),))
    results = SearchIndex(small).search("wiped out")
    assert results[0].topic_id == "zz-qq"
    assert 'lay words: "wiped out"' in results[0].why


@settings(max_examples=200, deadline=dt.timedelta(seconds=2), derandomize=True)
@given(st.text(max_size=80))
def test_any_query_returns_results_never_an_error(query: str) -> None:
    results = _INDEX.search(query, limit=5)
    assert len(results) <= 5
    assert all(r.topic_id in _LIBRARY for r in results)
    _INDEX.suggestions(query)
