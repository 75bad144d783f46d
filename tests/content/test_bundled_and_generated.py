"""The shipped content validates, and the benchmark's generated library is what it claims to be."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from guide.content.loader import bundled_content_dir, load_library, validate_path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_bundled_content_validates_with_readability() -> None:
    errors = [p for p in validate_path(bundled_content_dir(), check_readability=True) if p.severity == "error"]
    assert errors == [], "\n".join(p.format() for p in errors[:20])


def test_bundled_content_has_topics_in_a_tree() -> None:
    library = load_library(bundled_content_dir() / "en").library
    assert library is not None
    assert len(library.roots) >= 10
    assert len(library.reading_order()) == len(library.topics)


def test_generated_benchmark_library_is_valid_readable_and_four_levels_deep(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_library", BENCH / "make_library.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.make_library(1200, tmp_path)
    result = load_library(root, check_readability=True)
    assert result.errors == [], "\n".join(p.format() for p in result.errors[:10])
    library = result.library
    assert library is not None and len(library.topics) == 1200
    depth = max(len(library.ancestors(t.id)) for t in library.topics) + 1
    assert depth == 4
    sizes = [p.stat().st_size for p in (root / "topics").rglob("*.yaml")]
    assert 1200 <= sum(sizes) / len(sizes) <= 1800  # about 1.5 KB a topic, like real content
