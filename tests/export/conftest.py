"""Session fixtures for the export tests: an audio folder and the site the real command writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .export_run import FIXTURE_CONTENT, run_guide, write_wav


@pytest.fixture(scope="session")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `speak --all` leaves behind, for one topic only: colitis.wav plus a playlist."""
    folder = tmp_path_factory.mktemp("audio")
    write_wav(folder / "colitis.wav")
    (folder / "guide.m3u").write_text("#EXTM3U\ncolitis.wav\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, audio_dir: Path) -> Path:
    """The fixture library exported to HTML by the real command, with audio for one topic."""
    out = tmp_path_factory.mktemp("site")
    done = run_guide("export", "html", "--to", str(out), "--content", str(FIXTURE_CONTENT), "--audio", str(audio_dir))
    assert done.returncode == 0, done.stderr
    return out
