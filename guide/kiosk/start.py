"""Start the kiosk from a checked config: content, speech (off until a visitor comes), app.

The Textual app is imported only in run_kiosk, so choosing the language (and importing this
module) never loads a terminal UI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide.content.model import Library
from guide.content.open import bundled_languages, open_library
from guide.kiosk.config import KioskConfig


def kiosk_language(config: KioskConfig, args: argparse.Namespace) -> str:
    """--lang if given, else the config's language; English if that one is not bundled, so a
    mistyped language never leaves a waiting room with a blank screen."""
    language = config.defaults.language
    if getattr(args, "lang", None) and args.lang != "en":
        language = args.lang
    if not args.content and language not in bundled_languages():
        print(f"kiosk: no bundled content in the language {language!r}; using English.", file=sys.stderr)
        language = "en"
    return language


def run_kiosk(config: KioskConfig, args: argparse.Namespace, library: Library | None = None) -> int:
    """The kiosk until it ends, exec'd or forked from serve's zygote (which hands in the
    library it loaded once): one body for both, so a forked kiosk is locked down the same."""
    if library is None:
        library = open_library(args.content, kiosk_language(config, args))
    from guide.kiosk.app import build_kiosk, kiosk_settings
    from guide.ui.command import make_speech

    # Created off: nothing is said until a visitor presses a key (guide.kiosk.app).
    speech = make_speech(kiosk_settings(config).with_changes(speech=False), library)
    app = build_kiosk(library, speech, config)
    if args.content:  # "My treatment" reads the treatments of the same content as the topics
        app.treatments_folder = Path(args.content)
    try:
        app.run()
    finally:
        speech.close()
    return int(app.return_code or 0)
