"""Every treatment entry cites its own regulator's page (its label, its FDA or EMA page), as issue 18
asks: the summary's facts come from the guide's topics, and the entry says where the product itself
is described by the body that approved it. A page that lists the approvals of many drugs, or a news
release about a whole class, names the body but not the product, so it does not count."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from guide.content.treatments import Treatment, TreatmentSource
from guide.treatment_command import Opened, open_care

REGULATORS = ("fda.gov", "ema.europa.eu", "dailymed.nlm.nih.gov", "ec.europa.eu")
"""The FDA (with its label sites DailyMed and openFDA), the EMA, and the European Commission's
register of the EU product information."""

GENERAL_PAGES = frozenset({
    "www.fda.gov/drugs/resources-information-approved-drugs/oncology-cancer-hematologic-malignancies-approval-notifications",
    "www.fda.gov/vaccines-blood-biologics/safety-availability-biologics",
})  # fmt: skip
"""FDA pages that list the approvals or the safety notices of many drugs: an entry may cite one for a
dated notice, but it is no drug's own page."""


@pytest.fixture(scope="module")
def opened() -> Opened:
    return open_care(None, "en")


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def _page(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "") + parts.path.rstrip("/")


def _is_regulator(url: str) -> bool:
    return any(_host(url) == r or _host(url).endswith("." + r) for r in REGULATORS)


def _letters(text: str) -> str:
    """Letters and digits only, so "IntronA" and "intron a" compare equal."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _names(treatment: Treatment, by_id: dict[str, Treatment]) -> set[str]:
    """The names one of which the page's title must give: the entry's own, or for a combination its parts'."""
    entries = [treatment, *(by_id[part] for part in treatment.parts)]
    return {_letters(n) for t in entries for n in t.names}


def own_pages(treatment: Treatment, by_id: dict[str, Treatment]) -> list[TreatmentSource]:
    """The regulator pages about this drug: not a list of many drugs, and titled with its name."""
    names = _names(treatment, by_id)
    return [
        s
        for s in treatment.sources
        if _is_regulator(s.url) and _page(s.url) not in GENERAL_PAGES and any(n in _letters(s.title) for n in names)
    ]


def entries_without_own_page(treatments: tuple[Treatment, ...]) -> list[str]:
    by_id = {t.id: t for t in treatments}
    return [t.id for t in treatments if not own_pages(t, by_id)]


def test_every_entry_cites_its_own_regulator_page_with_a_reviewed_date(opened: Opened) -> None:
    assert entries_without_own_page(opened.care.treatments) == []
    assert all(s.reviewed.year >= 2025 for t in opened.care.treatments for s in t.sources)


def _entry(sources: tuple[TreatmentSource, ...]) -> Treatment:
    return Treatment(
        id="atezolizumab", name="atezolizumab", drug_class="pd-l1", given="A drip.", side_effects=(),
        topics=(), urgent=(), sources=sources, brands=("Tecentriq",),
    )  # fmt: skip


def test_a_general_approvals_page_is_not_a_drugs_own_page() -> None:
    """The general page named for the drug, as entries cited it before, no longer passes."""
    day = dt.date(2026, 12, 2)
    general = TreatmentSource(
        "US Food and Drug Administration",
        "Oncology (Cancer) and Hematologic Malignancies Approval Notifications, for Tecentriq",
        "https://www.fda.gov/drugs/resources-information-approved-drugs/oncology-cancer-hematologic-malignancies-approval-notifications",
        day,
    )
    epar = TreatmentSource(
        "European Medicines Agency", "Tecentriq (atezolizumab): EPAR",
        "https://www.ema.europa.eu/en/medicines/human/EPAR/tecentriq", day,
    )  # fmt: skip
    class_news = TreatmentSource(
        "US Food and Drug Administration", "FDA news release about all CAR T cell therapies",
        "https://www.fda.gov/news-events/press-announcements/some-class-wide-release", day,
    )  # fmt: skip
    society = TreatmentSource("American Cancer Society", "Tecentriq", "https://www.cancer.org/x", day)
    assert entries_without_own_page((_entry((general,)),)) == ["atezolizumab"]
    assert entries_without_own_page((_entry((class_news,)),)) == ["atezolizumab"]
    assert entries_without_own_page((_entry((society,)),)) == ["atezolizumab"]
    assert entries_without_own_page((_entry((general, epar)),)) == []
