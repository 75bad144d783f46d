"""Signals a visitor or the system can send: SIGTSTP never stops the kiosk, a stopped kiosk
is treated as dead by its wrapper, and the wrapper's runtime folder keeps the PIN lock-out
across a crash and goes when the wrapper ends."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .terminal import ATTRACT, Terminal, isolated_env, kiosk_command, on_kiosk_screen

WRAPPER = Path(__file__).resolve().parents[2] / "deploy" / "immunoguide-kiosk-session"


def fake_guide(tmp_path: Path, runs: list[str]) -> Path:
    """A stand-in `immunoguide kiosk` that runs the next shell snippet on each start."""
    log = tmp_path / "runs"
    cases = "\n".join(f"  {n}) {body};;" for n, body in enumerate(runs, start=1))
    script = tmp_path / "immunoguide"
    script.write_text(
        "#!/bin/sh\n"
        'case "$*" in *--show-config*) exit 0;; esac\n'
        f'echo run >> {log}; n=$(wc -l < {log})\n'
        f'case "$n" in\n{cases}\n  *) exit 10;;\nesac\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def run_wrapper(tmp_path: Path, guide: Path, runtime: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IMMUNOGUIDE": str(guide), "IMMUNOGUIDE_RESTART_DELAY": "0.1",
           "IMMUNOGUIDE_POLL_SECONDS": "0.1", "RUNTIME_DIRECTORY": str(runtime), "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(WRAPPER)], capture_output=True, text=True, env=env, timeout=60)


def test_a_stopped_guide_is_treated_as_dead_and_started_again(tmp_path: Path) -> None:
    guide = fake_guide(tmp_path, ['kill -STOP $$; exit 0'])
    result = run_wrapper(tmp_path, guide, tmp_path)
    assert result.returncode == 10  # the second run's staff exit: the stopped one did not hold it
    assert (tmp_path / "runs").read_text().count("run") == 2


@pytest.mark.parametrize("ending", ["kill -KILL $$", "kill -TERM $$", "kill -HUP $$", "exit 1"])
def test_the_lockout_folder_outlives_a_crash_and_goes_with_the_wrapper(tmp_path: Path, ending: str) -> None:
    """Run by hand (no systemd RuntimeDirectory=), the wrapper makes the runtime folder: the
    next run after any exit finds what the last one kept there (the PIN lock-out, so a crash
    gives no extra tries), and the folder is gone when the wrapper ends."""
    kept = '"$IMMUNOGUIDE_RUNTIME_DIR/pin-lockout"'
    seen = tmp_path / "seen"
    first = f'echo "$IMMUNOGUIDE_RUNTIME_DIR" > {tmp_path / "folder"}; echo 5 > {kept}; {ending}'
    second = f"cat {kept} > {seen}; exit 10"
    guide = fake_guide(tmp_path, [first, second])
    env = {**os.environ, "IMMUNOGUIDE": str(guide), "IMMUNOGUIDE_RESTART_DELAY": "0.1",
           "IMMUNOGUIDE_POLL_SECONDS": "0.1", "XDG_RUNTIME_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    env.pop("RUNTIME_DIRECTORY", None)
    env.pop("IMMUNOGUIDE_RUNTIME_DIR", None)
    result = subprocess.run([str(WRAPPER)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 10
    assert seen.read_text().strip() == "5"  # the second run saw the first's lock-out
    folder = Path((tmp_path / "folder").read_text().strip())
    assert folder.parent == tmp_path and not folder.exists()


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    config = tmp_path / "kiosk.yaml"
    config.write_text("speech: false\n")
    status = tmp_path / "status"
    command = f"sh -c '{kiosk_command(config)}; echo $? > {status}; sleep 60'"
    terminal = Terminal(command, isolated_env(tmp_path))
    try:
        assert terminal.wait_for(ATTRACT, 60), terminal.screen()
        yield terminal, status
    finally:
        terminal.close()


def kiosk_pid(terminal: Terminal) -> int:
    shell = terminal.pane_pid()
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    return int(children[0])


def state_of(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rpartition(") ")[2][0]


@pytest.mark.slow
def test_sigtstp_sigttin_sigttou_do_not_stop_the_kiosk(kiosk: tuple[Terminal, Path]) -> None:
    terminal, _ = kiosk
    pid = kiosk_pid(terminal)
    for number in (signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        os.kill(pid, number)
    terminal.send("C-z")
    time.sleep(1)
    assert state_of(pid) not in "Tt"
    terminal.send("a")  # still in raw mode, still the kiosk: the key wakes it, nothing echoed
    assert terminal.wait_for(lambda s: ATTRACT not in s and on_kiosk_screen(s), 15), terminal.screen()


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_ends_the_kiosk_with_a_status_that_is_not_success(kiosk: tuple[Terminal, Path],
                                                                   number: int) -> None:
    terminal, status = kiosk
    os.kill(kiosk_pid(terminal), number)
    deadline = time.monotonic() + 15
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert status.read_text().strip() == str(128 + number)
