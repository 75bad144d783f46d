"""The reader's session logic in-process (fast), with the shared fixture library: menus, back, paging, odd input."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from guide.content.loader import load_or_raise
from guide.line_reader import LineReader
from guide.line_reader.terminal import clean_input

from .reader_run import FIXTURE_CONTENT

LIBRARY = load_or_raise(FIXTURE_CONTENT)
TERMINAL_BYTES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def session(typed: str, *, pager: bool = False, page_lines: int = 22, width: int = 0) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = LineReader(LIBRARY, io.StringIO(typed), out, pager=pager, page_lines=page_lines, echo=True,
                        width=width or 80, wrap=bool(width)).run()
    return status, out.getvalue().splitlines()


def test_main_menu_numbers_parts_with_topic_counts() -> None:
    _, out = session("")
    assert out[2:10] == ["Main menu: 6 parts.", "1. The basics (1 topic)", "2. Kinds of treatment (3 topics)",
                         "3. Side effects (6 topics)", "4. Scans and results (1 topic)", "5. Getting help (1 topic)",
                         "6. Money & travel", "Type a number, or words to search; h for help, q to quit."]


def test_back_returns_through_results_and_menus() -> None:
    _, out = session("3\nrash\n1\nb\nb\nb\nb\n")
    prompts = [line.split("> ")[0] for line in out if "> " in line]
    assert prompts == ["Main menu", "Side effects", "Search results", "Rash and itchy skin", "Search results",
                       "Side effects", "Main menu", "Main menu"]
    assert out.count("You are at the main menu already.") == 1


def test_next_and_previous_follow_reading_order_and_stop_at_the_ends() -> None:
    _, out = session("1\n0\np\nn\nn\n")
    assert "This is the first topic." in out
    titles = [line[len("End of "):-1] for line in out if line.startswith("End of ")]
    assert titles == ["The basics", "What immunotherapy is", "Kinds of treatment"]
    _, out = session("6\nn\n")
    assert "This is the last topic." in out


def test_topic_links_open_topics_inside_and_related() -> None:
    _, out = session("3\n1\n0\n1\nb\n2\n")
    assert "1. Eating and drinking with colitis (topic inside)" in out and "2. Side effects (related)" in out
    assert "End of Eating and drinking with colitis." in out and "End of Side effects." in out


def test_pager_stops_each_screenful_and_q_skips_the_rest() -> None:
    _, out = session("3\n1\n0\n\nq\n", pager=True, page_lines=10)
    more = [i for i, line in enumerate(out) if line.startswith("-- More")]
    assert len(more) == 2
    assert "Stopped. Type r to read it again from the start." in out
    assert not any(line.startswith("Last reviewed") for line in out)
    assert "You are at: Side effects > Diarrhoea and colitis." in out and "End of Diarrhoea and colitis." not in out
    between = out[more[0] + 1: more[1]]
    assert 1 <= len(between) <= 10


def test_pager_runs_to_the_end_when_enter_is_pressed() -> None:
    status, out = session("6\n" + "\n" * 40, pager=True, page_lines=10)
    assert status == 0 and "Last reviewed: 2026-07-01" in out


def test_define_gives_the_glossary_meaning() -> None:
    _, out = session("define upset tummy\ndefine CHECKPOINT INHIBITOR\n")
    assert "colitis: Swelling and soreness of the large bowel." in out  # found by its everyday words
    assert "checkpoint inhibitor: A drug that takes the brakes off immune cells." in out


def test_clean_input_drops_terminal_sequences_and_controls() -> None:
    assert clean_input("\x1b[31mred\x1b[0m\n") == ("red", True)
    assert clean_input("\x1b[A") == ("", True)
    assert clean_input("  rash   itch \n") == ("rash itch", False)
    assert clean_input("a\x9b2Jb") == ("ab", True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=8))
def test_any_typed_lines_never_crash_or_leak_control_characters(lines: list[str]) -> None:
    typed = "".join(line.replace("\n", " ") + "\n" for line in lines)
    status, out = session(typed)
    assert status == 0
    assert not any(TERMINAL_BYTES.search(line) for line in out)
    assert out[-1].endswith("Goodbye.")


def test_on_a_terminal_lines_break_between_words_not_inside_them() -> None:
    _, wrapped = session("3\n1\n0\n", width=30)
    _, plain = session("3\n1\n0\n")
    assert all(len(line) <= 29 for line in wrapped if " " in line.strip() and "> " not in line)
    assert "Go to A and E now if your belly pain is very bad." in plain
    assert "Go to A and E now if your" in wrapped and "belly pain is very bad." in wrapped
    assert "- Four or more extra stools a" in wrapped and "  day" in wrapped
