"""The speech service the guide starts with says drug names and abbreviations as the content says to."""

from __future__ import annotations

import pytest

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.settings import Settings
from guide.speech.players import PLAYER_ENV
from guide.speech.service import engine_problem
from guide.ui.command import make_speech


@pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed")
def test_the_started_service_uses_the_library_pronunciations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PLAYER_ENV, "null")  # this machine has no sound card
    library = load_or_raise(bundled_content_dir() / "en")
    speech = make_speech(Settings(), library)
    try:
        assert speech.available
        said = dict(getattr(speech, "pronunciations", ()))
        assert said == dict(library.pronunciations)
        assert said["PD-L1"] == "P D L 1"
    finally:
        speech.close()
