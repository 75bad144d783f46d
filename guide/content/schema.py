"""One file's plain data (Nodes) -> model objects, noting every problem on the way.

The rules an editor can break inside a single file live here: known keys, required keys,
types, ids, text faults, links and dates. Checks that need the whole library (links
between topics, loops, readability) are in crosscheck.py; reading files is loader.py.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
from dataclasses import dataclass, field

from guide.content import checks
from guide.content.model import (
    Block,
    BulletList,
    GlossaryTerm,
    Section,
    Source,
    Topic,
    UrgencyLevel,
    UrgentBlock,
)
from guide.content.problems import Problem
from guide.content.yaml_reader import Node

MAX_LENGTH: dict[str, int] = {
    "id": 64,  # every id: a topic's, its parent's, a related topic's, a glossary term's and its topic's
    "title": 90,
    "summary": 700,
    "urgent.text": 800,
    "urgent.signs": 600,
    "sections.heading": 90,
    "sections.text": 1200,  # one paragraph
    "sections.text.bullets": 600,
    "key_points": 600,
    "questions": 600,
    "keywords": 80,
    "sources.organisation": 200,
    "sources.title": 300,
    "sources.url": 500,
    "terms.term": 80,
    "terms.definition": 700,
    "terms.aliases": 80,
    "terms.lay": 80,
    "pronunciations": 200,
    "synonyms": 80,
    "checked": 500,
}
"""The most characters (after tidying) each kind of text may have: the one table of field limits,
by where the field is written (a topic's keys, then the glossary's, pronunciations and synonyms).
A limit keeps a line short enough to read on one screen and to hear in one go."""

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
    "checked": False,
}
SECTION_KEYS = {"heading": True, "text": True}
URGENT_KEYS = {"level": True, "text": True, "signs": False, "triage": False}
SOURCE_KEYS = {"organisation": True, "title": True, "url": True}
TERM_KEYS = {"id": True, "term": True, "definition": True, "aliases": False, "lay": False, "topic": False}


@dataclass
class FileReader:
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
        sets = _KEY_SETS.get(id(allowed))
        if sets is not None and sets[0] >= node.value.keys() >= sets[1]:
            return node.value  # type: ignore[no-any-return]  # the common case: no unknown or missing key
        for name in node.value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(allowed)
                self.add(node.key_places[name], _join(key, name), f"unknown key '{name}' in a {what}", hint)
        for name, required in allowed.items():
            if required and name not in node.value:
                self.add(node, key, f"the {what} is missing the required key '{name}'", f"add '{name}:'")
        return node.value  # type: ignore[no-any-return]

    def text(self, node: Node | None, key: str, max_len: int) -> str | None:
        if node is None:
            return None
        self.places[key] = (node.line, node.column)
        raw = node.value
        if raw.__class__ is str and raw.isprintable() and raw.isascii() and "[" not in raw and "<" not in raw:
            # The usual text: one line of plain ASCII, which no check can object to (checks.may_have_faults).
            value = raw.strip()
            if value and len(value) <= max_len:
                return value
        elif raw.__class__ is not str:
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                raw = str(raw)
            else:
                self.add(node, key, f"expected text, found {node.kind}", "write plain text after the key")
                return None
        value = checks.tidy(raw)
        if not value or checks.may_have_faults(raw):  # most text is clear of both: skip the detailed checks
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
        return list(zip(_item_keys(key, len(node.value)), node.value, strict=False))

    def texts(self, node: Node | None, key: str, max_len: int, minimum: int = 0) -> tuple[str, ...]:
        values = node.value if node is not None else None
        if values.__class__ is not list or len(values) < minimum:  # type: ignore[arg-type]
            out = [self.text(child, k, max_len) for k, child in self.items(node, key, minimum)]
            return tuple(t for t in out if t)
        # The common case inline: one-line text with nothing to report; anything else goes through text().
        found: list[str] = []
        places = self.places
        for item_key, child in zip(_item_keys(key, len(values)), values, strict=False):  # type: ignore[arg-type]
            raw = child.value
            if raw.__class__ is str and raw.isprintable() and raw.isascii() and "[" not in raw and "<" not in raw:
                value = raw.strip()
                if value and len(value) <= max_len:
                    places[item_key] = (child.line, child.column)
                    found.append(value)
                    continue
            if text := self.text(child, item_key, max_len):
                found.append(text)
        return tuple(found)

    def ident(self, node: Node | None, key: str) -> str | None:
        value = self.text(node, key, MAX_LENGTH["id"])
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


BULLET_KEYS = {"bullets": True}
_KEY_SETS: dict[int, tuple[frozenset[str], frozenset[str]]] = {
    id(table): (frozenset(table), frozenset(k for k, needed in table.items() if needed))
    for table in (TOPIC_KEYS, SECTION_KEYS, URGENT_KEYS, SOURCE_KEYS, TERM_KEYS, BULLET_KEYS)
}
"""(every allowed key, the required ones) of each schema table, for mapping's fast path."""


_ITEM_KEYS: dict[str, list[str]] = {}


def _item_keys(key: str, count: int) -> list[str]:
    """'key[1]' .. 'key[count]'; the same few lists recur in every topic, so they are made once."""
    keys = _ITEM_KEYS.get(key)
    if keys is None or len(keys) < count:
        keys = [f"{key}[{i}]" for i in range(1, max(count, 4) + 1)]
        if len(_ITEM_KEYS) < 4096:
            _ITEM_KEYS[key] = keys
    return keys


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def topic_from_node(node: Node, reader: FileReader) -> Topic | None:
    data = reader.mapping(node, "", TOPIC_KEYS, "topic")
    if data is None:
        return None
    topic_id = reader.ident(data.get("id"), "id")
    title = reader.text(data.get("title"), "title", MAX_LENGTH["title"])
    summary = reader.text(data.get("summary"), "summary", MAX_LENGTH["summary"])
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
        text = reader.text(block.get("text"), _join(key, "text"), MAX_LENGTH["urgent.text"])
        signs = reader.texts(block.get("signs"), _join(key, "signs"), MAX_LENGTH["urgent.signs"])
        triage_items = reader.items(block.get("triage"), _join(key, "triage"))
        triage = tuple(i for k, n in triage_items if (i := reader.ident(n, k)))
        if level and text:
            urgent.append(UrgentBlock(level, text, signs, triage))
    sections: list[Section] = []
    bullet_limit, paragraph_limit = MAX_LENGTH["sections.text.bullets"], MAX_LENGTH["sections.text"]
    for key, child in reader.items(data.get("sections"), "sections", 1):
        sec = reader.mapping(child, key, SECTION_KEYS, "section")
        if sec is None:
            continue
        heading = reader.text(sec.get("heading"), _join(key, "heading"), MAX_LENGTH["sections.heading"])
        blocks: list[Block] = []
        for bkey, bnode in reader.items(sec.get("text"), _join(key, "text"), 1):
            if isinstance(bnode.value, dict):
                bullets = reader.mapping(bnode, bkey, BULLET_KEYS, "bullet list")
                if bullets and "bullets" in bullets:
                    items = reader.texts(bullets["bullets"], _join(bkey, "bullets"), bullet_limit, 1)
                    if items:
                        blocks.append(BulletList(items))
            else:
                paragraph = reader.text(bnode, bkey, paragraph_limit)
                if paragraph:
                    blocks.append(paragraph)
        if heading and blocks:
            sections.append(Section(heading, tuple(blocks)))
    key_points = reader.texts(data.get("key_points"), "key_points", MAX_LENGTH["key_points"], 1)
    questions = reader.texts(data.get("questions"), "questions", MAX_LENGTH["questions"], 1)
    related = tuple(r for k, n in reader.items(data.get("related"), "related") if (r := reader.ident(n, k)))
    keywords = reader.texts(data.get("keywords"), "keywords", MAX_LENGTH["keywords"])
    sources: list[Source] = []
    for key, child in reader.items(data.get("sources"), "sources", 1):
        src = reader.mapping(child, key, SOURCE_KEYS, "source")
        if src is None:
            continue
        org = reader.text(src.get("organisation"), _join(key, "organisation"), MAX_LENGTH["sources.organisation"])
        stitle = reader.text(src.get("title"), _join(key, "title"), MAX_LENGTH["sources.title"])
        url = reader.text(src.get("url"), _join(key, "url"), MAX_LENGTH["sources.url"])
        if url and (fault := checks.url_fault(url)):
            reader.add(src["url"], _join(key, "url"), *fault)
            url = None
        if org and stitle and url:
            sources.append(Source(org, stitle, url))
    reviewed = None
    if (rnode := data.get("reviewed")) is not None:
        reviewed, date_fault = checks.review_date(rnode.value, dt.date.today())
        if date_fault is not None:
            reader.add(rnode, "reviewed", *date_fault)
    checked = reader.text(data.get("checked"), "checked", MAX_LENGTH["checked"]) or ""
    if rnode is not None and "checked" not in data:  # a date alone does not say what it vouches for
        hint = "add 'checked:' saying which facts were compared with which sources that day"
        reader.add(rnode, "reviewed", "the review date does not say what was checked", hint, "warning")
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
        checked=checked,
    )


def glossary_from_node(node: Node, reader: FileReader) -> list[GlossaryTerm]:
    data = reader.mapping(node, "", {"terms": True}, "glossary")
    out: list[GlossaryTerm] = []
    for key, child in reader.items(data.get("terms") if data else None, "terms", 1):
        term = reader.mapping(child, key, TERM_KEYS, "glossary term")
        if term is None:
            continue
        tid = reader.ident(term.get("id"), _join(key, "id"))
        name = reader.text(term.get("term"), _join(key, "term"), MAX_LENGTH["terms.term"])
        definition = reader.text(term.get("definition"), _join(key, "definition"), MAX_LENGTH["terms.definition"])
        aliases = reader.texts(term.get("aliases"), _join(key, "aliases"), MAX_LENGTH["terms.aliases"])
        lay = reader.texts(term.get("lay"), _join(key, "lay"), MAX_LENGTH["terms.lay"])
        topic = reader.ident(term.get("topic"), _join(key, "topic")) if "topic" in term else None
        if tid and name and definition:
            reader.places[f"term:{tid}"] = (child.line, child.column)
            if "topic" in term:
                reader.places[f"term:{tid}.topic"] = (term["topic"].line, term["topic"].column)
            if "definition" in term:
                reader.places[f"term:{tid}.definition"] = (term["definition"].line, term["definition"].column)
            out.append(GlossaryTerm(tid, name, definition, aliases, lay, topic))
    return out


def string_map(node: Node, reader: FileReader, top: str, what: str, also: str = "") -> list[tuple[str, Node]]:
    """The 'written: value' lines under `top`. With `also`, the file may hold that key instead of
    or beside `top` (read with string_list)."""
    data = reader.mapping(node, "", {top: not also, also: False} if also else {top: True}, what)
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

