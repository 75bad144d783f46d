"""What the reader tests share: the shared fixture library and the real command in a child process.

A module with its own name (not conftest) so imports never pick up another folder's conftest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..fixtures import FIXTURE_LIBRARY

# The menus below need its part with no topics (practical), its third level and its "&" in titles and terms.
FIXTURE_CONTENT = FIXTURE_LIBRARY


def run_read(script: bytes, *args: str, env: dict[str, str] | None = None,
             content: Path | None = FIXTURE_CONTENT) -> subprocess.CompletedProcess[bytes]:
    """`immunoguide read` with its input typed from a pipe; output kept as raw bytes to check every one."""
    command = [sys.executable, "-m", "guide", "read", *args]
    if content is not None:
        command += ["--content", str(content)]
    return subprocess.run(command, input=script, capture_output=True, timeout=60, check=False,
                          env={**os.environ, **(env or {})})
