"""The command line: `immunoguide [COMMAND]`, the top of the program: it parses and dispatches.

Each command lives in its own module, named here as a string and imported only when that
command runs, so the plain commands never load Textual and nothing below imports this file.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from guide import __version__
from guide.exit_codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEM

if TYPE_CHECKING:  # a plain start never builds the parser (see main)
    import argparse

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
    p.add_argument("--show-cursor", action="store_true",
                   help="show the terminal's cursor, which follows the focus (for braille displays and magnifiers)")
    p.set_defaults(func=_lazy("guide.ui.command"))


def _add_validate(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("validate", help="check content files and report every problem")
    p.add_argument("path", nargs="?", help="content folder, language folder or one topic file (default: bundled)")
    p.add_argument("--json", action="store_true", help="print problems as JSON")
    p.add_argument("--no-readability", action="store_true", help="skip the grade-level checks")
    p.set_defaults(func=_lazy("guide.text_commands", "validate"))


def _add_topics(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("topics", parents=[common], help="print the tree of topics")
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    p.set_defaults(func=_lazy("guide.text_commands", "topics"))


def _add_show(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("show", parents=[common], help="print one topic")
    p.add_argument("id", help="topic id (see `immunoguide topics`)")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    p.add_argument("--json", action="store_true", help="print the topic as JSON (the same as --format json)")
    p.set_defaults(func=_lazy("guide.text_commands", "show"))


def _add_search(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[common], help="search topics; forgives typos and everyday words")
    p.add_argument("query", nargs="+", help="what to look for, e.g. the runs")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--limit", type=_positive, default=8, help="how many results (default 8, as in the TUI and read)")
    p.set_defaults(func=_lazy("guide.text_commands", "search"))


def _add_read(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("read", parents=[common], help="line-mode reader for screen readers and braille")
    p.add_argument("--no-pager", action="store_true", help="print whole topics without 'more' prompts")
    p.add_argument("--page-lines", type=int, default=0, help="lines per page (default: terminal height)")
    p.set_defaults(func=_lazy("guide.line_reader"))


def _add_export(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="write take-home copies: html, text or a treatment")
    p.add_argument("format", choices=["html", "text", "treatment"])
    p.add_argument("name", nargs="*", help="treatment: the drug's name, e.g. Keytruda")
    p.add_argument("--no-audio", action="store_true", help="treatment: leave out the WAV recording")
    p.add_argument("--to", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--audio", metavar="DIR", help="html: add the <id>.wav files that `speak --all` wrote in DIR")
    p.add_argument("--width", type=int, default=72, help="text: wrap lines at this many columns; 0 never wraps")
    p.set_defaults(func=_lazy("guide.copies"))


def _add_treatment(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("treatment", parents=[common], help="what the guide says about one drug or combination")
    p.add_argument("name", nargs="+", help='brand or generic name, e.g. Keytruda, or "nivo and ipi"')
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=_lazy("guide.treatment_command"))


def _add_speak(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("speak", parents=[common], help="speak a topic, or write it to a WAV file")
    p.add_argument("id", nargs="?", help="topic id")
    p.add_argument("--all", action="store_true", help="every topic, one WAV each, with an .m3u playlist")
    p.add_argument("--to", metavar="PATH", help="WAV file (or folder with --all)")
    p.add_argument("--rate", type=int, help="words per minute")
    p.add_argument("--voice", help="voice id or language, e.g. en or es")
    p.set_defaults(func=_lazy("guide.copies.audio"))


def _add_pronounce(sub: _Commands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("pronounce", parents=[common], help="show how speech says a word, with espeak-ng's phonemes")
    p.add_argument("words", nargs="+", metavar="WORD", help="a word or phrase, e.g. pembrolizumab or 'CTLA-4'")
    p.add_argument("--json", action="store_true", help="print a list of {written, spoken, phonemes}")
    p.set_defaults(func=_lazy("guide.pronounce"))


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
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, when serve is behind a proxy (http://host[:port])")
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
    "treatment": _add_treatment,
    "export": _add_export,
    "speak": _add_speak,
    "pronounce": _add_pronounce,
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
        # to parse, and argparse is neither imported nor built on every start.
        command = _start_the_guide
    else:
        args = build_parser(argv[0]).parse_args(argv)
        command = functools.partial(args.func, args)
    try:
        return int(command())
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
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
