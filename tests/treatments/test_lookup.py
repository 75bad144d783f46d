"""Finding a treatment by the name a person knows, and the summary built from the content."""

from __future__ import annotations

import re

import pytest

from guide.content.model import UrgencyLevel
from guide.content.treatment_summary import CARE_FIRST, find, summarise, summary_lines
from guide.treatment_command import Opened, open_care


@pytest.fixture(scope="module")
def opened() -> Opened:
    return open_care(None, "en")


@pytest.mark.parametrize(
    ("typed", "entry"),
    [
        ("Keytruda", "pembrolizumab"),
        ("keytruda qlex", "pembrolizumab"),
        ("PEMBROLIZUMAB", "pembrolizumab"),
        ("pembrolizamab", "pembrolizumab"),
        ("pembrolisumab", "pembrolizumab"),
        ("Opdivo", "nivolumab"),
        ("tecvayli", "teclistamab"),
        ("Yescarta", "axicabtagene-ciloleucel"),
        ("yescarta ", "axicabtagene-ciloleucel"),
        ("axi-cel", "axicabtagene-ciloleucel"),
        ("Imlygic", "talimogene-laherparepvec"),
        ("T-VEC", "talimogene-laherparepvec"),
        ("Amtagvi", "lifileucel"),
        ("Opdualag", "nivolumab-relatlimab"),
        ("nivo and ipi", "nivolumab-ipilimumab"),
        ("Opdivo + Yervoy", "nivolumab-ipilimumab"),
        ("ipilimumab and nivolumab", "nivolumab-ipilimumab"),
        ("Imfinzi and Imjudo", "durvalumab-tremelimumab"),
        ("Keytruda and chemo", "chemo-plus-pd-1"),
        ("durvalumab with radiotherapy", "radiotherapy-plus-pd-1"),
    ],
)
def test_brand_generic_misspelt_and_combined_names(opened: Opened, typed: str, entry: str) -> None:
    found = find(opened.care.treatments, typed)
    assert [t.id for t in found.treatments] == [entry]


def test_two_drugs_without_a_combination_entry_are_each_found(opened: Opened) -> None:
    found = find(opened.care.treatments, "tarlatamab + teclistamab")
    assert [t.id for t in found.treatments] == ["tarlatamab", "teclistamab"]


@pytest.mark.parametrize("typed", ["aspirin", "zz", "mab", "Keytruda and aspirin"])
def test_unknown_names_find_nothing_but_offer_close_ones(opened: Opened, typed: str) -> None:
    found = find(opened.care.treatments, typed)
    assert found.treatments == ()
    assert 1 <= len(found.closest) <= 3


def test_a_misspelling_close_to_two_drugs_is_not_guessed(opened: Opened) -> None:
    """'teclatamab' is about as close to teclistamab as to tarlatamab: ask, do not guess."""
    found = find(opened.care.treatments, "teclatamab")
    assert found.treatments == ()
    assert found.closest[0].startswith("teclistamab") and any(c.startswith("tarlatamab") for c in found.closest)


def test_two_drugs_that_only_share_a_broad_entry_are_no_combination(opened: Opened) -> None:
    """Keytruda and Opdivo are both 'a PD-1 drug' in chemotherapy with a PD-1 drug; together they
    are not that combination, so each is shown on its own."""
    found = find(opened.care.treatments, "Keytruda + Opdivo")
    assert [t.id for t in found.treatments] == ["pembrolizumab", "nivolumab"]


def test_every_entry_summarises_with_the_care_team_first_and_last(opened: Opened) -> None:
    table = opened.care.table
    assert table is not None
    for treatment in opened.care.treatments:
        summary = summarise(treatment, opened.library, table)
        lines = [line for line in summary_lines(summary, opened.library) if line]
        assert lines[1].startswith(CARE_FIRST), treatment.id
        assert "care team's plan comes first" in lines[-1], treatment.id
        assert lines[2] in {level.label for level in UrgencyLevel}, treatment.id  # urgent signs come next
        assert summary.side_effects and summary.topics, treatment.id


def test_urgent_signs_are_the_triage_tables_at_its_levels(opened: Opened) -> None:
    table = opened.care.table
    assert table is not None
    for treatment in opened.care.treatments:
        summary = summarise(treatment, opened.library, table)
        shown = {(b.level, s) for b in summary.urgent for s in b.signs}
        expected = {(sign.level, sign.text) for i in treatment.urgent if (sign := table.get(i)) is not None}
        assert shown == expected and len(expected) == len(treatment.urgent), treatment.id
        assert summary.urgent[0].level is UrgencyLevel.EMERGENCY or len(summary.urgent) == 1


def test_no_entry_gives_a_dose(opened: Opened) -> None:
    dose = re.compile(r"\b\d+(\.\d+)?\s*(mg|mcg|microgram|ml|units?)\b|mg/kg|\bdose of\b", re.IGNORECASE)
    for treatment in opened.care.treatments:
        for text in (treatment.given, *treatment.rules, *(s.rate for s in treatment.side_effects)):
            assert not dose.search(text), (treatment.id, text)


@pytest.mark.parametrize("typed", ["immunotherapy", "Immunotherapy", "immunotheraphy"])
def test_a_general_word_is_no_misspelling_of_a_longer_name(opened: Opened, typed: str) -> None:
    """'immunotherapy' scores 84 against 'chemoimmunotherapy', yet names no treatment: a misspelling
    is about as long as the name it stands for, so nothing is guessed and close names are offered."""
    found = find(opened.care.treatments, typed)
    assert found.treatments == ()
    assert 1 <= len(found.closest) <= 3
