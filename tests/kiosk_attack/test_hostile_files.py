"""Files a visitor or a careless install could leave in the kiosk's way: a FIFO, a device,
a huge or deeply nested file. Each is refused at once with the defaults, never a hang or crash."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from guide.kiosk.config import load_config
from guide.settings import Settings, load_settings


def finishes_quickly(work: object, seconds: float = 3.0) -> bool:
    assert callable(work)
    done = threading.Thread(target=work, daemon=True)  # a FIFO would block this thread, not the test
    started = time.monotonic()
    done.start()
    done.join(seconds)
    return not done.is_alive() and time.monotonic() - started < seconds


def test_a_fifo_as_the_kiosk_config_gives_the_defaults_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.yaml"
    os.mkfifo(fifo)
    results = []
    assert finishes_quickly(lambda: results.append(load_config(fifo)))
    assert results[0].problems and "regular file" in results[0].problems[0].format()


def test_a_device_behind_a_symlink_as_the_kiosk_config(tmp_path: Path) -> None:
    link = tmp_path / "kiosk.yaml"
    link.symlink_to("/dev/zero")
    results = []
    assert finishes_quickly(lambda: results.append(load_config(link)))
    assert results[0].problems


@pytest.mark.parametrize("content", ["[" * 200_000, "[" * 100_000 + "]" * 100_000, "[" * 5000 + "]" * 5000,
                                     '{"theme": ' * 3000])
def test_a_huge_or_deep_settings_file_gives_the_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    settings, problem = load_settings(path)
    assert settings == Settings() and problem


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_settings_file_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "settings.json"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    results = []
    assert finishes_quickly(lambda: results.append(load_settings(path)))
    assert results[0][0] == Settings() and results[0][1]


@pytest.mark.parametrize("command", ["validate", "topics"])
def test_a_fifo_among_the_topics_is_reported_not_waited_on(tmp_path: Path, command: str) -> None:
    import shutil
    import subprocess
    import sys

    content = tmp_path / "en"
    shutil.copytree(Path(__file__).parents[2] / "content" / "en", content)
    os.mkfifo(content / "topics" / "zz-pipe.yaml")
    argv = [sys.executable, "-m", "guide", command, *([str(content)] if command == "validate" else
                                                       ["--content", str(content)])]
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(argv, capture_output=True, text=True, timeout=30, env=env)
    assert "zz-pipe.yaml" in result.stdout + result.stderr
    assert "not a regular file" in result.stdout + result.stderr
