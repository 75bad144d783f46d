"""`immunoguide kiosk` and `immunoguide serve`: check the config, set the PIN, start the
locked-down guide, or serve it to a browser on this machine.

Textual is imported only when the kiosk really starts, so `--show-config` and
`--set-pin` work on a machine with no terminal UI at all (over ssh, in a script).
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import shlex
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from guide.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from guide.kiosk.config import TEMPLATE, KioskConfig, config_path, describe, load_config
from guide.kiosk.pin import hash_pin, pin_problem, verify_pin, write_pin_hash
from guide.kiosk.rules import MIN_WARNING_SECONDS, Feature

# Variables that would let the kiosk leak or be stopped: Textual's log file and devtools
# (a visitor's screens in a file) and TEXTUAL_ALLOW_SIGNALS (ctrl+c / ctrl+z as signals).
UNSAFE_ENVIRONMENT = ("TEXTUAL_ALLOW_SIGNALS", "TEXTUAL_LOG", "TEXTUAL", "TEXTUAL_DEBUG", "TEXTUAL_SCREENSHOT")


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def read_new_pin(stdin: TextIO) -> tuple[str, str] | None:
    """Ask twice on a terminal (hidden); from a pipe read two lines, for scripts and tests."""
    if stdin.isatty():
        try:
            first = getpass.getpass("New staff PIN (6 to 12 digits): ")
            second = getpass.getpass("The same PIN again: ")
        except (EOFError, KeyboardInterrupt):
            return None
        return first.strip(), second.strip()
    lines = stdin.read(4096).splitlines()
    if len(lines) < 2:
        return None
    return lines[0].strip(), lines[1].strip()


def set_pin(path: Path, stdin: TextIO) -> int:
    answers = read_new_pin(stdin)
    if answers is None:
        _err("No PIN given. On a terminal type it twice; from a script send it on two lines.")
        return EXIT_USAGE
    first, second = answers
    if first != second:
        _err("The two PINs differ; nothing was changed.")
        return EXIT_PROBLEM
    problem = pin_problem(first)
    if problem:
        _err(f"Not set: {problem}.")
        return EXIT_PROBLEM
    stored = hash_pin(first)
    try:
        write_pin_hash(path, stored, new_file=TEMPLATE)
    except OSError as exc:
        _err(f"Cannot write {path}: {exc.strerror}. Run as a user who may write it, or pass --config FILE.")
        return EXIT_PROBLEM
    written = load_config(path).pin_hash
    if written is None or not verify_pin(first, written):
        _err(f"The PIN was written to {path} but does not read back; check the file by hand.")
        return EXIT_PROBLEM
    print(f"Staff PIN set (stored as a salted hash) in {path}.")
    return EXIT_OK


def effective_config(args: argparse.Namespace) -> KioskConfig | None:
    """The file's settings with the command line's times applied; None after a usage error."""
    config = load_config(config_path(getattr(args, "config", None)))
    idle, warning = getattr(args, "idle_seconds", None), getattr(args, "warning_seconds", None)
    for name, value in (("--idle-seconds", idle), ("--warning-seconds", warning)):
        if value is not None and not 0 < value <= 86400:
            _err(f"{name} must be a number of seconds above 0.")
            return None
    if warning is not None and warning < MIN_WARNING_SECONDS:
        _err(f"Note: --warning-seconds {warning:g} is below the {MIN_WARNING_SECONDS:g} s a visitor needs; "
             "use it for tests only.")
    return config.with_times(idle, warning)


def tell_config_problems(config: KioskConfig) -> None:
    """What a kiosk says first on its stderr (the journal, or a served session's own)."""
    for problem in config.problems:
        _err(f"kiosk config: {problem.format()}")
    if config.pin_hash is None:
        _err("kiosk: no staff PIN is set, so staff cannot exit from the screen; set one with "
             "`immunoguide kiosk --set-pin`.")


def harden_environment() -> None:
    for name in UNSAFE_ENVIRONMENT:
        os.environ.pop(name, None)
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def main(args: argparse.Namespace) -> int:
    """`immunoguide kiosk`: show config, set the PIN, or run locked down."""
    path = config_path(getattr(args, "config", None))
    if getattr(args, "set_pin", False):
        return set_pin(path, sys.stdin)
    config = effective_config(args)
    if config is None:
        return EXIT_USAGE
    if getattr(args, "show_config", False):
        sys.stdout.write(describe(config))
        return EXIT_PROBLEM if config.problems else EXIT_OK
    tell_config_problems(config)
    harden_environment()
    from guide.kiosk.start import run_kiosk

    return run_kiosk(config, args)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def kiosk_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs per browser: this same Python and this guide.
    ``exec`` replaces the shell, so each session is one process that serve can end."""
    parts = [sys.executable, "-m", "guide", "kiosk"]
    for flag in ("config", "content", "lang", "idle_seconds", "warning_seconds"):
        value = getattr(args, flag, None)
        if value is not None:
            parts += [f"--{flag.replace('_', '-')}", str(value)]
    return "exec " + shlex.join(parts)


def public_address(url: str | None) -> str | None:
    """The --public-url as the page's address prefix (no trailing slash); None when not given,
    "" when it is not http(s)://host[:port]. Behind a proxy the page must name the proxy, not
    serve's own loopback port, or a browser elsewhere could load neither script nor session."""
    if url is None:
        return None
    parts = urlsplit(url.rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username is not None:
        return ""
    if parts.path or parts.query or parts.fragment:
        return ""
    try:
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return ""
    # As a browser writes the page's Origin (lower case, no default port): the websocket's
    # Origin must equal this exactly (guide.kiosk.web).
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port not in (None, default) else "")


def serve(args: argparse.Namespace) -> int:
    """`immunoguide serve`: the kiosk in a browser, on this machine only unless --public."""
    host: str = args.host
    if not _loopback(host) and not args.public:
        _err(f"Refusing to serve on {host}: that lets other machines reach the kiosk. "
             "Add --public if that is what you want.")
        return EXIT_USAGE
    public_url = public_address(getattr(args, "public_url", None))
    if public_url == "":
        _err("--public-url must be http://host or https://host, with a port if not the scheme's own, "
             "and no path: the address browsers use to reach the proxy in front of serve.")
        return EXIT_USAGE
    config = effective_config(args)
    if config is None:
        return EXIT_USAGE
    for problem in config.problems:
        _err(f"kiosk config: {problem.format()}")
    from guide.kiosk.web import make_server

    speech = config.defaults.speech or config.allows(Feature.SPEECH_TOGGLE)
    server = make_server(kiosk_command(args), host, args.port, max_sessions=config.max_sessions, speech=speech)
    if public_url:
        server.public_url = public_url  # textual-serve builds the page's script and websocket addresses from it
    server.serve()
    return EXIT_OK
