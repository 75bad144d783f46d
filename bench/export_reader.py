"""How long the take-home exports and the plain reader take, on the bundled guide and a generated one.

Baseline: rendering every topic as plain text in memory (what `show` does), in the
same run, so the ratios say what writing files and HTML cost on top of that.

    python bench/export_reader.py [--topics 1000] [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.content.model import Library
from guide.content.plaintext import topic_text
from guide.copies.html import write_site
from guide.copies.text import write_text_export
from guide.line_reader import LineReader


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(library: Library, repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        baseline = median_seconds(lambda: [topic_text(t, library) for t in library.topics], repeat)
        html = median_seconds(lambda: write_site(library, Path(tmp, "html")), repeat)
        text = median_seconds(lambda: write_text_export(library, Path(tmp, "text")), repeat)
    script = "rash\n1\nthe runs\n1\nb\nb\n2\n1\n"

    def read_session() -> None:
        LineReader(library, io.StringIO(script), io.StringIO(), pager=False).run()

    reader = median_seconds(read_session, repeat)
    return {
        "topics": len(library.topics),
        "plain_text_all_topics_s": round(baseline, 5),
        "export_html_s": round(html, 5),
        "export_text_s": round(text, 5),
        "export_html_ms_per_topic": round(1000 * html / len(library.topics), 3),
        "html_vs_plain_ratio": round(html / baseline, 2),
        "text_vs_plain_ratio": round(text / baseline, 2),
        "reader_session_8_commands_s": round(reader, 5),
    }


def reader_start_seconds(repeat: int) -> float:
    """The real command from a pipe: start, print the main menu, quit at end of input."""
    return median_seconds(
        lambda: subprocess.run([sys.executable, "-m", "guide", "read"], input=b"", capture_output=True, check=True),
        repeat,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topics", type=int, default=1000, help="size of the generated library (0: skip it)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, object] = {
        "bundled": measure(load_or_raise(bundled_content_dir() / "en"), args.repeat),
        "reader_command_start_s": round(reader_start_seconds(args.repeat), 4),
    }
    if args.topics:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [sys.executable, str(Path(__file__).with_name("make_library.py")), str(args.topics), tmp],
                check=True,
                capture_output=True,
            )
            results["generated"] = measure(load_or_raise(Path(tmp) / "en"), args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, value in results.items():
            print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
