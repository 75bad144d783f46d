"""`immunoguide treatment NAME [--json]`: what the guide says about one treatment or combination.

The name may be a brand or a generic name, misspelt, or two drugs joined by "and" or "+"
("nivo and ipi"). The summary begins and ends with the care team's plan and lists the urgent
signs first, each with its level. An unknown name exits 1 with the closest names.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NamedTuple

from guide.exit_codes import EXIT_OK, EXIT_PROBLEM

if TYPE_CHECKING:
    import argparse

    from guide.content.model import Library
    from guide.content.treatment_summary import Summary
    from guide.content.treatments import Care


class Opened(NamedTuple):
    library: Library
    care: Care


def open_care(content: str | None, language: str) -> Opened:
    """The library and its triage table and treatments; ContentError if the treatments have errors."""
    from guide.content.open import content_folder, open_library
    from guide.content.problems import ContentError
    from guide.content.treatments import read_care

    library = open_library(content, language)
    care = read_care(content_folder(content, language))
    errors = [p for p in care.problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return Opened(library, care)


def lookup(opened: Opened, name: str) -> list[Summary] | str:
    """The summaries for what was typed, or the message for a name the guide does not know."""
    from guide.content.treatment_summary import CARE_TEAM_REMINDER, find, summarise
    from guide.content.triage import TriageTable

    found = find(opened.care.treatments, name)
    if not found.treatments:
        close = f" The closest names: {', '.join(found.closest)}." if found.closest else ""
        return f"The guide has no treatment called '{name}'.{close} {CARE_TEAM_REMINDER}"
    table = opened.care.table or TriageTable(())
    return [summarise(t, opened.library, table) for t in found.treatments]


def main(args: argparse.Namespace) -> int:
    from guide.content.treatment_summary import summary_dict, summary_lines
    from guide.text_commands import print_json

    name = " ".join(args.name).strip()
    opened = open_care(args.content, args.lang)
    summaries = lookup(opened, name)
    if isinstance(summaries, str):
        print(summaries, file=sys.stderr)
        return EXIT_PROBLEM
    if args.json:
        data = [summary_dict(s, opened.library) for s in summaries]
        print_json(data[0] if len(data) == 1 else data)
        return EXIT_OK
    if len(summaries) > 1:
        print(f"The guide has no entry for these together, so here is each one ({len(summaries)}).\n")
    print("\n\n".join("\n".join(summary_lines(s, opened.library)).rstrip() for s in summaries))
    return EXIT_OK
