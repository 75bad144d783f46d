"""`immunoguide read`: the guide as plain lines, for screen readers and braille.

Textual redraws the screen, which Orca, speakup and braille displays cannot follow.
This reader only ever appends lines: numbered menus, a prompt that says where you
are, topics as paragraphs. It writes no escape bytes at all (no colour, no cursor
movement), so the output reads the same in a terminal, a pipe or a log file.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from typing import TextIO

from guide.content.model import Library
from guide.content.plaintext import topic_lines
from guide.content.search import SearchIndex
from guide.copies.text import wrap as wrap_lines
from guide.exit_codes import EXIT_INTERRUPTED, EXIT_OK

MAX_LINE = 500
"""Characters accepted from one typed line; longer lines are refused, not cut."""
SEARCH_LIMIT = 9

_TERMINAL_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1bO.|\x1b.?|\x9b[0-?]*[ -/]*[@-~]")
_NUMBER = re.compile(r"[+-]?\d+")

HELP = """\
How to use the plain reader:
- Type a number and press Enter to open that line of a menu or list.
- Type words to search, for example: rash, or: the runs.
- b goes back. m goes to the main menu. r reads the current page again.
- n and p open the next or previous topic, when a topic is open.
- define WORD gives the meaning of a medical word, for example: define colitis.
- h shows this help. q quits. So does Ctrl-D.
Long topics stop after each screenful: press Enter for more, or q to stop.
Start with --no-pager to print whole topics without stopping."""


@dataclass(frozen=True)
class MenuView:
    """A numbered list of the topics under ``parent`` (None: the main menu)."""

    parent: str | None


@dataclass(frozen=True)
class TopicView:
    topic_id: str


@dataclass(frozen=True)
class ResultsView:
    query: str
    topic_ids: tuple[str, ...]


View = MenuView | TopicView | ResultsView


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


def count_topics(library: Library, topic_id: str) -> int:
    """How many topics sit anywhere below this one (shown as "(12 topics)")."""
    return sum(1 + count_topics(library, child.id) for child in library.children(topic_id))


def topics_phrase(count: int) -> str:
    return f"{count} topic" if count == 1 else f"{count} topics"


class LineReader:
    """One reading session over a pair of text streams; it never reads or writes anything else."""

    def __init__(
        self,
        library: Library,
        stdin: TextIO,
        stdout: TextIO,
        *,
        pager: bool,
        page_lines: int = 22,
        width: int = 80,
        wrap: bool = False,
        echo: bool = False,
    ) -> None:
        self.library = library
        self.stdin = stdin
        self.stdout = stdout
        self.pager = pager
        self.page_lines = max(3, page_lines)
        self.width = max(20, width)
        self.wrap = wrap
        self.echo = echo
        self.views: list[View] = [MenuView(None)]
        self._index: SearchIndex | None = None

    # Output -------------------------------------------------------------

    def say(self, text: str = "") -> None:
        lines = wrap_lines([text], self.width - 1) if self.wrap else [text]
        self.stdout.write(safe_output("\n".join(lines)) + "\n")

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

    # Input ---------------------------------------------------------------

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
            return "\x00too-long"
        return line

    def ask(self, prompt: str) -> str | None:
        """Show the prompt and wait for a line; None means the input ended."""
        self.stdout.write(safe_output(prompt))
        self.stdout.flush()
        raw = self.read_line()
        if raw is None:
            self.say()
            return None
        if raw == "\x00too-long":
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

    # Views ---------------------------------------------------------------

    @property
    def view(self) -> View:
        return self.views[-1]

    def choices(self, view: View) -> dict[int, str]:
        """Number -> topic id for what the view lists."""
        if isinstance(view, MenuView):
            start = {} if view.parent is None else {0: view.parent}
            return start | {n: t.id for n, t in enumerate(self.library.children(view.parent), start=1)}
        if isinstance(view, ResultsView):
            return dict(enumerate(view.topic_ids, start=1))
        return dict(enumerate(self.links(view.topic_id), start=1))

    def links(self, topic_id: str) -> list[str]:
        """Where a topic leads: the topics inside it, then its related topics."""
        inside = [c.id for c in self.library.children(topic_id)]
        related = [r for r in self.library[topic_id].related if r in self.library and r not in inside]
        return inside + related

    def prompt(self) -> str:
        view = self.view
        if isinstance(view, MenuView):
            name = "Main menu" if view.parent is None else self.library[view.parent].title
        elif isinstance(view, ResultsView):
            name = "Search results"
        else:
            name = self.library[view.topic_id].title
        return f"{name}> "

    def show(self, view: View, *, full: bool = True) -> None:
        if isinstance(view, MenuView):
            self.show_menu(view)
        elif isinstance(view, ResultsView):
            self.show_results(view)
        elif full:
            finished = self.page(topic_lines(self.library[view.topic_id], self.library))
            self.show_links(view.topic_id, ended=finished)
        else:
            self.show_links(view.topic_id, ended=False)

    def show_menu(self, view: MenuView) -> None:
        lines: list[str] = []
        if view.parent is None:
            lines.append(f"Main menu: {len(self.library.roots)} parts.")
        else:
            parent = self.library[view.parent]
            where = f" (in: {self.library.breadcrumb(parent.parent)})" if parent.parent else ""
            inside = topics_phrase(count_topics(self.library, parent.id))
            lines.append(f"{parent.title}{where}: {inside} inside.")
            lines.append(f"0. Read the introduction: {parent.title}")
        for number, topic in enumerate(self.library.children(view.parent), start=1):
            below = count_topics(self.library, topic.id)
            lines.append(f"{number}. {topic.title}" + (f" ({topics_phrase(below)})" if below else ""))
        back = "" if view.parent is None else " b to go back,"
        lines.append(f"Type a number, or words to search;{back} h for help, q to quit.")
        self.page(lines)

    def show_results(self, view: ResultsView) -> None:
        lines = [f"{len(view.topic_ids)} found for \"{view.query}\":"]
        for number, topic_id in enumerate(view.topic_ids, start=1):
            topic = self.library[topic_id]
            where = f" (in: {self.library.breadcrumb(topic.parent)})" if topic.parent else ""
            lines.append(f"{number}. {topic.title}{where}")
        lines.append("Type a number to read it, other words to search again, or b to go back.")
        self.page(lines)

    def show_links(self, topic_id: str, *, ended: bool) -> None:
        topic = self.library[topic_id]
        lines = [f"End of {topic.title}." if ended else f"You are at: {self.library.breadcrumb(topic_id)}."]
        inside = {c.id for c in self.library.children(topic_id)}
        links = self.links(topic_id)
        lines.append("Where next:")
        for number, link in enumerate(links, start=1):
            kind = "topic inside" if link in inside else "related"
            lines.append(f"{number}. {self.library[link].title} ({kind})")
        following, previous = self.library.neighbour(topic_id, 1), self.library.neighbour(topic_id, -1)
        if following:
            lines.append(f"n. Next topic: {following.title}")
        if previous:
            lines.append(f"p. Previous topic: {previous.title}")
        below = self.views[-2] if len(self.views) > 1 else None
        lines.append(f"b. Back to {self.view_name(below)}" if below else "m. Main menu")
        lines.append("r. Read this topic again")
        self.page(lines)

    def view_name(self, view: View) -> str:
        if isinstance(view, MenuView):
            return "the main menu" if view.parent is None else f"the {self.library[view.parent].title} menu"
        if isinstance(view, ResultsView):
            return f"the search results for \"{view.query}\""
        return self.library[view.topic_id].title

    # Commands --------------------------------------------------------------

    def open_number(self, text: str) -> None:
        choices = self.choices(self.view)
        number = int(text) if len(text) <= 6 else -1
        if number not in choices:
            if not choices:
                self.say("There is nothing numbered here. Type words to search, b to go back, or h for help.")
            else:
                self.say(f"There is no number {text[:12]} here. Type a number from {min(choices)} to {max(choices)}.")
            return
        topic_id = choices[number]
        view = self.view
        has_children = bool(self.library.children(topic_id))
        submenu = isinstance(view, MenuView) and number != 0 and has_children
        opened: View = MenuView(topic_id) if submenu else TopicView(topic_id)
        self.views.append(opened)
        self.show(opened)

    def step(self, direction: int) -> None:
        view = self.view
        if not isinstance(view, TopicView):
            self.say("n and p work when a topic is open. Type a number to open one.")
            return
        target = self.library.neighbour(view.topic_id, direction)
        if target is None:
            self.say("This is the last topic." if direction > 0 else "This is the first topic.")
            return
        self.views[-1] = TopicView(target.id)
        self.show(self.views[-1])

    def back(self) -> None:
        if len(self.views) == 1:
            self.say("You are at the main menu already.")
            self.show(self.view)
            return
        self.views.pop()
        self.show(self.view, full=False)

    def search(self, query: str) -> None:
        if self._index is None:
            self._index = SearchIndex(self.library)
        results = self._index.search(query, limit=SEARCH_LIMIT)
        if not results:
            tips = self._index.suggestions(query)
            extra = f" Words in the guide close to yours: {', '.join(tips)}." if tips else ""
            self.say(f"Nothing found for \"{query}\".{extra} Try a shorter or everyday word, such as rash or tired.")
            return
        view = ResultsView(query, tuple(r.topic_id for r in results))
        if isinstance(self.view, ResultsView):
            self.views[-1] = view
        else:
            self.views.append(view)
        self.show(view)

    def define(self, word: str) -> None:
        term = self.library.glossary_term(word) or next(
            (t for t in self.library.glossary if word.casefold() in (lay.casefold() for lay in t.lay)), None)
        if term is None:
            self.say(f"\"{word}\" is not in the glossary. Type it without 'define' to search the guide for it.")
            return
        self.say(f"{term.term}: {term.definition}")
        if term.topic and term.topic in self.library:
            self.say(f"The topic {self.library[term.topic].title} explains more: search for {term.term}.")

    def handle(self, text: str) -> bool:
        """Act on one typed line; False means quit."""
        word = text.casefold()
        if not word:
            return True
        if word in ("q", "quit", "exit", "bye"):
            return False
        if word in ("h", "?", "help"):
            self.page(HELP.splitlines())
        elif word in ("b", "back"):
            self.back()
        elif word in ("m", "menu", "main menu"):
            self.views = [MenuView(None)]
            self.show(self.view)
        elif word in ("r", "repeat", "again"):
            self.show(self.view)
        elif word in ("n", "next"):
            self.step(1)
        elif word in ("p", "previous", "prev"):
            self.step(-1)
        elif _NUMBER.fullmatch(word):
            self.open_number(word)
        elif word.startswith("define "):
            self.define(text[len("define "):].strip())
        else:
            self.search(text)
        return True

    def run(self) -> int:
        try:
            self.say("Immunotherapy guide: plain reader. Medical information, not personal advice.")
            self.say("Type h for help at any time.")
            self.show(self.view)
            while True:
                text = self.ask(self.prompt())
                if text is None or not self.handle(text):
                    break
            self.say("Goodbye.")
            self.stdout.flush()
            return EXIT_OK
        except KeyboardInterrupt:
            self.say()
            self.say("Stopped. Goodbye.")
            self.stdout.flush()
            return EXIT_INTERRUPTED


def _forgive_encoding(stream: TextIO) -> None:
    """Bytes that are not valid text (or cannot be shown) become '?' instead of an error."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")


def main(args: argparse.Namespace) -> int:
    from guide.content.open import open_library

    library = open_library(args.content, args.lang)
    stdin, stdout = sys.stdin, sys.stdout
    _forgive_encoding(stdin)
    _forgive_encoding(stdout)
    interactive = stdin.isatty() and stdout.isatty()
    size = shutil.get_terminal_size()
    page_lines = args.page_lines if args.page_lines and args.page_lines > 0 else size.lines - 2
    reader = LineReader(
        library,
        stdin,
        stdout,
        pager=interactive and not args.no_pager,
        page_lines=page_lines,
        width=size.columns,
        wrap=stdout.isatty(),
        echo=not stdin.isatty(),
    )
    try:
        return reader.run()
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): stop quietly, no traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
