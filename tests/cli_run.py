"""What the command-line tests share: the fixture library and the real command in a child process.

A module with its own name (not conftest) so imports never pick up another folder's conftest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .fixtures import FIXTURE_LIBRARY

FIXTURE = FIXTURE_LIBRARY
BROKEN = Path(__file__).resolve().parent / "content" / "broken"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m guide ARGS` exactly as a user would run it (no terminal: stdout is a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "guide", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout
