"""The command line: `immunoguide [COMMAND]`.

Plain commands (validate, topics, show, search) import no Textual, so they start
fast and print text a screen reader follows; the TUI, speech, kiosk and exporters
are imported only when their command runs.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from guide import __version__

if TYPE_CHECKING:  # `run` never needs these: they are imported where a command uses them
    import argparse

    from guide.content.model import Library, Topic

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal and only when NO_COLOR is unset (no-color.org)."""
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", lambda: False)
    return "NO_COLOR" not in os.environ and bool(isatty()) and os.environ.get("TERM") != "dumb"


def _style(kind: str, text: str) -> str:
    codes = {"title": "1", "heading": "1", "urgent": "1;7", "muted": "2"}
    return f"\x1b[{codes[kind]}m{text}\x1b[0m" if kind in codes else text


def _print_json(data: object, *, ascii_only: bool = False) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=ascii_only))


def content_root(args: argparse.Namespace) -> Path:
    if getattr(args, "content", None):
        return Path(args.content)
    from guide.content.loader import bundled_content_dir

    return bundled_content_dir() / getattr(args, "lang", "en")


def load(args: argparse.Namespace) -> Library:
    """The library the command asked for; ContentError (or MissingContent) if it cannot be used."""
    from guide.content.loader import bundled_content_dir, load_or_raise
    from guide.content.problems import MissingContent, Problem

    root = content_root(args)
    if not (root / "topics").is_dir():
        languages = sorted(p.name for p in bundled_content_dir().iterdir() if (p / "topics").is_dir())
        where = f"the folder {root}" if getattr(args, "content", None) else f"language '{root.name}'"
        raise MissingContent(
            [
                Problem(
                    str(root),
                    1,
                    1,
                    "",
                    f"there is no content for {where} (no topics/ folder)",
                    f"bundled languages: {', '.join(languages) or 'none'}; "
                    "--content takes a language folder such as content/en",
                )
            ]
        )
    return load_or_raise(root)


def closest_ids(library: Library, wanted: str) -> list[str]:
    import difflib

    ids = [t.id for t in library.topics]
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    if not close:
        from guide.content.search import SearchIndex

        close = [r.topic_id for r in SearchIndex(library).search(wanted.replace("-", " "), limit=3)]
    return close


def find_topic(library: Library, topic_id: str) -> Topic | None:
    """The topic, or None after telling the person on stderr which ids come closest."""
    topic = library.get(topic_id)
    if topic is None:
        close = closest_ids(library, topic_id)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        print(f"No topic has the id '{topic_id}'.{hint} `immunoguide topics` lists every id.", file=sys.stderr)
    return topic


def cmd_validate(args: argparse.Namespace) -> int:
    from guide.content.loader import bundled_content_dir, validate_path

    path = Path(args.path) if args.path else bundled_content_dir()
    problems = validate_path(path, check_readability=not args.no_readability)
    errors = [p for p in problems if p.severity == "error"]
    if args.json:
        _print_json(
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


def cmd_topics(args: argparse.Namespace) -> int:
    from guide.content.plaintext import tree_dict, tree_lines

    library = load(args)
    if args.json:
        _print_json(tree_dict(library))
    else:
        print("\n".join(tree_lines(library)))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from guide.content import plaintext

    library = load(args)
    topic = find_topic(library, args.id)
    if topic is None:
        return EXIT_PROBLEM
    if args.format == "json":
        _print_json(plaintext.topic_dict(topic, library))
    elif args.format == "markdown":
        sys.stdout.write(plaintext.topic_markdown(topic, library))
    else:
        style = _style if use_colour() else (lambda kind, text: text)
        sys.stdout.write(plaintext.topic_text(topic, library, style))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from guide.content.search import SearchIndex

    library = load(args)
    index = SearchIndex(library)
    query = " ".join(args.query)
    results = index.search(query, limit=args.limit)
    if args.json:
        found = [
            {
                "id": r.topic_id,
                "title": r.title,
                "path": [t.title for t in library.ancestors(r.topic_id)],
                "score": r.score,
                "snippet": r.snippet,
                "why": r.why,
            }
            for r in results
        ]
        _print_json({"query": query, "results": found})
        return EXIT_OK if results else EXIT_PROBLEM
    if not results:
        tips = index.suggestions(query)
        extra = f" Words in the guide close to yours: {', '.join(tips)}." if tips else ""
        print(f"Nothing found for '{query}'.{extra} Try a shorter or everyday word, such as 'rash' or 'tired'.")
        return EXIT_PROBLEM
    for number, r in enumerate(results, start=1):
        print(f"{number}. {r.title} ({r.topic_id})")
        print(f"   {library.breadcrumb(r.topic_id)}")
        print(f"   {r.snippet}")
        if r.why:
            print(f"   Matched: {r.why}")
    return EXIT_OK


def _lazy(module: str, function: str = "main"):  # type: ignore[no-untyped-def]
    """Run a command that lives in a heavier module, imported only when asked for."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), function)(args))

    return run


_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _positive(text: str) -> int:
    """A whole number of 1 or more, else a usage error (exit 2) that says so."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _add_run(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("run", parents=[common], help="start the guide (the default)")
    p.add_argument("--speech", choices=["on", "off"], help="start with speech on or off (default: your setting)")
    p.add_argument("--theme", help="start with this theme")
    p.set_defaults(func=_lazy("guide.ui.command"))


def _add_validate(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("validate", help="check content files and report every problem")
    p.add_argument("path", nargs="?", help="content folder, language folder or one topic file (default: bundled)")
    p.add_argument("--json", action="store_true", help="print problems as JSON")
    p.add_argument("--no-readability", action="store_true", help="skip the grade-level checks")
    p.set_defaults(func=cmd_validate)


def _add_topics(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("topics", parents=[common], help="print the tree of topics")
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    p.set_defaults(func=cmd_topics)


def _add_show(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("show", parents=[common], help="print one topic")
    p.add_argument("id", help="topic id (see `immunoguide topics`)")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    p.set_defaults(func=cmd_show)


def _add_search(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[common], help="search topics; forgives typos and everyday words")
    p.add_argument("query", nargs="+", help="what to look for, e.g. the runs")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--limit", type=_positive, default=5, help="how many results (default 5)")
    p.set_defaults(func=cmd_search)


def _add_read(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("read", parents=[common], help="line-mode reader for screen readers and braille")
    p.add_argument("--no-pager", action="store_true", help="print whole topics without 'more' prompts")
    p.add_argument("--page-lines", type=int, default=0, help="lines per page (default: terminal height)")
    p.set_defaults(func=_lazy("guide.line_reader"))


def _add_export(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="write take-home copies: html or text")
    p.add_argument("format", choices=["html", "text"])
    p.add_argument("--to", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--audio", metavar="DIR", help="html: add the <id>.wav files that `speak --all` wrote in DIR")
    p.add_argument("--width", type=int, default=72, help="text: wrap lines at this many columns; 0 never wraps")
    p.set_defaults(func=_lazy("guide.copies"))


def _add_speak(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("speak", parents=[common], help="speak a topic, or write it to a WAV file")
    p.add_argument("id", nargs="?", help="topic id")
    p.add_argument("--all", action="store_true", help="every topic, one WAV each, with an .m3u playlist")
    p.add_argument("--to", metavar="PATH", help="WAV file (or folder with --all)")
    p.add_argument("--rate", type=int, help="words per minute")
    p.add_argument("--voice", help="voice id or language, e.g. en or es")
    p.set_defaults(func=_lazy("guide.copies.audio"))


def _add_kiosk(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("kiosk", parents=[common], help="run locked down for a waiting room")
    p.add_argument("--config", metavar="FILE", help="kiosk config file (default: see --show-config)")
    p.add_argument("--show-config", action="store_true", help="print the config path and settings, then exit")
    p.add_argument("--set-pin", action="store_true", help="set the staff PIN (asked twice), then exit")
    p.add_argument("--idle-seconds", type=float, help="seconds without input before the warning")
    p.add_argument("--warning-seconds", type=float, help="seconds of warning before the reset")
    p.set_defaults(func=_lazy("guide.kiosk.command"))


def _add_serve(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="serve the kiosk to a browser with textual-serve")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--public", action="store_true", help="allow binding to an address other than loopback")
    p.add_argument("--config", metavar="FILE", help="kiosk config file")
    p.add_argument("--idle-seconds", type=float, help="seconds without input before the warning")
    p.add_argument("--warning-seconds", type=float, help="seconds of warning before the reset")
    p.set_defaults(func=_lazy("guide.kiosk.command", "serve"))


COMMANDS: dict[str, Callable[[_Commands, argparse.ArgumentParser], None]] = {
    "run": _add_run,
    "validate": _add_validate,
    "topics": _add_topics,
    "show": _add_show,
    "search": _add_search,
    "read": _add_read,
    "export": _add_export,
    "speak": _add_speak,
    "kiosk": _add_kiosk,
    "serve": _add_serve,
}
"""Every command, in the order --help lists them."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; given a known command, only that command's part (its usage,
    help and errors read the same either way): building all of them cost `run` 5-9 ms."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="immunoguide",
        description="An accessible guide to cancer immunotherapy. With no command, starts the guide.",
    )
    parser.add_argument("--version", action="version", version=f"immunoguide {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", metavar="DIR", help="use this language folder instead of the bundled content")
    common.add_argument("--lang", default="en", help="language of the bundled content (default: en)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in COMMANDS.items():
        if command not in COMMANDS or command == name:
            add(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["run", *argv]
    command: Callable[[], int]
    if argv == ["run"]:
        # How the guide is nearly always started: no command and no options, so there is nothing
        # to parse, and argparse is neither imported nor built (measured: 12M instructions, about
        # 3 ms, of every start).
        command = _start_the_guide
    else:
        args = build_parser(argv[0]).parse_args(argv)
        command = functools.partial(args.func, args)
    try:
        return int(command())
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        return _content_failure(exc)


def _start_the_guide() -> int:
    """`immunoguide run` with every option left at its default (see the test that they agree)."""
    from guide.ui.command import start

    return start()


def _content_failure(exc: Exception) -> int:
    """Unusable content is told in words (exit 1); anything else is a real fault and goes on up."""
    from guide.content.problems import ContentError, MissingContent

    if isinstance(exc, MissingContent):
        problem = exc.problems[0]
        print(f"No content: {problem.message}. {problem.hint[0].upper()}{problem.hint[1:]}.", file=sys.stderr)
        return EXIT_PROBLEM
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        print("The guide's content has errors; run `immunoguide validate` for details.", file=sys.stderr)
        return EXIT_PROBLEM
    raise exc
