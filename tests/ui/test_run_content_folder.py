"""`immunoguide run --content DIR`: "My treatment" reads the treatments of DIR, like the topics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import guide.ui.app
from guide.content.open import content_folder
from guide.ui import command

from ..fixtures import FIXTURE_LIBRARY


class _StubApp:
    treatments_folder: Path | None = None
    return_code = 0

    def run(self) -> None:
        """Nothing is drawn: the test only looks at what the app was given."""


@pytest.mark.parametrize("content", [str(FIXTURE_LIBRARY), None])
def test_my_treatment_reads_the_same_content_as_the_topics(
    content: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made: list[_StubApp] = []

    def build_app(*args: Any, **kwargs: Any) -> _StubApp:
        made.append(_StubApp())
        return made[-1]

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(guide.ui.app, "build_app", build_app)
    assert command.start(content, "en") == 0
    (app,) = made
    wanted = Path(content) if content else None
    assert app.treatments_folder == wanted
    # None means the bundled language folder, which is where the topics came from then.
    assert (app.treatments_folder or content_folder(None, "en")).is_dir()
