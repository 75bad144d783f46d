"""deploy/: the systemd units pass `systemd-analyze verify`, and the session wrapper
restarts the guide after a crash and lets only a staff exit end it."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
WRAPPER = DEPLOY / "immunoguide-kiosk-session"
UNITS = sorted(DEPLOY.glob("*.service"))

needs_systemd = pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")


def test_there_are_console_graphical_and_browser_units() -> None:
    names = {unit.name for unit in UNITS}
    assert {"immunoguide-kiosk.service", "immunoguide-cage.service", "immunoguide-serve.service",
            "immunoguide-browser.service"} <= names


@needs_systemd
@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.name)
def test_unit_passes_systemd_analyze_verify(unit: Path, tmp_path: Path) -> None:
    """Verify the unit as shipped; only programs not installed on this machine (cage, the
    installed wrapper) are pointed at stand-ins, since verify insists they exist."""
    text = unit.read_text()
    stub = tmp_path / "stand-in"
    stub.write_text("#!/bin/sh\n")
    stub.chmod(0o755)
    for program in set(re.findall(r"^ExecStart=(\S+)", text, re.MULTILINE)):
        if program == "/usr/local/bin/immunoguide-kiosk-session":
            text = text.replace(program, str(WRAPPER))
        elif not os.access(program, os.X_OK):
            text = text.replace(program, str(stub))
    copy = tmp_path / unit.name
    copy.write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "" and result.stderr.strip() == "", result.stdout + result.stderr


def test_kiosk_units_restart_always_except_after_staff_exit() -> None:
    for name in ("immunoguide-kiosk.service", "immunoguide-cage.service"):
        text = (DEPLOY / name).read_text()
        assert "Restart=always" in text
        assert "RestartPreventExitStatus=10" in text
        assert "ExecStart=" in text and "immunoguide-kiosk-session" in text
        assert "ProtectHome=read-only" in text  # nothing about a visitor can be written to a home


def fake_guide(tmp_path: Path, statuses: list[int]) -> Path:
    """A stand-in `immunoguide` that exits with the next status on each run and logs its arguments."""
    state = tmp_path / "runs"
    script = tmp_path / "immunoguide"
    codes = " ".join(str(s) for s in statuses)
    script.write_text(
        "#!/bin/sh\n"
        'case "$*" in *--show-config*) exit 0;; esac\n'  # the wrapper's config check before each run
        f'echo "$*" >> {state}\n'
        f'n=$(wc -l < {state}); set -- {codes}; shift $((n - 1)); exit "$1"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_wrapper_restarts_after_a_crash_and_ends_only_on_staff_exit(tmp_path: Path) -> None:
    guide = fake_guide(tmp_path, [1, 139, 0, 10])
    env = {**os.environ, "IMMUNOGUIDE": str(guide), "IMMUNOGUIDE_RESTART_DELAY": "0.1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(WRAPPER), "--idle-seconds", "60"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 10
    runs = (tmp_path / "runs").read_text().splitlines()
    assert runs == ["kiosk --idle-seconds 60"] * 4  # crash, segfault, plain exit: each started again
    assert "starting again" in result.stdout
    assert result.stdout.rstrip().endswith("The kiosk was closed by staff.")
    assert "\x1b[3J" in result.stdout  # scrollback cleared: nothing left of the last visitor
