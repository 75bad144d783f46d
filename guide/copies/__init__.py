"""`immunoguide export html|text --to DIR`: take-home copies of the guide.

The HTML site is for any browser and screen reader; the text files are for
printing or a braille embosser. Both are written from the validated Library, so
they say exactly what the terminal guide says.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide.exit_codes import EXIT_OK, EXIT_PROBLEM


def main(args: argparse.Namespace) -> int:
    from guide.content.open import open_library

    out = Path(args.to)
    if out.exists() and not out.is_dir():
        print(f"Cannot write into {out}: it is a file, not a folder. Choose a folder name.", file=sys.stderr)
        return EXIT_PROBLEM
    audio = getattr(args, "audio", None)
    audio_dir = Path(audio) if audio else None
    if args.format == "text" and audio_dir:
        print("--audio is only for `export html`; the text export has no sound.", file=sys.stderr)
        return EXIT_PROBLEM
    if audio_dir and not audio_dir.is_dir():
        print(f"No audio folder at {audio_dir}. Make one first: immunoguide speak --all --to {audio_dir}",
              file=sys.stderr)
        return EXIT_PROBLEM
    if args.format != "treatment" and getattr(args, "name", None):
        print(f"`export {args.format}` takes no name; did you mean `export treatment {' '.join(args.name)}`?",
              file=sys.stderr)
        return EXIT_PROBLEM
    if args.format == "treatment":  # its own module: a summary, its wallet card and recording
        from guide.copies.treatment_export import main as export_treatment

        return export_treatment(args)
    library = open_library(args.content, args.lang)
    try:
        if args.format == "html":
            from guide.copies.html import write_site

            pages = write_site(library, out, audio_dir, getattr(args, "lang", None) or "en")
            print(f"Wrote {len(pages)} pages to {out}. Open {out / 'index.html'} in a web browser.")
            if audio_dir and not (out / "audio").is_dir():
                print(f"Note: {audio_dir} holds no <topic id>.wav files, so the pages have no audio.",
                      file=sys.stderr)
        else:
            from guide.copies.text import DEFAULT_WIDTH, write_text_export

            width = getattr(args, "width", DEFAULT_WIDTH)
            files = write_text_export(library, out, DEFAULT_WIDTH if width is None else width)
            print(f"Wrote {len(files)} text files to {out}. Start with {out / 'index.txt'}.")
    except OSError as exc:
        print(f"Could not write to {out}: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
