"""`immunoguide validate | topics | show | search`: the commands that print plain text.

They import no Textual, so they start fast and print what a screen reader or braille
display follows line by line, or JSON for other programs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from guide.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE

if TYPE_CHECKING:
    import argparse


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal and only when NO_COLOR is unset (no-color.org)."""
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", lambda: False)
    return "NO_COLOR" not in os.environ and bool(isatty()) and os.environ.get("TERM") != "dumb"


def _style(kind: str, text: str) -> str:
    codes = {"title": "1", "heading": "1", "urgent": "1;7", "muted": "2"}
    return f"\x1b[{codes[kind]}m{text}\x1b[0m" if kind in codes else text


def print_json(data: object, *, ascii_only: bool = False) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=ascii_only))


def validate(args: argparse.Namespace) -> int:
    from guide.content.loader import bundled_content_dir, validate_path

    path = Path(args.path) if args.path else bundled_content_dir()
    problems = validate_path(path, check_readability=not args.no_readability)
    errors = [p for p in problems if p.severity == "error"]
    if args.json:
        print_json(
            {
                "ok": not errors,
                "errors": len(errors),
                "warnings": len(problems) - len(errors),
                "problems": [p.as_dict() for p in problems],
            },
            ascii_only=True,
        )
    else:
        for problem in problems:
            print(problem.format())
        warnings = len(problems) - len(errors)
        if errors:
            print(f"{len(errors)} error(s), {warnings} warning(s) in {path}.")
        else:
            print(f"Content in {path} is valid ({warnings} warning(s)).")
    return EXIT_PROBLEM if errors else EXIT_OK


def topics(args: argparse.Namespace) -> int:
    from guide.content.open import open_library
    from guide.content.plaintext import tree_dict, tree_lines

    library = open_library(args.content, args.lang)
    if args.json:
        print_json(tree_dict(library))
    else:
        print("\n".join(tree_lines(library)))
    return EXIT_OK


def show(args: argparse.Namespace) -> int:
    from guide.content import plaintext
    from guide.content.open import find_topic, no_such_topic, open_library

    library = open_library(args.content, args.lang)
    topic = find_topic(library, args.id)
    if topic is None:
        print(no_such_topic(library, args.id), file=sys.stderr)
        return EXIT_PROBLEM
    if args.json or args.format == "json":
        print_json(plaintext.topic_dict(topic, library))
    elif args.format == "markdown":
        sys.stdout.write(plaintext.topic_markdown(topic, library))
    else:
        style = _style if use_colour() else (lambda kind, text: text)
        sys.stdout.write(plaintext.topic_text(topic, library, style))
    return EXIT_OK


def search(args: argparse.Namespace) -> int:
    query = " ".join(args.query).strip()
    if not query:
        print("search needs words to look for, e.g. immunoguide search the runs", file=sys.stderr)
        return EXIT_USAGE
    from guide.content.open import open_library
    from guide.content.search import SearchIndex

    library = open_library(args.content, args.lang)
    index = SearchIndex(library)
    ranking = index.rank(query)
    results = index.results(ranking, 0, args.limit)
    if args.json:
        found = [
            {
                "id": r.topic_id,
                "title": r.title,
                "path": [t.title for t in library.ancestors(r.topic_id)],
                "score": r.score,
                "snippet": r.snippet,
                "marks": [list(m) for m in r.marks],
                "why": r.why,
            }
            for r in results
        ]
        print_json({"query": query, "found": len(ranking), "results": found})
        return EXIT_OK if results else EXIT_PROBLEM
    if not results:
        tips = index.suggestions(query)
        extra = f" Words in the guide close to yours: {', '.join(tips)}." if tips else ""
        print(f"Nothing found for '{query}'.{extra} Try a shorter or everyday word, such as 'rash' or 'tired'.")
        return EXIT_PROBLEM
    # Matched words: bold and underlined on a terminal, between stars elsewhere (never colour alone).
    before, after = ("\x1b[1;4m", "\x1b[0m") if use_colour() else ("*", "*")
    for number, r in enumerate(results, start=1):
        print(f"{number}. {r.title} ({r.topic_id})")
        print(f"   {library.breadcrumb(r.topic_id)}")
        print(f"   {r.marked_snippet(before, after)}")
        if r.why:
            print(f"   Matched: {r.why}")
    shown = f"{len(results)} of {len(ranking)} found" if len(ranking) > len(results) else f"{len(ranking)} found"
    more = f" For more: --limit {len(ranking)}." if len(ranking) > len(results) else ""
    print(f"{shown} for '{query}'.{more}")
    return EXIT_OK
