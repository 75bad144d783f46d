"""Every treatment entry cites a regulator's page (a label, the FDA or EMA page), as issue 18 asks:
the summary's facts come from the guide's topics, and the entry says where the product itself is
described by the body that approved it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from guide.treatment_command import Opened, open_care

REGULATORS = ("fda.gov", "ema.europa.eu", "dailymed.nlm.nih.gov", "ec.europa.eu")
"""The FDA (and its label site DailyMed), the EMA, and the European Commission's register of the
EU product information."""


@pytest.fixture(scope="module")
def opened() -> Opened:
    return open_care(None, "en")


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def test_every_entry_cites_a_regulator_page_with_a_reviewed_date(opened: Opened) -> None:
    missing = [
        t.id
        for t in opened.care.treatments
        if not any(_host(s.url) == r or _host(s.url).endswith("." + r) for s in t.sources for r in REGULATORS)
    ]
    assert missing == []
    assert all(s.reviewed.year >= 2025 for t in opened.care.treatments for s in t.sources)


def test_the_check_sees_an_entry_without_one() -> None:
    assert not any(_host("https://www.cancer.org/x").endswith(r) for r in REGULATORS)
    assert _host("https://www.ema.europa.eu/en/medicines/human/EPAR/libtayo").endswith("ema.europa.eu")
