"""`immunoguide run`: load content, settings and speech, then start the reader.

Each piece is loaded so that a failure degrades, never crashes: bad settings give
defaults and a notice; no speech engine gives a silent service with a status line.
"""

from __future__ import annotations

import argparse
import sys

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.content.model import Library
from guide.settings import THEMES, Settings, load_settings
from guide.speech.api import SpeechService


def make_speech(settings: Settings, library: Library | None = None) -> SpeechService:
    """The real speech service for these settings; built in a thread after the first screen (see DeferredSpeech).

    The library's pronunciations apply to announcements too, so a focus change says
    "P D L 1" rather than spelling out a drug's abbreviation wrongly."""
    from guide.speech.service import create_speech_service

    return create_speech_service(
        enabled=settings.speech, rate=settings.rate_wpm, volume=settings.volume_level, voice=settings.voice,
        pronunciations=library.pronunciations if library is not None else (),
    )


def main(args: argparse.Namespace) -> int:
    content = getattr(args, "content", None)
    root = content or bundled_content_dir() / getattr(args, "lang", "en")
    library = load_or_raise(root)
    settings, notice = load_settings()
    speech_choice = getattr(args, "speech", None)
    if speech_choice:
        settings = settings.with_changes(speech=speech_choice == "on")
    theme = getattr(args, "theme", None)
    if theme:
        if theme in THEMES:
            settings = settings.with_changes(theme=theme)
        else:
            print(f"Unknown theme '{theme}'. Themes: {', '.join(THEMES)}.", file=sys.stderr)
            return 2
    from guide.ui.deferred_speech import DeferredSpeech

    speech = DeferredSpeech(
        lambda: make_speech(settings, library), enabled=settings.speech, rate=settings.rate, volume=settings.volume
    )
    from guide.ui.app import build_app

    app = build_app(library, speech, settings, notice=notice)
    try:
        app.run()
    finally:
        speech.close()
    return int(app.return_code or 0)
