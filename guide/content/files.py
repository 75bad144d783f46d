"""Reading one content file safely: a regular file, at most MAX_FILE_BYTES, UTF-8, then YAML.

Every failure comes back as a Problem with the file's name (and line and column where there is
one), never as an exception, so the loader can report every bad file in one pass.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from guide.content.problems import Problem
from guide.content.yaml_reader import Node, YamlReadError, parse

MAX_FILE_BYTES = 256 * 1024


def file_problem(display: str, message: str, hint: str, line: int = 1, column: int = 1) -> list[Problem]:
    return [Problem(display, line, column, "", message, hint)]


def read_file(path: Path | str, display: str) -> tuple[Node | None, list[Problem]]:
    """Read one file as plain YAML data, with size, encoding and syntax checks."""
    _, node, problems = read_source(path, display)
    return node, problems


def shown_name(path: Path) -> str:
    """The name an editor sees: relative to where they are, or the full path when the file
    lies outside that folder (a path made of '../../..' is harder to follow than the real one)."""
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(Path(path).absolute()) if shown.startswith("..") else shown


def read_shown(path: Path) -> tuple[str, str, Node | None, list[Problem]]:
    """read_source under the name messages show: how the triage table and treatments are read."""
    shown = shown_name(path)
    return (shown, *read_source(path, shown))


def read_source(path: Path | str, display: str) -> tuple[str, Node | None, list[Problem]]:
    """Like read_file, plus the decoded text, so messages can point inside long values."""
    raw, problems = _read_raw(path, display)
    if raw is None:
        return "", None, problems
    return _parse_bytes(raw, display)


def _read_raw(path: Path | str, display: str) -> tuple[bytes | None, list[Problem]]:
    try:
        # os.open and os.read, not open(): the file object's buffering is wasted on one read.
        # O_NONBLOCK and a regular-file check: a FIFO or device among the topics must not hang validate.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise OSError(errno.EINVAL, "it is not a regular file")
            # Size first: reading MAX + 1 bytes would allocate the whole limit for every small topic.
            size = info.st_size
            limit = 0 if size > MAX_FILE_BYTES else MAX_FILE_BYTES + 1 if size == 0 else size + 1
            raw = os.read(fd, limit) if limit else b""
            while 0 < len(raw) < limit and (more := os.read(fd, limit - len(raw))):
                raw += more
        finally:
            os.close(fd)
        if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:  # too big, or grew while being read
            message = f"the file is {max(size, len(raw)):,} bytes, over the limit of {MAX_FILE_BYTES:,}"
            return None, file_problem(display, message, "split it into several topics")
    except OSError as exc:
        message = f"the file cannot be read: {exc.strerror or exc}"
        return None, file_problem(display, message, "check that it exists and that you may read it")
    return raw, []


def parse_bytes(raw: bytes, display: str) -> tuple[Node | None, list[Problem]]:
    """Bytes -> plain data; every failure is a Problem, never an exception."""
    _, node, problems = _parse_bytes(raw, display)
    return node, problems


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        message = f"the file is {len(raw):,} bytes, over the limit of {MAX_FILE_BYTES:,}"
        return None, file_problem(display, message, "split it into several topics")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
        return None, file_problem(display, message, "save the file as UTF-8 in your editor", line, column)
    return text[1:] if text.startswith("\ufeff") else text, []


def _parse_bytes(raw: bytes, display: str) -> tuple[str, Node | None, list[Problem]]:
    text, problems = _decode(raw, display)
    if text is None:
        return "", None, problems
    return _parse_text(text, display)


def _parse_text(text: str, display: str) -> tuple[str, Node | None, list[Problem]]:
    try:
        return text, parse(text), []
    except YamlReadError as exc:
        return text, None, file_problem(display, exc.message, exc.hint, exc.line, exc.column)
    except (RecursionError, ValueError, TypeError, IndexError) as exc:  # defensive: never a traceback
        message = f"the file could not be read as YAML ({type(exc).__name__})"
        return text, None, file_problem(display, message, "check the file in a YAML-aware editor")
