"""Key press to repaint when opening a topic: the time from writing "n" (next topic) to a terminal
until a frame writes the new topic's path on the header row. Median of 100.

The guide runs for real in a pseudo-terminal (bundled content, speech off), so the
figure includes key decoding, the action, mounting the topic and Textual's write.

    python bench/repaint.py [--presses 100] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import GUIDE_READY, PtyApp, guide_command, guide_env

from guide.content.loader import load_or_raise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    library = load_or_raise(None)
    order = list(library.reading_order())
    with tempfile.TemporaryDirectory() as tmp:
        app = PtyApp(guide_command(Path(tmp)), guide_env(tmp))
        try:
            app.wait_for(GUIDE_READY)
            times: list[float] = []
            position = -1  # the start page
            step = 1
            for _ in range(args.presses):
                if not 0 <= position + step < len(order):
                    step = -step
                position += step
                topic = order[position]
                expected = library.breadcrumb(topic.id) if topic.parent else topic.title
                app.drain()  # a person reads before the next key: the last topic has finished drawing
                sent = app.send(b"n" if step > 0 else b"p")
                times.append(app.wait_for_row(1, expected) - sent)
        finally:
            app.close()
    ms = sorted(t * 1000 for t in times)
    result = {
        "presses": len(ms),
        "topics": len(order),
        "key_to_repaint_median_ms": round(statistics.median(ms), 1),
        "key_to_repaint_p90_ms": round(ms[int(len(ms) * 0.9) - 1], 1),
        "key_to_repaint_min_ms": round(ms[0], 1),
        "key_to_repaint_max_ms": round(ms[-1], 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"key press to repaint (open topic): median {result['key_to_repaint_median_ms']} ms "
            f"(p90 {result['key_to_repaint_p90_ms']} ms) over {len(ms)} presses"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
