"""Key press to repaint in the guide against a minimal Textual app, both in a pseudo-terminal, same run.

Opening a topic: the time from writing "n" (next topic) or "p" until a frame writes the
new topic's path on the header row. Page Down: in the longest topic, the time from the
key until the first frame that redraws at least half the screen's rows. The minimal app
shows the same topics' text in one Static under a one-line header (what a single
text widget costs); the guide runs for real (bundled content, speech off), so its
figure includes key decoding, the action, laying out the topic and Textual's write.
The pseudo-terminal answers Textual's query for synchronized output, as a modern
terminal does, so each frame arrives whole between its begin and end marks.
The two run side by side and take each key in turn (the order alternating), so the
machine's drift hits both alike. Median and p90 of --presses each.
Target: open median <= 1.5x the minimal app and <= 33 ms.

    python bench/repaint.py [--presses 100] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import GUIDE_READY, PtyApp, guide_command, guide_env

from guide.content.document import topic_blocks
from guide.content.loader import load_or_raise
from guide.content.model import Library, Topic

MINIMAL_APP = """
import json, sys
from textual.app import App
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

TOPICS = json.loads(open(sys.argv[1]).read())

class Minimal(App):
    CSS = "#crumb { dock: top; height: 1; } #body { height: auto; }"
    BINDINGS = [("n", "step(1)"), ("p", "step(-1)")]

    def compose(self):
        yield Static(Content("Start"), id="crumb")
        with VerticalScroll(id="scroll"):
            yield Static(Content("Minimal app ready"), id="body")

    def on_mount(self):
        self.position = -1
        self.query_one("#scroll").focus()

    def action_step(self, step):
        self.position += step
        topic = TOPICS[self.position]
        self.query_one("#crumb", Static).update(Content(topic["crumb"]))
        self.query_one("#body", Static).update(Content(topic["text"]))
        self.query_one("#scroll").scroll_home(animate=False)

Minimal().run()
"""
MINIMAL_READY = "Minimal app ready"
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = b"\x1b[?2026;2$y"
"""DECRPM: mode 2026 (synchronized output) is known and reset, so Textual wraps its frames in it."""
FRAME = re.compile(rb"\x1b\[\?2026h(.*?)\x1b\[\?2026l", re.DOTALL)
ROW_MOVE = re.compile(rb"\x1b\[(\d+);\d+H")
PAGE_RUN = 3
"""Page Down this many times, then Page Up as many: the longest topic is longer than that."""


class Terminal(PtyApp):
    """A PtyApp that answers the synchronized-output query, so frames can be told apart."""

    def _read(self, timeout: float) -> bool:
        before = len(self.raw)
        alive = super()._read(timeout)
        if SYNC_QUERY in self.raw[max(0, before - len(SYNC_QUERY)) :]:
            os.write(self.fd, SYNC_SUPPORTED)
        return alive

    def wait_for_frame(self, rows: int, timeout: float = 10.0) -> float:
        """perf_counter time when a whole frame redrawing at least ``rows`` screen rows has arrived."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self._read(0.05):
            for frame in FRAME.finditer(self.raw):
                if len({m.group(1) for m in ROW_MOVE.finditer(frame.group(1))}) >= rows:
                    return time.perf_counter()
        raise TimeoutError(f"no frame redrawing {rows} rows; last output: {self.text[-300:]!r}")


def crumb(library: Library, topic: Topic) -> str:
    return library.breadcrumb(topic.id) if topic.parent else topic.title


def open_times(apps: list[Terminal], library: Library, presses: int) -> list[list[float]]:
    """Next/previous topic, back and forth through the reading order from the start page, in each
    app in turn (the order alternating), so both meet the machine in the same state."""
    order = list(library.reading_order())
    times: list[list[float]] = [[] for _ in apps]
    position, step = -1, 1
    for press in range(presses):
        if not 0 <= position + step < len(order):
            step = -step
        position += step
        for number in _turns(len(apps), press):
            app = apps[number]
            app.drain()  # a person reads before the next key: the last topic has finished drawing
            sent = app.send(b"n" if step > 0 else b"p")
            times[number].append(app.wait_for_row(1, crumb(library, order[position])) - sent)
    return times


def page_times(apps: list[Terminal], library: Library, longest: int, presses: int, rows: int) -> list[list[float]]:
    """Page Down then Page Up, PAGE_RUN of each, in the longest topic (opened with n from the start)."""
    order = list(library.reading_order())
    for app in apps:
        for position in range(longest + 1):
            app.drain()
            app.send(b"n")
            app.wait_for_row(1, crumb(library, order[position]))
    times: list[list[float]] = [[] for _ in apps]
    for press in range(presses):
        down = (press // PAGE_RUN) % 2 == 0
        for number in _turns(len(apps), press):
            app = apps[number]
            app.drain()
            sent = app.send(b"\x1b[6~" if down else b"\x1b[5~")
            times[number].append(app.wait_for_frame(rows) - sent)
    return times


def _turns(count: int, press: int) -> list[int]:
    """The apps' order for this press: alternating, so neither always goes first."""
    return list(range(count)) if press % 2 == 0 else list(reversed(range(count)))


def summary(times: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in times)
    return {
        "median_ms": round(statistics.median(ms), 1),
        "p90_ms": round(ms[int(len(ms) * 0.9) - 1], 1),
        "min_ms": round(ms[0], 1),
        "max_ms": round(ms[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    library = load_or_raise(None)
    order = list(library.reading_order())
    texts = ["\n\n".join(b.text for b in topic_blocks(t, library)) for t in order]
    longest = max(range(len(order)), key=lambda i: len(texts[i]))
    lines = 40
    result: dict[str, object] = {"presses": args.presses, "topics": len(order), "longest_topic": order[longest].id}
    with tempfile.TemporaryDirectory() as tmp:
        topics = Path(tmp) / "topics.json"
        topics.write_text(
            json.dumps([{"crumb": crumb(library, t), "text": x} for t, x in zip(order, texts, strict=True)])
        )
        minimal_script = Path(tmp) / "minimal_app.py"
        minimal_script.write_text(MINIMAL_APP)
        commands = [
            (guide_command(Path(tmp)), guide_env(tmp), GUIDE_READY),
            ([sys.executable, str(minimal_script), str(topics)], {"TERM": "xterm-256color"}, MINIMAL_READY),
        ]
        for measure in ("open", "page_down"):
            apps = [Terminal(command, env, lines=lines) for command, env, _ready in commands]
            try:
                for app, (_command, _env, ready) in zip(apps, commands, strict=True):
                    app.wait_for(ready)
                if measure == "open":
                    guide, minimal = open_times(apps, library, args.presses)
                else:
                    guide, minimal = page_times(apps, library, longest, args.presses, lines // 2)
                result[f"guide_{measure}"], result[f"minimal_{measure}"] = summary(guide), summary(minimal)
            finally:
                for app in apps:
                    app.close()
    guide_open, minimal_open = result["guide_open"], result["minimal_open"]
    assert isinstance(guide_open, dict) and isinstance(minimal_open, dict)
    result["open_ratio"] = round(guide_open["median_ms"] / minimal_open["median_ms"], 2)
    result["target"] = "open median <= 1.5x minimal and <= 33 ms"
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        guide_page = result["guide_page_down"]
        assert isinstance(guide_page, dict)
        print(
            f"open topic: guide median {guide_open['median_ms']} ms (p90 {guide_open['p90_ms']}), minimal app "
            f"{minimal_open['median_ms']} ms, ratio {result['open_ratio']}; page down: guide median "
            f"{guide_page['median_ms']} ms (p90 {guide_page['p90_ms']}); {args.presses} presses each"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
