"""The JSON cache of a large checked library: faster repeat loads, never stale, never in the way."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from guide.content import cache, loader
from guide.content.loader import bundled_content_dir, load_library, load_or_raise

from ._library import FIXTURE, same_content


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("IMMUNOGUIDE_CACHE_DIR", str(home))
    return home


@pytest.fixture
def big_library(tmp_path: Path) -> Path:
    """The fixture library plus enough copies of one leaf topic to pass the caching threshold."""
    root = tmp_path / "en"
    shutil.copytree(FIXTURE, root)
    leaf = next(p for p in sorted((root / "topics").rglob("*.yaml")) if "parent:" in p.read_text())
    text = leaf.read_text(encoding="utf-8")
    topic_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
    extra = root / "topics" / "copies"
    extra.mkdir()
    for n in range(cache.MIN_TOPICS):
        (extra / f"copy-{n}.yaml").write_text(text.replace(f"id: {topic_id}", f"id: {topic_id}-copy-{n}", 1))
    return root


def test_a_clean_large_library_is_read_from_the_cache_the_second_time(
    big_library: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_or_raise(big_library)
    assert list(cache_home.glob("*.json")), "a clean large library is cached"

    def no_yaml(*args: object, **kwargs: object) -> None:
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr(loader, "load_library", no_yaml)
    second = load_or_raise(big_library)
    assert second == first


def test_the_cached_library_equals_a_fresh_load(big_library: Path, cache_home: Path) -> None:
    load_or_raise(big_library)
    cached = load_or_raise(big_library)
    fresh = load_library(big_library).library
    assert fresh is not None
    assert same_content(cached.topics, fresh.topics)
    assert same_content(cached.glossary, fresh.glossary)
    assert cached.pronunciations == fresh.pronunciations
    assert cached.synonyms == fresh.synonyms
    assert cached.reading_order() == fresh.reading_order()


def test_an_edited_file_is_seen_at_once(big_library: Path, cache_home: Path) -> None:
    load_or_raise(big_library)
    target = big_library / "topics" / "copies" / "copy-7.yaml"
    text = target.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    target.write_text(text.replace(title_line, "title: A title an editor just changed"), encoding="utf-8")
    stamp = time.time() + 5
    os.utime(target, (stamp, stamp))
    library = load_or_raise(big_library)
    assert any(t.title == "A title an editor just changed" for t in library.topics)


def test_a_broken_edit_is_reported_not_hidden_by_the_cache(big_library: Path, cache_home: Path) -> None:
    load_or_raise(big_library)
    target = big_library / "topics" / "copies" / "copy-3.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    with pytest.raises(loader.ContentError) as caught:
        load_or_raise(big_library)
    assert any("unknown key 'colour'" in p.message for p in caught.value.problems)


def test_a_corrupt_cache_file_falls_back_to_the_yaml(big_library: Path, cache_home: Path) -> None:
    expected = load_or_raise(big_library)
    for path in cache_home.glob("*.json"):
        path.write_text('{"format": 1, "topics": [["half', encoding="utf-8")
    assert load_or_raise(big_library) == expected


def test_an_unwritable_cache_folder_only_means_no_cache(
    big_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("IMMUNOGUIDE_CACHE_DIR", str(blocker / "cache"))
    assert len(load_or_raise(big_library).topics) >= cache.MIN_TOPICS


def test_the_bundled_guide_writes_no_cache(cache_home: Path) -> None:
    load_or_raise(bundled_content_dir() / "en")
    assert not cache_home.exists() or not any(cache_home.iterdir())
