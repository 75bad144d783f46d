"""`immunoguide export text`: one plain-text file per topic, to print or emboss.

Files are UTF-8, lines end in a newline, and nothing but letters, spaces and
punctuation is written: no escape bytes, no form feeds, no box drawing. Lines are
wrapped at 72 columns by default (fits an A4 or Letter page at 10-12 point and
most embosser set-ups); a web address longer than that stays whole so it still
works. `--width 0` leaves paragraphs unwrapped for braille software that reflows.
File names start with the topic's place in reading order, so printing `*.txt`
prints the guide in order.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from guide.content.model import Library, Topic
from guide.content.plaintext import topic_lines

DEFAULT_WIDTH = 72
FOOTER = "From the immunotherapy guide. Medical information, not personal advice: ask your care team about your care."


def wrap(lines: list[str], width: int) -> list[str]:
    """Wrap each line; a bullet's later lines are indented under its text."""
    if width <= 0:
        return list(lines)
    out: list[str] = []
    for line in lines:
        if len(line) <= width:
            out.append(line)
            continue
        indent = "  " if line.startswith("- ") else ""
        out.extend(
            textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
        )
    return out


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Drop control characters (content is validated, but a file for an embosser must never carry one)."""
    return _CONTROL.sub("", text)


def file_names(library: Library) -> dict[str, str]:
    """Topic id -> file name, numbered in reading order."""
    order = library.reading_order()
    digits = max(2, len(str(len(order))))
    return {topic.id: f"{number:0{digits}d}-{topic.id}.txt" for number, topic in enumerate(order, start=1)}


def topic_file_text(topic: Topic, library: Library, width: int) -> str:
    lines = [*topic_lines(topic, library), "", FOOTER]
    return _clean("\n".join(wrap(lines, width)).rstrip() + "\n")


def index_text(library: Library, names: dict[str, str], width: int) -> str:
    lines = ["Immunotherapy guide: contents", "", "Each topic is in its own file, named below.", ""]

    def walk(parent: str | None, depth: int) -> None:
        for topic in library.children(parent):
            lines.append(f"{'  ' * depth}- {topic.title}: {names[topic.id]}")
            walk(topic.id, depth + 1)

    walk(None, 0)
    if library.glossary:
        lines += ["", "Medical words and their meanings: glossary.txt"]
    lines += ["", FOOTER]
    return _clean("\n".join(wrap(lines, width)) + "\n")


def glossary_text(library: Library, width: int) -> str:
    lines = ["Immunotherapy guide: glossary of medical words", ""]
    for term in sorted(library.glossary, key=lambda t: t.term.casefold()):
        lines.append(f"{term.term}: {term.definition}")
        if term.aliases:
            lines.append(f"Also written: {', '.join(term.aliases)}.")
        if term.lay:
            lines.append(f"Everyday words: {', '.join(term.lay)}.")
        if term.topic and term.topic in library:
            lines.append(f"More in: {library[term.topic].title}.")
        lines.append("")
    return _clean("\n".join(wrap(lines, width)).rstrip() + "\n")


def write_text_export(library: Library, out: Path, width: int = DEFAULT_WIDTH) -> list[Path]:
    """Write every file; returns the paths written (index first)."""
    out.mkdir(parents=True, exist_ok=True)
    names = file_names(library)
    written = [out / "index.txt"]
    written[0].write_text(index_text(library, names, width), encoding="utf-8", newline="\n")
    if library.glossary:
        path = out / "glossary.txt"
        path.write_text(glossary_text(library, width), encoding="utf-8", newline="\n")
        written.append(path)
    for topic in library.reading_order():
        path = out / names[topic.id]
        path.write_text(topic_file_text(topic, library, width), encoding="utf-8", newline="\n")
        written.append(path)
    return written
