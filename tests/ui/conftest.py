from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from guide.content.loader import load_or_raise
from guide.content.model import Library
from guide.settings import Settings
from guide.ui.app import GuideApp, build_app

from ..fixtures import FIXTURE_LIBRARY
from ..speech_fake import RecordingSpeech


@pytest.fixture(scope="session")
def library() -> Library:
    """The shared library (test_snapshots.py overrides this with its frozen one)."""
    return load_or_raise(FIXTURE_LIBRARY)


@pytest.fixture
def speech() -> RecordingSpeech:
    return RecordingSpeech(enabled=True)


@pytest.fixture
def make_app(library: Library, tmp_path: Path) -> Callable[..., GuideApp]:
    def make(speech: RecordingSpeech | None = None, settings: Settings | None = None, **kwargs: object) -> GuideApp:
        return build_app(
            library,
            speech or RecordingSpeech(enabled=False),
            settings or Settings(),
            settings_path=tmp_path / "settings.json",
            **kwargs,  # type: ignore[arg-type]
        )

    return make
