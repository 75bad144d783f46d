"""Checks across files: unique ids, links that resolve, no loops in the tree, glossary and
synonym targets, and the readability gate (which needs the glossary to know defined words)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from guide.content import readability
from guide.content.model import BulletList, GlossaryTerm, Topic
from guide.content.problems import Problem
from guide.content.schema import FileReader
from guide.content.yaml_reader import Node

SUMMARY_GRADE_LIMIT = 6.0
BODY_GRADE_LIMIT = 8.0

Places = dict[str, dict[str, tuple[int, int]]]


def _at(places: Places, path: str, key: str) -> tuple[int, int]:
    """Where a key was written, so cross-file problems still name a line."""
    return places.get(path, {}).get(key, (1, 1))


def cross_check(
    topics: list[Topic],
    glossary: list[GlossaryTerm],
    syn_nodes: list[tuple[str, Node, FileReader]],
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


def drug_name_problems(
    drug_names: Iterable[tuple[str, str]], pronunciations: Iterable[tuple[str, str]], places: Places
) -> list[Problem]:
    """Each drug name (written form, file) is listed once and has a pronunciation: the list eases the
    reading grade, so a stray entry would hide a hard word, and speech must say every drug name."""
    said = {written.casefold() for written, _ in pronunciations}
    seen: set[str] = set()
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    for name, path in drug_names:
        counts[path] = counts.get(path, 0) + 1
        at = _at(places, path, f"drug_names[{counts[path]}]")
        folded = name.casefold()
        if folded in seen:
            problems.append(Problem(path, *at, "drug_names", f"'{name}' is listed twice", "delete this line"))
        elif folded not in said:
            hint = "add 'written form: how to say it' under pronunciations: in a file in this folder"
            problems.append(Problem(path, *at, "drug_names", f"'{name}' has no pronunciation", hint))
        seen.add(folded)
    return problems


def readability_problems(
    topics: Iterable[Topic],
    glossary: Iterable[GlossaryTerm] = (),
    places: Places | None = None,
    glossary_paths: dict[str, str] | None = None,
    drug_names: Iterable[str] = (),
) -> list[Problem]:
    """Grade-level gate: summaries and urgent text at grade 6 or lower, body at 8 or lower.

    Only the words of drug names are eased (readability.FAMILIAR_SYLLABLES); a medical word the
    glossary explains still counts in full, because the reader still has to read it."""
    problems: list[Problem] = []
    places = places or {}
    familiar = frozenset(w.lower() for name in drug_names for w in readability.words(name))
    grader = readability.Grader(familiar)

    def gate(texts: list[str], limit: float) -> readability.GradeReport | None:
        """The report on a passage that reads above its limit, else None (the usual case, so the
        key names for a message are only worked out when one is due)."""
        report = grader.assess(texts)
        return report if report.grade > limit else None

    def complain(
        path: str, key: str, pieces: list[tuple[str, str]], report: readability.GradeReport, limit: float
    ) -> None:
        """pieces: (where it was written, text); the problem points at the piece with the hardest sentence."""
        at = next((where for where, text in pieces if report.hardest_sentence in text), pieces[0][0])
        problems.append(
            Problem(
                path,
                *_at(places, path, at),
                key,
                f"reads at grade {report.grade:.1f}, above the limit of {limit:.0f}; hardest sentence"
                f' (grade {report.hardest_grade:.1f}): "{report.hardest_sentence}"',
                "use shorter sentences and everyday words; split the hardest sentence first",
            )
        )

    def numbered(prefix: str, texts: Iterable[str]) -> list[tuple[str, str]]:
        return [(f"{prefix}[{n}]", text) for n, text in enumerate(texts, start=1)]

    for topic in topics:
        path = topic.path
        if report := gate([topic.summary], SUMMARY_GRADE_LIMIT):
            complain(path, "summary", [("summary", topic.summary)], report, SUMMARY_GRADE_LIMIT)
        for i, block in enumerate(topic.urgent, start=1):
            if report := gate([block.text, *block.signs], SUMMARY_GRADE_LIMIT):
                pieces = [(f"urgent[{i}].text", block.text), *numbered(f"urgent[{i}].signs", block.signs)]
                complain(path, f"urgent[{i}]", pieces, report, SUMMARY_GRADE_LIMIT)
        for i, section in enumerate(topic.sections, start=1):
            texts = [t for item in section.blocks for t in (item.items if isinstance(item, BulletList) else (item,))]
            if report := gate(texts, BODY_GRADE_LIMIT):
                pieces = []
                for k, item in enumerate(section.blocks, start=1):
                    if isinstance(item, BulletList):
                        pieces += numbered(f"sections[{i}].text[{k}].bullets", item.items)
                    else:
                        pieces.append((f"sections[{i}].text[{k}]", item))
                complain(path, f"sections[{i}] ({section.heading})", pieces, report, BODY_GRADE_LIMIT)
        for name, items in (("key_points", topic.key_points), ("questions", topic.questions)):
            if report := gate(list(items), BODY_GRADE_LIMIT):
                complain(path, name, numbered(name, items), report, BODY_GRADE_LIMIT)
    for term in glossary:
        glossary_path = (glossary_paths or {}).get(term.id, "glossary.yaml")
        if report := gate([term.definition], BODY_GRADE_LIMIT):
            pieces = [(f"term:{term.id}.definition", term.definition)]
            complain(glossary_path, f"{term.id}.definition", pieces, report, BODY_GRADE_LIMIT)
    return problems
