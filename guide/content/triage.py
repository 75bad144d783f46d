"""The triage table: one level for every warning sign, and the check that topics agree with it.

Issue 16 found the same sign marked "emergency" in one topic and "call-team-now" in another.
The table (content/<lang>/triage.yaml) gives each sign its one level; every urgent block names
the table's signs it lists (`triage: [id, ...]`), and a block must carry the level of every sign
it names. Equality, not "at least as urgent": a patient who reads two topics must be told the
same thing for the same sign, and a sign that is an emergency only in some setting ("after
CAR-T") is a sign of its own in the table.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from guide.content.files import read_shown
from guide.content.model import Topic, UrgencyLevel
from guide.content.problems import Problem
from guide.content.schema import FileReader
from guide.content.yaml_reader import Node

SIGN_KEYS = {"id": True, "level": True, "text": True}
SIGN_TEXT_LIMIT = 200

Places = dict[str, dict[str, tuple[int, int]]]


class TriageSign(NamedTuple):
    id: str
    level: UrgencyLevel
    text: str


class TriageTable(NamedTuple):
    signs: tuple[TriageSign, ...]
    path: str = ""

    def get(self, sign_id: str) -> TriageSign | None:
        return next((s for s in self.signs if s.id == sign_id), None)

    def ids(self) -> list[str]:
        return [s.id for s in self.signs]


def table_path(root: Path) -> Path:
    return Path(root) / "triage.yaml"


def read_table(root: Path) -> tuple[TriageTable | None, list[Problem], FileReader | None]:
    """The table of a language folder (None when it has no triage.yaml), with the file's problems."""
    path = table_path(root)
    if not path.exists():
        return None, [], None
    shown, source, node, problems = read_shown(path)
    reader = FileReader(shown, source=source)
    if node is None:
        return TriageTable((), shown), problems, reader
    signs = signs_from_node(node, reader)
    return TriageTable(tuple(signs), shown), problems + reader.problems, reader


def signs_from_node(node: Node, reader: FileReader) -> list[TriageSign]:
    data = reader.mapping(node, "", {"signs": True}, "triage table")
    out: list[TriageSign] = []
    first: dict[str, tuple[TriageSign, Node]] = {}
    by_text: dict[str, TriageSign] = {}
    for key, child in reader.items(data.get("signs") if data else None, "signs", 1):
        entry = reader.mapping(child, key, SIGN_KEYS, "sign")
        if entry is None:
            continue
        sign_id = reader.ident(entry.get("id"), f"{key}.id")
        text = reader.text(entry.get("text"), f"{key}.text", SIGN_TEXT_LIMIT)
        level = _level(entry.get("level"), f"{key}.level", reader)
        if not (sign_id and text and level):
            continue
        sign = TriageSign(sign_id, level, text)
        if sign_id in first:
            earlier = first[sign_id][0]
            reader.add(
                entry["id"],
                f"{key}.id",
                f"the sign '{sign_id}' is already in the table (line {first[sign_id][1].line}, {earlier.level.value});"
                " a sign has one level",
                "keep one entry; if the sign is more urgent in some setting, give that setting its own sign",
            )
            continue
        if (same := by_text.get(text.casefold())) is not None:
            reader.add(
                entry["text"],
                f"{key}.text",
                f"the sign '{same.id}' already has this text ({same.level.value}); a sign has one level",
                "merge the two entries",
            )
            continue
        first[sign_id] = (sign, entry["id"])
        by_text[text.casefold()] = sign
        out.append(sign)
    return out


def _level(node: Node | None, key: str, reader: FileReader) -> UrgencyLevel | None:
    if node is None:
        return None
    try:
        return UrgencyLevel(node.value)
    except ValueError:
        reader.add(node, key, f"unknown urgency level {node.value!r}", "use 'call-team-now' or 'emergency'")
        return None


def unknown_sign(table: TriageTable, sign_id: str) -> tuple[str, str]:
    """(message, hint) for an id the table does not have, with its closest ids."""
    close = difflib.get_close_matches(sign_id, table.ids(), n=3)
    hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else f"see {table.path}"
    return f"the triage table has no sign '{sign_id}'", hint


def block_problems(topics: Iterable[Topic], table: TriageTable, places: Places) -> list[Problem]:
    """Every urgent block names table signs, only known ones, and only signs of its own level;
    the same written sign never sits in blocks of two levels; every table sign is used."""
    problems: list[Problem] = []
    used: set[str] = set()
    written: dict[str, tuple[UrgencyLevel, str]] = {}
    for topic in topics:
        at = places.get(topic.path, {})
        for i, block in enumerate(topic.urgent, start=1):
            where = at.get(f"urgent[{i}].text", (1, 1))
            if not block.triage:
                problems.append(Problem(
                    topic.path, *where, f"urgent[{i}]",
                    "this urgent block names none of the triage table's signs",
                    f"add 'triage: [id, ...]' with the ids from {table.path or 'triage.yaml'} of the signs it lists",
                ))  # fmt: skip
            for k, sign_id in enumerate(block.triage, start=1):
                key = f"urgent[{i}].triage[{k}]"
                sign = table.get(sign_id)
                used.add(sign_id)
                if sign is None:
                    problems.append(Problem(topic.path, *at.get(key, where), key, *unknown_sign(table, sign_id)))
                elif sign.level is not block.level:
                    problems.append(Problem(
                        topic.path, *at.get(key, where), key,
                        f"'{sign_id}' is {sign.level.value} in the triage table, but this block is"
                        f" {block.level.value}",
                        f"move the sign to a block of level {sign.level.value}, or change its level in the table"
                        " (then every topic that lists it follows)",
                    ))  # fmt: skip
            for k, text in enumerate(block.signs, start=1):
                seen = written.setdefault(text.casefold(), (block.level, topic.id))
                if seen[0] is not block.level:
                    key = f"urgent[{i}].signs[{k}]"
                    problems.append(Problem(
                        topic.path, *at.get(key, where), key,
                        f"the sign '{text}' is {block.level.value} here but {seen[0].value} in '{seen[1]}'",
                        "give each sign one level: see the triage table",
                    ))  # fmt: skip
    for n, sign in enumerate(table.signs, start=1):
        if sign.id not in used:
            problems.append(Problem(
                table.path, *places.get(table.path, {}).get(f"signs[{n}].id", (1, 1)), f"signs[{n}]",
                f"no urgent block lists the sign '{sign.id}'",
                "name it in the urgent block that lists it, or remove it", "warning",
            ))  # fmt: skip
    return problems
