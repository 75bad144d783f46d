"""How long the kiosk takes to wipe a visit and show the attract screen again, against
the reader's own reset_session() in the same run; and how long a staff PIN check takes.

A visit is: wake, open two topics, search, change the rate. Then the idle clock is
pushed past the warning (a fake clock, so no waiting) and we time from that moment
until the attract screen is on top again. The baseline is GuideApp.reset_session()
alone, timed until the start page is back. Both run in Pilot with a recording speech
service, alternating. Prints medians and the ratio; --json for machines.

    python bench/kiosk_reset.py [--runs 9] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.pilot import Pilot

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.kiosk.app import build_kiosk
from guide.kiosk.config import KioskConfig
from guide.kiosk.pin import hash_pin, verify_pin
from guide.kiosk.screens import AttractScreen
from tests.kiosk.fake_clock import FakeClock
from tests.speech_fake import RecordingSpeech


async def wait_until(pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 20) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        await pilot.pause(0.005)
    return time.perf_counter() - start


async def measure(runs: int) -> dict[str, object]:
    library = load_or_raise(bundled_content_dir() / "en")
    clock = FakeClock()
    config = KioskConfig(path=Path("/nonexistent/kiosk.yaml"), idle_seconds=60, warning_seconds=30)
    app = build_kiosk(library, RecordingSpeech(enabled=False), config, clock=clock)
    kiosk_times: list[float] = []
    reader_times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, AttractScreen))
        for _ in range(runs):
            for kind in ("kiosk", "reader"):
                await pilot.press("space", "n", "n", "plus")
                await pilot.pause(0.1)
                if kind == "kiosk":
                    clock.now += 91
                    kiosk_times.append(await wait_until(pilot, lambda: isinstance(app.screen, AttractScreen)))
                else:
                    app.reset_session(app.defaults)
                    reader_times.append(await wait_until(pilot, lambda: app.current_topic is None))
                    app.start_over()
                    await wait_until(pilot, lambda: isinstance(app.screen, AttractScreen))
    stored = hash_pin("482913")
    pin_times = []
    for _ in range(runs):
        start = time.perf_counter()
        verify_pin("000000", stored)
        pin_times.append(time.perf_counter() - start)
    kiosk_ms = statistics.median(kiosk_times) * 1000
    reader_ms = statistics.median(reader_times) * 1000
    return {
        "runs": runs,
        "kiosk_reset_to_attract_ms": round(kiosk_ms, 1),
        "reader_reset_session_ms": round(reader_ms, 1),
        "ratio_kiosk_to_reader": round(kiosk_ms / reader_ms, 2) if reader_ms else None,
        "pin_check_ms": round(statistics.median(pin_times) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(measure(args.runs))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
