"""A checked library kept as JSON, so a large content folder is parsed and checked once.

Reading JSON rows is several times faster than reading YAML with every position and
checking it. After a load with no errors the library is written here; the next load of
the same files (same names, sizes and modification times, same program version) reads
the JSON instead.
Small libraries (the bundled guide) are not cached: they load in a fraction of a
second, and the program then writes nothing at all. Plain JSON and our own
constructors only: nothing in the cache can build an arbitrary object.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from guide import __version__
from guide.content.model import Library
from guide.content.rows import FORMAT, from_json, to_json

MIN_TOPICS = 500
"""Below this many topic files the YAML is simply read each time."""


def cache_dir() -> Path:
    override = os.environ.get("IMMUNOGUIDE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("immunoguide") / "content"


def fingerprint(root: Path) -> tuple[str | None, int]:
    """(digest of what the library is built from, number of topic files); the digest is None
    when a file cannot be looked at. Plain strings and os.walk: Path objects cost more than
    the stat calls at 10,000 files."""
    digest = hashlib.sha256(f"{FORMAT} {__version__} {os.getcwd()} {Path(root).resolve()}".encode())
    count = 0
    try:
        for kind in ("topics", "glossary", "pronunciations", "synonyms"):
            single = os.path.join(root, f"{kind}.yaml")
            if os.path.exists(single):
                digest.update(_stamp(single))
            for folder, dirs, names in os.walk(os.path.join(root, kind)):
                dirs.sort()
                for name in sorted(names):
                    if name.endswith((".yaml", ".yml")):
                        digest.update(_stamp(os.path.join(folder, name)))
                        count += kind == "topics"
    except OSError:
        return None, count
    return digest.hexdigest(), count


def _stamp(path: str) -> bytes:
    stat = os.stat(path)
    return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()


def load(key: str) -> Library | None:
    """The cached library for this fingerprint, or None (missing, unreadable or not ours)."""
    path = cache_dir() / f"{key}.json"
    try:
        return from_json(path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(key: str, library: Library) -> None:
    """Write atomically; a read-only or full disk only means the next load reads the YAML again."""
    folder = cache_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):  # one cached library per folder is enough
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(to_json(library))
            os.replace(tmp, folder / f"{key}.json")
        except OSError:
            Path(tmp).unlink(missing_ok=True)
