"""Start-up counted in instructions: the guide's main process against a minimal Textual app.

bench/startup.py times the real thing, but on a shared 2-core machine its ratio moves by
0.1 from run to run. This counts the instructions each program runs (valgrind's
callgrind) from process start until its first frame is written, which gives the same
figure every time, so a change of 1% can be seen. Both run for real in a
pseudo-terminal (the guide as its installed command starts it, bundled content, speech
off); a few lines added in front of each make it leave the moment that frame is
written. Only the guide's main process is counted: the content process it forks works
on the other core meanwhile (its count is printed too). Needs valgrind (Debian:
valgrind). Instructions are not time (an instruction's cost varies with what it
touches): in the runs so far the time ratio (bench/startup.py, median of paired runs)
has come out 0.01 to 0.07 below this one.

--phases also splits both counts at the same points (Python's own start, imports, the
content, making the app object, run up to on_mount, on_mount, the first frame), so a
change can be seen where it lands. Each point calls os.getppid(), where valgrind is
told to write a partial count (--dump-before=os_getppid); that needs a Python whose
symbols were not stripped (pyenv's builds keep them), and says so otherwise.

    python bench/startup_instructions.py [--json] [--phases]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import MINIMAL_APP, PtyApp, guide_env

LEAVE_AT_FIRST_FRAME = """
import os
from textual.app import App

_display = App._display


def _display_and_leave(self, screen, renderable):
    _display(self, screen, renderable)
    if renderable is not None and not self._batch_count and READY(self):
        os._exit(0)


App._display = _display_and_leave
"""
"""Leaves as soon as a frame with READY(app) true is written."""

MINIMAL_READY = "READY = lambda app: True\n"
PHASES = ["python start", "imports", "content", "app object", "run to on_mount", "on_mount", "first frame"]
"""Where --phases splits the counts: each os.getppid() below ends one of these (the exit ends the last)."""

MINIMAL_AT_FIRST_FRAME = """
import os
os.getppid()  # Python has started
from textual.app import App
from textual.widgets import Static
os.getppid()  # imports
os.getppid()  # content: the minimal app has none
exec(LEAVE, {})  # in the app object's phase, as in the guide's launcher


class Minimal(App):
    def compose(self):
        yield Static("Minimal app ready")

    def on_mount(self):
        os.getppid()  # run to on_mount
        os.getppid()  # on_mount: nothing


app = Minimal()
os.getppid()  # app object
app.run()
"""
"""The minimal app of bench/startup.py, with the same split points as the guide's launcher."""
assert all(line.strip() in MINIMAL_AT_FIRST_FRAME for line in MINIMAL_APP.splitlines() if "run()" not in line), (
    "MINIMAL_AT_FIRST_FRAME must stay the app of bench/startup.py"
)
GUIDE_READY = "READY = lambda app: bool(app.reading_pane.blocks)  # the start page is on screen\n"

GUIDE_AT_FIRST_FRAME = """
import os
import sys
os.getppid()  # Python has started
import guide.ui.command as entry

_library_from = entry.library_from


def _library_then_patch(child):
    os.getppid()  # imports (and settings, and forking the content process)
    library = _library_from(child)  # Textual is imported by now: patch it without importing it early
    os.getppid()  # content
    exec(LEAVE, {})
    from guide.ui.app import GuideApp

    # Textual calls the on_mount of every class in the app's MRO that defines one, so the wrapper
    # replaces it in the class that defines it: put on a subclass, it would run the guide's twice.
    mounting = next(cls for cls in GuideApp.__mro__ if "on_mount" in vars(cls))
    made, mounted = GuideApp.__init__, mounting.on_mount

    def made_then_mark(self, *args, **kwargs):
        made(self, *args, **kwargs)
        os.getppid()  # app object

    async def mounted_between_marks(self):
        os.getppid()  # run to on_mount
        await mounted(self)
        os.getppid()  # on_mount

    GuideApp.__init__, mounting.on_mount = made_then_mark, mounted_between_marks
    return library


entry.library_from = _library_then_patch
from guide.cli import main
sys.argv[1:] = ["run"]
sys.exit(main())
"""
"""The guide's launcher (as bench/startup.py), patched only once its own imports are done."""


def count(script: Path, env: dict[str, str], label: str, folder: Path, phases: bool = False) -> list[int]:
    """Instructions of each process, the first started first (callgrind names files by pid)."""
    log = folder / f"{label}.log"
    command = [
        "valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/{label}.%p", f"--log-file={log}",
        *(["--dump-before=os_getppid"] if phases else []), sys.executable, str(script),
    ]
    app = PtyApp(command, {**env, "PYTHONHASHSEED": "0"})
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        done, _ = os.waitpid(app.pid, os.WNOHANG)
        if done:
            break
        app._read(0.2)
    else:
        app.close()
        raise TimeoutError(f"{label} did not reach its first frame under valgrind")
    os.close(app.fd)
    found = re.findall(r"==(\d+)== Collected : ([\d,]+)", log.read_text())
    return [int(n.replace(",", "")) for _, n in sorted(found, key=lambda pair: int(pair[0]))]


def phase_counts(folder: Path, label: str) -> list[int] | None:
    """The main process's count split at each os.getppid() (None if valgrind wrote no split)."""
    main_pid = min(int(p.name.split(".")[1]) for p in folder.glob(f"{label}.*") if p.name.split(".")[1].isdigit())
    parts: dict[int, int] = {}
    for dump in folder.glob(f"{label}.{main_pid}*"):
        number = dump.name.split(".")[2] if dump.name.count(".") == 2 else None
        total = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.MULTILINE)
        if total:
            parts[int(number) if number else len(PHASES)] = int(total.group(1))
    if len(parts) != len(PHASES):
        return None
    return [parts[n] for n in sorted(parts)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--phases", action="store_true", help="also split both counts at the same points")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is needed (Debian: apt-get install valgrind).", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        guide_script = folder / "guide_first_frame.py"
        guide_script.write_text(f"LEAVE = {GUIDE_READY + LEAVE_AT_FIRST_FRAME!r}\n{GUIDE_AT_FIRST_FRAME}")
        minimal_script = folder / "minimal_first_frame.py"
        minimal_script.write_text(f"LEAVE = {MINIMAL_READY + LEAVE_AT_FIRST_FRAME!r}\n{MINIMAL_AT_FIRST_FRAME}")
        bytecode = {"PYTHONPYCACHEPREFIX": str(folder / "bytecode")}
        guide_start = {**guide_env(str(folder / "config")), **bytecode}
        minimal_start = {"TERM": "xterm-256color", **bytecode}
        count(guide_script, guide_start, "warm-guide", folder)  # bytecode for both, then count
        count(minimal_script, minimal_start, "warm-minimal", folder)
        guide = count(guide_script, guide_start, "guide", folder, args.phases)
        minimal = count(minimal_script, minimal_start, "minimal", folder, args.phases)
        split = (phase_counts(folder, "guide"), phase_counts(folder, "minimal")) if args.phases else None
    result: dict[str, object] = {
        "guide_main_process_instructions": guide[0],
        "guide_content_process_instructions": guide[1] if len(guide) > 1 else None,
        "minimal_textual_app_instructions": minimal[0],
        "ratio": round(guide[0] / minimal[0], 3),
        "target_ratio": 1.3,
        "python": sys.version.split()[0],
    }
    rows: list[tuple[str, int, int]] = []
    if split is not None:
        guide_phases, minimal_phases = split
        if guide_phases is None or minimal_phases is None:
            print("No split counts: valgrind found no os_getppid in this Python (its symbols are stripped).",
                  file=sys.stderr)
            return 2
        rows = list(zip(PHASES, guide_phases, minimal_phases, strict=True))
        result["phases"] = [{"phase": name, "guide": g, "minimal": m} for name, g, m in rows]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"guide {guide[0] / 1e6:.0f}M instructions to its first screen, minimal Textual app "
            f"{minimal[0] / 1e6:.0f}M, ratio {result['ratio']} (target <= 1.3)"
        )
        for name, g, m in rows:
            print(f"  {name:16} guide {g / 1e6:7.1f}M  minimal {m / 1e6:7.1f}M  difference {(g - m) / 1e6:+7.1f}M")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
