"""No visitor audio outlives the guide (issue 17 item 7): the real service speaks, the guide is killed
(SIGTERM, SIGHUP, SIGKILL, or its terminal closed), and afterwards no file of the visit is left and
no engine or player of it is still running. Audio only ever passes by pipe; the replay cache is in
the guide's memory."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from guide.speech.service import engine_problem

pytestmark = [pytest.mark.slow, pytest.mark.skipif(engine_problem() is not None or shutil.which("setsid") is None,
                                                   reason="no espeak-ng or setsid")]

# A "player" that takes samples no faster than a sound card would (22,050 two-byte samples a second),
# so a player is still busy when the guide is killed, as it would be with a real device.
PACED = ("import sys, time\n"
         "while chunk := sys.stdin.buffer.read(4410):\n"
         "    time.sleep(len(chunk) / 44100)\n")

GUIDE = textwrap.dedent("""
    import json, sys, time
    from guide.speech.api import Utterance
    from guide.speech.players import SystemPlayer
    from guide.speech.service import EngineSpeechService
    service = EngineSpeechService(SystemPlayer("paced", (sys.executable, "-c", sys.argv[1])), enabled=True)
    said = "First: Pregnancy, breastfeeding and fertility. Tell your care team if you could be pregnant."
    service.read([Utterance(f"{said} {n}", f"{said} {n}") for n in range(20)])
    time.sleep(2.0)
    print(json.dumps({"engines": [p for p in service.engine_pids() if p], "kept": service.kept_sentences()}),
          flush=True)
    time.sleep(120)
""")


def children_of(parent: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                out.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return out


def live(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def speech_files() -> set[str]:
    shm = Path("/dev/shm")
    return {str(p) for p in shm.glob("immunoguide-speech-*")} if shm.is_dir() else set()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGKILL", "terminal closed"])
def test_killing_the_guide_leaves_no_audio_and_no_process_of_the_visit(how: str, tmp_path: Path) -> None:
    folder = tmp_path / "speech"
    folder.mkdir()
    before = speech_files()
    master, slave = os.openpty()
    # setsid -c: the guide leads its own session with the pty as its controlling terminal, as in a
    # terminal window; closing the pty's master is closing that window
    guide = subprocess.Popen(["setsid", "-c", sys.executable, "-c", GUIDE, PACED], stdin=slave, stdout=subprocess.PIPE,
                             stderr=slave, env={**os.environ, "TMPDIR": str(folder)})
    os.close(slave)
    try:
        assert guide.stdout is not None
        line = guide.stdout.readline()
        assert line, "the guide did not start speaking"
        state = json.loads(line)
        assert state["kept"] >= 1, "sentences were made and are kept for repeats"
        players = children_of(guide.pid)
        engines = state["engines"]
        assert engines and any(p not in engines for p in players), "engines and a player are running"
        assert list(folder.iterdir()) == [] and speech_files() == before, "no audio is a file even while speaking"
        if how == "terminal closed":
            os.close(master)
            master = -1
        else:
            guide.send_signal(getattr(signal, how))
        guide.wait(10)
        deadline = time.monotonic() + 5
        while any(live(p) for p in players + engines) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not [p for p in players + engines if live(p)], "every engine and player died with the guide"
        assert list(folder.iterdir()) == [], "nothing of the visit in its temporary folder"
        assert speech_files() == before, "nothing of the visit in /dev/shm"
    finally:
        if guide.poll() is None:
            guide.kill()
            guide.wait(5)
        if master >= 0:
            os.close(master)
