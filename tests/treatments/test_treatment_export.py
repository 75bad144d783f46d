"""`immunoguide export treatment NAME --to DIR`: the same HTML checks as the site, and the card.

The structure checks reuse the export suite's strict parser (tests/export); the slow tests
run axe-core in Chromium on the summary and the wallet card, with the same helpers.
"""

from __future__ import annotations

import itertools
import re
import wave
from pathlib import Path

import pytest

from tests.cli_run import no_traceback, run
from tests.export.chromium_axe import Browser
from tests.export.test_export_html import VAGUE_LINK_TEXT, Page

PAGES = ["treatment-nivolumab-ipilimumab.html", "treatment-nivolumab-ipilimumab-wallet-card.html"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("treatment")
    done = run("export", "treatment", "nivo", "and", "ipi", "--to", str(out), "--no-audio")
    assert done.returncode == 0, done.stderr
    assert "treatment-nivolumab-ipilimumab.html" in done.stdout
    return out


def test_the_summary_wallet_card_and_text_are_written_beside_the_site(folder: Path) -> None:
    for name in [*PAGES, "treatment-nivolumab-ipilimumab.txt", "wallet-card.css", "index.html", "style.css"]:
        assert (folder / name).is_file(), name
    assert not (folder / "treatment-nivolumab-ipilimumab.wav").exists()  # --no-audio
    text = (folder / "treatment-nivolumab-ipilimumab.txt").read_text(encoding="utf-8")
    assert text.splitlines()[2].startswith("Your care team's plan for you comes first.")
    assert all(len(line) <= 72 or " " not in line.strip() for line in text.splitlines())  # only links run on


@pytest.mark.parametrize("name", PAGES)
def test_pages_pass_the_sites_structure_checks(folder: Path, name: str) -> None:
    page = Page(folder / name)
    assert page.errors == [] and page.first("script") is None
    assert page.first("html") == {"lang": "en"}
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels)), levels
    assert page.links[0]["text"] == "Skip to main content" and page.first("main") == {"id": "main", "tabindex": "-1"}
    for link in page.links:
        href = link["href"].split("#")[0]
        assert link["text"].strip() and link["text"].strip().casefold() not in VAGUE_LINK_TEXT, link
        if href and not href.startswith("https://"):
            assert not re.match(r"^[a-z]+:|^/", href) and (folder / href).is_file(), f"{name}: {href}"
    for region in page.all("section"):
        assert region["aria-labelledby"] in page.ids


def test_the_summary_page_puts_the_care_team_first_then_the_urgent_signs(folder: Path) -> None:
    page = Page(folder / PAGES[0])
    texts = [t.strip() for t in page.texts if t.strip()]
    title = "My treatment: nivolumab and ipilimumab (Opdivo and Yervoy)"
    start = max(i for i, text in enumerate(texts) if text == title)  # the h1, after the title and breadcrumb
    assert texts[start + 1].startswith("Your care team's plan for you comes first.")
    assert texts[start + 2] == "EMERGENCY: call an ambulance or go to the emergency department now"
    assert texts.index("URGENT: call your care team now") < texts.index("What it is")
    assert [t for t in texts if t.startswith("Your care team's plan comes first.")]
    assert {"href": "topics/two-immunotherapies-together.html", "rel": "",
            "text": "Two immunotherapies together"} in page.links  # fmt: skip


def test_the_wallet_card_has_the_drug_its_signs_and_a_space_for_the_phone(folder: Path) -> None:
    page = Page(folder / PAGES[1])
    texts = " ".join(page.texts)
    assert "nivolumab and ipilimumab (Opdivo and Yervoy)" in texts
    assert "Chest pain or tightness" in texts and "Yellow skin or eyes, or dark urine" in texts
    assert "Care team phone number, written in by hand:" in texts
    assert [h for _, h in page.headings] == ["Wallet card: nivolumab and ipilimumab", "I am having immunotherapy",
                                             "My care team"]  # fmt: skip


def test_an_unknown_treatment_writes_nothing(tmp_path: Path) -> None:
    done = run("export", "treatment", "aspirin", "--to", str(tmp_path / "out"))
    no_traceback(done)
    assert done.returncode == 1 and "closest names" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_recording_is_made_by_the_speech_engine(tmp_path: Path) -> None:
    done = run("export", "treatment", "Yescarta", "--to", str(tmp_path))
    assert done.returncode == 0, done.stderr
    with wave.open(str(tmp_path / "treatment-axicabtagene-ciloleucel.wav"), "rb") as recording:
        assert recording.getnframes() / recording.getframerate() > 30


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations_and_pages_reflow(
    browser: Browser, axe_source: str, folder: Path, name: str, scheme: str
) -> None:
    browser.set_colour_scheme(scheme)
    browser.set_viewport(1280, 800)
    browser.open((folder / name).as_uri())
    assert browser.evaluate("document.title")
    assert browser.axe(axe_source) == []
    browser.set_viewport(320, 640)
    browser.open((folder / name).as_uri())
    width, viewport = browser.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= viewport
