"""Shared helpers for the content tests: the fixture library and copies of it with one file added."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from ..fixtures import FIXTURE_LIBRARY

TESTS = Path(__file__).resolve().parent.parent
FIXTURE = FIXTURE_LIBRARY
BROKEN = Path(__file__).resolve().parent / "broken"
BENCH = TESTS.parent / "bench"


def same_content(a: object, b: object) -> bool:
    """Equal, and made of the same types. The model's parts are NamedTuples, whose == ignores the
    class (a Source equals a plain tuple of the same three strings), so the repr, which names every
    class, is compared as well."""
    return a == b and repr(a) == repr(b)


def generated_library(topics: int, folder: Path) -> Path:
    """A generated library of `topics` valid topics (bench/make_library.py); returns its language folder."""
    spec = importlib.util.spec_from_file_location("make_library", BENCH / "make_library.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root: Path = module.make_library(topics, folder)
    return root


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
