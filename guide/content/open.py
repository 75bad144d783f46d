"""Which content a command or the reader uses, and which topic a typed id means.

Every way into the guide (the commands, the reader, the kiosk) finds its content folder
here, so --content and --lang mean the same everywhere, and a mistyped id gets the same
suggestions in `show`, `speak` and the line reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.content.problems import MissingContent, Problem

if TYPE_CHECKING:
    from guide.content.model import Library, Topic


def content_folder(content: str | None, language: str = "en") -> Path:
    """--content if given (a language folder such as content/en), else the bundled language."""
    return Path(content) if content else bundled_content_dir() / language


def bundled_languages() -> list[str]:
    return sorted(p.name for p in bundled_content_dir().iterdir() if (p / "topics").is_dir())


def open_library(content: str | None, language: str = "en") -> Library:
    """The validated library; MissingContent when there is no such folder, ContentError when its
    files have errors (both carry problems worded for the person)."""
    root = content_folder(content, language)
    if not (root / "topics").is_dir():
        where = f"the folder {root}" if content else f"language '{language}'"
        raise MissingContent(
            [
                Problem(
                    str(root),
                    1,
                    1,
                    "",
                    f"there is no content for {where} (no topics/ folder)",
                    f"bundled languages: {', '.join(bundled_languages()) or 'none'}; "
                    "--content takes a language folder such as content/en",
                )
            ]
        )
    return load_or_raise(root)


def find_topic(library: Library, wanted: str) -> Topic | None:
    """The topic with this id, ignoring case and surrounding spaces (ids are lower case)."""
    return library.get(wanted) or library.get(wanted.strip().lower())


def closest_ids(library: Library, wanted: str, limit: int = 3) -> list[str]:
    """Ids a person may have meant: those that begin with what they typed ("car-t" for
    car-t-cell-therapy), then near spellings, then the best search results for the words."""
    import difflib

    wanted = wanted.strip().lower()
    ids = [t.id for t in library.topics]
    close = [i for i in ids if wanted and i.startswith(wanted)]
    close += [i for i in difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.5) if i not in close]
    if not close and wanted:
        from guide.content.search import SearchIndex

        close = [r.topic_id for r in SearchIndex(library).search(wanted.replace("-", " "), limit=limit)]
    return close[:limit]


def no_such_topic(library: Library, wanted: str) -> str:
    """What to tell someone whose id names no topic: the nearest ids and where to find them all."""
    close = closest_ids(library, wanted)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return f"No topic has the id '{wanted}'.{hint} `immunoguide topics` lists every id."
