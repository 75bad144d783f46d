"""`immunoguide run` loads the content in a forked process while Textual is imported.

What a person would notice if this went wrong: different or missing topics, or broken
content that no longer explains itself. So: the library that crosses the pipe is the
library a normal load gives, and broken content still names the file, line and column.
"""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

from guide.content import rows
from guide.content.loader import bundled_content_dir, load_or_raise
from guide.ui.command import fork_content_loader, library_from

from ..fixtures import FIXTURE_LIBRARY

FIXTURE = FIXTURE_LIBRARY
BROKEN = Path(__file__).resolve().parents[1] / "content" / "broken"


def test_the_content_process_sends_the_same_library_as_a_normal_load() -> None:
    for root in (FIXTURE, bundled_content_dir() / "en"):
        sent = library_from(fork_content_loader(str(root), "en"))
        loaded = load_or_raise(root)
        # The repr names every class: the model's NamedTuples would also equal plain tuples.
        assert sent == loaded and repr(sent) == repr(loaded)


def test_a_failing_content_process_sends_nothing() -> None:
    assert library_from(fork_content_loader("/nonexistent/content/en", "en")) is None


def test_whatever_else_a_content_process_sends_is_ignored() -> None:
    """Nothing, half a message, or something that is not a library: the guide then loads the
    content itself (entry._run), so the person still gets the guide."""
    whole = marshal.dumps(rows.plain(load_or_raise(FIXTURE)))
    others = (b"", whole[: len(whole) // 2], b"\x00not marshal", marshal.dumps([1, 2]), marshal.dumps({"format": 1}))
    for payload in others:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # a stand-in content process
            os.close(read_end)
            os.write(write_end, payload)
            os._exit(0)
        os.close(write_end)
        assert library_from((pid, read_end)) is None, payload[:20]


def test_run_on_broken_content_still_names_the_file_line_and_column(tmp_path: Path) -> None:
    root = tmp_path / "en"
    shutil.copytree(FIXTURE, root)
    shutil.copy(BROKEN / "python-tag.yaml", root / "topics" / "python-tag.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "guide", "run", "--content", str(root)],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert "python-tag.yaml:5:8" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
