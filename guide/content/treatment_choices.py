"""The treatments a reader offers as someone types a name, and each one's summary as a topic.

The reader's "My treatment" dialog and its search both ask this one object, so a name means
the same treatment in both. It never guesses: what `find` (treatment_summary) recognises comes
first, then entries whose names begin with what was typed ("keyt" is Keytruda), and only when
there is neither, the closest names, clearly marked as suggestions. No Textual here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from guide.content.model import Library, Topic
from guide.content.treatments import CLASSES, Care, Treatment

if TYPE_CHECKING:
    from guide.content.treatment_summary import Summary

SUGGEST_CUTOFF = 65.0
"""How near (rapidfuzz ratio, 0-100) a name must be to be suggested when nothing matches."""
SUMMARY_PREFIX = "treatment-"
"""A summary's document id is this and the entry's id (summary_topic names it so)."""


class Choice(NamedTuple):
    treatment_id: str
    label: str
    """"Pembrolizumab (Keytruda, Keytruda Qlex): a checkpoint inhibitor that blocks PD-1"."""
    exact: bool
    """What was typed names this treatment (a suggestion is not exact)."""


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _names_it(treatment: Treatment, wanted: str) -> bool:
    """Typed words name a treatment unless they are only part of one of its longer names
    ("immunotherapy" is in "chemoimmunotherapy", which a fuzzy match would take for it)."""
    keys = [_key(n) for n in treatment.names]
    if wanted in keys:
        return True
    parts = [p for p in re.split(r"\s*(?:\+|&|,|/|\band\b|\bwith\b|\bplus\b)\s*", wanted) if p]
    return not any(wanted in k for k in keys) or len(parts) > 1


def label(treatment: Treatment) -> str:
    name = treatment.name[:1].upper() + treatment.name[1:]
    brands = f" ({', '.join(treatment.brands)})" if treatment.brands else ""
    return f"{name}{brands}: {CLASSES.get(treatment.drug_class, treatment.drug_class)}"


class TreatmentCatalog:
    """The treatments of one language folder, with the library their summaries are built from."""

    def __init__(self, library: Library, care: Care) -> None:
        self.library = library
        self.care = care
        self.by_id = {t.id: t for t in care.treatments}

    @classmethod
    def load(cls, library: Library, folder: Path) -> TreatmentCatalog:
        """Read triage.yaml and treatments/ (too slow for the event loop): call it off
        the event loop. A folder without them gives an empty catalog, never an error."""
        from guide.content.treatments import read_care

        care = read_care(folder)
        if any(p.severity == "error" for p in care.problems):
            care = Care(care.table, (), care.problems, care.places)
        return cls(library, care)

    def __len__(self) -> int:
        return len(self.by_id)

    def choices(self, typed: str, limit: int = 8) -> list[Choice]:
        from guide.content.treatment_summary import find

        wanted = _key(typed)
        if not wanted or not self.by_id:
            return []
        out: dict[str, Choice] = {}
        for t in find(self.care.treatments, typed).treatments:
            out[t.id] = Choice(t.id, label(t), _names_it(t, wanted))
        for t in self.care.treatments:
            if t.id not in out and any(_key(n).startswith(wanted) for n in t.names):
                out[t.id] = Choice(t.id, label(t), False)
        if not out:
            for t in self._closest(wanted):
                out[t.id] = Choice(t.id, label(t), False)
        return sorted(out.values(), key=lambda c: not c.exact)[:limit]

    def _closest(self, wanted: str, limit: int = 3) -> list[Treatment]:
        """Near spellings worth suggesting (a ratio of 65 or more: 'keytrda', not 'rash')."""
        from rapidfuzz import fuzz, process

        names = {(t.id, n): _key(n) for t in self.care.treatments for n in t.names}
        found: dict[str, Treatment] = {}
        for _, score, (treatment_id, _) in process.extract(wanted, names, scorer=fuzz.ratio, limit=limit * 4):
            if score >= SUGGEST_CUTOFF:
                found.setdefault(treatment_id, self.by_id[treatment_id])
        return list(found.values())[:limit]

    def named(self, typed: str) -> Choice | None:
        """The one treatment what was typed names (search offers its summary), or None."""
        from guide.content.treatment_summary import find

        if not _key(typed) or not self.by_id:
            return None
        found = find(self.care.treatments, typed).treatments
        if len(found) != 1 or not _names_it(found[0], _key(typed)):
            return None
        return Choice(found[0].id, label(found[0]), True)

    def _summary(self, treatment_id: str) -> Summary | None:
        from guide.content.treatment_summary import summarise
        from guide.content.triage import TriageTable

        treatment = self.by_id.get(treatment_id)
        if treatment is None:
            return None
        return summarise(treatment, self.library, self.care.table or TriageTable(()))

    def summary(self, treatment_id: str) -> Topic | None:
        """The summary of one entry as a topic: urgent signs first, its topics as links."""
        from guide.content.treatment_summary import summary_topic

        summary = self._summary(treatment_id)
        return summary_topic(summary) if summary is not None else None

    def text(self, treatment_id: str) -> list[str]:
        """The summary as plain lines (what `immunoguide treatment` prints, and the kiosk prints)."""
        from guide.content.treatment_summary import summary_lines

        summary = self._summary(treatment_id)
        return summary_lines(summary, self.library) if summary is not None else []

    def card(self, treatment_id: str) -> list[str]:
        """The few lines to carry: the care team first, the drug, its urgent signs by level, and a
        space for the team's phone number (the kiosk shows these large, to photograph)."""
        from guide.content.treatment_summary import CARE_FIRST

        summary = self._summary(treatment_id)
        if summary is None:
            return []
        lines = [label(summary.treatment), CARE_FIRST]
        for block in summary.urgent:
            lines += [block.level.label, *(f"- {sign}" for sign in block.signs)]
        return [*lines, "My care team's phone number: ____________________"]
