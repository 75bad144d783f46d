"""`read`: search results a page at a time with "more", `define` that asks which word and offers
the topic that explains it, and readline editing on a real terminal."""

from __future__ import annotations

import io

import pytest

from guide.content.loader import load_or_raise
from guide.content.search import PAGE_SIZE, SearchIndex
from guide.line_reader import LineReader
from guide.line_reader.terminal import LineTerminal

BUNDLED = load_or_raise()


def session(typed: str) -> list[str]:
    out = io.StringIO()
    LineReader(BUNDLED, io.StringIO(typed), out, pager=False, echo=True).run()
    return out.getvalue().splitlines()


def test_results_give_the_full_count_and_more_numbers_on() -> None:
    ranking = SearchIndex(BUNDLED).rank("pain")
    assert len(ranking) > PAGE_SIZE
    out = session("pain\nmore\n")
    assert f'{len(ranking)} found for "pain", showing {PAGE_SIZE}:' in out
    assert any(line.startswith(f"{PAGE_SIZE + 1}. ") for line in out)
    after = out[out.index("Main menu> pain") :]
    titles = [line.split(". ", 1)[1].split(" (in:")[0] for line in after if line[:1].isdigit() and ". " in line]
    expected = [BUNDLED[r.topic_id].title for r in SearchIndex(BUNDLED).search("pain", 2 * PAGE_SIZE)]
    assert titles == expected


def test_more_without_results_says_what_it_is_for() -> None:
    assert "more works when search results are shown. Type words to search." in session("more\n")


def test_define_with_no_word_asks_which_word() -> None:
    out = session("define\ncolitis\n")
    assert "Which word? colitis" in out
    assert any(line.startswith("colitis: ") for line in out)


def test_define_with_no_word_and_no_answer_says_how() -> None:
    out = session("define\n\n")
    assert "No word given. Type define and a word, for example: define colitis." in out


def test_a_definition_offers_its_topic_by_number() -> None:
    out = session("define the runs\n1\n")
    assert "1. Open the topic that explains it: Diarrhoea and colitis" in out
    opened = next(line for line in out if line.startswith("Meaning of ") and line.endswith("> 1"))
    assert out[out.index(opened) + 1] == "Diarrhoea and colitis"


def test_back_from_a_definition_returns_to_where_you_were() -> None:
    out = session("define colitis\nb\n")
    assert "Meaning of colitis> b" in out
    assert out[out.index("Meaning of colitis> b") + 1].startswith("Main menu")


def test_line_editing_reads_through_input_and_keeps_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """With line editing on, lines come from input() (readline's editing and history); end of input ends."""
    typed = iter(["rash", "\x1b[Aq"])
    prompts: list[str] = []

    def fake_input(prompt: str) -> str:
        prompts.append(prompt)
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    terminal = LineTerminal(io.StringIO(), io.StringIO(), pager=False, line_editing=True)
    assert terminal.ask("Main menu> ") == "rash"
    assert terminal.ask("Search results> ") == "q"  # the escape sequence is cleaned as before
    assert terminal.ask("Search results> ") is None
    assert prompts == ["Main menu> ", "Search results> ", "Search results> "]
