"""My treatment: find a treatment by the name a person knows, and gather what the guide says about it.

The lookup forgives spelling (rapidfuzz), takes brand or generic names and short forms, and reads
"and", "+", "with" between two drugs as a combination. It never guesses between two close
drugs: a wrong drug's summary would be worse than none, so a fuzzy match must be clearly better
than the next treatment's. The summary is built only from validated content: the entry, the
triage table's signs, the topics (their urgent wording, questions) and the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from guide.content.model import BulletList, Library, Section, Source, Topic, UrgencyLevel, UrgentBlock
from guide.content.treatments import CLASSES, Treatment
from guide.content.triage import TriageTable

CARE_FIRST = "Your care team's plan for you comes first."
ABOUT = "This page gathers what this guide says about {name}. It does not replace what your team tells you."
CLOSER = "Your care team's plan comes first. Ask them about anything here that does not match what they told you."
CARE_TEAM_REMINDER = (
    "Your care team has your treatment plan: ask them which treatment you have and what it means for you."
)
FUZZY_CUTOFF = 80.0
FUZZY_MARGIN = 8.0
"""A fuzzy match must score this much better than the best match of any other treatment."""
_JOINERS = re.compile(r"\s*(?:\+|&|,|/|\band\b|\bwith\b|\bplus\b)\s*", re.IGNORECASE)


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


class Found(NamedTuple):
    treatments: tuple[Treatment, ...]
    """One entry (a drug or a known combination), several (drugs with no combination entry), or none."""
    closest: tuple[str, ...] = ()
    """When nothing was found: the names nearest to what was typed."""


def find(treatments: Sequence[Treatment], query: str) -> Found:
    names = {_key(n): t for t in treatments for n in t.names if _key(n)}
    whole = _one(names, query)
    if whole is not None:
        return Found((whole,))
    pieces = [p for p in _JOINERS.split(query) if _key(p)]
    if len(pieces) >= 2:
        parts = [_one(names, p) for p in pieces]
        if all(parts):
            wanted = {p.id for p in parts if p is not None}
            combined = _combination(treatments, wanted)
            if combined is not None:
                return Found((combined,))
            return Found(tuple(dict.fromkeys(p for p in parts if p is not None)))
    return Found((), closest_names(treatments, query))


def _one(names: dict[str, Treatment], typed: str) -> Treatment | None:
    key = _key(typed)
    if not key:
        return None
    if key in names:
        return names[key]
    if len(key) < 5:  # "ipi", "tec": short forms must be typed as written
        return None
    from rapidfuzz import fuzz, process

    best: dict[str, tuple[float, Treatment]] = {}
    for _name, score, _ in process.extract(key, list(names), scorer=fuzz.ratio, limit=12):
        if abs(len(_name) - len(key)) > max(2, len(key) // 5):
            continue  # a misspelling is about as long as the name: "immunotherapy" is no "chemoimmunotherapy"
        treatment = names[_name]
        if treatment.id not in best or score > best[treatment.id][0]:
            best[treatment.id] = (score, treatment)
    ranked = sorted(best.values(), key=lambda pair: -pair[0])
    if not ranked or ranked[0][0] < FUZZY_CUTOFF:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < FUZZY_MARGIN:
        return None  # two treatments about as close: do not guess
    return ranked[0][1]


def _combination(treatments: Sequence[Treatment], wanted: set[str]) -> Treatment | None:
    """The combination entry of exactly these drugs ("nivo and ipi"), or one named together with
    one of its drugs ("pembrolizumab and chemo"). Two drugs that only share a broad entry
    (Keytruda and Opdivo are both parts of chemotherapy with a PD-1 drug) are no combination."""
    for t in treatments:
        if (
            t.parts
            and len(wanted) >= 2
            and (wanted == set(t.parts) or (t.id in wanted and wanted - {t.id} <= set(t.parts)))
        ):
            return t
    return None


def closest_names(treatments: Sequence[Treatment], query: str, limit: int = 3) -> tuple[str, ...]:
    from rapidfuzz import fuzz, process

    shown = {n: t for t in treatments for n in (t.name, *t.brands)}
    found = process.extract(query.casefold(), {n: n.casefold() for n in shown}, scorer=fuzz.WRatio, limit=limit * 3)
    out: list[str] = []
    seen: set[str] = set()
    for _, _, name in found:
        if shown[name].id not in seen:
            seen.add(shown[name].id)
            out.append(_display(shown[name]))
    return tuple(out[:limit])


def _display(t: Treatment) -> str:
    return f"{t.name} ({', '.join(t.brands)})" if t.brands else t.name


class Summary(NamedTuple):
    treatment: Treatment
    title: str
    opener: str
    urgent: tuple[UrgentBlock, ...]
    what: tuple[str, ...]
    given: str
    side_effects: tuple[tuple[str, str, str], ...]
    """(topic id, topic title, plain rate or "")."""
    rules: tuple[str, ...]
    tell_doctors: tuple[str, ...]
    questions: tuple[str, ...]
    topics: tuple[str, ...]
    closer: str


def summarise(treatment: Treatment, library: Library, table: TriageTable) -> Summary:
    topics = [library[i] for i in dict.fromkeys([*treatment.topics, *(s.topic for s in treatment.side_effects)])
              if i in library]  # fmt: skip
    urgent: list[UrgentBlock] = []
    for level in (UrgencyLevel.EMERGENCY, UrgencyLevel.CALL_TEAM):
        signs = [s for i in treatment.urgent if (s := table.get(i)) is not None and s.level is level]
        if signs:
            text = _urgent_text(level, topics, library)
            urgent.append(UrgentBlock(level, text, tuple(s.text for s in signs), tuple(s.id for s in signs)))
    return Summary(
        treatment=treatment,
        title=f"My treatment: {_display(treatment)}",
        opener=f"{CARE_FIRST} {ABOUT.format(name=treatment.name)}",
        urgent=tuple(urgent),
        what=_what(treatment, library, topics),
        given=treatment.given,
        side_effects=tuple(
            (s.topic, library[s.topic].title, s.rate) for s in treatment.side_effects if s.topic in library
        ),
        rules=treatment.rules,
        tell_doctors=library["telling-other-doctors"].key_points if "telling-other-doctors" in library else (),
        questions=tuple(dict.fromkeys(q for t in topics[:4] for q in t.questions[:2]))[:6],
        topics=tuple(t.id for t in topics),
        closer=CLOSER,
    )


def _urgent_text(level: UrgencyLevel, topics: Sequence[Topic], library: Library) -> str:
    """The guide's own words for this level: the first of the treatment's topics with such a block."""
    fallback = [library["warning-signs"]] if "warning-signs" in library else []
    for topic in [*topics, *fallback]:
        for block in topic.urgent:
            if block.level is level and block.signs:
                return block.text
    return level.label


def _what(treatment: Treatment, library: Library, topics: Sequence[Topic]) -> tuple[str, ...]:
    if treatment.parts or treatment.drug_class == "combination":
        return (topics[0].summary,) if topics else ()
    out = [f"{treatment.name[:1].upper()}{treatment.name[1:]} is {CLASSES[treatment.drug_class]}."]
    term = next((t for n in treatment.names if (t := library.glossary_term(n)) is not None), None)
    if term is not None:
        out.append(term.definition)
    return tuple(out)


def summary_topic(summary: Summary) -> Topic:
    """The summary as a topic, for speech and any view that shows topics (urgent blocks first)."""
    t = summary.treatment
    sections = [
        Section("What it is", summary.what or (summary.given,)),
        Section("How it is given", (summary.given,)),
        Section("Side effects to know, most common first",
                (BulletList(tuple(_side_effect_line(s) for s in summary.side_effects)),)),
    ]  # fmt: skip
    if summary.rules:
        sections.append(Section("Special rules", (BulletList(summary.rules),)))
    if summary.tell_doctors:
        sections.append(Section("What to tell other doctors", (BulletList(summary.tell_doctors),)))
    reviewed = min(s.reviewed for s in t.sources)
    return Topic(
        id=f"treatment-{t.id}", title=summary.title, summary=ABOUT.format(name=t.name), parent=None, order=0,
        sections=tuple(sections), key_points=(summary.closer,), questions=summary.questions or (CARE_TEAM_REMINDER,),
        related=summary.topics, sources=tuple(Source(s.organisation, s.title, s.url) for s in t.sources),
        reviewed=reviewed, urgent=summary.urgent, path=t.path,
    )  # fmt: skip


def _side_effect_line(entry: tuple[str, str, str]) -> str:
    _, title, rate = entry
    return f"{title}. {rate}" if rate else title


def summary_dict(summary: Summary, library: Library) -> dict[str, Any]:
    """The JSON of `immunoguide treatment NAME --json`, with the keys issue 18 names."""
    t = summary.treatment
    return {
        "name": t.name,
        "brands": list(t.brands),
        "class": t.drug_class,
        "given": t.given,
        "urgent": [{"level": b.level.value, "signs": list(b.signs)} for b in summary.urgent],
        "side_effects": [{"topic": i, "title": title, "rate": rate} for i, title, rate in summary.side_effects],
        "rules": list(t.rules),
        "topics": [{"id": i, "title": library[i].title} for i in summary.topics],
        "sources": [
            {"organisation": s.organisation, "title": s.title, "url": s.url, "reviewed": s.reviewed.isoformat()}
            for s in t.sources
        ],
    }


def summary_lines(summary: Summary, library: Library) -> list[str]:
    """Plain text: the care team first, then urgent signs with their level, then the rest, and
    the care team last. Used by `treatment` and the text export."""
    lines = [summary.title, "", summary.opener, ""]
    for block in summary.urgent:
        lines += [block.level.label, block.text, *(f"- {s}" for s in block.signs), ""]
    topic = summary_topic(summary)
    for section in topic.sections:
        lines.append(section.heading)
        for item in section.blocks:
            lines.extend(f"- {i}" for i in item.items) if isinstance(item, BulletList) else lines.append(item)
        lines.append("")
    lines += ["Questions to ask your care team", *(f"- {q}" for q in topic.questions), ""]
    lines += ["Topics to read next", *(f"- {library[i].title} (immunoguide show {i})" for i in summary.topics), ""]
    lines += ["Sources", *(f"- {s.organisation}: {s.title}. {s.url} (checked {s.reviewed.isoformat()})"
                           for s in summary.treatment.sources), ""]  # fmt: skip
    lines.append(summary.closer)
    return lines
