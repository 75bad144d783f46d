"""Load content from YAML and check every rule an editor could break.

This module reads files (size, encoding, safe YAML) and assembles the library;
schema.py checks each file's data, crosscheck.py what spans files.
All problems are collected in one pass (file, line, column, key, what was
expected, how to fix it) so an editor fixes everything in one round. Nothing
here ever raises anything but ContentError to its callers.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from guide.content.checks import REVIEW_STALE_DAYS
from guide.content.crosscheck import (
    BODY_GRADE_LIMIT,
    SUMMARY_GRADE_LIMIT,
    cross_check,
    drug_name_problems,
    readability_problems,
)
from guide.content.files import (
    MAX_FILE_BYTES,
    file_problem,
    parse_bytes,
    read_file,
    read_source,
    shown_name,
)
from guide.content.model import GlossaryTerm, Library, Topic
from guide.content.problems import ContentError, Problem
from guide.content.pronunciation_check import pronunciation_problems
from guide.content.schema import (
    MAX_LENGTH,
    FileReader,
    glossary_from_node,
    string_map,
    topic_from_node,
)
from guide.content.treatments import care_problems
from guide.content.yaml_reader import Node

__all__ = [
    "BODY_GRADE_LIMIT",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "REVIEW_STALE_DAYS",
    "SUMMARY_GRADE_LIMIT",
    "ContentError",
    "LoadResult",
    "bundled_content_dir",
    "load_library",
    "load_or_raise",
    "parse_bytes",
    "read_file",
    "read_source",
    "readability_problems",
    "topic_files",
    "topic_from_node",
    "validate_path",
]

MAX_FILES = 20_000


def bundled_content_dir() -> Path:
    """Where the shipped content is: inside the wheel, or beside the package in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_content", here.parent / "content"):
        if candidate.is_dir():
            return candidate
    return here.parent / "content"


def string_list(node: Node, reader: FileReader, key: str, max_len: int) -> tuple[str, ...]:
    """The texts listed under a top-level key (nothing when it is absent): a pronunciation file's drug_names."""
    data = node.value if isinstance(node.value, dict) else {}
    return reader.texts(data.get(key), key, max_len)


@dataclass
class LoadResult:
    library: Library | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def topic_files(root: Path) -> list[Path]:
    return [Path(path) for path, _ in _topic_files(Path(root))]


def _topic_files(root: Path) -> list[tuple[str, str]]:
    """(path, name shown in messages) of every topic file, sorted; os.walk and plain strings, as
    rglob and Path objects are slow at 10,000 files."""
    shown_root = shown_name(root / "topics")
    found: list[tuple[str, str]] = []
    for folder, dirs, names in os.walk(root / "topics"):
        dirs.sort()
        rel = os.path.relpath(folder, root / "topics")
        for name in names:
            if name.endswith((".yaml", ".yml")):
                inner = name if rel == "." else os.path.join(rel, name)
                found.append((os.path.join(folder, name), os.path.join(shown_root, inner)))
    found.sort(key=lambda item: item[1])
    return found


def _read_topic_file(path: str, display: str) -> tuple[Topic | None, list[Problem], dict[str, tuple[int, int]]]:
    """The topic in one file if it could be built, every problem found in the file alone, and where
    each key was written (for messages from the checks across files, which come after)."""
    source, node, problems = read_source(path, display)
    if node is None:
        if not problems:
            problems = [Problem(display, 1, 1, "", "the file is empty", "write the topic, or delete the file")]
        return None, problems, {}
    reader = FileReader(display, source=source)
    topic = topic_from_node(node, reader)
    return topic, problems + reader.problems, reader.places


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading builds a million small acyclic objects; the cyclic collector only slows that down (2x).

    (gc.freeze afterwards would also spare later collections from scanning the library,
    but it would pin any cyclic garbage of the moment for good: a kiosk that reloads its
    content every session would leak the previous session's screens.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_library(
    root: Path, *, check_readability: bool = False, language: str | None = None, check_care: bool = True
) -> LoadResult:
    """Load one language folder (topics/, glossary.yaml, ...); never raises."""
    with _gc_paused():
        return _load_library(Path(root), check_readability, language, check_care)


def _load_library(root: Path, check_readability: bool, language: str | None, check_care: bool = True) -> LoadResult:
    problems: list[Problem] = []
    topics: list[Topic] = []
    if not (root / "topics").is_dir():
        return LoadResult(
            None,
            [
                Problem(
                    shown_name(root), 1, 1, "", "no topics/ folder here",
                    "point at a language folder such as content/en",
                )
            ],
        )
    files = _topic_files(root)
    if len(files) > MAX_FILES:
        problems.append(
            Problem(
                shown_name(root),
                1,
                1,
                "",
                f"{len(files)} topic files, over the limit of {MAX_FILES}",
                "remove stray files",
            )
        )
        files = files[:MAX_FILES]
    places: dict[str, dict[str, tuple[int, int]]] = {}
    for topic_path, shown in files:
        topic, file_problems, places[shown] = _read_topic_file(topic_path, shown)
        problems.extend(file_problems)
        if topic is not None:
            topics.append(topic)
    glossary: list[GlossaryTerm] = []
    pronunciations: list[tuple[str, str]] = []
    drug_names: list[tuple[str, str]] = []  # (written, file)
    synonyms: list[tuple[str, tuple[str, ...]]] = []
    syn_nodes: list[tuple[str, Node, FileReader]] = []
    glossary_paths: dict[str, str] = {}
    # Only the pronunciation files' places: their check need not walk every key of every topic.
    pronunciation_places: dict[str, dict[str, tuple[int, int]]] = {}
    for kind in ("glossary", "pronunciations", "synonyms"):
        folder = root / kind
        paths = [root / f"{kind}.yaml", *(sorted(folder.glob("*.yaml")) if folder.is_dir() else [])]
        for path in paths:
            if not path.exists():
                continue
            source, node, file_problems = read_source(path, shown_name(path))
            problems.extend(file_problems)
            if node is None:
                continue
            reader = FileReader(shown_name(path), source=source)
            places[reader.path] = reader.places
            if kind == "pronunciations":
                pronunciation_places[reader.path] = reader.places
            if kind == "glossary":
                terms = glossary_from_node(node, reader)
                for term in terms:
                    glossary_paths[term.id] = reader.path
                glossary.extend(terms)
            elif kind == "pronunciations":
                for name in string_list(node, reader, "drug_names", MAX_LENGTH["pronunciations"]):
                    drug_names.append((name, reader.path))
                for written, value in string_map(node, reader, "pronunciations", "pronunciation list", "drug_names"):
                    spoken = reader.text(value, f"pronunciations.{written}", MAX_LENGTH["pronunciations"])
                    if spoken:
                        pronunciations.append((written, spoken))
            else:
                for phrase, value in string_map(node, reader, "synonyms", "synonym list"):
                    targets = reader.texts(value, f"synonyms.{phrase}", MAX_LENGTH["synonyms"], 1)
                    if targets:
                        synonyms.append((phrase.casefold(), targets))
                        syn_nodes.append((phrase, value, reader))
            problems.extend(reader.problems)
    problems.extend(cross_check(topics, glossary, syn_nodes, places, glossary_paths))
    problems.extend(pronunciation_problems(pronunciations, pronunciation_places))
    problems.extend(drug_name_problems(drug_names, pronunciations, places))
    if check_care:  # triage.yaml and treatments/: validate checks them; the reader does not use them
        problems.extend(care_problems(root, topics, places))
    if check_readability:
        problems.extend(readability_problems(topics, glossary, places, glossary_paths, [n for n, _ in drug_names]))
    library = Library(
        language=language or root.name,
        topics=tuple(topics),
        glossary=tuple(glossary),
        pronunciations=tuple(pronunciations),
        synonyms=tuple(synonyms),
    )
    return LoadResult(library, sorted(set(problems)))


def load_or_raise(root: Path | None = None, *, check_readability: bool = False) -> Library:
    """Load the library for the program to use; ContentError if any error remains.

    A large folder that loaded cleanly before is read from the JSON cache (guide.content.cache).
    """
    from guide.content import cache

    root = Path(root or bundled_content_dir() / "en")
    key, count = cache.fingerprint(root) if not check_readability else (None, 0)
    if count < cache.MIN_TOPICS:
        key = None
    if key is not None:
        with _gc_paused():
            cached = cache.load(key)
        if cached is not None:
            return cached
    result = load_library(root, check_readability=check_readability, check_care=False)
    if result.errors or result.library is None:
        raise ContentError(result.problems)
    if key is not None:
        with _gc_paused():  # turning a million objects into JSON: the collector would scan them again and again
            cache.store(key, result.library)
    return result.library


def validate_path(path: Path, *, check_readability: bool = True) -> list[Problem]:
    """Validate a content folder, a language folder or one topic file."""
    path = Path(path)
    if path.is_file():
        if path.suffix not in (".yaml", ".yml"):
            return file_problem(
                shown_name(path),
                "the guide reads only .yaml files; this file is ignored",
                "save the topic as NAME.yaml under topics/",
            )
        language_root = next((p for p in path.resolve().parents if (p / "topics").is_dir()), None)
        if language_root is not None:
            # Inside a language folder: check it all (links, glossary words) and keep this file's problems.
            target = path.resolve()
            everything = load_library(language_root, check_readability=check_readability).problems
            return [p for p in everything if Path(p.path).resolve() == target]
        display = shown_name(path)
        source, node, problems = read_source(path, display)
        if node is not None:
            reader = FileReader(display, source=source)
            topic = topic_from_node(node, reader)
            problems.extend(reader.problems)
            if topic is not None and check_readability:
                problems.extend(readability_problems([topic], (), {display: reader.places}))
        return sorted(set(problems))
    if (path / "topics").is_dir():
        return load_library(path, check_readability=check_readability).problems
    languages = [p for p in sorted(path.iterdir()) if (p / "topics").is_dir()] if path.is_dir() else []
    if not languages:
        return [
            Problem(
                shown_name(path),
                1,
                1,
                "",
                "no content found here",
                "give a content folder, a language folder (with topics/) or a topic file",
            )
        ]
    out: list[Problem] = []
    for lang in languages:
        out.extend(load_library(lang, check_readability=check_readability).problems)
    return out
