"""Printing a treatment summary for a visitor, by staff, on the printer the kiosk config names.

The kiosk writes no file, so the text goes to `lp` on its standard input; the copy CUPS keeps
while printing is the print system's. No Textual here, so it is tested without a screen.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from typing import Any

PRINTER_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$")
"""A CUPS queue name, or "default" for lp's default printer; never starts with "-" (an option)."""
PRINT_TIMEOUT_S = 20.0

Run = Callable[..., Any]
"""subprocess.run, or a stand-in in tests."""


def lp_command(printer: str, title: str) -> list[str] | None:
    """The lp command line for this printer, or None when lp is not installed."""
    lp = shutil.which("lp")
    if lp is None:
        return None
    return [lp, "-t", title[:60], *([] if printer == "default" else ["-d", printer])]


def print_lines(printer: str, title: str, lines: Sequence[str], run: Run = subprocess.run) -> tuple[bool, str]:
    """Send the lines to the printer: (sent, what to tell staff)."""
    command = lp_command(printer, title)
    if command is None:
        return False, "The summary cannot be printed: the lp command is not installed on this computer."
    try:
        result = run(command, input="\n".join(lines) + "\n", text=True, capture_output=True,
                     timeout=PRINT_TIMEOUT_S, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"The summary could not be printed ({type(exc).__name__})."
    if result.returncode != 0:
        reason = [line.rstrip(".") for line in (result.stderr or "").strip().splitlines()[:1]]
        return False, f"The summary could not be printed{': ' + reason[0] if reason else ''}."
    return True, f"The summary was sent to the printer {printer}."
