"""The public evaluation set of patient questions (questions.tsv), read for the tests and the benchmark."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

QUESTIONS_FILE = Path(__file__).with_name("questions.tsv")
HELD_OUT_MARK = "# held out"


class Question(NamedTuple):
    text: str
    answers: tuple[str, ...]
    """Topic ids that answer it; any one of them in the top three is a pass."""
    held_out: bool


def load_questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    out: list[Question] = []
    held_out = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == HELD_OUT_MARK:
            held_out = True
        elif line.strip() and not line.startswith("#"):
            text, *answers = line.split("\t")
            out.append(Question(text, tuple(answers), held_out))
    return out
