"""`immunoguide search`: numbered results with where and why, JSON, nothing found, usage mistakes."""

from __future__ import annotations

import json

import pytest

from .cli_run import FIXTURE, no_traceback, run


def test_search_prints_numbered_results_with_where_and_why() -> None:
    result = run("search", "the", "runs", "--content", str(FIXTURE))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1. Diarrhoea and colitis (colitis)"
    assert lines[1] == "   Side effects > Diarrhoea and colitis"
    assert lines[3] == '   Matched: lay words: "the runs"'
    assert lines[-1].endswith("for 'the runs'.") and " found" in lines[-1]


def test_search_marks_the_matched_words_of_the_snippet_with_stars_off_a_terminal() -> None:
    result = run("search", "rice", "toast", "--limit", "1", "--content", str(FIXTURE))
    assert result.stdout.splitlines()[2] == "   Plain foods like *rice*, *toast* and bananas can help."
    assert result.stdout.splitlines()[-1] == "1 found for 'rice toast'."


def test_search_json_shape_and_limit() -> None:
    result = run("search", "immunotheraphy", "--json", "--limit", "2", "--content", str(FIXTURE))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["query"] == "immunotheraphy"
    assert 1 <= len(data["results"]) <= 2
    first = data["results"][0]
    assert set(first) == {"id", "title", "path", "score", "snippet", "marks", "why"}
    assert data["found"] >= len(data["results"])
    assert first["id"] == "what-is-immunotherapy"
    assert first["path"] == ["The basics"]  # the same shape as `show --format json`
    assert isinstance(first["score"], float) and first["score"] > 0
    assert "immunotherapy" in first["snippet"].lower()
    assert "immunotherapy" in first["why"]


def test_search_with_nothing_found_says_so_and_exits_1() -> None:
    result = run("search", "zzzqqq", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert "Nothing found for 'zzzqqq'." in result.stdout
    assert "Try a shorter or everyday word" in result.stdout
    no_traceback(result)


def test_search_json_with_nothing_found() -> None:
    result = run("search", "zzzqqq", "--json", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"query": "zzzqqq", "found": 0, "results": []}


def test_search_limit_must_be_positive() -> None:
    result = run("search", "rash", "--limit", "0", "--content", str(FIXTURE))
    assert result.returncode == 2
    no_traceback(result)


@pytest.mark.parametrize("query", ["", "   ", "\t"], ids=["empty", "spaces", "tab"])
def test_search_for_nothing_is_a_usage_mistake_that_says_what_to_type(query: str) -> None:
    """`search ""` used to search for nothing and report 'Nothing found'; it is a usage mistake."""
    for extra in ([], ["--json"]):
        result = run("search", query, *extra, "--content", str(FIXTURE))
        assert result.returncode == 2
        assert result.stdout == ""
        assert "search needs words to look for, e.g. immunoguide search the runs" in result.stderr
        no_traceback(result)
