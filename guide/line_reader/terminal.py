"""The line reader's terminal: what is typed and what is printed, and nothing in between.

Kept apart from the reader's menus so the one rule that matters to a screen reader or a
braille display is in one place: lines are only ever appended, typed text is cleaned before
it is echoed, and nothing printed can steer the terminal (no escape bytes at all).
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import TextIO

from guide.copies.text import wrap as wrap_lines

MAX_LINE = 500
"""Characters accepted from one typed line; longer lines are refused, not cut."""
_TOO_LONG = "\x00too-long"

_TERMINAL_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1bO.|\x1b.?|\x9b[0-?]*[ -/]*[@-~]")


def clean_input(line: str) -> tuple[str, bool]:
    """The typed text without terminal sequences or control characters, and whether any were removed.

    Arrow keys and pasted junk arrive as escape sequences; echoing them back would
    move the cursor or change colours, so they are dropped before anything else.
    """
    stripped = _TERMINAL_SEQUENCE.sub("", line.rstrip("\r\n"))
    kept = "".join(c for c in stripped if unicodedata.category(c)[0] != "C" or c == "\t")
    return " ".join(kept.split()), kept != line.rstrip("\r\n")


def safe_output(text: str) -> str:
    """Text with every control character except newline removed: nothing we print can steer a terminal."""
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def forgive_encoding(stream: TextIO) -> None:
    """Bytes that are not valid text (or cannot be shown) become '?' instead of an error."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")


class LineTerminal:
    """A pair of text streams used one line at a time; it never reads or writes anything else.

    ``wrap`` breaks lines between words at ``width`` (on a real terminal), ``pager`` stops
    after each screenful of ``page_lines`` rows, and ``echo`` repeats typed lines (when input
    comes from a pipe, so the transcript reads as a conversation). ``line_editing`` reads
    through readline (arrow keys edit the line and bring back earlier ones), for a real terminal.
    """

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        *,
        pager: bool,
        page_lines: int = 22,
        width: int = 80,
        wrap: bool = False,
        echo: bool = False,
        line_editing: bool = False,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.pager = pager
        self.page_lines = max(3, page_lines)
        self.width = max(20, width)
        self.wrap = wrap
        self.echo = echo
        self.line_editing = line_editing

    def say(self, text: str = "") -> None:
        lines = wrap_lines([text], self.width - 1) if self.wrap else [text]
        self.stdout.write(safe_output("\n".join(lines)) + "\n")

    def flush(self) -> None:
        self.stdout.flush()

    def page(self, lines: list[str]) -> bool:
        """Print lines, stopping after each screenful when the pager is on; False if the reader stopped early.

        A long paragraph wraps on screen, so it counts as several rows.
        """
        if self.wrap:
            # Break between words, never inside one: a braille line or a spoken screen line holds whole words.
            lines = wrap_lines(lines, self.width - 1)
        if not self.pager:
            for line in lines:
                self.say(line)
            return True
        rows = 0
        for line in lines:
            height = max(1, -(-len(line) // self.width))
            if rows and rows + height > self.page_lines:
                answer = self.ask("-- More: press Enter to go on, or q to stop reading -- ")
                if answer is None:
                    return False
                if answer.casefold() in ("q", "quit", "s", "stop"):
                    self.say("Stopped. Type r to read it again from the start.")
                    return False
                rows = 0
            self.say(line)
            rows += height
        return True

    def read_line(self) -> str | None:
        """One line of input, or None at end of input; lines over MAX_LINE are read to the end and refused."""
        line = self.stdin.readline(MAX_LINE + 1)
        if not line:
            return None
        if len(line) > MAX_LINE and not line.endswith("\n"):
            while True:
                rest = self.stdin.readline(64 * 1024)
                if not rest or rest.endswith("\n"):
                    break
            return _TOO_LONG
        return line

    def read_edited_line(self, prompt: str) -> str | None:
        """One line through readline, which shows the prompt itself and keeps the history."""
        try:
            line = input(safe_output(prompt))
        except EOFError:
            return None
        return _TOO_LONG if len(line) > MAX_LINE else line + "\n"

    def ask(self, prompt: str) -> str | None:
        """Show the prompt and wait for a line; None means the input ended."""
        if self.line_editing:
            raw = self.read_edited_line(prompt)
        else:
            self.stdout.write(safe_output(prompt))
            self.stdout.flush()
            raw = self.read_line()
        if raw is None:
            self.say()
            return None
        if raw == _TOO_LONG:
            if self.echo:
                self.say("(a very long line)")
            self.say(f"That line is too long (over {MAX_LINE} characters). Type a number, a few words, or h.")
            return ""
        text, removed = clean_input(raw)
        if self.echo:
            self.say(text)
        if removed and not text:
            self.say("Arrow keys and other special keys do nothing here. Type a number or words, then Enter.")
        return text
