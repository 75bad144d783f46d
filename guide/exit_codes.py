"""The exit statuses every command shares, so a script or the kiosk's service manager can
tell them apart: 0 done, 1 a problem the message explains, 2 the command was written wrong."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEM = 1
"""Bad content, an unknown id, nothing found, a file that cannot be written: the message says which."""
EXIT_USAGE = 2
"""The command line itself is wrong (argparse uses 2 for the same)."""
EXIT_STAFF = 10
"""The kiosk after a staff PIN exit; the systemd unit's RestartPreventExitStatus=10 keeps it
down then, while every other exit (a crash included) brings it back."""
EXIT_INTERRUPTED = 130
"""Ctrl+C, as a shell reports a program ended by SIGINT."""
