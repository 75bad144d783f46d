"""My treatment in the kiosk: wiped at reset, never kept, printed by staff or shown large to photograph."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.content.model import Library
from guide.kiosk.app import KioskApp, build_kiosk
from guide.kiosk.config import KioskConfig, load_config
from guide.kiosk.printing import print_lines
from guide.kiosk.screens import AttractScreen, PinScreen, StaffScreen
from guide.ui.history import START
from guide.ui.screens.treatment import TreatmentCardScreen, TreatmentScreen

from ..kiosk.fake_clock import FakeClock
from ..kiosk.kiosk_pilot import PIN, PIN_HASH, SIZE, until
from ..speech_fake import RecordingSpeech


@pytest.fixture(scope="module")
def library() -> Library:
    return load_or_raise(bundled_content_dir() / "en")


def kiosk(library: Library, tmp_path: Path, clock: FakeClock, **changes: Any) -> KioskApp:
    config = replace(KioskConfig(path=tmp_path / "kiosk.yaml", idle_seconds=60, warning_seconds=30,
                                 pin_hash=PIN_HASH), **changes)  # fmt: skip
    return build_kiosk(library, RecordingSpeech(enabled=False), config, clock=clock)


def toasts(app: KioskApp) -> str:
    return " ".join(str(t.render()) for t in app.screen.query("Toast"))


async def open_keytruda(pilot: Pilot[Any], app: KioskApp) -> None:
    await pilot.pause(0.3)
    await pilot.press("space")  # the visitor wakes the attract screen
    assert await until(pilot, lambda: not isinstance(app.screen, AttractScreen))
    await pilot.press("m")
    assert await until(pilot, lambda: isinstance(app.screen, TreatmentScreen))
    await pilot.press(*"keytruda", "enter")
    assert await until(pilot, lambda: app.shown_document == "treatment-pembrolizumab")


async def test_the_choice_is_wiped_at_reset_and_never_kept(library: Library, tmp_path: Path) -> None:
    clock = FakeClock()
    app = kiosk(library, tmp_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_keytruda(pilot, app)
        assert await until(pilot, lambda: "Press F5 to show it large" in toasts(app))  # how to take it home
        clock.now += 60 + 30 + 0.5  # the visitor walks away
        assert await until(pilot, lambda: isinstance(app.screen, AttractScreen))
        assert await until(pilot, lambda: app.shown_document == "start")
        assert app.voicing.documents == {} and app.history.places == [START]
        await pilot.press("space")
        assert await until(pilot, lambda: not isinstance(app.screen, AttractScreen))
        await pilot.press("m")
        assert await until(pilot, lambda: isinstance(app.screen, TreatmentScreen))
        screen = app.screen
        await pilot.pause(0.3)
        assert not screen.query("#treatment-remember")  # no offer to remember
        assert screen.query_one("#treatment-matches", OptionList).option_count == 0  # nothing from before
        await pilot.press("f4", *"opdivo", "enter")  # F4 keeps nothing here
        assert await until(pilot, lambda: app.shown_document == "treatment-nivolumab")
    assert app.settings.treatment is None
    assert list(tmp_path.iterdir()) == []  # no settings file, no summary, nothing written


async def test_without_a_printer_f5_shows_the_urgent_signs_large(library: Library, tmp_path: Path) -> None:
    app = kiosk(library, tmp_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await open_keytruda(pilot, app)
        await pilot.press("f5")
        assert await until(pilot, lambda: isinstance(app.screen, TreatmentCardScreen))
        shown = [str(w.render()) for w in app.screen.query(Static)]
        assert shown[0].startswith("Pembrolizumab (Keytruda")
        assert shown.index("Your care team's plan for you comes first.") < next(
            i for i, s in enumerate(shown) if s.startswith("EMERGENCY")
        )
        assert any("phone number" in s for s in shown)
        await pilot.press("f12", "f12", "f12")
        assert await until(pilot, lambda: isinstance(app.screen, PinScreen))
        await pilot.press(*PIN, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StaffScreen))
        ids = [o.id for o in app.screen.query_one("#staff-choices", OptionList).options]
        assert "print" not in ids  # no printer configured


def fake_lp(folder: Path) -> Path:
    """An `lp` that keeps what it was sent, so the test sees the printed page."""
    folder.mkdir()
    script = folder / "lp"
    script.write_text(f'#!/bin/sh\necho "$@" > {folder}/args\ncat > {folder}/page\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


async def test_staff_print_the_summary_on_the_configured_printer(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spool = fake_lp(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{spool}{os.pathsep}{os.environ['PATH']}")
    app = kiosk(library, tmp_path / "kiosk", FakeClock(), printer="ward_3")
    async with app.run_test(size=SIZE) as pilot:
        await open_keytruda(pilot, app)
        await pilot.press("f12", "f12", "f12")
        assert await until(pilot, lambda: isinstance(app.screen, PinScreen))
        await pilot.press(*PIN, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StaffScreen))
        options = app.screen.query_one("#staff-choices", OptionList)
        assert options.get_option_at_index(0).id == "print"
        await pilot.press("enter")
        assert await until(pilot, lambda: (spool / "page").exists() and "sent to the printer" in app.status_line.status)
    page = (spool / "page").read_text()
    assert page.startswith("My treatment: pembrolizumab") and "EMERGENCY" in page
    assert page.index("EMERGENCY") < page.index("How it is given")
    assert "-d ward_3" in (spool / "args").read_text()


def test_a_failing_or_missing_printer_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    class Failed:
        returncode = 1
        stderr = "lp: The printer or class does not exist.\n"

    monkeypatch.setattr("guide.kiosk.printing.shutil.which", lambda name: f"/usr/bin/{name}")
    assert print_lines("nowhere", "t", ["x"], run=lambda *a, **k: Failed()) == (
        False,
        "The summary could not be printed: lp: The printer or class does not exist.",
    )
    monkeypatch.setattr("guide.kiosk.printing.shutil.which", lambda name: None)
    sent, message = print_lines("ward_3", "t", ["x"])
    assert not sent and "lp command is not installed" in message


@pytest.mark.parametrize(("written", "printer"), [("ward_3", "ward_3"), ("default", "default"),
                                                  ("'-o evil'", None), ("null", None)])  # fmt: skip
def test_the_printer_setting(tmp_path: Path, written: str, printer: str | None) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text(f"printer: {written}\n")
    config = load_config(path)
    assert config.printer == printer
    assert bool(config.problems) == (written == "'-o evil'")
