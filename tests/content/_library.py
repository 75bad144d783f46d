"""Shared helpers for the content tests: the fixture library and copies of it with one file added."""

from __future__ import annotations

import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
FIXTURE = TESTS / "fixtures" / "library" / "en"
BROKEN = Path(__file__).resolve().parent / "broken"


def library_with(tmp_path: Path, name: str, data: bytes, folder: str = "topics/zz-broken") -> tuple[Path, Path]:
    """A copy of the fixture library with one extra file; returns (language folder, the file)."""
    root = tmp_path / "en"
    if not root.exists():
        shutil.copytree(FIXTURE, root)
    dest = root / folder / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return root, dest


def folder_for(broken_file: Path) -> str:
    """Broken glossary, synonym and pronunciation files go in their own folders; the rest are topics."""
    parent = broken_file.parent.name
    return parent if parent in ("glossary", "synonyms", "pronunciations") else "topics/zz-broken"
