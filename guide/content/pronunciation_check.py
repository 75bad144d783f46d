"""One written form, one way to say it: the check across pronunciation files.

Speech matches written forms ignoring case, and when a word is defined twice the
first definition silently wins, so an editor who adds a better respelling in a
second file would never hear it. A written form (ignoring case) given two
different spoken forms is therefore an error naming both places; the same
spoken form twice is harmless and not reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from guide.content.problems import Problem

_PREFIX = "pronunciations."


def _defined(
    pronunciations: Sequence[tuple[str, str]], places: Mapping[str, Mapping[str, tuple[int, int]]]
) -> Iterable[tuple[str, str, str, int, int]]:
    """(written, spoken, path, line, column) in reading order.

    The loader keeps the pairs in the order the files were read and, per file, where
    each value was written; walking both together gives each pair its place. A place
    with no pair (a value that was refused) is passed over.
    """
    pending = list(pronunciations)
    i = 0
    for path, keys in places.items():
        for key, (line, column) in keys.items():
            if not key.startswith(_PREFIX) or i >= len(pending):
                continue
            written = key[len(_PREFIX):]
            if pending[i][0] == written:
                yield written, pending[i][1], path, line, column
                i += 1


def pronunciation_problems(
    pronunciations: Sequence[tuple[str, str]], places: Mapping[str, Mapping[str, tuple[int, int]]]
) -> list[Problem]:
    """An error at every later definition of a written form whose spoken form differs from the first."""
    first: dict[str, tuple[str, str, str, int]] = {}
    problems: list[Problem] = []
    for written, spoken, path, line, column in _defined(pronunciations, places):
        folded = written.casefold()
        if folded not in first:
            first[folded] = (written, spoken, path, line)
            continue
        was_written, was_spoken, was_path, was_line = first[folded]
        if spoken.casefold() != was_spoken.casefold():
            problems.append(Problem(
                path, line, column, f"{_PREFIX}{written}",
                f"'{written}' is said '{spoken}' here but '{was_spoken}' in {was_path}:{was_line}"
                f" ('{was_written}'); the first one would always win",
                f"keep one of the two: delete this line or the one in {was_path}",
            ))
    return problems
