"""Treatment entries (content/<lang>/treatments/*.yaml): one drug, product or combination each.

An entry holds only what the topics cannot: its names (generic, brands, other spellings people
type), its class, how it is given, which topics apply (the side effects most common first),
the triage table's signs to watch for, special rules, and the label or regulator pages it was
checked against, each with the date it was. Everything else a summary says is taken from the
topics and the glossary (guide/treatment_command.py), so it is validated text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from guide.content import checks
from guide.content.files import read_shown
from guide.content.model import Topic
from guide.content.problems import Problem
from guide.content.schema import FileReader
from guide.content.triage import Places, TriageTable, block_problems, read_table, unknown_sign
from guide.content.yaml_reader import Node

CLASSES: dict[str, str] = {
    "pd-1": "a checkpoint inhibitor that blocks PD-1",
    "pd-l1": "a checkpoint inhibitor that blocks PD-L1",
    "ctla-4": "a checkpoint inhibitor that blocks CTLA-4",
    "lag-3": "a checkpoint inhibitor that blocks LAG-3, given with a PD-1 drug",
    "bispecific": "a bispecific antibody, which joins T cells to cancer cells",
    "car-t": "a CAR T-cell therapy, made from your own T cells",
    "til": "a TIL therapy, made from immune cells taken from your tumour",
    "tcr": "a TCR therapy, made from your own T cells",
    "vaccine": "a treatment vaccine",
    "bcg": "BCG, a weakened germ put into the bladder",
    "cytokine": "a cytokine, a copy of a messenger the immune system makes",
    "oncolytic-virus": "an oncolytic virus, a changed virus put into the tumour",
    "adc": "an antibody-drug conjugate, an antibody that carries a drug to cancer cells",
    "antibody": "a monoclonal antibody that marks cancer cells for the immune system",
    "immune-modulating": "an immune-modulating drug",
    "combination": "a combination of treatments",
}
"""The class names an entry may use, and the plain words a summary says for each."""

TREATMENT_KEYS = {
    "id": True, "name": True, "brands": False, "also": False, "parts": False, "class": True, "given": True,
    "side_effects": True, "topics": True, "urgent": True, "rules": False, "sources": True,
}  # fmt: skip
SIDE_EFFECT_KEYS = {"topic": True, "rate": False}
SOURCE_KEYS = {"organisation": True, "title": True, "url": True, "reviewed": True}
LIMITS = {"name": 80, "given": 500, "rate": 300, "rules": 400, "organisation": 200, "title": 300, "url": 500}


class SideEffect(NamedTuple):
    topic: str
    rate: str = ""
    """How often, in plain words, as the topic gives it ("" when the content has no figure)."""


class TreatmentSource(NamedTuple):
    organisation: str
    title: str
    url: str
    reviewed: dt.date


class Treatment(NamedTuple):
    id: str
    name: str
    drug_class: str
    given: str
    side_effects: tuple[SideEffect, ...]
    topics: tuple[str, ...]
    urgent: tuple[str, ...]
    sources: tuple[TreatmentSource, ...]
    brands: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    """Other spellings and short names people type ("pembro", "keytrooda")."""
    parts: tuple[str, ...] = ()
    """For a combination: the ids of the entries it joins."""
    rules: tuple[str, ...] = ()
    path: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.brands, *self.also)


class Care(NamedTuple):
    """The triage table and the treatments of one language folder, with every problem in them."""

    table: TriageTable | None
    treatments: tuple[Treatment, ...]
    problems: list[Problem]
    places: Places


def read_care(root: Path) -> Care:
    table, problems, table_reader = read_table(root)
    places: Places = {table_reader.path: table_reader.places} if table_reader else {}
    treatments: list[Treatment] = []
    folder = Path(root) / "treatments"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown, source, node, file_problems = read_shown(path)
        problems.extend(file_problems)
        if node is None:
            continue
        reader = FileReader(shown, source=source)
        treatments.extend(treatments_from_node(node, reader))
        problems.extend(reader.problems)
        places[shown] = reader.places
    return Care(table, tuple(treatments), problems, places)


def care_problems(root: Path, topics: list[Topic], topic_places: Places) -> list[Problem]:
    """What `validate` adds for the triage table and the treatments (nothing without a table)."""
    care = read_care(root)
    if care.table is None and not care.treatments:
        return care.problems
    problems = list(care.problems)
    table = care.table or TriageTable((), "triage.yaml")
    problems += block_problems(topics, table, {**topic_places, **care.places})
    problems += treatment_problems(care.treatments, table, {t.id for t in topics}, care.places)
    return problems


def treatments_from_node(node: Node, reader: FileReader) -> list[Treatment]:
    data = reader.mapping(node, "", {"treatments": True}, "treatment list")
    out: list[Treatment] = []
    for key, child in reader.items(data.get("treatments") if data else None, "treatments", 1):
        if (treatment := _treatment(child, key, reader)) is not None:
            reader.places[f"treatment:{treatment.id}"] = (child.line, child.column)
            out.append(treatment)
    return out


def _treatment(node: Node, key: str, reader: FileReader) -> Treatment | None:
    entry = reader.mapping(node, key, TREATMENT_KEYS, "treatment")
    if entry is None:
        return None

    def ids(name: str) -> tuple[str, ...]:
        found = (reader.ident(n, k) for k, n in reader.items(entry.get(name), f"{key}.{name}"))
        return tuple(i for i in found if i)

    def texts(name: str) -> tuple[str, ...]:
        return reader.texts(entry.get(name), f"{key}.{name}", LIMITS.get(name, LIMITS["name"]))

    treatment_id = reader.ident(entry.get("id"), f"{key}.id")
    name = reader.text(entry.get("name"), f"{key}.name", LIMITS["name"])
    given = reader.text(entry.get("given"), f"{key}.given", LIMITS["given"])
    drug_class = reader.text(entry.get("class"), f"{key}.class", LIMITS["name"])
    if drug_class is not None and drug_class not in CLASSES:
        close = difflib.get_close_matches(drug_class, CLASSES, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(CLASSES)
        reader.add(entry["class"], f"{key}.class", f"unknown class '{drug_class}'", hint)
        drug_class = None
    side_effects: list[SideEffect] = []
    for skey, snode in reader.items(entry.get("side_effects"), f"{key}.side_effects", 1):
        effect = reader.mapping(snode, skey, SIDE_EFFECT_KEYS, "side effect")
        if effect is None:
            continue
        topic = reader.ident(effect.get("topic"), f"{skey}.topic")
        rate = reader.text(effect.get("rate"), f"{skey}.rate", LIMITS["rate"]) or ""
        if topic:
            side_effects.append(SideEffect(topic, rate))
    sources = [s for k, n in reader.items(entry.get("sources"), f"{key}.sources", 1) if (s := _source(n, k, reader))]
    urgent = ids("urgent")
    if not urgent and "urgent" in entry:
        reader.add(entry["urgent"], f"{key}.urgent", "a treatment lists at least one sign", "name the signs to watch")
    if not (treatment_id and name and given and drug_class and side_effects and sources and urgent):
        return None
    return Treatment(
        id=treatment_id, name=name, drug_class=drug_class, given=given, side_effects=tuple(side_effects),
        topics=ids("topics"), urgent=urgent, sources=tuple(sources), brands=texts("brands"), also=texts("also"),
        parts=ids("parts"), rules=texts("rules"), path=reader.path,
    )  # fmt: skip


def _source(node: Node, key: str, reader: FileReader) -> TreatmentSource | None:
    src = reader.mapping(node, key, SOURCE_KEYS, "source")
    if src is None:
        return None
    org = reader.text(src.get("organisation"), f"{key}.organisation", LIMITS["organisation"])
    title = reader.text(src.get("title"), f"{key}.title", LIMITS["title"])
    url = reader.text(src.get("url"), f"{key}.url", LIMITS["url"])
    if url and (fault := checks.url_fault(url)):
        reader.add(src["url"], f"{key}.url", *fault)
        url = None
    reviewed = None
    if (rnode := src.get("reviewed")) is not None:
        reviewed, date_fault = checks.review_date(rnode.value, dt.date.today())
        if date_fault is not None:
            reader.add(rnode, f"{key}.reviewed", *date_fault)
    return TreatmentSource(org, title, url, reviewed) if org and title and url and reviewed else None


def treatment_problems(
    treatments: Iterable[Treatment], table: TriageTable, topic_ids: set[str], places: Places
) -> list[Problem]:
    """Across entries: unique ids and names, topics and parts that exist, signs in the table."""
    problems: list[Problem] = []
    by_id: dict[str, Treatment] = {}
    by_name: dict[str, Treatment] = {}
    treatments = list(treatments)
    for t in treatments:
        if t.id in by_id:
            problems.append(_at(t, places, "id", f"the treatment id '{t.id}' is used twice", "give each its own id"))
        by_id.setdefault(t.id, t)
        for name in t.names:
            other = by_name.setdefault(name.casefold(), t)
            if other.id != t.id:
                problems.append(_at(t, places, "name", f"the name '{name}' also belongs to '{other.id}'",
                                    "a name leads to one entry: keep it on one"))  # fmt: skip
    ids = list(by_id)
    for t in treatments:
        for field, wanted in (("topics", t.topics), ("side_effects", [s.topic for s in t.side_effects])):
            for topic in wanted:
                if topic not in topic_ids:
                    close = difflib.get_close_matches(topic, sorted(topic_ids), n=2)
                    hint = f"did you mean '{close[0]}'?" if close else "use a topic id from `immunoguide topics`"
                    problems.append(_at(t, places, field, f"no topic has the id '{topic}'", hint))
        for part in t.parts:
            if part not in by_id or part == t.id:
                close = difflib.get_close_matches(part, ids, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "name two or more entries"
                problems.append(_at(t, places, "parts", f"no other treatment has the id '{part}'", hint))
        if t.drug_class == "combination" and len(t.parts) < 2:
            problems.append(_at(t, places, "parts", "a combination names the entries it joins", "add 'parts: [a, b]'"))
        for sign_id in t.urgent:
            if table.get(sign_id) is None:
                problems.append(_at(t, places, "urgent", *unknown_sign(table, sign_id)))
        problems.extend(_rates_of_other_classes(t, by_id, places))
    return problems


_CLASS_IN_RATE = re.compile(r"\b(PD-L?1|CTLA-4|LAG-3|CAR[- ]T|bispecific)\b", re.IGNORECASE)


def _rates_of_other_classes(t: Treatment, by_id: dict[str, Treatment], places: Places) -> list[Problem]:
    """A rate measured in one class of drug ("people on PD-1 drugs") must not be shown for another:
    a rate that names classes must name this entry's class, or the class of one of its parts."""
    own = {t.drug_class} | {by_id[p].drug_class for p in t.parts if p in by_id}
    problems = []
    for effect in t.side_effects:
        named = {m.casefold().replace(" ", "-") for m in _CLASS_IN_RATE.findall(effect.rate)}
        if named and not named & own:
            problems.append(_at(t, places, "side_effects", f"the rate for '{effect.topic}' is about "
                                f"{', '.join(sorted(named))} drugs, and this entry is {', '.join(sorted(own))}",
                                "give a rate measured in this class of drug, or none"))  # fmt: skip
    return problems


def _at(t: Treatment, places: Places, key: str, message: str, hint: str) -> Problem:
    line, column = places.get(t.path, {}).get(f"treatment:{t.id}", (1, 1))
    return Problem(t.path, line, column, f"{t.id}.{key}", message, hint)
