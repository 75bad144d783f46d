"""Problems found in content, worded for the editor who has to fix them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Messages quote the editor's text; a quoted escape code or direction mark must be
# shown as a visible code, never sent raw to the terminal.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def visible(text: str) -> str:
    """The text with control, escape and invisible characters written as codes like \\x1b or \\u202e."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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
        """One line (plus a 'fix:' line) in the file:line:column form editors and IDEs jump to."""
        where = f"{self.path}:{self.line}:{self.column}"
        key = f" {self.key}:" if self.key else ""
        text = f"{where}: {self.severity}:{key} {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return visible(text)

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


class MissingContent(ContentError):
    """The folder given (or the language asked for) holds no content at all: not an editing mistake."""
