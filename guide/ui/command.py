"""`immunoguide run`: load content, settings and speech, then start the reader.

Each piece is loaded so that a failure degrades, never crashes: bad settings give
defaults and a notice; no speech engine gives a silent service with a status line.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import select
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from guide.settings import THEMES, Settings, load_settings

if TYPE_CHECKING:
    import argparse

    from guide.content.model import Library
    from guide.speech.api import SpeechService

PIPE_BYTES = 1 << 20
"""The content process's pipe: the bundled library (about 280 KB) fits in one go."""
CONTENT_WAIT_S = 30.0
"""How long to wait for the content process before loading in this one instead."""


def make_speech(settings: Settings, library: Library | None = None) -> SpeechService:
    """The real speech service for these settings; built in a thread after the first screen (see DeferredSpeech).

    The library's pronunciations apply to announcements too, so a focus change says
    "P D L 1" rather than spelling out a drug's abbreviation wrongly."""
    from guide.speech.service import create_speech_service

    return create_speech_service(
        enabled=settings.speech, rate=settings.rate_wpm, volume=settings.volume_level, voice=settings.voice,
        pronunciations=library.pronunciations if library is not None else (),
    )


def load_here(content: str | None, language: str) -> Library:
    from guide.content.open import open_library

    return open_library(content, language)


def fork_content_loader(content: str | None, language: str) -> tuple[int, int] | None:
    """Load the library in a forked process while this one imports Textual, so start-up uses both
    cores. The child writes the library's rows (rows.plain) to a pipe with marshal: both ends are
    this same Python, and marshal reads them back faster than json and needs no import.
    (pid, read end), or None if no fork.

    Forked before any thread exists; the child leaves with os._exit so nothing of the parent's
    (buffers, atexit) runs twice."""
    if not hasattr(os, "fork"):
        return None
    try:
        read_end, write_end = os.pipe()
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only; elsewhere 64 KiB
            import fcntl

            # Room for the whole library, so the child writes it and leaves at once instead of
            # waiting for this process to empty the pipe 64 KiB at a time.
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the content process
        status = 1
        try:
            os.close(read_end)
            gc.disable()  # this process only loads, sends and exits: the collector would just slow it
            from guide.content import rows

            library = load_here(content, language)
            payload = marshal.dumps(rows.plain(library))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        except BaseException:  # any failure: the parent loads the content itself and reports it
            pass
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def library_from(child: tuple[int, int] | None) -> Library | None:
    """The library the content process sent, or None (it failed, hung or sent something else)."""
    if child is None:
        return None
    pid, read_end = child
    chunks: list[bytes] = []
    deadline = time.monotonic() + CONTENT_WAIT_S
    try:
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            while True:
                ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
                if not ready:
                    os.kill(pid, 9)
                    break
                chunk = pipe.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
        if status != 0 or not chunks:
            return None
        from guide.content import rows

        return rows.library_from_plain(marshal.loads(b"".join(chunks)))
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def main(args: argparse.Namespace) -> int:
    """`immunoguide run` with options, as the command line parsed them."""
    return start(args.content, args.lang, args.theme, args.speech, args.show_cursor)


def start(
    content: str | None = None,
    language: str = "en",
    theme: str | None = None,
    speech_choice: str | None = None,
    show_cursor: bool = False,
) -> int:
    """Start the reader. The defaults are those of `immunoguide run` (cli.main calls this directly
    when no option is given)."""
    if theme and theme not in THEMES:
        print(f"Unknown theme '{theme}'. Themes: {', '.join(THEMES)}.", file=sys.stderr)
        return 2
    # Start-up builds only what lives as long as the program (modules, the library, the app), so
    # the collector would search it in vain, and a full collection could land in the first frame.
    gc.disable()
    try:
        return _run(content, language, theme, speech_choice, show_cursor)
    finally:
        gc.enable()


def _run(content: str | None, language: str, theme: str | None, speech_choice: str | None, show_cursor: bool) -> int:
    child = fork_content_loader(content, language)
    try:
        settings, notice = load_settings()
        if speech_choice:
            settings = settings.with_changes(speech=speech_choice == "on")
        if theme:
            settings = settings.with_changes(theme=theme)
        if show_cursor:
            settings = settings.with_changes(show_cursor=True)
        from guide.speech.deferred import DeferredSpeech
        from guide.ui.app import build_app  # Textual is imported while the child loads the content
    except BaseException:
        if child is not None:
            os.kill(child[0], 9)
            os.waitpid(child[0], 0)
        raise
    library = library_from(child) or load_here(content, language)
    speech = DeferredSpeech(
        lambda: make_speech(settings, library), enabled=settings.speech, rate=settings.rate, volume=settings.volume
    )
    app = build_app(library, speech, settings, notice=notice)
    if content:  # "My treatment" reads the treatments of the same content as the topics
        app.treatments_folder = Path(content)
    gc.freeze()  # all of it is kept for good: later collections look only at what comes after
    gc.enable()
    try:
        app.run()
    finally:
        speech.close()
    return int(app.return_code or 0)
