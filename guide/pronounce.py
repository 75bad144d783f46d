"""`immunoguide pronounce [--json] WORD...`: how the guide will say a word, checked by ear.

For a content editor adding a drug name: prints the text the engine is handed (the
library's pronunciations, symbols and units applied, exactly as speech does) and
espeak-ng's own phonemes for it, and says when espeak-ng would spell a syllable out
or read a lone A as the article, so a respelling can be fixed before anyone hears it.
"""

from __future__ import annotations

import argparse
import json
import sys

from guide.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE


def main(args: argparse.Namespace) -> int:
    words = [w.strip() for w in args.words if w.strip()]
    if not words:
        print("pronounce needs a word, e.g. immunoguide pronounce pembrolizumab", file=sys.stderr)
        return EXIT_USAGE
    from guide.content.open import open_library
    from guide.speech import phonemes
    from guide.speech.text import spoken_form

    library = open_library(args.content, args.lang)
    try:
        if library.language != "en":
            phonemes.set_voice(library.language)
        found = [(w, spoken := spoken_form(w, library.pronunciations), phonemes.phonemes(spoken)) for w in words]
        faults = [phonemes.problems(spoken) for _, spoken, _ in found]
    except phonemes.EspeakMissing as exc:
        print(f"Cannot check pronunciations: {exc}.", file=sys.stderr)
        return EXIT_PROBLEM
    if args.json:
        print(json.dumps([{"written": w, "spoken": s, "phonemes": p} for w, s, p in found], indent=2,
                         ensure_ascii=False))
        return EXIT_OK
    for (written, spoken, said), fault in zip(found, faults, strict=True):
        print(written)
        print(f"  said as:  {spoken}")
        print(f"  phonemes: {said}")
        for line in fault:
            print(f"  check:    {line}")
    return EXIT_OK
