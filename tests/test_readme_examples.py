"""Every example block in README.md is what the program really prints: each block names its
commands ("$ immunoguide ..."), and they are run here and compared line by line. When the
program's output changes on purpose, `python -m tests.readme_examples --write` rewrites them."""

from __future__ import annotations

import pytest

from .readme_examples import README, Example, examples, fenced_blocks, rewrite, run

TEXT = README.read_text(encoding="utf-8")
EXAMPLES = examples(TEXT)


def test_the_readme_has_examples_of_each_json_output_the_export_and_the_reader() -> None:
    commands = " ".join(command for example in EXAMPLES for command, _ in example.steps)
    for needed in ("topics --json", "show colitis --json", "search the runs --json", "validate --json",
                   "export html", "export text", "immunoguide read"):
        assert needed in commands, needed


def test_every_json_block_is_an_example_that_is_checked() -> None:
    """A JSON block typed by hand is how the README came to differ from the program."""
    unchecked = [body[:60] for language, body in fenced_blocks(TEXT)
                 if language == "json" or body.startswith(("{", "["))]
    assert unchecked == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_example_matches_what_the_program_prints(example: Example) -> None:
    fresh = run(example)
    for (command, shown), (_, printed) in zip(example.steps, fresh.steps, strict=True):
        assert shown == printed, f"README.md shows something else for `{command}`; " \
                                 "run `python -m tests.readme_examples --write`"


def test_the_writer_puts_fresh_output_in_place_and_leaves_the_rest() -> None:
    readme = "Intro\n\n```console\n$ echo hi\nstale\n```\n\nEnd\n"
    (example,) = examples(readme)
    assert example.steps == (("echo hi", "stale"),)
    assert rewrite(readme, [run(example)]) == "Intro\n\n```console\n$ echo hi\nhi\n```\n\nEnd\n"
