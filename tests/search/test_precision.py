"""What a result list promises on the bundled guide: only real matches, reasons named once,
the answering sentence marked, and typed FTS5 syntax read as plain words."""

from __future__ import annotations

import pytest

from guide.content.loader import load_or_raise
from guide.content.search import PAGE_SIZE, SearchIndex

LIBRARY = load_or_raise()


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(LIBRARY)


def _text(topic_id: str) -> str:
    topic = LIBRARY[topic_id]
    return " ".join((*topic.all_text(), *topic.keywords)).lower()


def test_flu_jab_finds_only_topics_about_the_flu_jab_or_vaccines(index: SearchIndex) -> None:
    ranking = index.rank("flu jab")
    results = index.results(ranking, 0, len(ranking))
    assert results and results[0].topic_id == "vaccines-during-treatment"
    assert len(ranking) < 10, "the flu jab is not in most topics"
    for result in results:
        assert "flu jab" in _text(result.topic_id) or "vaccin" in _text(result.topic_id), result.topic_id


def test_the_runs_finds_colitis_first_and_says_why_once(index: SearchIndex) -> None:
    first = index.search("the runs")[0]
    assert first.topic_id == "colitis"
    assert first.why.count("the runs") == 1


def test_every_result_holds_what_its_matched_line_names(index: SearchIndex) -> None:
    """A reason is listed only for a topic that really has the word (or is named by the phrase)."""
    for query in ("flu jab", "oncolytic virus therapy", "itchy skin", "thyriod"):
        for result in index.search(query, limit=20):
            reasons = result.why.split("; ")
            assert len(reasons) == len(set(reasons)), result.why
            for reason in reasons:
                if reason.startswith('"') and reason.endswith('"'):
                    assert reason.strip('"') in _text(result.topic_id), (query, result.topic_id, reason)
    assert not any("CAR-T" in r.why for r in index.search("oncolytic virus therapy", limit=20))


def test_a_common_word_does_not_pull_its_titles_to_the_top(index: SearchIndex) -> None:
    """'immunotherapy' is in nearly every topic: the rest of the question decides."""
    assert index.search("Will I lose my hair on immunotherapy?", limit=1)[0].topic_id == "everyday-health"
    assert index.search("How long will I be on immunotherapy?", limit=1)[0].topic_id == "treatment-length"


def test_snippet_is_the_answering_sentence_with_the_words_marked(index: SearchIndex) -> None:
    first = index.search("blood in my poo", limit=1)[0]
    marked = [first.snippet[s:e].lower() for s, e in first.marks]
    assert "blood" in marked
    assert first.snippet != LIBRARY[first.topic_id].summary
    assert first.marked_snippet("*", "*").count("*") == 2 * len(first.marks)


@pytest.mark.parametrize("syntax", ['"', "*", "NEAR", "-", ":", "^", "(", ")", "AND", "OR", "NOT", "{title}"])
def test_fts5_syntax_typed_by_a_user_is_only_words(index: SearchIndex, syntax: str) -> None:
    """Punctuation splits words; an operator word (NEAR, AND) is searched like any word, whatever its case."""
    typed = [r.topic_id for r in index.search(f"rash {syntax} itch")]
    as_word = [r.topic_id for r in index.search(f"rash {syntax.lower()} itch")]
    assert typed == as_word
    if not syntax.strip("{}").isalpha():
        assert typed == [r.topic_id for r in index.search("rash itch")]
    index.search(syntax)
    index.search(f'{syntax}"rash')


@pytest.mark.parametrize("query", ["", " ", "\x00\x1b[2J\x07", "x" * 10_000, "rash " * 2000, "😀 ∑ ß"])
def test_odd_input_never_raises(index: SearchIndex, query: str) -> None:
    index.search(query)
    index.suggestions(query)


def test_pages_follow_on_and_the_count_is_every_match(index: SearchIndex) -> None:
    ranking = index.rank("pain")
    assert len(ranking) > PAGE_SIZE
    first = index.results(ranking)
    rest = index.results(ranking, PAGE_SIZE, len(ranking))
    ids = [r.topic_id for r in first + rest]
    assert len(first) == PAGE_SIZE and len(ids) == len(set(ids)) == len(ranking)
