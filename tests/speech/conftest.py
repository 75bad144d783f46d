"""Shared fixtures for the speech tests: a small library with urgent blocks, units and drug names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guide.content.loader import load_library
from guide.content.model import Library
from guide.speech.players import RecordingPlayer
from guide.speech.service import EngineSpeechService

# Its own two-topic library: units, drug names and pronunciations to say, and few enough topics
# that speaking every one with the real engine stays quick.
FIXTURES = Path(__file__).parent / "fixtures" / "en"


@pytest.fixture(scope="session")
def library() -> Library:
    result = load_library(FIXTURES)
    assert result.library is not None, [p.format() for p in result.problems]
    return result.library


@pytest.fixture
def recorder() -> RecordingPlayer:
    """A sink that plays each real WAV in a tenth of its length, so reading a topic takes seconds."""
    return RecordingPlayer(time_scale=0.1)


@pytest.fixture
def service(recorder: RecordingPlayer) -> Iterator[EngineSpeechService]:
    svc = EngineSpeechService(recorder, enabled=True, hang_timeout=1.5)
    yield svc
    svc.close()
