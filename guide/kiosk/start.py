"""Start the kiosk from a checked config: content, speech (off until a visitor comes), app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.kiosk.app import build_kiosk, kiosk_settings
from guide.kiosk.config import KioskConfig


def content_root(config: KioskConfig, args: argparse.Namespace) -> Path:
    """--content, else --lang if given, else the config's language; English if that is missing."""
    if getattr(args, "content", None):
        return Path(args.content)
    language = config.defaults.language
    if getattr(args, "lang", None) and args.lang != "en":
        language = args.lang
    root = bundled_content_dir() / language
    if not root.is_dir():
        print(f"kiosk: no bundled content in the language {language!r}; using English.", file=sys.stderr)
        root = bundled_content_dir() / "en"
    return root


def run_kiosk(config: KioskConfig, args: argparse.Namespace) -> int:
    library = load_or_raise(content_root(config, args))
    from guide.ui.command import make_speech

    # Created off: nothing is said until a visitor presses a key (guide.kiosk.app).
    speech = make_speech(kiosk_settings(config).with_changes(speech=False), library)
    app = build_kiosk(library, speech, config)
    try:
        app.run()
    finally:
        speech.close()
    return int(app.return_code or 0)
