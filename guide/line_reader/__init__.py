"""`immunoguide read`: the guide as plain lines, for screen readers and braille.

Textual redraws the screen, which Orca, speakup and braille displays cannot follow.
This reader only ever appends lines: numbered menus, a prompt that says where you
are, topics as paragraphs. It writes no escape bytes at all (no colour, no cursor
movement), so the output reads the same in a terminal, a pipe or a log file.

session.py is what the person moves through and what each typed line does; terminal.py
is every line in and out (cleaned input, safe output, wrapping, the pager).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from guide.exit_codes import EXIT_OK
from guide.line_reader.session import LineReader as LineReader
from guide.line_reader.terminal import forgive_encoding


def main(args: argparse.Namespace) -> int:
    from guide.content.open import open_library

    library = open_library(args.content, args.lang)
    stdin, stdout = sys.stdin, sys.stdout
    forgive_encoding(stdin)
    forgive_encoding(stdout)
    interactive = stdin.isatty() and stdout.isatty()
    if interactive:
        try:
            import readline  # noqa: F401  (input() then edits lines and keeps their history)
        except ImportError:  # Python built without readline (Windows): plain lines still work
            interactive_editing = False
        else:
            interactive_editing = True
    else:
        interactive_editing = False
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
        line_editing=interactive_editing and stdin is sys.stdin,
    )
    try:
        return reader.run()
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): stop quietly, no traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
