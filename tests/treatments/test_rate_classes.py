"""A side-effect rate measured in one class of drug is never shown for another: "about 1 in 100 people
on PD-1 or PD-L1 drugs" on an ipilimumab (CTLA-4) summary would tell a patient a figure nobody measured
for their drug. The validator refuses it, so no content edit can bring it back."""

from __future__ import annotations

from guide.content.treatments import SideEffect, treatment_problems
from guide.treatment_command import open_care

PD1_RATE = "In one study of people on PD-1 or PD-L1 drugs, about 1 in 100 got it."


def _problems_with(entry_id: str, rate: str) -> list[str]:
    care = open_care(None, "en").care
    assert care.table is not None
    topic_ids = {t.id for t in open_care(None, "en").library.topics}
    changed = [
        t._replace(side_effects=(*t.side_effects, SideEffect("type-1-diabetes", rate))) if t.id == entry_id else t
        for t in care.treatments
    ]
    return [p.message for p in treatment_problems(changed, care.table, topic_ids, care.places)]


def test_a_pd1_rate_on_a_ctla4_drug_is_refused() -> None:
    problems = _problems_with("ipilimumab", PD1_RATE)
    assert any("about pd-1, pd-l1 drugs, and this entry is ctla-4" in p for p in problems), problems


def test_a_pd1_rate_on_a_pd1_drug_or_a_combination_with_one_is_kept() -> None:
    assert not any("drugs, and this entry is" in p for p in _problems_with("pembrolizumab", PD1_RATE))
    combination = next(t for t in open_care(None, "en").care.treatments if {"nivolumab", "ipilimumab"} <= set(t.parts))
    assert not any("drugs, and this entry is" in p for p in _problems_with(combination.id, PD1_RATE))


def test_the_bundled_entries_show_no_rate_of_another_class() -> None:
    care = open_care(None, "en").care
    assert care.table is not None
    library = open_care(None, "en").library
    problems = treatment_problems(care.treatments, care.table, {t.id for t in library.topics}, care.places)
    assert not [p for p in problems if "drugs, and this entry is" in p.message]
