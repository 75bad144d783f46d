"""What the reader tests share: the fixture library and the real command in a child process.

A module with its own name (not conftest) so imports never pick up another folder's conftest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Its own library: the exact menus need a part with no topics, a third level and "&" in titles and terms.
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "en"


def run_read(script: bytes, *args: str, env: dict[str, str] | None = None,
             content: Path | None = FIXTURE_CONTENT) -> subprocess.CompletedProcess[bytes]:
    """`immunoguide read` with its input typed from a pipe; output kept as raw bytes to check every one."""
    command = [sys.executable, "-m", "guide", "read", *args]
    if content is not None:
        command += ["--content", str(content)]
    return subprocess.run(command, input=script, capture_output=True, timeout=60, check=False,
                          env={**os.environ, **(env or {})})
