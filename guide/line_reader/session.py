"""A reading session of the line reader: numbered menus, topics as paragraphs, search results,
a prompt that says where you are, and what each typed line does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TextIO

from guide.content.model import Library
from guide.content.plaintext import topic_lines
from guide.content.search import PAGE_SIZE, Ranking, SearchIndex
from guide.exit_codes import EXIT_INTERRUPTED, EXIT_OK
from guide.line_reader.terminal import LineTerminal

_NUMBER = re.compile(r"[+-]?\d+")

HELP = """\
How to use the plain reader:
- Type a number and press Enter to open that line of a menu or list.
- Type words to search, for example: rash, or: the runs. more shows more results.
- b goes back. m goes to the main menu. r reads the current page again.
- n and p open the next or previous topic, when a topic is open.
- define WORD gives the meaning of a medical word, for example: define colitis.
- Up and down arrows bring back what you typed before; left and right move in the line.
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
    """The results shown so far (a page, then more with "more")."""
    found: int = 0
    """How many topics match in all: the same count the TUI and `search` give."""


@dataclass(frozen=True)
class DefinitionView:
    """A glossary meaning, with the topic that explains it as choice 1."""

    term: str
    topic_id: str


View = MenuView | TopicView | ResultsView | DefinitionView


def count_topics(library: Library, topic_id: str) -> int:
    """How many topics sit anywhere below this one (shown as "(12 topics)")."""
    return sum(1 + count_topics(library, child.id) for child in library.children(topic_id))


def topics_phrase(count: int) -> str:
    return f"{count} topic" if count == 1 else f"{count} topics"


class LineReader:
    """One reading session: the menus, topics and search results a person moves through, and what
    each typed line does. Every line in and out goes through its LineTerminal."""

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
        line_editing: bool = False,
    ) -> None:
        self.library = library
        self.terminal = LineTerminal(stdin, stdout, pager=pager, page_lines=page_lines, width=width, wrap=wrap,
                                     echo=echo, line_editing=line_editing)
        self.views: list[View] = [MenuView(None)]
        self._index: SearchIndex | None = None
        self._ranking: Ranking | None = None

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
        if isinstance(view, DefinitionView):
            return {1: view.topic_id}
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
        elif isinstance(view, DefinitionView):
            name = f"Meaning of {view.term}"
        else:
            name = self.library[view.topic_id].title
        return f"{name}> "

    def show(self, view: View, *, full: bool = True) -> None:
        if isinstance(view, MenuView):
            self.show_menu(view)
        elif isinstance(view, ResultsView):
            self.show_results(view)
        elif isinstance(view, DefinitionView):
            self.define(view.term)
        elif full:
            finished = self.terminal.page(topic_lines(self.library[view.topic_id], self.library))
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
        self.terminal.page(lines)

    def show_results(self, view: ResultsView, start: int = 0) -> None:
        """The results from number start + 1 on (all of them, or those "more" just added)."""
        found = max(view.found, len(view.topic_ids))
        shown = f", showing {len(view.topic_ids)}" if found > len(view.topic_ids) else ""
        lines = [f"{found} found for \"{view.query}\"{shown}:"]
        for number, topic_id in enumerate(view.topic_ids[start:], start=start + 1):
            topic = self.library[topic_id]
            where = f" (in: {self.library.breadcrumb(topic.parent)})" if topic.parent else ""
            lines.append(f"{number}. {topic.title}{where}")
        left = found - len(view.topic_ids)
        more = f" Type more for {min(left, PAGE_SIZE)} more." if left > 0 else ""
        lines.append(f"Type a number to read it, other words to search again, or b to go back.{more}")
        self.terminal.page(lines)

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
        self.terminal.page(lines)

    def view_name(self, view: View) -> str:
        if isinstance(view, MenuView):
            return "the main menu" if view.parent is None else f"the {self.library[view.parent].title} menu"
        if isinstance(view, ResultsView):
            return f"the search results for \"{view.query}\""
        if isinstance(view, DefinitionView):
            return f"the meaning of {view.term}"
        return self.library[view.topic_id].title

    # Commands --------------------------------------------------------------

    def open_number(self, text: str) -> None:
        choices = self.choices(self.view)
        number = int(text) if len(text) <= 6 else -1
        if number not in choices:
            if not choices:
                self.terminal.say("There is nothing numbered here. Type words to search, b to go back, or h for help.")
            else:
                self.terminal.say(f"There is no number {text[:12]} here. "
                                  f"Type a number from {min(choices)} to {max(choices)}.")
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
            self.terminal.say("n and p work when a topic is open. Type a number to open one.")
            return
        target = self.library.neighbour(view.topic_id, direction)
        if target is None:
            self.terminal.say("This is the last topic." if direction > 0 else "This is the first topic.")
            return
        self.views[-1] = TopicView(target.id)
        self.show(self.views[-1])

    def back(self) -> None:
        if len(self.views) == 1:
            self.terminal.say("You are at the main menu already.")
            self.show(self.view)
            return
        self.views.pop()
        self.show(self.view, full=False)

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.library)
        return self._index

    def search(self, query: str) -> None:
        ranking = self.index.rank(query)
        results = self.index.results(ranking, 0, PAGE_SIZE)
        if not results:
            tips = self.index.suggestions(query)
            extra = f" Words in the guide close to yours: {', '.join(tips)}." if tips else ""
            self.terminal.say(f"Nothing found for \"{query}\".{extra} "
                              "Try a shorter or everyday word, such as rash or tired.")
            return
        self._ranking = ranking
        view = ResultsView(query, tuple(r.topic_id for r in results), len(ranking))
        if isinstance(self.view, ResultsView):
            self.views[-1] = view
        else:
            self.views.append(view)
        self.show(view)

    def more(self) -> None:
        """The next page of the search results shown, numbered on from the last."""
        view = self.view
        ranking = self._ranking
        if not isinstance(view, ResultsView) or ranking is None or ranking.query != view.query:
            self.terminal.say("more works when search results are shown. Type words to search.")
            return
        shown = len(view.topic_ids)
        page = self.index.results(ranking, shown, PAGE_SIZE)
        if not page:
            self.terminal.say(f"That is all: {shown} found for \"{view.query}\".")
            return
        longer = ResultsView(view.query, view.topic_ids + tuple(r.topic_id for r in page), view.found)
        self.views[-1] = longer
        self.show_results(longer, start=shown)

    def define(self, word: str) -> None:
        if not word:
            word = (self.terminal.ask("Which word? ") or "").strip()
            if not word:
                self.terminal.say("No word given. Type define and a word, for example: define colitis.")
                return
        term = self.library.glossary_term(word) or next(
            (t for t in self.library.glossary if word.casefold() in (lay.casefold() for lay in t.lay)), None)
        if term is None:
            self.terminal.say(f"\"{word}\" is not in the glossary. "
                              "Type it without 'define' to search the guide for it.")
            return
        self.terminal.say(f"{term.term}: {term.definition}")
        if term.topic and term.topic in self.library:
            self.terminal.say(f"1. Open the topic that explains it: {self.library[term.topic].title}")
            self.terminal.say("Type 1 to open it, or b to go back.")
            view = DefinitionView(term.term, term.topic)
            if self.view != view:
                if isinstance(self.view, DefinitionView):
                    self.views[-1] = view
                else:
                    self.views.append(view)

    def handle(self, text: str) -> bool:
        """Act on one typed line; False means quit."""
        word = text.casefold()
        if not word:
            return True
        if word in ("q", "quit", "exit", "bye"):
            return False
        if word in ("h", "?", "help"):
            self.terminal.page(HELP.splitlines())
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
        elif word in ("more", "+"):
            self.more()
        elif word == "define" or word.startswith("define "):
            self.define(text[len("define"):].strip())
        else:
            self.search(text)
        return True

    def run(self) -> int:
        try:
            self.terminal.say("Immunotherapy guide: plain reader. Medical information, not personal advice.")
            self.terminal.say("Type h for help at any time.")
            self.show(self.view)
            while True:
                text = self.terminal.ask(self.prompt())
                if text is None or not self.handle(text):
                    break
            self.terminal.say("Goodbye.")
            self.terminal.flush()
            return EXIT_OK
        except KeyboardInterrupt:
            self.terminal.say()
            self.terminal.say("Stopped. Goodbye.")
            self.terminal.flush()
            return EXIT_INTERRUPTED
