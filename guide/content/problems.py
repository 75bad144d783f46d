"""Problems found in content, worded for the editor who has to fix them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place: where, which key, what was expected, how to fix it."""

    path: str
    line: int
    column: int
    key: str
    message: str
    hint: str = ""
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        key = f" {self.key}:" if self.key else ""
        text = f"{where}: {self.severity}:{key} {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "key": self.key,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = errors[0].format() if errors else "no details"
        super().__init__(f"{len(errors)} problem(s) in the content; first: {first}")
