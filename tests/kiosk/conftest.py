"""Fixtures of the kiosk's Pilot tests: the bundled library, a fake clock, and a kiosk to drive."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.content.model import Library
from guide.kiosk.app import KioskApp, build_kiosk
from guide.kiosk.config import KioskConfig

from ..speech_fake import RecordingSpeech
from .fake_clock import FakeClock
from .kiosk_pilot import PIN_HASH, MakeKiosk


@pytest.fixture(scope="module")
def library() -> Library:
    return load_or_raise(bundled_content_dir() / "en")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_kiosk(library: Library, clock: FakeClock, tmp_path: Path) -> MakeKiosk:
    def make(**changes: object) -> tuple[KioskApp, RecordingSpeech]:
        config = replace(KioskConfig(path=tmp_path / "kiosk.yaml", idle_seconds=60, warning_seconds=30,
                                     pin_hash=PIN_HASH), **changes)  # type: ignore[arg-type]
        speech = RecordingSpeech(enabled=False)
        return build_kiosk(library, speech, config, clock=clock), speech

    return make
