"""Load content from YAML and check every rule an editor could break.

All problems are collected in one pass (file, line, column, key, what was
expected, how to fix it) so an editor fixes everything in one round. Nothing
here ever raises anything but ContentError to its callers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from guide.content import checks, readability
from guide.content.model import (
    Block,
    BulletList,
    GlossaryTerm,
    Library,
    Section,
    Source,
    Topic,
    UrgencyLevel,
    UrgentBlock,
)
from guide.content.problems import ContentError, Problem
from guide.content.yamlsafe import Node, YamlReadError, parse

MAX_FILE_BYTES = 256 * 1024
MAX_FILES = 20_000
SUMMARY_GRADE_LIMIT = 6.0
BODY_GRADE_LIMIT = 8.0
REVIEW_STALE_DAYS = 2 * 365

TOPIC_KEYS = {
    "id": True,
    "title": True,
    "summary": True,
    "parent": False,
    "order": False,
    "urgent": False,
    "sections": True,
    "key_points": True,
    "questions": True,
    "related": False,
    "keywords": False,
    "sources": True,
    "reviewed": True,
}
SECTION_KEYS = {"heading": True, "text": True}
URGENT_KEYS = {"level": True, "text": True, "signs": False}
SOURCE_KEYS = {"organisation": True, "title": True, "url": True}
TERM_KEYS = {"id": True, "term": True, "definition": True, "aliases": False, "lay": False, "topic": False}


def bundled_content_dir() -> Path:
    """Where the shipped content is: inside the wheel, or beside the package in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_content", here.parent / "content"):
        if candidate.is_dir():
            return candidate
    return here.parent / "content"


@dataclass
class _FileReader:
    """Turns one file's Nodes into model objects, noting each problem on the way."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    places: dict[str, tuple[int, int]] = field(default_factory=dict)
    source: str = ""
    """The file's text, to point at the exact column of a fault inside a long value."""
    _line_starts: list[int] = field(default_factory=list)

    def locate(self, node: Node, piece: str) -> tuple[int, int]:
        """Where `piece` is written in the file, at or after the node; the node's place if not found."""
        if not piece or not self.source:
            return node.line, node.column
        if not self._line_starts:
            self._line_starts = [0, *(i + 1 for i, c in enumerate(self.source) if c == "\n")]
        if node.line > len(self._line_starts):
            return node.line, node.column
        start = self._line_starts[node.line - 1] + node.column - 1
        found = self.source.find(piece, start, start + 2 * len(str(node.value)) + 400)
        if found < 0:  # written as an escape such as "\e"; the value's start is as close as we get
            return node.line, node.column
        line = bisect.bisect_right(self._line_starts, found)
        return line, found - self._line_starts[line - 1] + 1

    def add(
        self, node: Node | tuple[int, int], key: str, message: str, hint: str = "", severity: str = "error"
    ) -> None:
        line, column = (node.line, node.column) if isinstance(node, Node) else node
        self.problems.append(Problem(self.path, line, column, key, message, hint, severity))

    def mapping(self, node: Node, key: str, allowed: dict[str, bool], what: str) -> dict[str, Node] | None:
        if not isinstance(node.value, dict):
            self.add(
                node,
                key,
                f"expected a {what} (a block of 'key: value' lines), found {node.kind}",
                f"write the {what} as indented 'key: value' lines",
            )
            return None
        for name in node.value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(allowed)
                self.add(node.key_places[name], _join(key, name), f"unknown key '{name}' in a {what}", hint)
        for name, required in allowed.items():
            if required and name not in node.value:
                self.add(node, key, f"the {what} is missing the required key '{name}'", f"add '{name}:'")
        return node.value  # type: ignore[no-any-return]

    def text(self, node: Node | None, key: str, max_len: int = 4000) -> str | None:
        if node is None:
            return None
        self.places[key] = (node.line, node.column)
        raw = node.value
        if raw.__class__ is not str:
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                raw = str(raw)
            else:
                self.add(node, key, f"expected text, found {node.kind}", "write plain text after the key")
                return None
        value = " ".join(raw.split()) if "\n" in raw else raw.strip()
        for message, hint, piece in checks.located_text_faults(raw):
            self.add(self.locate(node, piece), key, message, hint)
        if len(value) > max_len:
            self.add(
                node,
                key,
                f"the text is {len(value)} characters long (limit {max_len})",
                "split it into shorter paragraphs or sections",
            )
        return value

    def items(self, node: Node | None, key: str, minimum: int = 0) -> list[tuple[str, Node]]:
        """The children of a list with their key paths ('key[1]' counts from 1)."""
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.add(
                node,
                key,
                f"expected a list (lines starting with '- '), found {node.kind}",
                "put each item on its own line starting with '- '",
            )
            return []
        if len(node.value) < minimum:
            self.add(
                node, key, f"expected at least {minimum} item(s), found {len(node.value)}", "add the missing items"
            )
        return [(f"{key}[{i}]", child) for i, child in enumerate(node.value, start=1)]

    def texts(self, node: Node | None, key: str, minimum: int = 0, max_len: int = 600) -> tuple[str, ...]:
        out = [self.text(child, k, max_len) for k, child in self.items(node, key, minimum)]
        return tuple(t for t in out if t)

    def ident(self, node: Node | None, key: str) -> str | None:
        value = self.text(node, key, 64)
        if value is None or node is None:
            return None
        if not checks.ID_PATTERN.match(value):
            self.add(
                node,
                key,
                f"'{value}' is not a valid id",
                "use lowercase letters, digits and single hyphens, e.g. 'skin-rash'",
            )
            return None
        return value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _file_problem(display: str, message: str, hint: str, line: int = 1, column: int = 1) -> list[Problem]:
    return [Problem(display, line, column, "", message, hint)]


def read_file(path: Path, display: str) -> tuple[Node | None, list[Problem]]:
    """Read one file as plain YAML data, with size, encoding and syntax checks."""
    _, node, problems = read_source(path, display)
    return node, problems


def read_source(path: Path, display: str) -> tuple[str, Node | None, list[Problem]]:
    """Like read_file, plus the decoded text, so messages can point inside long values."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(handle.fileno()).st_size
                message = f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}"
                return "", None, _file_problem(display, message, "split it into several topics")
    except OSError as exc:
        message = f"the file cannot be read: {exc.strerror or exc}"
        return "", None, _file_problem(display, message, "check that it exists and that you may read it")
    return _parse_bytes(raw, display)


def parse_bytes(raw: bytes, display: str) -> tuple[Node | None, list[Problem]]:
    """Bytes -> plain data; every failure is a Problem, never an exception."""
    _, node, problems = _parse_bytes(raw, display)
    return node, problems


def _parse_bytes(raw: bytes, display: str) -> tuple[str, Node | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        message = f"the file is {len(raw):,} bytes, over the limit of {MAX_FILE_BYTES:,}"
        return "", None, _file_problem(display, message, "split it into several topics")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
        return "", None, _file_problem(display, message, "save the file as UTF-8 in your editor", line, column)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return text, parse(text), []
    except YamlReadError as exc:
        return text, None, _file_problem(display, exc.message, exc.hint, exc.line, exc.column)
    except (RecursionError, ValueError, TypeError, IndexError) as exc:  # defensive: never a traceback
        message = f"the file could not be read as YAML ({type(exc).__name__})"
        return text, None, _file_problem(display, message, "check the file in a YAML-aware editor")


def topic_from_node(node: Node, reader: _FileReader) -> Topic | None:
    data = reader.mapping(node, "", TOPIC_KEYS, "topic")
    if data is None:
        return None
    topic_id = reader.ident(data.get("id"), "id")
    title = reader.text(data.get("title"), "title", 90)
    summary = reader.text(data.get("summary"), "summary", 700)
    parent = (
        reader.ident(data.get("parent"), "parent")
        if data.get("parent") is not None and data["parent"].value is not None
        else None
    )
    if parent is not None and parent == topic_id:
        # Caught here, not by the loop check, so that checking this one file alone finds it too.
        reader.add(
            data["parent"],
            "parent",
            "a topic cannot be its own parent",
            "use the id of the topic this one sits under, or remove 'parent' for a top-level part",
        )
        parent = None
    order = 0
    if (order_node := data.get("order")) is not None:
        if isinstance(order_node.value, int) and not isinstance(order_node.value, bool):
            order = order_node.value
        else:
            reader.add(
                order_node, "order", f"expected a whole number, found {order_node.kind}", "write e.g. 'order: 3'"
            )
    urgent: list[UrgentBlock] = []
    urgent_node = data.get("urgent")
    for key, child in reader.items(urgent_node, "urgent", 1) if urgent_node is not None else []:
        block = reader.mapping(child, key, URGENT_KEYS, "urgent block")
        if block is None:
            continue
        level_node = block.get("level")
        level = None
        if level_node is not None:
            try:
                level = UrgencyLevel(level_node.value)
            except ValueError:
                reader.add(
                    level_node,
                    _join(key, "level"),
                    f"unknown urgency level {level_node.value!r}",
                    "use 'call-team-now' or 'emergency'",
                )
        text = reader.text(block.get("text"), _join(key, "text"), 800)
        signs = reader.texts(block.get("signs"), _join(key, "signs"))
        if level and text:
            urgent.append(UrgentBlock(level, text, signs))
    sections: list[Section] = []
    for key, child in reader.items(data.get("sections"), "sections", 1):
        sec = reader.mapping(child, key, SECTION_KEYS, "section")
        if sec is None:
            continue
        heading = reader.text(sec.get("heading"), _join(key, "heading"), 90)
        blocks: list[Block] = []
        for bkey, bnode in reader.items(sec.get("text"), _join(key, "text"), 1):
            if isinstance(bnode.value, dict):
                bullets = reader.mapping(bnode, bkey, {"bullets": True}, "bullet list")
                if bullets and "bullets" in bullets:
                    items = reader.texts(bullets["bullets"], _join(bkey, "bullets"), 1)
                    if items:
                        blocks.append(BulletList(items))
            else:
                paragraph = reader.text(bnode, bkey, 1200)
                if paragraph:
                    blocks.append(paragraph)
        if heading and blocks:
            sections.append(Section(heading, tuple(blocks)))
    key_points = reader.texts(data.get("key_points"), "key_points", 1)
    questions = reader.texts(data.get("questions"), "questions", 1)
    related = tuple(r for k, n in reader.items(data.get("related"), "related") if (r := reader.ident(n, k)))
    keywords = reader.texts(data.get("keywords"), "keywords", max_len=80)
    sources: list[Source] = []
    for key, child in reader.items(data.get("sources"), "sources", 1):
        src = reader.mapping(child, key, SOURCE_KEYS, "source")
        if src is None:
            continue
        org = reader.text(src.get("organisation"), _join(key, "organisation"), 200)
        stitle = reader.text(src.get("title"), _join(key, "title"), 300)
        url = reader.text(src.get("url"), _join(key, "url"), 500)
        if url and (fault := checks.url_fault(url)):
            reader.add(src["url"], _join(key, "url"), *fault)
            url = None
        if org and stitle and url:
            sources.append(Source(org, stitle, url))
    reviewed = None
    if (rnode := data.get("reviewed")) is not None:
        reviewed = checks.parse_date(rnode.value)
        if reviewed is None:
            reader.add(
                rnode,
                "reviewed",
                f"{rnode.value!r} is not a valid date",
                "write the date the topic was last checked as YYYY-MM-DD, e.g. 2026-11-22",
            )
        elif reviewed > (today := dt.date.today()):
            reader.add(
                rnode,
                "reviewed",
                f"the review date {reviewed} is in the future",
                "use the date the topic was actually checked",
            )
        elif (today - reviewed).days > REVIEW_STALE_DAYS:
            reader.add(
                rnode,
                "reviewed",
                f"the topic was last reviewed on {reviewed}, over two years ago",
                "check the facts against the sources and update the date",
                "warning",
            )
    if not (topic_id and title and summary and sections and key_points and questions and sources and reviewed):
        return None
    return Topic(
        id=topic_id,
        title=title,
        summary=summary,
        parent=parent,
        order=order,
        sections=tuple(sections),
        key_points=key_points,
        questions=questions,
        related=related,
        sources=tuple(sources),
        reviewed=reviewed,
        urgent=tuple(urgent),
        keywords=keywords,
        path=reader.path,
    )


def _glossary(node: Node, reader: _FileReader) -> list[GlossaryTerm]:
    data = reader.mapping(node, "", {"terms": True}, "glossary")
    out: list[GlossaryTerm] = []
    for key, child in reader.items(data.get("terms") if data else None, "terms", 1):
        term = reader.mapping(child, key, TERM_KEYS, "glossary term")
        if term is None:
            continue
        tid = reader.ident(term.get("id"), _join(key, "id"))
        name = reader.text(term.get("term"), _join(key, "term"), 80)
        definition = reader.text(term.get("definition"), _join(key, "definition"), 700)
        aliases = reader.texts(term.get("aliases"), _join(key, "aliases"), max_len=80)
        lay = reader.texts(term.get("lay"), _join(key, "lay"), max_len=80)
        topic = reader.ident(term.get("topic"), _join(key, "topic")) if "topic" in term else None
        if tid and name and definition:
            reader.places[f"term:{tid}"] = (child.line, child.column)
            if "topic" in term:
                reader.places[f"term:{tid}.topic"] = (term["topic"].line, term["topic"].column)
            if "definition" in term:
                reader.places[f"term:{tid}.definition"] = (term["definition"].line, term["definition"].column)
            out.append(GlossaryTerm(tid, name, definition, aliases, lay, topic))
    return out


def _string_map(node: Node, reader: _FileReader, top: str, what: str) -> list[tuple[str, Node]]:
    data = reader.mapping(node, "", {top: True}, what)
    inner = data.get(top) if data else None
    if inner is None:
        return []
    if not isinstance(inner.value, dict):
        reader.add(
            inner, top, f"expected 'written form: how to say it' lines, found {inner.kind}", "see content/README.md"
        )
        return []
    for written in inner.value:
        # The written forms are shown and searched too, so they obey the same text rules.
        for message, hint in checks.text_faults(written):
            reader.add(inner.key_places[written], f"{top}.{written}", message, hint)
    return list(inner.value.items())


@dataclass
class LoadResult:
    library: Library | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def topic_files(root: Path) -> list[Path]:
    return [path for path, _ in _topic_files(Path(root))]


def _topic_files(root: Path) -> list[tuple[Path, str]]:
    """(path, name shown in messages) of every topic file, sorted; os.walk, as rglob is slow at 10,000 files."""
    shown_root = _display(root / "topics")
    found: list[tuple[Path, str]] = []
    for folder, dirs, names in os.walk(root / "topics"):
        dirs.sort()
        rel = os.path.relpath(folder, root / "topics")
        for name in names:
            if name.endswith((".yaml", ".yml")):
                inner = name if rel == "." else os.path.join(rel, name)
                found.append((Path(folder, name), os.path.join(shown_root, inner)))
    found.sort(key=lambda item: item[1])
    return found


FileResult = tuple[str, Topic | None, list[Problem], dict[str, tuple[int, int]]]


def _read_topic_files(files: list[tuple[Path, str]]) -> list[FileResult]:
    """Read and check each topic file on its own; cross-file checks come after."""
    out: list[FileResult] = []
    for path, display in files:
        source, node, file_problems = read_source(path, display)
        if node is None:
            if not file_problems:
                file_problems = [Problem(display, 1, 1, "", "the file is empty", "write the topic, or delete the file")]
            out.append((display, None, file_problems, {}))
            continue
        reader = _FileReader(display, source=source)
        topic = topic_from_node(node, reader)
        out.append((display, topic, file_problems + reader.problems, reader.places))
    return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading builds a million small acyclic objects; the cyclic collector only slows that down (2x).

    Afterwards the survivors (the library, alive as long as the program) are moved out of
    the collector's sight with gc.freeze: otherwise the first collection after loading
    scans them all (0.4 s at 10,000 topics) and every later full collection does again,
    which shows as search latency spikes. They hold no reference cycles, so nothing leaks.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_library(root: Path, *, check_readability: bool = False, language: str | None = None) -> LoadResult:
    """Load one language folder (topics/, glossary.yaml, ...); never raises."""
    with _gc_paused():
        return _load_library(Path(root), check_readability, language)


def _load_library(root: Path, check_readability: bool, language: str | None) -> LoadResult:
    problems: list[Problem] = []
    topics: list[Topic] = []
    if not (root / "topics").is_dir():
        return LoadResult(
            None,
            [
                Problem(
                    _display(root), 1, 1, "", "no topics/ folder here", "point at a language folder such as content/en"
                )
            ],
        )
    files = _topic_files(root)
    if len(files) > MAX_FILES:
        problems.append(
            Problem(
                _display(root),
                1,
                1,
                "",
                f"{len(files)} topic files, over the limit of {MAX_FILES}",
                "remove stray files",
            )
        )
        files = files[:MAX_FILES]
    places: dict[str, dict[str, tuple[int, int]]] = {}
    for display, topic, file_problems, file_places in _read_topic_files(files):
        problems.extend(file_problems)
        places[display] = file_places
        if topic is not None:
            topics.append(topic)
    glossary: list[GlossaryTerm] = []
    pronunciations: list[tuple[str, str]] = []
    synonyms: list[tuple[str, tuple[str, ...]]] = []
    syn_nodes: list[tuple[str, Node, _FileReader]] = []
    glossary_paths: dict[str, str] = {}
    for kind in ("glossary", "pronunciations", "synonyms"):
        folder = root / kind
        paths = [root / f"{kind}.yaml", *(sorted(folder.glob("*.yaml")) if folder.is_dir() else [])]
        for path in paths:
            if not path.exists():
                continue
            source, node, file_problems = read_source(path, _display(path))
            problems.extend(file_problems)
            if node is None:
                continue
            reader = _FileReader(_display(path), source=source)
            places[reader.path] = reader.places
            if kind == "glossary":
                terms = _glossary(node, reader)
                for term in terms:
                    glossary_paths[term.id] = reader.path
                glossary.extend(terms)
            elif kind == "pronunciations":
                for written, value in _string_map(node, reader, "pronunciations", "pronunciation list"):
                    spoken = reader.text(value, f"pronunciations.{written}", 200)
                    if spoken:
                        pronunciations.append((written, spoken))
            else:
                for phrase, value in _string_map(node, reader, "synonyms", "synonym list"):
                    targets = reader.texts(value, f"synonyms.{phrase}", 1, 80)
                    if targets:
                        synonyms.append((phrase.casefold(), targets))
                        syn_nodes.append((phrase, value, reader))
            problems.extend(reader.problems)
    problems.extend(_cross_check(topics, glossary, syn_nodes, places, glossary_paths))
    if check_readability:
        problems.extend(readability_problems(topics, glossary, places, glossary_paths, pronunciations))
    library = Library(
        language=language or root.name,
        topics=tuple(topics),
        glossary=tuple(glossary),
        pronunciations=tuple(pronunciations),
        synonyms=tuple(synonyms),
    )
    return LoadResult(library, sorted(set(problems)))


Places = dict[str, dict[str, tuple[int, int]]]


def _at(places: Places, path: str, key: str) -> tuple[int, int]:
    """Where a key was written, so cross-file problems still name a line."""
    return places.get(path, {}).get(key, (1, 1))


def _cross_check(
    topics: list[Topic],
    glossary: list[GlossaryTerm],
    syn_nodes: list[tuple[str, Node, _FileReader]],
    places: Places,
    glossary_paths: dict[str, str],
) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Topic] = {}
    for topic in topics:
        if topic.id in by_id:
            problems.append(
                Problem(
                    topic.path,
                    *_at(places, topic.path, "id"),
                    "id",
                    f"the id '{topic.id}' is already used by {by_id[topic.id].path}",
                    "give each topic its own id",
                )
            )
        else:
            by_id[topic.id] = topic
    ids = list(by_id)

    def unresolved(topic: Topic, key: str, target: str) -> None:
        close = difflib.get_close_matches(target, ids, n=3)
        hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else "check the spelling of the id"
        problems.append(
            Problem(topic.path, *_at(places, topic.path, key), key, f"no topic has the id '{target}'", hint)
        )

    for topic in topics:
        if topic.parent is not None and topic.parent not in by_id:
            unresolved(topic, "parent", topic.parent)
        for i, rel in enumerate(topic.related, start=1):
            if rel not in by_id:
                unresolved(topic, f"related[{i}]", rel)
            elif rel == topic.id:
                problems.append(
                    Problem(
                        topic.path,
                        *_at(places, topic.path, f"related[{i}]"),
                        f"related[{i}]",
                        "a topic cannot be related to itself",
                        "remove this line",
                    )
                )
    # Cycles: follow parents; a chain that returns to a topic is a loop.
    reported: set[str] = set()
    for topic in topics:
        chain = [topic.id]
        current = topic
        while current.parent is not None and current.parent in by_id:
            if current.parent in chain:
                loop = chain[chain.index(current.parent) :]
                if not reported.intersection(loop):
                    reported.update(loop)
                    problems.append(
                        Problem(
                            topic.path,
                            *_at(places, topic.path, "parent"),
                            "parent",
                            "the tree has a loop: " + " -> ".join([*loop, current.parent]),
                            "one of these topics must have a different parent",
                        )
                    )
                break
            chain.append(current.parent)
            current = by_id[current.parent]
    term_keys: dict[str, GlossaryTerm] = {}
    for term in glossary:
        glossary_path = glossary_paths.get(term.id, "glossary.yaml")
        if term.id in term_keys:
            problems.append(
                Problem(
                    glossary_path,
                    *_at(places, glossary_path, f"term:{term.id}"),
                    "terms",
                    f"the glossary id '{term.id}' is used twice",
                    "merge the two entries",
                )
            )
        term_keys[term.id] = term
        if term.topic and term.topic not in by_id:
            problems.append(
                Problem(
                    glossary_path,
                    *_at(places, glossary_path, f"term:{term.id}.topic"),
                    f"{term.id}.topic",
                    f"no topic has the id '{term.topic}'",
                    "use the id of the topic that explains this term",
                )
            )
    names = {n.casefold() for t in glossary for n in t.names} | set(term_keys)
    for phrase, value, reader in syn_nodes:
        for child in value.value if isinstance(value.value, list) else []:
            target = str(child.value).casefold()
            if target not in names and target not in by_id:
                reader.add(
                    child,
                    f"synonyms.{phrase}",
                    f"'{child.value}' is neither a glossary term nor a topic id",
                    "point the phrase at a glossary term or a topic id",
                )
                problems.extend(reader.problems[-1:])
    return problems


def readability_problems(
    topics: Iterable[Topic],
    glossary: Iterable[GlossaryTerm] = (),
    places: Places | None = None,
    glossary_paths: dict[str, str] | None = None,
    pronunciations: Iterable[tuple[str, str]] = (),
) -> list[Problem]:
    """Grade-level gate: summaries and urgent text at grade 6 or lower, body at 8 or lower."""
    problems: list[Problem] = []
    places = places or {}
    glossary = list(glossary)
    familiar = frozenset(
        w.lower()
        for name in [*(n for t in glossary for n in t.names), *(written for written, _ in pronunciations)]
        for w in readability.words(name)
    )

    def gate(path: str, key: str, texts: list[str], limit: float, at: str | None = None) -> None:
        report = readability.assess(texts, familiar)
        if report.grade > limit:
            problems.append(
                Problem(
                    path,
                    *_at(places, path, at or key),
                    key,
                    f"reads at grade {report.grade:.1f}, above the limit of {limit:.0f}; hardest sentence"
                    f' (grade {report.hardest_grade:.1f}): "{report.hardest_sentence}"',
                    "use shorter sentences and everyday words; split the hardest sentence first",
                )
            )

    for topic in topics:
        gate(topic.path, "summary", [topic.summary], SUMMARY_GRADE_LIMIT)
        for i, block in enumerate(topic.urgent, start=1):
            gate(topic.path, f"urgent[{i}]", [block.text, *block.signs], SUMMARY_GRADE_LIMIT, f"urgent[{i}].text")
        for i, section in enumerate(topic.sections, start=1):
            gate(
                topic.path,
                f"sections[{i}] ({section.heading})",
                list(section.paragraphs),
                BODY_GRADE_LIMIT,
                f"sections[{i}].heading",
            )
        gate(topic.path, "key_points", list(topic.key_points), BODY_GRADE_LIMIT, "key_points[1]")
        gate(topic.path, "questions", list(topic.questions), BODY_GRADE_LIMIT, "questions[1]")
    for term in glossary:
        glossary_path = (glossary_paths or {}).get(term.id, "glossary.yaml")
        gate(glossary_path, f"{term.id}.definition", [term.definition], BODY_GRADE_LIMIT, f"term:{term.id}.definition")
    return problems


def load_or_raise(root: Path | None = None, *, check_readability: bool = False) -> Library:
    """Load the library for the program to use; ContentError if any error remains."""
    result = load_library(root or bundled_content_dir() / "en", check_readability=check_readability)
    if result.errors or result.library is None:
        raise ContentError(result.problems)
    return result.library


def validate_path(path: Path, *, check_readability: bool = True) -> list[Problem]:
    """Validate a content folder, a language folder or one topic file."""
    path = Path(path)
    if path.is_file():
        language_root = next((p for p in path.resolve().parents if (p / "topics").is_dir()), None)
        if language_root is not None:
            # Inside a language folder: check it all (links, glossary words) and keep this file's problems.
            target = path.resolve()
            everything = load_library(language_root, check_readability=check_readability).problems
            return [p for p in everything if Path(p.path).resolve() == target]
        display = _display(path)
        source, node, problems = read_source(path, display)
        if node is not None:
            reader = _FileReader(display, source=source)
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
                _display(path),
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
